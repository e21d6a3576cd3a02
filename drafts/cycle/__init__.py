"""The organisation's reporting cycle: the roster, the year's roll, deadlines and
extensions, reminders, the progress board."""
