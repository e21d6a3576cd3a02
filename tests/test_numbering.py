import pytest

from drafts.numbering import chinese_to_int, item_marker, section_marker


@pytest.mark.parametrize("index, marker", [(0, "一、"), (9, "十、"), (10, "十一、"), (19, "二十、")])
def test_it_numbers_sections(index, marker):
    assert section_marker(index) == marker


@pytest.mark.parametrize(
    "style, index, marker",
    [("arabic", 0, "1."), ("arabic", 11, "12."), ("paren", 2, "（三）"), ("ordinal", 10, "十一是"), ("none", 3, "")],
)
def test_it_numbers_items_by_style(style, index, marker):
    assert item_marker(style, index) == marker


def test_it_reads_chinese_numerals():
    assert chinese_to_int("十二") == 12


def test_it_refuses_unknown_styles():
    with pytest.raises(ValueError):
        item_marker("roman", 0)
