"""The official's side of the workflow: submit, withdraw, mark a comment as addressed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .. import workflow
from ..access import get_report_or_404
from ..drafting import findings_panel
from ..drafting.steps import Layout
from ..models import Comment
from . import transitions as reviewing
from .forms import VersionForm


def _back_to_preview(report):
    return redirect("wizard_step", report_id=report.pk, step="preview")


def _version(request):
    form = VersionForm(request.POST)
    return form.cleaned_data.get("version") if form.is_valid() else None


@login_required
@require_POST
def submit(request, pk):
    report = get_report_or_404(request, pk, "drafts.submit_report")
    try:
        done = reviewing.submit(report, request.user, expected_version=_version(request))
    except reviewing.SubmitBlocked as exc:
        return render(
            request,
            "review/submit_blocked.html",
            {
                "report": report,
                "step": "preview",
                "message": str(exc),
                **findings_panel.panel_context(
                    [r for r in findings_panel.rows(exc.findings, Layout.of(report), editable=False) if r.is_error]
                ),
            },
            status=409,
        )
    except reviewing.WorkflowError as exc:
        messages.error(request, str(exc))
        return _back_to_preview(report)
    messages.success(
        request, workflow.ACTION[workflow.SUBMIT].confirmation % {"n": done.submission.number}
    )
    return _back_to_preview(report)


@login_required
@require_POST
def withdraw(request, pk):
    report = get_report_or_404(request, pk, "drafts.withdraw_report")
    try:
        reviewing.withdraw(report, request.user, expected_version=_version(request))
        messages.success(request, workflow.ACTION[workflow.WITHDRAW].confirmation)
    except reviewing.WorkflowError as exc:
        messages.error(request, str(exc))
    return _back_to_preview(report)


@login_required
@require_POST
def comment_addressed(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("submission"), pk=pk)
    report = get_report_or_404(request, comment.submission.report_id, "drafts.address_comment")
    comment.submission.report = report
    addressed = request.POST.get("addressed", "1") != "0"
    try:
        reviewing.set_addressed(comment, request.user, addressed)
    except reviewing.WorkflowError as exc:
        messages.error(request, str(exc))
    if request.htmx:
        return render(
            request, "review/_comment.html", {"c": comment, "report": report, "owner_view": True}
        )
    nxt = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return redirect(nxt)
    return redirect("wizard", report_id=report.pk)
