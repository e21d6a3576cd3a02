"""The findings as the wizard shows them: each beside the step and the field it is about.

The findings themselves come from ``drafts.findings.findings_for`` (the same on every page);
this module only places them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..checks import BY_CODE, ERROR, Finding
from ..document import parse_where
from . import locking
from .steps import PREVIEW, Layout, Step, preview_anchor


@dataclass
class Row:
    finding: Finding
    key: str | None  # the form field it is about (focused by the link)
    url: str  # the wizard step and field
    anchor: str  # the place in the preview
    length: int  # characters to select at ``finding.offset``
    fixable: bool  # the fix button is offered
    part: str = ""  # the versioned part of the draft it is in (``locking.take_lock``)
    part_version: int = 0  # that part's version as the page shows it

    @property
    def is_error(self) -> bool:
        return self.finding.severity == ERROR


def part_of(where, layout: Layout) -> str:
    """The versioned part (``editing``'s names) that the field at ``where`` belongs to."""
    if where is None:
        return ""
    if where.section is not None:
        if where.section >= len(layout.sections):
            return ""
        return locking.section_part(layout.sections[where.section])
    return locking.START_PART if where.field in ("title", "subtitle", "byline", "opening") else locking.END_PART


def rows(
    findings: list[Finding], layout: Layout, *, editable: bool, versions: dict | None = None
) -> list[Row]:
    out = []
    for f in findings:
        where = parse_where(f.where)
        part = part_of(where, layout)
        out.append(
            Row(
                finding=f,
                key=layout.field_key(where),
                url=layout.url(f.where),
                anchor=preview_anchor(f.where),
                length=max(1, f.length),
                fixable=f.fix is not None and editable,
                part=part,
                part_version=(versions or {}).get(part, 0),
            )
        )
    return out


def for_step(all_rows: list[Row], step: Step) -> list[Row]:
    """The rows of the findings about the fields of ``step`` (every row on the preview)."""
    return [r for r in all_rows if step.holds(parse_where(r.finding.where))]


SHOWN = 3  # findings of a group shown before "show all"


@dataclass
class Group:
    """The findings of one rule: its name, how many, the first few and the rest."""

    code: str
    label: str
    is_error: bool
    rows: list[Row]

    @property
    def shown(self) -> list[Row]:
        return self.rows[:SHOWN]

    @property
    def more(self) -> list[Row]:
        return self.rows[SHOWN:]


def groups(all_rows: list[Row]) -> list[Group]:
    """Rows grouped by rule, errors first, then in the order the rules first occur."""
    by_code: dict[str, Group] = {}
    for row in all_rows:
        code = row.finding.code
        if code not in by_code:
            check = BY_CODE.get(code)
            by_code[code] = Group(code, str(check.label) if check else code, row.is_error, [])
        by_code[code].rows.append(row)
    return sorted(by_code.values(), key=lambda g: not g.is_error)


@dataclass
class StepCount:
    step: Step
    errors: int = 0
    warnings: int = 0


def summary(all_rows: list[Row], all_steps: list[Step]) -> tuple[list[StepCount], StepCount]:
    """Errors and warnings by step (sections, opening, closing; the steps with any), and
    those of the whole report that belong to no step (length, text taken over, promises)."""
    counts = [StepCount(s) for s in all_steps if s.key != PREVIEW]
    whole = StepCount(all_steps[-1])
    for row in all_rows:
        where = parse_where(row.finding.where)
        target = next((c for c in counts if c.step.holds(where)), whole)
        if row.is_error:
            target.errors += 1
        else:
            target.warnings += 1
    return [c for c in counts if c.errors or c.warnings], whole


def panel_context(all_rows: list[Row], step: Step | None = None) -> dict:
    """What the panel partial shows for ``step`` (None: the whole report): its findings
    grouped, and their counts."""
    mine = for_step(all_rows, step) if step is not None else all_rows
    errors = sum(1 for r in mine if r.is_error)
    return {
        "findings": mine,
        "finding_groups": groups(mine),
        "finding_counts": {"errors": errors, "warnings": len(mine) - errors},
    }
