"""Line breaking and inter-character justification of body paragraphs for the PDF.

WeasyPrint justifies by stretching spaces only, and Chinese text has none: a line that holds
an odd number of half-width characters (digits, Latin) or that gave a character to the next
line (a comma may not start a line) would end short of the right margin. Word and WPS spread
such a line's slack over its characters; so does this module, by breaking the paragraph
itself and giving every line but the last the letter spacing that ends it flush.

Kinsoku (GB/T 15834 practice): no closing mark (``，。、；：？！）》”`` …) starts a line and no
opening mark (``“（《`` …) ends one. Where the natural break would do either, a character is
pushed over to the next line (the line is spaced out), or, when that is not possible within
a few characters, the closing mark is pulled back onto the line (the line is spaced tighter,
never past the margin).

Pure Python: widths come from a ``measure(face, char) -> points`` function (see
:mod:`.fontmetrics`), so the breaker is tested without fonts.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

# Characters that may not start a line, and that may not end one (GB/T 15834 practice).
NO_LINE_START = frozenset("。，、；：？！）》」』】〉”’%‰·—…,.;:?!)]}")
NO_LINE_END = frozenset("（《「『【〈“‘([{")
# A line is stretched at most this much per character (in points); beyond it (a line holding
# one long unbreakable word) it stays as WeasyPrint would set it.
MAX_STRETCH_PT = 4.0
# A line that takes a closing mark back is tightened at most this much per character.
MAX_SQUEEZE_PT = 0.75
# Characters pushed over to the next line at most, before a mark is pulled back instead.
MAX_PUSH = 3
_EPSILON = 0.01


@dataclass
class Piece:
    """A part of run ``run`` (an index into the paragraph's runs) that lies on one line."""

    run: int
    text: str


@dataclass
class Line:
    pieces: list[Piece] = field(default_factory=list)
    letter_spacing_pt: float | None = None  # None: the paragraph's own (last line, no stretch)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


def is_wide(ch: str) -> bool:
    """A character one em wide in CJK faces (ideographs, full-width punctuation)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


# Narrow runs this long (addresses, pasted codes) may break every so many characters, as
# the HTML writer lets WeasyPrint break them; no unit is then wider than a line.
LONG_WORD = 24
LONG_WORD_PIECE = 12


@lru_cache(maxsize=1)
def _token_pattern() -> re.Pattern:
    """Spaces, a wide character (or other white space), or a run of narrow characters; the
    wide class is built once from the Unicode database (the Basic Multilingual Plane, and the
    ideograph planes 2 and 3, which are all wide)."""
    ranges, start = [], None
    for cp in range(0x10000):
        if is_wide(chr(cp)):
            if start is None:
                start = cp
        elif start is not None:
            ranges.append((start, cp - 1))
            start = None
    wide = "".join(
        re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges
    )
    wide += "\U00020000-\U0003fffd"
    return re.compile(f"(?P<space>[ \t]+)|(?P<wide>[{wide}]|\\s)|(?P<narrow>[^ \t\\s{wide}]+)")


def _units(texts: Sequence[str]) -> tuple[list[int], list[str], list[bool]]:
    """The paragraph cut where a line may break: every wide character on its own, a run of
    narrow characters (a number, a Latin word) kept whole unless it is long, a run of spaces
    as one space; ``(run index, text, wide)`` as three lists."""
    runs: list[int] = []
    units: list[str] = []
    wides: list[bool] = []
    pattern = _token_pattern()
    for index, text in enumerate(texts):
        for match in pattern.finditer(text):
            kind, token = match.lastgroup, match.group()
            if kind == "space":
                if not (units and units[-1] == " "):
                    runs.append(index)
                    units.append(" ")
                    wides.append(False)
            elif kind == "wide":
                runs.append(index)
                units.append(token)
                wides.append(True)
            elif len(token) < LONG_WORD:
                runs.append(index)
                units.append(token)
                wides.append(False)
            else:
                for k in range(0, len(token), LONG_WORD_PIECE):
                    runs.append(index)
                    units.append(token[k : k + LONG_WORD_PIECE])
                    wides.append(False)
    return runs, units, wides


def break_paragraph(
    texts: Sequence[str],
    faces: Sequence[str],
    measure: Callable[[str, str], float],
    *,
    width_pt: float,
    indent_pt: float,
    letter_spacing_pt: float,
    quantize: Callable[[float], float] | None = None,
    snap_pt: float = 0.0,
) -> list[Line]:
    """The paragraph made of runs ``texts`` (set in ``faces``) broken into lines of
    ``width_pt`` (the first indented by ``indent_pt``), each character advancing by its width
    plus ``letter_spacing_pt``; every line but the last carries the letter spacing that makes
    it exactly ``width_pt`` wide (a last line only if it had to be tightened).

    ``quantize(spacing)`` gives the widest spacing the output can show that is not wider
    (:func:`.spacing.achievable`), so a line never ends past the margin; a line that already
    ends within ``snap_pt`` of the margin keeps ``letter_spacing_pt``."""
    runs, units, wides = _units(texts)
    advances, counts = _measure_units(runs, units, wides, faces, measure)
    ls = letter_spacing_pt
    # Prefix sums: the advance of units[s:e] spaced by ls, trailing spacing included, is
    # reach[e] - reach[s]; its visible end (no spacing after the last glyph) one ls less.
    reach = [0.0]
    for adv, count in zip(advances, counts, strict=True):
        reach.append(reach[-1] + adv + count * ls)
    ranges: list[tuple[int, int]] = []
    n = len(units)
    start = _skip_spaces(units, 0)
    while start < n:
        target = width_pt - (indent_pt if not ranges else 0.0) - ls
        end = max(start + 1, bisect_right(reach, reach[start] + target + ls + _EPSILON) - 1)
        if end < n:
            end = _kinsoku_end(units, advances, counts, start, end, target, ls)
        ranges.append((start, end))
        start = _skip_spaces(units, end)
    lines = []
    for k, (first, end) in enumerate(ranges):
        last = k == len(ranges) - 1
        while end - 1 > first and units[end - 1] == " ":  # no space at a line's end
            end -= 1
        target = width_pt - (indent_pt if k == 0 else 0.0) - ls
        line = _line(runs, units, first, end)
        adv = sum(advances[first:end])
        chars = sum(counts[first:end])
        line.letter_spacing_pt = _line_spacing(
            adv, chars, target, ls, last=last, quantize=quantize, snap_pt=snap_pt
        )
        lines.append(line)
    return lines


def _measure_units(runs, units, wides, faces, measure) -> tuple[list[float], list[int]]:
    """Each unit's advance without spacing, and its number of characters (a wide unit is
    one character, as wide as the face's em: measured once per face)."""
    cache: dict[tuple[str, str], float] = {}
    em: dict[str, float] = {}
    advances, counts = [], []
    for run, text, wide in zip(runs, units, wides, strict=True):
        face = faces[run]
        if wide:
            width = em.get(face)
            if width is None:
                width = em[face] = measure(face, "\u4e00")
            advances.append(width)
            counts.append(1)
            continue
        total = 0.0
        for ch in text:
            width = cache.get((face, ch))
            if width is None:
                width = cache[(face, ch)] = measure(face, ch)
            total += width
        advances.append(total)
        counts.append(len(text))
    return advances, counts


def _skip_spaces(units, i: int) -> int:
    while i < len(units) and units[i] == " ":
        i += 1
    return i


def _may_break(units, end: int) -> bool:
    """Whether a line may end before unit ``end`` (kinsoku)."""
    before, after = units[end - 1], units[end]
    if before == " " or after == " ":
        return True
    return before[-1] not in NO_LINE_END and after[0] not in NO_LINE_START


def _kinsoku_end(units, advances, counts, start, end, target, ls) -> int:
    """The end of the line that starts at ``start`` and would naturally end at ``end``:
    ``end`` itself if kinsoku allows, else a character or more pushed over, else closing
    marks pulled back, else the nearest allowed break before."""
    if _may_break(units, end):
        return end
    n = len(units)

    def spacing(e: int) -> float:
        chars = sum(counts[start:e])
        return (target - sum(advances[start:e])) / max(chars - 1, 1)

    for e in range(end - 1, max(start, end - MAX_PUSH - 1), -1):
        if _may_break(units, e) and spacing(e) - ls <= MAX_STRETCH_PT:
            return e
    for e in range(end + 1, min(n, end + 2) + 1):
        if (e == n or _may_break(units, e)) and ls - spacing(e) <= MAX_SQUEEZE_PT:
            return e
    for e in range(end - MAX_PUSH - 1, start, -1):
        if _may_break(units, e):
            return e
    return end


def _line(runs, units, start: int, end: int) -> Line:
    line = Line()
    for run, text in zip(runs[start:end], units[start:end], strict=True):
        if line.pieces and line.pieces[-1].run == run:
            line.pieces[-1].text += text
        else:
            line.pieces.append(Piece(run, text))
    return line


def _line_spacing(adv, chars, target, ls, *, last, quantize, snap_pt) -> float | None:
    """The letter spacing that ends a line of ``chars`` characters (advances ``adv``) at
    ``target``; None for a last line that fits, or a line that would stretch too far."""
    if chars < 2:
        return None
    natural = adv + (chars - 1) * ls
    over = natural > target + _EPSILON
    if not over:
        if last:
            return None
        if target - natural <= snap_pt:
            return ls
    wanted = (target - adv) / (chars - 1)
    if wanted - ls > MAX_STRETCH_PT:
        return None
    return quantize(wanted) if quantize else wanted
