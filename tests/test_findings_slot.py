"""The wizard's findings panel: findings of the current step, each linked to its field."""

from __future__ import annotations

import copy

import pytest
from django.urls import reverse

from drafts.models import Report


@pytest.fixture
def flawed(make_report, sample_tree):
    tree = copy.deepcopy(sample_tree)
    tree.opening = "一年来,我认真履职。签约项目*个。"
    tree.sections[0].intro = "全年学习XX次。"
    return make_report(tree=tree)


def _page(client, report, step):
    return client.get(reverse("wizard_step", args=[report.pk, step])).content.decode()


def test_it_lists_the_findings_of_the_start_step_with_links(client, official, flawed):
    client.force_login(official.user)
    page = _page(client, flawed, "start")
    assert "存在未填写的占位符“*”" in page
    assert 'data-focus-field="report.opening"' in page and 'data-offset="14"' in page
    panel = page.split('id="findings"')[1]
    # the section's finding is not in this step (quoted: a CSRF token may hold "XX")
    assert "“XX”" not in panel


def test_it_lists_the_findings_of_a_section_step(client, official, flawed):
    client.force_login(official.user)
    section = flawed.sections.order_by("order").first()
    page = _page(client, flawed, f"s{section.pk}")
    assert "存在未填写的占位符“XX”" in page
    assert f'data-focus-field="section.{section.pk}.intro"' in page


def test_it_offers_the_halfwidth_fix(client, official, flawed):
    client.force_login(official.user)
    page = _page(client, flawed, "start")
    assert "一键修正" in page and 'name="where" value="opening"' in page


def test_it_shows_all_findings_in_the_preview(client, official, flawed):
    client.force_login(official.user)
    page = _page(client, flawed, "preview")
    assert "“*”" in page and "“XX”" in page


def test_it_says_when_a_step_has_nothing(client, official, report):
    client.force_login(official.user)
    assert "本步没有发现问题" in _page(client, report, "end")


def test_it_offers_no_fix_on_a_submitted_report(client, official, flawed):
    Report.objects.filter(pk=flawed.pk).update(status=Report.Status.SUBMITTED)
    client.force_login(official.user)
    assert "一键修正" not in _page(client, flawed, "start")
