"""wrong_year: a title, opening or closing naming another year than the report's."""

from __future__ import annotations

import pytest

from drafts import document
from drafts.checks import CheckContext, run_checks


def _found(year=2026, **fields):
    tree = document.Report(**fields)
    return [f for f in run_checks(tree, context=CheckContext(year=year)) if f.code == "wrong_year"]


def test_it_finds_another_year_in_the_title_and_replaces_it():
    (f,) = _found(title="2022年度述职述廉报告")
    assert (f.where, f.offset, f.length) == ("title", 0, 4)
    assert f.fix == "2026年度述职述廉报告"
    assert "2022" in f.message and "2026" in f.message


def test_it_finds_an_annual_year_anywhere_in_the_opening():
    (f,) = _found(opening="一年来，我围绕2022年度目标任务，认真履职。")
    assert f.fix == "一年来，我围绕2026年度目标任务，认真履职。"


def test_it_finds_an_opening_that_starts_with_last_year():
    (f,) = _found(opening="2025年，我在县委的领导下认真履职。")
    assert f.fix.startswith("2026年")


def test_it_leaves_a_comparison_with_last_year_alone():
    assert _found(opening="全年招商引资比2025年增长12%。") == []


def test_it_expects_the_coming_year_in_a_closing_that_looks_ahead():
    (f,) = _found(closing="回顾一年的工作。2026年，我将继续努力。")
    assert f.fix == "回顾一年的工作。2027年，我将继续努力。"


def test_it_accepts_the_right_years():
    assert _found(title="2026年度述职报告", opening="2026年，我认真履职。",
                  closing="2027年，我将继续努力。") == []


def test_it_skips_the_year_checks_without_a_year():
    assert _found(year=None, title="2022年度述职述廉报告") == []


@pytest.mark.parametrize("field", ["title", "opening", "closing"])
def test_it_only_looks_at_the_title_opening_and_closing(field):
    tree = document.Report(
        sections=[document.Section(heading="甲", intro="2022年度，全县完成任务。")], **{field: ""}
    )
    assert [f for f in run_checks(tree, context=CheckContext(year=2026)) if f.code == "wrong_year"] == []
