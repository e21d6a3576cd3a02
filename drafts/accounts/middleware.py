"""Whoever logged in with an issued one-time password sets their own before anything else."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse

from .passwords import must_change

SESSION_KEY = "must_change_password"
MANAGER_KEY = "is_cycle_manager"  # for the navigation only; every page checks the permission


@receiver(user_logged_in)
def remember_at_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        from ..cycle.permissions import is_manager

        if must_change(user):
            request.session[SESSION_KEY] = True
        else:
            request.session.pop(SESSION_KEY, None)
        request.session[MANAGER_KEY] = is_manager(user)


class PasswordChangeRequiredMiddleware:
    """Sends a user flagged at login (see above) to the password change page; only that
    page, logging out, static files and the JavaScript catalogue stay reachable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_KEY) and request.user.is_authenticated:
            allowed = {reverse("password_change"), reverse("logout"), reverse("javascript-catalog")}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("password_change")
        return self.get_response(request)
