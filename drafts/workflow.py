"""The report's status transitions: one explicit table, pure Python (no ORM, no request).

    draft     --submit-->   submitted
    returned  --submit-->   submitted
    submitted --approve-->  approved
    submitted --return-->   returned     (reason required)
    submitted --withdraw--> draft        (only while no reviewer has opened the submission)
    approved  --reopen-->   returned     (reason required)

Who may trigger an action is the permission named in ``PERMISSIONS`` (``drafts.access``);
applying a transition to the database is ``drafts.review.transitions``.
"""

from __future__ import annotations

from dataclasses import dataclass

DRAFT, SUBMITTED, RETURNED, APPROVED = "draft", "submitted", "returned", "approved"
STATUSES = (DRAFT, SUBMITTED, RETURNED, APPROVED)

SUBMIT, APPROVE, RETURN, WITHDRAW, REOPEN = "submit", "approve", "return", "withdraw", "reopen"
ACTIONS = (SUBMIT, APPROVE, RETURN, WITHDRAW, REOPEN)


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

EDITABLE = frozenset({DRAFT, RETURNED})


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


def target(action: str, status: str) -> str:
    return rule_for(action, status).target


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


def is_editable(status: str) -> bool:
    return status in EDITABLE
