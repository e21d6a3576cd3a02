"""The report's statuses and their transitions: one explicit table, pure Python (no ORM, no
request).

    draft     --submit-->   submitted
    returned  --submit-->   submitted
    submitted --approve-->  approved
    submitted --return-->   returned     (reason required)
    submitted --withdraw--> draft        (only while no reviewer has opened the submission)
    approved  --reopen-->   returned     (reason required)

Everything else about a status or an action is a column of ``STATUS_TABLE`` or ``ACTION_TABLE``: its
label, its badge colour, whether the report can be edited in it, its place in the reviewer
queue, the words of the notifications. Models, forms, templates and notifications read them
from here. Who may trigger an action is the permission named in ``TABLE``
(``drafts.access``); applying a transition to the database is ``drafts.review.transitions``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

DRAFT, SUBMITTED, RETURNED, APPROVED = "draft", "submitted", "returned", "approved"
SUBMIT, APPROVE, RETURN, WITHDRAW, REOPEN = "submit", "approve", "return", "withdraw", "reopen"


@dataclass(frozen=True)
class Status:
    code: str
    label: str
    badge: str  # Bootstrap colour of its badge and chart segment (text-bg-…, bg-…)
    editable: bool  # the official can change the report's text
    queue_rank: int  # the reviewer queue's default order: lowest first
    next_step: str  # what the official does next, on their home page


STATUS_TABLE: tuple[Status, ...] = (
    Status(
        DRAFT,
        _("Draft"),
        "warning",
        editable=True,
        queue_rank=2,
        next_step=_("Next: finish the sections, check the preview and submit."),
    ),
    Status(
        SUBMITTED,
        _("Submitted"),
        "primary",
        editable=False,
        queue_rank=0,
        next_step=_("Submitted; waiting for the reviewer."),
    ),
    Status(
        RETURNED,
        _("Returned"),
        "danger",
        editable=True,
        queue_rank=1,
        next_step=_(
            "Next: the reviewer returned it; read the comments, revise and submit again."
        ),
    ),
    Status(
        APPROVED,
        _("Approved"),
        "success",
        editable=False,
        queue_rank=3,
        next_step=_("Approved. Nothing more to do."),
    ),
)
STATUSES = tuple(s.code for s in STATUS_TABLE)
STATUS = {s.code: s for s in STATUS_TABLE}
EDITABLE = frozenset(s.code for s in STATUS_TABLE if s.editable)
UNFINISHED = tuple(s.code for s in STATUS_TABLE if s.code != APPROVED)


@dataclass(frozen=True)
class Action:
    code: str
    label: str  # the verb, as in "your action (return) was not applied"
    done: str  # the participle, as in "it cannot be returned now"
    confirmation: str = ""  # told to the actor once it is done (%(n)s: submission number)
    # Notifications; %(report)s is "2025年度报告" for the owner and "张三的2025年度报告" for
    # reviewers, %(who)s the actor, %(reason)s the reason. "" means nobody is told.
    owner_text: str = ""
    reviewers_text: str = ""
    # The reviewer's button on the report page (decisions only).
    button: str = ""
    button_style: str = "outline-secondary"  # Bootstrap btn-… colour
    question: str = ""  # asked before the button posts ("" asks nothing)


ACTION_TABLE: tuple[Action, ...] = (
    Action(
        SUBMIT,
        _("submit"),
        _("submitted"),
        confirmation=_(
            "Submission no. %(n)s was sent for review. You can withdraw it until a reviewer opens it."
        ),
        owner_text=_("You submitted the %(report)s. Reviewers have been notified."),
        reviewers_text=_("%(who)s submitted the %(report)s for review."),
    ),
    Action(
        APPROVE,
        _("approve"),
        _("approved"),
        confirmation=_("The report was approved. The official has been notified."),
        owner_text=_("Your %(report)s was approved by %(who)s."),
        button=_("Approve"),
        button_style="success",
        question=_("Approve this report? Its PDF and DOCX become final."),
    ),
    Action(
        RETURN,
        _("return"),
        _("returned"),
        confirmation=_("The report was returned to the official with your reasons."),
        owner_text=_("Your %(report)s was returned by %(who)s: %(reason)s"),
        button=_("Return with reasons"),
        button_style="outline-danger",
    ),
    Action(
        WITHDRAW,
        _("withdraw"),
        _("withdrawn"),
        confirmation=_(
            "The submission was withdrawn; the report is a draft again and can be edited."
        ),
        owner_text=_("You withdrew the %(report)s; it is a draft again."),
        reviewers_text=_("%(who)s withdrew the %(report)s."),
    ),
    Action(
        REOPEN,
        _("reopen"),
        _("reopened"),
        confirmation=_("The report was reopened and returned to the official."),
        owner_text=_("Your approved %(report)s was reopened by %(who)s: %(reason)s"),
        button=_("Reopen"),
        button_style="outline-danger",
        question=_("Reopen this approved report and return it to the official?"),
    ),
)
ACTIONS = tuple(a.code for a in ACTION_TABLE)
ACTION = {a.code: a for a in ACTION_TABLE}


@dataclass(frozen=True)
class Rule:
    action: str
    source: str
    target: str
    permission: str
    reason_required: bool = False
    # Withdraw is only possible while nobody has started to review the submission.
    requires_unopened: bool = False


TABLE: tuple[Rule, ...] = (
    Rule(SUBMIT, DRAFT, SUBMITTED, "drafts.submit_report"),
    Rule(SUBMIT, RETURNED, SUBMITTED, "drafts.submit_report"),
    Rule(APPROVE, SUBMITTED, APPROVED, "drafts.review_report"),
    Rule(RETURN, SUBMITTED, RETURNED, "drafts.review_report", reason_required=True),
    Rule(WITHDRAW, SUBMITTED, DRAFT, "drafts.withdraw_report", requires_unopened=True),
    Rule(REOPEN, APPROVED, RETURNED, "drafts.reopen_report", reason_required=True),
)

_BY_KEY = {(r.action, r.source): r for r in TABLE}
assert len(_BY_KEY) == len(TABLE), "one rule per (action, source status)"
assert {r.action for r in TABLE} == set(ACTION) and {r.source for r in TABLE} <= set(STATUS)

# The actions a reviewer decides with (on the report page), in the table's order.
REVIEWER_PERMISSIONS = frozenset({"drafts.review_report", "drafts.reopen_report"})
DECISIONS = tuple(dict.fromkeys(r.action for r in TABLE if r.permission in REVIEWER_PERMISSIONS))


class InvalidTransition(ValueError):
    """The action does not apply to a report in this status."""

    def __init__(self, action: str, status: str):
        self.action, self.status = action, status
        super().__init__(f"{action!r} is not possible from status {status!r}")


def rule_for(action: str, status: str) -> Rule:
    """The rule for ``action`` from ``status``; :class:`InvalidTransition` when there is none."""
    try:
        return _BY_KEY[(action, status)]
    except KeyError:
        raise InvalidTransition(action, status) from None


def can_apply(action: str, status: str) -> bool:
    return (action, status) in _BY_KEY


def actions_from(status: str) -> list[str]:
    """The actions possible from ``status``, in the table's order."""
    return [r.action for r in TABLE if r.source == status]


def sources_of(action: str) -> list[str]:
    """The statuses from which ``action`` applies."""
    return [r.source for r in TABLE if r.action == action]


def permission_for(action: str) -> str:
    """The permission an action needs (the same from every source status)."""
    perms = {r.permission for r in TABLE if r.action == action}
    if len(perms) != 1:
        raise KeyError(action)
    return perms.pop()


def decisions_from(status: str) -> list[Rule]:
    """The reviewer's decisions on a report in ``status`` (its buttons), in the table's order."""
    return [r for r in TABLE if r.source == status and r.action in DECISIONS]


def is_editable(status: str) -> bool:
    return status in EDITABLE


def status_label(status: str) -> str:
    info = STATUS.get(status)
    return str(info.label) if info else status


def status_choices() -> list[tuple[str, str]]:
    return [(s.code, s.label) for s in STATUS_TABLE]
