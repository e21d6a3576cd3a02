from datetime import date

import pytest

from drafts.models import Report, ReportingYear


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


def test_it_redirects_anonymous_users_to_login(client, db):
    r = client.get("/")
    assert r.status_code == 302 and r.url.startswith("/login/")


def test_it_offers_to_start_an_open_year(c, year):
    r = c.get("/")
    assert "2025" in r.content.decode()
    assert f'href="/years/{year.year}/start/"' in r.content.decode()
    assert "开始填写" in r.content.decode()


def test_it_lists_the_report_with_status_and_next_step(c, report):
    body = c.get("/").content.decode()
    assert report.title in body
    assert "草稿" in body
    assert f'href="/reports/{report.pk}/"' in body
    assert "继续填写" in body


def test_it_shows_approved_reports_as_read_only(c, make_report):
    make_report(status=Report.Status.APPROVED)
    body = c.get("/").content.decode()
    assert "已通过" in body
    assert "继续填写" not in body


def test_it_hides_closed_years_without_report(c, db):
    ReportingYear.objects.create(year=2023, deadline=date(2024, 1, 20), is_open=False)
    assert "2023" not in c.get("/").content.decode()


def test_it_does_not_show_other_officials_reports(c, make_report, other_official):
    make_report(owner=other_official)
    body = c.get("/").content.decode()
    assert "李四" not in body
    assert "开始填写" in body


def test_it_explains_a_login_without_official(client, make_user):
    client.force_login(make_user())
    body = client.get("/").content.decode()
    assert "没有关联到述职人" in body
    assert "/admin/" not in body.split("no-official")[1]


def test_it_links_staff_without_official_to_the_admin(client, make_user, db):
    client.force_login(make_user(is_staff=True))
    body = client.get("/").content.decode()
    assert "/admin/drafts/official/" in body


def test_it_tells_what_to_do_with_a_returned_report(c, make_report):
    make_report(status=Report.Status.RETURNED)
    body = c.get("/").content.decode()
    assert "报告已被退回" in body and "继续填写" in body


def test_it_does_not_warn_a_reviewer_that_they_have_no_reports(client, make_reviewer, unit):
    client.force_login(make_reviewer(unit))
    body = client.get("/").content.decode()
    assert "alert-warning no-official" not in body
    assert "没有关联到述职人" in body  # still said, quietly


def test_it_offers_the_downloads_of_an_approved_report(client, official, make_report):
    report = make_report(status="approved")
    client.force_login(official.user)
    html = client.get("/").content.decode()
    assert f"/reports/{report.pk}/download.pdf" in html
    assert f"/reports/{report.pk}/download.docx" in html


def test_it_offers_no_download_on_the_home_page_for_a_draft(client, official, make_report):
    report = make_report()
    client.force_login(official.user)
    assert f"/reports/{report.pk}/download.pdf" not in client.get("/").content.decode()
