from datetime import date

import pytest

from drafts.models import ContentBackup, Report, ReportingYear
from drafts.persistence import load_tree


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


@pytest.fixture
def last_year(make_report, db):
    y = ReportingYear.objects.create(year=2024, deadline=date(2025, 1, 20), is_open=False)
    return make_report(year=y, status=Report.Status.APPROVED)


def test_it_offers_to_carry_over_last_years_report(c, last_year, year):
    body = c.get("/years/2025/start/").content.decode()
    assert "沿用2024年度报告" in body


def test_it_does_not_offer_carry_over_without_an_earlier_report(c, year):
    assert "沿用" not in c.get("/years/2025/start/").content.decode()


def test_it_copies_structure_and_texts(c, last_year, year, official):
    r = c.post("/years/2025/start/", {"carry_over": "1"})
    new = Report.objects.get(official=official, year=year)
    assert r.url == f"/reports/{new.pk}/"
    old_tree, new_tree = load_tree(last_year.pk), load_tree(new.pk)
    assert new_tree.sections == old_tree.sections
    assert new_tree.opening == old_tree.opening
    assert new_tree.title == "2025年度述职述廉报告"
    assert new.status == "draft"
    assert new.signature_date is None


def test_it_marks_the_new_draft_as_carried_over(c, last_year, year, official):
    c.post("/years/2025/start/", {"carry_over": "1"})
    new = Report.objects.get(official=official, year=year)
    assert ContentBackup.objects.filter(report=new, reason="carry-over:2024").exists()
    body = c.get(f"/reports/{new.pk}/step/start/").content.decode()
    assert "由2024年度报告沿用而来" in body


def test_it_leaves_last_years_report_untouched(c, last_year, year):
    before = load_tree(last_year.pk)
    c.post("/years/2025/start/", {"carry_over": "1"})
    assert load_tree(last_year.pk) == before


def test_it_refuses_carry_over_without_an_earlier_report(c, year):
    r = c.post("/years/2025/start/", {"carry_over": "1"})
    assert r.status_code == 200
    assert "没有可沿用" in r.content.decode()
    assert not Report.objects.exists()


def test_it_does_not_carry_over_another_officials_report(client, last_year, year, other_official):
    client.force_login(other_official.user)
    r = client.post("/years/2025/start/", {"carry_over": "1"})
    assert r.status_code == 200
    assert not Report.objects.filter(official=other_official).exists()
