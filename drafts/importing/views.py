"""The import pages: paste or upload an existing report, adjust how it was split, accept it
into a new draft or in place of a draft's content, restore what an import replaced.

The pending import lives in the session (server side): the draft is untouched until the user
accepts. What accepting writes is :mod:`.service`.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from .. import workflow
from ..access import get_report_or_404, official_of
from ..drafting import locking
from ..models import Report, ReportingYear, ReportType
from . import MAX_FILE_BYTES, ImportFailed, blocks_to_tree, import_text, read_bytes, service
from . import pending as pending_import
from .adjust import AdjustError
from .fit import tree_problems

ROLE_LABELS = {
    "title": gettext_noop("Title"),
    "subtitle": gettext_noop("Subtitle"),
    "byline": gettext_noop("Byline"),
    "opening": gettext_noop("Opening"),
    "heading": gettext_noop("Section heading"),
    "item": gettext_noop("Item (numbered)"),
    "body": gettext_noop("Text paragraph"),
    "closing": gettext_noop("Closing"),
    "signature": gettext_noop("Signature"),
}


# -- helpers -----------------------------------------------------------------------


def _refuse_not_editable(request, report, message=None):
    messages.error(request, message or locking.not_editable_message())
    return redirect("wizard", report_id=report.pk)


# -- start: paste or upload -------------------------------------------------------------


@login_required
def import_start(request):
    report = None
    report_id = request.GET.get("report")  # in the form's action too, so no POST is read here
    if report_id:
        if not str(report_id).isdigit():
            raise Http404
        report = get_report_or_404(request, int(report_id), owner_only=True)
        if not report.is_editable:
            return _refuse_not_editable(request, report)
    elif official_of(request.user) is None:
        messages.error(
            request, _("Your account is not linked to an official, so it cannot hold reports.")
        )
        return redirect("home")
    error = ""
    text = ""
    if request.method == "POST":
        try:
            text = request.POST.get("text", "")
            result = _read_input(request, text)
        except RequestDataTooBig:
            text, error = (
                "",
                _(
                    "The pasted text is far too large for a report (more than %(mb)d MB). Please paste "
                    "only the report itself."
                )
                % {"mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024 // 1024},
            )
        except ImportFailed as exc:
            error = str(exc)
        else:
            pending_import.store(
                request.session,
                {
                    "token": secrets.token_hex(8),
                    "source": result.text,
                    "notes": result.notes,
                    "blocks": result.blocks,
                    "report_id": report.pk if report else None,
                    "version": report.version if report else None,
                },
            )
            return redirect("import_review")
    status = 400 if error else 200
    return render(
        request,
        "importing/start.html",
        {
            "report": report,
            "has_backup": service.has_backup(report),
            "error": error,
            "text": text[:200_000],
            "max_mb": MAX_FILE_BYTES // 1024 // 1024,
            # what the browser checks before sending a paste (the server's limit on fields)
            "max_text_bytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
            "max_text_mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024 // 1024,
        },
        status=status,
    )


def _read_input(request, text):
    upload = request.FILES.get("file")
    if upload is not None:
        if upload.size > MAX_FILE_BYTES:
            raise ImportFailed(
                _(
                    "The file is larger than %(mb)d MB. A report is much smaller: please check that you "
                    "chose the right file, or remove pictures from it."
                )
                % {"mb": MAX_FILE_BYTES // 1024 // 1024}
            )
        return read_bytes(upload.read(), upload.name or "")
    if not text.strip():
        raise ImportFailed(_("Paste the report's text or choose a .docx file."))
    return import_text(text)


# -- review and adjust ------------------------------------------------------------------------


@login_required
def import_review(request):
    pending = pending_import.load(request.session)
    if pending is None:
        messages.info(
            request, _("There is no import in progress. Paste a report or upload a file first.")
        )
        return redirect("import_start")
    report = None
    if pending.get("report_id"):
        report = get_report_or_404(request, pending["report_id"], owner_only=True)
    if request.method == "POST":
        _adjust(request, pending)
        return redirect(reverse("import_review") + "#blocks")
    tree = blocks_to_tree(pending["blocks"])
    official = official_of(request.user)
    years, types = service.new_draft_choices(official)
    targets = [] if report else service.replaceable_drafts(official)
    return render(
        request,
        "importing/review.html",
        {
            "pending": pending,
            "blocks": [(i, b, _(ROLE_LABELS[b.role])) for i, b in enumerate(pending["blocks"])],
            "roles": [(r, _(label)) for r, label in ROLE_LABELS.items()],
            "tree": tree,
            "problems": tree_problems(tree),
            "report": report,
            "years": years,
            "types": types,
            "targets": targets,
            "any_open_year": ReportingYear.objects.filter(is_open=True).exists(),
            "has_backup": service.has_backup(report),
        },
    )


def _adjust(request, pending):
    def find_draft(pk):
        return (
            Report.objects.owned_by(request.user).filter(pk=pk, status__in=workflow.EDITABLE).first()
        )

    try:
        pending_import.adjust(pending, request.POST, find_draft)
    except AdjustError:
        if request.POST.get("op", "").startswith("split"):
            messages.error(
                request,
                _(
                    "Could not split the paragraph: put the cursor where the new paragraph should "
                    "begin (or type its first few characters) and press “Split” again."
                ),
            )
        else:
            messages.error(
                request,
                _("That change could not be made; the page was out of date. Please try again."),
            )
        return
    pending_import.store(request.session, pending)


@login_required
@require_POST
def import_cancel(request):
    pending = pending_import.load(request.session)
    pending_import.discard(request.session)
    messages.info(request, _("The import was discarded; nothing was changed."))
    if pending and pending.get("report_id"):
        return redirect("wizard", report_id=pending["report_id"])
    return redirect("home")


# -- accept --------------------------------------------------------------------------------


@login_required
def import_accept(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    pending = pending_import.load(request.session)
    if pending is None:
        done = pending_import.done_report(request.session, request.POST.get("token"))
        if done is not None:
            # The same accept sent twice (double click): the first one did the work.
            return _already_done(request, done)
        messages.error(
            request, _("There is no import in progress. Paste a report or upload a file first.")
        )
        return redirect("import_start")
    tree = blocks_to_tree(pending["blocks"])
    problems = tree_problems(tree)
    if problems:
        for problem in problems:
            messages.error(request, problem)
        return redirect("import_review")
    if request.POST.get("mode") == "replace":
        return _accept_replace(request, pending, tree)
    return _accept_new(request, tree)


def _accept_new(request, tree):
    official = official_of(request.user)
    if official is None:
        raise Http404
    year = ReportingYear.objects.filter(pk=_int(request.POST.get("year")), is_open=True).first()
    report_type = ReportType.objects.filter(
        pk=_int(request.POST.get("report_type")), is_active=True
    ).first()
    if year is None or report_type is None:
        messages.error(
            request, _("Choose an open reporting year and a report type for the new draft.")
        )
        return redirect("import_review")
    try:
        report = service.accept_new(official, year, report_type, tree)
    except locking.NotEditable as exc:  # not on the roll, past the deadline
        messages.error(request, str(exc))
        return redirect("import_review")
    except IntegrityError:
        existing = Report.objects.filter(official=official, year=year).first()
        if existing is not None and service.holds(existing, tree):
            return _already_done(request, existing.pk)
        messages.error(
            request,
            _(
                "You already have a report for %(year)s. Open it and use “Import an existing report” "
                "there to replace its content."
            )
            % {"year": year.year},
        )
        return redirect("import_review")
    pending_import.finish(request.session, report.pk)
    messages.success(
        request, _("The report was imported into a new draft. Check each step, then submit.")
    )
    return redirect("wizard_step", report_id=report.pk, step="start")


def _int(value):
    return int(value) if isinstance(value, str) and value.isdigit() else -1


def _already_done(request, report_id):
    report = Report.objects.owned_by(request.user).filter(pk=report_id or -1).first()
    if report is None:
        return redirect("home")
    pending_import.discard(request.session)
    messages.info(request, _("The report was already imported (the button was pressed twice)."))
    return redirect("wizard_step", report_id=report.pk, step="start")


def _accept_replace(request, pending, tree):
    report = get_report_or_404(request, pending.get("report_id") or -1, owner_only=True)
    if not report.is_editable:
        return _refuse_not_editable(request, report)
    if request.POST.get("confirm") != "1":
        messages.error(
            request, _("Tick the box to confirm that the draft's content is to be replaced.")
        )
        return redirect("import_review")
    try:
        report = service.replace(report, tree, pending.get("version"), request.user)
    except locking.NotEditable as exc:  # submitted meanwhile, or past the deadline
        return _refuse_not_editable(request, report, str(exc))
    except locking.StaleVersion as exc:
        if service.holds(report, tree):  # a second click while the first was saving
            return _already_done(request, report.pk)
        # Re-arm on the current version: pressing again replaces the newer content, which
        # is backed up like any other.
        pending["version"] = exc.current_version
        pending_import.store(request.session, pending)
        messages.error(
            request,
            _(
                "The draft was changed after the import started (in another window or by "
                "autosave), so it was not replaced. If you still want to replace it, press "
                "“Replace the draft's content” again: its current content will be kept as a backup."
            ),
        )
        return redirect("import_review")
    pending_import.finish(request.session, report.pk)
    messages.success(
        request,
        _(
            "The draft's content was replaced by the imported report. The previous content was kept: "
            "use “Restore the content before the import” on the import page to bring it back."
        ),
    )
    return redirect("wizard_step", report_id=report.pk, step="start")


@login_required
@require_POST
def import_restore(request, report_id):
    report = get_report_or_404(request, report_id, owner_only=True)
    if not report.is_editable:
        return _refuse_not_editable(request, report)
    try:
        report = service.restore(report, request.user)
    except service.NothingToRestore:
        messages.error(request, _("There is no content from before an import to restore."))
        return redirect("wizard", report_id=report.pk)
    except service.UnreadableBackup:
        messages.error(request, _("The saved content could not be read, so nothing was restored."))
        return redirect("wizard", report_id=report.pk)
    messages.success(request, _("The content from before the import was restored."))
    return redirect("wizard_step", report_id=report.pk, step="start")
