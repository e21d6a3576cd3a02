"""Helpers shared by the review area's tests (not a test module)."""

from __future__ import annotations

from drafts.models import Comment, Event, Report, Submission, Transition
from drafts.review import transitions as reviewing


def submitted(report, user):
    """Submit ``report`` as ``user`` (its owner) and return the fresh report."""
    reviewing.submit(report, user)
    report.refresh_from_db()
    return report


def snapshot(report=None):
    """Everything a workflow URL may change, to assert that a refused request changed nothing."""
    rows = Report.objects.order_by("pk").values_list("pk", "status", "version", "title")
    return {
        "reports": list(rows),
        "submissions": list(
            Submission.objects.order_by("pk").values_list("pk", "number", "tree_hash", "opened_at")
        ),
        "transitions": Transition.objects.count(),
        "comments": list(Comment.objects.order_by("pk").values_list("pk", "text", "addressed_at")),
        "events": Event.objects.count(),
    }
