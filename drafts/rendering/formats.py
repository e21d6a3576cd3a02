"""The output formats, one table: extension, content type, label and writer of each.

The render cache, ``render_report``, the download view and its URL, the download buttons and
the reviewers' ZIP all read this table. A new format is one writer module plus one row here.
Writers are imported when first used, so this module is cheap to import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Format:
    ext: str
    content_type: str
    label: str  # on the download button
    writer: str  # "module:function" in this package; function(tree, profile, *, draft) -> bytes
    downloadable: bool = True  # offered to users (HTML is the preview's, not a download)
    in_zip: bool = False  # put in the reviewers' ZIP of a unit's approved reports

    def render(self, tree, profile, *, draft: bool) -> bytes:
        module, name = self.writer.split(":")
        write: Callable = getattr(import_module(f"{__package__}.{module}"), name)
        return write(tree, profile, draft=draft)


FORMATS: dict[str, Format] = {
    f.ext: f
    for f in (
        Format("pdf", "application/pdf", _("PDF"), "pdf_writer:render_pdf", in_zip=True),
        Format(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            _("Word (DOCX)"),
            "docx_writer:render_docx",
        ),
        Format("html", "text/html; charset=utf-8", _("HTML"), "formats:html_bytes", False),
    )
}
DOWNLOADS: tuple[Format, ...] = tuple(f for f in FORMATS.values() if f.downloadable)
ZIPPED: tuple[Format, ...] = tuple(f for f in DOWNLOADS if f.in_zip)


def html_bytes(tree, profile, *, draft: bool) -> bytes:
    """The print document (the PDF's source) as UTF-8: the writer of the ``html`` format."""
    from .html import render_document

    return render_document(tree, profile, draft=draft).encode("utf-8")


def get(ext: str) -> Format:
    """The format of extension ``ext``; ValueError for an unknown one."""
    try:
        return FORMATS[ext]
    except KeyError:
        raise ValueError(f"unknown format {ext!r}") from None


def download_pattern() -> str:
    """A regular expression matching the extension of every downloadable format."""
    return "|".join(f.ext for f in DOWNLOADS)
