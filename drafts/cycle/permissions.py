"""Who runs the cycle: a user holding ``drafts.manage_cycle`` (the group 述职管理员, made by
migration 0007, or a superuser). Reviewers see the progress board of their own scope."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ..access import is_reviewer_user, reviewer_unit_ids, unit_parents

PERMISSION = "drafts.manage_cycle"


def is_manager(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.has_perm(PERMISSION))


def manager_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_manager(request.user):
            raise PermissionDenied(_("This page is for the cycle manager."))
        return view(request, *args, **kwargs)

    return wrapper


def board_unit_ids(user) -> frozenset[int]:
    """The units whose progress ``user`` may see: all for a manager, the review scope for a
    reviewer; PermissionDenied for anyone else."""
    if is_manager(user):
        return frozenset(unit_parents())
    if is_reviewer_user(user):
        return reviewer_unit_ids(user)
    raise PermissionDenied(_("This page is for the cycle manager and reviewers."))
