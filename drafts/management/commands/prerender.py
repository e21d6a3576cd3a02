"""``python manage.py prerender [--enqueue]``: render the files of every submitted or approved
report that are missing from the render cache (after a layout profile or font change, or a
pruned cache). ``--enqueue`` hands them to the background worker instead of rendering here;
the start scripts run it so that a change re-renders in the background, not at the next click.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from drafts import background
from drafts.downloads.prerender import prerender, render_ahead, stale_reports


class Command(BaseCommand):
    help = "Render the missing files of submitted and approved reports into the render cache."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="queue the renders for the worker"
        )

    def handle(self, *args, enqueue=False, **options):
        stale = stale_reports()
        rendered = 0
        for report_id in stale:
            if enqueue:
                background.run(prerender, report_id)
            else:
                rendered += render_ahead(report_id)
        if enqueue:
            self.stdout.write(f"{len(stale)} reports queued for rendering")
        else:
            self.stdout.write(f"{len(stale)} reports, {rendered} files rendered")
