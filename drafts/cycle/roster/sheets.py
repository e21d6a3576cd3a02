"""The roster's files and messages: the template (XLSX, CSV), the one-time password sheet,
a bad row's message and the summary line. Pure: no ORM, no request."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from ..xlsx import csv_safe, workbook
from .reader import template_rows

PASSWORD_HEADER = ("登录名", "初始密码")


def row_message(row) -> str:
    return _("Row %(n)s: %(reasons)s") % {"n": row.number, "reasons": "；".join(row.errors)}


def summary(created: int, updated: int, unchanged: int, dry_run: bool = False) -> str:
    text = _("%(c)s created, %(u)s updated, %(s)s unchanged") % {"c": created, "u": updated, "s": unchanged}
    return _("Dry run (nothing written): %(text)s") % {"text": text} if dry_run else text


def _csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([csv_safe(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def template_csv() -> bytes:
    return _csv(template_rows())


def template_xlsx() -> bytes:
    rows = template_rows()
    return workbook([("名单", rows[0], rows[1:])])


def passwords_csv(passwords: dict[str, str]) -> bytes:
    return _csv([PASSWORD_HEADER, *sorted(passwords.items())])


def passwords_xlsx(passwords: dict[str, str]) -> bytes:
    return workbook([("初始密码", PASSWORD_HEADER, sorted(passwords.items()))])
