"""Telling people what happened: an ``Event`` row (the home page's recent events) and an e-mail.

E-mail goes through Django's mail machinery (console backend by default) after the
transaction commits, so a rolled-back transition never announces itself.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import workflow
from ..models import Event

log = logging.getLogger(__name__)

EVENT_TEXT_MAX = 300


def _clip(text: str, limit: int = EVENT_TEXT_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(report) -> str:
    return _("%(year)s report of %(name)s") % {
        "year": report.year.year,
        "name": report.official.name,
    }


def messages_for(action: str, report, actor, reason: str = "") -> dict[str, str]:
    """``{"owner": text, "reviewers": text}`` for an action; a missing key means nobody.

    The texts are columns of the workflow's action table.
    """
    info = workflow.ACTION.get(action)
    if info is None:
        return {}
    who = (actor.get_full_name() or actor.username) if actor else ""
    own = _("%(year)s report") % {"year": report.year.year}
    texts = {}
    if info.owner_text:
        texts["owner"] = info.owner_text % {"report": own, "who": who, "reason": reason}
    if info.reviewers_text:
        texts["reviewers"] = info.reviewers_text % {
            "report": _describe(report),
            "who": who,
            "reason": reason,
        }
    return texts


def notify(action: str, report, actor, reason: str = "") -> None:
    """Record events and send e-mails for a transition that has just been applied."""
    from ..access import reviewers_of_unit

    texts = messages_for(action, report, actor, reason)
    recipients = []  # (user, text)
    owner = report.official.user
    if "owner" in texts and owner is not None and owner.is_active:
        recipients.append((owner, texts["owner"]))
    if "reviewers" in texts:
        for user in reviewers_of_unit(report.official.unit_id):
            if owner is None or user.pk != owner.pk:
                recipients.append((user, texts["reviewers"]))
    Event.objects.bulk_create([Event(user=u, report=report, text=_clip(t)) for u, t in recipients])
    mails = [(u.email, t) for u, t in recipients if u.email]
    if mails:
        transaction.on_commit(lambda: _send(mails))


def _send(mails) -> None:
    for address, text in mails:
        try:
            send_mail(
                subject=_clip(text, 78),
                message=text,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[address],
            )
        except Exception:  # a mail server being down must not undo a decision
            log.exception("could not send a notification to %s", address)


def recent_events(user, limit: int = 10) -> list[Event]:
    """The user's latest events, each with ``url``: their own report's wizard, or the
    reviewer's page of someone else's."""
    if not getattr(user, "is_authenticated", False):
        return []
    rows = list(
        Event.objects.filter(user=user)
        .select_related("report__official")
        .order_by("-created_at", "-pk")[:limit]
    )
    for e in rows:
        e.url = ""
        if e.report is not None:
            if e.report.official.user_id == user.pk:
                e.url = reverse("wizard", kwargs={"report_id": e.report_id})
            else:
                e.url = reverse("review_report", kwargs={"pk": e.report_id})
    return rows
