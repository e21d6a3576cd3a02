"""The layout profile: every number in one place, adjustable per deployment."""

from __future__ import annotations

import io

import pytest
from docx import Document

from drafts import document
from drafts.rendering.docx_writer import render_docx
from drafts.rendering.html import render_document
from drafts.rendering.profile import LayoutProfile, default_profile


def test_the_defaults_are_the_gbt_9704_numbers():
    p = LayoutProfile()
    assert (p.page_width_mm, p.page_height_mm) == (210, 297)
    assert (p.margin_top_mm, p.margin_bottom_mm, p.margin_left_mm, p.margin_right_mm) == (
        37,
        35,
        28,
        26,
    )
    assert (p.text_width_mm, p.text_height_mm) == (156, 225)
    assert p.line_pitch_twips == 579 and abs(p.line_pitch_pt - 28.95) < 1e-9
    assert p.lines_per_page * p.line_pitch_pt <= p.text_height_mm / 25.4 * 72
    assert p.chars_per_line * p.char_pitch_pt <= p.text_width_mm / 25.4 * 72


def test_every_pdf_font_list_ends_with_a_noto_cjk_face():
    p = LayoutProfile()
    for role in p.pdf_fonts:
        assert p.pdf_font_list(role).split(", ")[-1] in (
            '"Noto Serif CJK SC"',
            '"Noto Sans CJK SC"',
        )


def test_a_deployment_adjusts_numbers_in_settings(settings):
    settings.RENDER_PROFILE = {"line_pitch_twips": 592, "margin_top_mm": 34.58}
    profile = default_profile()
    assert profile.line_pitch_twips == 592 and profile.margin_top_mm == 34.58
    doc = Document(io.BytesIO(render_docx(document.Report(opening="正文。"), profile)))
    assert doc.sections[0].top_margin.twips == 1960
    assert "29.6pt" in render_document(document.Report(opening="正文。"), profile)


def test_the_font_set_setting_chooses_the_docx_names(settings):
    settings.REPORT_FONT_SET = "windows"
    assert default_profile().docx_fonts["body"] == "仿宋"


def test_an_unknown_font_set_is_a_clear_error(settings):
    settings.REPORT_FONT_SET = "mac"
    with pytest.raises(ValueError, match="unknown REPORT_FONT_SET 'mac'"):
        default_profile()


def test_different_profiles_have_different_keys():
    assert LayoutProfile().key() != LayoutProfile(line_pitch_twips=580).key()
    assert LayoutProfile().key() == LayoutProfile().key()
