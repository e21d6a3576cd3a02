"""Conversion between the database models and the report tree (``drafts.document``).

``report_to_tree`` and ``apply_tree`` are exact inverses for the tree's fields:
``report_to_tree(apply_tree(r, t)) == t`` for every valid tree ``t``.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import F, Prefetch

from . import document
from .models import Entry, Report, Section


def sections_prefetch():
    return Prefetch(
        "sections",
        queryset=Section.objects.order_by("order", "pk").prefetch_related(
            Prefetch("entries", queryset=Entry.objects.order_by("order", "pk"))
        ),
    )


def report_to_tree(report: Report) -> document.Report:
    """The tree of a report. Prefetch with :func:`sections_prefetch` to avoid N+1 queries."""
    sections = [
        document.Section(
            heading=s.heading,
            kind=s.kind,
            item_style=s.item_style,
            inline_items=s.inline_items,
            intro=s.intro,
            items=[document.Item(lead=e.lead, body=e.body) for e in s.entries.all()],
        )
        for s in report.sections.all()
    ]
    signature = None
    if report.has_signature:
        signature = document.Signature(
            name=report.signature_name,
            date=report.signature_date.isoformat() if report.signature_date else "",
        )
    return document.Report(
        title=report.title,
        subtitle=report.subtitle,
        byline=report.byline,
        opening=report.opening,
        sections=sections,
        closing=report.closing,
        signature=signature,
    )


@transaction.atomic
def apply_tree(report: Report, tree: document.Report, *, bump_version: bool = True) -> Report:
    """Replace the report's content with ``tree`` (sections and items are recreated).

    Section hints and suggested lengths are kept by position where a section of the same
    kind existed before.
    """
    old_hints = {s.kind: (s.hint, s.suggested_chars) for s in report.sections.all() if s.kind}
    report.title = tree.title
    report.subtitle = tree.subtitle
    report.byline = tree.byline
    report.opening = tree.opening
    report.closing = tree.closing
    report.has_signature = tree.signature is not None
    report.signature_name = tree.signature.name if tree.signature else ""
    report.signature_date = (
        date.fromisoformat(tree.signature.date) if tree.signature and tree.signature.date else None
    )
    report.save()
    if bump_version:
        Report.objects.filter(pk=report.pk).update(version=F("version") + 1)
        report.refresh_from_db(fields=["version"])
    report.sections.all().delete()
    new_sections = []
    for order, s in enumerate(tree.sections):
        hint, chars = old_hints.get(s.kind, ("", 0))
        new_sections.append(
            Section(
                report=report, order=order, kind=s.kind, heading=s.heading, intro=s.intro,
                item_style=s.item_style, inline_items=s.inline_items, hint=hint, suggested_chars=chars,
            )
        )
    Section.objects.bulk_create(new_sections)
    # bulk_create sets primary keys on every supported database (SQLite ≥ 3.35, PostgreSQL).
    Entry.objects.bulk_create(
        [
            Entry(section=section, order=order, lead=item.lead, body=item.body)
            for section, s in zip(new_sections, tree.sections, strict=True)
            for order, item in enumerate(s.items)
        ]
    )
    return report


def load_tree(report_id: int) -> document.Report:
    report = Report.objects.prefetch_related(sections_prefetch()).get(pk=report_id)
    return report_to_tree(report)
