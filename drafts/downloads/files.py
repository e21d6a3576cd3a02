"""Files of a report for download: the glue between the models and the cached renderers.

:func:`render_report_file` is shared by the official's download view
(``drafts.downloads.views``) and the review area, which passes the frozen tree of a
submission instead of the live content.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from .. import document
from ..rendering.cache import cached_render

FORMATS = ("pdf", "docx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def is_draft(report) -> bool:
    """Everything that is not approved carries the 草稿 mark."""
    return report.status != report.Status.APPROVED


def download_filename(report, fmt: str) -> str:
    """``2025年度述职述廉报告-张三.pdf``: the report type's title pattern and the official."""
    pattern = report.report_type.title_pattern or "{year}年度{name}报告"
    title = pattern.replace("{year}", str(report.year.year)).replace(
        "{name}", report.report_type.name
    )
    name = f"{title}-{report.official.name}"
    return f"{_UNSAFE.sub('_', name).strip(' .') or 'report'}.{fmt}"


def ascii_filename(report, fmt: str) -> str:
    return f"report-{report.year.year}-{report.pk}.{fmt}"


def content_disposition(report, fmt: str) -> str:
    """RFC 6266/5987: an ASCII fallback for old clients plus the UTF-8 name for the others."""
    utf8 = quote(download_filename(report, fmt), safe="")
    return f"attachment; filename=\"{ascii_filename(report, fmt)}\"; filename*=UTF-8''{utf8}"


def render_report_file(
    report, fmt: str, *, tree: document.Report | None = None, draft: bool | None = None
) -> Path:
    """Path of the rendered file (from the render cache) of ``report``.

    ``tree`` defaults to the report's current content and ``draft`` to "not approved".
    Raises :class:`drafts.rendering.limits.TooLarge` when the report is too large to render.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown download format {fmt!r}")
    if tree is None:
        from ..models import Report
        from ..persistence import report_to_tree, sections_prefetch

        report = Report.objects.prefetch_related(sections_prefetch()).get(pk=report.pk)
        tree = report_to_tree(report)
    if draft is None:
        draft = is_draft(report)
    return cached_render(tree, fmt, draft=draft)
