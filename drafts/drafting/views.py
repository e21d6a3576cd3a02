"""The official's pages: home, starting a report, the section wizard, its autosave, and a
check's one-click fix.

Every view gets its report with ``get_report_or_404(…, owner_only=True)``: another
official's report, or one the user reviews, is not found here.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import document, numbering
from ..access import get_report_or_404, is_reviewer_user, official_of
from ..checks.promises import PLANS, PROBLEMS
from ..cycle import deadlines, home_notices
from ..findings import check_context as checks_context_of
from ..findings import earlier_reports, findings_for, previous_report
from ..models import ContentBackup, Report, ReportingYear, ReportType
from ..persistence import report_to_tree
from ..rendering.html import render_fragment
from ..review import queries as review_queries
from ..review.notifications import recent_events
from . import editing, findings_panel, locking, promises_panel, starting, step_form, steps
from .forms import StartReportForm
from .locking import EditError, StaleVersion

# -- home --------------------------------------------------------------------------


@login_required
def home(request):
    official = official_of(request.user)
    events = recent_events(request.user)
    if official is None:
        return render(
            request,
            "drafting/home_no_official.html",
            {"is_reviewer": is_reviewer_user(request.user), "events": events},
        )
    reports = {
        r.year_id: r
        for r in Report.objects.filter(official=official).select_related("year", "report_type")
    }
    years = [
        {"year": y, "report": reports.get(y.pk)}
        for y in ReportingYear.objects.all()
        if y.is_open or y.pk in reports
    ]
    home_notices.annotate(official, years)  # days left, roll, reminders
    return render(
        request, "drafting/home.html", {"official": official, "years": years, "events": events}
    )


# -- start ---------------------------------------------------------------------------


@login_required
def start(request, year):
    official = official_of(request.user)
    if official is None:
        return redirect("home")
    year = get_object_or_404(ReportingYear, year=year)
    existing = Report.objects.filter(official=official, year=year).first()
    if existing:
        return redirect("wizard", report_id=existing.pk)
    if not year.is_open:
        messages.error(
            request,
            _(
                "Reporting for %(year)s is closed. Ask the administrator if you still need to write this report."
            )
            % {"year": year.year},
        )
        return redirect("home")
    refused = deadlines.why_no_start(official, year)
    if refused:
        messages.error(request, refused)
        return redirect("home")
    earlier = earlier_reports(official.pk, year.year)
    previous = previous_report(official.pk, year.year)
    form = StartReportForm(
        request.POST if request.method == "POST" else None, previous=previous, earlier=earlier
    )
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["carry_over"]:
                source = form.cleaned_data["source"]
                report = starting.carry_over(
                    official,
                    year,
                    source,
                    user=request.user,
                    replace_years=form.cleaned_data["replace_years"],
                )
                messages.success(
                    request,
                    _(
                        "The %(y)s report was carried over. Update every section with this year's work; last year's plans are shown beside the sections as a checklist."
                    )
                    % {"y": source.year.year},
                )
            else:
                report = starting.start_report(official, year, form.cleaned_data["report_type"])
        except IntegrityError:  # a double click: the first request created it
            report = get_object_or_404(Report, official=official, year=year)
        return redirect("wizard", report_id=report.pk)
    types = ReportType.objects.filter(is_active=True).prefetch_related("section_templates")
    carry = [
        {"preview": starting.preview(r, year.year), "default": r == previous} for r in earlier
    ]
    return render(
        request,
        "drafting/start.html",
        {"form": form, "year": year, "types": types, "previous": previous, "carry": carry},
    )


# -- wizard ----------------------------------------------------------------------------


def _carried_over_from(report):
    reason = (
        ContentBackup.objects.filter(report=report, reason__startswith=starting.CARRY_OVER_REASON)
        .values_list("reason", flat=True)
        .first()
    )
    return reason.partition(":")[2] if reason else None


@login_required
def wizard(request, report_id):
    report = get_report_or_404(request, report_id, owner_only=True)
    return redirect("wizard_step", report_id=report.pk, step=report.current_step or "start")


@login_required
def wizard_step(request, report_id, step):
    report = get_report_or_404(request, report_id, owner_only=True, prefetch=True)
    tree = report_to_tree(report)
    all_steps = steps.build_steps(report, tree)
    found = steps.find_step(all_steps, step)
    if found is None:
        if request.method == "POST":
            raise Http404("no such step")
        messages.info(
            request, _("That part of the report no longer exists; here is the first step.")
        )
        return redirect("wizard_step", report_id=report.pk, step=steps.START)
    if request.method == "POST":
        return _post_step(request, report, all_steps, found[1])
    if report.is_editable and report.current_step != step:
        Report.objects.filter(pk=report.pk).update(current_step=step)
    return _render_step(request, report, tree, all_steps, *found)


FOCUS_KEY = "drafting_focus"  # the element the next step page scrolls to and focuses


def _render_step(request, report, tree, all_steps, index, current, *, refused=None, status=200):
    section = current.section
    items = []
    if section is not None:
        items = [
            {
                "entry": e,
                "marker": numbering.item_marker(section.item_style, j),
                "lead_key": f"item.{e.pk}.lead",
                "body_key": f"item.{e.pk}.body",
            }
            for j, e in enumerate(section.entries.all())
        ]
    total = tree.char_count()
    banner = home_notices.banner(report)  # the deadline line; closed after the deadline
    check_context = checks_context_of(report)
    findings = findings_for(report, tree, check_context)
    versions = locking.part_versions(report)
    rows = findings_panel.rows(
        findings,
        steps.Layout.of(report),
        editable=report.is_editable and not banner["closed"],
        versions=versions,
    )
    part = locking.step_part(current)
    context = {
        "part": part,
        "part_version": versions.get(part, 0),
        "part_writer": locking.part_writer(report, part) if part else "",
        "structure_version": versions[locking.STRUCTURE],
        "report": report,
        "tree": tree,
        "step": current.key,
        "current": current,
        "steps": all_steps,
        "index": index,
        "prev": all_steps[index - 1] if index > 0 else None,
        "next": all_steps[index + 1] if index + 1 < len(all_steps) else None,
        "progress": round(
            100 * sum(1 for s in all_steps if s.filled) / max(1, len(all_steps) - 1)
        ),
        "section": section,
        "section_count": len(tree.sections),
        "skey": {n: f"section.{section.pk}.{n}" for n in ("heading", "intro")} if section else {},
        "items": items,
        "item_styles": document.ITEM_STYLE_LABELS.items(),
        "editable": report.is_editable and not banner["closed"],
        "deadline_banner": banner,
        "carried_over_from": _carried_over_from(report),
        "other_chars": total - current.chars,
        "total_chars": total,
        "reading_rate": document.READING_RATE,
        "reading_minutes": document.reading_minutes(total),
        "limits": {
            "line": document.LINE_MAX,
            "text": document.TEXT_MAX,
            "lead": document.LEAD_MAX,
            "name": document.NAME_MAX,
        },
        "refused": refused or [],
        "undo": step_form.undo_offer(request.session, report, section),
        "focus": request.session.pop(FOCUS_KEY, "") if FOCUS_KEY in request.session else "",
        "comments": _comments(report, current),
        **findings_panel.panel_context(rows, current),
        **_beside(report, tree, current, check_context.previous),
    }
    if current.key == steps.PREVIEW:
        context["preview_html"] = render_fragment(tree)
        context["summary"], context["summary_whole"] = findings_panel.summary(rows, all_steps)
        context["submit"] = review_queries.submission_state(report, request.user, findings)
        context["submit"]["errors"] = [r for r in rows if r.is_error]
    return render(request, "drafting/wizard/step.html", context, status=status)


def _beside(report, tree, current, previous) -> dict:
    """Last year's promises beside the work sections (and on the preview), each problem
    beside its measure on the problems and plans sections."""
    kind = current.section.kind if current.section is not None else ""
    out = {"promises": [], "measures": []}
    if kind in (PLANS, PROBLEMS):
        out["measures"] = promises_panel.measures(report, tree)
    elif current.section is not None or current.key == steps.PREVIEW:
        out["promises"] = promises_panel.checklist(report, tree, previous)
        if current.section is not None:
            out["promise_entries"] = list(current.section.entries.all())
    return out


def _comments(report, current):
    """The reviewer's comments shown beside this step."""
    if current.key == steps.PREVIEW:
        return review_queries.comments_for(report, whole_report=True)
    if current.index is not None:
        return review_queries.comments_for(report, current.index)
    if current.key == steps.START:
        return review_queries.comments_for(report, None)
    return []


# -- the step form (works without JavaScript) ---------------------------------------------


def _post_step(request, report, all_steps, current):
    target = request.POST.get("go") or current.key
    if not steps.is_step_key(target):
        target = current.key
    if not report.is_editable:
        if request.POST.get("op") or step_form.changed_fields(request.POST, report, current):
            messages.error(request, locking.not_editable_message())
        return redirect("wizard_step", report_id=report.pk, step=target)
    part = locking.step_part(current)
    seen = step_form.posted_seen(request.POST.get("part_version")) if part else None
    # Pages of this version post the versions of their part and of the structure; an
    # older page (or a test) only the whole report's.
    version = seen or step_form.posted_int(request.POST.get("version"))
    structure = step_form.posted_seen(request.POST.get("structure_version")) or version
    changes = step_form.changed_fields(request.POST, report, current)
    focus = ""
    try:
        if changes:
            result = editing.save_fields(
                report, version, changes, {part: seen.version} if seen else None
            )
            if seen:
                version = locking.Seen(result.parts.get(part, seen.version))
            else:
                version = structure = result.version
            if result.errors:
                refused = {k: changes[k] for k in result.errors}
                message = next(iter(result.errors.values()))
                return _refuse(request, report, current, refused, message, 400)
        op = request.POST.get("op", "")
        if op:
            done = step_form.apply_op(
                request.session, report, version, op, structure_version=structure
            )
            target = done.step or target
            focus = done.focus
            if op.startswith("section-delete") and target == current.key:
                target = all_steps[all_steps.index(current) - 1].key
    except StaleVersion as exc:
        return _refuse(request, report, current, changes, str(exc), 409)
    except EditError as exc:  # NotEditable included: the status changed meanwhile
        return _refuse(request, report, current, changes, str(exc), 400)
    if focus:  # the item added or moved: the next page brings it into view
        request.session[FOCUS_KEY] = focus
    return redirect("wizard_step", report_id=report.pk, step=target)


def _refuse(request, report, current, changes, message, status):
    """The step again, from the database, with what was not saved and why."""
    report = get_report_or_404(request, report.pk, owner_only=True, prefetch=True)
    tree = report_to_tree(report)
    all_steps = steps.build_steps(report, tree)
    found = steps.find_step(all_steps, current.key) or (0, all_steps[0])
    refused = step_form.refused(changes, message)
    return _render_step(request, report, tree, all_steps, *found, refused=refused, status=status)


