"""One-time passwords for issued logins (roster import, a manager's reset).

A one-time password is random (14 characters from an alphabet without look-alikes, about
80 bits), shown or written once and never logged; its holder must change it at the first
login (``AccountState.must_change_password``). Because it is random and short-lived it is
hashed with a quick PBKDF2 (``IssuedPasswordHasher``) when that hasher is configured, so
that issuing 5,000 logins takes seconds; the password the user then chooses gets the
default hasher.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from ..models import AccountState
from .hashers import IssuedPasswordHasher

ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 14


def new_password() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def issued_hash(password: str) -> str:
    path = f"{IssuedPasswordHasher.__module__}.{IssuedPasswordHasher.__qualname__}"
    if path in settings.PASSWORD_HASHERS:
        return make_password(password, hasher=IssuedPasswordHasher())
    return make_password(password)


def issue(user, password: str | None = None) -> str:
    """Give ``user`` a new one-time password (saved) and return it."""
    password = password or new_password()
    user.password = issued_hash(password)
    user.save(update_fields=["password"])
    mark_issued([user.pk])
    return password


def mark_issued(user_ids) -> None:
    now = timezone.now()
    existing = set(AccountState.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True))
    AccountState.objects.filter(user_id__in=existing).update(
        must_change_password=True, password_issued_at=now
    )
    AccountState.objects.bulk_create(
        AccountState(user_id=pk, must_change_password=True, password_issued_at=now)
        for pk in user_ids
        if pk not in existing
    )


def must_change(user) -> bool:
    return AccountState.objects.filter(user=user, must_change_password=True).exists()


def changed(user) -> None:
    AccountState.objects.filter(user=user).update(must_change_password=False)
