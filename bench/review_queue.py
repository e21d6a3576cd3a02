"""Reviewer queue latency on 50,000 reports, and the background ZIP of 200 approved reports.

    .venv/bin/python bench/review_queue.py            # SQLite in a temporary file
    bash scripts/with-postgres.sh .venv/bin/python bench/review_queue.py   # PostgreSQL

Builds a database with ``bench/gen_data.py`` (10,000 officials × 5 years = 50,000 reports),
then requests the reviewer queue through Django's test client (full middleware, session,
template) and prints, per page, the median and 95th-percentile latency and the number of SQL
queries. Then the ZIP of ``--zip`` approved reports (distinct trees): first their files are
rendered ahead (as approving does), timed on its own; then the ZIP is built from the render
cache by a separate worker process, as deployed (``manage.py db_worker``, started before the
idle median is taken), again and again until the queue has been timed often enough while a
build runs, and those times are compared with the idle median. ``--zip 0`` skips that part.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


BENCH_DB = "review_queue_bench"


def _postgres_admin(url: str, sql: str) -> None:
    """Run ``sql`` on the server's maintenance database (autocommit)."""
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    with psycopg.connect(
        dbname="postgres",
        user=cfg["USER"],
        password=cfg["PASSWORD"] or None,
        host=cfg["HOST"],
        port=cfg["PORT"] or None,
        autocommit=True,
    ) as conn:
        conn.execute(sql)


def configure(tmp: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    elif url.startswith(("postgres://", "postgresql://")):
        # Never write into the configured database: a fresh one beside it, dropped at the end.
        _postgres_admin(url, f"DROP DATABASE IF EXISTS {BENCH_DB}")
        _postgres_admin(url, f"CREATE DATABASE {BENCH_DB}")
        os.environ["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + BENCH_DB
        os.environ["BENCH_ADMIN_URL"] = url
    else:
        raise SystemExit(
            "bench/review_queue.py runs on a temporary SQLite file or a PostgreSQL server"
        )
    os.environ.setdefault("RENDER_CACHE_DIR", str(tmp / "render-cache"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reportsite.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.MEDIA_ROOT = tmp / "media"
    logging.getLogger("drafts.rendering").setLevel(logging.WARNING)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]


def timed(client, url, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        response = client.get(url, params)
        elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, params, response.status_code)
    return elapsed, len(ctx.captured_queries)


def measure(client, url, params, runs):
    for _ in range(3):
        timed(client, url, params)
    times, counts = [], set()
    for _ in range(runs):
        t, q = timed(client, url, params)
        times.append(t)
        counts.add(q)
    return times, counts


def fmt_ms(values):
    ordered = sorted(values)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"median {statistics.median(values) * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms  max {max(values) * 1000:6.1f} ms"


def zip_bench(ids, client, count, runs_between):
    import subprocess

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.urls import reverse

    from drafts.downloads.prerender import render_ahead
    from drafts.models import Official, Report, ReportingYear, ReportType, Submission, Unit, ZipJob
    from drafts.rendering.samples import generated_report

    year = ReportingYear.objects.get(year=2025)
    unit = Unit.objects.create(name="基准ZIP单位", parent_id=ids["county"])
    people = Official.objects.bulk_create(
        [Official(name=f"测试{i:03}", unit=unit) for i in range(count)]
    )
    rtype = ReportType.objects.order_by("order", "pk").first()
    reports = Report.objects.bulk_create(
        [Report(official=o, year=year, report_type=rtype, status="approved") for o in people]
    )
    subs = []
    for i, r in enumerate(reports):
        tree = generated_report(chars=2500, seed=i)
        if tree.signature:
            tree.signature.name = people[i].name
        subs.append(
            Submission(report=r, number=1, tree=tree.to_dict(), tree_hash=tree.content_hash())
        )
    Submission.objects.bulk_create(subs)
    started = time.perf_counter()
    for r in reports:
        render_ahead(r.pk)
    ahead = time.perf_counter() - started
    print(
        f"\nrenders ahead of {count} approved reports (PDF and DOCX, in this process): "
        f"{ahead:.1f} s ({ahead / count * 1000:.0f} ms per report)"
    )
    user = get_user_model().objects.get(pk=ids["county_reviewer"])
    url = reverse("review_queue")
    env = {
        **os.environ,
        "RENDER_CACHE_DIR": str(settings.RENDER_CACHE_DIR),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    worker = subprocess.Popen(  # the deployment's worker, started and idle before we measure
        # at the priority deploy/reportsite-worker.service gives it (Nice=10)
        ["nice", "-n", "10", sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2", "-v", "0"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    from django.test.utils import override_settings

    from drafts.review.zips import build_zip

    def build_once(samples):
        """Enqueue a ZIP of the unit and, until it is done, time a queue page, ask for the
        job's state (as the reviewer's page does) and pause 50 ms."""
        job = ZipJob.objects.create(user=user, unit=unit, year=year, formats="pdf")
        started = time.perf_counter()
        with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
            build_zip.enqueue(job.pk)
        connection.close()
        status_url = reverse("review_zip_status", kwargs={"pk": job.pk})
        progress = []
        while True:
            t, _ = timed(client, url, {})
            samples.append(t)
            state = client.get(status_url).json()
            progress.append(state["done"])
            if state["state"] in ("done", "failed") or worker.poll() is not None:
                break
            time.sleep(0.05)
        job.refresh_from_db()
        return job, progress, time.perf_counter() - started

    time.sleep(5)
    # The first build (the worker's imports, the files into the page cache), timed on its own.
    job, progress, first = build_once([])
    # Idle: the same requests at the same pace, with no build running.
    baseline = []
    status_url = reverse("review_zip_status", kwargs={"pk": job.pk})
    for _ in range(runs_between):
        t, _ = timed(client, url, {})
        baseline.append(t)
        client.get(status_url)
        time.sleep(0.05)
    # One build of a pre-rendered ZIP is short, so it is built again (a new job each time,
    # as a second reviewer would) until the queue has been timed `runs_between` times while
    # a build was running: a median of a handful of requests says little.
    during, builds = [], []
    while len(during) < runs_between and len(builds) < 20 and worker.poll() is None:
        builds.append(build_once(during)[2])
    worker.terminate()
    worker.wait(60)
    size = (Path(settings.MEDIA_ROOT) / "zips" / job.path).stat().st_size if job.path else 0
    print(
        f"ZIP of {count} pre-rendered approved reports (PDF, the worker process): state={job.state} "
        f"in {first:.1f} s from enqueueing ({size / 1e6:.0f} MB); progress polled "
        f"{len(progress)} times, monotonic={progress == sorted(progress)}"
    )
    print(
        f"  built {len(builds)} times more: median {statistics.median(builds):.1f} s, "
        f"max {max(builds):.1f} s from enqueueing to done"
    )
    idle, busy = statistics.median(baseline), statistics.median(during)
    print(f"  queue page before the ZIP:  {fmt_ms(baseline)}")
    print(
        f"  queue page while it builds: {fmt_ms(during)}  ({len(during)} requests "
        f"during {len(builds)} builds)"
    )
    print(f"  median while building / idle median: {busy / idle:.2f}")


def main(argv=None):
    parser = argparse.ArgumentParser(description="reviewer queue benchmark")
    parser.add_argument("--officials", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--zip", type=int, default=200, help="approved reports in the ZIP (0: skip)"
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-review-") as tmpdir:
        engine = configure(Path(tmpdir))
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        from bench.gen_data import generate

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        ids = generate(args.officials, args.years)
        print(f"database: {engine}; data generated in {time.perf_counter() - started:.1f} s")

        from django.contrib.auth import get_user_model

        User = get_user_model()
        county = Client()
        county.force_login(User.objects.get(pk=ids["county_reviewer"]))
        dept = Client()
        dept.force_login(User.objects.get(pk=ids["dept_reviewer"]))
        url = reverse("review_queue")
        scenarios = [
            ("county reviewer, first page (year 2025)", county, {}),
            ("county reviewer, all years, first page", county, {"year": ""}),
            ("county reviewer, all years, page 200", county, {"year": "", "page": 200}),
            (
                "filtered: submitted, one department, newest first",
                county,
                {"status": "submitted", "unit": ids["department"], "sort": "-updated"},
            ),
            (
                "filtered: overdue, all years, by official",
                county,
                {"overdue": "1", "year": "", "sort": "official"},
            ),
            (
                "filtered: one sub-unit, returned",
                county,
                {"unit": ids["sub_unit"], "status": "returned"},
            ),
            ("department reviewer, first page", dept, {}),
        ]
        print(f"\nreviewer queue, {args.runs} requests each (test client, full stack):")
        for label, client, params in scenarios:
            times, counts = measure(client, url, params, args.runs)
            print(f"  {label:<52} {fmt_ms(times)}  queries {sorted(counts)}")
        ov_times, ov_counts = measure(
            county, reverse("review_overview"), {}, max(5, args.runs // 3)
        )
        print(
            f"  {'overview per unit (221 units), year 2025':<52} {fmt_ms(ov_times)}  queries {sorted(ov_counts)}"
        )
        if args.zip:
            zip_bench(ids, county, args.zip, max(10, args.runs // 2))
        connection.close()
        if os.environ.get("BENCH_ADMIN_URL"):
            _postgres_admin(os.environ["BENCH_ADMIN_URL"], f"DROP DATABASE IF EXISTS {BENCH_DB}")


if __name__ == "__main__":
    main()
