"""Regenerate the translation catalogues, one per area, from the sources.

    .venv/bin/python scripts/messages.py            # rewrite locale/*/zh_Hans/LC_MESSAGES/*.po
    .venv/bin/python scripts/messages.py --check    # only list what is missing or misplaced

Each area's catalogue holds the strings marked in that area's sources (``AREAS``), in
``django.po`` (Python, templates) and ``djangojs.po`` (static/js, served by Django's
``JavaScriptCatalog``). Translations are kept: every msgid is looked up in all the current
catalogues (``msgmerge`` with the others as compendium), so moving code between areas moves
its translations along. Prints the msgids that still have no translation; add them to the
area's .po and run again. (A developer tool; the app does not import it.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANG = "zh_Hans"

# area -> sources (files or folders, relative to the checkout)
AREAS: dict[str, list[str]] = {
    "core": [
        "reportsite",
        "drafts/models.py",
        "drafts/admin.py",
        "drafts/access.py",
        "drafts/workflow.py",
        "drafts/document.py",
        "drafts/apps.py",
        "drafts/checks_system.py",
        "drafts/context_processors.py",
        "drafts/templatetags",
        "drafts/accounts",
        "drafts/management/commands/load_demo.py",
        "drafts/management/commands/parse_report.py",
        "drafts/management/commands/render_report.py",
        "drafts/management/commands/prune_zips.py",
        "templates/base.html",
        "templates/400.html",
        "templates/403.html",
        "templates/403_csrf.html",
        "templates/404.html",
        "templates/500.html",
        "templates/registration",
        "templates/accounts",
        "static/js/site.js",
    ],
    "drafting": ["drafts/drafting", "templates/drafting", "static/js/wizard"],
    "importing": ["drafts/importing", "templates/importing", "static/js/import.js"],
    "checks": [
        "drafts/checks",
        "drafts/findings.py",
        "drafts/management/commands/lint_report.py",
        "static/js/findings.js",
    ],
    "rendering": ["drafts/rendering", "drafts/admin_fonts.py", "templates/admin/fonts.html"],
    "downloads": ["drafts/downloads", "templates/downloads", "drafts/management/commands/prerender.py"],
    "review": ["drafts/review", "templates/review", "static/js/review.js", "static/js/zip.js"],
    "cycle": [
        "drafts/cycle",
        "templates/cycle",
        "drafts/management/commands/import_roster.py",
        "drafts/management/commands/send_reminders.py",
    ],
}


def _sources(area: str) -> list[Path]:
    out = []
    for rel in AREAS[area]:
        path = ROOT / rel
        if path.is_dir():
            out += [p for p in path.rglob("*") if p.suffix in (".py", ".html", ".txt", ".js")]
        elif path.exists():
            out.append(path)
    return out


def _extract(area: str, work: Path) -> dict[str, Path]:
    """The area's strings as fresh .pot files per domain (makemessages on a tree of links)."""
    import django
    from django.conf import settings
    from django.core.management import call_command

    src = work / area / "src"
    out = work / area / "out"
    for path in _sources(area):
        link = src / path.relative_to(ROOT)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(path)
    src.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reportsite.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    settings.LOCALE_PATHS = [out]
    pots = {}
    here = os.getcwd()
    try:
        os.chdir(src)
        for domain in ("django", "djangojs"):
            call_command(
                "makemessages",
                locale=[LANG],
                domain=domain,
                verbosity=0,
                symlinks=True,
                no_obsolete=True,
                no_location=True,
            )
            po = out / LANG / "LC_MESSAGES" / f"{domain}.po"
            if po.exists():
                pots[domain] = po
    finally:
        os.chdir(here)
    return pots


def _untranslated(po: Path) -> list[str]:
    done = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", "--no-wrap", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    return [
        line[len('msgid "') : -1]
        for line in done.stdout.splitlines()
        if line.startswith('msgid "') and line != 'msgid ""'
    ]


def _fix_header(po: Path) -> None:
    """A new catalogue's header: UTF-8, not fuzzy (msgfmt drops a fuzzy header)."""
    text = po.read_text(encoding="utf-8")
    head, sep, rest = text.partition('\nmsgid ""\n')
    head = head.replace("#, fuzzy", "").rstrip() + "\n" if "#, fuzzy" in head else head
    rest = rest.replace("charset=CHARSET", "charset=UTF-8")
    po.write_text(head + sep + rest, encoding="utf-8")


def main(check: bool) -> int:
    current = sorted((ROOT / "locale").glob(f"*/{LANG}/LC_MESSAGES/*.po"))
    missing_total = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        compendium = work / "all.po"
        if current:
            subprocess.run(
                ["msgcat", "--use-first", "-o", str(compendium), *map(str, current)], check=True
            )
        for area in AREAS:
            for domain, pot in _extract(area, work).items():
                target = ROOT / "locale" / area / LANG / "LC_MESSAGES" / f"{domain}.po"
                merged = work / area / f"{domain}.merged.po"
                base = target if target.exists() else pot
                cmd = ["msgmerge", "--quiet", "--no-fuzzy-matching", "--no-location", "--no-wrap"]
                if compendium.exists():
                    cmd += ["-C", str(compendium)]
                subprocess.run([*cmd, "-o", str(merged), str(base), str(pot)], check=True)
                subprocess.run(
                    ["msgattrib", "--no-obsolete", "--no-wrap", "-o", str(merged), str(merged)],
                    check=True,
                )
                missing = _untranslated(merged)
                missing_total += len(missing)
                for msgid in missing:
                    print(f"{area}/{domain}: untranslated: {msgid}")
                if not check:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(merged, target)
                    _fix_header(target)
    return 1 if missing_total else 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
