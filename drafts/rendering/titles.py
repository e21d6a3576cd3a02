"""Breaking a long title into centred lines (GB/T 9704-2012 7.3.3: 词意完整，排列对称，长短适宜，
梯形或菱形).

A title wider than a line is broken between words (:mod:`drafts.words`: jieba's dictionary plus
the genre's fixed terms, numbers kept with their unit), never before closing or after
opening punctuation. Of the breaks that keep words whole, the chosen lines form a trapezoid
(each line longer than the one above) or a diamond (longer towards the middle), never two
equal lines next to each other when another break exists, and are as even as that allows.
The PDF, the preview and the DOCX all take their lines from here. Pure Python.
"""

from __future__ import annotations

import itertools
import math
import unicodedata

from .. import words as segment
from .linebreak import NO_LINE_END, NO_LINE_START

_STRIP = " \t\u3000\u00a0"
# A line may well end with a pause or a conjunction (a break after them reads naturally).
_PAUSES = frozenset("、，；：")
_JOINERS = frozenset("的与及暨") | _PAUSES  # not 和: it joins names (发展和改革委员会)
# Administrative units that end a place name: 示例/县 is one name to a reader.
_PLACE_ENDS = frozenset("省市县区乡镇村")
# Costs of a break, and of a shape: splitting a dictionary word weighs more than any shape.
INSIDE_WORD = 100.0
BAD_SHAPE = 20.0
PLACE_SPLIT = 6.0
BETWEEN_SINGLES = 12.0  # characters the dictionary does not join: often a name (王/堃/喆)
BEFORE_DE = 3.0
AFTER_PAUSE = -3.0
AFTER_JOINER = -1.0
EXTRA_LINE = 6.0
SHORT_LINE = 6.0
# The difference between neighbouring lines a trapezoid looks best with, in characters.
STEP = 2.0
# Titles with more break positions than this are broken greedily (a pasted paragraph).
MAX_POSITIONS = 60


def char_width(ch: str) -> float:
    """Width in characters: half-width Latin and digits count as half a character."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5


def text_width(text: str) -> float:
    return sum(char_width(ch) for ch in text)


def break_title(title: str, max_chars: float) -> list[str]:
    """The lines of ``title``, each at most ``max_chars`` characters wide."""
    title = title.strip(_STRIP)
    if not title:
        return []
    if text_width(title) <= max_chars or len(title) < 2:
        return [title]
    positions, costs = _break_positions(title)
    widths = [char_width(ch) for ch in title]
    cumulative = list(itertools.accumulate(widths, initial=0.0))
    if len(positions) > MAX_POSITIONS:
        return _greedy(title, positions, cumulative, max_chars)
    minimum = math.ceil(cumulative[-1] / max_chars)
    best, best_cost = None, math.inf
    for n_lines in (minimum, minimum + 1):
        for breaks in itertools.combinations(positions, n_lines - 1):
            edges = (0, *breaks, len(title))
            lines = [cumulative[b] - cumulative[a] for a, b in itertools.pairwise(edges)]
            if max(lines) > max_chars + 1e-9:
                continue
            cost = sum(costs[b] for b in breaks) + _shape_cost(lines)
            cost += EXTRA_LINE * (n_lines - minimum)
            if cost < best_cost:
                best, best_cost = edges, cost
    if best is None:
        return _greedy(title, positions, cumulative, max_chars)
    return [title[a:b] for a, b in itertools.pairwise(best)]


def _break_positions(title: str) -> tuple[list[int], dict[int, float]]:
    """Every position a line may start at, with the cost of breaking there: word boundaries
    as :func:`drafts.words.words` cuts, and (at ``INSIDE_WORD``) the other places kinsoku and
    numbers allow."""
    words = segment.words(title)
    boundaries = set(itertools.accumulate(len(w) for w in words[:-1]))
    starts = {}  # position -> word starting there
    pos = 0
    for word in words:
        starts[pos] = word
        pos += len(word)
    ends = {pos + len(w): w for pos, w in starts.items()}
    positions, costs = [], {}
    for i in range(1, len(title)):
        left, right = title[i - 1], title[i]
        if right in NO_LINE_START or left in NO_LINE_END:
            continue
        if left.isascii() and right.isascii() and left.isalnum() and right.isalnum():
            continue
        if i not in boundaries:
            cost = INSIDE_WORD
        else:
            before, after = ends[i], starts[i]
            cost = 0.0
            if after in _PLACE_ENDS and len(before) > 1 and before[-1] not in _JOINERS:
                cost += PLACE_SPLIT
            if len(before) == 1 and len(after) == 1 and not (_JOINERS & {before, after}):
                cost += BETWEEN_SINGLES
            if after == "的":
                cost += BEFORE_DE
            if before[-1] in _PAUSES:
                cost += AFTER_PAUSE
            elif before[-1] in _JOINERS:
                cost += AFTER_JOINER
        positions.append(i)
        costs[i] = cost
    return positions, costs


def _shape_cost(lines: list[float]) -> float:
    """How far line widths are from a trapezoid or a diamond with even steps: ``BAD_SHAPE``
    for two equal neighbours, a line shorter than both of its neighbours, or a first line
    longer than the second; plus the squared distance of each step from ``STEP``, and
    ``SHORT_LINE`` for a line much shorter than the longest."""
    steps = [b - a for a, b in itertools.pairwise(lines)]
    bad = any(abs(s) < 0.25 for s in steps) or steps[0] < 0
    bad = bad or any(a < 0 < b for a, b in itertools.pairwise(steps))  # a valley
    cost = BAD_SHAPE if bad else 0.0
    cost += sum((abs(s) - STEP) ** 2 for s in steps) / 8
    longest = max(lines)
    return cost + SHORT_LINE * sum(1 for w in lines if w < 0.4 * longest)


def _greedy(title: str, positions: list[int], cumulative: list[float], max_chars: float):
    """Lines as full as kinsoku allows (a title too long to weigh every break)."""
    lines, start = [], 0
    allowed = sorted(positions)
    while cumulative[-1] - cumulative[start] > max_chars:
        fits = [p for p in allowed if p > start and cumulative[p] - cumulative[start] <= max_chars]
        end = fits[-1] if fits else next((p for p in allowed if p > start), len(title))
        lines.append(title[start:end])
        start = end
    lines.append(title[start:])
    return lines
