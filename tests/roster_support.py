"""Helpers for the roster tests (not a test module): files written as people make them."""

from __future__ import annotations

import io

from openpyxl import Workbook

HEADER = ["姓名", "单位", "职务", "登录名", "电子邮箱", "角色", "审核范围"]


def rows(n=3, top="青禾县", start=0):
    out = []
    for i in range(start, start + n):
        out.append([f"干部{i}", f"{top}/乡镇{i % 5}", "科员", f"gb{i}", f"gb{i}@example.org", "述职人", ""])
    return out


def csv_bytes(body, header=HEADER, encoding="utf-8", bom=False):
    text = "\n".join(",".join(r) for r in [header, *body]) + "\n"
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(body, header=HEADER, merge=None, formula=None):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for r in body:
        sheet.append(r)
    if merge:
        sheet.merge_cells(merge)
    if formula:
        sheet[formula[0]] = formula[1]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path
