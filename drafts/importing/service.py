"""Accepting an import into the database: a new draft, or a draft's content replaced (with a
backup) under the draft's version lock, and restoring that backup.

The pages (``.views``) hold the pending import in the session; everything here takes a
tree and the models.
"""

from __future__ import annotations

from django.db import transaction

from .. import workflow
from ..cycle import deadlines
from ..document import Report as Tree
from ..drafting import history, locking, starting
from ..models import ContentBackup, Report, ReportingYear, ReportType, SavedVersion
from ..persistence import apply_tree, load_tree, report_to_tree, sections_prefetch
from .fit import complete, same_content

BACKUP_REASON = "import-replace"
RESTORE_REASON = "import-restore"


class NothingToRestore(Exception):
    pass


class UnreadableBackup(Exception):
    pass


def holds(report: Report, tree: Tree) -> bool:
    """Whether ``report`` already has the imported content (the import was accepted)."""
    return same_content(load_tree(report.pk), tree)


def accept_new(official, year, report_type, tree: Tree) -> Report:
    """A new draft of ``year`` holding ``tree`` (IntegrityError if the official has one;
    ``locking.NotEditable`` when the official may not start one: not on the roll, after the
    deadline, in a closed year)."""
    refused = deadlines.why_no_start(official, year)
    if refused:
        raise locking.NotEditable(refused)
    with transaction.atomic():
        report = starting.start_report(official, year, report_type)
        report = Report.objects.prefetch_related(sections_prefetch()).get(pk=report.pk)
        apply_tree(report, complete(tree, report_to_tree(report)))
    return report


def replace(report: Report, tree: Tree, expected_version, user) -> Report:
    """The draft's content replaced by ``tree``, the old content kept as a backup.

    Raises ``locking.StaleVersion`` (changed since the import started; nothing written) or
    ``locking.NotEditable``.
    """
    with transaction.atomic():
        locking.take_lock(report, expected_version)
        report = Report.objects.prefetch_related(sections_prefetch()).get(pk=report.pk)
        old = report_to_tree(report)
        ContentBackup.objects.create(
            report=report, tree=old.to_dict(), reason=BACKUP_REASON, created_by=user
        )
        history.keep(report, SavedVersion.Reason.IMPORT, user, old)
        apply_tree(report, complete(tree, old), bump_version=False)
    return report


def has_backup(report: Report | None) -> bool:
    return bool(report) and ContentBackup.objects.filter(report=report, reason=BACKUP_REASON).exists()


def restore(report: Report, user) -> Report:
    """Put back the content from before the last import (keeping today's as a backup too)."""
    backup = (
        ContentBackup.objects.filter(report=report, reason=BACKUP_REASON)
        .order_by("-created_at", "-pk")
        .first()
    )
    if backup is None:
        raise NothingToRestore
    try:
        tree = Tree.from_dict(backup.tree)
    except ValueError:
        raise UnreadableBackup from None
    with transaction.atomic():
        report = (
            Report.objects.select_for_update()
            .prefetch_related(sections_prefetch())
            .get(pk=report.pk)
        )
        locking.take_lock(report, report.version)  # every content change takes the lock
        current = report_to_tree(report)
        ContentBackup.objects.create(
            report=report, tree=current.to_dict(), reason=RESTORE_REASON, created_by=user
        )
        history.keep(report, SavedVersion.Reason.RESTORE, user, current)
        apply_tree(report, tree, bump_version=False)
        backup.delete()
    return report


def replaceable_drafts(official) -> list[Report]:
    """The official's editable reports in open years: an import started from the home page
    may replace one of them (without pasting again)."""
    if official is None:
        return []
    return list(
        Report.objects.filter(official=official, year__is_open=True, status__in=workflow.EDITABLE)
        .select_related("year", "report_type")
        .order_by("-year__year")
    )


def new_draft_choices(official) -> tuple[list[ReportingYear], list[ReportType]]:
    """The open years the official has no report for yet, and the report types."""
    if official is None:
        return [], []
    taken = set(Report.objects.filter(official=official).values_list("year_id", flat=True))
    years = [
        y for y in ReportingYear.objects.filter(is_open=True).order_by("-year") if y.pk not in taken
    ]
    return years, list(ReportType.objects.filter(is_active=True).order_by("order", "pk"))
