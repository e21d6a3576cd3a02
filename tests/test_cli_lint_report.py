"""lint_report PATH [--json] [--previous PATH]: exit 1 on errors, 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

REPO = Path(__file__).resolve().parents[1]
CLEAN = "今年以来，我认真履行职责，全年完成各项任务。\n一、加强学习\n1.坚持学习。全年参加集中学习十二次。\n"


def _run(*args):
    return subprocess.run(
        [sys.executable, str(REPO / "manage.py"), "lint_report", *args],
        capture_output=True,
        cwd=REPO,
        timeout=60,
    )


def test_it_prints_findings_as_json_and_exits_1_on_errors(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(CLEAN.replace("十二", "*"), encoding="utf-8")
    result = _run(str(path), "--json")
    assert result.returncode == 1
    findings = json.loads(result.stdout.decode("utf-8"))
    placeholder = [f for f in findings if f["code"] == "placeholder"]
    assert placeholder == [
        {
            "code": "placeholder",
            "severity": "error",
            "where": "sections[0].items[0].body",
            "offset": 8,
            "excerpt": "参加集中学习*次。",
            "message": "存在未填写的占位符“*”，请填上实际的数字或文字",
        }
    ]


def test_it_exits_0_without_errors(tmp_path, capsys):
    path = tmp_path / "r.txt"
    path.write_text(CLEAN, encoding="utf-8")
    call_command("lint_report", str(path))  # no SystemExit: exit status 0
    assert "0项错误" in capsys.readouterr().out


def test_it_reads_a_tree_json_and_a_previous_report(tmp_path, capsys):
    path = tmp_path / "r.json"
    call_command("parse_report", _write(tmp_path, CLEAN), stdout=_Out(path))
    previous = _write(tmp_path, CLEAN, "prev.txt")
    call_command("lint_report", str(path), "--json", "--previous", previous)
    findings = json.loads(capsys.readouterr().out)
    assert any(f["code"] == "reused_from_previous" for f in findings)


def test_it_reports_scrape_debris_left_in_a_text_file(tmp_path):
    path = _write(tmp_path, CLEAN + "##paidend##\n")
    result = _run(path, "--json")
    assert result.returncode == 1
    assert any(f["code"] == "scrape_debris" for f in json.loads(result.stdout))


def test_it_exits_2_on_an_invalid_tree_json(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"sections": "nope"}', encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("lint_report", str(path))
    assert exc.value.returncode == 2
    result = _run(str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr.decode()


def _write(tmp_path, text, name="r.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


class _Out:
    def __init__(self, path):
        self.path = path

    def write(self, text):
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(text)

    def flush(self):
        pass


def test_it_reports_ordinals_out_of_order_in_a_text_file(tmp_path, capsys):
    text = "今年以来，我认真履行职责。\n一、抓党建\n坚持从严。一是建制度。甲。三是强队伍。乙。\n"
    call_command("lint_report", _write(tmp_path, text), "--json")
    findings = json.loads(capsys.readouterr().out)
    assert [f["where"] for f in findings if f["code"] == "numbering"] == [
        "sections[0].items[1].lead"
    ]


SLIPS = (
    "2022年度述职述廉报告\n"
    "一年来，全年 共召开会议十次。。现将有关情况报告如下：\n"
    "一、加强学习。\n"
    "1.坚持学习。我的的工作是学习“理论\n"
)


def test_it_reports_each_slip_at_its_field_with_year(tmp_path):
    result = _run(_write(tmp_path, SLIPS), "--json", "--year", "2026")
    found = {(f["code"], f["where"]) for f in json.loads(result.stdout.decode("utf-8"))}
    assert {
        ("wrong_year", "title"),
        ("space_in_chinese", "opening"),
        ("doubled_punct", "opening"),
        ("doubled_char", "sections[0].items[0].body"),
        ("unbalanced_pair", "sections[0].items[0].body"),
        ("missing_final_punct", "sections[0].items[0].body"),
    } <= found


def test_it_skips_the_year_checks_without_year(tmp_path):
    result = _run(_write(tmp_path, SLIPS), "--json")
    assert "wrong_year" not in {f["code"] for f in json.loads(result.stdout.decode("utf-8"))}


def test_it_exits_2_on_a_bad_year(tmp_path):
    result = _run(_write(tmp_path, CLEAN), "--year", "next")
    assert result.returncode == 2 and "Traceback" not in result.stderr.decode()
    assert "--year" in result.stderr.decode()


def test_it_quotes_last_years_promise_that_nothing_reports_on(tmp_path, capsys):
    previous = _write(
        tmp_path,
        "一年来，我认真履职。\n一、抓项目\n1.抓建设。新开工项目十个。\n"
        "二、下一步打算\n1.推进数字化审批。上线网上审批平台，压缩审批时限。\n",
        "prev.txt",
    )
    call_command("lint_report", _write(tmp_path, CLEAN), "--json", "--previous", previous)
    promises = [f for f in json.loads(capsys.readouterr().out) if f["code"] == "unkept_promise"]
    assert len(promises) == 1 and "推进数字化审批" in promises[0]["message"]
