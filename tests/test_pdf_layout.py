"""The PDF, measured: page, grid, margins, fonts, page numbers, signature, metadata."""

from __future__ import annotations

import pytest

from drafts import document
from drafts.rendering.pdf_writer import render_pdf
from drafts.rendering.profile import LayoutProfile
from drafts.rendering.samples import full_page_text

from .rendering_support import (
    MM,
    body_lines,
    footer_lines,
    pdf_objects,
    pdf_pages,
    pdf_string_hex,
    pdffonts,
    pdfinfo,
    write,
)

P = LayoutProfile()
PITCH = P.line_pitch_pt
CHAR = P.char_pitch_pt
TOLERANCE = 1 * MM  # a reviewer's ruler: within 1 mm


def line_top(line):
    """Top of the line box: the glyph box (16 pt) sits centred in the 28.95 pt pitch."""
    return line.y_min - (PITCH - (line.y_max - line.y_min)) / 2


@pytest.fixture(scope="module")
def long_tree():
    return document.Report(
        title="2025年度述职述廉报告",
        byline="示例县发展和改革局局长 张三",
        opening=full_page_text(60),
        sections=[
            document.Section(
                heading="加强政治理论学习",
                item_style="arabic",
                items=[document.Item(lead="坚持集中学习", body=full_page_text(3))],
            ),
            document.Section(
                heading="履职尽责情况",
                item_style="paren",
                items=[document.Item(lead="抓项目建设", body=full_page_text(2))],
            ),
        ],
        closing="新的一年，我将继续努力。",
        signature=document.Signature(name="张三", date="2026-01-10"),
    )


@pytest.fixture(scope="module")
def pdf(long_tree, tmp_path_factory):
    return write(tmp_path_factory.mktemp("pdf"), render_pdf(long_tree))


@pytest.fixture(scope="module")
def pages(pdf):
    return pdf_pages(pdf)


def test_it_prints_on_a4(pdf):
    info = pdfinfo(pdf)
    width, _, height = info["Page size"].split()[:3]
    assert abs(float(width) - 210 * MM) < 0.5 and abs(float(height) - 297 * MM) < 0.5


def test_it_embeds_every_font_as_a_subset(pdf):
    fonts = pdffonts(pdf)
    assert fonts
    assert all(f["emb"] == "yes" and f["sub"] == "yes" and f["uni"] == "yes" for f in fonts), fonts


def test_it_uses_the_fangsong_stand_in_for_the_body(pdf):
    names = [f["name"].split("+", 1)[1] for f in pdffonts(pdf)]
    assert "FandolFang" in names and "FandolHei" in names and "FandolKai" in names


def test_a_full_page_has_22_lines(pages):
    assert len(body_lines(pages[1])) == 22


def test_the_lines_are_spaced_at_the_grid_pitch(pages):
    tops = [ln.y_min for ln in body_lines(pages[1])]
    gaps = {round(b - a, 2) for a, b in zip(tops, tops[1:], strict=False)}
    assert gaps == {round(PITCH, 2)}


def test_a_full_body_line_has_28_characters(pages):
    continuation = [ln for ln in body_lines(pages[1]) if abs(ln.x_min - 28 * MM) < TOLERANCE]
    assert continuation
    assert all(len(ln.text) == 28 for ln in continuation)


def test_the_first_line_of_a_paragraph_is_indented_two_characters(pages):
    first_body = body_lines(pages[0])[2]  # title, byline, (a blank line), the opening
    assert abs(first_body.x_min - (28 * MM + 2 * CHAR)) < TOLERANCE
    assert len(first_body.text) == 26


def test_the_text_block_fills_the_margins(pages):
    lines = body_lines(pages[1])
    assert abs(min(ln.x_min for ln in lines) - 28 * MM) < TOLERANCE  # left 28 mm
    assert abs(max(ln.x_max for ln in lines) - (210 - 26) * MM) < TOLERANCE  # right 26 mm
    assert abs(line_top(lines[0]) - 37 * MM) < TOLERANCE  # top 37 mm
    assert abs(line_top(lines[-1]) + PITCH - (297 - 35) * MM) < TOLERANCE  # bottom 35 mm


def test_every_page_has_a_page_number_between_em_dashes(pages):
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        texts = [ln.text for ln in footer_lines(page)]
        assert texts == [f"\u2014{number}\u2014"], texts


def test_odd_page_numbers_sit_right_and_even_ones_left_one_character_in(pages):
    inset = P.page_number_size_pt
    odd, even = footer_lines(pages[0])[0], footer_lines(pages[1])[0]
    assert abs(odd.x_max - ((210 - 26) * MM - inset)) < TOLERANCE
    assert abs(even.x_min - (28 * MM + inset)) < TOLERANCE


def test_the_page_number_dashes_sit_7_mm_below_the_text_block(pages):
    number = footer_lines(pages[0])[0]
    middle = (number.y_min + number.y_max) / 2
    assert abs(middle - (297 - 35 + 7) * MM) < TOLERANCE


def test_the_signature_follows_one_blank_line_after_the_text(pages):
    lines = body_lines(pages[-1])
    name = next(ln for ln in lines if ln.text == "张三")
    date = next(ln for ln in lines if ln.text == "2026年1月10日")
    last_text = lines[lines.index(name) - 1]
    assert abs(name.y_min - last_text.y_min - 2 * PITCH) < 0.5
    assert abs(date.y_min - name.y_min - PITCH) < 0.5


def test_the_date_is_two_characters_from_the_right_and_right_of_the_name(pages):
    lines = body_lines(pages[-1])
    name = next(ln for ln in lines if ln.text == "张三")
    date = next(ln for ln in lines if ln.text == "2026年1月10日")
    # The date is longer than the name: the date's right indent is two characters and the
    # name moves left so that the date starts two characters right of the name (7.3.5.2).
    assert abs(date.x_max - ((210 - 26) * MM - 2 * CHAR)) < TOLERANCE
    assert abs(date.x_min - name.x_min - 2 * CHAR) < TOLERANCE


def test_it_sets_the_title_in_22_point_centred(pages):
    title = pages[0]["lines"][0]
    assert title.text == "2025年度述职述廉报告"
    assert abs((title.y_max - title.y_min) - 22) < 0.5
    centre = (title.x_min + title.x_max) / 2
    assert abs(centre - (28 + 156 / 2) * MM) < TOLERANCE


def test_it_records_title_author_and_language(pdf):
    info = pdfinfo(pdf)
    assert info["Title"] == "2025年度述职述廉报告"
    assert info["Author"] == "张三"
    assert b"/Lang (zh-CN)" in pdf_objects(pdf.read_bytes())


def test_it_makes_bookmarks_from_the_section_headings(pdf):
    objects = pdf_objects(pdf.read_bytes())
    assert b"/Outlines" in objects
    assert pdf_string_hex("一、加强政治理论学习") in objects
    assert pdf_string_hex("二、履职尽责情况") in objects


def test_the_signature_is_never_alone_on_a_page(tmp_path):
    # The opening fills page 1 exactly (title + blank + 20 lines), so the signature would
    # start page 2 alone; the last lines of the paragraph move with it instead.
    tree = document.Report(
        title="2025年度述职述廉报告",
        opening=full_page_text(20)[:-2],
        signature=document.Signature(name="张三", date="2026-01-10"),
    )
    pages = pdf_pages(write(tmp_path, render_pdf(tree)))
    assert len(pages) == 2
    last = [ln.text for ln in body_lines(pages[1])]
    assert last[-2:] == ["张三", "2026年1月10日"]
    assert len(last) >= 3, "the signature needs text of the report above it"


def test_weasyprint_still_has_the_user_agent_stylesheet_hook_the_renderer_uses():
    # Without it renders still work, only about 10% slower: this test flags an upgrade.
    import weasyprint

    assert callable(getattr(weasyprint.HTML, "_ua_stylesheets", None))


def test_every_numbering_style_and_run_in_items_reach_the_pdf(tmp_path):
    def section(style, inline=False):
        items = [document.Item(lead=f"要点{i}", body=f"内容{i}。") for i in range(1, 3)]
        return document.Section(
            heading=f"{style}部分", item_style=style, inline_items=inline, items=items
        )

    tree = document.Report(
        sections=[
            section("arabic"),
            section("paren"),
            section("ordinal"),
            section("none"),
            section("ordinal", True),
        ]
    )
    lines = [
        ln.text for page in pdf_pages(write(tmp_path, render_pdf(tree))) for ln in body_lines(page)
    ]
    assert lines[:3] == ["一、arabic部分", "1.要点1。内容1。", "2.要点2。内容2。"]
    assert lines[3:6] == ["二、paren部分", "（一）要点1。内容1。", "（二）要点2。内容2。"]
    assert lines[6:9] == ["三、ordinal部分", "一是要点1。内容1。", "二是要点2。内容2。"]
    assert lines[9:12] == ["四、none部分", "要点1。内容1。", "要点2。内容2。"]
    assert lines[12:] == ["五、ordinal部分", "一是要点1。内容1。二是要点2。内容2。"]
