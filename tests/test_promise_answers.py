"""Last year's promises beside the work sections: the checklist, the official's answers
(a linked passage, or not done and why), and the finding that goes once answered; each
problem beside its measure on the problems step."""

from __future__ import annotations

import pytest

from drafts import document
from drafts.findings import findings_for
from drafts.models import PromiseAnswer, Report, ReportingYear

S, It = document.Section, document.Item


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


@pytest.fixture
def this_year(make_report, db):
    last = ReportingYear.objects.create(year=2024, is_open=False)
    make_report(
        year=last,
        status=Report.Status.APPROVED,
        tree=document.Report(
            title="2024年度述职述廉报告",
            sections=[S(heading="下步打算", kind="plans", items=[
                It("改进调研方式", "每季度到乡镇蹲点调研一次，建立重点企业问题清单。"),
                It("推进数字化审批", "上线网上审批平台，压缩审批时限。"),
            ])],
        ),
    )
    return make_report(
        tree=document.Report(
            title="2025年度述职述廉报告",
            sections=[
                S(heading="履职尽责", kind="duties", items=[It("深化调查研究", "全年到乡镇蹲点调研四次，建立了重点企业问题清单。")]),
                S(heading="存在问题", kind="problems", items=[It("学习不够系统", "理论学习碎片化。"), It("调研不够深入", "到企业调研偏少。")]),
                S(heading="下步打算", kind="plans", items=[It("深化调查研究", "每季度到企业调研一次。")]),
            ],
        )
    )


def _step(report, kind):
    section = report.sections.get(kind=kind)
    return f"/reports/{report.pk}/step/s{section.pk}/", section


def _unkept(report):
    return [f for f in findings_for(report) if f.code == "unkept_promise"]


def test_it_shows_last_years_promises_beside_a_work_section(c, this_year):
    url, _section = _step(this_year, "duties")
    body = c.get(url).content.decode()
    assert 'id="promises"' in body
    assert "改进调研方式" in body and "推进数字化审批" in body
    assert "promise-found" in body and "promise-open" in body


def test_it_links_a_passage_and_the_finding_goes(c, this_year):
    url, section = _step(this_year, "duties")
    entry = section.entries.first()
    assert len(_unkept(this_year)) == 1
    r = c.post(f"/reports/{this_year.pk}/promises/1/", {"entry": entry.pk, "step": f"s{section.pk}"})
    assert r.status_code == 302
    answer = PromiseAnswer.objects.get(report=this_year, index=1)
    assert answer.entry == entry and answer.promise.startswith("推进数字化审批")
    assert _unkept(this_year) == []
    assert "promise-linked" in c.get(url).content.decode()


def test_it_marks_a_promise_not_done_with_a_reason(c, this_year):
    r = c.post(f"/reports/{this_year.pk}/promises/1/", {"not_done": "1", "reason": "  平台招标延期。  "})
    assert r.status_code == 302
    assert PromiseAnswer.objects.get(report=this_year, index=1).reason == "平台招标延期。"
    assert _unkept(this_year) == []


def test_it_refuses_not_done_without_a_reason(c, this_year):
    r = c.post(f"/reports/{this_year.pk}/promises/1/", {"not_done": "1", "reason": "   "}, follow=True)
    assert "说明未完成的原因" in r.content.decode()
    assert not PromiseAnswer.objects.exists()


def test_it_undoes_an_answer(c, this_year):
    c.post(f"/reports/{this_year.pk}/promises/1/", {"not_done": "1", "reason": "延期"})
    c.post(f"/reports/{this_year.pk}/promises/1/", {"clear": "1"})
    assert not PromiseAnswer.objects.exists() and len(_unkept(this_year)) == 1


@pytest.mark.parametrize(
    "data",
    [{"entry": "999999"}, {"entry": "<script>"}, {"not_done": "1", "reason": "长" * 3000}, {}],
)
def test_it_refuses_bad_answers_with_a_message(c, this_year, data):
    r = c.post(f"/reports/{this_year.pk}/promises/0/", data, follow=True)
    assert r.status_code == 200 and 'role="alert"' in r.content.decode()
    assert not PromiseAnswer.objects.exists()


def test_it_answers_404_for_a_promise_that_does_not_exist(c, this_year):
    assert c.post(f"/reports/{this_year.pk}/promises/7/", {"clear": "1"}).status_code == 404


def test_it_refuses_an_item_of_another_report(c, this_year, make_report, other_official):
    theirs = make_report(owner=other_official)
    entry = theirs.sections.first().entries.first()
    c.post(f"/reports/{this_year.pk}/promises/0/", {"entry": entry.pk})
    assert not PromiseAnswer.objects.exists()


def test_it_refuses_answers_on_a_submitted_report(c, this_year):
    Report.objects.filter(pk=this_year.pk).update(status="submitted")
    c.post(f"/reports/{this_year.pk}/promises/1/", {"not_done": "1", "reason": "延期"})
    assert not PromiseAnswer.objects.exists()


def test_it_shows_each_problem_beside_its_measure_on_the_problems_step(c, this_year):
    url, _section = _step(this_year, "problems")
    body = c.get(url).content.decode()
    panel = body.split('id="measures"')[1]
    assert "调研不够深入" in panel and "深化调查研究" in panel
    assert "尚无对应措施" in panel  # 学习不够系统 has none
    assert panel.count("measure-pair answered") == 1 and panel.count("measure-pair unanswered") == 1
