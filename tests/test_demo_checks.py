"""The demo data: loading it twice changes nothing, and its texts pass the checks.

The finished report has no error-level finding at all; the half-finished one only the
sections it has not written yet (empty_section): no placeholder, no paste debris.
"""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

from drafts import checks
from drafts.models import ContentBackup, Entry, Official, Report, Section, Submission, Unit
from drafts.persistence import load_tree


def _load():
    out = StringIO()
    call_command("load_demo", stdout=out, allow_non_sqlite=True)
    return out.getvalue()


def _counts():
    models = (Unit, Official, Report, Section, Entry, Submission, ContentBackup, get_user_model())
    return {m.__name__: m.objects.count() for m in models}


def _trees():
    return {r.pk: load_tree(r.pk).to_dict() for r in Report.objects.all()}


def _findings(report):
    previous = (
        Report.objects.filter(official=report.official, year__year__lt=report.year.year)
        .order_by("-year__year")
        .first()
    )
    return checks.run_checks(
        load_tree(report.pk),
        load_tree(previous.pk) if previous else None,
        suggested_chars=report.report_type.suggested_chars,
        section_suggested={
            i: s.suggested_chars for i, s in enumerate(report.sections.all()) if s.suggested_chars
        },
    )


def test_it_loads_twice_without_changing_anything(db):
    first = _load()
    counts, trees = _counts(), _trees()
    second = _load()
    assert _counts() == counts
    assert _trees() == trees
    assert first == second


def test_it_has_no_error_in_the_finished_report(db):
    _load()
    finished = Report.objects.get(official__user__username="demo", status="approved")
    errors = [f for f in _findings(finished) if f.severity == "error"]
    assert errors == []


def test_it_has_only_unwritten_sections_as_errors_in_the_draft(db):
    _load()
    draft = Report.objects.get(official__user__username="demo", status="draft")
    codes = {f.code for f in _findings(draft) if f.severity == "error"}
    assert codes <= {"empty_section"}


def test_it_has_no_placeholder_or_debris_in_any_demo_text(db):
    _load()
    for report in Report.objects.all():
        bad = [f for f in _findings(report) if f.code in ("placeholder", "scrape_debris")]
        assert bad == [], (report, bad)
