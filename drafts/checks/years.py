"""Years and dates: a title, opening or closing that names another year than the report's
(text carried over or imported from an older report), and the date under the report.

The checks of years need the year reported on (``CheckContext.year``; ``lint_report
--year``); without it only a missing signature date is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from .. import document
from .findings import CheckContext, Hit, excerpt

_YEAR = re.compile(r"(?<![0-9０-９])((?:19|20)[0-9]{2})(?=\s*年(度?))")
_ANY_YEAR = re.compile(r"(?<![0-9０-９.．])(?:19|20)[0-9]{2}(?=\s*(?:年|—|-|–|～|~|至))")
_SENTENCE_START = "。！？；\n"
INVISIBLE_CHARS = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# Words that look ahead: a closing's "2027年，我将……" is about the coming year.
_AHEAD = re.compile(r"^[^。！？；\n]{0,30}?(?:将|要|力争|努力|继续|计划|打算|争取)")

# Sign-off dates that fit a report on year Y: from November of Y to June of Y + 1.
LATEST_MONTH_AFTER = 6
EARLIEST_MONTH_OF = 11


def _sentence_initial(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and (text[j] in " \u3000\t" or text[j] in INVISIBLE_CHARS):
        j -= 1
    return j < 0 or text[j] in _SENTENCE_START


def wrong_years(where: str, text: str, year: int) -> list[tuple[int, int]]:
    """``(offset, the year that belongs there)`` for every year in ``text`` that names
    another year than ``year``'s report would."""
    field = document.parse_where(where).field
    out = []
    for m in _YEAR.finditer(text):
        found, is_annual = int(m.group(1)), bool(m.group(2))
        if field == "title":
            expected = year
        elif is_annual:  # "2022年度" names the year reported on
            expected = year
        elif field == "opening" and _sentence_initial(text, m.start()):
            expected = year  # "2025年，我……" opens the year reported on
        elif field == "closing" and _sentence_initial(text, m.start()):
            ahead = _AHEAD.match(text[m.end() + 1 :])
            if ahead:
                expected = year + 1
            elif found < year:
                expected = year
            else:
                continue
        else:
            continue
        if found != expected:
            out.append((m.start(), expected))
    return out


def check_wrong_year(tree: document.Report, context: CheckContext) -> list[Hit]:
    if context.year is None:
        return []
    out = []
    for where, text in tree.text_fields():
        if document.parse_where(where).field not in ("title", "opening", "closing"):
            continue
        for offset, expected in wrong_years(where, text, context.year):
            found = text[offset : offset + 4]
            out.append(
                Hit(
                    where,
                    offset,
                    excerpt(text, offset, offset + 5),
                    _(
                        "“%(found)s年” in a report on %(year)s: probably left from an older report. "
                        "It should read “%(expected)s年”."
                    )
                    % {"found": found, "year": context.year, "expected": expected},
                    replacement=str(expected),
                    length=4,
                )
            )
    return out


def check_signature_date(tree: document.Report, context: CheckContext) -> list[Hit]:
    if tree.signature is None:
        return []
    if not tree.signature.date:
        return [
            Hit("signature.date", 0, "", _("The date under the report is empty: enter the day you sign it."))
        ]
    if context.year is None:
        return []
    signed = date.fromisoformat(tree.signature.date)
    earliest = date(context.year, EARLIEST_MONTH_OF, 1)
    latest = date(context.year + 1, LATEST_MONTH_AFTER + 1, 1)
    if earliest <= signed < latest:
        return []
    return [
        Hit(
            "signature.date",
            0,
            document.format_date_cn(tree.signature.date),
            _(
                "The report on %(year)s is dated %(date)s: a report on a year is signed at its end "
                "or early in the next year. Check the date."
            )
            % {"year": context.year, "date": document.format_date_cn(tree.signature.date)},
        )
    ]


# -- carrying a report over to another year ---------------------------------------------------


@dataclass(frozen=True)
class Shift:
    """One year number replaced in a carried-over text."""

    where: str
    offset: int
    old: str
    new: str
    before: str  # the text around it, before and after the replacement
    after: str


def year_shifts(tree: document.Report, source: int, target: int) -> list[Shift]:
    """Every year number in ``tree`` (a report on ``source``) that names ``source`` or the
    year after it, with the number a report on ``target`` puts there."""
    delta = target - source
    out = []
    for where, text in tree.text_fields():
        for m in _ANY_YEAR.finditer(text):
            found = int(m.group(0))
            if found not in (source, source + 1):
                continue
            new = str(found + delta)
            start, end = m.start(), m.end()
            out.append(
                Shift(
                    where,
                    start,
                    m.group(0),
                    new,
                    excerpt(text, start, end, 8),
                    excerpt(text[:start] + new + text[end:], start, end, 8),
                )
            )
    return out


def shift_years(tree: document.Report, source: int, target: int) -> document.Report:
    """A copy of ``tree`` with :func:`year_shifts` applied."""
    by_field: dict[str, list[Shift]] = {}
    for s in year_shifts(tree, source, target):
        by_field.setdefault(s.where, []).append(s)
    data = tree.to_dict()
    for where, shifts in by_field.items():
        place = document.parse_where(where)
        text = dict(tree.text_fields())[where]
        for s in reversed(shifts):
            text = text[: s.offset] + s.new + text[s.offset + len(s.old) :]
        if place.part == "report":
            data[place.field] = text
        elif place.part == "signature":
            data["signature"][place.field] = text
        elif place.item is None:
            data["sections"][place.section][place.field] = text
        else:
            data["sections"][place.section]["items"][place.item][place.field] = text
    return document.Report.from_dict(data)
