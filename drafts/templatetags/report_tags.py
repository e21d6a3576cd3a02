"""Template helpers that only read the pure tables: a status's badge colour, the download
formats. No queries, no checks: pages get their data from their views."""

from __future__ import annotations

from django import template

from .. import workflow
from ..rendering.formats import DOWNLOADS

register = template.Library()


@register.filter
def status_badge(status: str) -> str:
    """The Bootstrap colour of a status (``text-bg-…``/``bg-…`` classes)."""
    info = workflow.STATUS.get(status)
    return info.badge if info else "secondary"


@register.filter
def next_step(status: str) -> str:
    """What the official does next with a report in ``status``."""
    info = workflow.STATUS.get(status)
    return info.next_step if info else ""


@register.simple_tag
def download_formats():
    """The formats a report can be downloaded in, in the registry's order."""
    return DOWNLOADS
