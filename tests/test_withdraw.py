"""Withdrawing a submission nobody has opened yet."""

from django.urls import reverse

from drafts.models import Report
from drafts.review import transitions as reviewing

from .review_support import snapshot, submitted  # noqa: F401


def withdraw(client, report, **data):
    return client.post(reverse("withdraw_report", kwargs={"pk": report.pk}), data, follow=True)


def test_it_withdraws_an_unopened_submission(client, report, official):
    submitted(report, official.user)
    client.force_login(official.user)
    body = withdraw(client, report).content.decode()
    assert Report.objects.get(pk=report.pk).status == "draft"
    assert "已撤回提交" in body


def test_it_refuses_once_a_reviewer_opened_it(client, report, official, make_reviewer, unit):
    submitted(report, official.user)
    reviewer = make_reviewer(unit)
    client.force_login(reviewer)
    client.get(reverse("review_report", kwargs={"pk": report.pk}))
    client.force_login(official.user)
    body = withdraw(client, report).content.decode()
    assert Report.objects.get(pk=report.pk).status == "submitted"
    assert "不能再撤回" in body
    assert 'id="btn-withdraw"' not in body


def test_it_refuses_a_draft(client, report, official):
    client.force_login(official.user)
    before = snapshot()
    body = withdraw(client, report).content.decode()
    assert "现在不能撤回" in body
    assert snapshot() == before


def test_it_refuses_after_an_approval(client, report, official, make_reviewer, unit):
    submitted(report, official.user)
    reviewing.approve(report, make_reviewer(unit))
    client.force_login(official.user)
    withdraw(client, report)
    assert Report.objects.get(pk=report.pk).status == "approved"


def test_it_is_404_for_another_official(client, report, official, other_official):
    submitted(report, official.user)
    client.force_login(other_official.user)
    before = snapshot()
    assert client.post(reverse("withdraw_report", kwargs={"pk": report.pk})).status_code == 404
    assert snapshot() == before


def test_it_is_403_for_a_reviewer(client, report, official, make_reviewer, unit):
    submitted(report, official.user)
    client.force_login(make_reviewer(unit))
    before = snapshot()
    assert client.post(reverse("withdraw_report", kwargs={"pk": report.pk})).status_code == 403
    assert snapshot() == before


def test_it_makes_the_report_editable_again(client, report, official):
    submitted(report, official.user)
    client.force_login(official.user)
    withdraw(client, report)
    assert Report.objects.get(pk=report.pk).is_editable
