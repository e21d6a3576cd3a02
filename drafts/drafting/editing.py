"""Saving the wizard's fields and structure changes, guarded by the report's version.

``Report.version`` is the optimistic lock: every save names the version the browser last
saw; :func:`take_lock` is one ``UPDATE … SET version = version + 1 WHERE version = expected``,
so of two tabs that saw the same version only the first one wins and the second gets
:class:`StaleVersion` (the view answers 409 and offers the refused text back). Every change
of a draft's content goes through it: the wizard, the autosave, a check's fix, an import.

Fields are addressed by keys that the wizard also uses as form field names:
``report.title``, ``section.<pk>.intro``, ``item.<pk>.body``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import checks, workflow
from ..cycle import deadlines
from ..document import FIELD_LIMITS, ITEM_STYLES, LEAD_MAX, ONE_LINE_FIELDS, TEXT_MAX, parse_where
from ..models import Entry, Report, Section
from ..persistence import report_to_tree
from ..textclean import clean_line, clean_text
from .steps import Layout

# The model fields the wizard edits: the tree field each one holds (its limit and whether it
# is one line come from ``drafts.document``), or a kind of its own.
REPORT_FIELDS = {
    "title": "title",
    "subtitle": "subtitle",
    "byline": "byline",
    "opening": "opening",
    "closing": "closing",
    "signature_name": "name",
    "signature_date": "date",
    "has_signature": "bool",
}
SECTION_FIELDS = {
    "heading": "heading",
    "intro": "intro",
    "item_style": "style",
    "inline_items": "bool",
}
ITEM_FIELDS = {
    "lead": "lead",
    "body": "body",
}
MODELS = {
    "report": (Report, REPORT_FIELDS),
    "section": (Section, SECTION_FIELDS),
    "item": (Entry, ITEM_FIELDS),
}

_KEY = re.compile(r"^(report)\.([a-z_]+)$|^(section|item)\.(\d{1,18})\.([a-z_]+)$")


class EditError(Exception):
    """A change that cannot be made; ``str(exc)`` is the message for the user."""


class NotEditable(EditError):
    pass


class StaleVersion(EditError):
    def __init__(self, current_version: int):
        super().__init__(_("This report was changed in another window or on another device."))
        self.current_version = current_version


@dataclass(frozen=True)
class Key:
    model: str  # report | section | item
    pk: int | None
    name: str

    def __str__(self):
        return (
            f"report.{self.name}"
            if self.model == "report"
            else f"{self.model}.{self.pk}.{self.name}"
        )


@dataclass
class SaveResult:
    version: int
    saved: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


def parse_key(raw) -> Key:
    match = _KEY.match(raw) if isinstance(raw, str) else None
    if not match:
        raise EditError(_("Unknown field."))
    if match.group(1):
        key = Key("report", None, match.group(2))
    else:
        key = Key(match.group(3), int(match.group(4)), match.group(5))
    if key.name not in MODELS[key.model][1]:
        raise EditError(_("Unknown field."))
    return key


def clean_value(key: Key, raw):
    """The value to store for ``key``, cleaned; raises EditError with a clear message."""
    kind = MODELS[key.model][1][key.name]
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        return str(raw).strip().lower() in {"1", "true", "on", "yes"}
    if not isinstance(raw, str):
        raise EditError(_("The value must be text."))
    if kind == "style":
        if raw not in ITEM_STYLES:
            raise EditError(_("Unknown numbering style."))
        return raw
    if kind == "date":
        raw = raw.strip()
        if not raw:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise EditError(_("Enter the date as YYYY-MM-DD, e.g. 2026-01-10.")) from None
    value = clean_line(raw) if kind in ONE_LINE_FIELDS else clean_text(raw)
    limit = FIELD_LIMITS[kind]
    if len(value) > limit:
        raise EditError(
            _(
                "Too long: at most %(limit)s characters, this text has %(count)s. Shorten it; your text is kept in the page."
            )
            % {"limit": limit, "count": len(value)}
        )
    return value


def current_values(report: Report, keys) -> dict[str, object]:
    """The stored value of each key (missing objects are left out)."""
    keys = list(keys)
    out = {}
    report_names = [k.name for k in keys if k.model == "report"]
    if report_names:
        row = Report.objects.filter(pk=report.pk).values(*report_names).first() or {}
        for name in report_names:
            out[f"report.{name}"] = as_text(row.get(name))
    for model_name, filter_name in (("section", "report_id"), ("item", "section__report_id")):
        wanted = [k for k in keys if k.model == model_name]
        if not wanted:
            continue
        model = MODELS[model_name][0]
        rows = model.objects.filter(
            pk__in={k.pk for k in wanted}, **{filter_name: report.pk}
        ).values()
        by_pk = {r["id"]: r for r in rows}
        for k in wanted:
            if k.pk in by_pk:
                out[str(k)] = as_text(by_pk[k.pk].get(k.name))
    return out


def as_text(value):
    """A stored value as the wizard's fields show it (dates ISO, None empty)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value


def take_lock(report: Report, expected) -> int:
    """Version ``expected`` -> ``expected + 1`` if nobody changed the draft meanwhile.

    Raises :class:`StaleVersion` when the version moved on and :class:`NotEditable` when the
    report may no longer be edited. Call it inside the transaction that writes the change.
    """
    closed = deadlines.why_read_only(report)  # after the deadline, in a closed year
    if closed:
        raise NotEditable(closed)
    if isinstance(expected, int) and not isinstance(expected, bool):
        updated = Report.objects.filter(
            pk=report.pk, version=expected, status__in=workflow.EDITABLE
        ).update(version=F("version") + 1, updated_at=timezone.now())
        if updated:
            report.version = expected + 1
            return report.version
    status, version = Report.objects.filter(pk=report.pk).values_list("status", "version").get()
    if not workflow.is_editable(status):
        raise NotEditable(not_editable_message())
    raise StaleVersion(version)


def _batch_error(errors: dict[str, str]) -> EditError:
    exc = EditError(next(iter(errors.values()), _("Nothing to save.")))
    exc.errors = errors
    return exc


def not_editable_message() -> str:
    return _("This report has been submitted or approved and can no longer be changed.")


def save_fields(report: Report, expected: int, changes: dict[str, object]) -> SaveResult:
    """Save ``{key: raw value}`` if ``expected`` is the current version.

    Invalid values are refused one by one (in ``errors``); the others are saved. Raises
    StaleVersion / NotEditable when nothing may be saved; EditError when nothing was valid.
    """
    result = SaveResult(version=expected)
    cleaned: dict[Key, object] = {}
    for raw_key, raw_value in changes.items():
        try:
            key = parse_key(raw_key)
            cleaned[key] = clean_value(key, raw_value)
        except EditError as exc:
            result.errors[str(raw_key)] = str(exc)
    if not cleaned:
        raise _batch_error(result.errors)
    with transaction.atomic():
        result.version = take_lock(report, expected)
        report_updates = {k.name: v for k, v in cleaned.items() if k.model == "report"}
        if report_updates:
            Report.objects.filter(pk=report.pk).update(**report_updates)
            result.saved += [f"report.{n}" for n in report_updates]
        for key, value in cleaned.items():
            if key.model == "report":
                continue
            model = MODELS[key.model][0]
            scope = (
                {"report_id": report.pk}
                if key.model == "section"
                else {"section__report_id": report.pk}
            )
            if model.objects.filter(pk=key.pk, **scope).update(**{key.name: value}):
                result.saved.append(str(key))
            else:
                result.errors[str(key)] = _(
                    "This part was deleted in another window. Reload the page."
                )
        if not result.saved:
            transaction.set_rollback(True)
            raise _batch_error(result.errors)
    return result


# -- structure ------------------------------------------------------------------


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
    report: Report, expected: int, section_pk: int, *, lead="", body="", position=None
) -> Entry:
    section = _section(report, section_pk)
    take_lock(report, expected)
    entries = list(section.entries.order_by("order", "pk"))
    entry = Entry(section=section, lead=clean_line(lead)[:LEAD_MAX], body=clean_text(body)[:TEXT_MAX])
    if position is None or not 0 <= position <= len(entries):
        position = len(entries)
    entry.save()
    entries.insert(position, entry)
    _renumber(entries)
    return entry


@transaction.atomic
def delete_item(report: Report, expected: int, entry_pk: int) -> dict:
    """Delete an item; returns what :func:`add_item` needs to put it back (undo)."""
    entry = _entry(report, entry_pk)
    take_lock(report, expected)
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
def move_item(report: Report, expected: int, entry_pk: int, delta: int) -> None:
    entry = _entry(report, entry_pk)
    take_lock(report, expected)
    entries = list(Entry.objects.filter(section_id=entry.section_id).order_by("order", "pk"))
    _move(entries, entry.pk, delta)
    _renumber(entries)


@transaction.atomic
def add_section(report: Report, expected: int) -> Section:
    take_lock(report, expected)
    last = report.sections.aggregate(m=Max("order"))["m"]
    return Section.objects.create(
        report=report,
        order=0 if last is None else last + 1,
        kind="other",
        item_style=report.report_type.item_style,
        inline_items=report.report_type.inline_items,
    )


@transaction.atomic
def delete_section(report: Report, expected: int, section_pk: int) -> Section:
    section = _section(report, section_pk)
    take_lock(report, expected)
    section.delete()
    return section


@transaction.atomic
def move_section(report: Report, expected: int, section_pk: int, delta: int) -> None:
    _section(report, section_pk)
    take_lock(report, expected)
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


# -- a check's automatic fix ----------------------------------------------------------------


def apply_fix(report: Report, expected: int, path: str, code: str) -> bool:
    """Replace the field at ``path`` by check ``code``'s fix of it, under the version lock.

    ``report`` has its sections prefetched. False when there is nothing (left) to fix there.
    Raises StaleVersion / NotEditable / EditError as :func:`save_fields` does.
    """
    tree = report_to_tree(report)
    text = dict(tree.text_fields()).get(path)
    key = Layout.of(report).field_key(parse_where(path))
    fixed = checks.auto_fix(code, path, text, tree) if text is not None else None
    if key is None or fixed is None or fixed == text:
        return False
    save_fields(report, expected, {key: fixed})
    return True
