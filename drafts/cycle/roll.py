"""The year's roll (述职名单): who must report. Every count of the overview, the queue and
the progress board is taken against it here, the same way everywhere:

- a year opened with a roll (``has_roll``) counts the officials whose entry is not removed;
- a year made without one (in the admin, before rolls existed) counts every official.

Each member has a *state*: the status of their report of the year, or "not started"; a
member is *overdue* once their deadline (the year's, or their extension's) has passed and
their report is not approved.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import CharField, DateField, F, FilteredRelation, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import workflow
from ..access import expand_units, unit_parents
from ..models import Official, RollChange, RollEntry

NOT_STARTED = "not_started"
OVERDUE = "overdue"
STATES = (NOT_STARTED, *workflow.STATUSES)


class RollError(Exception):
    """A change of the roll that cannot be made; ``str(exc)`` is the message."""


def is_member(official, year) -> bool:
    if not year.has_roll:
        return True
    return RollEntry.objects.filter(year=year, official=official, removed_at=None).exists()


def members(year, unit_ids=None):
    """The officials on ``year``'s roll (of ``unit_ids`` if given), each annotated with
    ``state`` and ``extended_until``: one join to the roll entry and an outer join to the
    report of the year (no subquery per official)."""
    qs = Official.objects.annotate(
        year_report=FilteredRelation("reports", condition=Q(reports__year=year))
    )
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    qs = qs.annotate(
        state=Coalesce(F("year_report__status"), Value(NOT_STARTED), output_field=CharField())
    )
    if year.has_roll:
        qs = qs.annotate(
            entry=FilteredRelation(
                "roll_entries",
                condition=Q(roll_entries__year=year, roll_entries__removed_at=None),
            )
        ).filter(entry__year_id=year.pk)
        qs = qs.annotate(extended_until=F("entry__extended_until"))
    else:
        qs = qs.annotate(extended_until=Value(None, output_field=DateField()))
    return qs


def past_deadline_q(year, today: date) -> Q:
    """Members (of :func:`members`) whose deadline has passed on ``today``."""
    late = Q(extended_until__lt=today)
    if year.deadline and year.deadline < today:
        late |= Q(extended_until__isnull=True)
    return late


def overdue_q(year, today: date) -> Q:
    return past_deadline_q(year, today) & ~Q(state=workflow.APPROVED)


def in_state(year, unit_ids, state: str, today: date | None = None):
    """The members of ``unit_ids`` in ``state`` (a status, "not_started", "overdue" or ""
    for all), ordered by unit and name."""
    qs = members(year, unit_ids)
    if state == OVERDUE:
        qs = qs.filter(overdue_q(year, today or timezone.localdate()))
    elif state:
        qs = qs.filter(state=state)
    return qs.select_related("unit", "user").order_by("unit__name", "name", "pk")


def overdue_report_q(years, today: date) -> Q:
    """Reports (of the queue) that are overdue: unfinished, of a member past their deadline."""
    q = Q(pk__in=[])
    for y in years:
        late = members(y).filter(past_deadline_q(y, today)).values("pk")
        if not y.has_roll and y.deadline and y.deadline < today:
            q |= Q(year_id=y.pk)  # every official, none extended: no subquery needed
        elif y.has_roll:
            q |= Q(year_id=y.pk, official__in=late)
    return q & Q(status__in=workflow.UNFINISHED)


def on_roll_q(years) -> Q:
    """Reports counted for their year: of its roll's members (every report of a year without
    a roll)."""
    q = Q(pk__in=[])
    for y in years:
        if y.has_roll:
            q |= Q(year_id=y.pk, official__in=members(y).values("pk"))
        else:
            q |= Q(year_id=y.pk)
    return q


def unit_ids_of(root_ids) -> set[int]:
    return expand_units(root_ids, unit_parents())


# -- changes ---------------------------------------------------------------------------


@transaction.atomic
def open_year(year, unit_roots, actor) -> int:
    """Make ``year``'s roll from the roster: every official with an active login (or none)
    of ``unit_roots`` and the units below them. Returns how many were put on it."""
    ids = unit_ids_of([u.pk for u in unit_roots])
    year.has_roll = True
    year.save(update_fields=["has_roll"])
    year.units.set(unit_roots)
    on = set(RollEntry.objects.filter(year=year).values_list("official_id", flat=True))
    officials = (
        Official.objects.filter(unit_id__in=ids)
        .exclude(user__is_active=False)
        .exclude(pk__in=on)
        .values_list("pk", flat=True)
    )
    entries = RollEntry.objects.bulk_create(
        RollEntry(year=year, official_id=pk, added_reason=RollEntry.Added.OPENED)
        for pk in officials
    )
    entries = list(
        RollEntry.objects.filter(year=year, official_id__in=[e.official_id for e in entries])
    )
    RollChange.objects.bulk_create(
        RollChange(entry=e, action=RollChange.Action.ADDED, reason=e.added_reason, actor=actor)
        for e in entries
    )
    return len(entries)


def _note(note: str) -> str:
    from ..textclean import clean_line

    note = clean_line(note or "").strip()
    if len(note) > 300:
        raise RollError(_("The note is too long; keep it under 300 characters."))
    return note


@transaction.atomic
def add(year, official, reason: str, actor, note: str = "") -> RollEntry:
    if reason not in (RollEntry.Added.TRANSFERRED_IN, RollEntry.Added.NEWLY_APPOINTED):
        raise RollError(_("Choose why the official is added: transferred in or newly appointed."))
    note = _note(note)
    entry = RollEntry.objects.select_for_update().filter(year=year, official=official).first()
    if entry is not None and entry.removed_at is None:
        raise RollError(_("%(name)s is already on the roll.") % {"name": official.name})
    if entry is None:
        try:
            with transaction.atomic():
                entry = RollEntry.objects.create(year=year, official=official, added_reason=reason)
        except IntegrityError:
            raise RollError(_("%(name)s is already on the roll.") % {"name": official.name}) from None
    else:
        entry.added_reason, entry.removed_reason, entry.removed_at = reason, "", None
        entry.save(update_fields=["added_reason", "removed_reason", "removed_at"])
    RollChange.objects.create(
        entry=entry, action=RollChange.Action.ADDED, reason=reason, note=note, actor=actor
    )
    return entry


@transaction.atomic
def remove(entry, reason: str, actor, note: str = "") -> RollEntry:
    if reason not in RollEntry.Removed.values:
        raise RollError(_("Choose why the official is removed: transferred out or exempted."))
    note = _note(note)
    updated = RollEntry.objects.filter(pk=entry.pk, removed_at=None).update(
        removed_at=timezone.now(), removed_reason=reason
    )
    if not updated:
        raise RollError(_("This official is no longer on the roll."))
    RollChange.objects.create(
        entry=entry, action=RollChange.Action.REMOVED, reason=reason, note=note, actor=actor
    )
    entry.refresh_from_db()
    return entry


@transaction.atomic
def extend(entry, until: date, actor, note: str = "", today: date | None = None) -> RollEntry:
    today = today or timezone.localdate()
    note = _note(note)
    if until < today:
        raise RollError(_("An extension must end today or later."))
    if entry.year.deadline and until <= entry.year.deadline:
        raise RollError(
            _("An extension must end after the year's deadline (%(date)s).")
            % {"date": entry.year.deadline.strftime("%Y-%m-%d")}
        )
    if entry.removed_at is not None:
        raise RollError(_("This official is no longer on the roll."))
    RollEntry.objects.filter(pk=entry.pk).update(extended_until=until)
    entry.extended_until = until
    RollChange.objects.create(
        entry=entry, action=RollChange.Action.EXTENDED, until=until, note=note, actor=actor
    )
    return entry
