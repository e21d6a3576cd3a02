"""The deployment, proven: gunicorn with two workers and a ``db_worker`` process, started the
way the production units start them, on a database of their own; over HTTP on loopback an
official logs in, drafts and submits, a reviewer approves, the worker renders the files
ahead, both download PDF and DOCX without the web processes rendering, and a ZIP is built
and downloaded. On SQLite (the embedded default) and, when the suite runs there, PostgreSQL.
"""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from .deployment import Client, database_kinds, deployment, fill_report, start_report, value_of

pytestmark = pytest.mark.deployment


@pytest.fixture(params=database_kinds())
def live(request, tmp_path):
    with deployment(request.param, tmp_path / "deploy") as d:
        yield d


def _wait(predicate, seconds=90, what=""):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def test_it_serves_the_whole_journey(live):
    seeded = live.shell("seed(officials=1, reviewers=1)")
    official, reviewer = Client(live.url), Client(live.url)
    official.login(seeded["officials"][0], seeded["password"])
    report_id = start_report(official, seeded["year"], seeded["report_type"])
    version = fill_report(official, report_id, "干部000")

    r = official.post(f"/reports/{report_id}/submit/", {"version": str(version)})
    assert r.status == 200 and "已提交" in r.text, r.text[:500]

    reviewer.login(seeded["reviewers"][0], seeded["password"])
    page = reviewer.get(f"/review/reports/{report_id}/").text
    decided = reviewer.post(
        f"/review/reports/{report_id}/decide/",
        {"action": "approve", "version": value_of(page, r'name="version" value="(\d+)"')},
    )
    assert decided.status == 200 and "已通过" in decided.text

    # The worker renders the approved files ahead.
    _wait(lambda: len(list(live.cache_dir.glob("*-final.*"))) == 2, what="the renders ahead")
    assert "final.pdf" in live.log("worker") and "final.docx" in live.log("worker")

    for client in (official, reviewer):
        pdf = client.get(f"/reports/{report_id}/download.pdf")
        docx = client.get(f"/reports/{report_id}/download.docx")
        assert pdf.status == 200 and pdf.body.startswith(b"%PDF-")
        assert docx.status == 200 and docx.body.startswith(b"PK")
        assert pdf.headers["Content-Type"] == "application/pdf"
    assert "rendered" not in live.log("web")  # every download came from the cache

    started = reviewer.post("/review/zip/", {"unit": "", "year": str(seeded["year"]), "formats": "pdf,docx"})
    job = int(value_of(started.url, r"/review/zip/(\d+)/"))
    _wait(
        lambda: reviewer.get(f"/review/zip/{job}/status/").json()["state"] == "done",
        what="the ZIP",
    )
    zipped = reviewer.get(f"/review/zip/{job}/download/")
    assert zipped.status == 200
    names = sorted(zipfile.ZipFile(io.BytesIO(zipped.body)).namelist())
    assert len(names) == 3 and "名单.xlsx" in names
    assert sum(n.endswith(".pdf") for n in names) == sum(n.endswith(".docx") for n in names) == 1
    assert "rendered" not in live.log("web")


def test_it_refuses_what_a_stranger_asks_for(live):
    seeded = live.shell("seed(officials=2, reviewers=0)")
    owner, stranger = Client(live.url), Client(live.url)
    owner.login(seeded["officials"][0], seeded["password"])
    report_id = start_report(owner, seeded["year"], seeded["report_type"])
    stranger.login(seeded["officials"][1], seeded["password"])
    assert stranger.get(f"/reports/{report_id}/step/start/").status == 404
    assert stranger.get(f"/reports/{report_id}/download.pdf").status == 404
    anonymous = Client(live.url).get(f"/reports/{report_id}/download.pdf", follow=False)
    assert anonymous.status == 302 and "/login/" in anonymous.headers["Location"]
