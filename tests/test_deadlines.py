"""After the deadline, or in a closed year, a report is read-only on the server: autosave,
the step form, an import and a submission are refused with a clear message, unless the
manager granted that official an extension. Days left on the home page and in the wizard."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse

from drafts.cycle import deadlines, roll
from drafts.drafting import locking
from drafts.models import Report, RollEntry
from drafts.review import transitions as reviewing

from .cycle_support import make_manager


def _autosave(client, report, text="新的标题"):
    return client.post(
        reverse("autosave", kwargs={"report_id": report.pk}),
        json.dumps({"version": report.version, "changes": {"report.title": text}}),
        content_type="application/json",
    )


@pytest.fixture
def past(year):
    year.deadline = date.today() - timedelta(days=1)
    year.save()
    return year


def test_it_refuses_an_autosave_after_the_deadline(client, official, report, past):
    client.force_login(official.user)
    r = _autosave(client, report)
    assert r.status_code == 403
    assert "截止日期" in r.json()["message"] and "已过" in r.json()["message"]
    report.refresh_from_db()
    assert report.title != "新的标题"


def test_it_refuses_an_autosave_in_a_closed_year(client, official, report, year):
    year.is_open = False
    year.save()
    client.force_login(official.user)
    r = _autosave(client, report)
    assert r.status_code == 403 and "填报已关闭" in r.json()["message"]


def test_it_refuses_the_step_form_after_the_deadline(client, official, report, past):
    client.force_login(official.user)
    url = reverse("wizard_step", kwargs={"report_id": report.pk, "step": "start"})
    r = client.post(url, {"version": report.version, "report.title": "改过的标题"}, follow=True)
    assert "报告不能再修改" in r.content.decode()
    report.refresh_from_db()
    assert report.title != "改过的标题"


def test_it_refuses_a_submission_after_the_deadline(official, report, past):
    with pytest.raises(reviewing.WorkflowError, match="截止日期"):
        reviewing.submit(report, official.user)
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT and not report.submissions.exists()


def test_it_refuses_an_import_into_a_draft_after_the_deadline(official, report, past, sample_tree):
    from drafts.importing import service

    with pytest.raises(locking.NotEditable, match="截止日期"):
        service.replace(report, sample_tree, report.version, official.user)


def test_it_refuses_a_new_imported_draft_in_a_closed_year(make_official, year, report_type, sample_tree):
    from drafts.importing import service

    year.is_open = False
    year.save()
    with pytest.raises(locking.NotEditable, match="关闭"):
        service.accept_new(make_official(name="新人"), year, report_type, sample_tree)


def test_it_lets_an_extended_official_write(client, official, report, past, make_user):
    roll.open_year(past, [official.unit], make_user())
    entry = RollEntry.objects.get(official=official)
    roll.extend(entry, date.today() + timedelta(days=3), make_manager(make_user))
    client.force_login(official.user)
    assert _autosave(client, report).status_code == 200
    reviewing.submit(Report.objects.get(pk=report.pk), official.user)
    assert Report.objects.get(pk=report.pk).status == Report.Status.SUBMITTED


def test_it_refuses_after_the_extension_ends(official, report, past, make_user):
    roll.open_year(past, [official.unit], make_user())
    RollEntry.objects.filter(official=official).update(extended_until=date.today() - timedelta(days=1))
    assert "延期已于" in deadlines.why_read_only(report)


def test_it_refuses_a_new_report_after_the_deadline(client, official, past, report_type):
    client.force_login(official.user)
    r = client.post("/years/2025/start/", {"report_type": report_type.pk}, follow=True)
    assert "截止日期" in r.content.decode()
    assert not Report.objects.filter(official=official).exists()


def test_it_shows_the_days_left_on_the_home_page(client, official, year):
    year.deadline = date.today() + timedelta(days=12)
    year.save()
    client.force_login(official.user)
    assert "还剩 12 天" in client.get("/").content.decode()


def test_it_shows_the_days_left_in_the_wizard(client, official, report, year):
    year.deadline = date.today() + timedelta(days=2)
    year.save()
    client.force_login(official.user)
    body = client.get(reverse("wizard_step", kwargs={"report_id": report.pk, "step": "start"})).content.decode()
    assert "还剩 2 天" in body and "deadline-line" in body


def test_it_shows_the_wizard_read_only_after_the_deadline(client, official, report, past):
    client.force_login(official.user)
    r = client.get(reverse("wizard_step", kwargs={"report_id": report.pk, "step": "start"}))
    assert r.context["editable"] is False
    assert "deadline-closed" in r.content.decode()
