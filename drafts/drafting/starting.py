"""Starting a report: a new draft laid out from its report type, or carried over from an
earlier report of the same official (which one is the official's choice; what is copied is
shown first: the sections, the plans that start empty, the year numbers to replace)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from .. import document
from ..checks.promises import PLANS
from ..checks.years import shift_years, year_shifts
from ..document import LINE_MAX, NAME_MAX
from ..models import ContentBackup, Entry, Report, SavedVersion, Section
from ..persistence import load_tree, report_to_tree, sections_prefetch
from . import history


def title_for(report_type, year: int) -> str:
    return report_type.title_pattern.replace("{year}", str(year)).replace(
        "{name}", report_type.name
    )[:LINE_MAX]


def byline_for(official) -> str:
    return " ".join(p for p in (f"{official.unit.name}{official.post}", official.name) if p)[
        :LINE_MAX
    ]


CARRY_OVER_REASON = "carry-over"


@transaction.atomic
def start_report(official, year, report_type) -> Report:
    """A new draft with the type's sections laid out (IntegrityError if one exists)."""
    report = Report.objects.create(
        official=official,
        year=year,
        report_type=report_type,
        title=title_for(report_type, year.year),
        byline=byline_for(official),
        signature_name=official.name[:NAME_MAX],
    )
    Section.objects.bulk_create(
        Section(
            report=report,
            order=order,
            kind=t.kind,
            heading=t.heading,
            hint=t.hint,
            suggested_chars=t.suggested_chars,
            item_style=t.item_style or report_type.item_style,
            inline_items=report_type.inline_items,
        )
        for order, t in enumerate(report_type.section_templates.order_by("order", "pk"))
    )
    return report


@dataclass
class CarryOver:
    """What carrying ``source`` over to ``year`` copies, before it is done."""

    source: Report
    tree: document.Report  # the source's content (its approved version when it has one)
    shifts: list  # the year numbers that would be replaced (checks.years.Shift)

    @property
    def sections(self):
        """(heading, number of items, whether it starts empty) of each section."""
        return [
            (s.heading, len(s.items), s.kind == PLANS) for s in self.tree.sections
        ]

    @property
    def plans(self) -> int:
        """How many of last year's plans are shown as a checklist instead of copied."""
        return sum(len(s.items) for s in self.tree.sections if s.kind == PLANS)


def source_tree(report: Report) -> document.Report:
    """What a carry-over copies from ``report``: its approved version, else its content."""
    if report.status == Report.Status.APPROVED:
        snapshot = report.latest_submission()
        if snapshot is not None:
            return document.Report.from_dict(snapshot.tree)
    return load_tree(report.pk)


def preview(source: Report, year: int) -> CarryOver:
    tree = source_tree(source)
    return CarryOver(source, tree, year_shifts(tree, source.year.year, year))


def carried_tree(source: Report, year: int, *, replace_years: bool) -> document.Report:
    """The content a carry-over starts with: the source's, its plans emptied (they come
    back as last year's promises), its year numbers replaced if asked."""
    tree = source_tree(source)
    if replace_years:
        tree = shift_years(tree, source.year.year, year)
    for section in tree.sections:
        if section.kind == PLANS:
            section.intro, section.items = "", []
    return tree


@transaction.atomic
def carry_over(official, year, previous: Report, user=None, *, replace_years: bool = False) -> Report:
    """A new draft with the structure and texts of ``previous`` (IntegrityError if one
    exists): see :func:`carried_tree`. The title is this year's; hints are kept."""
    previous = Report.objects.prefetch_related(sections_prefetch()).get(pk=previous.pk)
    tree = carried_tree(previous, year.year, replace_years=replace_years)
    report = Report.objects.create(
        official=official,
        year=year,
        report_type=previous.report_type,
        title=title_for(previous.report_type, year.year),
        subtitle=tree.subtitle,
        byline=byline_for(official),
        opening=tree.opening,
        closing=tree.closing,
        signature_name=previous.signature_name or official.name[:NAME_MAX],
        has_signature=previous.has_signature,
    )
    old_sections = list(previous.sections.all())
    by_kind = {s.kind: s for s in old_sections}
    same_shape = len(old_sections) == len(tree.sections)
    new_sections = Section.objects.bulk_create(
        Section(
            report=report,
            order=order,
            kind=s.kind,
            heading=s.heading,
            intro=s.intro,
            item_style=s.item_style,
            inline_items=s.inline_items,
            hint=getattr(old, "hint", ""),
            suggested_chars=getattr(old, "suggested_chars", 0),
        )
        for order, s in enumerate(tree.sections)
        for old in [old_sections[order] if same_shape else by_kind.get(s.kind)]
    )
    Entry.objects.bulk_create(
        Entry(section=new, order=order, lead=e.lead, body=e.body)
        for new, s in zip(new_sections, tree.sections, strict=True)
        for order, e in enumerate(s.items)
    )
    ContentBackup.objects.create(
        report=report,
        tree=report_to_tree(previous).to_dict(),
        reason=f"{CARRY_OVER_REASON}:{previous.year.year}",
        created_by=user,
    )
    history.keep(report, SavedVersion.Reason.CARRY_OVER, user)
    return report
