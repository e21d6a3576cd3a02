"""Labels of the places a comment can be about, in a submission's frozen tree (pure)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..numbering import item_marker, section_marker


def place_label(tree: dict, section_index: int | None, item_index: int | None) -> str:
    """``二、扎实履职尽责 · 1.抓项目建设``; the whole report when ``section_index`` is None."""
    if section_index is None:
        return _("The report as a whole")
    sections = tree.get("sections") or []
    if section_index >= len(sections):
        return _("Section %(n)s (no longer present)") % {"n": section_index + 1}
    section = sections[section_index]
    label = f"{section_marker(section_index)}{section.get('heading', '')}"
    if item_index is not None:
        items = section.get("items") or []
        lead = items[item_index].get("lead", "") if item_index < len(items) else ""
        marker = item_marker(section.get("item_style") or "arabic", item_index)
        label += f" · {marker}{lead}"
    return label


def places(tree: dict) -> list[tuple[str, str]]:
    """``(value, label)`` of every place of ``tree``, for the comment form's choice."""
    out = [("", _("The report as a whole"))]
    for i, section in enumerate(tree.get("sections") or []):
        out.append((str(i), place_label(tree, i, None)))
        for j, _item in enumerate(section.get("items") or []):
            out.append((f"{i}.{j}", "　" + place_label(tree, i, j)))
    return out


def valid_place(tree: dict, section_index, item_index) -> bool:
    sections = tree.get("sections") or []
    if section_index is None:
        return item_index is None
    if not 0 <= section_index < len(sections):
        return False
    if item_index is None:
        return True
    return 0 <= item_index < len(sections[section_index].get("items") or [])
