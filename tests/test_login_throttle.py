"""Login throttling (django-axes): after 5 failures for one login from one address that
login is refused there for a while with a clear Chinese message, the right password too;
the admin's login is covered; the admin can unlock."""

from __future__ import annotations

from axes.models import AccessAttempt


def _fail(client, url, username, n=5):
    for _ in range(n):
        client.post(url, {"username": username, "password": "wrong"})


def test_it_locks_a_login_out_after_five_failures(client, official):
    name = official.user.username
    _fail(client, "/login/", name, 4)
    assert client.post("/login/", {"username": name, "password": "pw-for-tests-1"}).status_code == 302
    client.logout()
    _fail(client, "/login/", name)
    r = client.post("/login/", {"username": name, "password": "pw-for-tests-1"})
    assert r.status_code == 429
    body = r.content.decode()
    assert "暂时无法登录" in body and "连续 5 次密码错误" in body and "15 分钟" in body
    assert "_auth_user_id" not in client.session


def test_it_locks_only_that_login_from_that_address(client, official, make_user):
    _fail(client, "/login/", official.user.username)
    other = make_user()
    assert client.post("/login/", {"username": other.username, "password": "pw-for-tests-1"}).status_code == 302
    elsewhere = client.__class__(REMOTE_ADDR="10.9.9.9")
    r = elsewhere.post("/login/", {"username": official.user.username, "password": "pw-for-tests-1"})
    assert r.status_code == 302


def test_it_covers_the_admin_login(client, make_user):
    admin = make_user(is_staff=True, is_superuser=True)
    _fail(client, "/admin/login/", admin.username)
    r = client.post("/admin/login/", {"username": admin.username, "password": "pw-for-tests-1"})
    assert r.status_code == 429 and "暂时无法登录" in r.content.decode()


def test_it_is_unlocked_by_removing_the_attempts(client, official):
    _fail(client, "/login/", official.user.username)
    AccessAttempt.objects.filter(username=official.user.username).delete()  # the admin's delete
    r = client.post("/login/", {"username": official.user.username, "password": "pw-for-tests-1"})
    assert r.status_code == 302
