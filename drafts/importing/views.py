"""Importing an existing report (paste or .docx), adjusting the split, accepting it; applying
automatic fixes of the checks.

The pending import lives in the session (server side): the draft is untouched until the user
accepts. Replacing a draft's content first stores the old tree in ContentBackup.
"""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from .. import checks
from ..document import Report as Tree
from ..drafting import editing
from ..models import LINE_MAX, TEXT_MAX, ContentBackup, Official, Report, ReportingYear, ReportType
from ..persistence import apply_tree, report_to_tree, sections_prefetch
from . import MAX_FILE_BYTES, Block, ImportFailed, blocks_to_tree, import_text, read_bytes
from .adjust import AdjustError, merge_with_previous, set_role, split, split_before

SESSION_KEY = "pending_import"
DONE_KEY = "done_import"  # token and report of the last accepted import (double submits)
BACKUP_REASON = "import-replace"
RESTORE_REASON = "import-restore"
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


def _official(request):
    return Official.objects.filter(user=request.user).first()


def _own_report(request, report_id):
    return get_object_or_404(
        Report.objects.select_related("year", "report_type", "official"),
        pk=report_id,
        official__user=request.user,
    )


def _pending(request):
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    try:
        data["blocks"] = [Block.from_dict(b) for b in data.get("blocks", [])]
    except (ValueError, TypeError, AttributeError):
        return None
    return data


def _store(request, data):
    request.session[SESSION_KEY] = {**data, "blocks": [b.to_dict() for b in data["blocks"]]}


def _refuse_not_editable(request, report):
    messages.error(request, editing.not_editable_message())
    return redirect("wizard", report_id=report.pk)


# -- start: paste or upload -------------------------------------------------------------


@login_required
def import_start(request):
    report = None
    report_id = request.GET.get("report")  # in the form's action too, so no POST is read here
    if report_id:
        if not str(report_id).isdigit():
            raise Http404
        report = _own_report(request, int(report_id))
        if not report.is_editable:
            return _refuse_not_editable(request, report)
    elif _official(request) is None:
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
            _store(
                request,
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
            "has_backup": bool(report)
            and ContentBackup.objects.filter(report=report, reason=BACKUP_REASON).exists(),
            "error": error,
            "text": text[:200_000],
            "max_mb": MAX_FILE_BYTES // 1024 // 1024,
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
    pending = _pending(request)
    if pending is None:
        messages.info(
            request, _("There is no import in progress. Paste a report or upload a file first.")
        )
        return redirect("import_start")
    report = None
    if pending.get("report_id"):
        report = _own_report(request, pending["report_id"])
    if request.method == "POST":
        _adjust(request, pending)
        return redirect(reverse("import_review") + "#blocks")
    tree = blocks_to_tree(pending["blocks"])
    official = _official(request)
    years, types = _new_draft_choices(official)
    targets = [] if report else _replaceable_drafts(official)
    return render(
        request,
        "importing/review.html",
        {
            "pending": pending,
            "blocks": [(i, b, _(ROLE_LABELS[b.role])) for i, b in enumerate(pending["blocks"])],
            "roles": [(r, _(label)) for r, label in ROLE_LABELS.items()],
            "tree": tree,
            "problems": _tree_problems(tree),
            "report": report,
            "years": years,
            "types": types,
            "targets": targets,
            "any_open_year": ReportingYear.objects.filter(is_open=True).exists(),
            "has_backup": bool(report)
            and ContentBackup.objects.filter(report=report, reason=BACKUP_REASON).exists(),
        },
    )


def _replaceable_drafts(official):
    """The official's editable reports in open years: an import started from the home page
    may replace one of them (without pasting again)."""
    if official is None:
        return []
    return list(
        Report.objects.filter(official=official, year__is_open=True, status__in=editing.EDITABLE)
        .select_related("year", "report_type")
        .order_by("-year__year")
    )


def _new_draft_choices(official):
    if official is None:
        return [], []
    taken = set(Report.objects.filter(official=official).values_list("year_id", flat=True))
    years = [
        y for y in ReportingYear.objects.filter(is_open=True).order_by("-year") if y.pk not in taken
    ]
    return years, list(ReportType.objects.filter(is_active=True).order_by("order", "pk"))


_OP = re.compile(r"^(role|merge|split|target):(\d{1,9})$")


def _adjust(request, pending):
    blocks = pending["blocks"]
    op = request.POST.get("op", "")
    try:
        if op == "roles":
            for i in range(len(blocks)):
                role = request.POST.get(f"role_{i}")
                if role and role != blocks[i].role:
                    set_role(blocks, i, role)
        else:
            m = _OP.match(op)
            if not m:
                raise AdjustError(op)
            name, i = m.group(1), int(m.group(2))
            if name == "target":
                _target(request, pending, i)
            elif name == "role":
                set_role(blocks, i, request.POST.get(f"role_{i}", ""))
            elif name == "merge":
                merge_with_previous(blocks, i)
            else:
                pos = request.POST.get(f"pos_{i}", "")
                if pos.isdigit() and int(pos) > 0:
                    split(blocks, i, int(pos))
                else:
                    split_before(blocks, i, request.POST.get(f"at_{i}", ""))
    except AdjustError:
        if op.startswith("split"):
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
    _store(request, pending)


def _target(request, pending, report_id):
    """Bind the pending import to one of the official's drafts (to replace its content)."""
    report = Report.objects.filter(
        pk=report_id, official__user=request.user, status__in=editing.EDITABLE
    ).first()
    if report is None:
        raise AdjustError(report_id)
    pending["report_id"], pending["version"] = report.pk, report.version


@login_required
@require_POST
def import_cancel(request):
    pending = _pending(request)
    request.session.pop(SESSION_KEY, None)
    messages.info(request, _("The import was discarded; nothing was changed."))
    if pending and pending.get("report_id"):
        return redirect("wizard", report_id=pending["report_id"])
    return redirect("home")


# -- accept --------------------------------------------------------------------------------


def _tree_problems(tree: Tree) -> list[str]:
    """Fields longer than the database holds: the user must split them before accepting."""
    problems = []
    if not tree.sections:
        problems.append(
            _(
                "No section heading was found (such as “一、…”). Mark at least one paragraph as a section heading."
            )
        )
    for where, text in tree.text_fields():
        line = where in ("title", "subtitle", "byline") or where.endswith(".heading")
        limit = LINE_MAX if line else (LINE_MAX * 2 if where.endswith(".lead") else TEXT_MAX)
        if where == "signature.name":
            limit = 50
        if len(text) > limit:
            problems.append(
                _(
                    "“%(start)s…” is too long for its place (%(n)d characters, at most %(max)d): "
                    "split it or change its level."
                )
                % {"start": text[:20], "n": len(text), "max": limit}
            )
    return problems


def _complete(tree: Tree, current: Tree) -> Tree:
    """Keep the draft's title, byline and signature where the import has none."""
    tree.title = tree.title or current.title
    tree.byline = tree.byline or current.byline
    if tree.signature is None:
        tree.signature = current.signature
    return tree


@login_required
def import_accept(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    pending = _pending(request)
    if pending is None:
        done = request.session.get(DONE_KEY) or {}
        if done.get("token") and done.get("token") == request.POST.get("token"):
            # The same accept sent twice (double click): the first one did the work.
            return _already_done(request, done.get("report_id"))
        messages.error(
            request, _("There is no import in progress. Paste a report or upload a file first.")
        )
        return redirect("import_start")
    tree = blocks_to_tree(pending["blocks"])
    problems = _tree_problems(tree)
    if problems:
        for problem in problems:
            messages.error(request, problem)
        return redirect("import_review")
    if request.POST.get("mode") == "replace":
        return _accept_replace(request, pending, tree)
    return _accept_new(request, tree)


def _accept_new(request, tree):
    official = _official(request)
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
        with transaction.atomic():
            report = editing.start_report(official, year, report_type)
            report = Report.objects.prefetch_related(sections_prefetch()).get(pk=report.pk)
            apply_tree(report, _complete(tree, report_to_tree(report)))
    except IntegrityError:
        existing = Report.objects.filter(official=official, year=year).first()
        if existing is not None and _holds(existing, tree):
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
    _finish(request, report)
    messages.success(
        request, _("The report was imported into a new draft. Check each step, then submit.")
    )
    return redirect("wizard_step", report_id=report.pk, step="start")


def _int(value):
    return int(value) if isinstance(value, str) and value.isdigit() else -1


def _take_lock(report, expected) -> bool:
    """Version ``expected`` -> ``expected + 1`` if nobody changed the draft meanwhile."""
    if not isinstance(expected, int):
        return False
    return bool(
        Report.objects.filter(pk=report.pk, version=expected, status__in=editing.EDITABLE).update(
            version=F("version") + 1, updated_at=timezone.now()
        )
    )


def _finish(request, report):
    pending = request.session.pop(SESSION_KEY, None) or {}
    request.session[DONE_KEY] = {"token": pending.get("token"), "report_id": report.pk}


def _holds(report, tree: Tree) -> bool:
    """Whether ``report`` already has the imported content (the import was accepted)."""
    report = Report.objects.prefetch_related(sections_prefetch()).get(pk=report.pk)
    current = report_to_tree(report)

    def content(t):
        return t.opening, t.closing, [(s.heading, s.intro, s.items) for s in t.sections]

    return content(current) == content(tree)


def _already_done(request, report_id):
    report = Report.objects.filter(pk=report_id or -1, official__user=request.user).first()
    if report is None:
        return redirect("home")
    request.session.pop(SESSION_KEY, None)
    messages.info(request, _("The report was already imported (the button was pressed twice)."))
    return redirect("wizard_step", report_id=report.pk, step="start")


def _accept_replace(request, pending, tree):
    report = _own_report(request, pending.get("report_id") or -1)
    if not report.is_editable:
        return _refuse_not_editable(request, report)
    if request.POST.get("confirm") != "1":
        messages.error(
            request, _("Tick the box to confirm that the draft's content is to be replaced.")
        )
        return redirect("import_review")
    with transaction.atomic():
        # Nothing is written when the lock is not taken, so there is nothing to roll back.
        locked = _take_lock(report, pending.get("version"))
        if locked:
            report = Report.objects.prefetch_related(sections_prefetch()).get(pk=report.pk)
            old = report_to_tree(report)
            ContentBackup.objects.create(
                report=report, tree=old.to_dict(), reason=BACKUP_REASON, created_by=request.user
            )
            apply_tree(report, _complete(tree, old), bump_version=False)
    if not locked:
        if _holds(report, tree):  # a second click while the first was saving
            return _already_done(request, report.pk)
        # Re-arm on the current version: pressing again replaces the newer content, which
        # is backed up like any other.
        pending["version"] = (
            Report.objects.filter(pk=report.pk).values_list("version", flat=True).first()
        )
        _store(request, pending)
        messages.error(
            request,
            _(
                "The draft was changed after the import started (in another window or by "
                "autosave), so it was not replaced. If you still want to replace it, press "
                "“Replace the draft's content” again: its current content will be kept as a backup."
            ),
        )
        return redirect("import_review")
    _finish(request, report)
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
    report = _own_report(request, report_id)
    if not report.is_editable:
        return _refuse_not_editable(request, report)
    backup = (
        ContentBackup.objects.filter(report=report, reason=BACKUP_REASON)
        .order_by("-created_at", "-pk")
        .first()
    )
    if backup is None:
        messages.error(request, _("There is no content from before an import to restore."))
        return redirect("wizard", report_id=report.pk)
    try:
        tree = Tree.from_dict(backup.tree)
    except ValueError:
        messages.error(request, _("The saved content could not be read, so nothing was restored."))
        return redirect("wizard", report_id=report.pk)
    with transaction.atomic():
        report = (
            Report.objects.select_for_update()
            .prefetch_related(sections_prefetch())
            .get(pk=report.pk)
        )
        ContentBackup.objects.create(
            report=report,
            tree=report_to_tree(report).to_dict(),
            reason=RESTORE_REASON,
            created_by=request.user,
        )
        apply_tree(report, tree)
        backup.delete()
    messages.success(request, _("The content from before the import was restored."))
    return redirect("wizard_step", report_id=report.pk, step="start")


# -- automatic fixes of the checks -------------------------------------------------------------

_PATH = re.compile(
    r"^(title|subtitle|byline|opening|closing)$|^sections\[(\d+)\]\.(heading|intro)$|"
    r"^sections\[(\d+)\]\.items\[(\d+)\]\.(lead|body)$|^signature\.name$"
)


def field_key(report, path):
    """The wizard's field key (``report.opening``, ``section.7.intro``…) of a tree path."""
    m = _PATH.match(path or "")
    if not m:
        return None
    if m.group(1):
        return f"report.{m.group(1)}"
    if path == "signature.name":
        return "report.signature_name"
    sections = list(report.sections.all())
    if m.group(2) is not None:
        i = int(m.group(2))
        return f"section.{sections[i].pk}.{m.group(3)}" if i < len(sections) else None
    i, j = int(m.group(4)), int(m.group(5))
    if i >= len(sections):
        return None
    entries = list(sections[i].entries.all())
    return f"item.{entries[j].pk}.{m.group(6)}" if j < len(entries) else None


def _field_text(tree, path):
    return dict(tree.text_fields()).get(path)


@login_required
@require_POST
def apply_fix(request, report_id):
    report = _own_report(request, report_id)
    step = request.POST.get("step", "start")
    back = reverse(
        "wizard_step",
        kwargs={
            "report_id": report.pk,
            "step": step if re.match(r"^(start|end|preview|s\d+)$", step) else "start",
        },
    )
    if not report.is_editable:
        messages.error(request, editing.not_editable_message())
        return redirect(back)
    report = Report.objects.prefetch_related(sections_prefetch()).get(pk=report.pk)
    path = request.POST.get("where", "")
    code = request.POST.get("code") or "halfwidth_punct"
    tree = report_to_tree(report)
    text = _field_text(tree, path)
    key = field_key(report, path)
    fixed = checks.auto_fix(code, path, text, tree) if text is not None else None
    if key is None or fixed is None or fixed == text:
        messages.info(request, _("Nothing to fix here any more."))
        return redirect(back)
    try:
        version = int(request.POST.get("version", ""))
        editing.save_fields(report, version, {key: fixed})
    except ValueError:
        messages.error(
            request,
            _("The change could not be made: the page was out of date. It has been reloaded."),
        )
    except editing.StaleVersion:
        messages.error(
            request,
            _(
                "Not fixed: this report was changed in another window or on another device. The page has been reloaded; try again."
            ),
        )
    except editing.EditError as exc:
        messages.error(request, str(exc))
    else:
        if code == "typed_marker":
            messages.success(request, _("The number typed by hand was removed."))
        else:
            messages.success(request, _("The punctuation was corrected."))
    return redirect(back)
