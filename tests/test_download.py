"""Downloads of a report: ``/reports/<id>/download.<pdf|docx>``."""

from __future__ import annotations

import io
import subprocess
from urllib.parse import quote

import pytest
from docx import Document

from drafts import document
from drafts.downloads.files import Printed, report_file
from drafts.models import Report
from drafts.persistence import apply_tree
from drafts.review import transitions as reviewing

from .review_support import submitted

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def cache_dir(settings):
    return settings.RENDER_CACHE_DIR


def url(report, fmt):
    return f"/reports/{report.pk}/download.{fmt}"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "d.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def owner_client(client, report):
    client.force_login(report.official.user)
    return client


def test_it_sends_the_owner_a_pdf(owner_client, report, tmp_path):
    response = owner_client.get(url(report, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == PDF_TYPE
    data = body(response)
    assert data.startswith(b"%PDF-")
    assert "扎实履职尽责" in pdf_text(data, tmp_path)


def test_it_sends_the_owner_a_docx(owner_client, report):
    response = owner_client.get(url(report, "docx"))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    doc = Document(io.BytesIO(body(response)))
    assert doc.paragraphs[0].text == "2025年度述职述廉报告"


def test_the_filename_is_chinese_with_an_ascii_fallback(owner_client, report):
    disposition = owner_client.get(url(report, "pdf"))["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert f'filename="report-2025-{report.pk}.pdf"' in disposition
    assert "filename*=UTF-8''" + quote("示例县发展改革局-张三-2025年度述职述廉报告.pdf") in disposition


def test_a_draft_carries_the_draft_mark(owner_client, report, tmp_path):
    assert report.status == Report.Status.DRAFT
    assert "草稿" in pdf_text(body(owner_client.get(url(report, "pdf"))), tmp_path)
    doc = Document(io.BytesIO(body(owner_client.get(url(report, "docx")))))
    assert doc.sections[0].header.paragraphs[0].text == "草稿"


def test_an_approved_report_has_no_draft_mark(client, report, reviewer, tmp_path):
    submitted(report, report.official.user)
    reviewing.approve(report, reviewer)
    client.force_login(report.official.user)
    assert "草稿" not in pdf_text(body(client.get(url(report, "pdf"))), tmp_path)


def test_a_repeated_download_is_served_from_the_cache(owner_client, report, cache_dir):
    owner_client.get(url(report, "pdf"))
    files = list(cache_dir.glob("*.pdf"))
    assert len(files) == 1
    files[0].write_bytes(b"%PDF-cached")
    assert body(owner_client.get(url(report, "pdf"))) == b"%PDF-cached"


def test_an_edit_gives_a_fresh_file(owner_client, report, sample_tree, tmp_path):
    owner_client.get(url(report, "pdf"))
    sample_tree.closing = "修改后的结束语。"
    apply_tree(report, sample_tree)
    assert "修改后的结束语" in pdf_text(body(owner_client.get(url(report, "pdf"))), tmp_path)


def test_anonymous_users_are_sent_to_the_login_page(client, report):
    response = client.get(url(report, "pdf"))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_another_official_gets_a_404(client, report, other_official):
    client.force_login(other_official.user)
    assert client.get(url(report, "pdf")).status_code == 404
    assert client.get(url(report, "docx")).status_code == 404


def test_an_unknown_report_is_a_404(owner_client):
    assert owner_client.get("/reports/999999/download.pdf").status_code == 404


def test_an_unknown_format_is_not_routed(owner_client, report):
    assert owner_client.get(f"/reports/{report.pk}/download.odt").status_code == 404


def test_a_reviewer_out_of_scope_gets_a_404(client, report, make_reviewer, other_unit):
    client.force_login(make_reviewer(other_unit))
    assert client.get(url(report, "pdf")).status_code == 404


def test_a_reviewer_in_scope_gets_the_submitted_version(
    client, report, make_reviewer, unit, sample_tree, tmp_path
):
    report = submitted(report, report.official.user)
    sample_tree.closing = "提交后才改的内容。"
    apply_tree(report, sample_tree, bump_version=False)
    client.force_login(make_reviewer(unit))
    text = pdf_text(body(client.get(url(report, "pdf"))), tmp_path)
    assert "新的一年，我将继续努力" in text and "提交后才改的内容" not in text


def test_a_reviewer_gets_a_404_for_a_report_never_submitted(client, report, make_reviewer, unit):
    client.force_login(make_reviewer(unit))
    assert client.get(url(report, "pdf")).status_code == 404


def test_a_1_mb_field_is_refused_with_a_clear_message(client, make_report):
    report = make_report(tree=document.Report(title="超长报告", opening="长" * 1_000_000))
    client.force_login(report.official.user)
    response = client.get(url(report, "pdf"))
    assert response.status_code == 413
    content = response.content.decode()
    assert "1,000,004" in content and "60,000" in content
    assert "无法生成文件" in content


def test_report_file_is_reusable_with_a_frozen_tree(report, sample_tree):
    frozen = document.Report.from_json(sample_tree.to_json())
    frozen.closing = "冻结版本。"
    path = report_file(Printed(frozen, draft=False), "docx")
    doc = Document(str(path))
    assert "冻结版本。" in [p.text for p in doc.paragraphs]
    assert doc.sections[0].header.paragraphs[0].text == ""


def test_the_download_buttons_link_both_formats(report):
    from django.template.loader import render_to_string

    html = render_to_string("downloads/download_buttons.html", {"report": report})
    assert f'href="/reports/{report.pk}/download.pdf"' in html
    assert f'href="/reports/{report.pk}/download.docx"' in html
    assert "下载 PDF" in html and "草稿" in html
