"""Accounts: an issued password must be changed at the first login; everyone has a password
change page (Django's views, Chinese, the standard validators); the cycle manager resets a
password (one-time, shown once) and deactivates a user without losing their reports."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

from drafts.accounts import passwords
from drafts.models import AccountState, Report

from .cycle_support import make_manager

CHANGE = "/account/password/"


def _login(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


def test_it_makes_an_issued_password_be_changed_before_anything_else(client, official):
    issued = passwords.issue(official.user)
    assert _login(client, official.user.username, issued).status_code == 302
    for url in ("/", reverse("review_queue"), reverse("cycle_board"), "/reports/1/"):
        r = client.get(url)
        assert r.status_code == 302 and r.url == CHANGE, url
    body = client.get(CHANGE).content.decode()
    assert "一次性密码" in body
    r = client.post(CHANGE, {"old_password": issued, "new_password1": "Qinghe-2026-ok", "new_password2": "Qinghe-2026-ok"})
    assert r.status_code == 302
    assert client.get("/").status_code == 200
    assert not AccountState.objects.get(user=official.user).must_change_password


@pytest.mark.parametrize(
    "new, message",
    [("20261201", "只包含数字"), ("abc", "太短"), ("password", "太常见")],
)
def test_it_applies_the_standard_validators_in_chinese(client, official, new, message):
    client.force_login(official.user)
    r = client.post(CHANGE, {"old_password": "pw-for-tests-1", "new_password1": new, "new_password2": new})
    assert r.status_code == 200 and message in r.content.decode()
    official.user.refresh_from_db()
    assert official.user.check_password("pw-for-tests-1")


def test_it_refuses_a_wrong_old_password(client, official):
    client.force_login(official.user)
    r = client.post(CHANGE, {"old_password": "nope", "new_password1": "Qinghe-2026-ok", "new_password2": "Qinghe-2026-ok"})
    assert "旧密码" in r.content.decode()


def test_it_sends_anonymous_users_to_the_login_page(client):
    r = client.get(CHANGE)
    assert r.status_code == 302 and r.url.startswith("/login/")


def test_it_lets_the_manager_reset_a_password_once(client, official, make_user, caplog):
    caplog.set_level(logging.DEBUG)
    client.force_login(make_manager(make_user))
    r = client.post(reverse("cycle_account_reset", kwargs={"pk": official.user_id}))
    password = r.context["password"]
    assert password in r.content.decode() and r["Cache-Control"].startswith("max-age=0")
    assert password not in caplog.text
    official.user.refresh_from_db()
    assert official.user.check_password(password)
    assert AccountState.objects.get(user=official.user).must_change_password


def test_it_deactivates_without_losing_reports(client, official, report, make_user):
    client.force_login(make_manager(make_user))
    client.post(reverse("cycle_account_active", kwargs={"pk": official.user_id}), {"active": "0"})
    official.user.refresh_from_db()
    assert not official.user.is_active
    assert Report.objects.filter(pk=report.pk).exists()
    r = _login(client.__class__(), official.user.username, "pw-for-tests-1")
    assert r.status_code == 200  # refused: the login form again
    client.post(reverse("cycle_account_active", kwargs={"pk": official.user_id}), {"active": "1"})
    official.user.refresh_from_db()
    assert official.user.is_active


def test_it_finds_accounts_by_name(client, official, other_official, make_user):
    client.force_login(make_manager(make_user))
    r = client.get(reverse("cycle_accounts"), {"q": "张三"})
    assert [u.username for u in r.context["page"]] == [official.user.username]
    r = client.get(reverse("cycle_accounts"), {"q": "<script>\x00" + "长" * 500})
    assert r.status_code == 200 and "<script>" not in r.content.decode()
