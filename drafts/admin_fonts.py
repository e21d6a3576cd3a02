"""The admin's font page: which face serves each type role of the PDF on this server, and
which characters of a report (or of a pasted text, e.g. a name) fall back to another face.
Staff only; it reads, never changes anything."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .checks_system import describe_face
from .rendering import fontreport, fontroles

MAX_TEXT = 2000


@staff_member_required
@require_http_methods(["GET", "POST"])
def fonts_view(request):
    text = request.POST.get("text", "")[:MAX_TEXT] if request.method == "POST" else ""
    tree, report_id, error = None, request.GET.get("report", "").strip(), ""
    if report_id:
        from .models import Report
        from .persistence import load_tree

        try:
            tree = load_tree(int(report_id))
        except (ValueError, Report.DoesNotExist):
            error = _("No report has the number %(id)s.") % {"id": report_id}
    result = fontreport.report(tree, text)
    labels = {role.name: role.label for role in fontroles.ROLES}
    context = {
        **admin.site.each_context(request),
        "title": _("Fonts of the PDF"),
        "rows": [
            {"label": role.label, "face": face, "text": describe_face(face) if face.family else ""}
            for role, face in result.rows()
        ],
        "fallbacks": [
            {"label": labels[f.role], "chars": sorted(f.chars.items())} for f in result.fallbacks
        ],
        "checked": tree is not None or bool(text),
        "text": text,
        "report_id": report_id,
        "error": error,
    }
    return render(request, "admin/fonts.html", context)


urlpatterns = [path("", fonts_view, name="admin-fonts")]
