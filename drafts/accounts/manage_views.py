"""The cycle manager's account pages: find a user, issue a new one-time password, deactivate
or reactivate (their reports stay). Staff and superuser accounts are left to the admin."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_POST

from ..cycle.permissions import manager_required
from ..textclean import clean_line
from . import passwords


def _managed(request, pk):
    user = get_object_or_404(get_user_model(), pk=pk)
    if (user.is_staff or user.is_superuser) and not request.user.is_superuser:
        raise Http404("not managed here")
    if user.pk == request.user.pk:
        raise Http404("not yourself")
    return user


@manager_required
def accounts(request):
    q = clean_line(request.GET.get("q", ""))[:100]
    users = get_user_model().objects.select_related("official__unit").order_by("username")
    if q:
        users = users.filter(
            Q(username__icontains=q) | Q(first_name__icontains=q) | Q(official__name__icontains=q)
        )
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/manage.html", {"page": page, "q": q})


@sensitive_variables("password")
@never_cache
@manager_required
@require_POST
def reset_password(request, pk):
    user = _managed(request, pk)
    password = passwords.issue(user)
    return render(request, "accounts/reset_done.html", {"account": user, "password": password})


@manager_required
@require_POST
def set_active(request, pk):
    user = _managed(request, pk)
    active = request.POST.get("active") == "1"
    type(user).objects.filter(pk=user.pk).update(is_active=active)
    if active:
        messages.success(request, _("%(login)s can log in again.") % {"login": user.username})
    else:
        messages.success(
            request, _("%(login)s can no longer log in; their reports are kept.") % {"login": user.username}
        )
    return redirect(f"{reverse('cycle_accounts')}?{urlencode({'q': user.username})}")
