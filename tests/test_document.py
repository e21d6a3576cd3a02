import pytest

from drafts import document
from drafts.document import TreeError


def test_it_round_trips_json(sample_tree):
    assert document.Report.from_json(sample_tree.to_json()) == sample_tree


def test_it_reads_a_tree_without_optional_fields():
    tree = document.Report.from_json('{"version": 1, "sections": [{"heading": "一"}]}')
    assert tree.sections[0].item_style == "arabic"
    assert tree.signature is None


def test_it_hashes_equal_trees_equally(sample_tree):
    copy = document.Report.from_dict(sample_tree.to_dict())
    assert copy.content_hash() == sample_tree.content_hash()
    copy.sections[0].items[0].body += "。"
    assert copy.content_hash() != sample_tree.content_hash()


@pytest.mark.parametrize(
    "text, message",
    [
        ("[]", "JSON object"),
        ("{", "not JSON"),
        ('{"version": 2}', "version"),
        ('{"sections": [{"item_style": "roman"}]}', "item_style"),
        ('{"sections": [{"kind": "sports"}]}', "kind"),
        ('{"title": 5}', "title"),
        ('{"signature": {"name": "张三", "date": "2025-02-30"}}', "signature.date"),
        ('{"sections": [{"items": [{"lead": ["x"]}]}]}', "items[0].lead"),
    ],
)
def test_it_refuses_invalid_trees_with_a_message(text, message):
    with pytest.raises(TreeError, match=message.replace("[", r"\[").replace("]", r"\]")):
        document.Report.from_json(text)


def test_it_formats_signature_dates_without_leading_zeros():
    assert document.format_date_cn("2025-01-10") == "2025年1月10日"


def test_it_counts_characters_without_whitespace(sample_tree):
    assert document.count_chars("一 二\n三") == 3
    assert sample_tree.char_count() > 50
