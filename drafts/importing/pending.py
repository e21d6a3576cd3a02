"""The import in progress, kept in the session (server side) until it is accepted: its
blocks, the draft it may replace, and what a press on the review page changes in it."""

from __future__ import annotations

import re

from .adjust import AdjustError, merge_with_previous, set_role, split, split_before
from .text import Block

SESSION_KEY = "pending_import"
DONE_KEY = "done_import"  # token and report of the last accepted import (double submits)
_OP = re.compile(r"^(role|merge|split|target):(\d{1,9})$")


def load(session) -> dict | None:
    data = session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    try:
        data["blocks"] = [Block.from_dict(b) for b in data.get("blocks", [])]
    except (ValueError, TypeError, AttributeError):
        return None
    return data


def store(session, data: dict) -> None:
    session[SESSION_KEY] = {**data, "blocks": [b.to_dict() for b in data["blocks"]]}


def discard(session) -> None:
    session.pop(SESSION_KEY, None)


def finish(session, report_id: int) -> None:
    """The import was accepted into ``report_id``: forget it, remember its token (a second
    press of the same button is then recognised)."""
    pending = session.pop(SESSION_KEY, None) or {}
    session[DONE_KEY] = {"token": pending.get("token"), "report_id": report_id}


def done_report(session, token) -> int | None:
    """The report an import with ``token`` was already accepted into, if any."""
    done = session.get(DONE_KEY) or {}
    if done.get("token") and done.get("token") == token:
        return done.get("report_id")
    return None


def adjust(pending: dict, data, find_draft) -> None:
    """Apply the review page's ``op`` (in ``data``, the POST) to the pending import.

    ``find_draft(pk)`` is the user's editable draft ``pk`` or None (``op=target:pk`` binds
    the import to it). Raises :class:`AdjustError` when the change cannot be made.
    """
    blocks = pending["blocks"]
    op = data.get("op", "")
    if op == "roles":
        for i in range(len(blocks)):
            role = data.get(f"role_{i}")
            if role and role != blocks[i].role:
                set_role(blocks, i, role)
        return
    m = _OP.match(op)
    if not m:
        raise AdjustError(op)
    name, i = m.group(1), int(m.group(2))
    if name == "target":
        report = find_draft(i)
        if report is None:
            raise AdjustError(i)
        pending["report_id"], pending["version"] = report.pk, report.version
    elif name == "role":
        set_role(blocks, i, data.get(f"role_{i}", ""))
    elif name == "merge":
        merge_with_previous(blocks, i)
    else:
        pos = data.get(f"pos_{i}", "")
        if pos.isdigit() and int(pos) > 0:
            split(blocks, i, int(pos))
        else:
            split_before(blocks, i, data.get(f"at_{i}", ""))
