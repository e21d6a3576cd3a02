"""Adjusting an import's split before it is accepted: re-level, merge, split (pure)."""

from __future__ import annotations

from .text import EDGE_SPACE, ROLES, Block

EDITABLE_ROLES = ROLES


class AdjustError(ValueError):
    """An adjustment that cannot be made (bad index or position)."""


def _check_index(blocks: list[Block], i: int) -> None:
    if not 0 <= i < len(blocks):
        raise AdjustError(f"no block {i}")


def set_role(blocks: list[Block], i: int, role: str) -> list[Block]:
    _check_index(blocks, i)
    if role not in ROLES:
        raise AdjustError(f"unknown role {role!r}")
    block = blocks[i]
    if role == block.role:
        return blocks
    style = block.style
    if role == "item" and not style:
        before = [b.style for b in blocks[:i] if b.role == "item" and b.style]
        style = before[-1] if before else "arabic"
    blocks[i] = Block(role, block.text, style=style if role == "item" else "", runin=False)
    return blocks


def merge_with_previous(blocks: list[Block], i: int) -> list[Block]:
    _check_index(blocks, i)
    if i == 0:
        raise AdjustError("the first block has nothing before it")
    prev, block = blocks[i - 1], blocks[i]
    blocks[i - 1] = Block(
        prev.role, prev.text + block.text, style=prev.style, runin=prev.runin, joined=prev.joined
    )
    del blocks[i]
    return blocks


def split(blocks: list[Block], i: int, position: int) -> list[Block]:
    _check_index(blocks, i)
    block = blocks[i]
    head, tail = (
        block.text[:position].rstrip(EDGE_SPACE),
        block.text[position:].lstrip(EDGE_SPACE),
    )
    if not 0 < position < len(block.text) or not head or not tail:
        raise AdjustError("split position outside the text")
    role = "body" if block.role in ("heading", "item", "title") else block.role
    blocks[i] = Block(block.role, head, style=block.style, runin=block.runin, joined=block.joined)
    blocks.insert(i + 1, Block(role, tail))
    return blocks


def split_before(blocks: list[Block], i: int, marker: str) -> list[Block]:
    """Split block ``i`` where ``marker`` (the first characters of the new paragraph) starts."""
    _check_index(blocks, i)
    marker = marker.strip(EDGE_SPACE)
    position = blocks[i].text.find(marker, 1) if marker else -1
    if position <= 0:
        raise AdjustError("marker not found")
    return split(blocks, i, position)
