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


def earlier_reports(official_id: int, year: int) -> list[Report]:
    """The official's reports of the years before ``year``, the latest first."""
    return list(
        Report.objects.filter(official_id=official_id, year__year__lt=year)
        .select_related("year", "report_type")
        .order_by("-year__year")
    )


def previous_report(official_id: int, year: int) -> Report | None:
    """Last year's report as the checks and a carry-over see it by default: the official's
    latest approved report of a year before ``year``, else the latest one."""
    earlier = earlier_reports(official_id, year)
    return next((r for r in earlier if r.status == Report.Status.APPROVED), None) or next(
        iter(earlier), None
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


def answered_promises(report: Report, previous: document.Report | None) -> frozenset[int]:
    """Last year's promises the official answered by hand (a passage linked, or not done
    with a reason), by index; an answer counts while its promise still reads the same."""
    promises = [p.text for p in checks.promises_of(previous)]
    return frozenset(
        a.index
        for a in report.promise_answers.all()
        if a.answered and a.index < len(promises) and promises[a.index] == a.promise
    )


def check_context(report: Report) -> checks.CheckContext:
    """What the checks need to know about ``report`` besides its text."""
    previous = previous_tree(report)
    return checks.CheckContext(
        previous=previous,
        answered_promises=answered_promises(report, previous) if previous else frozenset(),
        suggested_chars=report.report_type.suggested_chars or None,
        section_suggested={
            i: s.suggested_chars for i, s in enumerate(report.sections.all()) if s.suggested_chars
        },
        year=report.year.year,
    )


def findings_for(
    report: Report, tree: document.Report | None = None, context: checks.CheckContext | None = None
) -> list[checks.Finding]:
    """The findings of ``tree`` (default: the report's current content) as a report of
    ``report``; ``context``: its :func:`check_context` when the caller already has it."""
    if tree is None:
        tree = report_to_tree(Report.objects.prefetch_related(sections_prefetch()).get(pk=report.pk))
    return checks.run_checks(tree, context=context or check_context(report))
