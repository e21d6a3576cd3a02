"""The reviewer's pages: queue, report page and decision, comments, downloads, ZIP, overview.

Access: a report outside the user's scope answers 404 (its existence is not revealed); a
report the user may see but not act on answers 403. Anonymous users go to the login page.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import diffing, document, workflow
from ..access import (
    can,
    expand_units,
    is_reviewer_user,
    reviewer_unit_ids,
    reviews_every_unit,
    unit_parents,
)
from ..models import Comment, Official, Report, ReportingYear, Submission, Transition, Unit, ZipJob
from . import transitions as reviewing
from .forms import SORTS, CommentForm, DecisionForm, QueueFilterForm, ZipForm

PAGE_SIZE = 25


def _reviewer_only(request):
    if not is_reviewer_user(request.user):
        raise PermissionDenied(
            _("This page is for reviewers. Ask an administrator to assign you units.")
        )


def report_for(request, pk: int, perm: str = "drafts.view_report") -> Report:
    """The report if the user may see it (else 404) and holds ``perm`` (else 403)."""
    report = get_object_or_404(
        Report.objects.select_related("official__unit", "official__user", "year", "report_type"),
        pk=pk,
    )
    if not can(request.user, "drafts.view_report", report):
        raise Http404("no such report")
    if perm != "drafts.view_report" and not can(request.user, perm, report):
        raise PermissionDenied(_("You may not do this with this report."))
    return report


def _is_overdue(report, today) -> bool:
    deadline = report.year.deadline
    return bool(deadline and deadline < today and report.status != Report.Status.APPROVED)


# -- queue --------------------------------------------------------------------------


def queue_queryset(
    user, *, year=None, unit=None, status=None, overdue=False, sort="status", today=None, years=None
):
    """Ids of the reports in the user's scope, filtered and sorted.

    Only the sort keys take part in the sort; the rows of one page are fetched afterwards
    (:func:`queue_rows`), so that long texts are never dragged through a sort of 50,000 rows.
    Years are resolved in Python (``years``: the ReportingYear rows, few) and the unit scope
    is a subquery on officials (none for a reviewer of every unit): both keep SQLite on its
    indexes (see bench/review_queue.py).
    """
    ids = reviewer_unit_ids(user)
    if unit is not None:
        ids = ids & expand_units([unit], unit_parents()) if unit in ids else frozenset()
    if years is None:
        years = list(ReportingYear.objects.all())
    if unit is None and reviews_every_unit(user):
        qs = Report.objects.all()  # every report is in scope: no join for the count and sort
    else:
        qs = Report.objects.filter(
            official__in=Official.objects.filter(unit_id__in=ids).values("pk")
        )
    if year:
        qs = qs.filter(year_id__in=[y.pk for y in years if y.year == year])
    if status:
        qs = qs.filter(status=status)
    if overdue:
        today = today or timezone.localdate()
        qs = qs.filter(
            year_id__in=[y.pk for y in years if y.deadline and y.deadline < today],
            status__in=[s for s in Report.Status.values if s != Report.Status.APPROVED],
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


def queue_rows(ids) -> list[Report]:
    """The reports of one page, in the order of ``ids``, with what the queue shows (1 query)."""
    rows = (
        Report.objects.filter(pk__in=list(ids))
        .select_related("official__unit", "year", "report_type")
        .only(*QUEUE_FIELDS)
    )
    by_pk = {r.pk: r for r in rows}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def _latest_submissions(report_ids) -> dict[int, Submission]:
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


@login_required
def queue(request):
    _reviewer_only(request)
    ids = reviewer_unit_ids(request.user)
    units = list(Unit.objects.filter(pk__in=ids).order_by("name").only("pk", "name"))
    years = list(ReportingYear.objects.order_by("-year"))
    data = request.GET.copy()
    if "year" not in data and years:
        data["year"] = str(years[0].year)
    form = QueueFilterForm(data, units=units, years=years)
    form.is_valid()
    get = form.cleaned_data.get if form.is_valid() else (lambda name, default=None: default)
    sort = get("sort") or "status"
    qs = queue_queryset(
        request.user,
        year=get("year"),
        unit=get("unit"),
        status=get("status") or None,
        overdue=bool(get("overdue")),
        sort=sort,
        years=years,
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = queue_rows(list(page.object_list))
    latest = _latest_submissions([r.pk for r in rows])
    today = timezone.localdate()
    for r in rows:
        r.latest_submission = latest.get(r.pk)
        r.overdue = _is_overdue(r, today)
    query = data.copy()
    query.pop("page", None)
    return render(
        request,
        "review/queue.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "sort": sort,
            "units": units,
            "years": years,
            "chosen": {
                "year": get("year"),
                "unit": get("unit"),
                "status": get("status") or "",
                "overdue": bool(get("overdue")),
            },
        },
    )


# -- report page -------------------------------------------------------------------


def _place_label(tree: dict, section_index, item_index) -> str:
    from ..numbering import item_marker, section_marker

    if section_index is None:
        return _("The report as a whole")
    sections = tree.get("sections") or []
    if section_index >= len(sections):
        return _("Section %(n)s (no longer present)") % {"n": section_index + 1}
    section = sections[section_index]
    label = f"{section_marker(section_index)}{section.get('heading', '')}"
    if item_index is not None:
        items = section.get("items") or []
        lead = items[item_index].get("lead", "") if item_index < len(items) else ""
        marker = item_marker(section.get("item_style") or "arabic", item_index)
        label += f" · {marker}{lead}"
    return label


def _places(tree: dict) -> list[tuple[str, str]]:
    out = [("", _("The report as a whole"))]
    for i, section in enumerate(tree.get("sections") or []):
        out.append((str(i), _place_label(tree, i, None)))
        for j, _item in enumerate(section.get("items") or []):
            out.append((f"{i}.{j}", "　" + _place_label(tree, i, j)))
    return out


def _comments_with_change(comments, submissions_by_pk, latest):
    for c in comments:
        c.place_label = _place_label(
            submissions_by_pk[c.submission_id].tree, c.section_index, c.item_index
        )
        c.on_latest = c.submission_id == latest.pk
        if not c.on_latest:
            c.section_changed = diffing.section_changed(
                submissions_by_pk[c.submission_id].tree, latest.tree, c.section_index
            )
    return comments


def _findings(tree_dict, report):
    tree = document.Report.from_dict(tree_dict)
    return reviewing.run_checks(tree, reviewing.previous_tree(report))


def report_context(request, report):
    submissions = list(report.submissions.order_by("number"))
    latest = submissions[-1] if submissions else None
    ctx = {
        "report": report,
        "submissions": submissions,
        "latest": latest,
        "can_review": can(request.user, "drafts.review_report", report),
        "is_owner": can(request.user, "drafts.submit_report", report),
        "overdue": _is_overdue(report, timezone.localdate()),
        "history": Transition.objects.filter(report=report)
        .select_related("actor")
        .order_by("created_at", "pk"),
    }
    if latest is None:
        return ctx
    from ..rendering.html import render_fragment

    by_pk = {s.pk: s for s in submissions}
    comments = list(
        Comment.objects.filter(submission__report=report)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    previous = submissions[-2] if len(submissions) > 1 else None
    ctx.update(
        preview=render_fragment(document.Report.from_dict(latest.tree)),
        findings=_findings(latest.tree, report),
        comments=_comments_with_change(comments, by_pk, latest),
        places=_places(latest.tree),
        previous=previous,
        diff=diffing.diff_trees(previous.tree, latest.tree) if previous else None,
        decision_form=DecisionForm(initial={"version": report.version}),
        comment_form=CommentForm(initial={"submission": latest.pk}),
        actions=workflow.actions_from(report.status),
    )
    if previous:
        ctx["diff_summary"] = diffing.summary(ctx["diff"])
        ctx["diff_moved"] = any(p.moved for p in ctx["diff"])
    return ctx


@login_required
def report_page(request, pk):
    report = report_for(request, pk, "drafts.read_review")
    ctx = report_context(request, report)
    latest = ctx["latest"]
    if latest and ctx["can_review"] and report.status == Report.Status.SUBMITTED:
        reviewing.mark_opened(latest)
    return render(request, "review/report.html", ctx)


@login_required
@require_POST
def decide(request, pk):
    report = report_for(request, pk, "drafts.review_report")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The decision could not be read. Reload the page and try again."))
        return redirect("review_report", pk=report.pk)
    action = form.cleaned_data["action"]
    version = form.cleaned_data.get("version")
    reason = form.cleaned_data.get("reason") or ""
    try:
        if action == workflow.APPROVE:
            reviewing.approve(report, request.user, expected_version=version)
            messages.success(request, _("The report was approved. The official has been notified."))
        elif action == workflow.RETURN:
            reviewing.return_report(report, request.user, reason, expected_version=version)
            messages.success(
                request, _("The report was returned to the official with your reasons.")
            )
        else:
            reviewing.reopen(report, request.user, reason, expected_version=version)
            messages.success(request, _("The report was reopened and returned to the official."))
    except reviewing.WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect("review_report", pk=report.pk)


@login_required
@require_POST
def comment(request, pk):
    report = report_for(request, pk, "drafts.review_report")
    form = CommentForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return redirect("review_report", pk=report.pk)
    submission = Submission.objects.filter(
        report=report, pk=form.cleaned_data["submission"]
    ).first()
    if submission is None:
        raise Http404("no such submission")
    submission.report = report
    section_index, item_index = form.cleaned_data["place"]
    try:
        reviewing.add_comment(
            submission, request.user, form.cleaned_data["text"], section_index, item_index
        )
        messages.success(
            request, _("Comment saved. The official sees it when the report is returned.")
        )
    except reviewing.WorkflowError as exc:
        messages.error(request, str(exc))
    anchor = f"#s-{section_index}" if section_index is not None else ""
    return redirect(reverse("review_report", kwargs={"pk": report.pk}) + anchor)


# -- downloads ---------------------------------------------------------------------


def frozen_tree(report) -> tuple[document.Report, bool]:
    """The tree to print: the latest submission's snapshot; ``draft`` unless approved."""
    latest = reviewing.latest_submission(report)
    if latest is None:
        raise Http404("not submitted")
    return document.Report.from_dict(latest.tree), report.status != Report.Status.APPROVED


def download_name(report, fmt: str) -> str:
    return f"{report.official.unit.name}-{report.official.name}-{report.year.year}年度.{fmt}"


@login_required
def download(request, pk, fmt):
    if fmt not in ("pdf", "docx"):
        raise Http404("no such format")
    report = report_for(request, pk, "drafts.download_report")
    tree, draft = frozen_tree(report)
    from ..downloads.files import CONTENT_TYPES, render_report_file
    from ..rendering.limits import TooLarge

    try:
        path = render_report_file(report, fmt, tree=tree, draft=draft)
    except TooLarge as exc:
        messages.error(request, str(exc))
        return redirect("review_report", pk=report.pk)
    return FileResponse(
        open(path, "rb"),
        as_attachment=True,
        filename=download_name(report, fmt),
        content_type=CONTENT_TYPES[fmt],
    )


# -- ZIP of a unit's approved reports ------------------------------------------------------


@login_required
@require_POST
def zip_start(request):
    _reviewer_only(request)
    ids = reviewer_unit_ids(request.user)
    form = ZipForm(request.POST, unit_ids=ids)
    if not form.is_valid():
        if "unit" in form.errors and request.POST.get("unit", "").isdigit():
            raise Http404("no such unit")
        messages.error(request, _("Choose one of your units and a year for the ZIP."))
        return redirect("review_queue")
    from .zips import start_zip

    job = ZipJob.objects.create(
        user=request.user, unit=form.cleaned_data["unit"], year=form.cleaned_data["year"]
    )
    start_zip(job)
    return redirect("review_zip", pk=job.pk)


def _job_for(request, pk) -> ZipJob:
    job = get_object_or_404(ZipJob.objects.select_related("unit", "year"), pk=pk)
    if job.user_id != request.user.pk:
        raise Http404("no such job")
    return job


def _job_state(job) -> dict:
    return {
        "state": job.state,
        "done": job.done,
        "total": job.total,
        "percent": round(100 * job.done / job.total)
        if job.total
        else (100 if job.state == "done" else 0),
        "error": job.error,
        "download": reverse("review_zip_download", kwargs={"pk": job.pk})
        if job.state == "done"
        else "",
    }


@login_required
def zip_page(request, pk):
    job = _job_for(request, pk)
    return render(request, "review/zip.html", {"job": job, "state": _job_state(job)})


@login_required
def zip_status(request, pk):
    return JsonResponse(_job_state(_job_for(request, pk)))


@login_required
def zip_download(request, pk):
    job = _job_for(request, pk)
    if job.state != ZipJob.State.DONE or not job.path:
        raise Http404("not ready")
    from .zips import zip_file_path

    path = zip_file_path(job)
    if not path.exists():
        raise Http404("gone")
    name = f"{job.unit.name}-{job.year.year}年度-已审核报告.zip"
    return FileResponse(open(path, "rb"), as_attachment=True, filename=name)


# -- overview ------------------------------------------------------------------------

OVERVIEW_COLUMNS = ("not_started", "draft", "submitted", "returned", "approved", "overdue")


def overview_rows(user, year: ReportingYear, today: date | None = None) -> list[dict]:
    """Per unit in scope: counts of reports by status, not started and overdue (3 queries)."""
    today = today or timezone.localdate()
    ids = reviewer_unit_ids(user)
    overdue_q = Q(status__in=[s for s in Report.Status.values if s != Report.Status.APPROVED])
    past = bool(year.deadline and year.deadline < today)
    counts = (
        Report.objects.filter(official__unit_id__in=ids, year=year)
        .values("official__unit_id")
        .annotate(
            draft=Count("pk", filter=Q(status=Report.Status.DRAFT)),
            submitted=Count("pk", filter=Q(status=Report.Status.SUBMITTED)),
            returned=Count("pk", filter=Q(status=Report.Status.RETURNED)),
            approved=Count("pk", filter=Q(status=Report.Status.APPROVED)),
            unfinished=Count("pk", filter=overdue_q),
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
            "draft": c.get("draft", 0),
            "submitted": c.get("submitted", 0),
            "returned": c.get("returned", 0),
            "approved": c.get("approved", 0),
            "overdue": (c.get("unfinished", 0) + not_started) if past else 0,
        }
        if row["officials"] or total:
            rows.append(row)
    return rows


@login_required
def overview(request):
    _reviewer_only(request)
    years = list(ReportingYear.objects.order_by("-year"))
    if not years:
        return render(request, "review/overview.html", {"years": [], "rows": []})
    chosen = request.GET.get("year")
    year = next((y for y in years if str(y.year) == chosen), years[0])
    rows = overview_rows(request.user, year)
    totals = {c: sum(r[c] for r in rows) for c in OVERVIEW_COLUMNS}
    widest = max([sum(r[c] for c in OVERVIEW_COLUMNS[:5]) for r in rows] + [1])
    for r in rows:
        r["bars"] = [(c, r[c], round(100 * r[c] / widest, 1)) for c in OVERVIEW_COLUMNS[:5]]
    return render(
        request,
        "review/overview.html",
        {
            "years": years,
            "year": year,
            "rows": rows,
            "totals": totals,
            "zip_form": ZipForm(unit_ids=reviewer_unit_ids(request.user)),
        },
    )
