"""Carry-over: the official chooses the earlier report (default: the latest approved), sees
what will be copied and every year number to replace; the plans start empty."""

from __future__ import annotations

from datetime import date

import pytest

from drafts import document
from drafts.models import Report, ReportingYear, SavedVersion
from drafts.persistence import load_tree


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


def _tree(year, plan="推进审批改革"):
    return document.Report(
        title=f"{year}年度述职述廉报告",
        opening=f"{year}年，我认真履行职责。",
        sections=[
            document.Section(heading="履职尽责", kind="duties", items=[document.Item("抓项目", "新开工项目十个。")]),
            document.Section(heading="下步打算", kind="plans", items=[document.Item(plan, "压缩审批时限。")]),
        ],
        closing=f"{year + 1}年，我将继续努力。",
    )


@pytest.fixture
def earlier(make_report, db):
    y2023 = ReportingYear.objects.create(year=2023, is_open=False)
    y2024 = ReportingYear.objects.create(year=2024, deadline=date(2025, 1, 20))
    approved = make_report(year=y2023, tree=_tree(2023, "旧的打算"), status=Report.Status.APPROVED)
    draft = make_report(year=y2024, tree=_tree(2024))
    return approved, draft


def test_it_offers_each_earlier_report_with_the_latest_approved_chosen(c, earlier, year):
    approved, draft = earlier
    body = c.get("/years/2025/start/").content.decode()
    assert f'value="{approved.pk}" id="source-{approved.pk}" checked' in body
    assert f'value="{draft.pk}" id="source-{draft.pk}" >' in body or f'id="source-{draft.pk}">' in body


def test_it_shows_what_will_be_copied_and_each_year_to_replace(c, earlier, year):
    body = c.get("/years/2025/start/").content.decode()
    assert "从空白开始" in body  # the plans
    assert "<del>2024年，我认真履行" in body and "<ins>2025年，我认真履行" in body
    assert "2026年，我将继续" in body


def test_it_carries_over_the_chosen_report_with_the_years_replaced(c, earlier, year, official):
    _approved, draft = earlier
    c.post("/years/2025/start/", {"carry_over": "1", "source": draft.pk, "replace_years": "1"})
    tree = load_tree(Report.objects.get(official=official, year=year).pk)
    assert tree.title == "2025年度述职述廉报告"
    assert tree.opening == "2025年，我认真履行职责。"
    assert tree.closing == "2026年，我将继续努力。"
    assert tree.sections[0].items[0].lead == "抓项目"


def test_it_keeps_the_years_when_not_asked(c, earlier, year, official):
    _approved, draft = earlier
    c.post("/years/2025/start/", {"carry_over": "1", "source": draft.pk})
    tree = load_tree(Report.objects.get(official=official, year=year).pk)
    assert tree.opening == "2024年，我认真履行职责。"


def test_it_starts_the_plans_empty(c, earlier, year, official):
    c.post("/years/2025/start/", {"carry_over": "1", "replace_years": "1"})
    tree = load_tree(Report.objects.get(official=official, year=year).pk)
    plans = [s for s in tree.sections if s.kind == "plans"][0]
    assert plans.heading == "下步打算" and plans.items == [] and plans.intro == ""


def test_it_defaults_to_the_latest_approved_report(c, earlier, year, official):
    c.post("/years/2025/start/", {"carry_over": "1"})
    tree = load_tree(Report.objects.get(official=official, year=year).pk)
    assert tree.opening == "2023年，我认真履行职责。"


def test_it_keeps_the_carried_over_content_as_a_version(c, earlier, year, official):
    c.post("/years/2025/start/", {"carry_over": "1"})
    report = Report.objects.get(official=official, year=year)
    assert SavedVersion.objects.filter(report=report, reason="carry-over").count() == 1


def test_it_refuses_another_officials_report_as_the_source(c, earlier, year, make_official, make_report):
    stranger = make_official(name="王五")
    theirs = make_report(owner=stranger, year=ReportingYear.objects.get(year=2024))
    r = c.post("/years/2025/start/", {"carry_over": "1", "source": theirs.pk})
    assert r.status_code == 200 and "选择" in r.content.decode()
    assert not Report.objects.filter(year=year).exists()


def test_it_refuses_a_malformed_source(c, earlier, year):
    r = c.post("/years/2025/start/", {"carry_over": "1", "source": "<script>"})
    assert r.status_code == 200
    assert not Report.objects.filter(year=year).exists()
