"""One reading time for one report: the wizard's figure and the length check's message
agree. Before, the wizard rounded up and the check rounded to the nearest minute; rounding
up won (the figure plans a meeting's time: 1,101 characters take into the sixth minute)."""

from __future__ import annotations

import re

from django.urls import reverse

from drafts import document
from drafts.checks import run_checks


def _tree(chars: int) -> document.Report:
    return document.Report(
        title="",
        sections=[document.Section(heading="", kind="duties", intro="字" * chars)],
    )


def test_it_rounds_up():
    assert document.reading_minutes(1101) == 6
    assert document.reading_minutes(1100) == 5
    assert document.reading_minutes(0) == 0


def test_the_check_message_uses_the_same_figure():
    [finding] = [f for f in run_checks(_tree(1101)) if f.code == "length"]
    assert "朗读约6分钟" in finding.message


def test_the_wizard_shows_the_same_figure_as_the_check(client, make_report):
    report = make_report(tree=_tree(1101))
    client.force_login(report.official.user)
    page = client.get(reverse("wizard_step", args=[report.pk, "preview"])).content.decode()
    shown = re.search(r'id="reading-minutes">(\d+)<', page).group(1)
    assert shown == "6"
    assert re.search(r"6\s*分钟", page)  # the length finding on the preview says the same
