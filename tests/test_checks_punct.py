"""halfwidth_punct: half-width marks in Chinese text, with an automatic fix."""

from __future__ import annotations

import pytest

from drafts import document
from drafts.checks import halfwidth_fix, run_checks


def _found(text):
    tree = document.Report(opening=text, sections=[document.Section(heading="甲", intro="乙。")])
    return [f for f in run_checks(tree) if f.code == "halfwidth_punct"]


@pytest.mark.parametrize(
    "text,fixed",
    [
        ("我们,你们;他们:好", "我们，你们；他们：好"),
        ("真的吗?是的!", "真的吗？是的！"),
        ("(一)加强学习", "（一）加强学习"),
        ("GDP(国内生产总值)增长", "GDP（国内生产总值）增长"),
        ("完成任务, 效果好", "完成任务，效果好"),
    ],
)
def test_it_fixes_half_width_marks_in_chinese_text(text, fixed):
    (finding,) = _found(text)
    assert finding.severity == "warning"
    assert finding.fix == fixed
    assert finding.offset == min(text.index(c) for c in ",;:?!()" if c in text)


@pytest.mark.parametrize(
    "text",
    [
        "1.加强学习。",
        "每天8:30上班。",
        "共2,000人。",
        "比例1:500。",
        "Python (3.11) is fine.",
        "见http://a.cn/x?a=1,b 网页。",
        "投资3.5亿元。",
        "（一）加强学习。",
    ],
)
def test_it_leaves_correct_text_alone(text):
    assert _found(text) == []
    assert halfwidth_fix(text) == text


def test_it_reports_one_finding_per_field():
    (finding,) = _found("甲,乙,丙,丁")
    assert "3" in finding.message
