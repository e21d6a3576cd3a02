"""The autosave: the JSON endpoint the wizard's script sends every change to.

Each save names the version of the part it changes as the page saw it, the browser tab and
the number of the save in that tab (:mod:`.locking`); older pages name the whole report's
version. The answer says what was saved, what was refused and why, or the conflict with the
text that was not saved.
"""

from __future__ import annotations

import json
import re
from functools import wraps

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import get_report_or_404
from . import editing, locking
from .locking import EditError, NotEditable, StaleVersion


def json_login_required(view):
    """Like login_required, but answers JSON 401 (the autosave script shows a message)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse({"error": "login", "message": _login_expired()}, status=401)
        return view(request, *args, **kwargs)

    return wrapper


def _login_expired():
    return _(
        "Your login has expired. Log in again in a new tab; your text is kept in this page and will be saved then."
    )


@require_POST
@json_login_required
def autosave(request, report_id):
    report = get_report_or_404(request, report_id, owner_only=True)
    try:
        payload = json.loads(request.body.decode("utf-8"))
        version = payload["version"]
        if isinstance(version, str) and version.isdigit():
            version = int(version)
        if not isinstance(version, int) or isinstance(version, bool):
            raise ValueError
        changes = payload["changes"]
        if not isinstance(changes, dict) or not changes:
            raise ValueError
        parts = payload.get("parts")  # pages of this version; older ones lock the whole report
        if parts is not None:
            if not isinstance(parts, dict):
                raise ValueError
            version = locking.Seen(0, _writer(payload.get("writer")), _seq(payload.get("seq")))
    except RequestDataTooBig:
        return _json_error(
            "too_big",
            _(
                "The text is too large to save (more than 5 MB). Shorten it; it is kept in the page."
            ),
            413,
        )
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return _json_error(
            "bad_request", _("The save request was not understood. Reload the page."), 400
        )
    try:
        result = editing.save_fields(report, version, changes, parts)
    except NotEditable as exc:
        return _json_error("readonly", str(exc), 403)
    except StaleVersion as exc:
        keys = []
        for raw in changes:
            try:
                keys.append(editing.parse_key(raw))
            except EditError:
                pass
        return JsonResponse(
            {
                "error": "conflict",
                "message": _(
                    "Not saved: this report was changed in another window or on another device. Your text is shown below; copy it, then reload the page to see the newer version."
                ),
                "version": exc.current_version,
                "part": exc.part,
                "server": editing.current_values(report, keys),
                "refused": {str(k): str(v) for k, v in changes.items()},
            },
            status=409,
        )
    except EditError as exc:
        return JsonResponse(
            {"error": "invalid", "message": str(exc), "errors": getattr(exc, "errors", {})},
            status=400,
        )
    answer = {"ok": True, "version": result.version, "saved": result.saved, "errors": result.errors}
    if parts is not None:
        answer["parts"] = result.parts
    return JsonResponse(answer)


_WRITER = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def _writer(value) -> str:
    """A browser tab's id as the autosave script sends it ("" when absent or malformed)."""
    return value if isinstance(value, str) and _WRITER.match(value) else ""


def _seq(value) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63:
        return value
    raise ValueError("seq")


def _json_error(code, message, status):
    return JsonResponse({"error": code, "message": message}, status=status)
