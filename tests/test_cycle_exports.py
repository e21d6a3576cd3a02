"""The board and a list of officials as XLSX: the numbers of the board, every member, and
no cell that a spreadsheet would run as a formula (CSV/XLSX injection)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from drafts.cycle import roll
from drafts.cycle.xlsx import csv_safe, workbook


def _cells(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(r) for r in sheet.iter_rows()]


def test_it_writes_text_that_looks_like_a_formula_as_text():
    data = workbook([("t", ["a"], [["=cmd|' /C calc'!A0"], ["+1+1"], ["-2"], ["@SUM(A1)"]])])
    cells = [r[0] for r in _cells(data)[1:]]
    assert [c.data_type for c in cells] == ["s"] * 4
    assert cells[0].value == "=cmd|' /C calc'!A0"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@x", "\t=1"])
def test_it_defuses_csv_cells(value):
    assert csv_safe(value).startswith("'")


def test_it_exports_the_board_and_the_list(client, reviewer, year, unit, official, make_official, make_user):
    hostile = make_official(name="=HYPERLINK(\"http://x\")")
    roll.open_year(year, [unit], make_user())
    client.force_login(reviewer)
    board = _cells(client.get(reverse("cycle_board_xlsx"), {"year": 2025}).content)
    assert board[0][0].value == "单位" and board[1][2].value == 2  # on the roll
    listing = _cells(client.get(reverse("cycle_board_list_xlsx"), {"year": 2025, "state": "not_started"}).content)
    names = [r[1] for r in listing[1:]]
    assert sorted(c.value for c in names) == sorted(["张三", hostile.name])
    assert all(c.data_type == "s" for r in listing for c in r if isinstance(c.value, str))


def test_it_lists_the_officials_behind_a_number(client, reviewer, year, unit, official, make_official, make_user, make_report):
    other = make_official(name="甲")
    roll.open_year(year, [unit], make_user())
    make_report(owner=other)
    client.force_login(reviewer)
    board = client.get(reverse("cycle_board"), {"year": 2025}).content.decode()
    link = f"{reverse('cycle_board_list')}?year=2025&amp;unit={unit.pk}&amp;state=draft"
    assert link in board and "<svg" in board and "<rect" in board
    r = client.get(reverse("cycle_board_list"), {"year": 2025, "unit": unit.pk, "state": "draft"})
    assert [o.name for o in r.context["people"]] == ["甲"]
