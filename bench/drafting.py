"""Median latency of a wizard section step (GET) and of an autosave (POST).

    .venv/bin/python bench/drafting.py [ITERATIONS]

Sets up a throwaway SQLite database with one report of 8 sections × 6 items and drives the
views through Django's test client (no network, no browser), 200 iterations each by default.
"""

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="bench-drafting-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reportsite.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from drafts import document  # noqa: E402
from drafts.models import Official, Report, ReportingYear, ReportType, Unit  # noqa: E402
from drafts.persistence import apply_tree  # noqa: E402


def setup():
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench", password="bench-pw-1")
    unit = Unit.objects.create(name="示例县发展改革局")
    official = Official.objects.create(user=user, name="张三", unit=unit, post="局长")
    year = ReportingYear.objects.create(year=2025)
    report = Report.objects.create(
        official=official, year=year, report_type=ReportType.objects.get(code="shuzhi-shulian")
    )
    tree = document.Report(
        title="2025年度述职述廉报告",
        opening="一年来，" * 40,
        sections=[
            document.Section(
                heading=f"第{s + 1}部分的标题",
                intro="本部分引言。" * 10,
                items=[
                    document.Item(lead=f"主题句{i + 1}", body="具体做法和成效。" * 30)
                    for i in range(6)
                ],
            )
            for s in range(8)
        ],
        closing="新的一年，我将继续努力。",
    )
    apply_tree(report, tree)
    client = Client()
    client.force_login(user)
    return client, report


def median_ms(fn, n):
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    client, report = setup()
    section = report.sections.order_by("order")[3]
    step_url = f"/reports/{report.pk}/step/s{section.pk}/"
    save_url = f"/reports/{report.pk}/autosave/"
    entry = section.entries.order_by("order")[2]

    def get_step():
        assert client.get(step_url).status_code == 200

    state = {"version": Report.objects.get(pk=report.pk).version, "i": 0}

    def autosave():
        state["i"] += 1
        body = json.dumps(
            {
                "version": state["version"],
                "changes": {f"item.{entry.pk}.body": f"修改第{state['i']}次。"},
            }
        )
        r = client.post(save_url, body, content_type="application/json")
        assert r.status_code == 200, r.content
        state["version"] = r.json()["version"]

    get_step()  # warm up templates and caches
    step = median_ms(get_step, n)
    save = median_ms(autosave, n)
    print(f"report: 8 sections × 6 items, {n} iterations each, SQLite (temporary file)")
    print(f"section step GET   median {step:.1f} ms")
    print(f"autosave POST      median {save:.1f} ms")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
