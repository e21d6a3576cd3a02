"""The findings panel: grouped by rule with a count, the first few of each group and the
rest behind "show all"; the partial the page fetches after each save; the same groups on
the preview, the refused submission and the reviewer's page."""

from __future__ import annotations

import copy
import re

import pytest
from django.urls import reverse

from drafts.review import transitions as reviewing


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


@pytest.fixture
def many(make_report, sample_tree):
    tree = copy.deepcopy(sample_tree)
    tree.opening = "一年来,我认真履职;完成任务:很好!" + "会议。。" * 5  # halfwidth once, doubled x5
    return make_report(tree=tree)


def _groups(html):
    return re.findall(r'finding-group finding-group-([a-z_]+)', html)


def test_it_groups_the_findings_by_rule_with_a_count(c, many):
    body = c.get(reverse("wizard_step", args=[many.pk, "start"])).content.decode()
    panel = body.split('id="findings"')[1].split("</aside>")[0]
    assert _groups(panel) == ["halfwidth_punct", "doubled_punct"]
    doubled = panel.split("finding-group-doubled_punct")[1]
    assert '<span class="badge rounded-pill text-bg-light border group-count">5</span>' in doubled
    shown, more = doubled.split('<details class="finding-more"')
    assert shown.count('class="mb-2 finding ') == 3 and more.count('class="mb-2 finding ') == 2
    assert "显示全部5条" in more


def test_it_serves_the_panel_of_one_step_as_a_partial(c, many):
    r = c.get(reverse("findings_panel", args=[many.pk]) + "?step=start")
    assert r.status_code == 200
    html = r.content.decode()
    assert html.lstrip().startswith('<div class="card mb-3 findings-card" id="findings"')
    assert "<html" not in html and _groups(html) == ["halfwidth_punct", "doubled_punct"]


@pytest.mark.parametrize("step", ["", "s999999", "<script>", "start%00"])
def test_it_answers_404_for_a_step_that_does_not_exist(c, many, step):
    assert c.get(reverse("findings_panel", args=[many.pk]), {"step": step}).status_code == 404


def test_it_shows_the_same_groups_on_the_preview_and_the_reviewers_page(c, many, official, client, reviewer):
    preview = c.get(reverse("wizard_step", args=[many.pk, "preview"])).content.decode()
    reviewing.submit(many, official.user)
    client.force_login(reviewer)
    review = client.get(reverse("review_report", args=[many.pk])).content.decode()
    assert _groups(preview.split('id="findings"')[1]) == _groups(review.split('id="findings"')[1])


def test_it_summarises_the_whole_report_on_the_preview(c, many):
    body = c.get(reverse("wizard_step", args=[many.pk, "preview"])).content.decode()
    summary = body.split('class="card mb-3 findings-summary"')[1].split("</section>")[0]
    assert "全文检查结果" in summary and "标题和导语" in summary
    assert re.search(r"<td class=\"text-end \">0</td><td class=\"text-end\">6</td>", summary)


def test_it_offers_each_fix_with_what_it_changes_to(c, many):
    body = c.get(reverse("wizard_step", args=[many.pk, "start"])).content.decode()
    form = body.split("finding-group-doubled_punct")[1].split("</form>")[0]
    assert 'name="offset" value=' in form and "→ “。”" in form
