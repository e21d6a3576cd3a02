"""Every catalogue is complete: an untranslated msgid would show English to the users."""

import re
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[1] / "locale"
CATALOGUES = sorted(LOCALE.glob("*/zh_Hans/LC_MESSAGES/*.po"))
ENTRY = re.compile(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', re.M)


def entries(path):
    for msgid, msgstr in ENTRY.findall(path.read_text(encoding="utf-8")):
        yield "".join(re.findall(r'"(.*)"', msgid)), "".join(re.findall(r'"(.*)"', msgstr))


def test_it_has_a_catalogue_for_every_area():
    assert {p.parts[-4] for p in CATALOGUES} >= {
        "core", "drafting", "importing", "checks", "rendering", "downloads", "review"
    }


def _id(path):
    return f"{path.parts[-4]}/{path.stem}"


@pytest.mark.parametrize("path", CATALOGUES, ids=_id)
def test_it_translates_every_message(path):
    missing = [msgid for msgid, msgstr in entries(path) if msgid and not msgstr]
    assert missing == []


@pytest.mark.parametrize("path", CATALOGUES, ids=_id)
def test_it_compiles_without_errors(path):
    result = subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("domain,minimum", [("django", 300), ("djangojs", 10)])
def test_it_has_a_translation_for_every_marked_string(tmp_path, settings, monkeypatch, domain, minimum):
    """Extract the marked strings afresh (makemessages) and look each up in the catalogues
    of the same domain (the JavaScript catalogue serves only djangojs)."""
    from django.core.management import call_command

    # makemessages writes into a "locale" folder it meets on its walk: walk a folder of
    # links to the sources instead, so that nothing is written into the checkout.
    src = tmp_path / "src"
    src.mkdir()
    for name in ("drafts", "reportsite", "templates", "static"):
        (src / name).symlink_to(LOCALE.parent / name)
    monkeypatch.chdir(src)
    settings.LOCALE_PATHS = [tmp_path / "out"]
    call_command(
        "makemessages", locale=["zh_Hans"], domain=domain, verbosity=0, symlinks=True,
        no_obsolete=True,
    )
    extracted = {msgid for msgid, _ in entries(tmp_path / f"out/zh_Hans/LC_MESSAGES/{domain}.po") if msgid}
    translated = {
        msgid for path in CATALOGUES if path.stem == domain for msgid, msgstr in entries(path) if msgstr
    }
    assert len(extracted) > minimum  # the walk really reached the sources
    assert sorted(extracted - translated) == []
