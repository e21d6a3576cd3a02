import pytest
from django.db import IntegrityError, transaction

from drafts.drafting import starting
from drafts.models import Report, ReportingYear, ReportType


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


def test_it_shows_the_report_types_as_cards(c, year):
    body = c.get("/years/2025/start/").content.decode()
    for name in ("述职述廉", "述职述德述廉述法", "德能勤绩廉", "学职法廉"):
        assert name in body
    assert "履行岗位职责和遵守廉洁纪律情况" in body  # a description


def test_it_creates_the_sections_of_the_chosen_type(c, official, year):
    t = ReportType.objects.get(code="de-neng-qin-ji-lian")
    r = c.post("/years/2025/start/", {"report_type": t.pk})
    report = Report.objects.get(official=official, year=year)
    assert r.status_code == 302 and r.url == f"/reports/{report.pk}/"
    sections = list(report.sections.order_by("order"))
    templates = list(t.section_templates.order_by("order"))
    assert [s.heading for s in sections] == [x.heading for x in templates]
    assert [s.hint for s in sections] == [x.hint for x in templates]
    assert all(s.item_style == "ordinal" and s.inline_items for s in sections)
    assert sections[0].suggested_chars == templates[0].suggested_chars


def test_it_fills_title_byline_and_signature(c, official, year, report_type):
    c.post("/years/2025/start/", {"report_type": report_type.pk})
    report = Report.objects.get(official=official, year=year)
    assert report.title == "2025年度述职述廉报告"
    assert report.byline == "示例县发展改革局局长 张三"
    assert report.signature_name == "张三"
    assert report.status == "draft"


def test_it_uses_the_templates_own_item_style(official, year, report_type):
    st = report_type.section_templates.order_by("order").first()
    st.item_style = "paren"
    st.save()
    report = starting.start_report(official, year, report_type)
    assert report.sections.order_by("order").first().item_style == "paren"


def test_it_redirects_a_second_submit_to_the_existing_report(c, official, year, report_type):
    c.post("/years/2025/start/", {"report_type": report_type.pk})
    r = c.post("/years/2025/start/", {"report_type": report_type.pk})
    report = Report.objects.get(official=official, year=year)
    assert r.status_code == 302 and r.url == f"/reports/{report.pk}/"
    assert Report.objects.filter(official=official).count() == 1


def test_it_refuses_a_duplicate_at_the_database(official, year, report_type):
    starting.start_report(official, year, report_type)
    with pytest.raises(IntegrityError), transaction.atomic():
        starting.start_report(official, year, report_type)
    assert Report.objects.count() == 1


def test_it_asks_for_a_type(c, year):
    r = c.post("/years/2025/start/", {})
    assert r.status_code == 200
    assert "请选择报告类型" in r.content.decode()
    assert not Report.objects.exists()


def test_it_refuses_an_unknown_type(c, year):
    r = c.post("/years/2025/start/", {"report_type": "999999"})
    assert r.status_code == 200
    assert not Report.objects.exists()


def test_it_refuses_a_closed_year(c, db):
    ReportingYear.objects.create(year=2020, is_open=False)
    r = c.post("/years/2020/start/", {"report_type": ReportType.objects.first().pk}, follow=True)
    assert "已截止" in r.content.decode()
    assert not Report.objects.exists()


def test_it_answers_404_for_an_unknown_year(c, db):
    assert c.get("/years/1999/start/").status_code == 404


def test_it_redirects_anonymous_users_to_login(client, year):
    r = client.get("/years/2025/start/")
    assert r.status_code == 302 and r.url.startswith("/login/")


def test_it_sends_users_without_official_home(client, make_user, year):
    client.force_login(make_user())
    r = client.post("/years/2025/start/", {"report_type": ReportType.objects.first().pk})
    assert r.status_code == 302 and r.url == "/"
    assert not Report.objects.exists()
