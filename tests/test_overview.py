"""The overview per unit for a year: counts by status, not started, overdue; table and chart."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafts.models import Report, ReportingYear, Unit
from drafts.review import transitions as reviewing

from .review_support import submitted  # noqa: F401

URL = reverse("review_overview")


def row_for(response, unit):
    return next(r for r in response.context["rows"] if r["unit"] == unit)


def test_it_counts_reports_by_status(
    client, reviewer, unit, make_official, make_report, official, year
):
    year.deadline = date(2099, 1, 31)
    year.save()
    make_report()  # 张三: draft
    a = make_official(name="甲")
    submitted(make_report(owner=a), a.user)
    b = make_official(name="乙")
    reviewing.approve(submitted(make_report(owner=b), b.user), reviewer)
    c = make_official(name="丙")
    reviewing.return_report(submitted(make_report(owner=c), c.user), reviewer, "退回")
    make_official(name="丁")  # no report: not started
    client.force_login(reviewer)
    row = row_for(client.get(URL), unit)
    assert (
        row["not_started"],
        row["draft"],
        row["submitted"],
        row["returned"],
        row["approved"],
    ) == (1, 1, 1, 1, 1)
    assert row["overdue"] == 0


def test_it_counts_overdue_after_the_deadline(
    client, reviewer, unit, make_official, make_report, year
):
    year.deadline = date(2020, 1, 1)
    year.save()
    make_report()
    make_official(name="丁")
    client.force_login(reviewer)
    assert row_for(client.get(URL), unit)["overdue"] == 2


def test_it_shows_a_chart_and_a_table(client, reviewer, report):
    client.force_login(reviewer)
    body = client.get(URL).content.decode()
    assert "overview-table" in body and 'class="ov-bar"' in body
    assert "未开始" in body and "已通过" in body


def test_it_chooses_the_year(client, reviewer, report, official, make_report):
    old = ReportingYear.objects.create(year=2024, deadline=date(2025, 1, 31))
    make_report(year=old, status=Report.Status.APPROVED)
    client.force_login(reviewer)
    assert client.get(URL, {"year": 2024}).context["year"] == old
    assert client.get(URL, {"year": "zzz"}).context["year"].year == 2025


def test_it_shows_only_units_in_scope(client, reviewer, other_official, make_report):
    make_report(owner=other_official)
    client.force_login(reviewer)
    units = [r["unit"].name for r in client.get(URL).context["rows"]]
    assert "示例县交通运输局" not in units


def test_it_uses_a_fixed_number_of_queries(client, reviewer, unit, make_official, report):
    client.force_login(reviewer)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for i in range(10):
        make_official(name=f"人{i}", unit=Unit.objects.create(name=f"单位{i}", parent=unit))
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_it_refuses_non_reviewers(client, official, make_user):
    client.force_login(official.user)
    assert client.get(URL).status_code == 403
    client.force_login(make_user(is_staff=True))
    assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302
