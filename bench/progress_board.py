"""The progress board on 50,000 reports, as a county-wide cycle manager sees it.

    .venv/bin/python bench/progress_board.py [--runs 30]            # SQLite, temporary file
    bash scripts/with-postgres.sh .venv/bin/python bench/progress_board.py   # PostgreSQL

Builds a database with ``bench/gen_data.py --roll`` (10,000 officials × 5 years = 50,000
reports, every year opened with a roll of every official), then requests the board of the
current year (and a list behind one of its numbers) through Django's test client (full
middleware, session, template) and prints the median and 95th percentile of ``--runs``
requests and the number of SQL queries; the review overview and the queue on the same roll
for comparison. Target: board median ≤ 150 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def drop_bench_database(url: str) -> None:
    import dj_database_url
    import psycopg

    from bench.review_queue import BENCH_DB

    cfg = dj_database_url.parse(url)
    with psycopg.connect(
        dbname="postgres", user=cfg["USER"], password=cfg["PASSWORD"] or None,
        host=cfg["HOST"], port=cfg["PORT"] or None, autocommit=True,
    ) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    from bench.review_queue import configure

    with tempfile.TemporaryDirectory() as tmp:
        engine = configure(Path(tmp))
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse

        from bench.gen_data import generate

        call_command("migrate", verbosity=0)
        generate(roll=True)
        manager = get_user_model().objects.create(username="bench-manager")
        manager.groups.add(Group.objects.get(name="述职管理员"))
        client = Client()
        client.force_login(manager)
        county = get_user_model().objects.get(username="bench-county")
        reviewer = Client()
        reviewer.force_login(county)
        cases = [
            ("board, manager", client, reverse("cycle_board"), {"year": 2025}),
            ("board, county reviewer", reviewer, reverse("cycle_board"), {"year": 2025}),
            ("list: not submitted (draft)", client, reverse("cycle_board_list"), {"year": 2025, "state": "draft"}),
            ("overview, county reviewer", reviewer, reverse("review_overview"), {"year": 2025}),
            ("queue on the roll, first page", reviewer, reverse("review_queue"), {"year": 2025}),
            ("queue on the roll, overdue", reviewer, reverse("review_queue"), {"year": 2025, "overdue": "1"}),
        ]
        print(f"database: {engine}; {args.runs} requests each, after 2 warm-up requests")
        for label, c, url, params in cases:
            for _ in range(2):
                assert c.get(url, params).status_code == 200
            times = []
            for _ in range(args.runs):
                with CaptureQueriesContext(connection) as ctx:
                    start = time.perf_counter()
                    r = c.get(url, params)
                    times.append((time.perf_counter() - start) * 1000)
                assert r.status_code == 200
            times.sort()
            p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
            print(
                f"{label:32} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   "
                f"{len(ctx.captured_queries)} queries"
            )
        connection.close()
        import os

        if os.environ.get("BENCH_ADMIN_URL"):
            drop_bench_database(os.environ["BENCH_ADMIN_URL"])


if __name__ == "__main__":
    main()
