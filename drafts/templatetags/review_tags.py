"""Template helpers of the review area: findings links, comments beside the wizard, events."""

from __future__ import annotations

import re

from django import template
from django.urls import reverse
from django.utils.text import slugify

from ..models import Comment, Entry, Report, Section

register = template.Library()

_WHERE = re.compile(r"^sections\[(\d+)\](?:\.items\[(\d+)\])?(?:\.(\w+))?$")
_START_FIELDS = {"title", "subtitle", "byline", "opening"}


def parse_where(where: str) -> tuple[int | None, int | None, str]:
    """``sections[1].items[0].body`` -> ``(1, 0, "body")``; ``opening`` -> ``(None, None, "opening")``."""
    match = _WHERE.match(where or "")
    if not match:
        return None, None, (where or "").split(".")[0]
    s, i, name = match.groups()
    return int(s), (int(i) if i is not None else None), name or ""


def _layout(report):
    """Section pks and, per section, entry pks, in the wizard's order (2 queries)."""
    sections = list(
        Section.objects.filter(report=report).order_by("order", "pk").values_list("pk", flat=True)
    )
    entries: dict[int, list[int]] = {pk: [] for pk in sections}
    for section_id, pk in (
        Entry.objects.filter(section__report=report)
        .order_by("order", "pk")
        .values_list("section_id", "pk")
    ):
        entries[section_id].append(pk)
    return sections, entries


def wizard_anchor(report, where: str, layout=None) -> str:
    """URL of the wizard step (and the field in it) that ``where`` points to."""
    s, i, name = parse_where(where)
    if s is None:
        step = "start" if name in _START_FIELDS else "end"
        key = f"report.{name}" if name in _START_FIELDS | {"closing"} else ""
        if name == "signature":
            key = "report.signature_name"
        url = reverse("wizard_step", kwargs={"report_id": report.pk, "step": step})
        return f"{url}#f-{slugify(key)}" if key else url
    sections, entries = layout or _layout(report)
    if s >= len(sections):
        return reverse("wizard", kwargs={"report_id": report.pk})
    section_pk = sections[s]
    url = reverse("wizard_step", kwargs={"report_id": report.pk, "step": f"s{section_pk}"})
    if i is not None and i < len(entries[section_pk]):
        entry = entries[section_pk][i]
        if name:
            return f"{url}#f-{slugify(f'item.{entry}.{name}')}"
        return f"{url}#item-{entry}"
    if name in ("heading", "intro"):
        return f"{url}#f-{slugify(f'section.{section_pk}.{name}')}"
    return url


def preview_anchor(where: str) -> str:
    """Anchor of ``where`` in ``render_fragment`` output."""
    s, i, name = parse_where(where)
    if s is None:
        return f"#{name}" if name in ("opening", "closing", "signature") else ""
    return f"#s-{s}-i-{i}" if i is not None else f"#s-{s}"


def finding_links(report, findings, *, target: str = "wizard") -> list[dict]:
    layout = _layout(report) if target == "wizard" and findings else None
    out = []
    for f in findings:
        url = (
            wizard_anchor(report, f.where, layout)
            if target == "wizard"
            else preview_anchor(f.where)
        )
        out.append({"finding": f, "url": url, "is_error": f.severity == "error"})
    return out


@register.simple_tag
def review_finding_links(report, findings, target="wizard"):
    return finding_links(report, findings, target=target)


# -- comments beside the wizard ---------------------------------------------------------------


def _submitted_positions(report, latest, section_index: int) -> list[int]:
    """Positions in the submission of the section now at ``section_index`` of the draft.

    The official may have inserted, removed or moved sections since: they are matched by
    heading (``diffing.match_sections``), not by position.
    """
    from .. import diffing

    live = [{"heading": h} for h in report.sections.values_list("heading", flat=True)]
    pairs = diffing.match_sections(latest.tree.get("sections") or [], live)
    return [i for i, j in pairs if j == section_index and i is not None]


def comments_for(report, section_index=None, *, whole_report=False):
    """Comments of the report's latest submission, for one section (or the whole report).

    Shown while the official can act on them: the report is returned (or was withdrawn to a
    draft after a return). ``whole_report``: every comment of the latest submission.
    """
    if report is None or report.status not in (Report.Status.RETURNED, Report.Status.DRAFT):
        return []
    latest = report.submissions.order_by("-number").first()
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
    from ..review.views import _place_label

    for c in comments:
        c.place_label = _place_label(latest.tree, c.section_index, c.item_index)
    return comments


@register.inclusion_tag("review/_comments_list.html", takes_context=True)
def comments_for_step(context):
    report = context.get("report")
    current = context.get("current") or {}
    step = context.get("step")
    if step == "preview":
        comments = comments_for(report, whole_report=True)
    elif "index" in current:
        comments = comments_for(report, current["index"])
    elif step == "start":
        comments = comments_for(report, None)
    else:
        comments = []
    return {
        "comments": comments,
        "report": report,
        "owner_view": True,
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }


# -- events ----------------------------------------------------------------------------


@register.inclusion_tag("review/_events_list.html", takes_context=True)
def recent_events(context, limit=10):
    from ..review.notifications import recent_events as events

    request = context.get("request")
    user = getattr(request, "user", None)
    rows = list(events(user, limit)) if user is not None else []
    for e in rows:
        e.url = ""
        if e.report is not None:
            if e.report.official.user_id == user.pk:
                e.url = reverse("wizard", kwargs={"report_id": e.report_id})
            else:
                e.url = reverse("review_report", kwargs={"pk": e.report_id})
    return {"events": rows}


@register.simple_tag(takes_context=True)
def submit_state(context):
    """What the preview step's submit slot shows: status, blocking findings, allowed actions."""
    from ..access import can
    from ..review import transitions as reviewing

    report = context.get("report")
    tree = context.get("tree")
    request = context.get("request")
    user = getattr(request, "user", None)
    state = {
        "latest": None,
        "errors": [],
        "can_submit": False,
        "can_withdraw": False,
        "opened": False,
    }
    if report is None or user is None or not can(user, "drafts.submit_report", report):
        return state
    state["latest"] = reviewing.latest_submission(report)
    if report.status in (Report.Status.DRAFT, Report.Status.RETURNED) and tree is not None:
        findings = reviewing.run_checks(tree, reviewing.previous_tree(report))
        errors = [f for f in findings if f.severity == "error"]
        state["errors"] = finding_links(report, errors)
        state["can_submit"] = not errors
    if report.status == Report.Status.SUBMITTED:
        state["can_withdraw"] = reviewing.can_withdraw(report)
        state["opened"] = not state["can_withdraw"]
    return state


@register.filter
def is_reviewer(user) -> bool:
    from ..access import is_reviewer_user

    return is_reviewer_user(user)
