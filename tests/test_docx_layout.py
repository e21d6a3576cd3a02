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


def test_it_sets_a_grid_of_22_lines_of_579_twips_and_28_characters(doc):
    # Issue 12: linesAndChars with the character pitch, so that Word's 页面设置 reads 22 × 28.
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert grid.get(qn("w:linePitch")) == "579"
    pitch = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert grid.get(qn("w:charSpace")) == "-842"
    assert int(8845 / 20 / pitch) == 28  # the text block, 11906 - 1587 - 1474 twips


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
        # Issue 12: the title's digits in the title face (they were a light Times New Roman).
        latin = fonts["title"] if run._r.getparent().style == "Title" else "Times New Roman"
        assert rfonts.get(qn("w:ascii")) == latin


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


def test_runs_are_tightened_by_six_twentieths_of_a_point(doc):
    # Issue 12: -5 became -6 so that 28 characters also fit LibreOffice's character grid,
    # whose pitch it rounds down to 15.73 pt (28 x 15.75 pt did not fit; see docx_writer).
    body = [r for p in doc.paragraphs if p.style.name == "Report Body" for r in p.runs]
    assert body
    assert all(r._r.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-6" for r in body)


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


def _outline(doc) -> list[tuple[int, str]]:
    """What Word's navigation pane lists: (level, text) of every paragraph with an outline
    level, from its own properties or from its style."""
    out = []
    for p in doc.paragraphs:
        lvl = p._p.pPr.find(qn("w:outlineLvl")) if p._p.pPr is not None else None
        if lvl is None and p.style.element.pPr is not None:
            lvl = p.style.element.pPr.find(qn("w:outlineLvl"))
        if lvl is not None:
            out.append((int(lvl.get(qn("w:val"))), p.text))
    return out


def test_the_navigation_pane_lists_paren_items_under_their_section(doc):
    assert _outline(doc) == [
        (0, "一、加强学习"),
        (0, "二、履职尽责"),
        (1, "（一）抓项目。新开工项目18个。"),
        (0, "三、廉洁自律"),
    ]


def test_a_paren_item_keeps_its_lead_and_body_in_one_body_paragraph(doc):
    # The printed layout (and the PDF) runs the body on after the lead, so the item is not
    # split into a Heading 2 and a body paragraph: it keeps the body style and its fonts.
    item = next(p for p in doc.paragraphs if p.text.startswith("（一）"))
    assert item.style.name == "Report Body"
    assert item._p.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "1"
    assert item._p.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    fonts = [(r.text, r._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))) for r in item.runs]
    assert fonts == [
        ("（一）", "楷体_GB2312"),
        ("抓项目。", "楷体_GB2312"),
        ("新开工项目18个。", "仿宋_GB2312"),
    ]
    assert not any(r.bold for r in item.runs)


def test_run_in_paren_items_and_their_further_paragraphs_get_no_outline_level():
    tree = document.Report(
        sections=[
            document.Section(
                heading="甲",
                item_style="paren",
                inline_items=True,
                items=[document.Item(lead="一", body="内容。"), document.Item(lead="二")],
            ),
            document.Section(
                heading="乙",
                item_style="paren",
                items=[document.Item(lead="三", body="第一段。\n第二段。")],
            ),
        ]
    )
    doc = Document(io.BytesIO(render_docx(tree)))
    assert _outline(doc) == [(0, "一、甲"), (0, "二、乙"), (1, "（一）三。第一段。")]
    assert "第二段。" in [p.text for p in doc.paragraphs]


def _soffice(tmp_path, fmt: str, *sources) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            fmt,
            "--outdir",
            str(tmp_path),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=180,
    )


def _paren_report() -> document.Report:
    items = [
        document.Item(lead="抓项目" * (k % 3 + 1), body="新开工项目十八个。" * (k * 7 % 40 + 1))
        for k in range(12)
    ]
    items.append(document.Item(lead="", body="只有正文。" * 20))
    return document.Report(
        title="测试",
        sections=[document.Section(heading="履职", item_style="paren", items=items)],
        signature=document.Signature("张三", "2026-01-10"),
    )


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_the_outline_level_leaves_the_libreoffice_layout_unchanged(tmp_path):
    from .rendering_support import pdf_pages

    data = render_docx(_paren_report())
    plain = tmp_path / "plain.docx"
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(plain, "w") as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "word/document.xml":
                assert b'<w:outlineLvl w:val="1"/>' in content
                content = content.replace(b'<w:outlineLvl w:val="1"/>', b"")
            dst.writestr(info, content)
    (tmp_path / "outlined.docx").write_bytes(data)
    _soffice(tmp_path, "pdf", tmp_path / "outlined.docx", plain)
    outlined, unmarked = pdf_pages(tmp_path / "outlined.pdf"), pdf_pages(tmp_path / "plain.pdf")
    assert len(outlined) > 2
    assert outlined == unmarked


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_reads_paren_items_as_second_level_headings(tmp_path):
    (tmp_path / "paren.docx").write_bytes(render_docx(_paren_report()))
    _soffice(tmp_path, "odt", tmp_path / "paren.docx")
    with zipfile.ZipFile(tmp_path / "paren.odt") as zf:
        content = zf.read("content.xml").decode()
    assert content.count('text:outline-level="1"') == 1
    assert content.count('text:outline-level="2"') == 13


# Child order of the elements the writer builds (ECMA-376 CT_PPr, CT_RPr, CT_Style): Word
# reports a file with children out of order as corrupt and offers to repair it.
_PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
).split()
_RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"
).split()
_STYLE_ORDER = (
    "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed "
    "qFormat locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr "
    "tblStylePr"
).split()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.startswith("word/") and n.endswith("xml")}


@pytest.fixture(scope="module")
def draft_data(tree):
    return render_docx(tree, draft=True)


def test_every_run_in_every_part_names_an_east_asian_font(draft_data):
    from lxml import etree

    fonts = set(default_profile().docx_fonts.values())
    seen = set()
    for name, xml in _parts(draft_data).items():
        root = etree.fromstring(xml)
        for r in root.iter(f"{W}r"):
            rfonts = r.find(f"{W}rPr/{W}rFonts")
            assert rfonts is not None, (name, etree.tostring(r))
            assert rfonts.get(f"{W}eastAsia") in fonts, name
            assert rfonts.get(f"{W}hint") == "eastAsia", name
            seen.add(name)
        for rfonts in root.iter(f"{W}rFonts"):  # styles and defaults too
            assert rfonts.get(f"{W}eastAsia") in fonts, name
    # the body, both page-number footers and both 草稿 headers were checked
    assert {"word/document.xml", "word/footer1.xml", "word/footer2.xml"} <= seen
    assert {"word/header1.xml", "word/header2.xml"} <= seen


def test_the_page_numbers_and_the_draft_mark_use_song_and_hei(draft_data):
    sect = Document(io.BytesIO(draft_data)).sections[0]
    for footer in (sect.footer, sect.even_page_footer):
        assert {r._r.rPr.rFonts.get(qn("w:eastAsia")) for r in footer.paragraphs[0].runs} == {
            "宋体"
        }
    for header in (sect.header, sect.even_page_header):
        (mark,) = header.paragraphs[0].runs
        assert (mark.text, mark._r.rPr.rFonts.get(qn("w:eastAsia"))) == ("草稿", "黑体")


def test_properties_and_styles_list_their_children_in_schema_order(draft_data):
    from lxml import etree

    def check(element, order, where):
        names = [etree.QName(c).localname for c in element]
        positions = [order.index(n) for n in names]  # ValueError: an unknown child
        assert positions == sorted(positions), (where, names)

    checked = 0
    for name, xml in _parts(draft_data).items():
        root = etree.fromstring(xml)
        for ppr in root.iter(f"{W}pPr"):
            check(ppr, _PPR_ORDER, name)
            checked += 1
        for rpr in root.iter(f"{W}rPr"):
            check(rpr, _RPR_ORDER, name)
        for style in root.iter(f"{W}style"):
            check(style, _STYLE_ORDER, name)
    assert checked > 10


# LibreOffice's launcher prints this when no Java runtime is installed; it says nothing
# about the document.
_LAUNCHER_NOISE = "Warning: failed to launch javaldx - java may not function correctly"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_converts_a_draft_without_warnings(draft_data, tmp_path):
    from .rendering_support import footer_lines, pdf_pages

    (tmp_path / "draft.docx").write_bytes(draft_data)
    result = _soffice(tmp_path, "pdf", tmp_path / "draft.docx")
    assert [ln for ln in result.stderr.splitlines() if ln.strip() != _LAUNCHER_NOISE] == []
    assert result.stdout.strip().endswith("using filter : writer_pdf_Export")
    pages = pdf_pages(tmp_path / "draft.pdf")
    for number, page in enumerate(pages, 1):
        texts = [ln.text for ln in page["lines"]]
        assert "草稿" in texts
        assert [ln.text for ln in footer_lines(page)] == [f"\u2014{number}\u2014"]
