"""Saving the wizard's fields: which field a key names, the value cleaned and checked
against its limit, the changes of a save grouped by the part they belong to, each part
under its lock (:mod:`.locking`); a promise answered; a version restored; a check's fix.

Fields are addressed by keys that the wizard also uses as form field names:
``report.title``, ``section.<pk>.intro``, ``item.<pk>.body``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from .. import checks
from ..document import (
    FIELD_LIMITS,
    ITEM_STYLES,
    ONE_LINE_FIELDS,
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
from .locking import (
    END_PART,
    START_NAMES,
    START_PART,
    EditError,
    Seen,
    Superseded,
    section_part,
    take_lock,
)
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


def part_of_key(key: Key, entry_sections: dict[int, int]) -> str | None:
    """The part a field belongs to (``entry_sections``: an item's section, by item pk)."""
    if key.model == "report":
        return START_PART if key.name in START_NAMES else END_PART
    if key.model == "section":
        return section_part(key.pk)
    section_pk = entry_sections.get(key.pk)
    return section_part(section_pk) if section_pk is not None else None


def _batch_error(errors: dict[str, str]) -> EditError:
    exc = EditError(next(iter(errors.values()), _("Nothing to save.")))
    exc.errors = errors
    return exc


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
