"""The report's shape: sections with no content, and a report or section far from its
suggested length."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .. import document
from .findings import CheckContext, Hit

DEFAULT_MIN_CHARS = 1500
DEFAULT_MAX_CHARS = 12000


def check_empty_section(tree: document.Report, context: CheckContext) -> list[Hit]:
    out = []
    for i, section in enumerate(tree.sections):
        if not section.has_text():
            name = section.heading or _("section %(n)d") % {"n": i + 1}
            out.append(
                Hit(
                    f"sections[{i}].intro",
                    0,
                    section.heading,
                    _("The section “%(name)s” has no content yet: write it or delete the section.")
                    % {"name": name},
                )
            )
    return out


def check_length(tree: document.Report, context: CheckContext) -> list[Hit]:
    out = []
    total = tree.char_count()
    suggested = context.suggested_chars
    low, high = (
        (suggested * 0.5, suggested * 1.5) if suggested else (DEFAULT_MIN_CHARS, DEFAULT_MAX_CHARS)
    )
    if total and (total < low or total > high):
        params = {
            "n": total,
            "minutes": document.reading_minutes(total),
            "suggested": suggested or "",
        }
        if suggested:
            msg = _(
                "The report has %(n)d characters (about %(minutes)d minutes read aloud); "
                "this type of report should have about %(suggested)d."
            )
        elif total < low:
            msg = _(
                "The report has only %(n)d characters (about %(minutes)d minutes read "
                "aloud): it is probably too short."
            )
        else:
            msg = _(
                "The report has %(n)d characters (about %(minutes)d minutes read aloud): "
                "it is probably too long."
            )
        out.append(Hit("", 0, "", msg % params))
    for i, section in enumerate(tree.sections):
        want = context.section_suggested.get(i)
        if not want or not section.has_text():  # empty: check_empty_section says so
            continue
        n = section.char_count()
        if n and (n < want * 0.4 or n > want * 2):
            out.append(
                Hit(
                    f"sections[{i}].intro",
                    0,
                    section.heading,
                    _(
                        "This section has %(n)d characters (about %(minutes)d minutes read aloud); "
                        "about %(suggested)d are suggested."
                    )
                    % {"n": n, "minutes": document.reading_minutes(n), "suggested": want},
                )
            )
    return out


def check_empty_item(tree: document.Report, context: CheckContext) -> list[Hit]:
    """An item with neither lead sentence nor text prints as a bare number (``3.``, ``九是``)."""
    out = []
    for i, section in enumerate(tree.sections):
        if not section.has_text():
            continue  # check_empty_section says so
        for j, item in enumerate(section.items):
            if not item.lead.strip() and not item.body.strip():
                out.append(
                    Hit(
                        f"sections[{i}].items[{j}].lead",
                        0,
                        "",
                        _("Item %(n)d is empty: it would print as a bare number. Write it or delete it.")
                        % {"n": j + 1},
                    )
                )
    return out


def check_missing_title(tree: document.Report, context: CheckContext) -> list[Hit]:
    if tree.title.strip():
        return []
    return [Hit("title", 0, "", _("The report has no title."))]
