"""Line breaking and inter-character justification of body paragraphs for the PDF.

WeasyPrint justifies by stretching spaces only, and Chinese text has none: a line that holds
an odd number of half-width characters (digits, Latin) or that gave a character to the next
line (a comma may not start a line) would end short of the right margin. Word and WPS spread
such a line's slack over its characters; so does this module, by breaking the paragraph
itself and giving every line but the last its own letter spacing.

Pure Python: widths come from a ``measure(face, char) -> points`` function (see
:mod:`.fontmetrics`), so the breaker is tested without fonts.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# Characters that may not start a line, and that may not end one (GB/T 15834 practice).
NO_LINE_START = frozenset("。，、；：？！）》」』】〉”’%‰·—…,.;:?!)]}")
NO_LINE_END = frozenset("（《「『【〈“‘([{")
# A line is stretched at most this much per character (in points); beyond it (a line holding
# one long unbreakable word) it stays as WeasyPrint would set it.
MAX_STRETCH_PT = 4.0
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


def _units(texts: Sequence[str]) -> list[tuple[int, str]]:
    """The paragraph cut where a line may break: every wide character on its own, a run of
    narrow characters (a number, a Latin word, a space) kept whole unless it is long;
    ``(run index, text)``."""
    units: list[tuple[int, str]] = []

    def flush(index: int, word: str) -> None:
        if len(word) < LONG_WORD:
            units.append((index, word))
        else:
            units.extend(
                (index, word[k : k + LONG_WORD_PIECE]) for k in range(0, len(word), LONG_WORD_PIECE)
            )

    for index, text in enumerate(texts):
        word = ""
        for ch in text:
            if is_wide(ch) or ch.isspace():
                if word:
                    flush(index, word)
                    word = ""
                units.append((index, ch))
            else:
                word += ch
        if word:
            flush(index, word)
    return units


def break_paragraph(
    texts: Sequence[str],
    faces: Sequence[str],
    measure: Callable[[str, str], float],
    *,
    width_pt: float,
    indent_pt: float,
    letter_spacing_pt: float,
) -> list[Line]:
    """The paragraph made of runs ``texts`` (set in ``faces``) broken into lines of
    ``width_pt`` (the first indented by ``indent_pt``), each character advancing by its width
    plus ``letter_spacing_pt``; every line but the last carries the letter spacing that makes
    it exactly ``width_pt`` wide."""
    units = _units(texts)
    widths = [
        sum(measure(faces[run], ch) + letter_spacing_pt for ch in text) for run, text in units
    ]
    lines: list[list[int]] = []
    current: list[int] = []
    used = 0.0
    i = 0
    while i < len(units):
        room = width_pt - (indent_pt if not lines else 0.0)
        if used + widths[i] <= room + _EPSILON or not current:
            current.append(i)
            used += widths[i]
            i += 1
            continue
        # Unit i starts the next line: keep closing punctuation off the line start and
        # opening punctuation off the line end by moving units down (push-out).
        while len(current) > 1 and (
            units[i][1][0] in NO_LINE_START or units[current[-1]][1][-1] in NO_LINE_END
        ):
            moved = current.pop()
            used -= widths[moved]
            i = moved
        lines.append(current)
        current, used = [], 0.0
    if current:
        lines.append(current)
    return [
        _line(
            units,
            widths,
            idxs,
            room=width_pt - (indent_pt if n == 0 else 0.0),
            letter_spacing_pt=letter_spacing_pt,
            last=n == len(lines) - 1,
        )
        for n, idxs in enumerate(lines)
    ]


def _line(units, widths, idxs, *, room, letter_spacing_pt, last) -> Line:
    """Line ``idxs`` (unit indexes) with its pieces and, unless ``last``, its spacing.
    ``widths`` are the units' advances including the default spacing after each character."""
    line = Line()
    for idx in idxs:
        run, text = units[idx]
        if line.pieces and line.pieces[-1].run == run:
            line.pieces[-1].text += text
        else:
            line.pieces.append(Piece(run, text))
    count = sum(len(units[idx][1]) for idx in idxs)
    if last or count < 2:
        return line
    # Letter spacing follows every character, the last one too; the last glyph's edge is to
    # end where a full line's does (``room`` less one default spacing), so the slack goes
    # into the gaps between characters.
    natural = sum(widths[idx] for idx in idxs) - count * letter_spacing_pt
    spacing = (room - letter_spacing_pt - natural) / (count - 1)
    if spacing - letter_spacing_pt <= MAX_STRETCH_PT:
        line.letter_spacing_pt = spacing
    return line
