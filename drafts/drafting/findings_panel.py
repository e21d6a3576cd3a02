"""The findings as the wizard shows them: each beside the step and the field it is about.

The findings themselves come from ``drafts.findings.findings_for`` (the same on every page);
this module only places them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..checks import ERROR, Finding
from ..document import parse_where
from .steps import Layout, Step, preview_anchor


@dataclass
class Row:
    finding: Finding
    key: str | None  # the form field it is about (focused by the link)
    url: str  # the wizard step and field
    anchor: str  # the place in the preview
    length: int  # characters to select at ``finding.offset``
    fixable: bool  # the fix button is offered

    @property
    def is_error(self) -> bool:
        return self.finding.severity == ERROR


def rows(findings: list[Finding], layout: Layout, *, editable: bool) -> list[Row]:
    return [
        Row(
            finding=f,
            key=layout.field_key(parse_where(f.where)),
            url=layout.url(f.where),
            anchor=preview_anchor(f.where),
            length=len(f.excerpt) if f.code == "placeholder" else 1,
            fixable=f.fix is not None and editable,
        )
        for f in findings
    ]


def for_step(all_rows: list[Row], step: Step) -> list[Row]:
    """The rows of the findings about the fields of ``step`` (every row on the preview)."""
    return [r for r in all_rows if step.holds(parse_where(r.finding.where))]
