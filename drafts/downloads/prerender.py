"""Rendering ahead: when a report is submitted or approved, its files (from the frozen tree)
are rendered in the background into the render cache, so that the reviewer's first open and
every download are served from the cache.

``schedule`` is called by the workflow after a transition into a status whose files are
printed from the frozen tree (not editable); ``prerender`` is the task; ``stale_reports``
finds the reports whose files are missing under the current layout profile (after a profile
or font change), for ``manage.py prerender``.
"""

from __future__ import annotations

import logging

from django_tasks import task

from .. import background, document, workflow
from ..models import Report, Submission
from ..rendering import cache, formats
from .files import Printed, marked_draft

log = logging.getLogger("drafts.rendering")


def frozen_statuses() -> list[str]:
    return [s.code for s in workflow.STATUS_TABLE if not s.editable]


def printed_of(report, submission) -> Printed:
    return Printed(
        document.Report.from_dict(submission.tree), draft=marked_draft(report.status)
    )


def render_ahead(report_id: int) -> int:
    """Render every downloadable format of the report's latest submission that is not in the
    cache yet; returns how many files were rendered."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None or workflow.is_editable(report.status):
        return 0
    submission = report.latest_submission()
    if submission is None:
        return 0
    printed = printed_of(report, submission)
    rendered = 0
    for fmt in formats.DOWNLOADS:
        if not cache.is_cached(submission.tree_hash, fmt.ext, draft=printed.draft):
            cache.cached_render(printed.tree, fmt.ext, draft=printed.draft)
            rendered += 1
    return rendered


@task()
def prerender(report_id: int) -> int:
    return render_ahead(report_id)


def schedule(report) -> None:
    """Render ``report``'s files in the background once the transaction commits."""
    if not workflow.is_editable(report.status):
        background.run(prerender, report.pk)


def stale_reports() -> list[int]:
    """Reports printed from a frozen tree whose files are not all in the cache."""
    latest = {}
    for report_id, status, tree_hash in (
        Submission.objects.filter(report__status__in=frozen_statuses())
        .order_by("report_id", "number")
        .values_list("report_id", "report__status", "tree_hash")
    ):
        latest[report_id] = (status, tree_hash)
    return [
        report_id
        for report_id, (status, tree_hash) in latest.items()
        if not all(
            cache.is_cached(tree_hash, f.ext, draft=marked_draft(status))
            for f in formats.DOWNLOADS
        )
    ]
