"""The findings of a stored report: the one place pages get them from.

The wizard, the preview, the submission and the reviewer's page all call
:func:`findings_for`, so a report shows the same findings everywhere: the same checks with
the same inputs — last year's report (:func:`previous_tree`) and the suggested lengths of
the report's type and sections.
"""

from __future__ import annotations

from . import checks, document
from .models import Report
from .persistence import report_to_tree, sections_prefetch


def previous_report(official_id: int, year: int) -> Report | None:
    """The official's latest report of a year before ``year``."""
    return (
        Report.objects.filter(official_id=official_id, year__year__lt=year)
        .select_related("year", "report_type")
        .order_by("-year__year")
        .first()
    )


def previous_tree(report: Report) -> document.Report | None:
    """Last year's report of the same official: its approved snapshot, else its content."""
    prev = previous_report(report.official_id, report.year.year)
    if prev is None:
        return None
    if prev.status == Report.Status.APPROVED:
        snapshot = prev.latest_submission()
        if snapshot is not None:
            return document.Report.from_dict(snapshot.tree)
    return report_to_tree(Report.objects.prefetch_related(sections_prefetch()).get(pk=prev.pk))


def check_context(report: Report) -> checks.CheckContext:
    """What the checks need to know about ``report`` besides its text."""
    return checks.CheckContext(
        previous=previous_tree(report),
        suggested_chars=report.report_type.suggested_chars or None,
        section_suggested={
            i: s.suggested_chars for i, s in enumerate(report.sections.all()) if s.suggested_chars
        },
        year=report.year.year,
    )


def findings_for(report: Report, tree: document.Report | None = None) -> list[checks.Finding]:
    """The findings of ``tree`` (default: the report's current content) as a report of ``report``."""
    if tree is None:
        tree = report_to_tree(Report.objects.prefetch_related(sections_prefetch()).get(pk=report.pk))
    return checks.run_checks(tree, context=check_context(report))
