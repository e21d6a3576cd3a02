"""The board and a list of officials as XLSX files (text cells never formulas)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

from .board import COLUMNS, column_labels, flatten
from .xlsx import workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def response(data: bytes, name: str) -> HttpResponse:
    r = HttpResponse(data, content_type=XLSX)
    r["Content-Disposition"] = f'attachment; filename="{name}"'
    return r


def board_xlsx(year, nodes) -> bytes:
    labels = dict(column_labels())
    header = [_("Unit"), _("Level"), _("On the roll"), *(labels[c] for c in COLUMNS)]
    rows = (
        ["　" * depth + node.unit.name, depth + 1, node.total["roll"], *(node.total[c] for c in COLUMNS)]
        for depth, node in flatten(nodes)
    )
    return workbook([(f"{year.year}", header, rows)])


def list_xlsx(year, officials, labels) -> bytes:
    header = [_("Unit"), _("Name"), _("Post"), _("Login name"), _("State"), _("Extension until")]
    rows = (
        [
            o.unit.name,
            o.name,
            o.post,
            o.user.username if o.user else "",
            labels.get(o.state, o.state),
            o.extended_until.isoformat() if o.extended_until else "",
        ]
        for o in officials.iterator(chunk_size=1000)
    )
    return workbook([(f"{year.year}", header, rows)])
