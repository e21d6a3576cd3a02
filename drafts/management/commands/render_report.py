"""``python manage.py render_report TREE.json --format pdf|docx|html -o OUT``.

Exit status 0 on success, 2 on bad input (missing file, not JSON, invalid tree, too large)
with a one-line message on stderr and no traceback (contract in report-tree.md).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from drafts import document
from drafts.rendering.cache import render_bytes
from drafts.rendering.formats import FORMATS
from drafts.rendering.limits import TooLarge


class Command(BaseCommand):
    help = "Render a report tree (JSON) as PDF, DOCX or HTML in the GB/T 9704 layout."
    requires_system_checks = []  # a render needs none of them; `manage.py check` runs them

    def add_arguments(self, parser):
        parser.add_argument("tree", help="path of the report tree JSON file")
        parser.add_argument("--format", "-f", choices=list(FORMATS), default="pdf", dest="fmt")
        parser.add_argument("-o", "--output", required=True, help="path of the file to write")
        parser.add_argument("--draft", action="store_true", help="add the 草稿 (draft) mark")

    def handle(self, *args, tree, fmt, output, draft, **options):
        report = _load(tree)
        try:
            data = render_bytes(report, fmt, draft=draft)
        except TooLarge as exc:
            raise CommandError(str(exc), returncode=2) from None
        try:
            Path(output).write_bytes(data)
        except OSError as exc:
            raise CommandError(f"{output}: cannot write: {exc.strerror}", returncode=2) from None
        if options["verbosity"] > 1:
            self.stdout.write(f"{output}: {len(data)} bytes")


def _load(path: str) -> document.Report:
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file", returncode=2) from None
    except OSError as exc:
        raise CommandError(f"{path}: cannot read: {exc.strerror}", returncode=2) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CommandError(f"{path}: not UTF-8 text", returncode=2) from None
    try:
        return document.Report.from_json(text)
    except document.TreeError as exc:
        raise CommandError(f"{path}: invalid report tree: {exc}", returncode=2) from None
