"""Each report of the shared corpus imports as its expected/ file says (skipped without it)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from drafts.importing import read_path

CORPUS = Path(
    os.environ.get("CORPUS_DIR") or Path(__file__).resolve().parents[2] / "shared" / "corpus"
)
CASES = sorted((CORPUS / "expected").glob("*.expected.json")) if CORPUS.is_dir() else []

pytestmark = pytest.mark.skipif(not CASES, reason=f"corpus not found at {CORPUS}")


def _load(case: Path):
    expected = json.loads(case.read_text(encoding="utf-8"))
    return expected, read_path(CORPUS / "reports" / expected["source"])


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name.split(".")[0])
def test_it_reads_title_opening_and_closing(case):
    expected, tree = _load(case)
    assert tree.title == expected["title"]
    assert tree.subtitle == expected.get("subtitle", "")
    assert tree.opening.startswith(expected["opening_starts_with"])
    if expected["closing_starts_with"]:
        assert tree.closing.startswith(expected["closing_starts_with"])
    else:
        assert tree.closing == ""


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name.split(".")[0])
def test_it_reads_every_section(case):
    expected, tree = _load(case)
    assert [s.heading for s in tree.sections] == [s["heading"] for s in expected["sections"]]
    for got, want in zip(tree.sections, expected["sections"], strict=True):
        leads = [item.lead for item in got.items]
        assert leads == want["items"] or leads in want.get("items_any_of", []), got.heading
        intro = want["intro_starts_with"]
        if intro is not None:
            assert got.intro.startswith(intro) and (intro or got.intro == ""), got.heading


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name.split(".")[0])
def test_it_leaves_no_scrape_debris(case):
    _expected, tree = _load(case)
    assert "##" not in tree.to_json()
