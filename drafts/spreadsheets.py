"""Writing an XLSX sheet that is safe to open: every text cell is stored as text, so a value
such as ``=cmd|' /c calc'!A0`` typed into a name is shown, never run as a formula."""

from __future__ import annotations

import io
from datetime import date, datetime

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """A value as the sheet stores it: numbers and dates as they are, everything else text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | date | datetime):
        return value
    return str(value)


def xlsx_bytes(title: str, headers: list[str], rows) -> bytes:
    """One sheet named ``title`` with a bold header row and ``rows``, as XLSX bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(headers)
    for c in sheet[1]:
        c.font = Font(bold=True)
    for row in rows:
        sheet.append([cell(v) for v in row])
    for row in sheet.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, str):
                c.data_type = "s"  # openpyxl takes "=…" for a formula: keep it text
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(8, 2 * width))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
