"""The reviewers' ZIP of a year's approved reports (of one unit and the units below it, or of
their whole scope), built in the background.

``build_zip`` is a ``django-tasks`` task, started through :mod:`drafts.background` (the
worker process in a deployment, a bounded thread pool without one). It writes the files from
the render cache — rendering, in the worker, only those missing — straight into a ``.part``
file on disk (stored, not compressed again: PDF and DOCX are compressed already), so memory
stays flat however many reports there are, and adds an index sheet (名单.xlsx). The scope is
checked when the job is created, again when it runs, and again when the ZIP is downloaded.
"""

from __future__ import annotations

import logging
import secrets
import time
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .. import background, document, workflow
from ..access import expand_units, reviewer_unit_ids, unit_parents
from ..downloads.files import Printed, file_name, report_file
from ..models import Report, Submission, Transition, ZipJob
from ..rendering import formats
from ..spreadsheets import xlsx_bytes

log = logging.getLogger(__name__)

INDEX_NAME = "名单.xlsx"
PROGRESS_EVERY = 0.5  # seconds between progress updates of a running job


def zip_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "zips"
    path.mkdir(parents=True, exist_ok=True)
    return path


def zip_file_path(job) -> Path:
    return zip_dir() / Path(job.path).name


def scope_units(user, unit_id: int | None) -> frozenset[int]:
    """The units a ZIP of ``unit_id`` (None: the whole scope) covers for ``user`` now."""
    ids = reviewer_unit_ids(user)
    if unit_id is None:
        return ids
    return ids & expand_units([unit_id], unit_parents()) if unit_id in ids else frozenset()


def approved_reports(user, unit_id: int | None, year) -> list[Report]:
    return list(
        Report.objects.in_units(scope_units(user, unit_id))
        .filter(year=year, status=workflow.APPROVED)
        .select_related("official__unit", "year", "report_type")
        .order_by("official__unit__name", "official__name", "pk")
    )


def may_download(job, user) -> bool:
    """The job's owner, while every unit inside the ZIP is still in their scope."""
    return job.user_id == user.pk and set(job.unit_ids) <= reviewer_unit_ids(user)


def _latest_trees(reports) -> dict[int, dict]:
    trees = {}
    for sub in Submission.objects.filter(report__in=reports).order_by("report_id", "number"):
        trees[sub.report_id] = sub.tree
    return trees


def _approval_dates(reports) -> dict[int, datetime]:
    return dict(
        Transition.objects.filter(report__in=reports, action=workflow.APPROVE)
        .values("report_id")
        .annotate(at=Max("created_at"))
        .values_list("report_id", "at")
    )


def _index(reports, names, approved_at) -> bytes:
    headers = [_("No."), _("Unit"), _("Name"), _("Post"), _("Status"), _("Approved on"), _("Files")]
    rows = [
        [
            i,
            r.official.unit.name,
            r.official.name,
            r.official.post,
            workflow.status_label(r.status),
            timezone.localtime(approved_at[r.pk]).date() if r.pk in approved_at else "",
            "；".join(names[r.pk]),
        ]
        for i, r in enumerate(reports, start=1)
    ]
    return xlsx_bytes(_("Reports"), headers, rows)


def run_zip(job_id: int) -> str:
    """Build the ZIP of job ``job_id``, recording progress on the job row."""
    job = ZipJob.objects.select_related("unit", "year", "user").get(pk=job_id)
    try:
        reports = approved_reports(job.user, job.unit_id, job.year)
        trees = _latest_trees(reports)
        reports = [r for r in reports if r.pk in trees]
        ZipJob.objects.filter(pk=job.pk).update(
            state=ZipJob.State.RUNNING,
            total=len(reports),
            done=0,
            unit_ids=sorted({r.official.unit_id for r in reports}),
        )
        name = f"job-{job.pk}-{secrets.token_hex(8)}.zip"
        final = zip_dir() / name
        partial = final.with_suffix(".part")
        exts = [formats.get(e).ext for e in job.extensions]
        used: set[str] = set()
        names: dict[int, list[str]] = {}
        reported = time.monotonic()
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as zf:
            for done, report in enumerate(reports, start=1):
                printed = Printed(document.Report.from_dict(trees[report.pk]), draft=False)
                for ext in exts:
                    arcname = file_name(report, ext)
                    if arcname in used:  # two officials of one unit with the same name
                        arcname = arcname.removesuffix(f".{ext}") + f"-{report.pk}.{ext}"
                    used.add(arcname)
                    names.setdefault(report.pk, []).append(arcname)
                    zf.write(report_file(printed, ext), arcname=arcname)
                if time.monotonic() - reported >= PROGRESS_EVERY or done == len(reports):
                    ZipJob.objects.filter(pk=job.pk).update(done=done)
                    reported = time.monotonic()
            zf.writestr(
                INDEX_NAME,
                _index(reports, names, _approval_dates(reports)),
                compress_type=zipfile.ZIP_DEFLATED,
            )
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


def start_zip(job) -> None:
    background.run(build_zip, job.pk)


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
