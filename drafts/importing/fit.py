"""Fitting an imported tree into a draft (pure): what must change before it can be
accepted, and what the draft keeps where the import has nothing."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..document import Report, count_chars, field_limit, too_long


def tree_problems(tree: Report) -> list[str]:
    """What stops the import: no section at all, or a field longer than its limit (the user
    splits it or changes its level first)."""
    problems = []
    if not tree.sections:
        problems.append(
            _(
                "No section heading was found (such as “一、…”). Mark at least one paragraph as a section heading."
            )
        )
    for where, text in tree.text_fields():
        limit = field_limit(where)
        if limit is not None and too_long(text, limit):
            problems.append(
                _(
                    "“%(start)s…” is too long for its place (%(n)d characters, at most %(max)d): "
                    "split it or change its level."
                )
                % {"start": text[:20], "n": count_chars(text), "max": limit}
            )
    return problems


def complete(tree: Report, current: Report) -> Report:
    """``tree`` with the draft's title, byline and signature where the import has none."""
    tree.title = tree.title or current.title
    tree.byline = tree.byline or current.byline
    if tree.signature is None:
        tree.signature = current.signature
    return tree


def same_content(a: Report, b: Report) -> bool:
    """Whether two trees have the same opening, closing and sections (an import already
    accepted, when the button was pressed twice)."""

    def content(t):
        return t.opening, t.closing, [(s.heading, s.intro, s.items) for s in t.sections]

    return content(a) == content(b)
