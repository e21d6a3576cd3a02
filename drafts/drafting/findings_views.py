"""What the findings panel does: the panel of a step fetched again after each save, a
check's one-click fix, an answer to one of last year's promises."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import checks
from ..access import get_report_or_404
from ..checks.promises import promises_of
from ..cycle import deadlines
from ..findings import check_context, findings_for
from ..persistence import report_to_tree
from . import editing, findings_panel, locking, steps
from .forms import PromiseAnswerForm
from .locking import EditError, StaleVersion
from .step_form import posted_int, posted_seen

# -- the findings panel, fetched again after each save ----------------------------------------


@login_required
def findings(request, report_id):
    """The findings panel of one step (``?step=``) of the stored content, as a partial."""
    report = get_report_or_404(request, report_id, owner_only=True, prefetch=True)
    tree = report_to_tree(report)
    all_steps = steps.build_steps(report, tree)
    found = steps.find_step(all_steps, request.GET.get("step", ""))
    if found is None:
        raise Http404("no such step")
    rows = findings_panel.rows(
        findings_for(report, tree),
        steps.Layout.of(report),
        editable=report.is_editable and not deadlines.why_read_only(report),
        versions=locking.part_versions(report),
    )
    context = {"report": report, "step": found[1].key, **findings_panel.panel_context(rows, found[1])}
    return render(request, "drafting/wizard/_findings_slot.html", context)


# -- last year's promises, answered ---------------------------------------------------------------


@login_required
@require_POST
def promise_answer(request, report_id, index):
    """Link the passage that reports on one of last year's promises, or mark it not done."""
    report = get_report_or_404(request, report_id, owner_only=True, prefetch=True)
    step = request.POST.get("step", steps.START)
    back = redirect("wizard_step", report_id=report.pk, step=step if steps.is_step_key(step) else steps.START)
    items = promises_of(check_context(report).previous)
    if index >= len(items):
        raise Http404("no such promise")
    form = PromiseAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or _("The answer was not understood. Try again."))
        return back
    try:
        editing.answer_promise(report, index, items[index].text, **form.answer())
    except EditError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The answer to last year's promise was saved."))
    return back


# -- a check's one-click fix ----------------------------------------------------------------


@login_required
@require_POST
def apply_fix(request, report_id):
    report = get_report_or_404(request, report_id, owner_only=True, prefetch=True)
    step = request.POST.get("step", steps.START)
    back = reverse(
        "wizard_step",
        kwargs={"report_id": report.pk, "step": step if steps.is_step_key(step) else steps.START},
    )
    if not report.is_editable:
        messages.error(request, locking.not_editable_message())
        return redirect(back)
    code = request.POST.get("code") or "halfwidth_punct"
    try:
        offset = posted_int(request.POST.get("offset"))
        fixed = editing.apply_fix(
            report,
            posted_seen(request.POST.get("part_version")) or posted_int(request.POST.get("version")),
            request.POST.get("where", ""),
            code,
            offset if offset >= 0 else None,
        )
    except StaleVersion:
        messages.error(
            request,
            _(
                "Not fixed: this report was changed in another window or on another device. The page has been reloaded; try again."
            ),
        )
    except EditError as exc:
        messages.error(request, str(exc))
    else:
        if fixed:
            messages.success(request, checks.BY_CODE[code].fixed_message)
        else:
            messages.info(request, _("Nothing to fix here any more."))
    return redirect(back)
