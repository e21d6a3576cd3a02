"""``manage.py import_roster``: the command contract (exit codes, summary, bad rows on
stderr, nothing written on any bad row, one-time passwords only in the --passwords file)."""

from __future__ import annotations

import csv
import io
import logging
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from openpyxl import load_workbook

from drafts.models import AccountState, Official, ReviewerScope, Unit

from .roster_support import csv_bytes, rows, write, xlsx_bytes

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("import_roster", *[str(a) for a in args], stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def counts():
    return (get_user_model().objects.count(), Official.objects.count(), Unit.objects.count(), ReviewerScope.objects.count())


def test_it_creates_units_officials_and_logins(tmp_path):
    path = write(tmp_path, "r.csv", csv_bytes(rows(3)))
    code, out, err = run(path)
    assert code == 0, err
    assert out.strip() == "新建 3 人，更新 0 人，未变 0 人"
    assert Official.objects.get(user__username="gb1").unit.parent.name == "青禾县"
    assert Unit.objects.filter(name="青禾县", parent=None).count() == 1


def test_it_changes_nothing_on_a_second_import(tmp_path):
    path = write(tmp_path, "r.xlsx", xlsx_bytes(rows(4)))
    run(path)
    before = counts()
    code, out, _err = run(path)
    assert code == 0 and out.strip() == "新建 0 人，更新 0 人，未变 4 人"
    assert counts() == before


def test_it_updates_a_changed_post_and_unit_and_keeps_earlier_reports(tmp_path, report_type, year):
    from drafts.drafting import starting

    run(write(tmp_path, "a.csv", csv_bytes(rows(1))))
    official = Official.objects.get(user__username="gb0")
    report = starting.start_report(official, year, report_type)
    changed = [["干部0", "青禾县/乡镇4", "副镇长", "gb0", "gb0@example.org", "述职人", ""]]
    code, out, _err = run(write(tmp_path, "b.csv", csv_bytes(changed)))
    assert code == 0 and out.strip() == "新建 0 人，更新 1 人，未变 0 人"
    official.refresh_from_db()
    assert (official.unit.name, official.post) == ("乡镇4", "副镇长")
    report.refresh_from_db()
    assert report.byline == "乡镇0科员 干部0"  # filed under the old unit and post


def test_it_refuses_every_bad_row_and_writes_nothing(tmp_path, unit):
    body = [
        ["", "青禾县/甲", "", "a1", "", "", ""],
        ["乙", "青禾县/乙", "", "a2", "", "", ""],
        ["丙", "青禾县/丙", "", "a2", "", "", ""],
        ["丁", "青禾县/丁/青禾县", "", "a4", "", "", ""],
        ["戊", "无此县/戊", "", "a5", "", "", ""],
        ["己", "青禾县//己", "", "a6", "not-an-email", "局长", ""],
        ["庚", "青禾县", "", "a7", "", "审核人", "无此县/x"],
    ]
    Unit.objects.create(name="青禾县")
    before = counts()
    code, out, err = run(write(tmp_path, "bad.csv", csv_bytes(body)))
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert [ln.split(":")[0] for ln in lines] == ["第2行", "第4行", "第5行", "第6行", "第7行", "第8行"]
    assert "姓名为空" in lines[0]
    assert "与第3行重复" in lines[1]
    assert "循环" in lines[2]
    assert "顶层单位“无此县”不存在" in lines[3]
    assert "空的层级" in lines[4] and "电子邮箱" in lines[4] and "角色" in lines[4]
    assert "审核范围“无此县/x”不是已有的单位" in lines[5]
    assert counts() == before


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("x.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "密码保护"),
        ("x.xlsx", b"PK\x03\x04 broken", "不是可读取的 XLSX"),
        ("x.pdf", b"%PDF-1.4", "请上传 .xlsx 或 .csv"),
        ("x.csv", b"", "文件是空的"),
        ("x.csv", "姓名,单位\n张三,青禾县\n".encode(), "缺少列：登录名"),
        ("x.csv", b"\xff\xfe\x00\x00\x81\x30", "编码"),
    ],
)
def test_it_exits_2_on_an_unreadable_file(tmp_path, name, data, message):
    code, out, err = run(write(tmp_path, name, data))
    assert code == 2 and out == ""
    assert message in err
    assert counts() == (0, 0, 0, 0)


def test_it_exits_2_on_a_missing_file(tmp_path):
    code, _out, err = run(tmp_path / "none.csv")
    assert code == 2 and "none.csv" in err


def test_it_refuses_a_zip_bomb(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * (60 * 1024 * 1024))
    code, _out, err = run(write(tmp_path, "bomb.xlsx", buf.getvalue()))
    assert code == 2 and "解压后远大于" in err


def test_it_refuses_10000_rows(tmp_path):
    code, _out, err = run(write(tmp_path, "big.csv", csv_bytes(rows(10_000))))
    assert code == 2 and "10000 行" in err and "最多 5000 行" in err
    assert counts() == (0, 0, 0, 0)


def test_it_refuses_formulas_and_merged_cells(tmp_path):
    data = xlsx_bytes(rows(3), merge="B3:B4", formula=("A2", '=cmd|"/c calc"!A1'))
    code, _out, err = run(write(tmp_path, "f.xlsx", data))
    assert code == 1
    assert "第2行" in err and "公式" in err
    assert "第3行" in err and "合并单元格" in err
    assert counts() == (0, 0, 0, 0)


def test_it_refuses_a_formula_in_a_csv(tmp_path):
    body = [['=cmd|" /C calc"!A0', "青禾县", "", "x1", "", "", ""]]
    code, _out, err = run(write(tmp_path, "f.csv", csv_bytes(body)))
    assert code == 1 and "第2行" in err and "公式" in err


@pytest.mark.parametrize("encoding, bom", [("utf-8", False), ("utf-8", True), ("gb18030", False)])
def test_it_reads_csv_as_excel_saves_it(tmp_path, encoding, bom):
    code, out, err = run(write(tmp_path, "r.csv", csv_bytes(rows(2), encoding=encoding, bom=bom)))
    assert code == 0, err
    assert Official.objects.filter(name="干部1", unit__name="乡镇1").exists()


def test_it_sets_reviewers_and_their_scopes(tmp_path):
    body = [*rows(2), ["组织部甲", "青禾县/组织部", "科长", "rev1", "", "审核人", "青禾县/乡镇0；青禾县/乡镇1"]]
    assert run(write(tmp_path, "r.csv", csv_bytes(body)))[0] == 0
    user = get_user_model().objects.get(username="rev1")
    assert sorted(ReviewerScope.objects.filter(user=user).values_list("unit__name", flat=True)) == ["乡镇0", "乡镇1"]
    assert not Official.objects.filter(user=user).exists()


def test_it_counts_but_writes_nothing_on_a_dry_run(tmp_path):
    code, out, _err = run(write(tmp_path, "r.csv", csv_bytes(rows(3))), "--dry-run")
    assert code == 0 and "试运行" in out and "新建 3 人" in out
    assert counts() == (0, 0, 0, 0)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_it_writes_the_one_time_passwords_only_to_the_file(tmp_path, suffix, caplog, client):
    caplog.set_level(logging.DEBUG)
    out_file = tmp_path / f"pw.{suffix}"
    code, out, err = run(write(tmp_path, "r.csv", csv_bytes(rows(2))), "--passwords", out_file)
    assert code == 0
    if suffix == "csv":
        table = list(csv.reader(io.StringIO(out_file.read_text("utf-8-sig"))))
    else:
        table = [[c.value for c in r] for r in load_workbook(out_file).active.iter_rows()]
    assert table[0] == ["登录名", "初始密码"] and len(table) == 3
    login, password = table[1]
    for text in (out, err, caplog.text):
        assert password not in text
    assert AccountState.objects.get(user__username=login).must_change_password
    r = client.post("/login/", {"username": login, "password": password})
    assert r.status_code == 302
    assert client.get("/").url == "/account/password/"


def test_it_leaves_new_logins_without_a_password_when_none_is_asked_for(tmp_path):
    code, _out, err = run(write(tmp_path, "r.csv", csv_bytes(rows(1))))
    assert code == 0 and "--passwords" in err
    assert not get_user_model().objects.get(username="gb0").has_usable_password()


def test_it_writes_nothing_when_the_password_file_cannot_be_written(tmp_path):
    code, _out, err = run(write(tmp_path, "r.csv", csv_bytes(rows(1))), "--passwords", tmp_path / "no" / "pw.csv")
    assert code == 2 and "nothing was written" in err
    assert counts() == (0, 0, 0, 0)


def test_it_cleans_control_characters(tmp_path):
    body = [["张\x01三\x07", "青禾县/城关镇", "镇\x0b长", "zs", "", "", ""]]
    assert run(write(tmp_path, "r.csv", csv_bytes(body)))[0] == 0
    o = Official.objects.get()
    assert (o.name, o.post) == ("张三", "镇 长")

