"""Load on a real deployment on loopback: gunicorn + db_worker (tests/deployment.py), driven
over HTTP by simulated users for a bounded time.

    bash scripts/with-postgres.sh .venv/bin/python bench/load.py       # on PostgreSQL
    .venv/bin/python bench/load.py                                     # on an SQLite file

By default: 50 officials each autosaving their report every 2 s for 60 s (the wizard's
protocol: the part's version, the tab's id and save number; the findings panel fetched
again after each save); 5 reviewers
paging the queue (about 6,000 reports from bench/gen_data.py) and opening reports; 2 ZIP
builds of 100 approved reports rendered ahead by the worker. Prints p50/p95/p99 per request
kind, the error count, and the lost saves: for each official, the text of their last
acknowledged autosave must be what the database holds at the end. Every request goes to
127.0.0.1; the run stops after ``--duration`` seconds plus the ZIPs' completion.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.deployment import Client, deployment, value_of  # noqa: E402


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.errors = defaultdict(list)

    def timed(self, kind, call):
        started = time.perf_counter()
        try:
            response = call()
        except Exception as exc:
            with self.lock:
                self.errors[kind].append(repr(exc))
            return None
        elapsed = time.perf_counter() - started
        with self.lock:
            self.times[kind].append(elapsed)
            if response.status >= 400:
                self.errors[kind].append(f"{response.status} {response.text[:120]}")
        return response

    def report(self) -> list[str]:
        lines = [f"{'request':<22}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}"]
        for kind in sorted(set(self.times) | set(self.errors)):
            t = sorted(self.times[kind])
            if t:
                q = statistics.quantiles(t, n=100, method="inclusive") if len(t) > 1 else t * 99
                p50, p95, p99 = statistics.median(t), q[94], q[98]
                lines.append(
                    f"{kind:<22}{len(t):>6}{p50 * 1000:>9.1f}{p95 * 1000:>9.1f}"
                    f"{p99 * 1000:>9.1f}{t[-1] * 1000:>9.1f}{len(self.errors[kind]):>8}"
                )
            else:
                lines.append(f"{kind:<22}{0:>6}{'':>36}{len(self.errors[kind]):>8}")
        return lines


def official_loop(d, username, report_id, password, stop, stats, acked, interval, go):
    """One official on the step of their first section, as the wizard's script does it:
    each autosave names the part's version, the tab and a save number; after each save the
    findings panel is fetched again."""
    client = Client(d.url)
    client.login(username, password)
    go.wait()
    page = client.get(f"/reports/{report_id}/step/start/").text
    first = value_of(page, r'data-step="(s\d+)"')
    page = client.get(f"/reports/{report_id}/step/{first}/").text
    version = int(value_of(page, r'data-version="(\d+)"'))
    part = value_of(page, r'data-part="([^"]+)"')
    part_version = int(value_of(page, r'data-part-version="(\d+)"'))
    field = value_of(page, r'name="(section\.\d+\.intro)"')
    panel = value_of(page, r'data-findings-url="([^"]+)"').replace("&amp;", "&")
    writer = f"bench{username}"
    n = 0
    time.sleep(random.uniform(0, interval))
    while not stop.is_set():
        n += 1
        text = f"{username}第{n}次保存：全年围绕中心工作开展调研{n}次，推动任务落实。"
        payload = {
            "version": version,
            "parts": {part: part_version},
            "writer": writer,
            "seq": n,
            "changes": {field: text},
        }
        r = stats.timed(
            "autosave",
            lambda body=payload: client.post_json(f"/reports/{report_id}/autosave/", body),
        )
        if r is not None and r.status == 200:
            answer = r.json()
            version = answer["version"]
            part_version = answer.get("parts", {}).get(part, part_version)
            acked[report_id] = text
            stats.timed("findings panel", lambda: client.get(panel))
        stop.wait(interval)


def reviewer_loop(d, username, password, reports, stop, stats, go):
    client = Client(d.url)
    client.login(username, password)
    go.wait()
    first = client.get("/review/?year=").text
    pages = int(value_of(first, r"共 (\d+) 页")) if "共 " in first and " 页" in first else 1
    while not stop.is_set():
        page = random.randint(1, pages)
        stats.timed("queue page", lambda p=page: client.get(f"/review/?year=&page={p}"))
        report_id = random.choice(reports)
        stats.timed("report page", lambda r=report_id: client.get(f"/review/reports/{r}/"))
        stop.wait(random.uniform(0.2, 1.0))


def zip_run(d, username, password, unit, year, stats, results):
    client = Client(d.url)
    client.login(username, password)
    started = time.perf_counter()
    r = stats.timed(
        "zip start",
        lambda: client.post("/review/zip/", {"unit": str(unit), "year": str(year), "formats": "pdf"}),
    )
    if r is None or "/review/zip/" not in r.url:
        results.append(("failed to start", 0))
        return
    job = value_of(r.url, r"/review/zip/(\d+)/")
    while True:
        s = stats.timed("zip status", lambda: client.get(f"/review/zip/{job}/status/"))
        state = s.json() if s is not None and s.status == 200 else {"state": "?"}
        if state["state"] in ("done", "failed"):
            break
        time.sleep(0.25)
    built = time.perf_counter() - started
    z = stats.timed("zip download", lambda: client.get(f"/review/zip/{job}/download/"))
    results.append((state["state"], built, len(z.body) if z is not None else 0, state.get("total")))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--officials", type=int, default=50)
    parser.add_argument("--reviewers", type=int, default=5)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between autosaves")
    parser.add_argument("--zips", type=int, default=2)
    parser.add_argument("--zip-reports", type=int, default=100)
    parser.add_argument("--bulk", type=int, default=2000, help="officials of bench/gen_data.py")
    parser.add_argument("--web-workers", type=int, default=int(os.environ.get("WEB_WORKERS", 4)))
    args = parser.parse_args(argv)
    kind = "postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    random.seed(2026)
    with tempfile.TemporaryDirectory() as tmp, deployment(kind, Path(tmp), args.web_workers) as d:
        t0 = time.perf_counter()
        seeded = d.shell(
            f"seed_load(officials={args.officials}, reviewers={args.reviewers}, "
            f"zip_reports={args.zip_reports}, bulk={args.bulk})"
        )
        print(f"database: {kind}; web workers: {args.web_workers}; seeded in {time.perf_counter() - t0:.0f} s")
        t0 = time.perf_counter()
        while d.shell("pending_renders()")["pending"]:
            if time.perf_counter() - t0 > 900:
                print("the worker did not finish the renders ahead in 15 minutes")
                return 1
            time.sleep(2)
        print(f"renders ahead of {args.zip_reports} approved reports done in {time.perf_counter() - t0:.0f} s (worker)")
        stats, acked, stop, zips = Stats(), {}, threading.Event(), []
        # Everyone logs in first (a password hash costs a web process about 0.3 s of CPU);
        # the clock starts when all are in.
        go = threading.Barrier(len(seeded["drafts"]) + len(seeded["reviewers"]) + 1, timeout=900)
        threads = [
            threading.Thread(
                target=official_loop,
                args=(d, name, report_id, seeded["password"], stop, stats, acked, args.interval, go),
            )
            for name, report_id in seeded["drafts"]
        ] + [
            threading.Thread(
                target=reviewer_loop,
                args=(d, name, seeded["password"], seeded["reports"], stop, stats, go),
            )
            for name in seeded["reviewers"]
        ]
        for t in threads:
            t.start()
        t0 = time.perf_counter()
        go.wait()
        print(f"{len(threads)} users logged in in {time.perf_counter() - t0:.0f} s; the load starts")
        cpu0, wall0 = time.process_time(), time.perf_counter()
        zip_threads = []
        for i in range(args.zips):
            time.sleep(args.duration / (args.zips + 1))
            z = threading.Thread(
                target=zip_run,
                args=(d, seeded["reviewers"][i % len(seeded["reviewers"])], seeded["password"],
                      seeded["unit"], seeded["last_year"], stats, zips),
            )
            z.start()
            zip_threads.append(z)
        time.sleep(max(0, args.duration - args.duration * args.zips / (args.zips + 1)))
        stop.set()
        for t in threads + zip_threads:
            t.join(120)
        client_cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        stored = d.shell(f"section_texts({[r for _n, r in seeded['drafts']]!r})")["texts"]
        lost = [r for r, text in acked.items() if stored.get(str(r)) != text]
    print(
        f"{args.officials} officials autosaving every {args.interval:g} s, {args.reviewers} "
        f"reviewers, {args.zips} ZIPs, {args.duration:g} s:"
    )
    for line in stats.report():
        print("  " + line)
    for state, built, size, total in zips:
        print(f"  ZIP: {state}, {total} reports, {size / 1e6:.1f} MB, built and polled in {built:.1f} s")
    print(
        f"  the load generator itself used {client_cpu:.0f} s of CPU in {wall:.0f} s "
        f"(of the machine's {os.cpu_count()} cores)"
    )
    errors = sum(len(v) for v in stats.errors.values())
    print(f"errors: {errors}; lost saves: {len(lost)} of {len(acked)} officials")
    for kind, messages in stats.errors.items():
        for m in messages[:3]:
            print(f"  {kind}: {m}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
