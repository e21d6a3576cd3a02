"""What the official's home page and the wizard's header say about the cycle: days left,
whether the report can still be written, whether they are on the roll, reminders."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from ..models import RollEntry
from .deadlines import Window
from .reminders import notices


def annotate(official, years: list[dict], today: date | None = None) -> None:
    """Add ``window``, ``days_left``, ``closed`` (why it cannot be written, or None),
    ``on_roll`` and ``reminder`` to each ``{"year": …, "report": …}`` row (2 queries)."""
    today = today or timezone.localdate()
    ys = [row["year"] for row in years]
    entries = {
        e.year_id: e
        for e in RollEntry.objects.filter(official=official, year__in=ys, removed_at=None)
    }
    reminded = notices(official, ys, today)
    for row in years:
        y = row["year"]
        entry = entries.get(y.pk)
        extended = entry.extended_until if entry else None
        window = Window(extended, True, y.is_open) if extended else Window(y.deadline, False, y.is_open)
        row["window"] = window
        row["days_left"] = window.days_left(today)
        row["closed"] = window.why_closed(y.year, today)
        row["on_roll"] = (not y.has_roll) or entry is not None
        report = row.get("report")
        row["reminder"] = reminded.get(y.pk) if not report or report.is_editable else None


def banner(report, today: date | None = None) -> dict:
    """The wizard header's deadline line for ``report`` (1 query)."""
    from .deadlines import window

    today = today or timezone.localdate()
    w = window(report.year, report.official_id)
    return {
        "deadline": w.deadline,
        "extended": w.extended,
        "days_left": w.days_left(today),
        "closed": w.why_closed(report.year.year, today),
    }
