"""Applying the automatic half-width punctuation fix, with the version check."""

from __future__ import annotations

import copy

import pytest
from django.urls import reverse

from drafts.models import Report


@pytest.fixture
def flawed(make_report, sample_tree):
    tree = copy.deepcopy(sample_tree)
    tree.opening = "一年来,我认真履职;成绩明显."
    tree.sections[0].items[1].body = "撰写(调研)报告3篇,其中1篇获批示。"
    return make_report(tree=tree)


def _fix(client, report, where, version=None):
    report.refresh_from_db()
    return client.post(
        reverse("apply_fix", args=[report.pk]),
        {
            "where": where,
            "step": "start",
            "version": report.version if version is None else version,
        },
    )


def test_it_fixes_a_report_field(client, official, flawed):
    client.force_login(official.user)
    response = _fix(client, flawed, "opening")
    assert response["Location"] == reverse("wizard_step", args=[flawed.pk, "start"])
    flawed.refresh_from_db()
    assert flawed.opening == "一年来，我认真履职；成绩明显."


def test_it_fixes_an_item_body(client, official, flawed):
    client.force_login(official.user)
    _fix(client, flawed, "sections[0].items[1].body")
    entry = flawed.sections.order_by("order").first().entries.order_by("order")[1]
    assert entry.body == "撰写（调研）报告3篇，其中1篇获批示。"


def test_it_refuses_a_stale_version(client, official, flawed):
    client.force_login(official.user)
    response = client.post(
        reverse("apply_fix", args=[flawed.pk]),
        {"where": "opening", "version": flawed.version - 1},
        follow=True,
    )
    assert "未修正" in response.content.decode()
    flawed.refresh_from_db()
    assert "," in flawed.opening


def test_it_ignores_an_unknown_path(client, official, flawed):
    client.force_login(official.user)
    for where in ("sections[9].intro", "__class__", "sections[0].items[99].body"):
        assert _fix(client, flawed, where).status_code == 302


def test_it_returns_404_for_another_officials_report(client, official, other_official, make_report):
    theirs = make_report(owner=other_official)
    client.force_login(official.user)
    assert _fix(client, theirs, "opening").status_code == 404


def test_it_refuses_a_submitted_report(client, official, flawed):
    Report.objects.filter(pk=flawed.pk).update(status=Report.Status.SUBMITTED)
    client.force_login(official.user)
    _fix(client, flawed, "opening")
    flawed.refresh_from_db()
    assert "," in flawed.opening


def test_anonymous_users_go_to_login(client, flawed):
    response = client.post(reverse("apply_fix", args=[flawed.pk]), {"where": "opening"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_it_refuses_get(client, official, flawed):
    client.force_login(official.user)
    assert client.get(reverse("apply_fix", args=[flawed.pk])).status_code == 405


def test_a_reviewer_of_the_unit_cannot_apply_fixes(client, make_reviewer, unit, flawed):
    client.force_login(make_reviewer(unit))
    assert _fix(client, flawed, "opening").status_code == 404
    flawed.refresh_from_db()
    assert "," in flawed.opening
