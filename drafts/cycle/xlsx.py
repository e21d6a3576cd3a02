"""Writing XLSX files for download (openpyxl): every cell a plain value, text never a
formula — a name or note starting with ``=``, ``+``, ``-`` or ``@`` stays text (CSV/XLSX
injection). Pure: no ORM, no request."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_MAX = 31


def text_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would store "=…" as a formula otherwise
    return cell


def csv_safe(value):
    """A CSV cell that a spreadsheet will not run: text starting like a formula gets a
    leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def workbook(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    """An XLSX of ``(title, header, rows)`` sheets, header in bold."""
    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=title[:SHEET_TITLE_MAX])
        bold = []
        for h in header:
            c = text_cell(sheet, h)
            c.font = Font(bold=True)
            bold.append(c)
        sheet.append(bold)
        for row in rows:
            sheet.append([text_cell(sheet, v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
