"""Who may use the reporting cycle's pages: the cycle manager (a group, not a superuser);
the progress board also reviewers, for their scope. Anonymous users go to the login page,
officials and reviewers get 403 on the manager's pages, nothing is changed by a refused
request."""

from __future__ import annotations

import pytest
from django.urls import reverse

from drafts.cycle import roll
from drafts.models import RollEntry

from .cycle_support import make_manager

MANAGER_GET = [
    ("cycle_home", {}),
    ("cycle_open_year", {}),
    ("cycle_roll", {"year": 2025}),
    ("cycle_roster", {}),
    ("cycle_roster_template", {"fmt": "xlsx"}),
    ("cycle_roster_template", {"fmt": "csv"}),
    ("cycle_accounts", {}),
]
MANAGER_POST = [
    ("cycle_open_year", {}),
    ("cycle_roll_add", {"year": 2025}),
    ("cycle_year_settings", {"year": 2025}),
    ("cycle_remind", {"year": 2025}),
    ("cycle_roster_import", {}),
    ("cycle_roster_cancel", {}),
]
BOARD = ["cycle_board", "cycle_board_list", "cycle_board_xlsx", "cycle_board_list_xlsx"]


@pytest.fixture
def entry(year, official, make_user):
    roll.open_year(year, [official.unit], make_user())
    return RollEntry.objects.get(official=official)


def _manager_urls(entry):
    urls = [reverse(n, kwargs=k) for n, k in MANAGER_GET]
    posts = [reverse(n, kwargs=k) for n, k in MANAGER_POST]
    posts += [
        reverse("cycle_roll_remove", kwargs={"pk": entry.pk}),
        reverse("cycle_roll_extend", kwargs={"pk": entry.pk}),
        reverse("cycle_account_reset", kwargs={"pk": entry.official.user_id}),
        reverse("cycle_account_active", kwargs={"pk": entry.official.user_id}),
    ]
    return urls, posts


def test_it_sends_anonymous_users_to_the_login_page(client, entry):
    gets, posts = _manager_urls(entry)
    for url in gets + [reverse(n) for n in BOARD]:
        r = client.get(url)
        assert r.status_code == 302 and r.url.startswith("/login/"), url
    for url in posts:
        r = client.post(url, {"reason": "out", "until": "2099-01-01", "active": "0"})
        assert r.status_code == 302 and r.url.startswith("/login/"), url
    assert RollEntry.objects.get(pk=entry.pk).removed_at is None


@pytest.mark.parametrize("who", ["official", "reviewer", "staff"])
def test_it_refuses_the_managers_pages_to_everyone_else(client, entry, official, reviewer, make_user, who):
    user = {"official": official.user, "reviewer": reviewer, "staff": make_user(is_staff=True)}[who]
    client.force_login(user)
    gets, posts = _manager_urls(entry)
    for url in gets:
        assert client.get(url).status_code == 403, url
    for url in posts:
        assert client.post(url, {"reason": "out", "until": "2099-01-01", "active": "0"}).status_code == 403, url
    entry.refresh_from_db()
    assert entry.removed_at is None and entry.extended_until is None
    official.user.refresh_from_db()
    assert official.user.is_active and official.user.check_password("pw-for-tests-1")


def test_it_lets_a_manager_in_who_is_not_a_superuser(client, entry, make_user):
    manager = make_manager(make_user)
    assert not manager.is_superuser and not manager.is_staff
    client.force_login(manager)
    gets, _posts = _manager_urls(entry)
    for url in gets + [reverse(n) for n in BOARD]:
        assert client.get(url).status_code == 200, url


def test_it_refuses_the_board_to_an_official(client, entry, official):
    client.force_login(official.user)
    for name in BOARD:
        assert client.get(reverse(name)).status_code == 403


def test_it_shows_a_reviewer_only_their_scope(client, entry, make_reviewer, other_official, other_unit, year):
    roll.add(year, other_official, RollEntry.Added.TRANSFERRED_IN, None)
    reviewer = make_reviewer(other_unit)
    client.force_login(reviewer)
    body = client.get(reverse("cycle_board")).content.decode()
    assert other_unit.name in body and entry.official.unit.name not in body
    r = client.get(reverse("cycle_board_list"), {"unit": entry.official.unit_id})
    assert r.status_code == 404
    names = [o.name for o in client.get(reverse("cycle_board_list")).context["people"]]
    assert names == ["李四"]


def test_it_answers_404_for_a_malformed_unit(client, entry, reviewer):
    client.force_login(reviewer)
    for bad in ("x", "-1", "99999999", "1 OR 1=1"):
        assert client.get(reverse("cycle_board_list"), {"unit": bad}).status_code == 404


def test_it_does_not_let_a_manager_reset_a_superuser(client, entry, make_user):
    manager = make_manager(make_user)
    admin = make_user(is_superuser=True, is_staff=True)
    client.force_login(manager)
    assert client.post(reverse("cycle_account_reset", kwargs={"pk": admin.pk})).status_code == 404
    assert client.post(reverse("cycle_account_active", kwargs={"pk": admin.pk}), {"active": "0"}).status_code == 404
    admin.refresh_from_db()
    assert admin.is_active and admin.check_password("pw-for-tests-1")


def test_it_refuses_get_on_post_only_views(client, entry, make_user):
    client.force_login(make_manager(make_user))
    for name, kwargs in MANAGER_POST[1:]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 405


def test_it_keeps_the_password_sheet_to_the_manager_who_imported(client, entry, official, make_user):
    url = reverse("cycle_roster_passwords", kwargs={"token": "x" * 22, "fmt": "csv"})
    r = client.get(url)
    assert r.status_code == 302 and r.url.startswith("/login/")
    client.force_login(official.user)
    assert client.get(url).status_code == 403
    client.force_login(make_manager(make_user))  # another manager: no sheet in their session
    assert client.get(url).status_code == 404
