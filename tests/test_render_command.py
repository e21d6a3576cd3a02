"""``manage.py render_report TREE.json --format pdf|docx|html -o OUT`` (report-tree.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from drafts import document

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def tree_file(tmp_path, sample_tree):
    path = tmp_path / "tree.json"
    path.write_text(sample_tree.to_json(), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "fmt, magic", [("pdf", b"%PDF-"), ("docx", b"PK\x03\x04"), ("html", b"<!DOCTYPE html>")]
)
def test_it_writes_each_format(tree_file, tmp_path, fmt, magic):
    out = tmp_path / f"out.{fmt}"
    call_command("render_report", str(tree_file), "--format", fmt, "-o", str(out))
    assert out.read_bytes().startswith(magic)


def test_it_marks_drafts_on_request(tree_file, tmp_path):
    out = tmp_path / "out.html"
    call_command("render_report", str(tree_file), "--format", "html", "-o", str(out), "--draft")
    assert "草稿" in out.read_text(encoding="utf-8")


def test_it_reads_a_tree_with_a_byte_order_mark(tmp_path, sample_tree):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + sample_tree.to_json().encode("utf-8"))
    out = tmp_path / "out.html"
    call_command("render_report", str(path), "--format", "html", "-o", str(out))
    assert "2025年度述职述廉报告" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file"),
        (b"{not json", "not JSON"),
        (b'{"sections": 3}', "sections: expected a list"),
        (b'{"signature": {"date": "2025-02-30"}}', "not a real date"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
    ],
)
def test_bad_input_is_a_command_error_with_status_2(tmp_path, content, message):
    path = tmp_path / "tree.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as exc:
        call_command("render_report", str(path), "--format", "pdf", "-o", str(tmp_path / "o.pdf"))
    assert exc.value.returncode == 2


def test_a_too_large_tree_is_refused_with_status_2(tmp_path):
    path = tmp_path / "big.json"
    path.write_text(document.Report(opening="字" * 1_000_000).to_json(), encoding="utf-8")
    with pytest.raises(CommandError, match="60,000") as exc:
        call_command("render_report", str(path), "--format", "docx", "-o", str(tmp_path / "o.docx"))
    assert exc.value.returncode == 2


def test_a_process_prints_one_line_and_exits_2_without_a_traceback(tmp_path):
    path = tmp_path / "tree.json"
    path.write_text('{"sections": [{"item_style": "roman"}]}', encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "render_report",
            str(path),
            "--format",
            "pdf",
            "-o",
            str(tmp_path / "o.pdf"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "item_style" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "o.pdf").exists()
