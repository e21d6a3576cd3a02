"""Notifications: an Event per person concerned and an e-mail; the home page's recent events."""

import pytest
from django.core import mail
from django.urls import reverse

from drafts.models import Event
from drafts.review import transitions as reviewing

from .review_support import submitted  # noqa: F401


@pytest.fixture
def reviewer(make_reviewer, unit):
    user = make_reviewer(unit)
    user.email = "r@example.org"
    user.save()
    return user


@pytest.fixture
def owner(official):
    official.user.email = "o@example.org"
    official.user.save()
    return official.user


@pytest.mark.parametrize("action", ["approve", "return", "reopen"])
def test_it_mails_the_owner_on_decisions(
    report, owner, reviewer, action, django_capture_on_commit_callbacks
):
    submitted(report, owner)
    if action == "reopen":
        reviewing.approve(report, reviewer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        if action == "approve":
            reviewing.approve(report, reviewer)
        elif action == "return":
            reviewing.return_report(report, reviewer, "请修改第二部分")
        else:
            reviewing.reopen(report, reviewer, "数据有误")
    assert [m.to for m in mail.outbox] == [["o@example.org"]]
    assert "您的2025年度述职报告" in mail.outbox[0].body


def test_it_mails_reviewers_on_submit(report, owner, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reviewing.submit(report, owner)
    assert ["r@example.org"] in [m.to for m in mail.outbox]
    assert "提交了" in next(m.body for m in mail.outbox if m.to == ["r@example.org"])


def test_it_does_not_mail_when_the_transition_fails(
    report, owner, reviewer, django_capture_on_commit_callbacks
):
    submitted(report, owner)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(reviewing.WorkflowError):
            reviewing.return_report(report, reviewer, "")
    assert mail.outbox == []


def test_it_puts_the_reason_in_the_event(report, owner, reviewer):
    submitted(report, owner)
    reviewing.return_report(report, reviewer, "请补充数据")
    assert "请补充数据" in Event.objects.filter(user=owner).first().text


def test_it_clips_a_long_reason_in_the_event(report, owner, reviewer):
    submitted(report, owner)
    reviewing.return_report(report, reviewer, "长" * 4000)
    assert len(Event.objects.filter(user=owner).first().text) <= 300


def test_it_lists_recent_events_on_the_owners_home(client, report, owner, reviewer):
    submitted(report, owner)
    reviewing.return_report(report, reviewer, "请补充<i>数据</i>")
    client.force_login(owner)
    body = client.get(reverse("home")).content.decode()
    assert "最近动态" in body
    assert "被" in body and "请补充&lt;i&gt;数据&lt;/i&gt;" in body
    assert reverse("wizard", kwargs={"report_id": report.pk}) in body


def test_it_lists_recent_events_on_the_reviewers_home(client, report, owner, reviewer):
    submitted(report, owner)
    client.force_login(reviewer)
    body = client.get(reverse("home")).content.decode()
    assert "提交了" in body
    assert reverse("review_report", kwargs={"pk": report.pk}) in body
    assert reverse("review_queue") in body


def test_it_shows_nobody_elses_events(client, report, owner, reviewer, other_official):
    submitted(report, owner)
    client.force_login(other_official.user)
    body = client.get(reverse("home")).content.decode()
    assert "提交了" not in body and "您已提交" not in body
