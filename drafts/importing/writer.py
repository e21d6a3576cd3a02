"""Report tree -> plain text, in the layout the importer reads back (used for round trips
and for "copy as text")."""

from __future__ import annotations

from .. import document
from ..numbering import item_marker, section_marker


def _paras(text: str) -> list[str]:
    return [p for p in text.split("\n") if p]


def _item_text(style: str, index: int, item: document.Item) -> tuple[str, list[str]]:
    body = _paras(item.body)
    first = item_marker(style, index) + item.lead + "。" + (body[0] if body else "")
    return first, body[1:]


def tree_to_text(tree: document.Report) -> str:
    lines: list[str] = []
    if tree.title:
        lines.append(tree.title + tree.subtitle)
    elif tree.subtitle:
        lines.append(tree.subtitle)
    if tree.byline:
        lines.append(tree.byline)
    lines += _paras(tree.opening)
    for i, section in enumerate(tree.sections):
        lines.append(section_marker(i) + section.heading)
        style = section.item_style if section.item_style != "none" else "arabic"
        intro = _paras(section.intro)
        if section.inline_items and section.items:
            para = "".join(intro)
            rest: list[str] = []
            for j, item in enumerate(section.items):
                first, more = _item_text(style, j, item)
                para += first
                rest = more
            lines.append(para)
            lines += rest
            continue
        lines += intro
        for j, item in enumerate(section.items):
            first, more = _item_text(style, j, item)
            lines.append(first)
            lines += more
    lines += _paras(tree.closing)
    if tree.signature:
        if tree.signature.name:
            lines.append(tree.signature.name)
        if tree.signature.date:
            lines.append(document.format_date_cn(tree.signature.date))
    return "\n".join(lines) + "\n"
