"""Files of a stored report: which tree is printed, the file's name, the HTTP response.

Every path that hands out a report's file — the official's download, the reviewer's, the
reviewers' ZIP — goes through here, so one report has one file name and one set of headers
wherever it is downloaded:

- :func:`printed_tree` — what is printed: a draft's current content for its owner, else the
  latest submission's frozen tree; the 草稿 mark only on a report still being written
  (:func:`marked_draft`);
- :func:`file_name` — ``单位-姓名-2025年度述职述廉报告.pdf``, safe on every file system;
- :func:`report_file` — the rendered file, from the render cache;
- :func:`file_response` — the download response with its headers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.http import FileResponse, Http404

from .. import document, workflow
from ..access import is_owner
from ..models import Report
from ..persistence import report_to_tree, sections_prefetch
from ..rendering import formats
from ..rendering.cache import cached_render

# Characters no file name may hold on Windows, macOS or Linux, and quotes (they break
# Content-Disposition in old clients); control characters are removed as well.
_UNSAFE = re.compile(r'[\\/:*?"<>|\'`]+')
NAME_MAX = 120  # characters before the extension: well under every file system's limit


def safe_filename(text: str, fallback: str = "report") -> str:
    """``text`` made safe as a file name: no separators, quotes, ``..`` or control characters,
    at most NAME_MAX characters; Chinese kept."""
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = _UNSAFE.sub("_", text)
    text = re.sub(r"\.{2,}", ".", text)
    text = re.sub(r"\s+", " ", text).strip(" ._")
    return text[:NAME_MAX].rstrip(" .") or fallback


def report_title(report) -> str:
    """``2025年度述职述廉报告``: the report type's title pattern for the report's year."""
    pattern = report.report_type.title_pattern or "{year}年度{name}报告"
    return pattern.replace("{year}", str(report.year.year)).replace(
        "{name}", report.report_type.name
    )


def file_name(report, ext: str) -> str:
    """``示例县发展改革局-张三-2025年度述职述廉报告.pdf``: unit, official, title."""
    o = report.official
    return f"{safe_filename(f'{o.unit.name}-{o.name}-{report_title(report)}')}.{ext}"


def ascii_file_name(report, ext: str) -> str:
    return f"report-{report.year.year}-{report.pk}.{ext}"


def content_disposition(utf8_name: str, ascii_name: str) -> str:
    """RFC 6266/5987: an ASCII fallback for old clients plus the UTF-8 name for the others."""
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(utf8_name, safe='')}"


def file_response(path: Path, name: str, ascii_name: str, content_type: str) -> FileResponse:
    """The download of the file at ``path``: the same headers on every download path."""
    response = FileResponse(open(path, "rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition(name, ascii_name)
    response["Cache-Control"] = "private, no-store"
    return response


def marked_draft(status: str) -> bool:
    """Whether a report's files carry the 草稿 mark: while it is being written (a draft, or
    returned for revision). A submitted report's files are its frozen text as it was sent,
    the same bytes as once it is approved."""
    return workflow.is_editable(status)


@dataclass
class Printed:
    tree: document.Report
    draft: bool  # carries the 草稿 mark


def printed_tree(report, user) -> Printed:
    """What ``user`` gets when they download ``report``.

    The owner of a report they can still edit gets its current content; everyone else, and
    the owner once it is submitted, gets the latest submission's frozen tree, marked 草稿
    while the report is being written again. 404 when nothing was submitted that they may see.
    """
    draft = marked_draft(report.status)
    if is_owner(user, report) and report.is_editable:
        live = Report.objects.prefetch_related(sections_prefetch()).get(pk=report.pk)
        return Printed(report_to_tree(live), draft)
    latest = report.latest_submission()
    if latest is None:
        raise Http404("not submitted")
    return Printed(document.Report.from_dict(latest.tree), draft)


def report_file(printed: Printed, ext: str) -> Path:
    """Path of the rendered file. Raises :class:`~drafts.rendering.limits.TooLarge`."""
    return cached_render(printed.tree, formats.get(ext).ext, draft=printed.draft)
