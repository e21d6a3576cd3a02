"""Justified PDF body lines (``REPORT_PDF_JUSTIFY``): every line of a paragraph but its last
ends flush with the right margin, in the real PDF, and nothing else changes."""

from __future__ import annotations

import re

import pytest

from drafts.rendering import fontmetrics
from drafts.rendering.html import render_document
from drafts.rendering.pdf_writer import render_pdf
from drafts.rendering.profile import LayoutProfile, default_profile
from drafts.rendering.samples import generated_report

from .rendering_support import MM, body_lines, pdf_pages, pdf_text, write

LEFT = 28 * MM  # the left margin: continuation lines start here, first lines two characters in


@pytest.fixture(scope="module")
def tree():
    return generated_report(3000)


def inner_line_ends(pages) -> list[float]:
    """Right ends of body lines followed, on the same page, by a continuation line (so they
    are not the last line of their paragraph)."""
    ends = []
    for page in pages:
        lines = body_lines(page)
        for line, following in zip(lines, lines[1:], strict=False):
            if abs(following.x_min - LEFT) < 1 and abs(line.x_min - LEFT) < 40:
                ends.append(line.x_max)
    return ends


def test_it_ends_every_inner_line_flush_with_the_right_margin(tree, tmp_path):
    profile = LayoutProfile(pdf_justify_lines=True)
    ends = inner_line_ends(pdf_pages(write(tmp_path, render_pdf(tree, profile))))
    assert len(ends) > 50
    assert max(ends) - min(ends) < 0.6  # points


def test_without_it_some_lines_end_short(tree, tmp_path):
    plain = LayoutProfile(pdf_justify_lines=False)
    ends = inner_line_ends(pdf_pages(write(tmp_path, render_pdf(tree, plain))))
    assert max(ends) - min(ends) > 4


def test_it_changes_neither_the_text_nor_the_pages(tree, tmp_path):
    justified = write(tmp_path, render_pdf(tree, LayoutProfile(pdf_justify_lines=True)), "j.pdf")
    plain = write(tmp_path, render_pdf(tree, LayoutProfile(pdf_justify_lines=False)), "p.pdf")
    assert len(pdf_pages(justified)) == len(pdf_pages(plain))
    assert re.sub(r"\s", "", pdf_text(justified)) == re.sub(r"\s", "", pdf_text(plain))


def test_it_is_off_unless_the_setting_turns_it_on(settings):
    settings.REPORT_PDF_JUSTIFY = False
    assert default_profile().pdf_justify_lines is False
    settings.REPORT_PDF_JUSTIFY = True
    assert default_profile().pdf_justify_lines is True


def test_it_leaves_the_markup_alone_when_a_face_is_not_installed(tree, monkeypatch):
    monkeypatch.setattr(fontmetrics, "_faces", {})
    monkeypatch.setattr(fontmetrics, "_find", lambda family, weight: None)
    markup = render_document(tree, LayoutProfile(pdf_justify_lines=True), break_lines=True)
    assert "gbt-ln" not in markup.split("</style>")[-1]


def test_it_wraps_only_lines_whose_spacing_differs(tree):
    markup = render_document(tree, LayoutProfile(pdf_justify_lines=True), break_lines=True)
    body = markup.split("</style>")[-1]
    spans = re.findall(r'<span class="gbt-ln" style="letter-spacing:(-?[\d.]+)pt">', body)
    assert spans
    default = LayoutProfile().pdf_letter_spacing_pt
    assert all(abs(float(s) - default) > 0.001 for s in spans)
