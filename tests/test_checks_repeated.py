"""repeated_sentence and reused_from_previous (rapidfuzz)."""

from __future__ import annotations

from drafts import document
from drafts.checks import run_checks

S1 = "全年组织开展安全生产大检查十二次，整改隐患全部到位。"
S2 = "深入基层调研走访企业，帮助解决实际困难和问题。"
S3 = "认真落实党风廉政建设责任制，严格遵守各项规定。"


def _tree(opening, intro):
    return document.Report(opening=opening, sections=[document.Section(heading="甲", intro=intro)])


def test_it_flags_a_sentence_repeated_in_the_report():
    found = [f for f in run_checks(_tree(S1, S2 + S1)) if f.code == "repeated_sentence"]
    assert [(f.where, f.offset) for f in found] == [("sections[0].intro", len(S2))]


def test_it_does_not_flag_distinct_sentences():
    assert [f for f in run_checks(_tree(S1, S2)) if f.code == "repeated_sentence"] == []


def test_it_flags_text_taken_over_from_last_year_with_its_share():
    previous = _tree("去年的开头完全不同，讲的是别的事情。", S1.replace("十二", "十一"))
    found = [f for f in run_checks(_tree(S3, S1), previous) if f.code == "reused_from_previous"]
    overall = [f for f in found if f.where == ""]
    assert overall and "%" in overall[0].message
    assert [f.where for f in found if f.where] == ["sections[0].intro"]


def test_it_does_not_flag_new_text():
    previous = _tree(S2, S3)
    assert [
        f
        for f in run_checks(_tree(S1, "今年新建便民服务中心一处，群众办事更方便了。"), previous)
        if f.code == "reused_from_previous"
    ] == []


def test_findings_serialise_to_the_lint_contract():
    (finding, *_rest) = run_checks(_tree("签约*个。", S1))
    assert set(finding.to_dict()) == {"code", "severity", "where", "offset", "excerpt", "message"}
