"""Django's own password change view, which also clears a pending issued password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .middleware import SESSION_KEY
from .passwords import changed


@method_decorator(never_cache, name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["forced"] = bool(self.request.session.get(SESSION_KEY))
        return ctx

    def form_valid(self, form):
        response = super().form_valid(form)
        changed(self.request.user)
        self.request.session.pop(SESSION_KEY, None)
        messages.success(self.request, _("Your password was changed."))
        return response
