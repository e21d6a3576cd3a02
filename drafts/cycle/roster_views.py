"""The cycle manager's roster pages: the template, an upload with its preview, the import,
and the one-time password sheet (shown once, downloadable once, never logged)."""

from __future__ import annotations

import base64
import hashlib
import secrets

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from .forms import RosterUploadForm
from .permissions import manager_required
from .roster import apply as applying
from .roster import plan as planning
from .roster import reader, sheets

PENDING = "roster_pending"  # session: the uploaded file until it is imported or cancelled
SHEETS = "roster_passwords"  # session: one-time passwords until the sheet is downloaded
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename=\"{name}\""
    response["Cache-Control"] = "no-store"
    return response


@manager_required
def template_file(request, fmt):
    if fmt == "xlsx":
        return _download(sheets.template_xlsx(), "roster-template.xlsx", XLSX)
    return _download(sheets.template_csv(), "roster-template.csv", "text/csv; charset=utf-8")


@manager_required
def roster(request):
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            table = reader.read(data, upload.name)
        except reader.UnreadableRoster as exc:
            form.add_error("file", str(exc))
        else:
            plan = planning.make_plan(table)
            request.session[PENDING] = {
                "name": upload.name[:200],
                "data": base64.b64encode(data).decode("ascii"),
                "sha": hashlib.sha256(data).hexdigest(),
            }
            return render(request, "cycle/roster_preview.html", _preview(plan, upload.name))
    return render(request, "cycle/roster.html", {"form": form})


def _preview(plan, name):
    return {
        "plan": plan,
        "name": name,
        "bad": plan.bad,
        "counts": {a: plan.count(a) for a in ("create", "update", "unchanged", "bad")},
        "changed": [r for r in plan.rows if r.action in ("create", "update")][:500],
        "new_units": ["/".join(p) for p in plan.new_units],
    }


@sensitive_variables("result")
@sensitive_post_parameters()
@never_cache
@manager_required
@require_POST
def roster_import(request):
    pending = request.session.get(PENDING)
    if not pending or request.POST.get("sha") != pending.get("sha"):
        messages.error(request, _("That upload is no longer waiting to be imported; upload the file again."))
        return redirect("cycle_roster")
    data = base64.b64decode(pending["data"])
    try:
        plan = planning.make_plan(reader.read(data, pending["name"]))
    except reader.UnreadableRoster as exc:
        messages.error(request, str(exc))
        return redirect("cycle_roster")
    if not plan.ok:  # the database changed since the preview
        return render(request, "cycle/roster_preview.html", _preview(plan, pending["name"]))
    result = applying.apply(plan)
    del request.session[PENDING]
    token = secrets.token_urlsafe(16) if result.passwords else ""
    if token:
        request.session[SHEETS] = {"token": token, "passwords": result.passwords}
    return render(
        request,
        "cycle/roster_done.html",
        {
            "result": result,
            "summary": sheets.summary(result.created, result.updated, result.unchanged),
            "passwords": sorted(result.passwords.items()),
            "token": token,
        },
    )


@manager_required
@require_POST
def roster_cancel(request):
    request.session.pop(PENDING, None)
    messages.info(request, _("The upload was discarded; nothing was written."))
    return redirect("cycle_roster")


@sensitive_variables("sheet")
@never_cache
@manager_required
def passwords_file(request, token, fmt):
    sheet = request.session.get(SHEETS)
    if not sheet or not secrets.compare_digest(sheet.get("token", ""), token):
        raise Http404("no such sheet")
    del request.session[SHEETS]  # once
    if fmt == "xlsx":
        return _download(sheets.passwords_xlsx(sheet["passwords"]), "initial-passwords.xlsx", XLSX)
    return _download(sheets.passwords_csv(sheet["passwords"]), "initial-passwords.csv", "text/csv; charset=utf-8")
