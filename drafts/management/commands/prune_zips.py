"""``python manage.py prune_zips [--days N]``: delete ZIP jobs older than N days (default 7).

Deletes the reviewers' ZIP jobs and their files (and stray files in ``MEDIA_ROOT/zips``)
older than N days; a job still being built is kept. Meant to run daily from cron.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from drafts.review.zips import prune_zips


class Command(BaseCommand):
    help = "Delete the reviewers' ZIP jobs and their files older than --days days (default 7)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="age in days (default 7)")

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more", returncode=2)
        pruned = prune_zips(days)
        if options["verbosity"] > 0:
            self.stdout.write(f"Deleted {pruned.jobs} ZIP jobs and {pruned.files} files.")
