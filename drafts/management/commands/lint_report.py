"""``python manage.py lint_report PATH [--json] [--year YYYY] [--previous PATH]``: check a report.

PATH and --previous may be a .txt, a .docx or a tree .json. ``--year`` is the year the
report is on (the web app always knows it); without it the checks of years are skipped. Exit status: 0 when no
error-level finding, 1 when there is one, 2 on bad input (one line on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from drafts import document
from drafts.checks import WARNING, CheckContext, Finding, has_errors, run_checks, sort_findings
from drafts.importing import ImportFailed, numbering_issues, read_file


def load(path: str) -> tuple[document.Report, list[Finding]]:
    """The tree of PATH, and findings about the source that the tree no longer shows."""
    if path.lower().endswith(".json"):
        return load_tree(path), []
    result = read_file(path, keep_debris=True)
    fields = dict(result.tree.text_fields())
    findings = [
        Finding(
            "numbering",
            WARNING,
            where,
            0,
            fields.get(where, "")[:20],
            _("The source numbers “%(found)s” where “%(expected)s” belongs.")
            % {"found": found, "expected": expected},
        )
        for where, found, expected in numbering_issues(result.blocks)
    ]
    return result.tree, findings


def load_tree(path: str) -> document.Report:
    if path.lower().endswith(".json"):
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ImportFailed(
                _("The file %(path)s could not be read: %(error)s") % {"path": path, "error": exc}
            ) from None
        try:
            return document.Report.from_json(text)
        except document.TreeError as exc:
            raise ImportFailed(
                _("%(path)s is not a valid report tree: %(error)s") % {"path": path, "error": exc}
            ) from None
    return read_file(path, keep_debris=True).tree


def _year(value: str) -> int:
    if not (value.isdigit() and 1900 <= int(value) <= 2999):
        raise argparse.ArgumentTypeError(
            _("--year must be a year such as 2026, not %(value)r.") % {"value": value}
        )
    return int(value)


class Command(BaseCommand):
    help = "Check a report (.txt, .docx or tree .json) and list the findings."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--json", action="store_true", help="print the findings as JSON")
        parser.add_argument(
            "--previous",
            help="last year's report: text taken over from it, and its promises not reported on",
        )
        parser.add_argument(
            "--year", type=_year, help="the year the report is on (checks the years it names)"
        )

    def handle(self, *args, **options):
        try:
            tree, source_findings = load(options["path"])
            previous = load_tree(options["previous"]) if options["previous"] else None
        except ImportFailed as exc:
            raise CommandError(str(exc).replace("\n", " "), returncode=2) from None
        context = CheckContext(previous=previous, year=options["year"])
        findings = sort_findings(tree, run_checks(tree, context=context) + source_findings)
        if options["json"]:
            out = json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"
        else:
            lines = [
                f"{f.where or '-'}:{f.offset}: {f.severity} [{f.code}] {f.message}"
                + (f"  …{f.excerpt}…" if f.excerpt else "")
                for f in findings
            ]
            lines.append(
                _("%(n)d findings, %(e)d errors.")
                % {"n": len(findings), "e": sum(f.severity == "error" for f in findings)}
            )
            out = "\n".join(lines) + "\n"
        if self.stdout._out is sys.stdout:
            sys.stdout.buffer.write(out.encode("utf-8"))
            sys.stdout.flush()
        else:
            self.stdout.write(out, ending="")
        if has_errors(findings):
            sys.exit(1)
