"""The import page: paste or upload; bad input gets a clear message; nothing is changed."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from drafts.models import Report

TEXT = "2024年度述职报告\n一年来，我认真履职尽责，完成了各项任务。\n一、加强学习\n1.坚持学习。全年学习十二次。\n"


@pytest.fixture
def client_of(client):
    def login(official):
        client.force_login(official.user)
        return client

    return login


def test_it_sends_anonymous_users_to_login(client, db):
    response = client.get(reverse("import_start"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_it_shows_the_form(client_of, official):
    response = client_of(official).get(reverse("import_start"))
    assert response.status_code == 200
    assert "粘贴" in response.content.decode()


def test_it_reads_pasted_text_and_shows_the_split(client_of, official):
    c = client_of(official)
    response = c.post(reverse("import_start"), {"text": TEXT})
    assert response.status_code == 302 and response["Location"] == reverse("import_review")
    page = c.get(reverse("import_review")).content.decode()
    assert "加强学习" in page and "坚持学习" in page


def test_it_reads_an_uploaded_docx(client_of, official):
    d = docx.Document()
    for line in TEXT.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    c = client_of(official)
    upload = SimpleUploadedFile("r.docx", buf.getvalue())
    assert c.post(reverse("import_start"), {"file": upload}).status_code == 302
    assert "坚持学习" in c.get(reverse("import_review")).content.decode()


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("a.docx", b"PK\x03\x04garbage", "不是 Word 文档"),
        ("a.txt", bytes(range(256)) * 8, "不是文本文件"),
        ("a.txt", b"", "空"),
        ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, ".doc"),
    ],
)
def test_it_refuses_bad_files_with_a_clear_message(client_of, official, name, data, message):
    response = client_of(official).post(
        reverse("import_start"), {"file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 400
    assert message in response.content.decode()


def test_it_refuses_a_20_mb_upload(client_of, official):
    upload = SimpleUploadedFile("big.docx", b"PK\x03\x04" + b"\x00" * (20 * 1024 * 1024))
    response = client_of(official).post(reverse("import_start"), {"file": upload})
    assert response.status_code == 400 and "MB" in response.content.decode()


def test_it_asks_for_text_when_nothing_was_given(client_of, official):
    response = client_of(official).post(reverse("import_start"), {"text": "  "})
    assert response.status_code == 400 and "粘贴" in response.content.decode()


def test_it_reads_gb18030_and_bom_files(client_of, official):
    c = client_of(official)
    for data in (TEXT.encode("gb18030"), b"\xef\xbb\xbf" + TEXT.encode()):
        assert (
            c.post(reverse("import_start"), {"file": SimpleUploadedFile("r.txt", data)}).status_code
            == 302
        )


def test_it_escapes_html_in_the_source(client_of, official):
    c = client_of(official)
    c.post(reverse("import_start"), {"text": TEXT + "<script>alert(1)</script>"})
    page = c.get(reverse("import_review")).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_it_returns_404_for_another_officials_report(
    client_of, official, other_official, make_report
):
    theirs = make_report(owner=other_official)
    response = client_of(official).get(reverse("import_start") + f"?report={theirs.pk}")
    assert response.status_code == 404


def test_it_refuses_a_report_that_is_not_editable(client_of, official, make_report):
    submitted = make_report(status=Report.Status.SUBMITTED)
    url = reverse("import_start") + f"?report={submitted.pk}"
    response = client_of(official).post(url, {"text": TEXT})
    assert response.status_code == 302 and response["Location"] == reverse(
        "wizard", args=[submitted.pk]
    )


def test_it_does_not_touch_the_draft_when_reading(client_of, official, report):
    before = (report.version, Report.objects.get(pk=report.pk).opening)
    client_of(official).post(reverse("import_start") + f"?report={report.pk}", {"text": TEXT})
    after = Report.objects.get(pk=report.pk)
    assert (after.version, after.opening) == before


def test_it_refuses_1_mb_of_text_with_a_clear_message(client_of, official):
    response = client_of(official).post(reverse("import_start"), {"text": "学习。" * 350_000})
    assert response.status_code == 400 and "超过导入上限" in response.content.decode()


def test_it_refuses_more_than_the_upload_limit_of_pasted_text(client_of, official, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    response = client_of(official).post(reverse("import_start"), {"text": "学" * 700_000})
    assert response.status_code == 400 and "太大" in response.content.decode()


def test_it_strips_control_characters_from_pasted_text(client_of, official):
    c = client_of(official)
    c.post(reverse("import_start"), {"text": TEXT.replace("认真", "认\x00真\x07")})
    assert "认真" in c.get(reverse("import_review")).content.decode()


def test_a_reviewer_of_the_unit_cannot_import_into_the_report(client, make_reviewer, unit, report):
    client.force_login(make_reviewer(unit))
    response = client.get(reverse("import_start") + f"?report={report.pk}")
    assert response.status_code == 404
