"""The PDF to a secretary's ruler (issue 12), measured with pdftotext on real PDFs of the five
corpus-shaped reports and of the shared corpus's reports: 22 lines on every full page, every
inner body line flush with both edges, nothing past the text block, kinsoku, titles broken
between words into a trapezoid or a diamond."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafts import document
from drafts.rendering.pdf_writer import render_pdf
from drafts.rendering.samples import corpus_shaped_report
from drafts.rendering.titles import text_width

from . import layout_measure as lm
from .rendering_support import MM, write

CORPUS = Path(
    os.environ.get("CORPUS_DIR") or Path(__file__).resolve().parents[2] / "shared" / "corpus"
)
CORPUS_FILES = sorted((CORPUS / "reports").glob("*.txt")) if CORPUS.is_dir() else []
# Words a title break must not cut (the examples and their kind), checked
# independently of the segmenter the writer uses.
TITLE_WORDS = [
    "副书记",
    "党组书记",
    "书记",
    "政法委员会",
    "委员会",
    "发展和改革委员会",
    "人民政府",
    "副区长",
    "乡长",
    "主任",
    "同志",
    "王堃喆",
    "2024年度",
    "2022年度",
    "年度",
    "述职述廉",
    "述职述德述廉述法",
    "述职述德述廉",
    "德能勤绩廉",
    "全面从严治党",
    "主体责任",
    "廉洁自律",
    "报告",
    "情况",
    "个人",
    "工作总结",
]


def _corpus_tree(path: Path) -> document.Report:
    """A corpus report as imported, given the title and signature a submitted one has."""
    from drafts.importing import read_path

    tree = read_path(path)
    if not tree.title:
        tree.title = "2024年度述职述廉报告"
    tree.signature = document.Signature(name="王堃喆", date="2025-01-10")
    return tree


CASES = [(f"shaped-{seed}", lambda seed=seed: corpus_shaped_report(seed)) for seed in range(5)]
CASES += [(f"corpus-{p.name[:3]}", lambda p=p: _corpus_tree(p)) for p in CORPUS_FILES]


@pytest.fixture(scope="module", params=CASES, ids=[name for name, _ in CASES])
def report(request, tmp_path_factory):
    name, make = request.param
    tree = make()
    path = write(tmp_path_factory.mktemp(name), render_pdf(tree), f"{name}.pdf")
    return tree, path, lm.page_rows(path)


def test_every_full_page_has_22_lines(report):
    tree, _, pages = report
    assert len(pages) >= 2
    assert lm.short_pages(pages, tree.signature.name) == []


def test_every_line_sits_on_the_grid(report):
    _, _, pages = report
    assert lm.off_grid(pages) == []


def test_every_inner_body_line_is_flush_with_both_edges(report):
    _, _, pages = report
    inner = lm.inner_lines(pages)
    assert len(inner) > 40
    assert lm.edge_misses(pages, tolerance_mm=0.5) == []


def test_no_glyph_is_outside_the_text_block(report):
    _, _, pages = report
    assert lm.outside_block(pages) == []


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(report):
    _, _, pages = report
    assert lm.kinsoku_faults(pages) == []


def test_no_heading_is_alone_at_the_foot_of_a_page(report):
    _, _, pages = report
    assert [p.number for p in pages if p.lines and lm.HEADING.match(p.lines[-1].text)] == []


def test_the_signature_has_text_of_the_report_above_it_on_its_page(report):
    tree, _, pages = report
    texts = [ln.text for ln in pages[-1].lines]
    assert tree.signature.name in texts
    assert texts.index(tree.signature.name) >= 1


def test_the_title_breaks_between_words_into_a_trapezoid_or_a_diamond(report):
    tree, _, pages = report
    lines = lm.title_lines(pages)
    assert "".join(lines) == tree.title
    assert lm.split_words(lines, TITLE_WORDS) == []
    assert lm.shape_faults([text_width(line) for line in lines]) == []
    for line in pages[0].lines[: len(lines)]:
        assert abs((line.x_min + line.x_max) / 2 - (28 + 156 / 2) * MM) < 1 * MM  # centred
