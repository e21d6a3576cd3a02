"""Comments: the reviewer comments on a section or an item; the official marks them addressed."""

import pytest
from django.urls import reverse

from drafts.models import Comment
from drafts.review import transitions as reviewing

from .review_support import snapshot, submitted  # noqa: F401


@pytest.fixture
def sub_report(report, official):
    return submitted(report, official.user)


def comment(client, report, **data):
    data.setdefault("submission", report.submissions.get().pk)
    return client.post(reverse("review_comment", kwargs={"pk": report.pk}), data, follow=True)


def test_it_comments_on_a_section(client, sub_report, reviewer):
    client.force_login(reviewer)
    comment(client, sub_report, place="1", text="这部分缺少数据。")
    c = Comment.objects.get()
    assert (c.section_index, c.item_index, c.text, c.author) == (
        1,
        None,
        "这部分缺少数据。",
        reviewer,
    )


def test_it_comments_on_an_item(client, sub_report, reviewer):
    client.force_login(reviewer)
    comment(client, sub_report, place="0.1", text="调研报告题目写出来。")
    c = Comment.objects.get()
    assert (c.section_index, c.item_index) == (0, 1)


def test_it_comments_on_the_whole_report(client, sub_report, reviewer):
    client.force_login(reviewer)
    comment(client, sub_report, place="", text="整体偏短。")
    assert Comment.objects.get().section_index is None


@pytest.mark.parametrize("place", ["9", "0.9", "x", "-1", "1.2.3"])
def test_it_refuses_a_place_that_does_not_exist(client, sub_report, reviewer, place):
    client.force_login(reviewer)
    response = comment(client, sub_report, place=place, text="意见")
    assert response.status_code == 200
    assert not Comment.objects.exists()


def test_it_refuses_an_empty_comment(client, sub_report, reviewer):
    client.force_login(reviewer)
    response = comment(client, sub_report, place="0", text=" \x0b\x01 ")
    assert not Comment.objects.exists()
    assert "请先填写意见内容" in response.content.decode()


def test_it_refuses_a_null_character_without_a_500(client, sub_report, reviewer):
    client.force_login(reviewer)
    assert comment(client, sub_report, place="0", text="a\x00b").status_code == 200
    assert not Comment.objects.exists()


def test_it_cleans_control_characters_and_keeps_html_as_text(client, sub_report, reviewer):
    client.force_login(reviewer)
    response = comment(client, sub_report, place="0", text="<script>x</script>\x0b第二行")
    assert Comment.objects.get().text == "<script>x</script>\n第二行"
    assert "<script>x</script>" not in response.content.decode()


def test_it_refuses_comments_once_the_report_is_decided(client, sub_report, reviewer):
    reviewing.approve(sub_report, reviewer)
    client.force_login(reviewer)
    comment(client, sub_report, place="0", text="晚了")
    assert not Comment.objects.exists()


def test_it_refuses_the_owner(client, sub_report, official):
    client.force_login(official.user)
    before = snapshot()
    response = client.post(
        reverse("review_comment", kwargs={"pk": sub_report.pk}),
        {"place": "0", "text": "自评", "submission": sub_report.submissions.get().pk},
    )
    assert response.status_code == 403
    assert snapshot() == before


def test_it_refuses_a_submission_of_another_report(
    client, sub_report, reviewer, make_report, make_official
):
    owner = make_official(name="王五")
    other = submitted(make_report(owner=owner), owner.user)
    client.force_login(reviewer)
    response = client.post(
        reverse("review_comment", kwargs={"pk": sub_report.pk}),
        {"place": "0", "text": "意见", "submission": other.submissions.get().pk},
    )
    assert response.status_code == 404
    assert not Comment.objects.exists()


# -- the official's side ------------------------------------------------------------------


@pytest.fixture
def returned_with_comment(sub_report, reviewer):
    c = reviewing.add_comment(sub_report.submissions.get(), reviewer, "第二部分太简略", 1)
    reviewing.return_report(sub_report, reviewer, "请补充")
    sub_report.refresh_from_db()
    return sub_report, c


def test_it_shows_comments_beside_the_section_in_the_wizard(
    client, returned_with_comment, official
):
    report, c = returned_with_comment
    section = report.sections.order_by("order", "pk")[1]
    client.force_login(official.user)
    body = client.get(
        reverse("wizard_step", kwargs={"report_id": report.pk, "step": f"s{section.pk}"})
    ).content.decode()
    assert "第二部分太简略" in body
    assert "审核意见" in body


def test_it_does_not_show_a_comment_beside_another_section(client, returned_with_comment, official):
    report, c = returned_with_comment
    section = report.sections.order_by("order", "pk")[0]
    client.force_login(official.user)
    body = client.get(
        reverse("wizard_step", kwargs={"report_id": report.pk, "step": f"s{section.pk}"})
    ).content.decode()
    assert "第二部分太简略" not in body


def test_it_marks_a_comment_addressed(client, returned_with_comment, official):
    report, c = returned_with_comment
    client.force_login(official.user)
    client.post(reverse("comment_addressed", kwargs={"pk": c.pk}), {"addressed": "1"})
    c.refresh_from_db()
    assert c.addressed_at is not None
    client.post(reverse("comment_addressed", kwargs={"pk": c.pk}), {"addressed": "0"})
    c.refresh_from_db()
    assert c.addressed_at is None


def test_it_answers_htmx_with_the_comment(client, returned_with_comment, official):
    report, c = returned_with_comment
    client.force_login(official.user)
    response = client.post(
        reverse("comment_addressed", kwargs={"pk": c.pk}),
        {"addressed": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert f'id="comment-{c.pk}"' in response.content.decode()
    assert "已处理" in response.content.decode()


def test_it_refuses_the_reviewer_marking_addressed(client, returned_with_comment, reviewer):
    report, c = returned_with_comment
    client.force_login(reviewer)
    assert client.post(reverse("comment_addressed", kwargs={"pk": c.pk})).status_code == 403
    c.refresh_from_db()
    assert c.addressed_at is None


def test_it_is_404_for_another_official(client, returned_with_comment, other_official):
    report, c = returned_with_comment
    client.force_login(other_official.user)
    assert client.post(reverse("comment_addressed", kwargs={"pk": c.pk})).status_code == 404


def test_it_does_not_follow_an_offsite_next(client, returned_with_comment, official):
    report, c = returned_with_comment
    client.force_login(official.user)
    response = client.post(
        reverse("comment_addressed", kwargs={"pk": c.pk}), {"next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert "evil" not in response.url
