"""parse_report PATH: the tree as JSON on stdout; exit 2 with one line on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REPORT = "2025年度述职报告\n今年以来，我认真履职。\n一、加强学习\n1.坚持学习。每周一次。\n"


def _run(*args):
    return subprocess.run(
        [sys.executable, str(REPO / "manage.py"), *args], capture_output=True, cwd=REPO, timeout=60
    )


def test_it_prints_the_tree_as_utf8_json(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(REPORT.encode("gb18030"))
    result = _run("parse_report", str(path))
    assert result.returncode == 0
    tree = json.loads(result.stdout.decode("utf-8"))
    assert tree["title"] == "2025年度述职报告"
    assert tree["sections"][0]["items"][0] == {"lead": "坚持学习", "body": "每周一次。"}


def test_it_exits_2_with_one_line_for_a_binary_file(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(bytes(range(256)) * 10)
    result = _run("parse_report", str(path))
    assert result.returncode == 2
    err = result.stderr.decode("utf-8").strip()
    assert "\n" not in err and "Traceback" not in err and "不是文本文件" in err
    assert result.stdout == b""


def test_it_exits_2_for_a_missing_file(tmp_path):
    result = _run("parse_report", str(tmp_path / "nope.docx"))
    assert result.returncode == 2
    assert "找不到文件" in result.stderr.decode("utf-8")
