"""Renders ahead: submitting and approving fill the render cache in the background, so that
downloads never render in the request; a missing file is rendered once however many ask."""

from __future__ import annotations

import logging
import threading

import pytest
from django.core.management import call_command
from django.test import Client

from drafts.downloads.prerender import stale_reports
from drafts.review import transitions as reviewing

from .review_support import submitted


@pytest.fixture
def rendered(caplog):
    """The names of the files rendered while the test runs (the cache logs each render)."""
    caplog.set_level(logging.INFO, logger="drafts.rendering")

    def names():
        return [r.args[0] for r in caplog.records if r.getMessage().startswith("rendered ")]

    return names


def _download(client, report, user, ext="pdf"):
    client.force_login(user)
    response = client.get(f"/reports/{report.pk}/download.{ext}")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_submitting_renders_the_files_ahead_without_the_draft_mark(
    report, official, settings, rendered
):
    settings.BACKGROUND_RUNNER = "inline"
    submitted(report, official.user)
    assert sorted(n.rsplit("-", 1)[1] for n in rendered()) == ["final.docx", "final.pdf"]


def test_approving_renders_nothing_more(report, official, reviewer, settings, rendered):
    settings.BACKGROUND_RUNNER = "inline"
    submitted(report, official.user)
    before = len(rendered())
    reviewing.approve(report, reviewer)
    assert len(rendered()) == before  # the submitted files are the approved files


def test_a_download_after_approval_does_not_render(
    client, report, official, reviewer, settings, rendered
):
    settings.BACKGROUND_RUNNER = "inline"
    submitted(report, official.user)
    reviewing.approve(report, reviewer)
    before = len(rendered())
    for user in (official.user, reviewer):
        for ext in ("pdf", "docx"):
            assert _download(client, report, user, ext)[:2] in (b"%P", b"PK")
    assert len(rendered()) == before


def test_returning_a_report_renders_nothing(report, official, reviewer, settings, rendered):
    submitted(report, official.user)
    settings.BACKGROUND_RUNNER = "inline"
    reviewing.return_report(report, reviewer, "请补充")
    assert rendered() == []


@pytest.mark.django_db(transaction=True)
def test_two_first_downloads_at_once_render_once(report, official, reviewer, rendered):
    submitted(report, official.user)  # background work is off: nothing rendered ahead
    reviewing.approve(report, reviewer)
    clients = []
    for user in (official.user, reviewer):  # log in first: only the downloads run at once
        client = Client()
        client.force_login(user)
        clients.append(client)
    results, start = [], threading.Barrier(2, timeout=30)

    def download(client):
        try:
            start.wait()
            response = client.get(f"/reports/{report.pk}/download.pdf")
            results.append((response.status_code, b"".join(response.streaming_content)))
        except Exception as exc:  # reported by the assertion below
            results.append((repr(exc), b""))

    threads = [threading.Thread(target=download, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert [code for code, _ in results] == [200, 200]
    assert results[0][1] == results[1][1]
    assert len([n for n in rendered() if n.endswith(".pdf")]) == 1


def test_a_profile_change_leaves_files_to_render_and_the_command_renders_them(
    report, official, reviewer, settings, rendered
):
    settings.BACKGROUND_RUNNER = "inline"
    submitted(report, official.user)
    reviewing.approve(report, reviewer)
    assert stale_reports() == []
    settings.RENDER_PROFILE = {"margin_top_mm": 36.0}
    assert stale_reports() == [report.pk]
    before = len(rendered())
    call_command("prerender", stdout=open("/dev/null", "w"))
    assert len(rendered()) == before + 2
    assert stale_reports() == []


def test_the_command_can_queue_instead(report, official, reviewer, settings, rendered):
    submitted(report, official.user)
    reviewing.approve(report, reviewer)
    settings.BACKGROUND_RUNNER = "off"  # queued work goes nowhere here: nothing renders now
    from io import StringIO

    out = StringIO()
    call_command("prerender", "--enqueue", stdout=out)
    assert "1 reports queued" in out.getvalue() and rendered() == []
