"""Import the roster (units, officials, reviewers) from an XLSX or CSV file.

    python manage.py import_roster FILE.xlsx|FILE.csv [--dry-run] [--passwords OUT.csv|OUT.xlsx]

Exit 0 with a one-line summary (created / updated / unchanged); exit 1 with every bad row on
stderr (``第N行: reason``) and nothing written; exit 2 when the file cannot be read. New
logins get a one-time password, written only to the ``--passwords`` file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from drafts.cycle.roster import apply as applying
from drafts.cycle.roster import plan as planning
from drafts.cycle.roster import reader
from drafts.cycle.roster.sheets import passwords_csv, passwords_xlsx, row_message, summary


class Command(BaseCommand):
    help = "Import the roster of officials and reviewers from an XLSX or CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument("--passwords", help="where to write the one-time passwords (.csv or .xlsx)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        out = options.get("passwords")
        if out and not out.lower().endswith((".csv", ".xlsx")):
            self.stderr.write("--passwords: give a .csv or .xlsx file name")
            sys.exit(2)
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.stderr.write(f"{path}: {exc.strerror or exc}")
            sys.exit(2)
        try:
            table = reader.read(data, path.name)
        except reader.UnreadableRoster as exc:
            self.stderr.write(f"{path.name}: {exc}")
            sys.exit(2)
        plan = planning.make_plan(table)
        if not plan.ok:
            for row in plan.bad:
                self.stderr.write(row_message(row))
            sys.exit(1)
        if options["dry_run"]:
            self.stdout.write(summary(plan.count("create"), plan.count("update"), plan.count("unchanged"), dry_run=True))
            return
        # The passwords are made and written before the database, so that none is lost.
        creating = plan.count("create")
        if out and creating:
            try:
                result = applying.apply(plan, before_commit=lambda p: _write(Path(out), p))
            except OSError as exc:
                self.stderr.write(f"{out}: {exc.strerror or exc}; nothing was written")
                sys.exit(2)
        else:
            result = applying.apply(plan, issue_passwords=False)
            if creating:
                self.stderr.write(
                    f"{creating} new login(s) have no password yet: issue them with --passwords "
                    "or reset them on the accounts page."
                )
        self.stdout.write(summary(result.created, result.updated, result.unchanged))


def _write(path: Path, passwords: dict[str, str]) -> None:
    if path.suffix.lower() == ".xlsx":
        path.write_bytes(passwords_xlsx(passwords))
    else:
        path.write_bytes(passwords_csv(passwords))
    path.chmod(0o600)

