"""What every page's layout needs: whether to show the review area in the navigation."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from .access import is_reviewer_user


def navigation(request):
    user = getattr(request, "user", None)
    # Lazy: pages that never show the navigation (JSON, files) pay no query for it.
    return {"is_reviewer": SimpleLazyObject(lambda: bool(user) and is_reviewer_user(user))}
