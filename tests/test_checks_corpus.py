"""On the corpus: the checks point at every placeholder left in a report, and at nothing else."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from drafts.checks import has_errors, run_checks
from drafts.importing import read_path

CORPUS = Path(
    os.environ.get("CORPUS_DIR") or Path(__file__).resolve().parents[2] / "shared" / "corpus"
)
REPORTS = sorted((CORPUS / "reports").glob("*.txt")) if CORPUS.is_dir() else []

pytestmark = pytest.mark.skipif(not REPORTS, reason=f"corpus not found at {CORPUS}")

# What a reviewer marks as unfilled in these reports: runs of * and X, ×× and 某某.
UNFILLED = re.compile(r"[*＊]+|(?<![A-Za-z])[XxＸｘ]+(?:[.．][XxＸｘ]+)?(?![A-Za-z])|××+|某某")


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_it_points_at_every_placeholder_and_nothing_else(path):
    tree = read_path(path)
    expected = {
        (where, m.start()) for where, text in tree.text_fields() for m in UNFILLED.finditer(text)
    }
    found = {(f.where, f.offset) for f in run_checks(tree) if f.code == "placeholder"}
    assert expected  # every report of the corpus has some
    assert found == expected
    assert has_errors(run_checks(tree))


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_it_finds_no_halfwidth_punctuation_or_debris_in_the_imported_corpus(path):
    codes = {f.code for f in run_checks(read_path(path))}
    assert not codes & {"scrape_debris", "empty_section", "halfwidth_punct"}
