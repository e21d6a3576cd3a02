"""Structure changes of a draft: items and sections added, deleted and moved, each under the
lock of the part it changes (``locking.take_lock``)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ..document import LEAD_MAX, TEXT_MAX
from ..models import Entry, PartVersion, Report, Section
from ..textclean import clean_line, clean_text
from .locking import STRUCTURE, EditError, section_part, take_lock


def _section(report: Report, section_pk: int) -> Section:
    try:
        return Section.objects.get(pk=section_pk, report_id=report.pk)
    except Section.DoesNotExist:
        raise EditError(_("This section no longer exists. Reload the page.")) from None


def _entry(report: Report, entry_pk: int) -> Entry:
    try:
        return Entry.objects.get(pk=entry_pk, section__report_id=report.pk)
    except Entry.DoesNotExist:
        raise EditError(_("This item no longer exists. Reload the page.")) from None


@transaction.atomic
def add_item(
    report: Report, expected, section_pk: int, *, lead="", body="", position=None
) -> Entry:
    section = _section(report, section_pk)
    take_lock(report, expected, section_part(section.pk))
    entries = list(section.entries.order_by("order", "pk"))
    entry = Entry(section=section, lead=clean_line(lead)[:LEAD_MAX], body=clean_text(body)[:TEXT_MAX])
    if position is None or not 0 <= position <= len(entries):
        position = len(entries)
    entry.save()
    entries.insert(position, entry)
    _renumber(entries)
    return entry


@transaction.atomic
def delete_item(report: Report, expected, entry_pk: int) -> dict:
    """Delete an item; returns what :func:`add_item` needs to put it back (undo)."""
    entry = _entry(report, entry_pk)
    take_lock(report, expected, section_part(entry.section_id))
    position = list(
        Entry.objects.filter(section_id=entry.section_id)
        .order_by("order", "pk")
        .values_list("pk", flat=True)
    ).index(entry.pk)
    entry.delete()
    return {
        "section": entry.section_id,
        "position": position,
        "lead": entry.lead,
        "body": entry.body,
    }


@transaction.atomic
def move_item(report: Report, expected, entry_pk: int, delta: int) -> None:
    entry = _entry(report, entry_pk)
    take_lock(report, expected, section_part(entry.section_id))
    entries = list(Entry.objects.filter(section_id=entry.section_id).order_by("order", "pk"))
    _move(entries, entry.pk, delta)
    _renumber(entries)


@transaction.atomic
def add_section(report: Report, expected) -> Section:
    take_lock(report, expected, STRUCTURE)
    last = report.sections.aggregate(m=Max("order"))["m"]
    return Section.objects.create(
        report=report,
        order=0 if last is None else last + 1,
        kind="other",
        item_style=report.report_type.item_style,
        inline_items=report.report_type.inline_items,
    )


@transaction.atomic
def delete_section(report: Report, expected, section_pk: int) -> Section:
    section = _section(report, section_pk)
    take_lock(report, expected, STRUCTURE)
    PartVersion.objects.filter(report_id=report.pk, part=section_part(section.pk)).delete()
    section.delete()
    return section


@transaction.atomic
def move_section(report: Report, expected, section_pk: int, delta: int) -> None:
    _section(report, section_pk)
    take_lock(report, expected, STRUCTURE)
    sections = list(report.sections.order_by("order", "pk"))
    _move(sections, section_pk, delta)
    _renumber(sections)


def _move(objects: list, pk: int, delta: int) -> None:
    index = next(i for i, o in enumerate(objects) if o.pk == pk)
    target = index + delta
    if 0 <= target < len(objects):
        objects[index], objects[target] = objects[target], objects[index]


def _renumber(objects: list) -> None:
    changed = []
    for order, obj in enumerate(objects):
        if obj.order != order:
            obj.order = order
            changed.append(obj)
    if changed:
        type(objects[0]).objects.bulk_update(changed, ["order"])
