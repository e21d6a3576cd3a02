"""The slips reviewers send reports back for, each found at its field (``where``) and
offset, with its one-click fix where the change is safe — and nothing on clean text."""

from __future__ import annotations

import pytest

from drafts import document
from drafts.checks import CheckContext, auto_fix, run_checks


def _tree(body="全年参加集中学习十二次。", **kw):
    data = dict(
        title="2026年度述职述廉报告",
        opening="一年来，我认真履行职责。现将有关情况报告如下：",
        sections=[
            document.Section(
                heading=kw.pop("heading", "加强学习"),
                kind="politics",
                items=[document.Item(lead=kw.pop("lead", "坚持学习"), body=body)],
            )
        ],
        closing="新的一年，我将继续努力。",
        signature=document.Signature(name="张三", date="2027-01-10"),
    )
    data.update(kw)
    return document.Report(**data)


def _found(tree, code, year=2026):
    return [f for f in run_checks(tree, context=CheckContext(year=year)) if f.code == code]


BODY = "sections[0].items[0].body"


def test_it_finds_nothing_on_clean_text(sample_tree):
    sample_tree.title = "2025年度述职述廉报告"
    codes = {f.code for f in run_checks(sample_tree, context=CheckContext(year=2025))}
    assert codes <= {"length"}, codes  # a sample of 200 characters is short, nothing else


@pytest.mark.parametrize(
    "body,offset,fixed",
    [
        ("全年召开会议。。共十次。", 6, "全年召开会议。共十次。"),
        ("全年召开会议，。共十次。", 6, "全年召开会议。共十次。"),
        ("全年召开会议；。", 6, "全年召开会议。"),
    ],
)
def test_it_finds_doubled_sentence_punctuation_and_keeps_the_stronger_mark(body, offset, fixed):
    (f,) = _found(_tree(body), "doubled_punct")
    assert (f.where, f.offset, f.length, f.fix) == (BODY, offset, 2, fixed)
    assert "。" in f.message


def test_it_leaves_a_forceful_question_alone():
    assert _found(_tree("这难道不是责任吗？！"), "doubled_punct") == []


def test_it_finds_a_paragraph_without_final_punctuation_and_adds_the_full_stop():
    (f,) = _found(_tree("全年参加学习十二次\n撰写心得三篇。"), "missing_final_punct")
    assert (f.where, f.offset, f.length) == (BODY, 9, 0)
    assert f.fix == "全年参加学习十二次。\n撰写心得三篇。"
    assert "句号" in f.message


def test_it_accepts_a_paragraph_ending_in_a_quote_or_a_colon():
    assert _found(_tree("他说：“要抓落实。”\n主要做法如下："), "missing_final_punct") == []


@pytest.mark.parametrize(
    "body,offset,mark",
    [("学习“两个确立的意义。", 2, "“"), ("学习（二十大精神。", 2, "（"), ("学习《条例。", 2, "《"),
     ("学习条例》。", 4, "》")],
)
def test_it_finds_unbalanced_quotes_and_brackets(body, offset, mark):
    (f,) = _found(_tree(body), "unbalanced_pair")
    assert (f.offset, f.excerpt.count(mark) >= 1, f.fix) == (offset, True, None)


def test_it_finds_spaces_between_chinese_characters_but_not_in_the_byline():
    tree = _tree("全年 共召开会议十次。", byline="示例县发展改革局局长 张三")
    (f,) = _found(tree, "space_in_chinese")
    assert (f.where, f.offset, f.length, f.fix) == (BODY, 2, 1, "全年共召开会议十次。")


@pytest.mark.parametrize(
    "field,value,fixed",
    [("heading", "加强学习。", "加强学习"), ("lead", "坚持学习，", "坚持学习"), ("title", "述职报告：", "述职报告")],
)
def test_it_finds_a_heading_ending_in_punctuation(field, value, fixed):
    (f,) = _found(_tree(**{field: value}), "heading_punct")
    assert f.fix == fixed and f.offset == len(fixed)


def test_it_accepts_a_lead_sentence_ending_in_a_full_stop():
    assert _found(_tree(lead="坚持学习。"), "heading_punct") == []


@pytest.mark.parametrize("text,pair", [("我的的工作", "的的"), ("完成了了任务", "了了"), ("党员和和群众", "和和"),
                                       ("进一步步加强", "步步")])
def test_it_finds_a_character_typed_twice(text, pair):
    (f,) = _found(_tree(text + "。"), "doubled_char")
    assert f.excerpt.find(pair) >= 0 and f.fix == text.replace(pair, pair[0], 1) + "。"


@pytest.mark.parametrize("text", ["常常深入基层", "天天学习", "人人参与", "谈谈心得", "年年增长", "项项落实",
                                  "的的确确做到", "坚持持续推进"])
def test_it_accepts_real_reduplicated_words(text):
    assert _found(_tree(text + "。"), "doubled_char") == []


def test_it_finds_an_empty_item():
    tree = _tree()
    tree.sections[0].items.append(document.Item())
    (f,) = _found(tree, "empty_item")
    assert f.where == "sections[0].items[1].lead" and "空" in f.message


@pytest.mark.parametrize("char", ["\u200b", "\ufeff", "\u00ad", "\u200d"])
def test_it_finds_invisible_characters(char):
    (f,) = _found(_tree(f"全年{char}参加学习。"), "invisible_char")
    assert (f.offset, f.length, f.fix) == (2, 1, "全年参加学习。")


def test_it_finds_a_missing_title():
    (f,) = _found(_tree(title=""), "missing_title")
    assert f.where == "title"


def test_it_finds_an_empty_signature_date_even_without_a_year():
    tree = _tree(signature=document.Signature(name="张三", date=""))
    (f,) = _found(tree, "signature_date", year=None)
    assert f.where == "signature.date"


@pytest.mark.parametrize("day,flagged", [("2027-01-10", False), ("2026-12-20", False),
                                         ("2026-03-01", True), ("2027-11-01", True), ("2024-01-10", True)])
def test_it_finds_an_implausible_signature_date(day, flagged):
    tree = _tree(signature=document.Signature(name="张三", date=day))
    assert bool(_found(tree, "signature_date")) is flagged


def test_it_fixes_each_finding_at_its_own_offset_only():
    tree = _tree("甲的的乙。丙的的丁。")
    first, second = _found(tree, "doubled_char")
    assert auto_fix("doubled_char", BODY, tree, second.offset) == "甲的的乙。丙的丁。"
    assert auto_fix("doubled_char", BODY, tree, first.offset) == "甲的乙。丙的的丁。"
    assert auto_fix("doubled_char", BODY, tree, 99) is None
    assert auto_fix("unbalanced_pair", BODY, tree) is None  # no fix for this one
