"""Sentence-level differences between two trees (pure)."""

from drafts import diffing


def tree(**kw):
    base = {
        "title": "标题",
        "subtitle": "",
        "byline": "",
        "opening": "一年来。现报告如下：",
        "sections": [
            {
                "heading": "学习",
                "intro": "坚持学习。",
                "items": [{"lead": "集中学习", "body": "学习12次。撰写心得3篇。"}],
            },
            {"heading": "履职", "intro": "", "items": [{"lead": "抓项目", "body": "新开工18个。"}]},
        ],
        "closing": "继续努力。",
        "signature": {"name": "张三", "date": "2026-01-10"},
    }
    base.update(kw)
    return base


def test_it_splits_sentences_on_chinese_end_marks():
    assert diffing.split_sentences("甲。乙！丙？丁；戊") == ["甲。", "乙！", "丙？", "丁；", "戊"]


def test_it_keeps_closing_quotes_with_their_sentence():
    assert diffing.split_sentences("他说“好。”然后走了。") == ["他说“好。”", "然后走了。"]


def test_it_splits_on_line_breaks():
    assert diffing.split_sentences("第一段\n第二段") == ["第一段", "第二段"]


def test_it_finds_no_change_in_equal_trees():
    parts = diffing.diff_trees(tree(), tree())
    assert not any(p.changed for p in parts)
    assert diffing.summary(parts) == (0, 0)


def test_it_marks_a_reworded_sentence():
    new = tree()
    new["sections"][0]["items"][0]["body"] = "学习15次。撰写心得3篇。"
    parts = [p for p in diffing.diff_trees(tree(), new) if p.changed]
    assert [(p.key, p.index) for p in parts] == [("section", 0)]
    assert ("delete", "学习12次。") in parts[0].ops
    assert ("insert", "学习15次。") in parts[0].ops
    assert ("equal", "撰写心得3篇。") in parts[0].ops


def test_it_marks_an_added_section():
    new = tree()
    new["sections"].append({"heading": "廉洁", "intro": "严守纪律。", "items": []})
    parts = [p for p in diffing.diff_trees(tree(), new) if p.changed]
    assert parts[0].index == 2 and parts[0].removed == 0 and parts[0].added == 2


def test_it_marks_a_removed_section():
    new = tree()
    del new["sections"][1]
    part = [p for p in diffing.diff_trees(tree(), new) if p.changed][0]
    assert part.index is None and part.removed > 0


def test_it_reports_the_changed_sections():
    new = tree()
    new["sections"][1]["items"][0]["body"] = "新开工20个。"
    assert diffing.changed_sections(tree(), new) == {1}
    assert diffing.section_changed(tree(), new, 1)
    assert not diffing.section_changed(tree(), new, 0)
    assert diffing.section_changed(tree(), new, None)


def test_it_compares_the_closing_and_signature():
    new = tree(closing="继续努力，再创佳绩。", signature={"name": "张三", "date": "2026-01-12"})
    keys = {p.key for p in diffing.diff_trees(tree(), new) if p.changed}
    assert keys == {"closing", "signature"}


def test_it_handles_empty_trees():
    assert diffing.diff_trees({}, {}) == []
    parts = diffing.diff_trees({}, tree())
    assert diffing.summary(parts)[1] == 0


def section(heading, body="内容。"):
    return {"heading": heading, "intro": "", "items": [{"lead": "", "body": body}]}


def sections(*headings):
    return tree(sections=[section(h, f"{h}的内容。") for h in headings])


def test_it_matches_sections_by_heading_after_an_insert():
    old, new = sections("学习", "履职", "廉洁"), sections("学习", "作风建设", "履职", "廉洁")
    assert diffing.match_sections(old["sections"], new["sections"]) == [
        (0, 0),
        (None, 1),
        (1, 2),
        (2, 3),
    ]
    parts = [p for p in diffing.diff_trees(old, new) if p.changed]
    assert [(p.heading, p.old_index, p.index) for p in parts] == [("作风建设", None, 1)]
    assert not any(p.moved for p in diffing.diff_trees(old, new))
    assert diffing.changed_sections(old, new) == set()


def test_it_matches_reordered_sections():
    old, new = sections("学习", "履职", "廉洁"), sections("廉洁", "学习", "履职")
    assert diffing.match_sections(old["sections"], new["sections"]) == [(2, 0), (0, 1), (1, 2)]
    parts = [p for p in diffing.diff_trees(old, new) if p.key == "section"]
    assert not any(p.changed for p in parts)
    assert [p.moved for p in parts] == [True, False, False]
    assert not diffing.section_changed(old, new, 0)
    assert diffing.new_position(old, new, 0) == 1


def test_it_matches_a_slightly_renamed_section_by_heading():
    old = sections("加强政治理论学习", "扎实履职尽责")
    new = sections("扎实履职尽责", "加强理论学习")
    assert diffing.match_sections(old["sections"], new["sections"]) == [(1, 0), (0, 1)]
    assert diffing.section_changed(old, new, 0)  # its heading and text changed
    assert not diffing.section_changed(old, new, 1)


def test_it_places_a_deleted_section_where_it_stood():
    old, new = sections("学习", "履职", "廉洁"), sections("学习", "廉洁")
    assert diffing.match_sections(old["sections"], new["sections"]) == [(0, 0), (1, None), (2, 1)]
    parts = [p for p in diffing.diff_trees(old, new) if p.changed]
    assert [(p.heading, p.old_index, p.index, p.added) for p in parts] == [("履职", 1, None, 0)]
    assert diffing.section_changed(old, new, 1)
    assert not diffing.section_changed(old, new, 2)
    assert diffing.new_position(old, new, 1) is None


def test_it_falls_back_to_the_position_for_a_rewritten_heading():
    old, new = sections("学习", "履职"), sections("学习", "全面完成年度目标任务")
    assert diffing.match_sections(old["sections"], new["sections"]) == [(0, 0), (1, 1)]
    assert diffing.section_changed(old, new, 1)


def test_it_pairs_sections_with_the_same_heading_by_position():
    old = tree(sections=[section("其他", "甲。"), section("其他", "乙。")])
    new = tree(sections=[section("其他", "甲。"), section("其他", "乙改。")])
    assert diffing.match_sections(old["sections"], new["sections"]) == [(0, 0), (1, 1)]
    assert diffing.changed_sections(old, new) == {1}


def test_it_does_not_match_empty_headings_by_similarity():
    old = tree(sections=[section(""), section("学习")])
    new = tree(sections=[section("学习"), section("")])
    # two untitled sections at different positions are not taken for the same one
    assert diffing.match_sections(old["sections"], new["sections"]) == [
        (0, None),
        (1, 0),
        (None, 1),
    ]
