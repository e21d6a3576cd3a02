"""Anchors of the places of a tree in the preview (the ids ``html.render_fragment`` writes:
``opening``, ``closing``, ``signature``, ``s-<section>``, ``s-<section>-i-<item>``)."""

from __future__ import annotations

from ..document import parse_where


def preview_anchor(path: str) -> str:
    """Anchor of ``path`` in the preview (``rendering.html.render_fragment``)."""
    where = parse_where(path)
    if where is None:
        return ""
    if where.part == "signature":
        return "#signature"
    if where.part == "report":
        return f"#{where.field}" if where.field in ("opening", "closing") else ""
    return f"#s-{where.section}-i-{where.item}" if where.item is not None else f"#s-{where.section}"
