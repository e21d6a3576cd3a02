"""``python manage.py parse_report PATH``: print the report tree of a .txt or .docx as JSON."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from drafts.importing import ImportFailed, read_path


class Command(BaseCommand):
    help = "Import a report (.txt or .docx) and print its tree as JSON (UTF-8) on stdout."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a .txt (UTF-8, UTF-8 with BOM or GB18030) or .docx file")

    def handle(self, *args, **options):
        try:
            tree = read_path(options["path"])
        except ImportFailed as exc:
            raise CommandError(str(exc), returncode=2) from None
        out = tree.to_json(indent=2) + "\n"
        if self.stdout._out is sys.stdout:
            sys.stdout.buffer.write(out.encode("utf-8"))
            sys.stdout.flush()
        else:
            self.stdout.write(out, ending="")
