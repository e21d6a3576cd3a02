"""The decision form: approve, return with reasons, reopen; and who may not."""

import pytest
from django.urls import reverse

from drafts.models import Report, Transition

from .review_support import snapshot, submitted  # noqa: F401


@pytest.fixture
def sub_report(report, official):
    return submitted(report, official.user)


def post(client, report, **data):
    return client.post(reverse("review_decide", kwargs={"pk": report.pk}), data, follow=True)


def test_it_approves(client, sub_report, reviewer):
    client.force_login(reviewer)
    response = post(client, sub_report, action="approve", version=sub_report.version)
    sub_report.refresh_from_db()
    assert sub_report.status == "approved"
    assert "报告已审核通过" in response.content.decode()


def test_it_returns_with_reasons(client, sub_report, reviewer):
    client.force_login(reviewer)
    post(client, sub_report, action="return", reason="请补充全年数据。", version=sub_report.version)
    sub_report.refresh_from_db()
    assert sub_report.status == "returned"
    assert Transition.objects.get(action="return").reason == "请补充全年数据。"


def test_it_refuses_to_return_without_reasons(client, sub_report, reviewer):
    client.force_login(reviewer)
    response = post(client, sub_report, action="return", reason="  ", version=sub_report.version)
    sub_report.refresh_from_db()
    assert sub_report.status == "submitted"
    assert "请填写理由" in response.content.decode()


def test_it_tells_the_loser_of_a_race(client, sub_report, reviewer, make_reviewer, unit):
    stale_version = sub_report.version
    client.force_login(make_reviewer(unit))
    post(client, sub_report, action="return", reason="先退回", version=stale_version)
    client.force_login(reviewer)
    response = post(client, sub_report, action="approve", version=stale_version)
    sub_report.refresh_from_db()
    assert sub_report.status == "returned"
    assert "未生效" in response.content.decode() or "现在不能" in response.content.decode()
    assert not Transition.objects.filter(action="approve").exists()


def test_it_reopens_an_approved_report_with_a_reason(client, sub_report, reviewer):
    client.force_login(reviewer)
    post(client, sub_report, action="approve")
    post(client, sub_report, action="reopen", reason="")
    sub_report.refresh_from_db()
    assert sub_report.status == "approved"
    post(client, sub_report, action="reopen", reason="发现数据错误")
    sub_report.refresh_from_db()
    assert sub_report.status == "returned"


def test_it_refuses_the_owner_even_as_reviewer_of_the_unit(client, sub_report, official, unit):
    from drafts.models import ReviewerScope

    ReviewerScope.objects.create(user=official.user, unit=unit)
    client.force_login(official.user)
    before = snapshot()
    response = client.post(
        reverse("review_decide", kwargs={"pk": sub_report.pk}), {"action": "approve"}
    )
    assert response.status_code == 403
    assert snapshot() == before


def test_it_is_404_for_a_reviewer_out_of_scope(client, sub_report, make_reviewer, other_unit):
    client.force_login(make_reviewer(other_unit))
    before = snapshot()
    response = client.post(
        reverse("review_decide", kwargs={"pk": sub_report.pk}), {"action": "approve"}
    )
    assert response.status_code == 404
    assert snapshot() == before


def test_it_refuses_get(client, sub_report, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("review_decide", kwargs={"pk": sub_report.pk})).status_code == 405


def test_it_ignores_an_unknown_action(client, sub_report, reviewer):
    client.force_login(reviewer)
    before = snapshot()
    response = client.post(
        reverse("review_decide", kwargs={"pk": sub_report.pk}), {"action": "delete"}
    )
    assert response.status_code == 302
    assert snapshot() == before


def test_it_accepts_a_very_long_reason_only_up_to_the_limit(client, sub_report, reviewer):
    client.force_login(reviewer)
    post(client, sub_report, action="return", reason="很" * 1_000_000)
    assert Report.objects.get(pk=sub_report.pk).status == "submitted"
