"""Reviewers download PDF/DOCX of any report in scope, rendered from the frozen submission."""

import io
import subprocess

from django.urls import reverse

from drafts.models import Report
from drafts.review import transitions as reviewing

from .review_support import submitted  # noqa: F401


def url(report, fmt):
    return reverse("review_download", kwargs={"report_id": report.pk, "fmt": fmt})


def pdf_text(response) -> str:
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF")
    done = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def test_it_renders_the_frozen_tree_as_pdf(client, report, official, reviewer, sample_tree):
    submitted(report, official.user)
    reviewing.approve(report, reviewer)
    Report.objects.filter(pk=report.pk).update(closing="后来改的结束语")
    client.force_login(reviewer)
    response = client.get(url(report, "pdf"))
    assert response.status_code == 200
    text = pdf_text(response).replace(" ", "")
    assert "全年新开工项目18个" in text
    assert "后来改的结束语" not in text


def test_it_names_the_file_by_unit_official_and_year(client, report, official, reviewer):
    submitted(report, official.user)
    client.force_login(reviewer)
    response = client.get(url(report, "docx"))
    disposition = response["Content-Disposition"]
    assert "attachment" in disposition
    from urllib.parse import unquote

    assert "示例县发展改革局-张三-2025年度述职述廉报告.docx" in unquote(disposition)


def test_it_renders_docx(client, report, official, reviewer):
    import docx

    submitted(report, official.user)
    client.force_login(reviewer)
    data = b"".join(client.get(url(report, "docx")).streaming_content)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "坚持集中学习" in text


def test_it_lets_the_owner_download_too(client, report, official, reviewer):
    submitted(report, official.user)
    client.force_login(official.user)
    assert client.get(url(report, "pdf")).status_code == 200


def test_it_is_404_before_any_submission(client, report, reviewer):
    client.force_login(reviewer)
    assert client.get(url(report, "pdf")).status_code == 404


def test_it_is_404_for_an_unknown_format(client, report, official, reviewer):
    submitted(report, official.user)
    client.force_login(reviewer)
    assert client.get(url(report, "exe")).status_code == 404


def test_it_is_404_out_of_scope(
    client, report, official, make_reviewer, other_unit, other_official
):
    submitted(report, official.user)
    for user in (make_reviewer(other_unit), other_official.user):
        client.force_login(user)
        assert client.get(url(report, "pdf")).status_code == 404


def test_it_redirects_anonymous_users(client, report, official):
    submitted(report, official.user)
    assert client.get(url(report, "pdf")).status_code == 302
