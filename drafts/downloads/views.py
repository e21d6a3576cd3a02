"""Downloads of a report as PDF or DOCX: ``/reports/<id>/download.<pdf|docx>``.

The owner gets the current content; a reviewer in scope (``drafts.access``) gets the
latest submitted version, as on the review pages. Anyone else gets a 404, anonymous users
the login page. Files come from the render cache; drafts carry the 草稿 mark.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from .. import document
from ..access import can_download_report, is_owner
from ..models import Report
from ..rendering.limits import TooLarge
from .files import CONTENT_TYPES, FORMATS, content_disposition, render_report_file


@login_required
def download(request, report_id: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404("no such format")
    report = get_object_or_404(
        Report.objects.select_related("official__unit", "year", "report_type"), pk=report_id
    )
    if not can_download_report(request.user, report):
        raise Http404("no such report")
    tree = None if is_owner(request.user, report) else _submitted_tree(report)
    try:
        path = render_report_file(report, fmt, tree=tree)
    except TooLarge as exc:
        back = reverse("wizard", args=[report.pk]) if tree is None else ""
        return render(
            request, "downloads/too_large.html", {"message": str(exc), "back_url": back}, status=413
        )
    response = FileResponse(open(path, "rb"), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(report, fmt)
    response["Cache-Control"] = "private, no-store"
    return response


def _submitted_tree(report) -> document.Report:
    from ..review.transitions import latest_submission

    latest = latest_submission(report)
    if latest is None:
        raise Http404("not submitted")
    return document.Report.from_dict(latest.tree)
