"""The optimistic locks of a draft: every change of its content takes one.

A change names what the browser last saw, either

- a :class:`Seen` version of the one **part** it changes (``PartVersion``: ``start``, ``end``,
  ``structure`` or ``section:<pk>``): the wizard's pages do this, so two tabs conflict only
  when they edit the same part; or
- an ``int``: the **whole report's** ``Report.version`` as the page saw it (the submission,
  the import's replace, the step form of an older page).

:func:`take_lock` is a conditional ``UPDATE … SET version = version + 1 WHERE version =
expected`` on that part (or on the report), so of two tabs that saw the same version only
the first wins and the second gets :class:`StaleVersion` (the view answers 409 and offers the
refused text back). Every change also moves ``Report.version`` on, so that it stays "the
content as a page saw it" for the submission. A tab's own saves are ordered by their
``seq``: one sent as the page unloads and the reloaded page's next one never conflict with
each other, and an older one arriving late is dropped (:class:`Superseded`). After the
deadline or in a closed year the lock is refused (``cycle.deadlines``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import workflow
from ..cycle import deadlines
from ..models import PartVersion, Report
from . import history
from .steps import END, START


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
START_NAMES = frozenset({"title", "subtitle", "byline", "opening"})


def section_part(section_pk: int) -> str:
    return f"section:{section_pk}"


@dataclass(frozen=True)
class Seen:
    """The version of one part that a page saw, and who is saving (a browser tab's id and
    the number of this save in that tab; empty for pages without JavaScript)."""

    version: int
    writer: str = ""
    seq: int = 0


def take_lock(report: Report, expected, part: str = "") -> int:
    """Take the lock for a change of ``part`` (``""``: the whole content) of ``report``.

    ``expected`` is a :class:`Seen` version of ``part`` or the ``int`` version of the whole
    report as the page saw it. Moves the part's version on (every part's when ``part`` is
    ``""``) and the report's; returns the part's new version (the report's for ``""``).
    Raises :class:`StaleVersion` when someone else changed it since, :class:`Superseded`
    when this tab already stored a newer save of it, and :class:`NotEditable` when the
    report may no longer be edited. Call it inside the transaction that writes the change.
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
    if part:
        return _bump_part(report, part)
    PartVersion.objects.bulk_create(
        [PartVersion(report_id=report.pk, part=p) for p in FIXED_PARTS], ignore_conflicts=True
    )
    PartVersion.objects.filter(report_id=report.pk).update(
        version=F("version") + 1, writer="", seq=0
    )
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


def not_editable_message() -> str:
    return _("This report has been submitted or approved and can no longer be changed.")
