"""What the review pages show, read from the database: the queue, the overview by unit, the
reviewer's page of a report, and the review's traces on the official's pages (comments
beside the sections, the state of the submission).

Scope always comes from ``Report.objects.reviewable_by`` (``drafts.access``); who counts
for a year, "not started" and "overdue" come from the year's roll (``drafts.cycle.roll``),
the same for the queue, the overview and the progress board.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from .. import checks, diffing, document, workflow
from ..access import can, expand_units, reviewer_unit_ids, unit_parents
from ..cycle import board, roll
from ..drafting import findings_panel
from ..drafting.steps import Layout
from ..findings import findings_for
from ..models import (
    Comment,
    Report,
    ReportingYear,
    RollEntry,
    Submission,
    Transition,
    Unit,
)
from ..rendering.html import render_fragment
from .forms import SORTS, CommentForm, DecisionForm
from .places import place_label, places
from .transitions import can_withdraw


def is_overdue(report, today: date | None = None, extended_until: date | None | bool = False) -> bool:
    """Past its official's deadline (the year's, or an extension's) and not approved.
    ``extended_until``: the extension if already known (``None``: none), else looked up."""
    if report.status not in workflow.UNFINISHED:
        return False
    today = today or timezone.localdate()
    if extended_until is False:
        extended_until = extensions([report]).get((report.official_id, report.year_id))
    deadline = extended_until or report.year.deadline
    return bool(deadline and deadline < today)


def extensions(reports) -> dict[tuple[int, int], date]:
    """``{(official id, year id): extension date}`` of these reports (one query)."""
    rows = RollEntry.objects.filter(
        official_id__in={r.official_id for r in reports},
        year_id__in={r.year_id for r in reports},
        removed_at=None,
        extended_until__isnull=False,
    ).values_list("official_id", "year_id", "extended_until")
    return {(o, y): d for o, y, d in rows}


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
        years = [y for y in years if y.year == year]
        qs = qs.filter(year_id__in=[y.pk for y in years])
    if any(y.has_roll for y in years):
        qs = qs.filter(roll.on_roll_q(years))  # a year's reports count only of its roll
    if status:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.filter(roll.overdue_report_q(years, today or timezone.localdate()))
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
    "year__has_roll",
    "official_id",
    "year_id",
    "report_type__name",
)


def not_started(user, year, *, unit=None, overdue=False, today=None) -> int:
    """How many of the roll's members in the user's scope (of ``unit``) have not started: the
    queue lists reports, this is the rest of the roll, counted as on the overview."""
    ids = reviewer_unit_ids(user)
    if unit is not None:
        ids = ids & expand_units([unit], unit_parents()) if unit in ids else frozenset()
    qs = roll.members(year, ids).filter(state=roll.NOT_STARTED)
    if overdue:
        qs = qs.filter(roll.past_deadline_q(year, today or timezone.localdate()))
    return qs.count()


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
    extended = extensions(out) if any(r.year.has_roll for r in out) else {}
    for r in out:
        r.last_submission = latest.get(r.pk)
        r.overdue = is_overdue(r, today, extended.get((r.official_id, r.year_id)))
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
    totals = {c: sum(r[c] for r in rows) for c in OVERVIEW_COLUMNS}
    return {
        "columns": column_labels(),
        "totals": [totals[c] for c in OVERVIEW_COLUMNS],
        "totals_by_key": totals,
        "legend": [(CHART_COLOURS[c], labels[c]) for c in CHARTED],
    }


def overview_rows(user, year: ReportingYear, today: date | None = None) -> list[dict]:
    """Per unit in scope: the roll's members by state, not started and overdue (3 queries),
    counted by ``drafts.cycle.board`` as on the progress board."""
    ids = reviewer_unit_ids(user)
    counts = board.counts_by_unit(year, ids, today)
    rows = []
    for unit in Unit.objects.filter(pk__in=ids).order_by("name"):
        c = counts.get(unit.pk)
        if not c:
            continue
        rows.append(
            {
                "unit": unit,
                "officials": c["roll"],
                "not_started": c[roll.NOT_STARTED],
                **{s: c[s] for s in workflow.STATUSES},
                "overdue": c[roll.OVERDUE],
            }
        )
    return rows
