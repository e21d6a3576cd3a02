"""What changed between two report trees, sentence by sentence. Pure: dicts in, data out.

The trees are compared part by part (title, byline, opening, each section by position,
closing); inside a part the texts are split into sentences at 。！？； and line breaks and
aligned with ``difflib``. A sentence that was reworded shows as the old one removed and the
new one inserted.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:(?:[。！？；!?;]+[”’」』）)]*)+|\n|$)")

EQUAL, INSERT, DELETE = "equal", "insert", "delete"


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
    index: int | None = None  # the section's position in the new tree
    heading: str = ""
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
    for i in range(max(len(old_sections), len(new_sections))):
        before = old_sections[i] if i < len(old_sections) else None
        after = new_sections[i] if i < len(new_sections) else None
        heading = (after or before or {}).get("heading", "")
        parts.append(
            Part(
                "section",
                index=i if after is not None else None,
                heading=heading,
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


def changed_sections(old: dict, new: dict) -> set[int]:
    """Positions of the sections whose text differs (or that were added or removed)."""
    old_sections = old.get("sections") or []
    new_sections = new.get("sections") or []
    out = set()
    for i in range(max(len(old_sections), len(new_sections))):
        a = old_sections[i] if i < len(old_sections) else None
        b = new_sections[i] if i < len(new_sections) else None
        if a is None or b is None or a != b:
            out.add(i)
    return out


def section_changed(old: dict, new: dict, index: int | None) -> bool:
    """Whether the part a comment concerns changed (``None``: the report as a whole)."""
    if index is None:
        return old != new
    return index in changed_sections(old, new)


def summary(parts: list[Part]) -> tuple[int, int]:
    """(sentences added, sentences removed) over all parts."""
    return sum(p.added for p in parts), sum(p.removed for p in parts)
