"""The checks a save triggers, and the findings panel's round trip after a save.

    .venv/bin/python bench/checks_autosave.py [ITERATIONS]

1. ``run_checks`` on a generated 6,000-character report with last year's report (6,000
   characters, seed 2024) as its context: what the findings panel runs after every autosave.
   The first run (jieba's dictionary loaded) is printed apart; then the median and 95th
   percentile over ITERATIONS runs (default 50), and the five slowest checks.
2. The panel refresh round trip as the wizard does it: one autosave POST (per-part version,
   tab id, save number) then the GET of the step's findings partial, through Django's test
   client on a throwaway SQLite database (no network, no browser).
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="bench-checks-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reportsite.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from drafts import checks  # noqa: E402
from drafts.models import Official, Report, ReportingYear, ReportType, Unit  # noqa: E402
from drafts.persistence import apply_tree  # noqa: E402
from drafts.rendering.samples import generated_report  # noqa: E402


def ms(seconds):
    return f"{seconds * 1000:.1f} ms"


def summary(times):
    times = sorted(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return f"median {ms(statistics.median(times))}, p95 {ms(p95)}, best {ms(times[0])}"


def bench_checks(n):
    tree = generated_report(6000, seed=2025)
    previous = generated_report(6000, seed=2024)
    context = checks.CheckContext(previous=previous, year=2025, suggested_chars=5000)
    start = time.perf_counter()
    checks.run_checks(tree, context=context)
    first = time.perf_counter() - start
    times, per_check = [], {c.code: [] for c in checks.CHECKS}
    for _ in range(n):
        start = time.perf_counter()
        findings = checks.run_checks(tree, context=context)
        times.append(time.perf_counter() - start)
    for check in checks.CHECKS:
        for _ in range(5):
            t = time.perf_counter()
            check.find(tree, context)
            per_check[check.code].append(time.perf_counter() - t)
    slowest = sorted(per_check.items(), key=lambda kv: -statistics.median(kv[1]))[:5]
    print(f"checks of a {tree.char_count()}-character report with last year's ({previous.char_count()}):")
    print(f"  first run (loads jieba's dictionary): {ms(first)}")
    print(f"  {n} runs: {summary(times)}; {len(findings)} findings")
    print("  slowest checks: " + ", ".join(f"{code} {ms(statistics.median(t))}" for code, t in slowest))


def setup():
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench", password="bench-pw-1")
    unit = Unit.objects.create(name="示例县发展改革局")
    official = Official.objects.create(user=user, name="张三", unit=unit, post="局长")
    kind = ReportType.objects.get(code="shuzhi-shulian")
    last = Report.objects.create(
        official=official, year=ReportingYear.objects.create(year=2024), report_type=kind, status="approved"
    )
    apply_tree(last, generated_report(6000, seed=2024))
    report = Report.objects.create(
        official=official, year=ReportingYear.objects.create(year=2025), report_type=kind
    )
    apply_tree(report, generated_report(6000, seed=2025))
    client = Client()
    client.force_login(user)
    return client, report


def bench_round_trip(n):
    client, report = setup()
    section = report.sections.order_by("order").first()
    autosave = f"/reports/{report.pk}/autosave/"
    panel = f"/reports/{report.pk}/findings/?step=s{section.pk}"
    version = 0
    saves, gets, both = [], [], []
    for i in range(n + 3):
        body = json.dumps(
            {
                "version": 0,
                "parts": {f"section:{section.pk}": version},
                "writer": "bench",
                "seq": i + 1,
                "changes": {f"section.{section.pk}.intro": f"本部分引言，第{i}次修改。"},
            }
        )
        t0 = time.perf_counter()
        r = client.post(autosave, body, content_type="application/json")
        t1 = time.perf_counter()
        g = client.get(panel)
        t2 = time.perf_counter()
        assert r.status_code == 200 and g.status_code == 200, (r.status_code, g.status_code)
        version = r.json()["parts"][f"section:{section.pk}"]
        if i >= 3:  # warm-up: jieba, templates, translations
            saves.append(t1 - t0)
            gets.append(t2 - t1)
            both.append(t2 - t0)
    print(f"panel refresh round trip (6,000-character report, last year's approved), {n} saves:")
    print(f"  autosave POST: {summary(saves)}")
    print(f"  findings GET:  {summary(gets)}")
    print(f"  both:          {summary(both)}")


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs (shared)")
    bench_checks(n)
    bench_round_trip(n)
