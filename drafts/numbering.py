"""Chinese numbering of sections and items, shared by the preview and every renderer.

Numbering is never stored in the text; it is derived from positions and the item style.
"""

from __future__ import annotations

from functools import cache


@cache
def _cn2an():
    # cn2an builds its conversion tables at import (about 0.3 s): import it on first use,
    # so that commands which never number anything (check, migrate) do not pay for it.
    import cn2an

    return cn2an


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (the forms used in headings)."""
    if n < 1:
        raise ValueError("numbering starts at 1")
    return _cn2an().an2cn(n, "low")


def section_marker(index: int) -> str:
    """Marker of the section at 0-based ``index``: 一、 二、 …"""
    return f"{chinese_numeral(index + 1)}、"


def item_marker(style: str, index: int) -> str:
    """Marker of the item at 0-based ``index`` in a section of ``style``."""
    n = index + 1
    if style == "arabic":
        return f"{n}."
    if style == "paren":
        return f"（{chinese_numeral(n)}）"
    if style == "ordinal":
        return f"{chinese_numeral(n)}是"
    if style == "none":
        return ""
    raise ValueError(f"unknown item style {style!r}")


def chinese_to_int(text: str) -> int:
    """一 -> 1, 十二 -> 12; raises ValueError for anything else."""
    value = _cn2an().cn2an(text, "strict")
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(text)
    return int(value)
