"""Layout decisions shared by every writer: signature indents, title lines, limits."""

from __future__ import annotations

import pytest

from drafts import document
from drafts.rendering.blocks import (
    break_title,
    build_blocks,
    lead_sentence,
    signature_indents,
    text_width,
)
from drafts.rendering.docx_writer import render_docx
from drafts.rendering.limits import MAX_RENDER_CHARS, TooLarge, check_size
from drafts.rendering.pdf_writer import render_pdf


def test_a_short_name_moves_left_so_the_longer_date_keeps_two_characters_right():
    # 张三 (2) and 2026年1月10日 (6.5 characters: digits are half-width).
    name_right, date_right = signature_indents("张三", "2026年1月10日")
    assert date_right == 2
    # where each line starts, counted from the right margin: the name two characters further
    assert name_right + text_width("张三") == date_right + text_width("2026年1月10日") + 2


def test_a_long_name_stays_two_characters_from_the_right():
    name = "示例县发展和改革局党组书记"
    name_right, date_right = signature_indents(name, "2026年1月10日")
    assert name_right == 2
    # first character of the date two characters right of the name's
    assert (date_right + text_width("2026年1月10日")) == (name_right + text_width(name)) - 2


def test_a_signature_without_a_date_is_two_characters_from_the_right():
    assert signature_indents("张三", "") == (2, 0)


def test_a_short_title_stays_on_one_line():
    assert break_title("2025年度述职述廉报告", 18) == ["2025年度述职述廉报告"]


def test_a_long_title_breaks_into_a_diamond_keeping_words_and_numbers_whole():
    # Issue 12 (GB/T 9704 7.3.3, 词意完整, 梯形或菱形) replaced "widths within 3 characters":
    # with whole words this title has no break within 3 other than an hourglass (15/12/13).
    title = "中共示例县发展和改革局党组书记2025年度履行全面从严治党主体责任暨个人述职述廉报告"
    lines = break_title(title, 18)
    assert "".join(lines) == title
    assert all(text_width(line) <= 18 for line in lines)
    widths = [text_width(line) for line in lines]
    assert widths == [11, 16, 13]  # 中共示例县发展和改革局 / 党组书记…全面从严治党 / 主体责任…报告
    assert any("2025年度" in line for line in lines)


def test_a_title_line_never_starts_with_closing_punctuation():
    title = "关于二〇二五年度述职述廉工作情况的报告（德能勤绩廉）及整改说明"
    for line in break_title(title, 12)[1:]:
        assert line[0] not in "）。，、"


@pytest.mark.parametrize(
    "lead, expected", [("学习", "学习。"), ("学习。", "学习。"), ("怎么办？", "怎么办？"), ("", "")]
)
def test_a_lead_sentence_ends_with_one_full_stop(lead, expected):
    assert lead_sentence(lead) == expected


def test_blank_and_indentation_only_paragraphs_are_dropped():
    blocks = build_blocks(document.Report(opening="　　第一段\n\n   \n\t第二段"))
    assert [b.text for b in blocks] == ["第一段", "第二段"]


def test_the_last_paragraph_keeps_with_the_signature():
    blocks = build_blocks(
        document.Report(closing="结束。", signature=document.Signature("张三", "2026-01-10"))
    )
    assert [b.kind for b in blocks] == ["para", "blank", "signature-name", "signature-date"]
    assert all(b.keep_with_next for b in blocks[:3])


def test_a_tree_over_the_limit_is_refused_before_rendering():
    tree = document.Report(opening="字" * (MAX_RENDER_CHARS + 1))
    with pytest.raises(TooLarge):
        check_size(tree)
    with pytest.raises(TooLarge):
        render_pdf(tree)
    with pytest.raises(TooLarge):
        render_docx(tree)


def test_a_tree_at_the_limit_is_accepted():
    check_size(document.Report(opening="字" * MAX_RENDER_CHARS))
