"""Django system checks (``manage.py check``). The rendering issue adds font checks here."""
