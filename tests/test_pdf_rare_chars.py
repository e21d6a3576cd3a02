"""Rare name characters (堃 喆 玥) get a real glyph from the Noto fallback, not a box,
and the fallback's taller metrics do not break the 22-line grid."""

from __future__ import annotations

import subprocess

import pytest
from PIL import Image, ImageChops

from drafts import document
from drafts.rendering.pdf_writer import render_pdf
from drafts.rendering.profile import LayoutProfile

from .rendering_support import body_lines, pdf_pages, pdffonts, write

RARE = "堃喆玥"
NOTDEF = "\U0010fffd"  # a private-use code point no installed font covers: drawn as .notdef
PITCH = LayoutProfile().line_pitch_pt
DPI = 144


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    tree = document.Report(
        opening="\n".join(["政", *RARE, NOTDEF, "政"]),
        sections=[
            document.Section(
                heading="关于张堃同志", items=[document.Item(lead="王喆", body="李玥")]
            )
        ],
        signature=document.Signature(name="张堃", date="2026-01-10"),
    )
    return write(tmp_path_factory.mktemp("rare"), render_pdf(tree))


@pytest.fixture(scope="module")
def glyphs(pdf):
    """Bitmaps of the one-character lines (政 堃 喆 玥 .notdef 政)."""
    prefix = pdf.parent / "page"
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-png", "-f", "1", "-l", "1", str(pdf), str(prefix)],
        check=True,
    )
    image = Image.open(next(pdf.parent.glob("page*.png"))).convert("L")
    scale = DPI / 72
    lines = pdf_pages(pdf)[0]["lines"][:6]
    crops = {}
    for line in lines:
        middle = (line.y_min + line.y_max) / 2
        box = (line.x_min, middle - 9, line.x_min + 17, middle + 9)
        crops[line.text] = image.crop(tuple(round(v * scale) for v in box))
    return crops


def _differs(a, b) -> bool:
    diff = ImageChops.difference(a, b).point(lambda px: 255 if px > 64 else 0)
    return diff.histogram()[255] > 20


def test_the_rare_characters_are_extracted_as_text(pdf):
    texts = [ln.text for ln in pdf_pages(pdf)[0]["lines"]]
    assert texts[1:4] == list(RARE)
    assert "张堃" in texts


def test_the_noto_fallback_is_embedded(pdf):
    names = [f["name"].split("+", 1)[1] for f in pdffonts(pdf)]
    assert any(n.startswith("Noto-Serif-CJK-SC") for n in names), names
    assert any(n.startswith("Noto-Sans-CJK-SC") for n in names), names  # the 黑体 heading


def test_each_rare_character_is_drawn_with_its_own_glyph_not_a_box(glyphs):
    notdef = glyphs[NOTDEF]
    rare = [glyphs[ch] for ch in RARE]
    for crop in rare:
        assert crop.getextrema()[0] < 128, "the glyph has ink"
        assert _differs(crop, notdef), "the glyph is not the .notdef box"
    assert _differs(rare[0], rare[1]) and _differs(rare[1], rare[2]) and _differs(rare[0], rare[2])


def test_fallback_glyphs_keep_the_line_pitch(pdf):
    lines = body_lines(pdf_pages(pdf)[0])
    first, last = lines[0], lines[5]
    assert first.text == last.text == "政"
    # Five lines later, three of them set in the taller Noto face: still five grid steps.
    assert abs((last.y_min - first.y_min) - 5 * PITCH) < 0.01
