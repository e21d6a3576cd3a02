from datetime import date

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from drafts.management.commands.load_demo import current_reporting_year
from drafts.models import Official, Report, ReportingYear, ReviewerScope, Unit
from drafts.persistence import load_tree

THIS_YEAR = current_reporting_year(timezone.localdate())


def run():
    from io import StringIO

    out = StringIO()
    call_command("load_demo", stdout=out, allow_non_sqlite=True)
    return out.getvalue()


def test_it_creates_the_demo_data_and_prints_the_logins(db):
    out = run()
    assert (
        "demo" in out
        and "demo-2025!" in out
        and "reviewer" in out
        and "http://127.0.0.1:8000/" in out
    )
    assert authenticate(username="demo", password="demo-2025!")
    assert authenticate(username="reviewer", password="review-2025!")
    assert authenticate(username="admin", password="admin-2025!").is_superuser
    county = Unit.objects.get(name="青禾县")
    assert county.children.count() == 3
    assert ReviewerScope.objects.filter(user__username="reviewer", unit=county).exists()
    assert ReportingYear.objects.get(year=THIS_YEAR).is_open
    assert not ReportingYear.objects.get(year=THIS_YEAR - 1).is_open


def test_it_creates_a_finished_and_a_half_finished_report(db):
    run()
    demo = Official.objects.get(user__username="demo")
    finished = Report.objects.get(official=demo, year__year=THIS_YEAR - 1)
    half = Report.objects.get(official=demo, year__year=THIS_YEAR)
    assert finished.status == "approved" and finished.submissions.count() == 1
    assert half.status == "draft"
    tree = load_tree(half.pk)
    assert tree.sections[0].items and not tree.sections[-1].items
    assert all(
        "XX" not in text and "*" not in text for _p, text in load_tree(finished.pk).text_fields()
    )


def test_it_is_idempotent_and_keeps_edits(db):
    run()
    half = Report.objects.get(year__year=THIS_YEAR)
    Report.objects.filter(pk=half.pk).update(opening="我改过的导语")
    counts = (Unit.objects.count(), Official.objects.count(), Report.objects.count())
    run()
    assert (Unit.objects.count(), Official.objects.count(), Report.objects.count()) == counts
    assert Report.objects.get(pk=half.pk).opening == "我改过的导语"


@pytest.mark.parametrize(
    "today, year", [(date(2026, 11, 24), 2026), (date(2027, 1, 10), 2026), (date(2026, 7, 1), 2026)]
)
def test_it_picks_the_reporting_year_being_written(today, year):
    assert current_reporting_year(today) == year


def test_it_refuses_to_load_published_logins_into_a_server_database(db, monkeypatch):
    monkeypatch.setattr(connection, "vendor", "postgresql")
    with pytest.raises(CommandError, match="SQLite"):
        call_command("load_demo")
    assert not Unit.objects.exists()
