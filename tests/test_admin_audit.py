"""The audit trail in the admin: a report's status is never edited there, its transitions
and submissions are view-only, the content of a submitted or approved report cannot be
changed there (so every download of it stays the frozen text)."""

from __future__ import annotations

import pytest

from drafts.models import Report, Section, Submission, Transition
from drafts.review import transitions as reviewing

from .review_support import submitted


@pytest.fixture
def admin_client_(client, make_user):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def approved(report, official, reviewer):
    reviewing.approve(submitted(report, official.user), reviewer)
    report.refresh_from_db()
    return report


def _form(report, **changes):
    data = {
        "official": report.official_id, "year": report.year_id, "report_type": report.report_type_id,
        "status": "draft", "title": report.title, "subtitle": "", "byline": report.byline,
        "opening": report.opening, "closing": report.closing, "has_signature": "on",
        "signature_name": report.signature_name, "signature_date": "", "current_step": "start",
        "sections-TOTAL_FORMS": "0", "sections-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0", "sections-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_it_never_edits_a_status_in_the_admin(admin_client_, report):
    report.status = Report.Status.RETURNED
    report.save()
    admin_client_.post(f"/admin/drafts/report/{report.pk}/change/", _form(report, status="approved", title="新标题"))
    report.refresh_from_db()
    assert report.status == Report.Status.RETURNED and report.title == "新标题"
    assert not Transition.objects.filter(report=report).exists()


def test_it_keeps_an_approved_reports_content(admin_client_, approved, client, official):
    before = (approved.closing, approved.version)
    r = admin_client_.post(
        f"/admin/drafts/report/{approved.pk}/change/", _form(approved, status="draft", closing="管理员改过的结尾")
    )
    assert r.status_code in (302, 200)
    approved.refresh_from_db()
    assert (approved.closing, approved.version) == before and approved.status == "approved"
    body = admin_client_.get(f"/admin/drafts/report/{approved.pk}/change/").content.decode()
    assert 'name="closing"' not in body


def test_it_keeps_an_approved_reports_sections(admin_client_, approved):
    section = approved.sections.first()
    admin_client_.post(
        f"/admin/drafts/section/{section.pk}/change/",
        {"report": approved.pk, "order": 0, "kind": "", "heading": "被改的标题", "intro": "", "item_style": "arabic",
         "hint": "", "suggested_chars": 0, "entries-TOTAL_FORMS": "0", "entries-INITIAL_FORMS": "0"},
    )
    assert Section.objects.get(pk=section.pk).heading != "被改的标题"
    assert admin_client_.post(f"/admin/drafts/section/{section.pk}/delete/", {"post": "yes"}).status_code == 403


@pytest.mark.parametrize("model", ["submission", "transition"])
def test_it_shows_the_record_but_allows_no_change_or_delete(admin_client_, approved, model):
    obj = (Submission if model == "submission" else Transition).objects.filter(report=approved).first()
    page = admin_client_.get(f"/admin/drafts/{model}/{obj.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert admin_client_.post(f"/admin/drafts/{model}/{obj.pk}/change/", {"reason": "改"}).status_code == 403
    assert admin_client_.post(f"/admin/drafts/{model}/{obj.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client_.get(f"/admin/drafts/{model}/add/").status_code == 403
    r = admin_client_.post(f"/admin/drafts/{model}/", {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"})
    assert r.status_code in (200, 302)
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_it_does_not_delete_a_submitted_report(admin_client_, approved):
    assert admin_client_.post(f"/admin/drafts/report/{approved.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Report.objects.filter(pk=approved.pk).exists()


def test_it_lets_the_admin_edit_a_draft(admin_client_, report):
    admin_client_.post(f"/admin/drafts/report/{report.pk}/change/", _form(report, closing="草稿的新结尾"))
    report.refresh_from_db()
    assert report.closing == "草稿的新结尾"


def test_the_official_still_downloads_the_frozen_text_after_an_admin_attempt(admin_client_, approved, client, official):
    client.force_login(official.user)
    before = b"".join(client.get(f"/reports/{approved.pk}/download.docx").streaming_content)
    admin_client_.post(f"/admin/drafts/report/{approved.pk}/change/", _form(approved, closing="改"))
    after = b"".join(client.get(f"/reports/{approved.pk}/download.docx").streaming_content)
    assert before == after
