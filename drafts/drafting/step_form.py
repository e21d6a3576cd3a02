"""The wizard's step form, which works without JavaScript: which of its fields changed,
what was refused and why, and the structure change a button names (``op=item-add:7``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import editing, locking, steps, structure
from .locking import EditError

UNDO_KEY = "drafting_undo"  # the last deleted item, for its undo


def posted_int(value) -> int:
    """An integer a form posted, or -1."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def posted_seen(value) -> locking.Seen | None:
    """The part version a form posted, or None."""
    version = posted_int(value)
    return locking.Seen(version) if version >= 0 else None


def undo_offer(session, report, section):
    """The deleted item that the section step may offer to put back, or None."""
    undo = session.get(UNDO_KEY)
    if (
        not undo
        or section is None
        or undo.get("report") != report.pk
        or undo.get("section") != section.pk
    ):
        return None
    return undo


def changed_fields(post, report, current) -> dict[str, str]:
    """The fields of step ``current`` whose posted value differs from the stored one."""
    if "step_form" not in post:
        return {}
    posted = {}
    for key in current.keys:
        if key.endswith(("inline_items", "has_signature")):
            posted[key] = "1" if post.get(key) else ""
        elif key in post:
            posted[key] = post[key]
    parsed = {editing.parse_key(k): v for k, v in posted.items()}
    stored = editing.current_values(report, parsed)
    changed = {}
    for key, raw in parsed.items():
        try:
            value = editing.as_text(editing.clean_value(key, raw))
        except EditError:
            changed[str(key)] = raw  # save_fields reports why
            continue
        if stored.get(str(key)) != value:
            changed[str(key)] = raw
    return changed


def refused(changes, message) -> list[dict]:
    """What the user typed that was not saved, with the labels of the fields."""
    if not changes:
        return [{"label": "", "text": "", "message": message}]
    return [
        {"key": k, "label": steps.field_label(k), "text": str(v), "message": message}
        for k, v in changes.items()
    ]


@dataclass
class Done:
    step: str | None = None  # the step to go to when it is another one
    focus: str = ""  # the id of the element to scroll to and focus there


def apply_op(session, report, version, op, *, structure_version=None) -> Done:
    """Do the change a button names (``item-add:7``, ``section-up:3`` …) under the version
    lock: ``version`` of the section for its items, ``structure_version`` for the sections (the
    whole report's ``int`` version for both on older pages). ``session`` keeps the last
    deleted item for its undo."""
    sections = version if structure_version is None else structure_version
    name, _sep, arg = op.partition(":")
    pk = int(arg) if arg.isdigit() else -1
    if name not in ("item-delete", "item-restore"):
        session.pop(UNDO_KEY, None)
    if name == "item-add":
        entry = structure.add_item(report, version, pk)
        return Done(focus=f"item-{entry.pk}")
    elif name == "item-delete":
        deleted = structure.delete_item(report, version, pk)
        # Only the last deletion can be undone; the text is the user's, kept until then.
        session[UNDO_KEY] = {"report": report.pk, **deleted}
    elif name == "item-restore":
        undo = session.get(UNDO_KEY) or {}
        if undo.get("report") != report.pk:
            raise EditError(_("There is nothing to undo."))
        entry = structure.add_item(
            report,
            version,
            undo["section"],
            lead=undo["lead"],
            body=undo["body"],
            position=undo["position"],
        )
        del session[UNDO_KEY]
        return Done(focus=f"item-{entry.pk}")
    elif name in ("item-up", "item-down"):
        structure.move_item(report, version, pk, -1 if name == "item-up" else 1)
        return Done(focus=f"item-{pk}")
    elif name == "section-add":
        return Done(step=f"s{structure.add_section(report, sections).pk}")
    elif name == "section-delete":
        structure.delete_section(report, sections, pk)
    elif name in ("section-up", "section-down"):
        structure.move_section(report, sections, pk, -1 if name == "section-up" else 1)
    else:
        raise EditError(_("Unknown action."))
    return Done()
