"""The writer's own version history: versions kept of a draft's content (``SavedVersion``) and
its submissions, each to view, to compare with today's content and to restore.

A version is kept before the first change of each day of editing (:func:`keep_daily`, called
by ``locking.take_lock``), before an import replaces the content and before a restore; a
carry-over keeps the content it started with; a submission is a version by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from .. import document
from ..models import Report, SavedVersion, Submission
from ..persistence import load_tree


def keep(report: Report, reason: str, user=None, tree: document.Report | None = None) -> SavedVersion:
    """Keep ``tree`` (default: the stored content) as a version of ``report``."""
    tree = tree if tree is not None else load_tree(report.pk)
    return SavedVersion.objects.create(
        report_id=report.pk, tree=tree.to_dict(), reason=reason, created_by=user
    )


def keep_daily(report: Report) -> None:
    """Before the first change of a day: keep the content as it was (once a day)."""
    today = timezone.localdate()
    if report.versioned_on is not None and report.versioned_on >= today:
        return
    if Report.objects.filter(pk=report.pk, versioned_on__lt=today).update(versioned_on=today):
        keep(report, SavedVersion.Reason.DAY)
    report.versioned_on = today


@dataclass
class Entry:
    """One line of the history: a kept version or a submission."""

    kind: str  # "saved" | "submission"
    pk: int
    at: datetime
    label: str
    tree: dict

    @property
    def chars(self) -> int:
        return document.Report.from_dict(self.tree).char_count()


def entries(report: Report) -> list[Entry]:
    """The report's versions, newest first."""
    saved = [
        Entry("saved", v.pk, v.created_at, v.get_reason_display(), v.tree)
        for v in SavedVersion.objects.filter(report=report)
    ]
    submitted = [
        Entry("submission", s.pk, s.created_at, _("Submission no. %(n)s") % {"n": s.number}, s.tree)
        for s in Submission.objects.filter(report=report)
    ]
    return sorted(saved + submitted, key=lambda e: (e.at, e.pk), reverse=True)


def find(report: Report, kind: str, pk: int) -> Entry | None:
    return next((e for e in entries(report) if e.kind == kind and e.pk == pk), None)
