"""One report, one file: the same name and headers on every download path (official,
reviewer, ZIP), a name safe on every file system, the same refusal of a report too large.

Before, the three paths named one approved PDF three ways (``2025年度述职述廉报告-张三``,
``单位-张三-2025年度``, ``单位-张三-2025年度述职报告``); the unit, the official and the
report's title together won: they say whose report it is in a folder of a whole county.
"""

from __future__ import annotations

import io
import zipfile
from urllib.parse import quote

import pytest
from django.urls import reverse

from drafts import document
from drafts.downloads.files import NAME_MAX, file_name, safe_filename
from drafts.models import Unit
from drafts.review import transitions as reviewing

from .review_support import submitted

NAME = "示例县发展改革局-张三-2025年度述职述廉报告.pdf"


@pytest.fixture(autouse=True)
def _zips_inline(inline_zips):
    pass


@pytest.fixture
def approved(report, official, reviewer):
    submitted(report, official.user)
    reviewing.approve(report, reviewer)
    return report


def _official_download(client, report):
    client.force_login(report.official.user)
    return client.get(f"/reports/{report.pk}/download.pdf")


def _reviewer_download(client, report, reviewer):
    client.force_login(reviewer)
    return client.get(reverse("review_download", args=[report.pk, "pdf"]))


def test_it_names_the_file_the_same_for_the_official_and_the_reviewer(client, approved, reviewer):
    official = _official_download(client, approved)["Content-Disposition"]
    review = _reviewer_download(client, approved, reviewer)["Content-Disposition"]
    assert official == review
    assert "filename*=UTF-8''" + quote(NAME) in official


def test_it_sends_the_same_headers_on_both_paths(client, approved, reviewer):
    a = _official_download(client, approved)
    b = _reviewer_download(client, approved, reviewer)
    for header in ("Content-Type", "Cache-Control", "Content-Disposition"):
        assert a[header] == b[header]
    assert a["Cache-Control"] == "private, no-store"


def test_it_sends_the_same_bytes_on_both_paths(client, approved, reviewer):
    a = b"".join(_official_download(client, approved).streaming_content)
    b = b"".join(_reviewer_download(client, approved, reviewer).streaming_content)
    assert a == b


def test_the_zip_holds_the_file_under_the_same_name(client, approved, reviewer, unit):
    client.force_login(reviewer)
    client.post(reverse("review_zip_start"), {"unit": unit.pk, "year": 2025})
    from drafts.models import ZipJob

    job = ZipJob.objects.get()
    data = b"".join(
        client.get(reverse("review_zip_download", kwargs={"pk": job.pk})).streaming_content
    )
    members = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert members == [file_name(approved, "pdf"), "名单.xlsx"] == [NAME, "名单.xlsx"]


@pytest.mark.parametrize(
    "raw",
    ["../../etc/passwd", "a/b\\c", 'say "hi"', "tab\tand\nnewline\x00", "x:y*z?<>|", "..", "  ."],
)
def test_it_makes_any_name_safe(raw):
    name = safe_filename(raw)
    assert name and not set(name) & set('/\\:*?"<>|\'`')
    assert ".." not in name and not name.startswith(".")
    assert all(ch.isprintable() for ch in name)


def test_it_keeps_chinese_and_bounds_the_length():
    assert safe_filename("青禾县发展和改革局") == "青禾县发展和改革局"
    assert len(safe_filename("局" * 500)) == NAME_MAX


def test_it_names_a_report_of_a_hostile_unit_safely(report):
    Unit.objects.filter(pk=report.official.unit_id).update(name='../"县"\\局\x07')
    report.official.unit.refresh_from_db()
    name = file_name(report, "pdf")
    assert name.endswith("-张三-2025年度述职述廉报告.pdf")
    assert "/" not in name and "\\" not in name and '"' not in name and "\x07" not in name


def test_a_report_too_large_gets_the_same_page_on_both_paths(client, make_report, reviewer):
    report = make_report(tree=document.Report(title="超长", opening="长" * 70_000))
    submitted(report, report.official.user)
    a = _official_download(client, report)
    b = _reviewer_download(client, report, reviewer)
    assert a.status_code == b.status_code == 413
    assert "无法生成文件" in a.content.decode() and "无法生成文件" in b.content.decode()


def test_the_zip_holds_the_same_bytes_as_the_downloads(client, approved, reviewer, unit):
    downloaded = b"".join(_official_download(client, approved).streaming_content)
    client.force_login(reviewer)
    client.post(reverse("review_zip_start"), {"unit": unit.pk, "year": 2025})
    from drafts.models import ZipJob

    job = ZipJob.objects.get()
    data = b"".join(
        client.get(reverse("review_zip_download", kwargs={"pk": job.pk})).streaming_content
    )
    assert zipfile.ZipFile(io.BytesIO(data)).read(NAME) == downloaded


def _text(data: bytes, tmp_path) -> str:
    import subprocess

    path = tmp_path / "f.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def test_a_submitted_report_has_no_draft_mark(client, report, official, reviewer, tmp_path):
    submitted(report, official.user)
    for response in (_official_download(client, report), _reviewer_download(client, report, reviewer)):
        assert "草稿" not in _text(b"".join(response.streaming_content), tmp_path)


def test_a_returned_report_carries_the_draft_mark(client, report, official, reviewer, tmp_path):
    submitted(report, official.user)
    reviewing.return_report(report, reviewer, "请补充")
    response = _reviewer_download(client, report, reviewer)
    assert "草稿" in _text(b"".join(response.streaming_content), tmp_path)
