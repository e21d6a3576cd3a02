"""Background work of the review area: the ZIP of a unit's approved reports for a year.

``build_zip`` is a ``django-tasks`` task. How it runs depends on the configured backend:

- with a queueing backend (``django_tasks_db.DatabaseBackend`` and ``manage.py db_worker``)
  it is enqueued and a worker process builds it;
- with the embedded default (``ImmediateBackend``, which would run it inside the web request)
  it runs in a daemon thread of the web process instead, so the request returns at once and
  the page polls the job's progress.

``settings.REVIEW_ZIP_RUNNER = "inline"`` runs it synchronously (tests).
"""

from __future__ import annotations

import logging
import secrets
import threading
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from .. import document
from ..access import expand_units, reviewer_unit_ids, unit_parents
from ..downloads.files import Printed, file_name, report_file
from ..models import Report, Submission, ZipJob
from ..rendering import formats

log = logging.getLogger(__name__)


def zip_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "zips"
    path.mkdir(parents=True, exist_ok=True)
    return path


def zip_file_path(job) -> Path:
    return zip_dir() / Path(job.path).name


def approved_reports(job):
    # The scope is checked again when the job runs: an assignment may have been removed.
    ids = expand_units([job.unit_id], unit_parents()) & reviewer_unit_ids(job.user)
    return list(
        Report.objects.in_units(ids)
        .filter(year=job.year, status=Report.Status.APPROVED)
        .select_related("official__unit", "year", "report_type")
        .order_by("official__unit__name", "official__name", "pk")
    )


def _latest_trees(reports) -> dict[int, dict]:
    trees = {}
    for sub in Submission.objects.filter(report__in=reports).order_by("report_id", "number"):
        trees[sub.report_id] = sub.tree
    return trees


def run_zip(job_id: int) -> str:
    """Build the ZIP of job ``job_id``, recording progress on the job row."""
    job = ZipJob.objects.select_related("unit", "year", "user").get(pk=job_id)
    try:
        reports = approved_reports(job)
        trees = _latest_trees(reports)
        reports = [r for r in reports if r.pk in trees]
        ZipJob.objects.filter(pk=job.pk).update(
            state=ZipJob.State.RUNNING, total=len(reports), done=0
        )
        name = f"job-{job.pk}-{secrets.token_hex(8)}.zip"
        final = zip_dir() / name
        partial = final.with_suffix(".part")
        used: set[str] = set()
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for done, report in enumerate(reports, start=1):
                printed = Printed(document.Report.from_dict(trees[report.pk]), draft=False)
                for fmt in formats.ZIPPED:
                    arcname = file_name(report, fmt.ext)
                    if arcname in used:  # two officials of one unit with the same name
                        arcname = arcname.removesuffix(f".{fmt.ext}") + f"-{report.pk}.{fmt.ext}"
                    used.add(arcname)
                    zf.write(report_file(printed, fmt.ext), arcname=arcname)
                ZipJob.objects.filter(pk=job.pk).update(done=done)
        partial.replace(final)
        ZipJob.objects.filter(pk=job.pk).update(state=ZipJob.State.DONE, path=name)
        return name
    except Exception as exc:
        log.exception("ZIP job %s failed", job_id)
        ZipJob.objects.filter(pk=job.pk).update(state=ZipJob.State.FAILED, error=str(exc)[:300])
        raise


@task()
def build_zip(job_id: int) -> str:
    return run_zip(job_id)


def _in_thread(job_id: int) -> None:
    try:
        run_zip(job_id)
    except Exception:  # already recorded on the job
        pass
    finally:
        connection.close()


def start_zip(job) -> None:
    runner = getattr(settings, "REVIEW_ZIP_RUNNER", "auto")
    if runner == "inline":
        try:
            run_zip(job.pk)
        except Exception:  # recorded on the job; the page shows it
            pass
        return
    immediate = isinstance(build_zip.get_backend(), ImmediateBackend)
    if runner == "thread" or (runner == "auto" and immediate):
        close_old_connections()
        threading.Thread(
            target=_in_thread, args=(job.pk,), daemon=True, name=f"zip-{job.pk}"
        ).start()
        return
    build_zip.enqueue(job.pk)


# -- clean-up ------------------------------------------------------------------------------

STALE_UNFINISHED = timedelta(days=1)  # a job queued or running for longer has died


@dataclass
class Pruned:
    jobs: int = 0
    files: int = 0


def prune_zips(days: int, now=None) -> Pruned:
    """Delete the ZIP jobs older than ``days`` days and their files.

    A job still queued or running is kept until it is also older than a day (so a ZIP being
    built is never pulled from under the worker). Files in the ZIP folder that no remaining
    job refers to (e.g. the ``.part`` left by a failed job) go when they are as old.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=days)
    unfinished = (ZipJob.State.QUEUED, ZipJob.State.RUNNING)
    old = ZipJob.objects.filter(created_at__lt=cutoff).filter(
        ~Q(state__in=unfinished) | Q(created_at__lt=min(cutoff, now - STALE_UNFINISHED))
    )
    pruned = Pruned()
    gone = {Path(p).name for p in old.exclude(path="").values_list("path", flat=True)}
    pruned.jobs = old.delete()[1].get(ZipJob._meta.label, 0)
    kept = {Path(p).name for p in ZipJob.objects.exclude(path="").values_list("path", flat=True)}
    building = tuple(
        f"job-{pk}-"
        for pk in ZipJob.objects.filter(state__in=unfinished).values_list("pk", flat=True)
    )
    for path in zip_dir().iterdir():
        if not path.is_file() or path.name in kept or path.suffix not in (".zip", ".part"):
            continue
        if building and path.name.startswith(building):
            continue
        mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        if path.name in gone or mtime < cutoff:
            path.unlink(missing_ok=True)
            pruned.files += 1
    return pruned
