"""Text files: encodings and bad input."""

from __future__ import annotations

import pytest

from drafts.importing import ImportFailed, decode_text, import_text, read_bytes

REPORT = "今年以来，我认真履行职责。\n一、加强学习\n坚持学习。\n"


def test_it_reads_utf8_with_and_without_bom():
    assert read_bytes(REPORT.encode("utf-8")).tree.sections[0].heading == "加强学习"
    assert (
        read_bytes(b"\xef\xbb\xbf" + REPORT.encode("utf-8")).tree.opening
        == "今年以来，我认真履行职责。"
    )


def test_it_reads_gb18030():
    assert read_bytes(REPORT.encode("gb18030")).tree.sections[0].heading == "加强学习"


def test_it_reads_utf16_with_bom_as_word_saves_it():
    assert read_bytes(REPORT.encode("utf-16")).tree.sections[0].heading == "加强学习"


def test_it_refuses_a_binary_file_named_txt():
    with pytest.raises(ImportFailed, match="不是文本文件"):
        read_bytes(bytes(range(256)) * 20, "report.txt")


def test_it_refuses_an_empty_file():
    with pytest.raises(ImportFailed, match="空"):
        read_bytes(b"", "empty.txt")
    with pytest.raises(ImportFailed, match="空"):
        read_bytes(b" \n\r\n\t", "blank.txt")


def test_it_refuses_text_of_only_whitespace_and_debris():
    with pytest.raises(ImportFailed, match="空"):
        import_text("\u3000\u3000\n##paidend##\n")


def test_it_drops_control_characters():
    tree = import_text("今年以来\x07，我认真\x00履行\x0b职责。\n一、加强\x1b学习\n坚持学习。").tree
    assert tree.opening == "今年以来，我认真履行\n职责。"
    assert tree.sections[0].heading == "加强学习"


def test_it_refuses_text_over_the_character_limit():
    with pytest.raises(ImportFailed, match="超过导入上限"):
        import_text("学习。" * 100_000)


def test_it_refuses_too_many_paragraphs():
    with pytest.raises(ImportFailed, match="段"):
        import_text("学习。\n" * 10_000)


def test_it_refuses_an_undecodable_text():
    with pytest.raises(ImportFailed, match="编码"):
        decode_text(b"\x81\x20\x81\x20" * 10)


def test_it_keeps_html_as_text():
    tree = import_text("今年以来<script>alert(1)</script>，我认真履职。\n一、甲\n乙。").tree
    assert "<script>" in tree.opening
