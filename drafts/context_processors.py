"""What every page's layout needs: whether to show the review and cycle areas in the navigation."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from .access import is_reviewer_user
from .accounts.middleware import MANAGER_KEY


def navigation(request):
    user = getattr(request, "user", None)
    # Lazy: pages that never show the navigation (JSON, files) pay no query for it.
    return {
        "is_reviewer": SimpleLazyObject(lambda: bool(user) and is_reviewer_user(user)),
        # Noted at login (no query per page); the cycle pages check the permission itself.
        "is_manager": bool(getattr(request, "session", {}).get(MANAGER_KEY)),
    }
