"""Applying transitions to the database (drafts.review.transitions): effects, refusals and races."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from drafts import document
from drafts.models import Event, Report, ReportingYear, Submission, Transition
from drafts.review import transitions as reviewing

from .review_support import snapshot, submitted  # noqa: F401


@pytest.fixture
def owner(official):
    official.user.email = "zhangsan@example.org"
    official.user.save()
    return official.user


@pytest.fixture
def reviewer(make_reviewer, unit):
    user = make_reviewer(unit)
    user.email = "reviewer@example.org"
    user.save()
    return user


def test_it_submits_a_draft_as_a_numbered_frozen_snapshot(report, owner, reviewer, sample_tree):
    done = reviewing.submit(report, owner)
    report.refresh_from_db()
    assert report.status == "submitted"
    sub = done.submission
    assert sub.number == 1
    assert sub.tree == sample_tree.to_dict()
    assert sub.tree_hash == sample_tree.content_hash()
    assert sub.submitted_by == owner


def test_it_records_who_when_from_and_to(report, owner):
    reviewing.submit(report, owner)
    t = Transition.objects.get(report=report)
    assert (t.action, t.from_status, t.to_status, t.actor, t.reason) == (
        "submit",
        "draft",
        "submitted",
        owner,
        "",
    )
    assert t.created_at is not None
    assert t.submission.number == 1


def test_it_bumps_the_version_so_stale_autosaves_are_refused(report, owner):
    before = report.version
    reviewing.submit(report, owner)
    report.refresh_from_db()
    assert report.version > before
    assert not report.is_editable


def test_it_notifies_reviewers_and_the_owner_on_submit(
    report, owner, reviewer, make_reviewer, other_unit
):
    outsider = make_reviewer(other_unit)
    reviewing.submit(report, owner)
    assert Event.objects.filter(user=reviewer, report=report).exists()
    assert Event.objects.filter(user=owner, report=report).exists()
    assert not Event.objects.filter(user=outsider).exists()


def test_it_emails_on_commit(report, owner, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reviewing.submit(report, owner)
    assert ["reviewer@example.org"] in [m.to for m in mail.outbox]
    assert ["zhangsan@example.org"] in [m.to for m in mail.outbox]


def test_it_notifies_reviewers_of_parent_units(report, owner, unit, make_reviewer):
    from drafts.models import Unit

    parent = Unit.objects.create(name="示例县")
    unit.parent = parent
    unit.save()
    county = make_reviewer(parent)
    reviewing.submit(report, owner)
    assert Event.objects.filter(user=county).exists()


def test_it_blocks_a_submission_with_error_findings(make_report, sample_tree, owner):
    sample_tree.sections[0].items[0].body = "签约项目*个。"
    report = make_report(tree=sample_tree)
    before = snapshot()
    with pytest.raises(reviewing.SubmitBlocked) as exc:
        reviewing.submit(report, owner)
    assert [f.where for f in exc.value.findings if f.severity == "error"] == [
        "sections[0].items[0].body"
    ]
    assert snapshot() == before


def test_it_passes_last_years_report_to_the_checks(make_report, sample_tree, owner):
    last = ReportingYear.objects.create(year=2024, deadline=date(2025, 1, 31))
    make_report(year=last, tree=sample_tree)
    done = reviewing.submit(make_report(), owner)
    assert "reused_from_previous" in {f.code for f in done.findings}


def test_it_runs_the_checks_without_a_previous_report(report, owner):
    done = reviewing.submit(report, owner)
    assert "reused_from_previous" not in {f.code for f in done.findings}


def test_it_refuses_a_submit_by_anyone_but_the_owner(report, reviewer):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        reviewing.submit(report, reviewer)
    assert snapshot() == before


def test_it_refuses_a_submit_of_a_report_changed_since_the_preview(report, owner):
    with pytest.raises(reviewing.StaleTransition):
        reviewing.submit(report, owner, expected_version=report.version - 1)
    report.refresh_from_db()
    assert report.status == "draft"


def test_it_refuses_to_submit_twice(report, owner):
    stale = Report.objects.get(pk=report.pk)
    reviewing.submit(report, owner)
    with pytest.raises(reviewing.WorkflowError):
        reviewing.submit(stale, owner)
    assert Submission.objects.filter(report=report).count() == 1


def test_it_approves(report, owner, reviewer):
    submitted(report, owner)
    reviewing.approve(report, reviewer)
    report.refresh_from_db()
    assert report.status == "approved"
    assert Event.objects.filter(user=owner, text__contains=str(report.year.year)).count() == 2


def test_it_returns_with_a_reason(report, owner, reviewer):
    submitted(report, owner)
    reviewing.return_report(report, reviewer, "请补充具体数据。")
    report.refresh_from_db()
    assert report.status == "returned"
    assert report.is_editable
    assert Transition.objects.get(action="return").reason == "请补充具体数据。"


@pytest.mark.parametrize("reason", ["", "   ", "\x00\x0b"])
def test_it_requires_a_reason_to_return(report, owner, reviewer, reason):
    submitted(report, owner)
    with pytest.raises(reviewing.WorkflowError):
        reviewing.return_report(report, reviewer, reason)
    report.refresh_from_db()
    assert report.status == "submitted"


def test_it_numbers_a_resubmission(report, owner, reviewer):
    submitted(report, owner)
    reviewing.return_report(report, reviewer, "再改改")
    reviewing.submit(report, owner)
    assert list(report.submissions.values_list("number", flat=True)) == [1, 2]


def test_it_withdraws_an_unopened_submission(report, owner):
    submitted(report, owner)
    reviewing.withdraw(report, owner)
    report.refresh_from_db()
    assert report.status == "draft"


def test_it_refuses_to_withdraw_an_opened_submission(report, owner):
    submitted(report, owner)
    reviewing.mark_opened(report.submissions.get())
    with pytest.raises(reviewing.WorkflowError):
        reviewing.withdraw(report, owner)
    report.refresh_from_db()
    assert report.status == "submitted"


def test_it_reopens_an_approved_report_with_a_reason(report, owner, reviewer):
    submitted(report, owner)
    reviewing.approve(report, reviewer)
    with pytest.raises(reviewing.WorkflowError):
        reviewing.reopen(report, reviewer, "")
    reviewing.reopen(report, reviewer, "数据有误，请核实。")
    report.refresh_from_db()
    assert report.status == "returned"


def test_it_refuses_an_approval_by_the_owner_who_also_reviews_the_unit(report, owner, unit):
    from drafts.models import ReviewerScope

    ReviewerScope.objects.create(user=owner, unit=unit)
    submitted(report, owner)
    with pytest.raises(PermissionDenied):
        reviewing.approve(report, owner)
    with pytest.raises(PermissionDenied):
        reviewing.return_report(report, owner, "自己退回")
    report.refresh_from_db()
    assert report.status == "submitted"


def test_it_refuses_a_superuser_without_scope(report, owner, make_user):
    admin = make_user(is_staff=True, is_superuser=True)
    submitted(report, owner)
    with pytest.raises(PermissionDenied):
        reviewing.approve(report, admin)


def test_it_refuses_a_reviewer_out_of_scope(report, owner, make_reviewer, other_unit):
    submitted(report, owner)
    with pytest.raises(PermissionDenied):
        reviewing.approve(report, make_reviewer(other_unit))


def test_it_applies_two_racing_approvals_once(report, owner, reviewer, make_reviewer, unit):
    second = make_reviewer(unit)
    submitted(report, owner)
    a = Report.objects.get(pk=report.pk)
    b = Report.objects.get(pk=report.pk)  # both loaded while submitted
    reviewing.approve(a, reviewer)
    with pytest.raises(reviewing.StaleTransition) as exc:
        reviewing.approve(b, second)
    assert "他人同时处理了这份报告" in str(exc.value)
    assert "已通过" in str(exc.value)
    assert Transition.objects.filter(action="approve").count() == 1


def test_it_applies_approve_racing_return_once(report, owner, reviewer, make_reviewer, unit):
    second = make_reviewer(unit)
    submitted(report, owner)
    a = Report.objects.get(pk=report.pk)
    b = Report.objects.get(pk=report.pk)
    reviewing.return_report(a, second, "退回")
    with pytest.raises(reviewing.StaleTransition):
        reviewing.approve(b, reviewer)
    report.refresh_from_db()
    assert report.status == "returned"


def test_it_applies_withdraw_racing_approve_once(report, owner, reviewer):
    submitted(report, owner)
    seen_by_reviewer = Report.objects.get(pk=report.pk)
    reviewing.withdraw(Report.objects.get(pk=report.pk), owner)
    with pytest.raises(reviewing.StaleTransition):
        reviewing.approve(seen_by_reviewer, reviewer)
    report.refresh_from_db()
    assert report.status == "draft"
    assert not Transition.objects.filter(action="approve").exists()


def test_it_refuses_a_withdraw_after_the_approval_won(report, owner, reviewer):
    submitted(report, owner)
    seen_by_owner = Report.objects.get(pk=report.pk)
    reviewing.approve(Report.objects.get(pk=report.pk), reviewer)
    with pytest.raises(reviewing.WorkflowError):
        reviewing.withdraw(seen_by_owner, owner)
    report.refresh_from_db()
    assert report.status == "approved"


def test_it_refuses_a_decision_on_a_stale_version(report, owner, reviewer):
    submitted(report, owner)
    with pytest.raises(reviewing.StaleTransition):
        reviewing.approve(report, reviewer, expected_version=report.version - 1)


def test_it_freezes_the_tree_so_later_edits_do_not_change_the_submission(
    report, owner, reviewer, sample_tree
):
    from drafts.persistence import apply_tree

    submitted(report, owner)
    reviewing.return_report(report, reviewer, "改")
    changed = document.Report.from_dict(sample_tree.to_dict())
    changed.closing = "改过的结束语。"
    apply_tree(report, changed)
    assert report.submissions.get(number=1).tree["closing"] == sample_tree.closing
