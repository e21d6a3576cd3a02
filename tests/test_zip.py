"""The ZIP of a unit's approved reports, built in the background with progress."""

import io
import threading
import time
import zipfile

import pytest
from django.urls import reverse

from drafts.models import Unit, ZipJob
from drafts.review import transitions as reviewing
from drafts.review import zips as tasks

from .review_support import submitted  # noqa: F401


@pytest.fixture(autouse=True)
def _zips_inline(inline_zips):
    pass


@pytest.fixture
def approved(make_report, make_official, official, reviewer, unit):
    reports = []
    child = Unit.objects.create(name="下属中心", parent=unit)
    for owner in (official, make_official(name="王五", unit=child)):
        r = submitted(make_report(owner=owner), owner.user)
        reviewing.approve(r, reviewer)
        reports.append(r)
    return reports


def start(client, unit, year=2025):
    return client.post(reverse("review_zip_start"), {"unit": unit.pk, "year": year})


def test_it_builds_a_zip_of_the_approved_reports(
    client, approved, reviewer, unit, make_report, make_official
):
    make_report(owner=make_official(name="未通过"))  # a draft: not in the ZIP
    client.force_login(reviewer)
    response = start(client, unit)
    job = ZipJob.objects.get()
    assert response.url == reverse("review_zip", kwargs={"pk": job.pk})
    assert (job.state, job.done, job.total) == ("done", 2, 2)
    data = b"".join(
        client.get(reverse("review_zip_download", kwargs={"pk": job.pk})).streaming_content
    )
    names = sorted(zipfile.ZipFile(io.BytesIO(data)).namelist())
    assert names == [
        "下属中心-王五-2025年度述职述廉报告.pdf",
        "名单.xlsx",
        "示例县发展改革局-张三-2025年度述职述廉报告.pdf",
    ]


def test_it_reports_progress_as_json(client, approved, reviewer, unit):
    client.force_login(reviewer)
    start(client, unit)
    job = ZipJob.objects.get()
    state = client.get(reverse("review_zip_status", kwargs={"pk": job.pk})).json()
    assert state["state"] == "done" and state["percent"] == 100 and state["download"]


def test_it_shows_a_progress_page(client, approved, reviewer, unit):
    client.force_login(reviewer)
    start(client, unit)
    body = client.get(
        reverse("review_zip", kwargs={"pk": ZipJob.objects.get().pk})
    ).content.decode()
    assert 'role="progressbar"' in body and "下载压缩包" in body


def test_it_refuses_a_unit_out_of_scope(client, reviewer, other_unit):
    client.force_login(reviewer)
    assert start(client, other_unit).status_code == 404
    assert client.post(reverse("review_zip_start"), {"unit": "x", "year": 2025}).status_code == 302
    assert not ZipJob.objects.exists()


def test_it_refuses_officials(client, official, unit):
    client.force_login(official.user)
    assert start(client, unit).status_code == 403
    assert not ZipJob.objects.exists()


def test_it_hides_another_users_job(client, approved, reviewer, unit, make_reviewer):
    client.force_login(reviewer)
    start(client, unit)
    job = ZipJob.objects.get()
    client.force_login(make_reviewer(unit))
    for name in ("review_zip", "review_zip_status", "review_zip_download"):
        assert client.get(reverse(name, kwargs={"pk": job.pk})).status_code == 404


def test_it_records_a_failure(client, reviewer, unit, approved, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(tasks, "report_file", broken)
    client.force_login(reviewer)
    start(client, unit)
    job = ZipJob.objects.get()
    assert job.state == "failed" and "disk full" in job.error
    assert client.get(reverse("review_zip_download", kwargs={"pk": job.pk})).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_it_runs_in_a_thread_without_blocking_the_request(
    client, approved, reviewer, unit, settings, monkeypatch
):
    settings.BACKGROUND_RUNNER = "auto"  # the embedded default: ImmediateBackend -> a thread
    gate = threading.Event()
    real = tasks.report_file

    def slow(*args, **kwargs):
        gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(tasks, "report_file", slow)
    client.force_login(reviewer)
    response = start(client, unit)
    assert response.status_code == 302  # answered while the job waits
    job = ZipJob.objects.get()
    assert job.state in ("queued", "running")
    gate.set()
    for _ in range(100):
        job.refresh_from_db()
        if job.state == "done":
            break
        time.sleep(0.1)
    assert job.state == "done" and job.done == 2


def test_it_queues_the_job_for_a_database_worker_when_configured(
    client, approved, reviewer, unit, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.BACKGROUND_RUNNER = "auto"
    # django-tasks resets its backends on setting_changed (and again when the test ends)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):  # enqueued once the job is saved
        start(client, unit)
    job = ZipJob.objects.get()
    assert job.state == "queued"  # nothing ran in the web process
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["args"] == [job.pk]
    tasks.build_zip.call(job.pk)  # what `manage.py db_worker` does with it
    job.refresh_from_db()
    assert job.state == "done"
