"""Every workflow URL × every kind of user: allowed actions succeed, all others are refused
(403/404, or the login page for anonymous users) and change nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from drafts.models import Comment, Report, Submission, ZipJob
from drafts.review import transitions as reviewing

from .review_support import snapshot  # noqa: F401

ROLES = ("owner", "other_official", "reviewer", "reviewer_out", "admin", "anonymous")


@pytest.fixture(autouse=True)
def _zips_inline(inline_zips):
    pass


@pytest.fixture
def world(report, official, other_official, make_reviewer, make_user, unit, other_unit):
    return {
        "report": report,
        "unit": unit,
        "users": {
            "owner": official.user,
            "other_official": other_official.user,
            "reviewer": make_reviewer(unit),
            "reviewer_out": make_reviewer(other_unit),
            "admin": make_user(is_staff=True, is_superuser=True),
            "anonymous": None,
        },
    }


def bring_to(world, state):
    report, users = world["report"], world["users"]
    if state == "draft":
        return
    reviewing.submit(report, users["owner"])
    if state == "submitted":
        return
    if state == "approved":
        reviewing.approve(report, users["reviewer"])
    elif state == "returned":
        reviewing.add_comment(report.submissions.get(), users["reviewer"], "请补充数据", 0)
        reviewing.return_report(report, users["reviewer"], "请补充")
    elif state == "zip":
        reviewing.approve(report, users["reviewer"])
        ZipJob.objects.create(
            user=users["reviewer"], unit=world["unit"], year=report.year, state="done", path="x.zip"
        )


def status_of(world):
    return Report.objects.get(pk=world["report"].pk).status


# name: (state, method, url(world), data, {role: expected status}, effect(world) -> bool)
CASES = {
    "submit": (
        "draft",
        "post",
        lambda w: reverse("submit_report", args=[w["report"].pk]),
        {},
        {"owner": 302, "reviewer": 403},
        lambda w: status_of(w) == "submitted",
    ),
    "withdraw": (
        "submitted",
        "post",
        lambda w: reverse("withdraw_report", args=[w["report"].pk]),
        {},
        {"owner": 302, "reviewer": 403},
        lambda w: status_of(w) == "draft",
    ),
    "approve": (
        "submitted",
        "post",
        lambda w: reverse("review_decide", args=[w["report"].pk]),
        {"action": "approve"},
        {"owner": 403, "reviewer": 302},
        lambda w: status_of(w) == "approved",
    ),
    "return": (
        "submitted",
        "post",
        lambda w: reverse("review_decide", args=[w["report"].pk]),
        {"action": "return", "reason": "请修改"},
        {"owner": 403, "reviewer": 302},
        lambda w: status_of(w) == "returned",
    ),
    "reopen": (
        "approved",
        "post",
        lambda w: reverse("review_decide", args=[w["report"].pk]),
        {"action": "reopen", "reason": "数据有误"},
        {"owner": 403, "reviewer": 302},
        lambda w: status_of(w) == "returned",
    ),
    "comment": (
        "submitted",
        "post",
        lambda w: reverse("review_comment", args=[w["report"].pk]),
        lambda w: {"place": "0", "text": "意见", "submission": w["report"].submissions.get().pk},
        {"owner": 403, "reviewer": 302},
        lambda w: Comment.objects.filter(text="意见").exists(),
    ),
    "mark_addressed": (
        "returned",
        "post",
        lambda w: reverse("comment_addressed", args=[Comment.objects.get().pk]),
        {"addressed": "1"},
        {"owner": 302, "reviewer": 403},
        lambda w: Comment.objects.get().addressed_at is not None,
    ),
    "review_page": (
        "submitted",
        "get",
        lambda w: reverse("review_report", args=[w["report"].pk]),
        {},
        {"owner": 403, "reviewer": 200},
        lambda w: Submission.objects.get().opened_at is not None,
    ),
    "download_pdf": (
        "submitted",
        "get",
        lambda w: reverse("review_download", args=[w["report"].pk, "pdf"]),
        {},
        {"owner": 200, "reviewer": 200},
        lambda w: True,
    ),
    "queue": (
        "submitted",
        "get",
        lambda w: reverse("review_queue"),
        {},
        {"owner": 403, "other_official": 403, "reviewer": 200, "reviewer_out": 200, "admin": 403},
        lambda w: True,
    ),
    "overview": (
        "submitted",
        "get",
        lambda w: reverse("review_overview"),
        {},
        {"owner": 403, "other_official": 403, "reviewer": 200, "reviewer_out": 200, "admin": 403},
        lambda w: True,
    ),
    "zip_start": (
        "approved",
        "post",
        lambda w: reverse("review_zip_start"),
        lambda w: {"unit": w["unit"].pk, "year": w["report"].year.year},
        {"owner": 403, "other_official": 403, "reviewer": 302, "reviewer_out": 404, "admin": 403},
        lambda w: ZipJob.objects.filter(state="done").exists(),
    ),
    "zip_page": (
        "zip",
        "get",
        lambda w: reverse("review_zip", args=[ZipJob.objects.get().pk]),
        {},
        {"reviewer": 200},
        lambda w: True,
    ),
    "zip_status": (
        "zip",
        "get",
        lambda w: reverse("review_zip_status", args=[ZipJob.objects.get().pk]),
        {},
        {"reviewer": 200},
        lambda w: True,
    ),
}

# Content editing stays the drafting area's, but a reviewer must never get through it.
WIZARD_CASES = {
    "wizard_step": (
        "submitted",
        "get",
        lambda w: reverse("wizard_step", args=[w["report"].pk, "start"]),
    ),
    "autosave": ("returned", "post", lambda w: reverse("autosave", args=[w["report"].pk])),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", sorted(CASES))
def test_it_allows_only_the_entitled(client, world, case, role):
    state, method, url, data, allowed, effect = CASES[case]
    bring_to(world, state)
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    data = data(world) if callable(data) else data
    before = snapshot()
    response = getattr(client, method)(url(world), data)
    if role == "anonymous":
        assert response.status_code == 302 and reverse("login") in response.url
        assert snapshot() == before
        return
    expected = allowed.get(role, 404)
    assert response.status_code == expected, f"{case} as {role}"
    if expected >= 400:
        assert snapshot() == before, f"{case} as {role} changed something"
    elif role == "reviewer" or role == "owner":
        assert effect(world), f"{case} as {role} had no effect"


@pytest.mark.parametrize("role", ["reviewer", "reviewer_out", "admin", "other_official"])
@pytest.mark.parametrize("case", sorted(WIZARD_CASES))
def test_it_never_lets_anyone_but_the_owner_edit_content(client, world, case, role):
    state, method, url = WIZARD_CASES[case]
    bring_to(world, state)
    client.force_login(world["users"][role])
    report = world["report"]
    data = {"version": Report.objects.get(pk=report.pk).version, "report.title": "审核人改的标题"}
    before = snapshot()
    response = getattr(client, method)(url(world), data)
    assert response.status_code in (403, 404)
    assert snapshot() == before
