"""The roster pages: template downloads, an upload with its preview (nothing written yet),
bad rows with their numbers and reasons, the import, the one-time password sheet (shown
once, downloadable once), hostile files answered with a message, never a 500."""

from __future__ import annotations

import io
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from drafts.models import Official, Unit

from .cycle_support import make_manager
from .roster_support import HEADER, csv_bytes, rows, xlsx_bytes


@pytest.fixture
def manager_client(client, make_user):
    client.force_login(make_manager(make_user))
    return client


def _upload(client, data, name="roster.xlsx"):
    return client.post(reverse("cycle_roster"), {"file": SimpleUploadedFile(name, data)})


def test_it_offers_the_template_in_xlsx_and_csv(manager_client):
    x = manager_client.get(reverse("cycle_roster_template", kwargs={"fmt": "xlsx"}))
    header = [c.value for c in next(load_workbook(io.BytesIO(x.content)).active.iter_rows())]
    assert header == HEADER
    c = manager_client.get(reverse("cycle_roster_template", kwargs={"fmt": "csv"}))
    assert c.content.decode("utf-8-sig").splitlines()[0] == ",".join(HEADER)


def test_it_previews_without_writing(manager_client):
    r = _upload(manager_client, xlsx_bytes(rows(3)))
    assert r.status_code == 200
    assert r.context["counts"] == {"create": 3, "update": 0, "unchanged": 0, "bad": 0}
    assert not Official.objects.exists() and not Unit.objects.exists()
    assert "青禾县/乡镇0" in r.content.decode()


def test_it_imports_and_shows_the_passwords_once(manager_client, caplog):
    caplog.set_level(logging.DEBUG)
    preview = _upload(manager_client, csv_bytes(rows(2)), "r.csv")
    sha = manager_client.session["roster_pending"]["sha"]
    done = manager_client.post(reverse("cycle_roster_import"), {"sha": sha})
    assert done.status_code == 200 and Official.objects.count() == 2
    passwords = dict(done.context["passwords"])
    assert set(passwords) == {"gb0", "gb1"}
    assert all(pw in done.content.decode() for pw in passwords.values())
    assert not any(pw in caplog.text for pw in passwords.values())
    url = reverse("cycle_roster_passwords", kwargs={"token": done.context["token"], "fmt": "xlsx"})
    sheet = manager_client.get(url)
    table = [[c.value for c in r] for r in load_workbook(io.BytesIO(sheet.content)).active.iter_rows()]
    assert table[0] == ["登录名", "初始密码"] and dict(table[1:]) == passwords
    assert manager_client.get(url).status_code == 404  # once
    assert preview.status_code == 200


def test_it_refuses_a_double_import(manager_client):
    _upload(manager_client, csv_bytes(rows(2)), "r.csv")
    sha = manager_client.session["roster_pending"]["sha"]
    manager_client.post(reverse("cycle_roster_import"), {"sha": sha})
    r = manager_client.post(reverse("cycle_roster_import"), {"sha": sha}, follow=True)
    assert "已不在待导入状态" in r.content.decode()
    assert Official.objects.count() == 2


def test_it_lists_bad_rows_and_offers_no_import(manager_client):
    body = [*rows(2), ["", "青禾县/x", "", "gb0", "", "", ""]]
    r = _upload(manager_client, csv_bytes(body), "r.csv")
    text = r.content.decode()
    assert "第4行" in text and "姓名为空" in text and "与第2行重复" in text
    assert 'id="roster-confirm"' not in text
    assert manager_client.post(reverse("cycle_roster_import"), {"sha": "x"}).status_code == 302
    assert not Official.objects.exists()


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("r.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "密码保护"),
        ("r.xlsx", b"PK\x03\x04garbage", "不是可读取的 XLSX"),
        ("r.exe", b"MZ", "请上传 .xlsx 或 .csv"),
        ("r.csv", b"<script>alert(1)</script>", "缺少列"),
    ],
)
def test_it_answers_a_hostile_file_with_a_message(manager_client, name, data, message):
    r = _upload(manager_client, data, name)
    assert r.status_code == 200 and message in r.content.decode()
    assert "<script>alert(1)</script>" not in r.content.decode()
    assert not Unit.objects.exists()


def test_it_refuses_an_upload_over_the_limit(manager_client):
    r = _upload(manager_client, b"x" * (2 * 1024 * 1024 + 1), "r.csv")
    assert "文件太大" in r.content.decode()


def test_it_discards_an_upload(manager_client):
    _upload(manager_client, csv_bytes(rows(1)), "r.csv")
    manager_client.post(reverse("cycle_roster_cancel"))
    assert "roster_pending" not in manager_client.session
    assert not Official.objects.exists()
