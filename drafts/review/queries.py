"""What the review pages show, read from the database: the queue, the overview by unit, the
reviewer's page of a report, and the review's traces on the official's pages (comments
beside the sections, the state of the submission).

Scope always comes from ``Report.objects.reviewable_by`` (``drafts.access``); "overdue" is
always :func:`is_overdue`.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import checks, diffing, document, workflow
from ..access import can, expand_units, reviewer_unit_ids, unit_parents
from ..drafting import findings_panel
from ..drafting.steps import Layout
from ..findings import findings_for
from ..models import Comment, Official, Report, ReportingYear, Submission, Transition, Unit
from ..rendering.html import render_fragment
from .forms import SORTS, CommentForm, DecisionForm
from .places import place_label, places
from .transitions import can_withdraw


def is_overdue(report, today: date | None = None) -> bool:
    """Past its year's deadline and not approved."""
    deadline = report.year.deadline
    today = today or timezone.localdate()
    return bool(deadline and deadline < today and report.status in workflow.UNFINISHED)


# -- queue ----------------------------------------------------------------------------------


def queue_queryset(
    user, *, year=None, unit=None, status=None, overdue=False, sort="status", today=None, years=None
):
    """Ids of the reports in the user's scope, filtered and sorted.

    Only the sort keys take part in the sort; the rows of one page are fetched afterwards
    (:func:`queue_rows`), so that long texts are never dragged through a sort of 50,000 rows.
    Years are resolved in Python (``years``: the ReportingYear rows, few).
    """
    if unit is None:
        qs = Report.objects.reviewable_by(user)
    else:
        ids = reviewer_unit_ids(user)
        qs = Report.objects.in_units(
            ids & expand_units([unit], unit_parents()) if unit in ids else frozenset()
        )
    if years is None:
        years = list(ReportingYear.objects.all())
    if year:
        qs = qs.filter(year_id__in=[y.pk for y in years if y.year == year])
    if status:
        qs = qs.filter(status=status)
    if overdue:
        today = today or timezone.localdate()
        qs = qs.filter(
            year_id__in=[y.pk for y in years if y.deadline and y.deadline < today],
            status__in=workflow.UNFINISHED,
        )
    return qs.order_by(*SORTS.get(sort, SORTS["status"])).values_list("pk", flat=True)


QUEUE_FIELDS = (
    "pk",
    "status",
    "updated_at",
    "version",
    "official__name",
    "official__post",
    "official__unit__name",
    "official__user_id",
    "year__year",
    "year__deadline",
    "report_type__name",
)


def queue_rows(ids, today: date | None = None) -> list[Report]:
    """The reports of one page, in the order of ``ids``, with what the queue shows: each
    with ``last_submission`` and ``overdue`` (2 queries)."""
    ids = list(ids)
    rows = (
        Report.objects.filter(pk__in=ids)
        .select_related("official__unit", "year", "report_type")
        .only(*QUEUE_FIELDS)
    )
    by_pk = {r.pk: r for r in rows}
    latest = latest_submissions(ids)
    today = today or timezone.localdate()
    out = [by_pk[pk] for pk in ids if pk in by_pk]
    for r in out:
        r.last_submission = latest.get(r.pk)
        r.overdue = is_overdue(r, today)
    return out


def latest_submissions(report_ids) -> dict[int, Submission]:
    """The latest submission of each report, in one query."""
    latest: dict[int, Submission] = {}
    rows = (
        Submission.objects.filter(report_id__in=report_ids)
        .only("pk", "report_id", "number", "created_at", "opened_at")
        .order_by("report_id", "number")
    )
    for sub in rows:
        latest[sub.report_id] = sub
    return latest


# -- the reviewer's page of a report ---------------------------------------------------------


def _comments_with_change(comments, submissions_by_pk, latest):
    for c in comments:
        c.place_label = place_label(
            submissions_by_pk[c.submission_id].tree, c.section_index, c.item_index
        )
        c.on_latest = c.submission_id == latest.pk
        if not c.on_latest:
            c.section_changed = diffing.section_changed(
                submissions_by_pk[c.submission_id].tree, latest.tree, c.section_index
            )
    return comments


def report_context(user, report) -> dict:
    """Everything the reviewer's page of ``report`` shows."""
    submissions = list(report.submissions.order_by("number"))
    latest = submissions[-1] if submissions else None
    ctx = {
        "report": report,
        "submissions": submissions,
        "latest": latest,
        "can_review": can(user, "drafts.review_report", report),
        "is_owner": can(user, "drafts.submit_report", report),
        "overdue": is_overdue(report),
        "history": Transition.objects.filter(report=report)
        .select_related("actor")
        .order_by("created_at", "pk"),
    }
    if latest is None:
        return ctx
    by_pk = {s.pk: s for s in submissions}
    comments = list(
        Comment.objects.filter(submission__report=report)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    previous = submissions[-2] if len(submissions) > 1 else None
    tree = document.Report.from_dict(latest.tree)
    findings = findings_for(report, tree)
    panel = findings_panel.panel_context(
        findings_panel.rows(findings, Layout.of(report), editable=False)
    )
    ctx.update(
        preview=render_fragment(tree),
        findings=findings,
        finding_groups=panel["finding_groups"],
        finding_counts=panel["finding_counts"],
        comments=_comments_with_change(comments, by_pk, latest),
        places=places(latest.tree),
        previous=previous,
        diff=diffing.diff_trees(previous.tree, latest.tree) if previous else None,
        decision_form=DecisionForm(initial={"version": report.version}),
        comment_form=CommentForm(initial={"submission": latest.pk}),
        decisions=[
            {"rule": r, "action": workflow.ACTION[r.action]}
            for r in workflow.decisions_from(report.status)
        ],
    )
    if previous:
        ctx["diff_summary"] = diffing.summary(ctx["diff"])
        ctx["diff_moved"] = any(p.moved for p in ctx["diff"])
    return ctx


# -- the review's traces on the official's pages ----------------------------------------------


def _submitted_positions(report, latest, section_index: int) -> list[int]:
    """Positions in the submission of the section now at ``section_index`` of the draft.

    The official may have inserted, removed or moved sections since: they are matched by
    heading (``diffing.match_sections``), not by position.
    """
    live = [{"heading": h} for h in report.sections.values_list("heading", flat=True)]
    pairs = diffing.match_sections(latest.tree.get("sections") or [], live)
    return [i for i, j in pairs if j == section_index and i is not None]


def comments_for(report, section_index=None, *, whole_report=False) -> list[Comment]:
    """Comments of the report's latest submission, for one section (or the whole report).

    Shown while the official can act on them: the report is returned (or was withdrawn to a
    draft after a return). ``whole_report``: every comment of the latest submission.
    """
    if report is None or not report.is_editable:
        return []
    latest = report.latest_submission()
    if latest is None:
        return []
    qs = (
        Comment.objects.filter(submission=latest)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    if not whole_report and section_index is None:
        qs = qs.filter(section_index=None)
    elif not whole_report:
        qs = qs.filter(section_index__in=_submitted_positions(report, latest, section_index))
    comments = list(qs)
    for c in comments:
        c.place_label = place_label(latest.tree, c.section_index, c.item_index)
    return comments


def submission_state(report, user, findings) -> dict:
    """What the preview step's submit slot shows: the latest submission, the errors that
    block a submission (of ``findings``), and what the owner may do now."""
    state = {
        "latest": None,
        "errors": [],
        "can_submit": False,
        "can_withdraw": False,
        "opened": False,
    }
    if not can(user, "drafts.submit_report", report):
        return state
    state["latest"] = report.latest_submission()
    if report.is_editable:
        state["errors"] = [f for f in findings if f.severity == checks.ERROR]
        state["can_submit"] = not state["errors"]
    if report.status == workflow.SUBMITTED:
        state["can_withdraw"] = can_withdraw(report)
        state["opened"] = not state["can_withdraw"]
    return state


# -- overview by unit --------------------------------------------------------------------------

OVERVIEW_COLUMNS = ("not_started", *workflow.STATUSES, "overdue")
CHARTED = OVERVIEW_COLUMNS[:-1]  # overdue reports are counted in their status too
# The colour of each column's chart segment: a status's badge colour, grey for not started.
CHART_COLOURS = {"not_started": "secondary", **{s.code: s.badge for s in workflow.STATUS_TABLE}}


def column_labels() -> list[tuple[str, str]]:
    return [
        ("not_started", _("Not started")),
        *((s.code, s.label) for s in workflow.STATUS_TABLE),
        ("overdue", _("Overdue")),
    ]


def overview_table(rows: list[dict]) -> dict:
    """The overview's cells, totals and chart of ``overview_rows``."""
    labels = dict(column_labels())
    widest = max([sum(r[c] for c in CHARTED) for r in rows] + [1])
    for r in rows:
        r["cells"] = [{"key": c, "n": r[c]} for c in OVERVIEW_COLUMNS]
        r["bars"] = [
            (c, r[c], round(100 * r[c] / widest, 1), CHART_COLOURS[c]) for c in CHARTED
        ]
        r["chart_label"] = ", ".join(f"{labels[c]} {r[c]}" for c in CHARTED)
    return {
        "columns": column_labels(),
        "totals": [sum(r[c] for r in rows) for c in OVERVIEW_COLUMNS],
        "legend": [(CHART_COLOURS[c], labels[c]) for c in CHARTED],
    }


def overview_rows(user, year: ReportingYear, today: date | None = None) -> list[dict]:
    """Per unit in scope: counts of reports by status, not started and overdue (3 queries)."""
    today = today or timezone.localdate()
    ids = reviewer_unit_ids(user)
    past = bool(year.deadline and year.deadline < today)
    counts = (
        Report.objects.reviewable_by(user)
        .filter(year=year)
        .values("official__unit_id")
        .annotate(
            **{s: Count("pk", filter=Q(status=s)) for s in workflow.STATUSES},
            unfinished=Count("pk", filter=Q(status__in=workflow.UNFINISHED)),
            total=Count("pk"),
        )
        .order_by()
    )
    by_unit = {row["official__unit_id"]: row for row in counts}
    officials = dict(
        Official.objects.filter(unit_id__in=ids)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("unit_id", "n")
    )
    rows = []
    for unit in Unit.objects.filter(pk__in=ids).order_by("name"):
        c = by_unit.get(unit.pk, {})
        total = c.get("total", 0)
        not_started = max(0, officials.get(unit.pk, 0) - total)
        row = {
            "unit": unit,
            "officials": officials.get(unit.pk, 0),
            "not_started": not_started,
            **{s: c.get(s, 0) for s in workflow.STATUSES},
            "overdue": (c.get("unfinished", 0) + not_started) if past else 0,
        }
        if row["officials"] or total:
            rows.append(row)
    return rows
