"""``manage.py prune_zips [--days N]``: old ZIP jobs and their files are deleted."""

import os
import time
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from drafts.models import ZipJob
from drafts.review import zips as tasks


@pytest.fixture
def make_job(make_reviewer, unit, year):
    user = make_reviewer(unit)

    def make(days_old, state=ZipJob.State.DONE, file_name=None):
        job = ZipJob.objects.create(user=user, unit=unit, year=year, state=state)
        if file_name is None and state == ZipJob.State.DONE:
            file_name = f"job-{job.pk}-abc.zip"
        if file_name:
            path = tasks.zip_dir() / file_name
            path.write_bytes(b"PK\x05\x06" + b"\0" * 18)
            age = time.time() - days_old * 86400
            os.utime(path, (age, age))
            if state == ZipJob.State.DONE:
                job.path = file_name
        job.created_at = timezone.now() - timedelta(days=days_old)
        job.save()
        return job

    return make


def files():
    return sorted(p.name for p in tasks.zip_dir().iterdir())


def prune(*args):
    from io import StringIO

    out = StringIO()
    call_command("prune_zips", *args, stdout=out)
    return out.getvalue()


def test_it_deletes_jobs_and_files_older_than_seven_days(make_job):
    old, recent = make_job(8), make_job(6)
    assert "Deleted 1 ZIP jobs and 1 files." in prune()
    assert list(ZipJob.objects.values_list("pk", flat=True)) == [recent.pk]
    assert files() == [recent.path]
    assert not (tasks.zip_dir() / old.path).exists()


def test_it_takes_the_age_from_days(make_job):
    make_job(3), make_job(1)
    prune("--days", "2")
    assert ZipJob.objects.count() == 1 and len(files()) == 1


def test_it_deletes_failed_jobs_and_stray_partial_files(make_job):
    make_job(9, ZipJob.State.FAILED, file_name="job-999-dead.part")
    prune()
    assert not ZipJob.objects.exists() and files() == []


def test_it_keeps_a_job_being_built_and_its_partial_file(make_job):
    building = make_job(0, ZipJob.State.RUNNING)
    (tasks.zip_dir() / f"job-{building.pk}-x.part").write_bytes(b"PK")
    prune("--days", "0")
    assert ZipJob.objects.filter(pk=building.pk).exists()
    assert files() == [f"job-{building.pk}-x.part"]


def test_it_deletes_a_job_stuck_in_the_queue(make_job):
    make_job(8, ZipJob.State.QUEUED)
    prune()
    assert not ZipJob.objects.exists()


def test_it_refuses_negative_days():
    with pytest.raises(CommandError):
        call_command("prune_zips", "--days", "-1")
