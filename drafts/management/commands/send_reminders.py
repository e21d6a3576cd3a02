"""Remind the officials on the rolls of open years who have not submitted (for cron).

    python manage.py send_reminders [--days-before N]

``--days-before N``: only those whose deadline is at most N days away (or past). Nobody is
reminded twice on the same day; prints one line per year.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from drafts.cycle import reminders
from drafts.models import ReportingYear


class Command(BaseCommand):
    help = "Remind the officials on the roll who have not submitted their report."

    def add_arguments(self, parser):
        parser.add_argument("--days-before", type=int, default=None, metavar="N")

    def handle(self, *args, **options):
        days = options["days_before"]
        if days is not None and days < 0:
            raise CommandError("--days-before must be 0 or more")
        for year in ReportingYear.objects.filter(is_open=True, has_roll=True).order_by("year"):
            sent = reminders.send(year, None, days_before=days)
            self.stdout.write(
                f"{year.year}: {sent.reminded} reminded ({sent.emailed} by e-mail), "
                f"{sent.already_today} already reminded today"
            )
