"""unkept_promise and unanswered_problem: last year's plans reported on this year, and each
problem answered by a measure (jieba words, rapidfuzz, weighted by rarity)."""

from __future__ import annotations

from drafts import document
from drafts.checks import CheckContext, run_checks
from drafts.checks.promises import match, problems_of, promises_of, work_passages

S, It = document.Section, document.Item


def _last_year():
    return document.Report(
        sections=[
            S(heading="履职尽责", kind="duties", items=[It("抓项目", "新开工项目十个。")]),
            S(
                heading="下一步打算",
                kind="plans",
                items=[
                    It("改进调研方式", "每季度到乡镇蹲点调研一次，建立重点企业问题清单。"),
                    It("推进数字化审批", "上线网上审批平台，压缩审批时限。"),
                ],
            ),
        ]
    )


def _this_year(duties_items, problems=(), plans=()):
    sections = [S(heading="履职尽责", kind="duties", items=list(duties_items))]
    if problems:
        sections.append(S(heading="存在问题", kind="problems", items=list(problems)))
    if plans:
        sections.append(S(heading="下步打算", kind="plans", items=list(plans)))
    return document.Report(sections=sections)


def _codes(tree, previous=None, answered=frozenset()):
    context = CheckContext(previous=previous, answered_promises=answered)
    return [f for f in run_checks(tree, context=context) if f.code in ("unkept_promise", "unanswered_problem")]


def test_it_reports_a_promise_no_passage_reports_on_and_quotes_it():
    tree = _this_year([It("深化调查研究", "全年到乡镇蹲点调研四次，建立了重点企业问题清单。")])
    (f,) = _codes(tree, _last_year())
    assert f.code == "unkept_promise" and "推进数字化审批" in f.message


def test_it_finds_nothing_when_every_promise_is_reported_on():
    tree = _this_year(
        [
            It("深化调查研究", "全年到乡镇蹲点调研四次，建立了重点企业问题清单。"),
            It("审批提速", "网上审批平台上线运行，审批时限压缩一半。"),
        ]
    )
    assert _codes(tree, _last_year()) == []


def test_it_leaves_out_the_promises_the_official_answered_by_hand():
    tree = _this_year([It("深化调查研究", "全年到乡镇蹲点调研四次，建立了重点企业问题清单。")])
    assert _codes(tree, _last_year(), answered=frozenset({1})) == []


def test_it_takes_the_promises_from_the_plans_section_only():
    assert [p.where for p in promises_of(_last_year())] == ["sections[1].items[0]", "sections[1].items[1]"]
    assert [p.where for p in work_passages(_last_year())] == ["sections[0].items[0]"]


def test_it_reports_a_problem_no_measure_answers_on_its_item():
    tree = _this_year(
        [It("抓项目", "新开工项目十个。")],
        problems=[It("调查研究不够深入", "到企业调研次数偏少。"), It("学习不够系统", "理论学习碎片化。")],
        plans=[It("深化调查研究", "每季度到企业调研一次。")],
    )
    (f,) = _codes(tree)
    assert (f.code, f.where) == ("unanswered_problem", "sections[1].items[1].lead")


def test_it_pairs_each_problem_with_its_measure():
    tree = _this_year(
        [It("抓项目", "新开工项目十个。")],
        problems=[It("调查研究不够深入", "到企业调研次数偏少。"), It("学习不够系统", "理论学习碎片化。")],
        plans=[It("系统学习理论", "制定学习计划，系统学习。"), It("深化调查研究", "每季度到企业调研一次。")],
    )
    pairs = match(problems_of(tree), tree and [p for p in promises_of(tree)], 0.3)
    assert [p.label for p in pairs] == ["深化调查研究", "系统学习理论"]
