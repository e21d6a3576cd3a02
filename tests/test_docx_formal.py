"""The DOCX to the ruler (issue 12): its grid and paragraph rules, a clean package, and
LibreOffice's layout of the five corpus-shaped reports measured like the PDF's: 22 lines on
every full page, the body starting on the PDF's line, every punctuation mark drawn."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from drafts import document
from drafts.rendering.docx_writer import KEEP_MAX_LINES, render_docx
from drafts.rendering.pdf_writer import render_pdf
from drafts.rendering.samples import corpus_shaped_report

from . import layout_measure as lm
from .rendering_support import MM

SEEDS = range(5)


@pytest.fixture(scope="module")
def data():
    return render_docx(corpus_shaped_report(4))


def _part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(name).decode("utf-8")


def test_the_package_names_this_application_and_no_template_leftovers(data):
    app = _part(data, "docProps/app.xml")
    assert "<Application>述职述廉报告系统</Application>" in app
    assert "Microsoft" not in app and "Template" not in app and "AppVersion" not in app
    settings = _part(data, "word/settings.xml")
    assert '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>' in settings
    assert "ja-JP" not in settings and "w:rsid" not in settings and "docId" not in settings


def test_no_japanese_face_is_left_in_the_theme_or_the_font_table(data):
    theme, fonts = _part(data, "word/theme/theme1.xml"), _part(data, "word/fontTable.xml")
    for text in (theme, fonts):
        assert "ＭＳ" not in text and 'script="Jpan"' not in text
    assert fonts.count("<w:font ") == 6  # Times New Roman and the five Chinese fonts
    for name in ("Times New Roman", "仿宋_GB2312", "楷体_GB2312", "黑体", "宋体", "方正小标宋简体"):
        assert f'w:name="{name}"' in fonts


def test_the_core_properties_name_the_report_and_the_official(data):
    core = Document(io.BytesIO(data)).core_properties
    tree = corpus_shaped_report(4)
    assert core.title == tree.title and core.author == "周玥" == core.last_modified_by
    assert core.language == "zh-CN" and core.revision == 1
    xml = _part(data, "docProps/core.xml")
    assert "python-docx" not in xml
    assert re.findall(r"<([\w:]+)[^>]*>\s*</\1>|<[\w:]+[^>]*/>", xml) == []  # nothing empty


def test_without_a_signature_the_author_is_the_name_ending_the_byline():
    tree = document.Report(title="报告", byline="示例县发展和改革局局长 张三", opening="正文。")
    assert Document(io.BytesIO(render_docx(tree))).core_properties.author == "张三"


def test_body_paragraphs_have_no_widow_control_and_headings_keep_with_the_next(data):
    doc = Document(io.BytesIO(data))
    body_style = doc.styles["Report Body"].element.pPr
    assert body_style.find(qn("w:widowControl")).get(qn("w:val")) == "0"
    for p in doc.paragraphs:
        ppr = p._p.pPr
        assert ppr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"
        assert ppr.find(qn("w:overflowPunct")).get(qn("w:val")) == "1"
        if p.style.name == "Heading 1":
            assert ppr.find(qn("w:keepNext")) is not None
        elif p.style.name == "Report Body" and not p.paragraph_format.keep_with_next:
            assert ppr.find(qn("w:widowControl")).get(qn("w:val")) == "0"


def test_the_title_lines_are_exact_grid_lines_not_snapped_to_two(data):
    doc = Document(io.BytesIO(data))
    title = next(p for p in doc.paragraphs if p.style.name == "Title")
    spacing = title._p.pPr.find(qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("579", "exact")
    assert title._p.pPr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"
    assert len(title._p.findall(qn("w:r"))) == 2  # the same two lines as the PDF's
    assert title.text == "示例县发展和改革委员会\n党组书记、主任2024年度述职述廉报告"


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory):
    """``{seed: (tree, our PDF's pages, LibreOffice's PDF's pages, our PDF, its PDF)}``."""
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice is not installed")
    tmp = tmp_path_factory.mktemp("lo")
    trees = {seed: corpus_shaped_report(seed) for seed in SEEDS}
    for seed, tree in trees.items():
        (tmp / f"r{seed}.docx").write_bytes(render_docx(tree))
        (tmp / f"r{seed}.pdf").write_bytes(render_pdf(tree))
    (tmp / "lo").mkdir()
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp / "lo"),
            *(str(tmp / f"r{seed}.docx") for seed in SEEDS),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {
        seed: (
            tree,
            lm.page_rows(tmp / f"r{seed}.pdf"),
            lm.page_rows(tmp / "lo" / f"r{seed}.pdf"),
            tmp / f"r{seed}.pdf",
            tmp / "lo" / f"r{seed}.pdf",
        )
        for seed, tree in trees.items()
    }


@pytest.mark.parametrize("seed", SEEDS)
def test_libreoffice_puts_22_lines_on_every_full_page(laid_out, seed):
    tree, _, lo_pages, _, _ = laid_out[seed]
    # LibreOffice moves the whole (short) paragraph before the signature with it, where
    # Word carries its last line: up to KEEP_MAX_LINES lines.
    assert lm.short_pages(lo_pages, tree.signature.name, max_carried=KEEP_MAX_LINES) == []


@pytest.mark.parametrize("seed", SEEDS)
def test_libreoffice_starts_the_body_on_the_pdfs_line(laid_out, seed):
    _, pdf_pages, lo_pages, _, _ = laid_out[seed]

    def first_body_row(pages):
        page = pages[0]
        return next(
            row
            for line, row in zip(page.lines, page.rows, strict=True)
            if not lm.is_title(line, page) and lm.is_first_line(line)
        )

    assert first_body_row(lo_pages) == first_body_row(pdf_pages)
    assert len(lm.title_lines(lo_pages)) == len(lm.title_lines(pdf_pages))


@pytest.mark.parametrize("seed", SEEDS)
def test_libreoffice_draws_every_punctuation_mark_the_pdf_draws(laid_out, seed):
    _, _, _, pdf, lo_pdf = laid_out[seed]
    assert lm.punctuation_count(lo_pdf) == lm.punctuation_count(pdf) > 300


@pytest.mark.parametrize("seed", SEEDS)
def test_libreoffice_keeps_every_glyph_inside_and_breaks_by_kinsoku(laid_out, seed):
    _, _, lo_pages, _, _ = laid_out[seed]
    assert lm.outside_block(lo_pages, tolerance_mm=0.1) == []
    assert lm.kinsoku_faults(lo_pages) == []


@pytest.mark.parametrize("seed", SEEDS)
def test_libreoffice_justifies_inner_lines_to_its_character_grid(laid_out, seed):
    # LibreOffice rounds the grid's character pitch down (15.73 pt for 15.79) and centres
    # the 28 cells in the text block: lines start 0.26 mm in and end 0.2-0.75 mm short.
    _, _, lo_pages, _, _ = laid_out[seed]
    assert len(lm.inner_lines(lo_pages)) > 40
    misses = lm.edge_misses(lo_pages, tolerance_mm=0.8)
    assert misses == []
    starts = [ln.x_min for _, ln in lm.inner_lines(lo_pages) if lm.is_continuation(ln)]
    assert max(abs(x - lm.LEFT) for x in starts) < 0.3 * MM
