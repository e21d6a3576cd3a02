"""Roster import of 5,000 rows, as ``manage.py import_roster`` runs it.

    .venv/bin/python bench/roster_import.py [--rows 5000] [--runs 3]    # SQLite, temporary file
    bash scripts/with-postgres.sh .venv/bin/python bench/roster_import.py

Writes an XLSX roster of ``--rows`` officials (200 units under one county, one reviewer in
fifty rows) and times, on a fresh database each run, the whole command: reading the file,
the preview plan, writing units, logins (each with a one-time password, hashed as in
production), officials and scopes, and the password file. Then the re-import of the same
file (everything unchanged). Target: ≤ 10 s for 5,000 rows.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def roster_xlsx(n: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("名单")
    sheet.append(["姓名", "单位", "职务", "登录名", "电子邮箱", "角色", "审核范围"])
    for i in range(n):
        unit = f"基准县/第{i % 20:02}局/下属{i % 10:02}"
        if i % 100 == 99:
            sheet.append([f"审核{i}", "基准县/组织部", "科长", f"rev{i}", "", "审核人", f"基准县/第{i % 20:02}局"])
        else:
            sheet.append([f"干部{i}", unit, "科员", f"off{i}", f"off{i}@example.org", "述职人", ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    from bench.review_queue import configure

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        engine = configure(tmp)
        from django.conf import settings
        from django.core.management import call_command

        # configure() sets the quick MD5 hasher for the queue bench; a roster import hashes
        # one-time passwords as in production.
        settings.PASSWORD_HASHERS = [
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
            "drafts.accounts.hashers.IssuedPasswordHasher",
        ]
        path = tmp / "roster.xlsx"
        path.write_bytes(roster_xlsx(args.rows))
        print(f"database: {engine}; roster of {args.rows} rows ({path.stat().st_size // 1024} KB XLSX)")
        first, again = [], []
        for _run in range(args.runs):
            call_command("flush", interactive=False, verbosity=0)
            call_command("migrate", verbosity=0)
            out = io.StringIO()
            start = time.perf_counter()
            call_command("import_roster", str(path), "--passwords", str(tmp / "pw.csv"), stdout=out)
            first.append(time.perf_counter() - start)
            line = out.getvalue().strip()
            start = time.perf_counter()
            out2 = io.StringIO()
            call_command("import_roster", str(path), stdout=out2)
            again.append(time.perf_counter() - start)
        print(f"first import     median {statistics.median(first):6.2f} s  (runs {', '.join(f'{t:.2f}' for t in first)})  {line}")
        print(f"same file again  median {statistics.median(again):6.2f} s  (runs {', '.join(f'{t:.2f}' for t in again)})  {out2.getvalue().strip()}")
        from django.db import connection

        connection.close()
        import os

        if os.environ.get("BENCH_ADMIN_URL"):
            from bench.progress_board import drop_bench_database

            drop_bench_database(os.environ["BENCH_ADMIN_URL"])


if __name__ == "__main__":
    main()
