"""Applying the workflow (``drafts.workflow``) to the database.

Every transition is: a permission check (``drafts.access``), then one conditional
``UPDATE report SET status = target … WHERE status = source [AND version = expected]`` inside a
transaction, so that of two racing decisions exactly one is applied and the other gets
:class:`StaleTransition`; then a ``Transition`` row (who, when, from, to, why) and the
notifications.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import checks, workflow
from ..access import can
from ..cycle import deadlines
from ..downloads import prerender
from ..findings import findings_for
from ..models import Comment, Report, Submission, Transition
from ..persistence import report_to_tree, sections_prefetch
from ..textclean import clean_text
from .notifications import notify
from .places import valid_place

REASON_MAX = 5000
COMMENT_MAX = 5000


class WorkflowError(Exception):
    """A transition that cannot be made; ``str(exc)`` is the message for the user."""


class StaleTransition(WorkflowError):
    """Someone else changed the report first; nothing was applied."""


class SubmitBlocked(WorkflowError):
    def __init__(self, findings):
        self.findings = findings
        super().__init__(
            _(
                "The report was not submitted: the checks found errors. Correct them and submit again."
            )
        )


def _invalid(action: str, status: str) -> WorkflowError:
    return WorkflowError(
        _(
            "This report is %(status)s; it cannot be %(action)s now. Reload the page to see its current state."
        )
        % {"status": workflow.status_label(status), "action": workflow.ACTION[action].done}
    )


def _stale(report_pk: int, action: str) -> StaleTransition:
    current = Report.objects.filter(pk=report_pk).values_list("status", flat=True).first()
    return StaleTransition(
        _(
            "Someone else changed this report at the same time; it is now %(status)s. "
            "Your action (%(action)s) was not applied. Reload the page and decide again."
        )
        % {"status": workflow.status_label(current or ""), "action": workflow.ACTION[action].label}
    )


def _clean_reason(reason: str, required: bool) -> str:
    reason = clean_text(reason or "").strip()
    if required and not reason:
        raise WorkflowError(_("Give the reason: the official needs to know what to change."))
    if len(reason) > REASON_MAX:
        raise WorkflowError(
            _("The reason is too long (%(n)s characters); keep it under %(max)s.")
            % {"n": len(reason), "max": REASON_MAX}
        )
    return reason


def _check(user, report, action: str, reason: str) -> tuple[workflow.Rule, str]:
    """Permission first (who), then the table (from which status), then the reason."""
    if not can(user, workflow.permission_for(action), report):
        raise PermissionDenied(_("You may not do this with this report."))
    try:
        rule = workflow.rule_for(action, report.status)
    except workflow.InvalidTransition:
        raise _invalid(action, report.status) from None
    return rule, _clean_reason(reason, rule.reason_required)


def _apply(
    report, rule, user, reason, *, expected_version=None, extra_filter=None, submission=None
):
    """The conditional UPDATE and the Transition row; the caller holds the transaction."""
    rows = Report.objects.filter(pk=report.pk, status=rule.source)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if extra_filter is not None:
        rows = rows.filter(extra_filter)
    now = timezone.now()
    if rows.update(status=rule.target, version=F("version") + 1, updated_at=now) != 1:
        raise _stale(report.pk, rule.action)
    report.refresh_from_db(fields=["status", "version", "updated_at"])
    return Transition.objects.create(
        report=report,
        submission=submission,
        action=rule.action,
        from_status=rule.source,
        to_status=rule.target,
        actor=user,
        reason=reason,
    )


def _notify(action, report, user, reason):
    """What follows a transition: events and e-mails; the files of a report whose text is now
    frozen rendered ahead."""
    notify(action, report, user, reason)
    prerender.schedule(report)


# -- submit -------------------------------------------------------------------


@dataclass
class Submitted:
    transition: Transition
    submission: Submission
    findings: list


def submit(report, user, *, expected_version=None) -> Submitted:
    """Freeze the report's current tree into a new numbered Submission (checks permitting)."""
    rule, _reason = _check(user, report, workflow.SUBMIT, "")
    fresh = (
        Report.objects.prefetch_related(sections_prefetch())
        .select_related("year")
        .get(pk=report.pk)
    )
    if expected_version is not None and fresh.version != expected_version:
        raise StaleTransition(
            _(
                "The report was changed in another window after this page was opened. "
                "Look at the preview again, then submit."
            )
        )
    if fresh.status != rule.source:
        raise _stale(report.pk, workflow.SUBMIT)
    closed = deadlines.why_read_only(fresh)  # after the deadline, in a closed year
    if closed:
        raise WorkflowError(closed)
    tree = report_to_tree(fresh)
    findings = findings_for(fresh, tree)
    if checks.has_errors(findings):
        raise SubmitBlocked(findings)
    with transaction.atomic():
        number = (report.submissions.aggregate(n=Max("number"))["n"] or 0) + 1
        try:
            with transaction.atomic():
                submission = Submission.objects.create(
                    report=report,
                    number=number,
                    tree=tree.to_dict(),
                    tree_hash=tree.content_hash(),
                    submitted_by=user,
                )
        except IntegrityError:
            raise _stale(report.pk, workflow.SUBMIT) from None
        transition = _apply(
            report, rule, user, "", expected_version=fresh.version, submission=submission
        )
        _notify(workflow.SUBMIT, report, user, "")
    return Submitted(transition, submission, findings)


# -- the other transitions ----------------------------------------------------------


def decide(report, user, action, reason="", *, expected_version=None, extra_filter=None):
    """Apply ``action`` (any but submit) to ``report``: permission, table, reason, one
    conditional UPDATE, the Transition row and the notifications."""
    rule, reason = _check(user, report, action, reason)
    submission = report.latest_submission()
    with transaction.atomic():
        transition = _apply(
            report,
            rule,
            user,
            reason,
            expected_version=expected_version,
            extra_filter=extra_filter,
            submission=submission,
        )
        _notify(action, report, user, reason)
    return transition


def approve(report, user, *, expected_version=None) -> Transition:
    return decide(report, user, workflow.APPROVE, expected_version=expected_version)


def return_report(report, user, reason: str, *, expected_version=None) -> Transition:
    return decide(report, user, workflow.RETURN, reason, expected_version=expected_version)


def reopen(report, user, reason: str, *, expected_version=None) -> Transition:
    return decide(report, user, workflow.REOPEN, reason, expected_version=expected_version)


def can_withdraw(report) -> bool:
    """True while the report is submitted and no reviewer has opened its latest submission."""
    if not workflow.can_apply(workflow.WITHDRAW, report.status):
        return False
    latest = report.latest_submission()
    return latest is not None and latest.opened_at is None


def withdraw(report, user, *, expected_version=None) -> Transition:
    _check(user, report, workflow.WITHDRAW, "")
    if report.status == workflow.SUBMITTED and not can_withdraw(report):
        raise WorkflowError(
            _(
                "A reviewer has already started to review this submission; it can no longer be withdrawn."
            )
        )
    opened = Submission.objects.filter(report_id=OuterRef("pk"), opened_at__isnull=False)
    latest = report.latest_submission()
    if latest is not None:
        opened = opened.filter(number=latest.number)
    try:
        return decide(
            report,
            user,
            workflow.WITHDRAW,
            expected_version=expected_version,
            extra_filter=~Exists(opened),
        )
    except StaleTransition:
        if Submission.objects.filter(
            pk=getattr(latest, "pk", None), opened_at__isnull=False
        ).exists():
            raise WorkflowError(
                _(
                    "A reviewer has just started to review this submission; it can no longer be withdrawn."
                )
            ) from None
        raise


def mark_opened(submission) -> bool:
    """Record that a reviewer opened the submission (blocks withdrawing); True the first time."""
    now = timezone.now()
    updated = Submission.objects.filter(pk=submission.pk, opened_at__isnull=True).update(
        opened_at=now
    )
    if updated:
        submission.opened_at = now
    return bool(updated)


# -- comments -------------------------------------------------------------------


def _clean_comment(text: str) -> str:
    text = clean_text(text or "").strip()
    if not text:
        raise WorkflowError(_("Write the comment before saving it."))
    if len(text) > COMMENT_MAX:
        raise WorkflowError(
            _("The comment is too long (%(n)s characters); keep it under %(max)s.")
            % {"n": len(text), "max": COMMENT_MAX}
        )
    return text


def add_comment(submission, user, text: str, section_index=None, item_index=None) -> Comment:
    report = submission.report
    if not can(user, "drafts.review_report", report):
        raise PermissionDenied(_("You may not comment on this report."))
    if report.status != Report.Status.SUBMITTED:
        raise WorkflowError(
            _("Comments can be added only while the report is under review (it is %(status)s).")
            % {"status": workflow.status_label(report.status)}
        )
    latest = report.latest_submission()
    if latest is None or latest.pk != submission.pk:
        raise StaleTransition(
            _("A newer submission of this report exists. Reload the page and comment on it.")
        )
    text = _clean_comment(text)
    if not valid_place(submission.tree, section_index, item_index):
        raise WorkflowError(
            _("The section or item of this comment does not exist in the submission.")
        )
    return Comment.objects.create(
        submission=submission,
        author=user,
        text=text,
        section_index=section_index,
        item_index=item_index,
    )


def set_addressed(comment, user, addressed: bool = True) -> Comment:
    report = comment.submission.report
    if not can(user, "drafts.address_comment", report):
        raise PermissionDenied(_("You may not change this comment."))
    if not report.is_editable:
        raise WorkflowError(
            _("Comments can be marked as addressed only while the report can be edited.")
        )
    comment.addressed_at = timezone.now() if addressed else None
    Comment.objects.filter(pk=comment.pk).update(addressed_at=comment.addressed_at)
    return comment


def _own_open_comment(comment, user) -> Comment:
    """``comment`` if ``user`` wrote it and the decision on its submission is not sent yet."""
    report = comment.submission.report
    if comment.author_id != user.pk or not can(user, "drafts.review_report", report):
        raise PermissionDenied(_("You may change only your own comments."))
    latest = report.latest_submission()
    if report.status != Report.Status.SUBMITTED or latest is None or latest.pk != comment.submission_id:
        raise WorkflowError(
            _("The decision on this submission has been sent; its comments can no longer be changed.")
        )
    return comment


def edit_comment(comment, user, text: str) -> Comment:
    """A reviewer corrects their own comment until the decision is sent."""
    _own_open_comment(comment, user)
    text = _clean_comment(text)
    # Conditional on the report still awaiting the decision (a decision racing the edit wins).
    updated = Comment.objects.filter(
        pk=comment.pk, submission__report__status=Report.Status.SUBMITTED
    ).update(text=text)
    if not updated:
        raise WorkflowError(
            _("The decision on this submission has been sent; its comments can no longer be changed.")
        )
    comment.text = text
    return comment


def delete_comment(comment, user) -> None:
    """A reviewer withdraws their own comment until the decision is sent."""
    _own_open_comment(comment, user)
    deleted, _rows = Comment.objects.filter(
        pk=comment.pk, submission__report__status=Report.Status.SUBMITTED
    ).delete()
    if not deleted:
        raise WorkflowError(
            _("The decision on this submission has been sent; its comments can no longer be changed.")
        )
