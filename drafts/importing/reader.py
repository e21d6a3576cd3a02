"""Bytes -> text or DOCX paragraphs -> report tree, with the limits that keep bad input out.

Every refusal is an :class:`ImportFailed` whose message tells the user, in Chinese, what is
wrong and what to do. Nothing here touches the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import document
from ..textclean import clean_text
from .docx import docx_text
from .errors import ImportFailed
from .limits import (
    MAX_CHARS,
    MAX_FILE_BYTES,
    MAX_PARAGRAPHS,
    OLE_MAGIC,
    ZIP_MAGIC,
    not_docx,
    too_large,
)
from .text import DEBRIS_RE, blocks_to_tree, numbering_issues, paragraphs, text_to_blocks

_BINARY_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


@dataclass
class ImportResult:
    """The imported tree, the text it was read from, and notes on what was skipped."""

    tree: document.Report
    text: str
    notes: list[str] = field(default_factory=list)
    blocks: list = field(default_factory=list)


# -- text ------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """Bytes of a text file -> str (UTF-8 with or without BOM, UTF-16 with BOM, GB18030)."""
    if len(data) > MAX_FILE_BYTES:
        raise too_large()
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        if b"\x00" in data:
            raise _binary()
        encodings = ["utf-8", "gb18030"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        raise ImportFailed(
            _(
                "The text file's encoding could not be recognised. Please save it as UTF-8 text "
                "(in Word: Save As, plain text, Unicode/UTF-8) and try again."
            )
        )
    controls = len(_BINARY_CONTROL.findall(text))
    if "\x00" in text or controls > max(2, len(text) // 100):
        raise _binary()
    return text


def _binary() -> ImportFailed:
    return ImportFailed(
        _(
            "This file is not a text file (it contains binary data). Please paste the report's "
            "text or upload the report as a .docx file."
        )
    )


def _check_text(text: str) -> list[str]:
    if len(text) > MAX_CHARS:
        raise ImportFailed(
            _(
                "The text has %(n)d characters, more than the %(max)d an import accepts. Please "
                "import only the report itself."
            )
            % {"n": len(text), "max": MAX_CHARS}
        )
    paras = paragraphs(text)
    if not paras:
        raise ImportFailed(_("There is no text to import: the text or file is empty."))
    if len(paras) > MAX_PARAGRAPHS:
        raise ImportFailed(
            _(
                "The text has %(n)d paragraphs, more than the %(max)d an import accepts. Please "
                "import only the report itself."
            )
            % {"n": len(paras), "max": MAX_PARAGRAPHS}
        )
    return paras


def _debris_note(text: str) -> list[str]:
    n = len(DEBRIS_RE.findall(text))
    if not n:
        return []
    return [
        ngettext(
            "Removed %(n)d piece of web-page debris (such as ##paidbegin##).",
            "Removed %(n)d pieces of web-page debris (such as ##paidbegin##).",
            n,
        )
        % {"n": n}
    ]


def _numbering_notes(blocks) -> list[str]:
    return [
        _(
            "The source numbers “%(found)s” where “%(expected)s” belongs (section %(where)s); "
            "the import numbers sections and items in order."
        )
        % {"found": found, "expected": expected, "where": int(where.split("]")[0][9:]) + 1}
        for where, found, expected in numbering_issues(blocks)
    ]


def import_text(text: str, keep_debris: bool = False) -> ImportResult:
    """Pasted text -> :class:`ImportResult` (refuses empty and oversized text)."""
    text = clean_text(text)
    _check_text(text)
    blocks = text_to_blocks(text, keep_debris)
    notes = _debris_note(text) + _numbering_notes(blocks)
    return ImportResult(tree=blocks_to_tree(blocks), text=text, notes=notes, blocks=blocks)


def parse_docx(data: bytes, keep_debris: bool = False) -> ImportResult:
    """DOCX bytes -> :class:`ImportResult` (tree, text, notes on skipped content)."""
    text, notes = docx_text(data)
    text = clean_text(text)
    _check_text(text)
    blocks = text_to_blocks(text, keep_debris)
    return ImportResult(
        tree=blocks_to_tree(blocks),
        text=text,
        notes=notes + _debris_note(text) + _numbering_notes(blocks),
        blocks=blocks,
    )


# -- files ---------------------------------------------------------------------------------


def read_bytes(data: bytes, filename: str = "", keep_debris: bool = False) -> ImportResult:
    """A file's bytes -> :class:`ImportResult`, choosing DOCX or text by content."""
    if not data or not data.strip():
        raise ImportFailed(_("There is no text to import: the text or file is empty."))
    if data.startswith(ZIP_MAGIC) or data.startswith(OLE_MAGIC):
        return parse_docx(data, keep_debris)
    if filename.lower().endswith((".docx", ".doc")):
        raise not_docx()
    return import_text(decode_text(data), keep_debris)


def read_path(path, keep_debris: bool = False) -> document.Report:
    """The tree of a .txt or .docx file (for the command line)."""
    return read_file(path, keep_debris).tree


def read_file(path, keep_debris: bool = False) -> ImportResult:
    """The :class:`ImportResult` of a .txt or .docx file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise too_large()
        data = path.read_bytes()
    except IsADirectoryError:
        raise ImportFailed(_("%(path)s is a folder, not a file.") % {"path": path}) from None
    except FileNotFoundError:
        raise ImportFailed(_("File not found: %(path)s") % {"path": path}) from None
    except OSError as exc:
        raise ImportFailed(
            _("The file %(path)s could not be read: %(error)s")
            % {"path": path, "error": exc.strerror}
        ) from None
    return read_bytes(data, path.name, keep_debris)
