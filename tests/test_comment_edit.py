"""A reviewer may edit or delete their own comment until the decision is sent; not someone
else's, not after the decision, not outside their scope."""

from __future__ import annotations

import pytest
from django.urls import reverse

from drafts.models import Comment
from drafts.review import transitions as reviewing

from .review_support import submitted


@pytest.fixture
def comment(report, official, reviewer):
    sub = submitted(report, official.user).latest_submission()
    return reviewing.add_comment(sub, reviewer, "第一部分请补充数据。", 0)


def _edit(client, comment, text):
    return client.post(reverse("review_comment_edit", kwargs={"pk": comment.pk}), {"text": text}, follow=True)


def test_it_edits_the_reviewers_own_comment(client, reviewer, comment):
    client.force_login(reviewer)
    body = _edit(client, comment, "第一部分请补充全年数据。").content.decode()
    assert "意见已修改" in body
    assert Comment.objects.get(pk=comment.pk).text == "第一部分请补充全年数据。"


def test_it_deletes_the_reviewers_own_comment(client, reviewer, comment):
    client.force_login(reviewer)
    r = client.post(reverse("review_comment_delete", kwargs={"pk": comment.pk}), follow=True)
    assert "意见已删除" in r.content.decode()
    assert not Comment.objects.filter(pk=comment.pk).exists()


def test_it_offers_edit_and_delete_on_the_review_page(client, reviewer, comment, report):
    client.force_login(reviewer)
    body = client.get(reverse("review_report", kwargs={"pk": report.pk})).content.decode()
    assert "comment-own" in body and reverse("review_comment_delete", kwargs={"pk": comment.pk}) in body


def test_it_refuses_after_the_decision_is_sent(client, reviewer, comment, report):
    reviewing.return_report(report, reviewer, "请修改")
    client.force_login(reviewer)
    assert "审核结论已经发出" in _edit(client, comment, "改").content.decode()
    client.post(reverse("review_comment_delete", kwargs={"pk": comment.pk}))
    assert Comment.objects.get(pk=comment.pk).text == "第一部分请补充数据。"


def test_it_refuses_another_reviewers_comment(client, make_reviewer, unit, comment):
    other = make_reviewer(unit)
    client.force_login(other)
    assert _edit(client, comment, "改").status_code == 403
    assert client.post(reverse("review_comment_delete", kwargs={"pk": comment.pk})).status_code == 403
    assert Comment.objects.get(pk=comment.pk).text == "第一部分请补充数据。"


def test_it_hides_the_comment_from_a_reviewer_outside_the_scope(client, make_reviewer, other_unit, comment):
    client.force_login(make_reviewer(other_unit))
    assert _edit(client, comment, "改").status_code == 404


@pytest.mark.parametrize("who", ["official", "anonymous"])
def test_it_refuses_the_official_and_anonymous_users(client, official, comment, who):
    if who == "official":
        client.force_login(official.user)
    r = client.post(reverse("review_comment_edit", kwargs={"pk": comment.pk}), {"text": "改"})
    assert r.status_code in (302, 403, 404)
    if who == "anonymous":
        assert r.url.startswith("/login/")
    assert Comment.objects.get(pk=comment.pk).text == "第一部分请补充数据。"


@pytest.mark.parametrize("text, message", [("", "请先填写意见内容"), ("长" * 6000, "意见太长"), ("\x00\x0b", "请先填写意见内容")])
def test_it_refuses_bad_text_with_a_message(client, reviewer, comment, text, message):
    client.force_login(reviewer)
    body = _edit(client, comment, text).content.decode()
    assert message in body
    assert Comment.objects.get(pk=comment.pk).text == "第一部分请补充数据。"


def test_it_escapes_html(client, reviewer, comment, report):
    client.force_login(reviewer)
    _edit(client, comment, "<script>alert(1)</script>")
    body = client.get(reverse("review_report", kwargs={"pk": report.pk})).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body
