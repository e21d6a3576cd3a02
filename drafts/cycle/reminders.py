"""Reminders to the officials on a roll who have not submitted: an e-mail where they have
an address and a notice on their home page; recorded, so that nobody gets two the same day
(from the button or from ``manage.py send_reminders``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .. import workflow
from ..models import Reminder
from .roll import NOT_STARTED, members

# Who is reminded: on the roll and not (yet, or again) submitted.
TO_REMIND = (NOT_STARTED, workflow.DRAFT, workflow.RETURNED)
NOTICE_DAYS = 7  # a reminder shows on the home page for a week


@dataclass
class Sent:
    reminded: int = 0
    emailed: int = 0
    already_today: int = 0


def due(year, today: date, days_before: int | None = None):
    """Members of ``year`` to remind today (``days_before``: only those whose deadline is at
    most that many days away)."""
    qs = members(year).filter(state__in=TO_REMIND).select_related("user")
    out = []
    for official in qs:
        deadline = official.extended_until or year.deadline
        if days_before is not None and (deadline is None or (deadline - today).days > days_before):
            continue
        out.append((official, deadline))
    return out


def _message(official, year, deadline, today):
    if deadline is None:
        when = _("There is no deadline.")
    elif deadline >= today:
        when = _("The deadline is %(date)s, %(n)s day(s) from today.") % {
            "date": formats.date_format(deadline, "Y年n月j日"),
            "n": (deadline - today).days,
        }
    else:
        when = _("The deadline was %(date)s.") % {"date": formats.date_format(deadline, "Y年n月j日")}
    subject = _("Reminder: your %(year)s duty and integrity report") % {"year": year.year}
    body = _(
        "%(name)s:\n\nYour %(year)s report has not been submitted yet. %(when)s\n"
        "Log in to the report site to finish and submit it.\n"
    ) % {"name": official.name, "year": year.year, "when": when}
    return subject, body


def send(year, actor=None, today: date | None = None, days_before: int | None = None) -> Sent:
    today = today or timezone.localdate()
    result = Sent()
    if not year.is_open:
        return result
    targets = due(year, today, days_before)
    done = set(
        Reminder.objects.filter(year=year, sent_on=today).values_list("official_id", flat=True)
    )
    fresh = [(o, d) for o, d in targets if o.pk not in done]
    result.already_today = len(targets) - len(fresh)
    mails = []
    for official, deadline in fresh:
        emailed = bool(official.user and official.user.is_active and official.user.email)
        # The unique (year, official, day) row decides: a run at the same moment sends nothing twice.
        _reminder, created = Reminder.objects.get_or_create(
            year=year, official=official, sent_on=today,
            defaults={"emailed": emailed, "sent_by": actor},
        )
        if not created:
            result.already_today += 1
            continue
        result.reminded += 1
        if emailed:
            subject, body = _message(official, year, deadline, today)
            mails.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [official.user.email]))
    if mails:
        result.emailed = get_connection(fail_silently=True).send_messages(mails) or 0

    return result


def notices(official, years, today: date | None = None) -> dict[int, Reminder]:
    """The latest reminder of the last week for each of ``years`` (year id → reminder)."""
    today = today or timezone.localdate()
    rows = Reminder.objects.filter(
        official=official, year__in=years, sent_on__gte=today - timedelta(days=NOTICE_DAYS)
    ).order_by("year_id", "sent_on")
    return {r.year_id: r for r in rows}
