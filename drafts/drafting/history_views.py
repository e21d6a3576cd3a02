"""The official's version history of a report: the list, one version (read, and compared with
today's content), and restoring it. Versions come from ``drafting.history``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import diffing, document
from ..access import get_report_or_404
from ..persistence import load_tree
from ..rendering.html import render_fragment
from . import editing, history
from .locking import EditError, StaleVersion

KINDS = ("saved", "submission")


@login_required
def versions(request, report_id):
    report = get_report_or_404(request, report_id, owner_only=True)
    return render(
        request,
        "drafting/versions.html",
        {"report": report, "entries": history.entries(report), "today_chars": load_tree(report.pk).char_count()},
    )


def _entry(report, kind, pk):
    entry = history.find(report, kind, pk) if kind in KINDS else None
    if entry is None:
        raise Http404("no such version")
    return entry


@login_required
def version(request, report_id, kind, pk):
    report = get_report_or_404(request, report_id, owner_only=True)
    entry = _entry(report, kind, pk)
    today = load_tree(report.pk).to_dict()
    diff = diffing.diff_trees(entry.tree, today)
    added, removed = diffing.summary(diff)
    return render(
        request,
        "drafting/version.html",
        {
            "report": report,
            "entry": entry,
            "preview_html": render_fragment(document.Report.from_dict(entry.tree)),
            "diff": diff,
            "added": added,
            "removed": removed,
            "same": entry.tree == today or not (added or removed),
        },
    )


@login_required
@require_POST
def restore(request, report_id, kind, pk):
    report = get_report_or_404(request, report_id, owner_only=True)
    entry = _entry(report, kind, pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        editing.restore_version(report, entry, version, request.user)
    except StaleVersion:
        messages.error(
            request,
            _("Not restored: the report was changed in another window since this page was opened. Look at the versions again, then restore."),
        )
        return redirect("report_versions", report_id=report.pk)
    except EditError as exc:  # NotEditable
        messages.error(request, str(exc))
        return redirect("report_versions", report_id=report.pk)
    messages.success(
        request,
        _("The version of %(at)s was restored. Today's content was kept as a version first, so you can go back to it.")
        % {"at": timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M")},
    )
    return redirect("wizard", report_id=report.pk)
