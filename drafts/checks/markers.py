"""Numbering slips: numbers inside a field that skip or repeat, and numbers typed by hand
before a heading or a lead sentence (the report numbers those itself), with their fix."""

from __future__ import annotations

import re
from functools import cache

from django.utils.translation import gettext as _

from .. import document
from ..numbering import chinese_numeral
from .findings import CheckContext, Hit, excerpt

_CN_NUM = "一二三四五六七八九十"
_ORD_RE = re.compile(rf"(?:^|(?<=[。；！？：;!?:\n]))\s*([{_CN_NUM}]{{1,3}})是(?![的否])", re.M)
_PAREN_RE = re.compile(rf"(?:^|(?<=[。；！？：;!?:\n]))\s*[（(]([{_CN_NUM}]{{1,3}})[）)]", re.M)
_ARABIC_RE = re.compile(r"^\s*(\d{1,2})[.．、](?!\d)", re.M)


@cache
def _cn_values() -> dict[str, int]:
    return {chinese_numeral(n): n for n in range(1, 100)}


def _sequence_hits(where: str, text: str, matches, fmt) -> list[Hit]:
    out = []
    expected = 1
    for m in matches:
        value = int(m.group(1)) if m.group(1).isdigit() else _cn_values().get(m.group(1), 0)
        if value == 0:
            continue
        if value == 1 and expected != 1:
            expected = 1  # a new run restarts the numbering
        if value != expected:
            marker = fmt(value)
            if value < expected:
                message = _(
                    "The number “%(marker)s” repeats or goes backwards (expected “%(expected)s”)."
                )
            else:
                message = _("The numbering skips: “%(marker)s” where “%(expected)s” was expected.")
            start = m.start(1)
            out.append(
                Hit(
                    where,
                    start,
                    excerpt(text, start, m.end()),
                    message % {"marker": marker, "expected": fmt(expected)},
                )
            )
        expected = value + 1
    return out


# -- numbers typed by hand where the report numbers automatically --------------------------

_HEADING_MARKER_RE = re.compile(
    rf"^[\s\u3000]*(?:[{_CN_NUM}]{{1,3}}[\s\u3000]*[、.．]|第[{_CN_NUM}]{{1,3}}(?:部分|章|节)"
    rf"[\s\u3000]*[、.．:：]?|\d{{1,2}}[.．、](?!\d))[\s\u3000]*"
)
_LEAD_MARKER_RE = re.compile(
    rf"^[\s\u3000]*(?:\d{{1,2}}[.．、](?!\d)|[（(][{_CN_NUM}]{{1,3}}[）)]|[{_CN_NUM}]{{1,3}}是(?![的否])"
    rf"|[{_CN_NUM}]{{1,3}}[、])[\s\u3000]*"
)


def _typed_marker(where: str, text: str, tree: document.Report) -> re.Match | None:
    """The number typed at the start of a heading or an item's lead sentence, if any."""
    place = document.parse_where(where)
    if place is None:
        return None
    if place.field == "heading":
        return _HEADING_MARKER_RE.match(text)
    if place.field == "lead" and tree.sections[place.section].item_style != "none":
        return _LEAD_MARKER_RE.match(text)
    return None


def fix_typed_marker(where: str, text: str, tree: document.Report) -> str:
    m = _typed_marker(where, text, tree)
    return text[m.end() :] if m and m.end() < len(text) else text


def check_typed_marker(tree: document.Report, context: CheckContext) -> list[Hit]:
    """“一、” before a heading or “1.” before a lead sentence: printed twice (一、一、…)."""
    out = []
    for where, text in tree.text_fields():
        m = _typed_marker(where, text, tree) if text else None
        if not m or m.end() >= len(text):
            continue
        out.append(
            Hit(
                where,
                m.start(),
                text[: m.end() + 8],
                _(
                    "The number “%(marker)s” was typed by hand, but numbering is added "
                    "automatically, so it would be printed twice. Delete it."
                )
                % {"marker": m.group(0).strip()},
                fix=fix_typed_marker(where, text, tree),
                length=m.end() - m.start(),
            )
        )
    return out


def check_numbering(tree: document.Report, context: CheckContext) -> list[Hit]:
    """Numbers inside a field (一是…三是, （一）…（三）, 1. … 3.) that skip or repeat."""
    out = []
    for where, text in tree.text_fields():
        if not text:
            continue
        typed = _typed_marker(where, text, tree)
        if typed:  # reported by check_typed_marker; blank it out, keeping the offsets
            text = " " * typed.end() + text[typed.end() :]
        out += _sequence_hits(
            where, text, _ORD_RE.finditer(text), lambda n: f"{chinese_numeral(n)}是"
        )
        out += _sequence_hits(
            where, text, _PAREN_RE.finditer(text), lambda n: f"（{chinese_numeral(n)}）"
        )
        out += _sequence_hits(where, text, _ARABIC_RE.finditer(text), lambda n: f"{n}.")
    return out
