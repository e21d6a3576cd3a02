from drafts.textclean import clean_line, clean_text, has_control_chars


def test_it_turns_word_vertical_tabs_into_newlines():
    assert clean_text("第一行\x0b第二行") == "第一行\n第二行"


def test_it_removes_control_characters_but_keeps_tabs_and_newlines():
    assert clean_text("a\x00b\x07c\td\ne\x1f\ufffe") == "abc\td\ne"


def test_it_normalises_windows_line_breaks():
    assert clean_text("a\r\nb\rc") == "a\nb\nc"


def test_it_drops_lone_surrogates():
    assert clean_text("名\ud800字") == "名字"


def test_it_keeps_rare_characters_and_emoji():
    assert clean_text("堃 喆 𠮷 👍") == "堃 喆 𠮷 👍"


def test_it_flattens_one_line_fields():
    assert clean_line("  标题\n第二行\t ") == "标题 第二行"


def test_it_detects_control_characters():
    assert has_control_chars("a\x01") and not has_control_chars("a\nb")
