"""``{% step_findings %}``: the checks' findings for the wizard step being shown."""

from __future__ import annotations

from django import template

from .. import checks
from ..importing.views import field_key
from ..models import Report
from ..persistence import report_to_tree, sections_prefetch

register = template.Library()

_STEP_FIELDS = {
    "start": ("title", "subtitle", "byline", "opening"),
    "end": ("closing", "signature.name"),
}


def _previous_tree(report):
    previous = (
        Report.objects.filter(official_id=report.official_id, year__year__lt=report.year.year)
        .order_by("-year__year")
        .prefetch_related(sections_prefetch())
        .first()
    )
    return report_to_tree(previous) if previous else None


def _in_step(where: str, step: str, current) -> bool:
    if step == "preview":
        return True
    if step in _STEP_FIELDS:
        return where in _STEP_FIELDS[step]
    index = (current or {}).get("index")
    return index is not None and where.startswith(f"sections[{index}].")


@register.simple_tag
def step_findings(report, tree, step, current=None):
    """Findings of ``step`` as dicts: finding, key (form field name), fixable."""
    if report is None or tree is None:
        return []
    section_suggested = {
        i: s.suggested_chars for i, s in enumerate(report.sections.all()) if s.suggested_chars
    }
    findings = checks.run_checks(
        tree,
        _previous_tree(report),
        suggested_chars=getattr(report.report_type, "suggested_chars", None),
        section_suggested=section_suggested,
    )
    out = []
    for f in findings:
        if not _in_step(f.where, step, current):
            continue
        out.append(
            {
                "finding": f,
                "key": field_key(report, f.where) if f.where else None,
                "length": len(f.excerpt) if f.code == "placeholder" else 1,
                "fixable": f.fix is not None and report.is_editable,
            }
        )
    return out
