"""Starting a report: a new draft laid out from its report type, or carried over from an
earlier report of the same official."""

from __future__ import annotations

from django.db import transaction

from ..document import LINE_MAX, NAME_MAX
from ..models import ContentBackup, Entry, Report, Section
from ..persistence import report_to_tree, sections_prefetch


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


@transaction.atomic
def carry_over(official, year, previous: Report, user=None) -> Report:
    """A new draft with the structure and texts of ``previous`` (IntegrityError if one exists)."""
    previous = Report.objects.prefetch_related(sections_prefetch()).get(pk=previous.pk)
    report = Report.objects.create(
        official=official,
        year=year,
        report_type=previous.report_type,
        title=title_for(previous.report_type, year.year),
        subtitle=previous.subtitle,
        byline=byline_for(official),
        opening=previous.opening,
        closing=previous.closing,
        signature_name=previous.signature_name or official.name[:NAME_MAX],
        has_signature=previous.has_signature,
    )
    old_sections = list(previous.sections.all())
    new_sections = Section.objects.bulk_create(
        Section(
            report=report,
            order=order,
            kind=s.kind,
            heading=s.heading,
            intro=s.intro,
            item_style=s.item_style,
            inline_items=s.inline_items,
            hint=s.hint,
            suggested_chars=s.suggested_chars,
        )
        for order, s in enumerate(old_sections)
    )
    Entry.objects.bulk_create(
        Entry(section=new, order=order, lead=e.lead, body=e.body)
        for new, old in zip(new_sections, old_sections, strict=True)
        for order, e in enumerate(old.entries.all())
    )
    ContentBackup.objects.create(
        report=report,
        tree=report_to_tree(previous).to_dict(),
        reason=f"{CARRY_OVER_REASON}:{previous.year.year}",
        created_by=user,
    )
    return report
