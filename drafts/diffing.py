"""What changed between two report trees, sentence by sentence. Pure: dicts in, data out.

The trees are compared part by part (title, byline, opening, each section, closing); inside
a part the texts are split into sentences at 。！？； and line breaks and aligned with
``difflib``. A sentence that was reworded shows as the old one removed and the new one
inserted.

Sections are paired by :func:`match_sections`: by heading similarity (``rapidfuzz``), then by
position for what is left, so a section that was inserted, removed or moved does not make
every section after it look changed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:(?:[。！？；!?;]+[”’」』）)]*)+|\n|$)")

EQUAL, INSERT, DELETE = "equal", "insert", "delete"

HEADING_MATCH = 60  # rapidfuzz ratio (0-100) from which two headings name the same section


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``, each keeping its closing punctuation; blank pieces dropped."""
    out = []
    for match in _SENTENCE.finditer(text or ""):
        piece = match.group(0).strip()
        if piece:
            out.append(piece)
    return out


@dataclass
class Part:
    """One part of the report (``key``: "title", "opening", "section", "closing" …)."""

    key: str
    index: int | None = None  # the section's position in the new tree (None: removed)
    heading: str = ""
    old_index: int | None = None  # its position in the old tree (None: added)
    moved: bool = False  # out of its former order relative to the other sections
    ops: list[tuple[str, str]] = field(default_factory=list)  # (equal|insert|delete, sentence)

    @property
    def changed(self) -> bool:
        return any(op != EQUAL for op, _ in self.ops)

    @property
    def added(self) -> int:
        return sum(1 for op, _ in self.ops if op == INSERT)

    @property
    def removed(self) -> int:
        return sum(1 for op, _ in self.ops if op == DELETE)


def _section_sentences(section: dict | None) -> list[str]:
    if not section:
        return []
    out = split_sentences(section.get("heading", ""))
    out += split_sentences(section.get("intro", ""))
    for item in section.get("items") or []:
        out += split_sentences(item.get("lead", ""))
        out += split_sentences(item.get("body", ""))
    return out


def diff_sentences(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    ops: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops += [(EQUAL, s) for s in new[j1:j2]]
            continue
        ops += [(DELETE, s) for s in old[i1:i2]]
        ops += [(INSERT, s) for s in new[j1:j2]]
    return ops


def _field(tree: dict, key: str) -> str:
    if key == "signature":
        sig = tree.get("signature") or {}
        return " ".join(x for x in (sig.get("name", ""), sig.get("date", "")) if x)
    return tree.get(key) or ""


def diff_trees(old: dict, new: dict) -> list[Part]:
    """Parts of the report in reading order, each with its sentence operations."""
    parts = []
    for key in ("title", "subtitle", "byline", "opening"):
        parts.append(
            Part(
                key,
                ops=diff_sentences(
                    split_sentences(_field(old, key)), split_sentences(_field(new, key))
                ),
            )
        )
    old_sections = old.get("sections") or []
    new_sections = new.get("sections") or []
    pairs = match_sections(old_sections, new_sections)
    moved = moved_sections(pairs)
    for i, j in pairs:
        before = old_sections[i] if i is not None else None
        after = new_sections[j] if j is not None else None
        parts.append(
            Part(
                "section",
                index=j,
                old_index=i,
                moved=i in moved,
                heading=(after or before or {}).get("heading", ""),
                ops=diff_sentences(_section_sentences(before), _section_sentences(after)),
            )
        )
    for key in ("closing", "signature"):
        parts.append(
            Part(
                key,
                ops=diff_sentences(
                    split_sentences(_field(old, key)), split_sentences(_field(new, key))
                ),
            )
        )
    return [p for p in parts if p.ops]


def _heading_key(section: dict) -> str:
    return re.sub(r"\s+", "", section.get("heading") or "")


def match_sections(old: list[dict], new: list[dict]) -> list[tuple[int | None, int | None]]:
    """Pairs ``(old position, new position)`` of the same section in two trees.

    Headings are compared with ``rapidfuzz``; the most similar pairs (at least
    ``HEADING_MATCH``, ties to the nearer position) are matched first. A section left over on
    both sides at the same position (e.g. its heading was rewritten) is paired by position.
    A removed section is ``(i, None)``, an added one ``(None, j)``. The pairs come in the new
    order, a removed section where it used to stand.
    """
    candidates = []
    for i, a in enumerate(old):
        ka = _heading_key(a)
        for j, b in enumerate(new):
            kb = _heading_key(b)
            score = fuzz.ratio(ka, kb) if ka and kb else 0.0
            if score >= HEADING_MATCH:
                candidates.append((-score, abs(i - j), j, i))
    new_for_old: dict[int, int] = {}
    old_for_new: dict[int, int] = {}
    for _score, _dist, j, i in sorted(candidates):
        if i not in new_for_old and j not in old_for_new:
            new_for_old[i], old_for_new[j] = j, i
    for i in range(min(len(old), len(new))):  # left over on both sides: same position
        if i not in new_for_old and i not in old_for_new:
            new_for_old[i], old_for_new[i] = i, i
    pairs: list[tuple[int | None, int | None]] = []
    removed = [i for i in range(len(old)) if i not in new_for_old]
    for j in range(len(new)):
        i = old_for_new.get(j)
        if i is not None:
            while removed and removed[0] < i:
                pairs.append((removed.pop(0), None))
        pairs.append((i, j))
    pairs += [(i, None) for i in removed]
    return pairs


def moved_sections(pairs: list[tuple[int | None, int | None]]) -> set[int]:
    """Old positions of the matched sections that left their order relative to the others.

    The sections that kept their order are the longest run of old positions that still
    increases in the new order; an insert or removal before a section does not move it.
    """
    seq = [i for i, j in pairs if i is not None and j is not None]
    best: list[list[int]] = []  # best[k]: a longest increasing run ending at seq[k]
    for k, value in enumerate(seq):
        prev = [best[m] for m in range(k) if seq[m] < value]
        best.append([*max(prev, key=len, default=[]), value])
    keep = set(max(best, key=len, default=[]))
    return set(seq) - keep


def changed_sections(old: dict, new: dict) -> set[int]:
    """Old positions of the sections whose text differs in ``new``, or that were removed.

    A section that only moved (or had sections inserted before it) is not changed.
    """
    old_sections = old.get("sections") or []
    new_sections = new.get("sections") or []
    return {
        i
        for i, j in match_sections(old_sections, new_sections)
        if i is not None and (j is None or old_sections[i] != new_sections[j])
    }


def new_position(old: dict, new: dict, index: int) -> int | None:
    """Where section ``index`` of ``old`` stands in ``new`` (``None``: it was removed)."""
    pairs = match_sections(old.get("sections") or [], new.get("sections") or [])
    return next((j for i, j in pairs if i == index), None)


def section_changed(old: dict, new: dict, index: int | None) -> bool:
    """Whether the part a comment on ``old`` concerns changed in ``new``.

    ``index`` is the section's position in ``old`` (``None``: the report as a whole).
    """
    if index is None:
        return old != new
    return index in changed_sections(old, new)


def summary(parts: list[Part]) -> tuple[int, int]:
    """(sentences added, sentences removed) over all parts."""
    return sum(p.added for p in parts), sum(p.removed for p in parts)
