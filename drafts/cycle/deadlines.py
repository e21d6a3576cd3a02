"""May this report be written today, and why not: the one predicate behind every refusal
of a change after the deadline or in a closed year (the wizard's saves and autosave via
``drafting.locking.take_lock``, a submission, an import), and the days left shown on the
home page and in the wizard.

A granted extension (``RollEntry.extended_until``, recorded as a ``RollChange``) lets that
official write until its date, after the deadline and in a closed year alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..models import RollEntry


@dataclass(frozen=True)
class Window:
    """When an official may write their report of a year."""

    deadline: date | None  # the year's deadline, or the extension's date
    extended: bool
    year_open: bool

    def days_left(self, today: date) -> int | None:
        return None if self.deadline is None else (self.deadline - today).days

    def why_closed(self, year: int, today: date) -> str | None:
        """None if the report may be written on ``today``, else the reason, for the user."""
        if self.extended:
            if self.deadline is not None and self.deadline < today:
                return _(
                    "Your extension for %(year)s ended on %(date)s; the report can no longer "
                    "be changed. Ask the cycle manager if you need more time."
                ) % {"year": year, "date": _day(self.deadline)}
            return None
        if not self.year_open:
            return _(
                "Reporting for %(year)s is closed; the report can no longer be changed. "
                "Ask the cycle manager for an extension if you still need to change it."
            ) % {"year": year}
        if self.deadline is not None and self.deadline < today:
            return _(
                "The deadline for %(year)s (%(date)s) has passed; the report can no longer be "
                "changed. Ask the cycle manager for an extension if you still need to change it."
            ) % {"year": year, "date": _day(self.deadline)}
        return None


def _day(d: date) -> str:
    return formats.date_format(d, "Y年n月j日")


def window(year, official_id: int, extended_until: date | None | bool = False) -> Window:
    """The writing window of ``official_id`` in ``year`` (one query unless the extension
    date is given: pass ``None`` for "no extension")."""
    if extended_until is False:
        extended_until = (
            RollEntry.objects.filter(year=year, official_id=official_id, removed_at=None)
            .values_list("extended_until", flat=True)
            .first()
        )
    if extended_until:
        return Window(extended_until, True, year.is_open)
    return Window(year.deadline, False, year.is_open)


def why_read_only(report, today: date | None = None) -> str | None:
    """None if ``report`` may be written today as far as the cycle goes (deadline, closed
    year, extension), else the message. Whether its *status* lets it be edited is the
    workflow's business (``workflow.is_editable``)."""
    today = today or timezone.localdate()
    year = report.year
    if year.is_open and (year.deadline is None or year.deadline >= today):
        # Within the year's own window an extension can only lengthen it: no query (this
        # runs on every autosave).
        return None
    return window(year, report.official_id).why_closed(year.year, today)


def why_no_start(official, year, today: date | None = None) -> str | None:
    """None if ``official`` may start a report for ``year`` today, else the message: only
    officials on a kept roll, and only while the report could be written."""
    from .roll import is_member

    today = today or timezone.localdate()
    if not is_member(official, year):
        return _(
            "You are not on the roll for %(year)s, so there is no report to write. "
            "If you should be, ask the cycle manager to add you."
        ) % {"year": year.year}
    return window(year, official.pk).why_closed(year.year, today)
