import pytest
from django.contrib import admin as django_admin

from drafts.admin import ReportAdmin
from drafts.models import Official, Report


@pytest.fixture
def admin_client_(client, make_user):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "model",
    [
        "unit",
        "official",
        "reportingyear",
        "reporttype",
        "report",
        "section",
        "reviewerscope",
        "submission",
        "transition",
        "comment",
        "contentbackup",
    ],
)
def test_it_lists_and_searches_every_model(admin_client_, report, model):
    assert admin_client_.get(f"/admin/drafts/{model}/").status_code == 200
    assert admin_client_.get(f"/admin/drafts/{model}/?q=张三").status_code == 200


def test_it_shows_sections_inline_in_a_report(admin_client_, report):
    body = admin_client_.get(f"/admin/drafts/report/{report.pk}/change/").content.decode()
    assert "加强政治理论学习" in body


def test_it_shows_section_templates_inline_in_a_type(admin_client_, report_type):
    body = admin_client_.get(f"/admin/drafts/reporttype/{report_type.pk}/change/").content.decode()
    assert "加强政治理论学习，筑牢思想根基" in body


def test_it_shows_items_inline_in_a_section(admin_client_, report):
    s = report.sections.order_by("order").first()
    assert (
        "坚持集中学习"
        in admin_client_.get(f"/admin/drafts/section/{s.pk}/change/").content.decode()
    )


def test_it_filters_officials_by_unit(admin_client_, official, other_official):
    body = admin_client_.get(
        f"/admin/drafts/official/?unit__id__exact={official.unit_id}"
    ).content.decode()
    assert "张三" in body and "李四" not in body


def test_it_finds_reports_by_official_name(admin_client_, report):
    body = admin_client_.get("/admin/drafts/report/?q=张三").content.decode()
    assert (
        "1 个" in body or "1 report" in body or f"/admin/drafts/report/{report.pk}/change/" in body
    )


def test_it_makes_open_wizards_stale_when_a_report_is_edited_in_admin(report):
    before = report.version
    ReportAdmin(Report, django_admin.site).save_model(None, report, None, change=True)
    report.refresh_from_db()
    assert report.version == before + 1


def test_it_refuses_non_staff(client, official):
    client.force_login(official.user)
    r = client.get("/admin/drafts/report/")
    assert r.status_code == 302 and "/admin/login/" in r.url
    assert Official.objects.exists()
