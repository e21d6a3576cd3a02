"""Helpers for the reporting-cycle tests (not a test module)."""

from __future__ import annotations

from django.contrib.auth.models import Group


def make_manager(make_user, **extra):
    """A cycle manager: in the group 述职管理员 (migration 0006), not a superuser."""
    user = make_user(**extra)
    user.groups.add(Group.objects.get(name="述职管理员"))
    return user


def login(client, user):
    client.force_login(user)
    return client
