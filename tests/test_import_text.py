"""The importer's rules (report-tree.md), one test per rule, on hand-written reports."""

from __future__ import annotations

from drafts.importing import blocks_to_tree, parse_text, tree_to_blocks

OPENING = "今年以来，我按照局党组的安排，认真履行各项职责。现将有关情况报告如下："


def _sections(text):
    return parse_text(text).sections


def test_it_reads_headings_on_their_own_line():
    tree = parse_text(f"{OPENING}\n一、加强学习\n全年坚持学习。\n二、推动发展。\n抓好项目建设。\n")
    assert [s.heading for s in tree.sections] == ["加强学习", "推动发展"]
    assert tree.sections[0].intro == "全年坚持学习。"
    assert tree.opening == OPENING


def test_it_splits_a_run_in_heading_at_the_first_full_stop():
    tree = parse_text(
        f"{OPENING}\n一、坚持学习，提高本领。全年参加集中学习十二次，撰写心得四篇。\n"
    )
    section = tree.sections[0]
    assert section.heading == "坚持学习，提高本领"
    assert section.intro == "全年参加集中学习十二次，撰写心得四篇。"


def test_it_reads_arabic_items_with_all_three_separators():
    text = f"{OPENING}\n一、推动发展\n1.抓项目。新开工三个。\n2．抓招商。签约两家。\n3、抓服务。办结全部事项。\n"
    section = _sections(text)[0]
    assert section.item_style == "arabic"
    assert [(i.lead, i.body) for i in section.items] == [
        ("抓项目", "新开工三个。"),
        ("抓招商", "签约两家。"),
        ("抓服务", "办结全部事项。"),
    ]


def test_it_reads_paren_items_with_full_and_half_width_brackets():
    text = f"{OPENING}\n一、推动发展\n（一）抓项目。新开工三个。\n(二)抓招商。签约两家。\n"
    section = _sections(text)[0]
    assert section.item_style == "paren"
    assert [i.lead for i in section.items] == ["抓项目", "抓招商"]


def test_it_reads_ordinal_items_as_paragraphs():
    text = f"{OPENING}\n一、推动发展\n一是抓项目。新开工三个。\n二是抓招商。签约两家。\n"
    section = _sections(text)[0]
    assert section.item_style == "ordinal"
    assert section.inline_items is False
    assert [i.lead for i in section.items] == ["抓项目", "抓招商"]


def test_it_splits_run_in_items_after_a_run_in_heading():
    text = f"{OPENING}\n一、讲政治，抓学习。坚定信念。一是保持定力。严守纪律。二是加强学习。读书十本。\n"
    section = _sections(text)[0]
    assert section.heading == "讲政治，抓学习"
    assert section.intro == "坚定信念。"
    assert section.inline_items is True
    assert [(i.lead, i.body) for i in section.items] == [
        ("保持定力", "严守纪律。"),
        ("加强学习", "读书十本。"),
    ]


def test_it_splits_run_in_items_inside_section_text():
    text = f"{OPENING}\n一、抓党建\n全面从严治党，主要做了以下工作：一是建制度。立规矩。二是强队伍。育人才。\n"
    section = _sections(text)[0]
    assert section.intro == "全面从严治党，主要做了以下工作："
    assert [i.lead for i in section.items] == ["建制度", "强队伍"]


def test_it_keeps_a_third_level_inside_arabic_items():
    text = (
        f"{OPENING}\n一、推动发展\n1.抓升级，兴产业。一是升级传统产业。投入资金。二是培育新产业。引进企业。\n"
        "2.抓民生。办实事。\n"
    )
    section = _sections(text)[0]
    assert [i.lead for i in section.items] == ["抓升级，兴产业", "抓民生"]
    assert section.items[0].body == "一是升级传统产业。投入资金。二是培育新产业。引进企业。"


def test_it_keeps_ordinal_paragraphs_inside_paren_items():
    text = f"{OPENING}\n一、推动发展\n（一）抓升级。\n一是升级传统产业。\n二是培育新产业。\n（二）抓民生。办实事。\n"
    section = _sections(text)[0]
    assert [i.lead for i in section.items] == ["抓升级", "抓民生"]
    assert section.items[0].body == "一是升级传统产业。\n二是培育新产业。"


def test_it_makes_one_item_per_ordinal_even_out_of_order():
    text = f"{OPENING}\n一、抓党建\n坚持从严。一是建制度。甲。三是强队伍。乙。三是抓廉政。丙。\n"
    section = _sections(text)[0]
    assert [i.lead for i in section.items] == ["建制度", "强队伍", "抓廉政"]


def test_it_makes_one_item_per_arabic_number_even_repeated():
    text = f"{OPENING}\n一、推动发展\n1.抓项目。甲。\n1.抓招商。乙。\n3.抓服务。丙。\n"
    assert [i.lead for i in _sections(text)[0].items] == ["抓项目", "抓招商", "抓服务"]


def test_it_joins_unmarked_paragraphs_to_the_previous_item():
    text = (
        f"{OPENING}\n一、推动发展\n1.抓项目。新开工三个。\n其中两个已投产。\n2.抓招商。签约两家。\n"
    )
    section = _sections(text)[0]
    assert section.items[0].body == "新开工三个。\n其中两个已投产。"


def test_it_detects_the_closing_after_the_last_section():
    text = f"{OPENING}\n一、推动发展\n1.抓项目。甲。\n一年来，我做了一些工作，但仍有差距。\n今后我将继续努力。\n"
    tree = parse_text(text)
    assert tree.closing == "一年来，我做了一些工作，但仍有差距。\n今后我将继续努力。"
    assert tree.sections[0].items[0].body == "甲。"


def test_it_does_not_take_a_sections_only_text_as_closing():
    text = f"{OPENING}\n一、存在的不足\n过去的一年，成绩值得肯定，但问题也不少。\n"
    tree = parse_text(text)
    assert tree.closing == ""
    assert tree.sections[0].intro.startswith("过去的一年")


def test_it_leaves_ordinary_trailing_paragraphs_in_the_last_item():
    text = f"{OPENING}\n一、推动发展\n1.抓项目。甲。\n此外还完成了其他任务。\n"
    tree = parse_text(text)
    assert tree.closing == ""
    assert tree.sections[0].items[0].body == "甲。\n此外还完成了其他任务。"


def test_it_reads_title_and_bracketed_subtitle():
    tree = parse_text(f"2025年度述职述廉报告（德能勤绩廉）\n{OPENING}\n一、加强学习\n坚持学习。\n")
    assert tree.title == "2025年度述职述廉报告"
    assert tree.subtitle == "（德能勤绩廉）"


def test_it_reads_a_subtitle_on_its_own_line_and_a_byline():
    tree = parse_text(
        f"述职述廉报告\n（2025年度）\n示例县交通运输局局长 李四\n{OPENING}\n一、加强学习\n坚持学习。\n"
    )
    assert (tree.title, tree.subtitle, tree.byline) == (
        "述职述廉报告",
        "（2025年度）",
        "示例县交通运输局局长 李四",
    )


def test_it_does_not_take_a_long_first_sentence_as_title():
    tree = parse_text(f"{OPENING}\n一、加强学习\n坚持学习。\n")
    assert tree.title == ""
    assert tree.opening == OPENING


def test_it_ignores_full_width_indentation_tabs_and_blank_lines():
    text = f"\u3000\u3000{OPENING}\n\n\t一、加强学习\n\n\u3000\u30001.坚持学习。每周一次。  \n\r\n"
    tree = parse_text(text)
    assert tree.opening == OPENING
    assert tree.sections[0].items[0].lead == "坚持学习"
    assert tree.sections[0].items[0].body == "每周一次。"


def test_it_removes_scrape_debris():
    text = f"{OPENING}\n一、加强学习\n坚持##paidbegin##学习。\n##paidend##\n"
    tree = parse_text(text)
    assert tree.sections[0].intro == "坚持学习。"
    assert "#" not in tree.to_json()


def test_it_reads_a_signature_with_name_and_date():
    tree = parse_text(f"{OPENING}\n一、加强学习\n坚持学习。\n张三\n2025年1月10日\n")
    assert tree.signature.name == "张三"
    assert tree.signature.date == "2025-01-10"


def test_it_does_not_split_decimals_at_paragraph_start():
    tree = parse_text(f"{OPENING}\n一、推动发展\n3.5亿元的投资全部到位。\n")
    assert tree.sections[0].items == []
    assert tree.sections[0].intro == "3.5亿元的投资全部到位。"


def test_it_does_not_split_words_ending_in_shi_mid_sentence():
    text = f"{OPENING}\n一、推动发展\n统一是前提，团结一是关键，大家二是字不分。\n"
    section = _sections(text)[0]
    assert section.items == []


def test_it_guesses_section_kinds_from_headings():
    text = f"{OPENING}\n一、加强政治理论学习\n甲。\n二、严守廉洁自律底线\n乙。\n三、存在的问题\n丙。\n四、下步打算\n丁。\n"
    assert [s.kind for s in _sections(text)] == ["politics", "integrity", "problems", "plans"]


def test_it_keeps_items_before_any_heading_in_the_opening():
    tree = parse_text("各位领导：\n1.这是开头的一部分。\n一、加强学习\n坚持学习。\n")
    assert tree.opening == "各位领导：\n1.这是开头的一部分。"


def test_it_gives_sections_without_items_the_documents_usual_style():
    text = f"{OPENING}\n一、甲\n（一）子项。内容。\n二、乙\n只有一段。\n"
    assert [s.item_style for s in _sections(text)] == ["paren", "paren"]


def test_blocks_of_a_tree_give_the_same_tree(sample_tree):
    assert blocks_to_tree(tree_to_blocks(sample_tree)) == sample_tree


def test_it_notes_ordinals_out_of_order_in_the_source():
    from drafts.importing import import_text

    result = import_text(
        f"{OPENING}\n一、抓党建\n坚持从严。一是建制度。甲。三是强队伍。乙。三是抓廉政。丙。\n"
    )
    assert result.notes == ["原文第1部分此处序号为“三是”，应为“二是”；导入后已按顺序重新编号"]


def test_it_notes_nothing_for_numbering_in_order():
    from drafts.importing import import_text

    assert import_text(f"{OPENING}\n一、甲\n1.乙。丙。\n2.丁。戊。\n二、己\n庚。\n").notes == []


def test_it_reads_paren_markers_as_sections_when_there_is_no_chinese_numeral_heading():
    text = f"{OPENING}\n（一）加强学习。全年学习。\n一是读书。二是调研。\n（二）推动发展\n1.抓项目。甲。\n"
    tree = parse_text(text)
    assert [s.heading for s in tree.sections] == ["加强学习", "推动发展"]
    assert [i.lead for i in tree.sections[0].items] == ["读书", "调研"]
    assert [i.lead for i in tree.sections[1].items] == ["抓项目"]


def test_it_reads_arabic_markers_as_sections_when_nothing_else_numbers_them():
    tree = parse_text(f"{OPENING}\n1.加强学习\n全年学习。\n2.推动发展\n抓项目。\n")
    assert [s.heading for s in tree.sections] == ["加强学习", "推动发展"]
