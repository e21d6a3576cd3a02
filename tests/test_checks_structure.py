"""numbering, empty_section and length."""

from __future__ import annotations

from drafts import document
from drafts.checks import run_checks


def _tree(intro="坚持学习。", items=(), **kw):
    return document.Report(
        opening="一年来的工作如下。",
        sections=[document.Section(heading="加强学习", intro=intro, items=list(items))],
        **kw,
    )


def _codes(tree, code, **kw):
    return [f for f in run_checks(tree, **kw) if f.code == code]


def test_it_flags_a_repeated_ordinal():
    tree = _tree(intro="主要是：一是学习。二是实践。二是总结。")
    (finding,) = _codes(tree, "numbering")
    assert finding.where == "sections[0].intro"
    assert tree.sections[0].intro[finding.offset] == "二"
    assert "三是" in finding.message


def test_it_flags_a_skipped_arabic_number():
    tree = _tree(items=[document.Item(lead="甲", body="1.学习。\n3.实践。")])
    (finding,) = _codes(tree, "numbering")
    assert "2." in finding.message


def test_it_accepts_numbering_in_order_and_restarts():
    tree = _tree(
        intro="一是学习。二是实践。三是总结。",
        items=[document.Item(lead="甲", body="一是读。二是写。")],
    )
    assert _codes(tree, "numbering") == []


def test_it_does_not_read_decimals_as_numbering():
    assert _codes(_tree(intro="增长3.5%。\n2.8亿元已到位。"), "numbering") == []


def test_it_flags_an_empty_section_as_error():
    tree = _tree(intro="")
    (finding,) = _codes(tree, "empty_section")
    assert finding.severity == "error" and "加强学习" in finding.message


def test_a_section_with_items_is_not_empty():
    assert _codes(_tree(intro="", items=[document.Item(lead="甲")]), "empty_section") == []


def test_it_flags_a_report_far_below_its_suggested_length_with_reading_time():
    (finding,) = _codes(_tree(), "length", suggested_chars=5000)
    assert finding.severity == "warning" and "5000" in finding.message and "分钟" in finding.message


def test_it_accepts_a_report_near_its_suggested_length():
    tree = _tree(intro="坚持学习，提高本领。" * 450)
    assert _codes(tree, "length", suggested_chars=5000) == []


def test_it_flags_a_section_far_from_its_suggestion():
    (finding,) = [f for f in _codes(_tree(), "length", section_suggested={0: 800}) if f.where]
    assert finding.where == "sections[0].intro"


def test_it_reports_an_empty_section_once_not_also_as_too_short():
    tree = document.Report(
        title="t",
        sections=[
            document.Section(
                heading="加强学习", items=[document.Item("坚持学习", "全年学习十二次。")]
            )
        ],
    )
    tree.sections.append(document.Section(heading="存在的问题和不足"))
    findings = run_checks(tree, section_suggested={0: 100, 1: 500})
    about_second = [f for f in findings if f.where.startswith("sections[1]")]
    assert [f.code for f in about_second] == ["empty_section"]
