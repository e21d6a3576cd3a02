"""The limits that keep bad input out of the importer, and the refusals that name them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .errors import ImportFailed

MAX_FILE_BYTES = 10 * 1024 * 1024  # an upload or file larger than this is refused
MAX_CHARS = 200_000  # a report is a few thousand characters; this is far beyond any
MAX_PARAGRAPHS = 2_000
MAX_XML_BYTES = 30 * 1024 * 1024  # uncompressed size of one part we read
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed beyond this (for big parts) is a zip bomb

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def too_large() -> ImportFailed:
    return ImportFailed(
        _(
            "The file is larger than %(mb)d MB. A report is much smaller: please check that you "
            "chose the right file, or remove pictures from it."
        )
        % {"mb": MAX_FILE_BYTES // 1024 // 1024}
    )


def not_docx() -> ImportFailed:
    return ImportFailed(
        _(
            "This file is not a Word document (.docx). Please open it in Word, save it as .docx "
            "and upload it again, or paste its text."
        )
    )
