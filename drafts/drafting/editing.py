"""Saving the wizard's fields and structure changes, guarded by optimistic locks.

Every change of a draft's content goes through :func:`take_lock`: the wizard, the autosave,
a check's fix, an import, a restore. A change names what the browser last saw, either

- a :class:`Seen` version of the one **part** it changes (``PartVersion``: ``start``, ``end``,
  ``structure`` or ``section:<pk>``): the wizard's pages do this, so two tabs conflict only
  when they edit the same part; or
- an ``int``: the **whole report's** ``Report.version`` as the page saw it (the submission,
  the import's replace, the step form of an older page).

``take_lock`` is a conditional ``UPDATE … SET version = version + 1 WHERE version = expected``
on that part (or on the report), so of two tabs that saw the same version only the first
wins and the second gets :class:`StaleVersion` (the view answers 409 and offers the refused
text back). Every change also moves ``Report.version`` on, so that it stays "the content as
a page saw it" for the submission. A tab's own saves are ordered by their ``seq``: one sent
as the page unloads and the reloaded page's next one never conflict with each other, and
an older one arriving late is dropped (:class:`Superseded`).

Fields are addressed by keys that the wizard also uses as form field names:
``report.title``, ``section.<pk>.intro``, ``item.<pk>.body``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import checks, workflow
from ..cycle import deadlines
from ..document import (
    FIELD_LIMITS,
    ITEM_STYLES,
    LEAD_MAX,
    ONE_LINE_FIELDS,
    TEXT_MAX,
    count_chars,
    parse_where,
    too_long,
)
from ..document import Report as Tree
from ..findings import check_context
from ..models import Entry, PartVersion, PromiseAnswer, Report, SavedVersion, Section
from ..persistence import apply_tree, report_to_tree, sections_prefetch
from ..textclean import clean_line, clean_text
from . import history
from .steps import END, START, Layout

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
    def __init__(self, current_version: int, part: str = ""):
        super().__init__(_("This report was changed in another window or on another device."))
        self.current_version = current_version
        self.part = part


class Superseded(Exception):
    """A tab's save older than one of the same tab already stored: nothing to write."""

    def __init__(self, current_version: int):
        super().__init__(current_version)
        self.current_version = current_version


# The parts of a draft that are versioned on their own (``PartVersion.part``).
START_PART, END_PART, STRUCTURE = "start", "end", "structure"
FIXED_PARTS = (START_PART, END_PART, STRUCTURE)
_START_NAMES = frozenset({"title", "subtitle", "byline", "opening"})


def section_part(section_pk: int) -> str:
    return f"section:{section_pk}"


@dataclass(frozen=True)
class Seen:
    """The version of one part that a page saw, and who is saving (a browser tab's id and
    the number of this save in that tab; empty for pages without JavaScript)."""

    version: int
    writer: str = ""
    seq: int = 0


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
    version: int  # the report's version after the save
    saved: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    parts: dict[str, int] = field(default_factory=dict)  # the new version of each part saved


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
    if too_long(value, limit):
        raise EditError(
            _(
                "Too long: at most %(limit)s characters, this text has %(count)s. Shorten it; your text is kept in the page."
            )
            % {"limit": limit, "count": count_chars(value)}
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


def take_lock(report: Report, expected, part: str = "") -> int:
    """Take the lock for a change of ``part`` (``""``: the whole content) of ``report``.

    ``expected`` is a :class:`Seen` version of ``part`` or the ``int`` version of the whole
    report as the page saw it. Moves the part's version on (every part's when ``part`` is
    ``""``) and the report's; returns the part's new version (the report's for ``""``). Raises :class:`StaleVersion` when someone else changed it since,
    :class:`Superseded` when this tab already stored a newer save of it, and
    :class:`NotEditable` when the report may no longer be edited. Call it inside the
    transaction that writes the change.
    """
    closed = deadlines.why_read_only(report)  # after the deadline, in a closed year
    if closed:
        raise NotEditable(closed)
    if isinstance(expected, Seen) and part:
        version = _lock_part(report, part, expected)
        _bump_report(report)
        history.keep_daily(report)
        return version
    if not (isinstance(expected, int) and not isinstance(expected, bool)):
        expected = -1
    version = _bump_report(report, expected)
    history.keep_daily(report)
    parts = PartVersion.objects.filter(report_id=report.pk)
    if part:
        return _bump_part(report, part)
    else:
        PartVersion.objects.bulk_create(
            [PartVersion(report_id=report.pk, part=p) for p in FIXED_PARTS], ignore_conflicts=True
        )
        parts.update(version=F("version") + 1, writer="", seq=0)
    return version


def _bump_report(report: Report, expected: int | None = None) -> int:
    """``Report.version`` + 1 (if it is ``expected``, when given) while the report is editable."""
    rows = Report.objects.filter(pk=report.pk, status__in=workflow.EDITABLE)
    if expected is not None:
        rows = rows.filter(version=expected)
    if rows.update(version=F("version") + 1, updated_at=timezone.now()):
        report.version = (
            expected + 1
            if expected is not None
            else Report.objects.values_list("version", flat=True).get(pk=report.pk)
        )
        return report.version
    status, version = Report.objects.filter(pk=report.pk).values_list("status", "version").get()
    if not workflow.is_editable(status):
        raise NotEditable(not_editable_message())
    raise StaleVersion(version)


def _lock_part(report: Report, part: str, seen: Seen) -> int:
    rows = PartVersion.objects.filter(report_id=report.pk, part=part)
    matches = Q(version=seen.version)
    if seen.writer:
        matches |= Q(writer=seen.writer, seq__lt=seen.seq)  # this tab's own newer save
    if rows.filter(matches).update(version=F("version") + 1, writer=seen.writer, seq=seen.seq):
        return rows.values_list("version", flat=True).get()
    row = rows.values("version", "writer", "seq").first()
    if row is None and seen.version == 0:
        if _create_part(report, part, seen):
            return 1
        return _lock_part(report, part, seen)  # created meanwhile by another request
    if row is None:
        raise StaleVersion(0, part)
    if seen.writer and row["writer"] == seen.writer and row["seq"] >= seen.seq:
        raise Superseded(row["version"])
    raise StaleVersion(row["version"], part)


def _bump_part(report: Report, part: str) -> int:
    """The part's version + 1 (a new row at 1), in one statement; its new version."""
    table = connection.ops.quote_name(PartVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (report_id, part, version, writer, seq) VALUES (%s, %s, 1, '', 0) "
            f"ON CONFLICT (report_id, part) DO UPDATE SET version = {table}.version + 1, "
            "writer = '', seq = 0 RETURNING version",
            [report.pk, part],
        )
        return cursor.fetchall()[0][0]


def _create_part(report: Report, part: str, seen: Seen | None = None) -> bool:
    try:
        with transaction.atomic():
            PartVersion.objects.create(
                report_id=report.pk,
                part=part,
                version=1,
                writer=seen.writer if seen else "",
                seq=seen.seq if seen else 0,
            )
    except IntegrityError:
        return False
    return True


def step_part(step) -> str:
    """The part a wizard step edits ("" for the preview)."""
    if step.key == START:
        return START_PART
    if step.key == END:
        return END_PART
    return section_part(step.section.pk) if step.section is not None else ""


def part_versions(report: Report) -> dict[str, int]:
    """The version of each part of ``report`` (parts never saved are 0)."""
    versions = dict.fromkeys(FIXED_PARTS, 0)
    versions.update(report.part_versions.values_list("part", "version"))
    return versions


def part_writer(report: Report, part: str) -> str:
    """The browser tab that saved ``part`` last ("" when none did)."""
    return (
        PartVersion.objects.filter(report_id=report.pk, part=part)
        .values_list("writer", flat=True)
        .first()
        or ""
    )


def part_of_key(key: Key, entry_sections: dict[int, int]) -> str | None:
    """The part a field belongs to (``entry_sections``: an item's section, by item pk)."""
    if key.model == "report":
        return START_PART if key.name in _START_NAMES else END_PART
    if key.model == "section":
        return section_part(key.pk)
    section_pk = entry_sections.get(key.pk)
    return section_part(section_pk) if section_pk is not None else None


def _batch_error(errors: dict[str, str]) -> EditError:
    exc = EditError(next(iter(errors.values()), _("Nothing to save.")))
    exc.errors = errors
    return exc


def not_editable_message() -> str:
    return _("This report has been submitted or approved and can no longer be changed.")


def save_fields(report: Report, expected, changes: dict[str, object], parts=None) -> SaveResult:
    """Save ``{key: raw value}`` under the locks of the parts the keys belong to.

    ``expected``: the whole report's version as the page saw it (an ``int``), or, with
    ``parts``, a :class:`Seen` whose writer and seq apply to every part and ``parts`` the
    version the page saw of each (``{"section:7": 3}``). Invalid values are refused one by one
    (in ``errors``); the others are saved. Raises StaleVersion / NotEditable when nothing may
    be saved; EditError when nothing was valid. A part this tab already saved newer text of
    is left as it is (not in ``saved``).
    """
    result = SaveResult(version=expected if isinstance(expected, int) else report.version)
    cleaned: dict[Key, object] = {}
    for raw_key, raw_value in changes.items():
        try:
            key = parse_key(raw_key)
            cleaned[key] = clean_value(key, raw_value)
        except EditError as exc:
            result.errors[str(raw_key)] = str(exc)
    if not cleaned:
        raise _batch_error(result.errors)
    entry_sections = dict(
        Entry.objects.filter(
            pk__in=[k.pk for k in cleaned if k.model == "item"], section__report_id=report.pk
        ).values_list("pk", "section_id")
    )
    by_part: dict[str, list[Key]] = {}
    for key in cleaned:
        part = part_of_key(key, entry_sections)
        if part is None:
            result.errors[str(key)] = _("This part was deleted in another window. Reload the page.")
        else:
            by_part.setdefault(part, []).append(key)
    superseded = False
    with transaction.atomic():
        for part, keys in by_part.items():
            if parts is None:
                lock = expected if not result.parts else result.version
            else:
                if part not in parts:
                    raise EditError(_("The save request was not understood. Reload the page."))
                lock = Seen(_int_or(parts[part]), expected.writer, expected.seq)
            try:
                version = take_lock(report, lock, part)
            except Superseded:
                superseded = True
                continue
            result.parts[part] = version
            result.version = report.version
            _write(report, {k: cleaned[k] for k in keys}, result)
        if not result.saved and not superseded:
            transaction.set_rollback(True)
            raise _batch_error(result.errors)
    return result


def _int_or(value, default=-1) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _write(report: Report, values: dict[Key, object], result: SaveResult) -> None:
    report_updates = {k.name: v for k, v in values.items() if k.model == "report"}
    if report_updates:
        Report.objects.filter(pk=report.pk).update(**report_updates)
        result.saved += [f"report.{n}" for n in report_updates]
    for key, value in values.items():
        if key.model == "report":
            continue
        model = MODELS[key.model][0]
        scope = (
            {"report_id": report.pk} if key.model == "section" else {"section__report_id": report.pk}
        )
        if model.objects.filter(pk=key.pk, **scope).update(**{key.name: value}):
            result.saved.append(str(key))
        else:
            result.errors[str(key)] = _("This part was deleted in another window. Reload the page.")


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


# -- last year's promises, answered -------------------------------------------------------------

PROMISES = "promises"  # the part the answers to last year's promises are versioned in


def answer_promise(report: Report, index: int, promise: str, *, entry_pk=None, reason="", clear=False):
    """Record how this year's report answers last year's promise ``index``: the item that
    reports on it (``entry_pk``), or not done and why (``reason``); ``clear`` removes it."""
    with transaction.atomic():
        current = (
            PartVersion.objects.filter(report_id=report.pk, part=PROMISES)
            .values_list("version", flat=True)
            .first()
        )
        take_lock(report, Seen(current or 0), PROMISES)  # answers come from any step: no page version
        if clear:
            PromiseAnswer.objects.filter(report=report, index=index).delete()
            return None
        entry = None
        if entry_pk is not None:
            entry = Entry.objects.filter(pk=entry_pk, section__report_id=report.pk).first()
            if entry is None:
                raise EditError(_("This item no longer exists. Reload the page."))
        answer, _created = PromiseAnswer.objects.update_or_create(
            report=report,
            index=index,
            defaults={
                "promise": promise,
                "entry": entry,
                "not_done": entry is None,
                "reason": "" if entry is not None else reason,
            },
        )
        return answer


# -- the version history -----------------------------------------------------------------


def restore_version(report: Report, entry: history.Entry, expected, user) -> Report:
    """Put a version's content back, keeping today's as a version first, under the lock of
    the whole report (``expected``: its version as the page saw it)."""
    tree = Tree.from_dict(entry.tree)
    with transaction.atomic():
        take_lock(report, expected)
        history.keep(report, SavedVersion.Reason.RESTORE, user)
        report = Report.objects.prefetch_related(sections_prefetch()).get(pk=report.pk)
        apply_tree(report, tree, bump_version=False)
    return report


# -- a check's automatic fix ----------------------------------------------------------------


def apply_fix(report: Report, expected, path: str, code: str, offset: int | None = None) -> bool:
    """Replace the field at ``path`` by the fix of check ``code``'s finding at ``offset``
    (recomputed on the stored text), under the version lock.

    ``report`` has its sections prefetched. False when there is nothing (left) to fix there.
    Raises StaleVersion / NotEditable / EditError as :func:`save_fields` does.
    """
    tree = report_to_tree(report)
    text = dict(tree.text_fields()).get(path)
    key = Layout.of(report).field_key(parse_where(path))
    fixed = (
        checks.auto_fix(code, path, tree, offset, check_context(report))
        if text is not None
        else None
    )
    if key is None or fixed is None or fixed == text:
        return False
    parts = None
    if isinstance(expected, Seen):
        parsed = parse_key(key)
        sections = dict(
            Entry.objects.filter(pk=parsed.pk, section__report_id=report.pk).values_list("pk", "section_id")
        ) if parsed.model == "item" else {}
        parts = {part_of_key(parsed, sections): expected.version}
    save_fields(report, expected, {key: fixed}, parts)
    return True
