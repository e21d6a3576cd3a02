"""Importing existing reports: plain text or DOCX -> report tree (pure, no ORM).

Public entry points:

- :func:`parse_text` — pasted or plain text -> :class:`drafts.document.Report`;
- :func:`parse_docx` — DOCX bytes -> :class:`ImportResult` (tree + notes on skipped content);
- :func:`decode_text` — bytes of a ``.txt`` (UTF-8 with/without BOM, UTF-16 with BOM, GB18030);
- :func:`read_bytes` / :func:`read_path` — any supported file -> tree (for the CLI);
- :mod:`.docx` reads a DOCX's paragraphs, :mod:`.limits` holds the limits on input;
- :class:`ImportFailed` — bad input, with a message in Chinese for the user.
"""

from __future__ import annotations

from .errors import ImportFailed
from .limits import MAX_CHARS, MAX_FILE_BYTES, MAX_PARAGRAPHS
from .reader import (
    ImportResult,
    decode_text,
    import_text,
    parse_docx,
    read_bytes,
    read_file,
    read_path,
)
from .text import (
    DEBRIS_RE,
    Block,
    blocks_to_tree,
    numbering_issues,
    parse_text,
    text_to_blocks,
    tree_to_blocks,
)
from .writer import tree_to_text

__all__ = [
    "Block",
    "text_to_blocks",
    "DEBRIS_RE",
    "ImportFailed",
    "ImportResult",
    "MAX_CHARS",
    "MAX_FILE_BYTES",
    "MAX_PARAGRAPHS",
    "blocks_to_tree",
    "numbering_issues",
    "decode_text",
    "import_text",
    "parse_docx",
    "parse_text",
    "read_bytes",
    "read_file",
    "read_path",
    "tree_to_blocks",
    "tree_to_text",
]
