"""The DOCX, read back with python-docx: page set-up, grid, fonts on every run, footers."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from django.test import override_settings
from docx import Document
from docx.oxml.ns import qn

from drafts import document
from drafts.rendering.docx_writer import render_docx
from drafts.rendering.profile import default_profile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def tree():
    return document.Report(
        title="2025年度述职述廉报告",
        byline="示例县发展和改革局局长 张三",
        opening="一年来，我认真履行职责。现将有关情况报告如下：",
        sections=[
            document.Section(
                heading="加强学习",
                item_style="arabic",
                items=[document.Item(lead="坚持学习", body="全年学习12次。\n撰写体会3篇。")],
            ),
            document.Section(
                heading="履职尽责",
                item_style="paren",
                items=[document.Item(lead="抓项目", body="新开工项目18个。")],
            ),
            document.Section(
                heading="廉洁自律",
                item_style="ordinal",
                inline_items=True,
                intro="严守规矩。",
                items=[
                    document.Item(lead="守纪律", body="无违规。"),
                    document.Item(lead="讲规矩", body=""),
                ],
            ),
        ],
        closing="新的一年，我将继续努力。",
        signature=document.Signature(name="张三", date="2026-01-10"),
    )


@pytest.fixture(scope="module")
def data(tree):
    return render_docx(tree)


@pytest.fixture(scope="module")
def doc(data):
    return Document(io.BytesIO(data))


def _xml(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(name).decode("utf-8")


def test_it_sets_a4_and_the_gbt_margins_in_twips(doc):
    sect = doc.sections[0]
    assert (sect.page_width.twips, sect.page_height.twips) == (11906, 16838)
    assert sect.top_margin.twips == 2098
    assert sect.bottom_margin.twips == 1984
    assert sect.left_margin.twips == 1587
    assert sect.right_margin.twips == 1474


def test_it_sets_a_line_grid_of_579_twips(doc):
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert grid.get(qn("w:linePitch")) == "579"


def test_every_body_paragraph_has_exact_579_twip_lines(doc):
    for p in doc.paragraphs:
        spacing = p._p.pPr.find(qn("w:spacing"))
        assert spacing.get(qn("w:line")) == "579" and spacing.get(qn("w:lineRule")) == "exact"


def test_every_run_names_its_east_asian_and_latin_fonts(doc):
    fonts = default_profile().docx_fonts
    runs = [r for p in doc.paragraphs for r in p.runs]
    assert runs
    for run in runs:
        rfonts = run._r.rPr.find(qn("w:rFonts"))
        assert rfonts.get(qn("w:eastAsia")) in fonts.values()
        assert rfonts.get(qn("w:hint")) == "eastAsia"
        assert rfonts.get(qn("w:ascii")) == "Times New Roman"


def test_the_runs_use_the_font_of_their_role(doc):
    by_text = {
        r.text: r._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
        for p in doc.paragraphs
        for r in p.runs
    }
    assert by_text["2025年度述职述廉报告"] == "方正小标宋简体"
    assert by_text["示例县发展和改革局局长 张三"] == "楷体_GB2312"
    assert by_text["一、"] == "黑体"
    assert by_text["（一）"] == "楷体_GB2312"
    assert by_text["全年学习12次。"] == "仿宋_GB2312"


def test_the_document_defaults_name_the_chinese_body_font(data):
    styles = _xml(data, "word/styles.xml")
    assert 'w:eastAsia="仿宋_GB2312"' in styles
    assert 'w:eastAsia="zh-CN"' in styles


def test_no_theme_font_attribute_overrides_the_names(data):
    for part in ("word/styles.xml", "word/document.xml", "word/footer1.xml", "word/footer2.xml"):
        xml = _xml(data, part)
        assert "Theme=" not in xml and "w:cstheme" not in xml, part


def test_runs_are_tightened_by_five_twentieths_of_a_point(doc):
    body = [r for p in doc.paragraphs if p.style.name == "Report Body" for r in p.runs]
    assert body
    assert all(r._r.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5" for r in body)


def test_body_paragraphs_indent_the_first_line_two_characters(doc):
    body = [p for p in doc.paragraphs if p.style.name == "Report Body"]
    ind = body[0]._p.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"


def test_section_headings_use_the_built_in_heading_style_with_an_outline_level(doc):
    headings = [p for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert [p.text for p in headings] == ["一、加强学习", "二、履职尽责", "三、廉洁自律"]
    assert doc.styles["Heading 1"].element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "0"


def test_numbering_is_written_as_text_not_as_word_lists(doc, data):
    texts = [p.text for p in doc.paragraphs]
    assert "1.坚持学习。全年学习12次。" in texts
    assert "（一）抓项目。新开工项目18个。" in texts
    assert "严守规矩。一是守纪律。无违规。二是讲规矩。" in texts
    assert "<w:numPr>" not in _xml(data, "word/document.xml")


def test_it_has_even_and_odd_footers_with_a_page_field_between_em_dashes(doc, data):
    assert doc.settings.odd_and_even_pages_header_footer
    sect = doc.sections[0]
    for footer, align in ((sect.footer, "right"), (sect.even_page_footer, "left")):
        p = footer.paragraphs[0]
        xml = p._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
        assert p.text.startswith("\u2014 ") and p.text.endswith(" \u2014")
        assert p._p.pPr.find(qn("w:jc")).get(qn("w:val")) == align
        ind = p._p.pPr.find(qn("w:ind"))
        assert ind.get(qn("w:firstLine")) == "0"
        inset = ind.get(qn("w:right" if align == "right" else "w:left"))
        assert inset == "280"  # one 14 pt character
        rfonts = p.runs[0]._r.rPr.find(qn("w:rFonts"))
        assert rfonts.get(qn("w:eastAsia")) == "宋体" and rfonts.get(qn("w:ascii")) == "宋体"


def test_the_signature_is_right_aligned_and_kept_with_the_last_paragraph(doc):
    paragraphs = doc.paragraphs
    name, date = paragraphs[-2], paragraphs[-1]
    assert (name.text, date.text) == ("张三", "2026年1月10日")
    assert name.alignment == date.alignment == 2  # right
    closing = paragraphs[-4]
    assert closing.text == "新的一年，我将继续努力。"
    assert (
        closing.paragraph_format.keep_with_next and paragraphs[-3].paragraph_format.keep_with_next
    )
    assert name.paragraph_format.keep_with_next


def test_it_records_title_and_author(doc):
    assert doc.core_properties.title == "2025年度述职述廉报告"
    assert doc.core_properties.author == "张三"
    assert doc.core_properties.language == "zh-CN"


def test_a_draft_carries_the_draft_mark_in_the_header(tree):
    draft = Document(io.BytesIO(render_docx(tree, draft=True)))
    assert draft.sections[0].header.paragraphs[0].text == "草稿"
    assert draft.sections[0].even_page_header.paragraphs[0].text == "草稿"


def test_a_final_version_has_no_draft_mark(doc):
    assert "草稿" not in doc.sections[0].header.paragraphs[0].text


def test_the_windows_font_set_writes_the_built_in_names(tree):
    with override_settings(REPORT_FONT_SET="windows"):
        data = render_docx(tree)
    styles = _xml(data, "word/styles.xml")
    assert 'w:eastAsia="仿宋"' in styles and "仿宋_GB2312" not in styles


def test_control_characters_are_removed_before_python_docx_sees_them():
    tree = document.Report(
        title="标题\x0b二",
        opening="第一段\x00\x08\x0c\x1f\ufffe结束\x0b第二段\ud800",
        sections=[
            document.Section(
                heading="一\x07", items=[document.Item(lead="要\x1b点", body="内容\x0b续")]
            )
        ],
    )
    doc = Document(io.BytesIO(render_docx(tree)))
    texts = [p.text for p in doc.paragraphs]
    assert "第一段结束" in texts and "第二段" in texts
    assert "1.要点。内容" in texts


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_opens_and_converts_it(data, tmp_path):
    src = tmp_path / "report.docx"
    src.write_bytes(data)
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    out = subprocess.run(
        ["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True, text=True
    ).stdout
    out = "".join(out.split())
    assert "一、加强学习" in out and "\u20141\u2014" in out


def test_the_font_table_offers_built_in_alternatives_for_the_gb2312_fonts(data):
    fonts = _xml(data, "word/fontTable.xml")
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>' in fonts
    assert '<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>' in fonts


def test_word_opens_it_in_its_current_layout_mode_not_compatibility_mode(data):
    assert (
        'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"'
        in _xml(data, "word/settings.xml")
    )


def test_it_carries_no_parts_a_report_does_not_use(data):
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
    assert "word/stylesWithEffects.xml" not in names and "docProps/thumbnail.jpeg" not in names
    assert all(name.endswith((".xml", ".rels")) for name in names)


def test_a_long_last_paragraph_is_not_kept_whole_with_the_signature():
    # LibreOffice and WPS would move all of it to a new page; widow control carries two lines.
    long_closing = "总结" * 300
    tree = document.Report(closing=long_closing, signature=document.Signature("张三", "2026-01-10"))
    doc = Document(io.BytesIO(render_docx(tree)))
    closing = next(p for p in doc.paragraphs if p.text == long_closing)
    assert not closing.paragraph_format.keep_with_next
    assert closing.paragraph_format.widow_control


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_lays_it_out_22_lines_of_28_characters_with_page_numbers(tmp_path):
    from drafts.rendering.samples import full_page_text

    from .rendering_support import MM, body_lines, footer_lines, pdf_pages

    src = tmp_path / "full.docx"
    src.write_bytes(render_docx(document.Report(opening=full_page_text(50))))
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pages = pdf_pages(tmp_path / "full.pdf")
    lines = body_lines(pages[1])
    assert len(lines) == 22
    assert all(len(ln.text) == 28 for ln in lines)
    assert abs(min(ln.x_min for ln in lines) - 28 * MM) < 1 * MM
    assert abs(max(ln.x_max for ln in lines) - 184 * MM) < 1 * MM
    odd, even = footer_lines(pages[0])[0], footer_lines(pages[1])[0]
    assert odd.text == "\u20141\u2014" and even.text == "\u20142\u2014"
    assert odd.x_min > 105 * MM > even.x_max  # odd pages right, even pages left
    assert abs((odd.y_min + odd.y_max) / 2 - 269 * MM) < 1.5 * MM  # 7 mm below the text block


def test_an_empty_report_still_has_one_paragraph():
    doc = Document(io.BytesIO(render_docx(document.Report())))
    assert [p.text for p in doc.paragraphs] == [""]
