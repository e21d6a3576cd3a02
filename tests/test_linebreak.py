"""The PDF line breaker for justified body lines (pure: a fake measure, no fonts)."""

from __future__ import annotations

import pytest

from drafts.rendering.linebreak import MAX_STRETCH_PT, NO_LINE_END, NO_LINE_START, break_paragraph

SIZE = 16.0
SPACING = -0.22
WIDTH = 28 * (SIZE + SPACING)  # a full line: 28 characters
INDENT = 2 * (SIZE + SPACING)


def measure(face: str, ch: str) -> float:
    if ch == ".":
        return 4.0
    return SIZE / 2 if ch.isascii() else SIZE


def lines_of(*texts, faces=None):
    return break_paragraph(
        list(texts),
        faces or ["body"] * len(texts),
        measure,
        width_pt=WIDTH,
        indent_pt=INDENT,
        letter_spacing_pt=SPACING,
    )


def visible_end(line):
    """Where the last glyph of a justified line ends (its trailing spacing left out)."""
    chars = line.text
    natural = sum(measure("body", ch) for ch in chars)
    return natural + (len(chars) - 1) * line.letter_spacing_pt


def test_it_fills_lines_of_28_wide_characters_with_the_default_spacing():
    text = "政" * 26 + "治" * 28 + "学习"
    lines = lines_of(text)
    assert [len(line.text) for line in lines] == [26, 28, 2]
    assert lines[0].letter_spacing_pt == pytest.approx(SPACING)
    assert lines[1].letter_spacing_pt == pytest.approx(SPACING)


def test_it_leaves_the_last_line_alone():
    lines = lines_of("政" * 30)
    assert lines[-1].letter_spacing_pt is None


def test_it_spreads_half_a_character_of_slack_over_a_line_with_a_digit():
    lines = lines_of("工作" * 11 + "完成8次" + "政" * 20)
    first = lines[0]
    assert "8" in first.text
    assert first.letter_spacing_pt > SPACING
    assert visible_end(first) == pytest.approx(WIDTH - INDENT - SPACING)


def test_it_keeps_a_number_whole():
    lines = lines_of("政" * 25 + "2025年")
    assert all("2025" in line.text or "2" not in line.text for line in lines)


def test_it_never_starts_a_line_with_closing_punctuation():
    text = ("政" * 25 + "，") * 4 + "。"
    for line in lines_of(text)[1:]:
        assert line.text[0] not in NO_LINE_START


def test_it_never_ends_a_justified_line_with_opening_punctuation():
    text = ("政" * 25 + "（一）") * 4
    for line in lines_of(text)[:-1]:
        assert line.text[-1] not in NO_LINE_END


def test_it_moves_a_character_down_rather_than_start_a_line_with_a_comma():
    lines = lines_of("政" * 26 + "，" + "治" * 10)
    assert lines[0].text == "政" * 25
    assert lines[1].text.startswith("政，")
    assert lines[0].letter_spacing_pt > SPACING


def test_it_splits_a_word_longer_than_a_line():
    word = "x" * 70
    lines = lines_of(word)
    assert "".join(line.text for line in lines) == word
    assert len(lines) == 2


def test_it_keeps_runs_apart_and_in_order():
    lines = lines_of("1.", "着力破解难题。", "政" * 40, faces=["body", "lead", "body"])
    pieces = [(p.run, p.text) for line in lines for p in line.pieces]
    assert "".join(text for _, text in pieces) == "1.着力破解难题。" + "政" * 40
    assert [run for run, _ in pieces] == sorted(run for run, _ in pieces)
    assert pieces[0] == (0, "1.")


def test_it_does_not_stretch_a_line_beyond_the_limit():
    lines = lines_of("政" * 20 + "y" * 40)
    stretched = [ln for ln in lines if ln.letter_spacing_pt is not None]
    assert all(ln.letter_spacing_pt - SPACING <= MAX_STRETCH_PT for ln in stretched)


def test_it_breaks_a_pasted_code_of_100000_characters_into_lines_that_fit():
    word = "ab" * 50_000
    lines = lines_of(word)
    assert "".join(line.text for line in lines) == word
    for line in lines[:-1]:
        assert len(line.text) * (SIZE / 2 + SPACING) <= WIDTH + 0.01


def test_it_pulls_closing_marks_back_when_none_can_be_pushed_over():
    # 23 characters and four full stops on a 26-character first line: every break within
    # MAX_PUSH characters would start a line with 。, so the last 。 comes back onto the line.
    lines = lines_of("政" * 23 + "。。。。")
    assert [line.text for line in lines] == ["政" * 23 + "。。。。"]
    squeezed = lines[0]
    assert squeezed.letter_spacing_pt < SPACING
    assert visible_end(squeezed) == pytest.approx(WIDTH - INDENT - SPACING)


def test_a_line_never_ends_past_the_margin_with_a_quantized_spacing():
    step = 16 / 1000

    def quantize(wanted):  # the widest spacing in whole steps that is not wider
        import math

        return math.floor(wanted / step) * step

    text = "工作" * 11 + "完成8次" + "政" * 20 + "“两个维护”" + "政" * 40
    lines = break_paragraph(
        [text],
        ["body"],
        measure,
        width_pt=WIDTH,
        indent_pt=INDENT,
        letter_spacing_pt=SPACING,
        quantize=quantize,
    )
    for k, line in enumerate(lines[:-1]):
        room = WIDTH - (INDENT if k == 0 else 0) - SPACING
        assert visible_end(line) <= room + 1e-9
        assert room - visible_end(line) < len(line.text) * step


def test_a_line_ending_within_the_snap_keeps_the_paragraphs_spacing():
    # 27 characters and two digits: 0.22 pt short at the default spacing.
    text = "政" * 25 + "12" + "政" * 40
    snapped = lines_of_snap(text, snap=0.3)
    assert snapped[0].letter_spacing_pt == SPACING
    assert lines_of_snap(text, snap=0.0)[0].letter_spacing_pt != SPACING


def lines_of_snap(text, snap):
    return break_paragraph(
        [text],
        ["body"],
        measure,
        width_pt=WIDTH,
        indent_pt=INDENT,
        letter_spacing_pt=SPACING,
        snap_pt=snap,
    )
