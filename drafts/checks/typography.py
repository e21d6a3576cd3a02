"""Slips of typing that print: spaces between Chinese characters, invisible characters, and a
character typed twice (``的的``) where no word doubles it (``常常``, ``天天`` are words)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .. import document, words
from .chars import HAN
from .findings import CheckContext, Hit, excerpt

# Fields where spaces between Chinese characters are meant: the byline (unit, post, name)
# and the name under the report (a two-character name is often spaced out).
_SPACED_ON_PURPOSE = frozenset({"byline", "name"})
_SPACE_BETWEEN_HAN = re.compile(f"(?<=[{HAN}])[ \u3000\u00a0\t]+(?=[{HAN}])")
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\u180e"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]+")
_DOUBLED_RE = re.compile(f"([{HAN}])\\1")
_CLAUSE_RE = re.compile(f"[{HAN}]+")
# jieba's tags of words that double to mean "every" (年年, 项项, 级级): numerals, measure
# words, nouns and times; a doubled character of any other kind that no word joins is a slip.
_EVERY_TAGS = ("m", "q", "n", "t")
WINDOW = 8  # characters of context on each side of a doubled pair


def check_space_in_chinese(tree: document.Report, context: CheckContext) -> list[Hit]:
    out = []
    for where, text in tree.text_fields():
        if document.parse_where(where).field in _SPACED_ON_PURPOSE:
            continue
        for m in _SPACE_BETWEEN_HAN.finditer(text):
            out.append(
                Hit(
                    where,
                    m.start(),
                    excerpt(text, m.start(), m.end()),
                    _("A space between Chinese characters: Chinese text has none. Delete it."),
                    replacement="",
                    length=m.end() - m.start(),
                )
            )
    return out


def check_invisible_chars(tree: document.Report, context: CheckContext) -> list[Hit]:
    out = []
    for where, text in tree.text_fields():
        for m in _INVISIBLE_RE.finditer(text):
            codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in m.group(0)}))
            out.append(
                Hit(
                    where,
                    m.start(),
                    excerpt(text, m.start(), m.end()).replace(m.group(0), ""),
                    _(
                        "An invisible character (%(codes)s, e.g. a zero-width space or a byte-order "
                        "mark pasted with the text) is here: it can break the line layout and searches. Delete it."
                    )
                    % {"codes": codes},
                    replacement="",
                    length=m.end() - m.start(),
                )
            )
    return out


def _is_slip(run: str, i: int) -> bool:
    """Whether ``run[i] == run[i + 1]`` is a slip: no dictionary word joins the two, one of
    them stands alone, and they do not double a measure or noun to mean "every"."""
    lo = max(0, i - WINDOW)  # the words around the pair decide; a window keeps runs linear
    window = run[lo : i + 2 + WINDOW]
    i -= lo
    bounds, pos = [], 0
    for word, flag in words.tagged(window):
        bounds.append((pos, pos + len(word), flag))
        pos += len(word)
    left = next(b for b in bounds if b[0] <= i < b[1])
    right = next(b for b in bounds if b[0] <= i + 1 < b[1])
    if left == right:
        return False  # one word holds both: 常常, 的的确确, 谈谈心
    left_single = left[1] - left[0] == 1
    right_single = right[1] - right[0] == 1
    if not (left_single or right_single):
        return False  # two words meet: 坚持|持续
    return not (left_single and right_single and left[2].startswith(_EVERY_TAGS))


def doubled_slips(text: str) -> list[int]:
    """Positions of the second character of each slip like ``的的`` in ``text``."""
    if not _DOUBLED_RE.search(text):
        return []
    return [
        clause.start() + m.start() + 1
        for clause in _CLAUSE_RE.finditer(text)
        for m in _DOUBLED_RE.finditer(clause.group(0))
        if _is_slip(clause.group(0), m.start())
    ]


def check_doubled_char(tree: document.Report, context: CheckContext) -> list[Hit]:
    out = []
    for where, text in tree.text_fields():
        for j in doubled_slips(text):
            out.append(
                Hit(
                    where,
                    j - 1,
                    excerpt(text, j - 1, j + 1),
                    _("“%(pair)s”: the character seems to be typed twice. Delete one.")
                    % {"pair": text[j - 1 : j + 1]},
                    replacement=text[j - 1],
                    length=2,
                )
            )
    return out
