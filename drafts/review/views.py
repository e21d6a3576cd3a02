"""The reviewer's pages: queue, report page and decision, comments, downloads, ZIP, overview.

Access: a report outside the user's scope answers 404 (its existence is not revealed); a
report the user may see but not act on answers 403. Anonymous users go to the login page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import workflow
from ..access import get_report_or_404, is_reviewer_user, reviewer_unit_ids
from ..downloads.files import file_response, safe_filename
from ..models import ReportingYear, Submission, Unit, ZipJob
from . import queries
from . import transitions as reviewing
from .forms import CommentForm, DecisionForm, QueueFilterForm, ZipForm
from .zips import approved_reports, may_download, start_zip, zip_file_path

PAGE_SIZE = 25


def _reviewer_only(request):
    if not is_reviewer_user(request.user):
        raise PermissionDenied(
            _("This page is for reviewers. Ask an administrator to assign you units.")
        )


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
    qs = queries.queue_queryset(
        request.user,
        year=get("year"),
        unit=get("unit"),
        status=get("status") or None,
        overdue=bool(get("overdue")),
        sort=sort,
        years=years,
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = queries.queue_rows(page.object_list)
    chosen_year = next((y for y in years if y.year == get("year")), None)
    missing = (
        queries.not_started(request.user, chosen_year, unit=get("unit"), overdue=bool(get("overdue")))
        if chosen_year and get("overdue") and not get("status")
        else 0
    )
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
            "not_started": missing,
            "not_started_year": chosen_year,
            "chosen": {
                "year": get("year"),
                "unit": get("unit"),
                "status": get("status") or "",
                "overdue": bool(get("overdue")),
            },
        },
    )


# -- report page -------------------------------------------------------------------


@login_required
def report_page(request, pk):
    report = get_report_or_404(request, pk, "drafts.read_review")
    ctx = queries.report_context(request.user, report)
    latest = ctx["latest"]
    if latest and ctx["can_review"] and report.status == workflow.SUBMITTED:
        reviewing.mark_opened(latest)
    return render(request, "review/report.html", ctx)


@login_required
@require_POST
def decide(request, pk):
    report = get_report_or_404(request, pk, "drafts.review_report")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The decision could not be read. Reload the page and try again."))
        return redirect("review_report", pk=report.pk)
    action = form.cleaned_data["action"]
    version = form.cleaned_data.get("version")
    reason = form.cleaned_data.get("reason") or ""
    try:
        reviewing.decide(report, request.user, action, reason, expected_version=version)
        messages.success(request, workflow.ACTION[action].confirmation)
    except reviewing.WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect("review_report", pk=report.pk)


@login_required
@require_POST
def comment(request, pk):
    report = get_report_or_404(request, pk, "drafts.review_report")
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


# -- ZIP of a unit's approved reports ------------------------------------------------------


@login_required
@require_POST
def zip_start(request):
    _reviewer_only(request)
    form = ZipForm(request.POST, unit_ids=reviewer_unit_ids(request.user))
    if not form.is_valid():
        if "unit" in form.errors and request.POST.get("unit", "").isdigit():
            raise Http404("no such unit")
        messages.error(request, _("Choose one of your units and a year for the ZIP."))
        return redirect("review_overview")
    unit, year = form.cleaned_data["unit"], form.cleaned_data["year"]
    if not approved_reports(request.user, unit.pk if unit else None, year):
        messages.info(
            request,
            _("There is no approved report of %(year)s here yet, so there is nothing to put in a ZIP.")
            % {"year": year.year},
        )
        return redirect(reverse("review_overview") + f"?year={year.year}")
    job = ZipJob.objects.create(
        user=request.user, unit=unit, year=year, formats=form.cleaned_data["formats"]
    )
    start_zip(job)
    return redirect("review_zip", pk=job.pk)


def _job_for(request, pk) -> ZipJob:
    """The user's own ZIP job, while everything in it is still in their scope (else 404)."""
    job = get_object_or_404(ZipJob.objects.select_related("unit", "year"), pk=pk)
    if not may_download(job, request.user):
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
    path = zip_file_path(job)
    if not path.exists():
        raise Http404("gone")
    scope = job.unit.name if job.unit else _("all units")
    name = safe_filename(f"{scope}-{job.year.year}年度-已审核报告")
    return file_response(path, f"{name}.zip", f"reports-{job.year.year}-{job.pk}.zip", "application/zip")


# -- overview ------------------------------------------------------------------------

@login_required
def overview(request):
    _reviewer_only(request)
    years = list(ReportingYear.objects.order_by("-year"))
    if not years:
        return render(request, "review/overview.html", {"years": [], "rows": []})
    chosen = request.GET.get("year")
    year = next((y for y in years if str(y.year) == chosen), years[0])
    rows = queries.overview_rows(request.user, year)
    return render(
        request,
        "review/overview.html",
        {
            "years": years,
            "year": year,
            "rows": rows,
            **queries.overview_table(rows),
            "zip_form": ZipForm(unit_ids=reviewer_unit_ids(request.user)),
        },
    )


# -- a reviewer's own comment: edit or delete until the decision is sent -------------------


def _own_comment(request, pk):
    from ..models import Comment

    comment = get_object_or_404(Comment.objects.select_related("submission"), pk=pk)
    # The report through the one access path: outside the scope answers 404.
    comment.submission.report = get_report_or_404(
        request, comment.submission.report_id, "drafts.review_report"
    )
    return comment


@login_required
@require_POST
def comment_edit(request, pk):
    comment = _own_comment(request, pk)
    try:
        reviewing.edit_comment(comment, request.user, request.POST.get("text", ""))
        messages.success(request, _("The comment was changed."))
    except reviewing.WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("review_report", kwargs={"pk": comment.submission.report_id}) + f"#comment-{comment.pk}")


@login_required
@require_POST
def comment_delete(request, pk):
    comment = _own_comment(request, pk)
    try:
        reviewing.delete_comment(comment, request.user)
        messages.success(request, _("The comment was deleted."))
    except reviewing.WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect("review_report", pk=comment.submission.report_id)
