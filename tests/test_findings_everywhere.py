"""The same findings on every page: the wizard's preview, the submit check and the reviewer's
page run the same checks with the same inputs (``drafts.findings.findings_for``).

Before, the wizard compared this year's text with last year's live rows and knew the
suggested lengths, while submit and review compared it with last year's approved snapshot
and knew no lengths: the "too short" and "taken over from last year" warnings differed.
The approved snapshot (what was really reported) and the suggested lengths won.
"""

from __future__ import annotations

import copy

import pytest
from django.urls import reverse

from drafts import document
from drafts.findings import findings_for
from drafts.models import Report, ReportingYear
from drafts.review import transitions as reviewing

from .review_support import submitted

REUSED = "全年组织开展专题调研十二次，形成调研报告五篇，其中两篇获得县委主要领导批示肯定。"


@pytest.fixture
def last_year(make_report, sample_tree, official, reviewer):
    tree = copy.deepcopy(sample_tree)
    tree.sections[0].intro = REUSED
    report = make_report(tree=tree, year=ReportingYear.objects.create(year=2024))
    submitted(report, official.user)
    reviewing.approve(report, reviewer)
    # An edit of last year's rows after approval (the admin): the snapshot is what counts.
    report.sections.order_by("order").filter(pk=report.sections.order_by("order")[0].pk).update(
        intro="后来改过的文字，与今年的报告毫无关系，不应当被当作去年的内容。"
    )
    return report


@pytest.fixture
def this_year(make_report, sample_tree, official, last_year):
    tree = copy.deepcopy(sample_tree)
    tree.sections[1].intro = REUSED
    report = make_report(tree=tree)
    submitted(report, official.user)
    return report


def _keys(findings):
    return [(f.code, f.where, f.offset, f.message) for f in findings]


def test_it_compares_with_last_years_approved_snapshot(this_year):
    codes = {f.code for f in findings_for(this_year)}
    assert "reused_from_previous" in codes
    assert "length" in codes  # the report type's suggested length is known


def test_the_wizard_and_the_review_page_show_the_same_findings(client, this_year, reviewer):
    expected = _keys(findings_for(this_year))
    client.force_login(this_year.official.user)
    wizard = client.get(reverse("wizard_step", args=[this_year.pk, "preview"]))
    client.force_login(reviewer)
    review = client.get(reverse("review_report", kwargs={"pk": this_year.pk}))
    assert _keys(r.finding for r in wizard.context["findings"]) == expected
    assert _keys(review.context["findings"]) == expected


def test_the_submit_check_uses_the_same_findings(this_year, reviewer):
    reviewing.return_report(this_year, reviewer, "请修改")
    this_year.refresh_from_db()
    done = reviewing.submit(this_year, this_year.official.user)
    assert _keys(done.findings) == _keys(findings_for(Report.objects.get(pk=this_year.pk)))


def test_a_frozen_tree_gets_the_suggested_lengths_of_its_report(this_year):
    frozen = document.Report.from_dict(this_year.latest_submission().tree)
    assert _keys(findings_for(this_year, frozen)) == _keys(findings_for(this_year))
