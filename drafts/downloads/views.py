"""The download of a report as PDF or DOCX, for its official and its reviewers alike.

Two URLs lead here (``/reports/<id>/download.<ext>`` and the review page's
``/review/reports/<id>/download/<ext>/``); the permission decides, :mod:`.files` decides what
is printed. A report outside the user's reach answers 404, anonymous users go to the login
page, a report too large to print gets a page that says so.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from ..access import get_report_or_404, is_owner
from ..rendering import formats
from ..rendering.limits import TooLarge
from . import files


@login_required
def download(request, report_id: int, fmt: str):
    fmt = formats.FORMATS.get(fmt)
    if fmt is None or not fmt.downloadable:
        raise Http404("no such format")
    report = get_report_or_404(request, report_id, "drafts.download_report")
    printed = files.printed_tree(report, request.user)
    try:
        path = files.report_file(printed, fmt.ext)
    except TooLarge as exc:
        return render(
            request,
            "downloads/too_large.html",
            {"message": str(exc), "back_url": _back_url(request, report)},
            status=413,
        )
    return files.file_response(
        path,
        files.file_name(report, fmt.ext),
        files.ascii_file_name(report, fmt.ext),
        fmt.content_type,
    )


def _back_url(request, report) -> str:
    if is_owner(request.user, report):
        return reverse("wizard", args=[report.pk])
    return reverse("review_report", kwargs={"pk": report.pk})
