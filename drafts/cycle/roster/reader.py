"""Reading a roster file into rows: XLSX (openpyxl) or CSV in UTF-8, UTF-8 with BOM or
GB18030 (tablib). Pure: no ORM, no request.

A file that cannot be read as a whole raises :class:`UnreadableRoster` (the command exits
2): not XLSX or CSV, password-protected, a zip bomb, no header row, too many rows.
Problems of single cells (formulas, merged cells) are reported per row by the planner.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

import tablib
from django.utils.translation import gettext as _

from ...textclean import clean_line

# The columns, their Chinese headers (what the template has) and whether one is required.
NAME, UNIT, POST, LOGIN, EMAIL, ROLE, SCOPE = "name", "unit", "post", "login", "email", "role", "scope"
COLUMNS: tuple[tuple[str, str, bool], ...] = (
    (NAME, "姓名", True),
    (UNIT, "单位", True),
    (POST, "职务", False),
    (LOGIN, "登录名", True),
    (EMAIL, "电子邮箱", False),
    (ROLE, "角色", False),
    (SCOPE, "审核范围", False),
)
HEADERS = {header: key for key, header, _required in COLUMNS}

MAX_BYTES = 2 * 1024 * 1024  # a roster of 5,000 rows is a few hundred KB
MAX_ROWS = 5000
MAX_UNPACKED = 40 * 1024 * 1024  # an XLSX that unpacks to more than this is refused
MAX_RATIO = 200  # …and so is a member packed more than 200:1 (a zip bomb)
MAX_CELL = 1000


class UnreadableRoster(Exception):
    """The file as a whole cannot be used; ``str(exc)`` is the message."""


@dataclass
class Row:
    number: int  # the row number in the file (the header is row 1)
    values: dict[str, str]
    problems: list[str] = field(default_factory=list)  # cell-level: formulas, merged cells


@dataclass
class Table:
    rows: list[Row]
    ignored_columns: list[str] = field(default_factory=list)


def read(data: bytes, filename: str) -> Table:
    if not data:
        raise UnreadableRoster(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise UnreadableRoster(
            _("The file is too large (%(n)s KB); a roster may be at most %(max)s KB.")
            % {"n": len(data) // 1024, "max": MAX_BYTES // 1024}
        )
    name = (filename or "").lower()
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise UnreadableRoster(
            _(
                "The file is password-protected or in the old .xls format. Remove the password "
                "or save it as .xlsx (or CSV) and upload it again."
            )
        )
    if data[:4] == b"PK\x03\x04" or name.endswith(".xlsx"):
        grid, merged = _xlsx_grid(data)
    elif name.endswith((".csv", ".txt")) or not name:
        grid, merged = _csv_grid(data), {}
    else:
        raise UnreadableRoster(_("Upload the roster as an .xlsx or .csv file."))
    return _table(grid, merged)


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UnreadableRoster(_("The file is not a readable XLSX workbook.")) from None
    with archive:
        members = archive.infolist()
        if len(members) > 500:
            raise UnreadableRoster(_("The file is not a readable XLSX workbook."))
        total = 0
        for m in members:
            total += m.file_size
            if m.file_size > MAX_UNPACKED or total > MAX_UNPACKED or (
                m.compress_size and m.file_size / m.compress_size > MAX_RATIO and m.file_size > 1024 * 1024
            ):
                raise UnreadableRoster(
                    _("The workbook unpacks to far more than a roster holds; it was not opened.")
                )
        names = {m.filename for m in members}
        if "EncryptedPackage" in names or "[Content_Types].xml" not in names:
            raise UnreadableRoster(_("The file is not a readable XLSX workbook."))


def _xlsx_grid(data: bytes):
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=False, data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise UnreadableRoster(_("The file is not a readable XLSX workbook.")) from None
    sheet = book.worksheets[0] if book.worksheets else None
    if sheet is None:
        raise UnreadableRoster(_("The workbook has no sheet."))
    if sheet.max_row > MAX_ROWS + 1 + 100:
        raise _too_many(sheet.max_row - 1)
    merged: dict[int, str] = {}
    for rng in sheet.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            merged.setdefault(r, str(rng.coord))
    grid = []
    for row in sheet.iter_rows():
        cells = []
        for c in row:
            if c.data_type == "f" or (isinstance(c.value, str) and c.value.startswith("=")):
                cells.append(("=", str(c.value)))
            elif c.value is None:
                cells.append("")
            elif c.is_date:
                cells.append(c.value.strftime("%Y-%m-%d"))
            elif isinstance(c.value, float) and c.value.is_integer():
                cells.append(str(int(c.value)))
            else:
                cells.append(str(c.value))
        grid.append(cells)
    book.close()
    return grid, merged


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableRoster(
        _("The CSV file is neither UTF-8 nor GB18030 text. Save it from Excel as CSV and try again.")
    )


def _csv_grid(data: bytes):
    text = _decode(data)
    if "\x00" in text:
        raise UnreadableRoster(_("The file is not a CSV text file."))
    try:
        dataset = tablib.Dataset().load(text, format="csv", headers=False)
    except Exception:  # tablib / csv on malformed quoting
        raise UnreadableRoster(_("The CSV file could not be read.")) from None
    return [[("=", v) if isinstance(v, str) and v.startswith("=") else (v or "") for v in row] for row in dataset]


def _too_many(n: int) -> UnreadableRoster:
    return UnreadableRoster(
        _("The file has %(n)s rows; a roster may have at most %(max)s. Split it into several files.")
        % {"n": n, "max": MAX_ROWS}
    )


def _table(grid, merged) -> Table:
    # The header: the first non-empty row.
    start = next((i for i, r in enumerate(grid) if any(_plain(c) for c in r)), None)
    if start is None:
        raise UnreadableRoster(_("The file has no rows."))
    header = [clean_line(_plain(c)).strip() for c in grid[start]]
    keys = [HEADERS.get(h) for h in header]
    missing = [h for key, h, required in COLUMNS if required and key not in keys]
    if missing:
        raise UnreadableRoster(
            _("The header row (row %(row)s) lacks the column(s) %(cols)s. Use the template.")
            % {"row": start + 1, "cols": "、".join(missing)}
        )
    dup = {k for k in keys if k and keys.count(k) > 1}
    if dup:
        raise UnreadableRoster(_("The header row names a column twice."))
    body = [(start + 2 + i, r) for i, r in enumerate(grid[start + 1 :])]
    body = [(n, r) for n, r in body if any(_plain(c) for c in r)]
    if len(body) > MAX_ROWS:
        raise _too_many(len(body))
    rows = []
    for number, cells in body:
        row = Row(number, {key: "" for key, _h, _r in COLUMNS})
        for key, cell in zip(keys, cells, strict=False):
            if key is None:
                continue
            if isinstance(cell, tuple):
                row.problems.append(
                    _("the cell %(col)s holds a formula; enter plain text")
                    % {"col": dict((k, h) for k, h, _r in COLUMNS)[key]}
                )
                continue
            value = clean_line(str(cell)).strip()
            if len(value) > MAX_CELL:
                row.problems.append(_("a cell is longer than %(max)s characters") % {"max": MAX_CELL})
                value = value[:MAX_CELL]
            row.values[key] = value
        if number in merged:
            row.problems.append(
                _("merged cells (%(range)s); unmerge them and fill every cell") % {"range": merged[number]}
            )
        rows.append(row)
    ignored = [h for h, k in zip(header, keys, strict=True) if h and k is None]
    return Table(rows, ignored)


def _plain(cell) -> str:
    return cell[1] if isinstance(cell, tuple) else (cell or "")


def template_rows() -> list[list[str]]:
    """The template's rows: the header and two examples."""
    return [
        [h for _k, h, _r in COLUMNS],
        ["张三", "青禾县/城关镇", "镇长", "zhangsan", "zhangsan@example.org", "述职人", ""],
        ["李四", "青禾县/县委组织部", "科长", "lisi", "", "审核人", "青禾县/城关镇；青禾县/县教育局"],
    ]
