"""The HTML writer: the preview fragment and the print document share one writer."""

from __future__ import annotations

import re

from drafts import document
from drafts.rendering.html import render_document, render_fragment


def _tree(**kw):
    base = dict(
        title="2025年度述职述廉报告",
        byline="示例局局长 张三",
        opening="一年来，我认真履职。现将有关情况报告如下：",
        sections=[
            document.Section(
                heading="加强学习",
                item_style="arabic",
                intro="全年坚持学习。",
                items=[
                    document.Item(lead="坚持集中学习", body="参加学习12次。\n撰写心得3篇。"),
                    document.Item(lead="注重学用结合。", body="撰写调研报告。"),
                ],
            ),
        ],
        closing="新的一年，我将继续努力。",
        signature=document.Signature(name="张三", date="2026-01-10"),
    )
    base.update(kw)
    return document.Report(**base)


def _section(style, inline=False, n=3):
    return document.Section(
        heading="扎实履职",
        item_style=style,
        inline_items=inline,
        intro="总体情况良好。" if inline else "",
        items=[document.Item(lead=f"做法{i}", body=f"具体内容{i}。") for i in range(n)],
    )


def test_it_wraps_the_fragment_in_a_zh_cn_div():
    html = render_fragment(_tree())
    assert html.startswith('<div class="gbt-doc" lang="zh-CN">')
    assert html.endswith("</div>")


def test_it_escapes_html_in_every_field():
    evil = '<script>alert(1)</script><img src="file:///etc/passwd">'
    tree = _tree(
        title=evil,
        subtitle=evil,
        byline=evil,
        opening=evil,
        closing=evil,
        sections=[
            document.Section(heading=evil, intro=evil, items=[document.Item(lead=evil, body=evil)])
        ],
        signature=document.Signature(name=evil, date="2026-01-10"),
    )
    html = render_fragment(tree)
    assert "<script" not in html and "<img" not in html
    assert html.count("&lt;script&gt;") == 10  # every text field


def test_it_numbers_sections_with_chinese_numerals():
    tree = _tree(sections=[_section("arabic"), _section("paren"), _section("ordinal")])
    html = render_fragment(tree)
    assert re.findall(r'<h2 class="gbt-heading[^"]*">(一|二|三)、', html) == ["一", "二", "三"]


def test_it_gives_sections_and_items_stable_anchors():
    html = render_fragment(_tree(sections=[_section("arabic"), _section("paren")]))
    for anchor in (
        "s-0",
        "s-0-i-0",
        "s-0-i-2",
        "s-1",
        "s-1-i-1",
        "opening",
        "closing",
        "signature",
    ):
        assert f'id="{anchor}"' in html
    assert len(re.findall(r'id="([^"]+)"', html)) == len(set(re.findall(r'id="([^"]+)"', html)))


def test_it_numbers_arabic_items_with_a_half_width_full_stop():
    html = render_fragment(_tree(sections=[_section("arabic")]))
    assert (
        '<p class="gbt-p gbt-item gbt-item-arabic" id="s-0-i-1">2.<span class="gbt-lead gbt-lead-arabic">做法1。</span>'
        in html
    )


def test_it_numbers_paren_items_in_full_width_brackets_without_a_comma():
    html = render_fragment(_tree(sections=[_section("paren")]))
    assert '<span class="gbt-marker gbt-marker-paren">（三）</span>' in html
    assert "（三）、" not in html


def test_it_numbers_ordinal_items_with_shi():
    html = render_fragment(_tree(sections=[_section("ordinal")]))
    assert "一是<span" in html and "三是<span" in html


def test_it_writes_items_of_style_none_without_a_marker():
    html = render_fragment(_tree(sections=[_section("none")]))
    assert (
        '<p class="gbt-p gbt-item gbt-item-none" id="s-0-i-0"><span class="gbt-lead gbt-lead-none">做法0。</span>'
        in html
    )


def test_it_runs_inline_items_on_after_the_intro_in_one_paragraph():
    html = render_fragment(_tree(sections=[_section("ordinal", inline=True)]))
    para = re.search(r'<p class="gbt-p gbt-intro" id="s-0-intro">(.*?)</p>', html).group(1)
    assert para.startswith("总体情况良好。")
    assert 'id="s-0-i-0">一是</span>' in para and 'id="s-0-i-2">三是</span>' in para


def test_it_adds_a_full_stop_to_a_lead_sentence_only_when_missing():
    html = render_fragment(_tree())
    assert "坚持集中学习。</span>" in html
    assert "注重学用结合。</span>" in html and "注重学用结合。。" not in html


def test_it_keeps_the_rest_of_an_item_body_in_following_paragraphs():
    html = render_fragment(_tree())
    assert '<p class="gbt-p gbt-item-more">撰写心得3篇。</p>' in html


def test_it_writes_the_signature_date_in_chinese_without_leading_zeros():
    html = render_fragment(_tree())
    assert ">2026年1月10日</p>" in html


def test_it_omits_empty_parts():
    html = render_fragment(document.Report(opening="只有正文。"))
    assert "gbt-title" not in html and "gbt-signature" not in html and "gbt-section" not in html


def test_it_breaks_a_long_title_into_lines_of_similar_length():
    title = "关于2025年度履行全面从严治党主体责任和个人廉洁自律情况的述职述廉报告"
    html = render_fragment(_tree(title=title))
    lines = re.findall(r'<span class="gbt-title-line">(.*?)</span>', html)
    assert "".join(lines) == title
    assert len(lines) == 2
    assert abs(len(lines[0]) - len(lines[1])) <= 4
    assert "2025" in lines[0]


def test_the_print_document_uses_the_same_body_and_has_page_rules():
    tree = _tree()
    doc = render_document(tree)
    assert render_fragment(tree)[len('<div class="gbt-doc" lang="zh-CN">') :] in doc
    assert "@page" in doc and '<html lang="zh-CN">' in doc
    assert '<meta name="author" content="张三"/>' in doc


def test_the_print_document_of_a_draft_carries_the_draft_mark():
    assert "草稿" in render_document(_tree(), draft=True)
    assert "草稿" not in render_document(_tree(), draft=False)
