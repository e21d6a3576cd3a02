"""The reviewer's queue: scope, filters, sorting, pagination, fixed number of queries."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafts.models import Official, Report, ReportingYear, Unit
from drafts.review import transitions as reviewing

URL = reverse("review_queue")


def names(response):
    return [r.official.name for r in response.context["rows"]]


def test_it_lists_reports_of_the_reviewers_units(client, reviewer, report):
    client.force_login(reviewer)
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["张三"]
    assert "审核" in response.content.decode()


def test_it_includes_sub_units(client, reviewer, unit, make_official, make_report):
    child = Unit.objects.create(name="下属中心", parent=unit)
    make_report(owner=make_official(name="王五", unit=child))
    client.force_login(reviewer)
    assert names(client.get(URL)) == ["王五"]


def test_it_hides_reports_of_other_units(client, reviewer, make_report, other_official):
    make_report(owner=other_official)
    client.force_login(reviewer)
    assert names(client.get(URL)) == []


def test_it_refuses_users_who_are_not_reviewers(client, official):
    client.force_login(official.user)
    assert client.get(URL).status_code == 403


def test_it_refuses_staff_without_scope(client, make_user):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    assert client.get(URL).status_code == 403


def test_it_redirects_anonymous_users_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_filters_by_status(client, reviewer, report, make_official, make_report):
    make_report(owner=make_official(name="王五"), status=Report.Status.SUBMITTED)
    client.force_login(reviewer)
    assert names(client.get(URL, {"status": "submitted"})) == ["王五"]
    assert names(client.get(URL, {"status": "draft"})) == ["张三"]


def test_it_filters_by_year(client, reviewer, report, make_report, official):
    old = ReportingYear.objects.create(year=2024, deadline=date(2025, 1, 31))
    make_report(year=old)
    client.force_login(reviewer)
    rows = client.get(URL, {"year": 2024}).context["rows"]
    assert [r.year.year for r in rows] == [2024]
    assert len(client.get(URL, {"year": ""}).context["rows"]) == 2


def test_it_defaults_to_the_latest_year(client, reviewer, report, make_report):
    old = ReportingYear.objects.create(year=2024, deadline=date(2025, 1, 31))
    make_report(year=old)
    client.force_login(reviewer)
    assert [r.year.year for r in client.get(URL).context["rows"]] == [2025]


def test_it_filters_by_unit_including_sub_units(
    client, make_reviewer, unit, make_official, make_report, report
):
    child = Unit.objects.create(name="下属中心", parent=unit)
    make_report(owner=make_official(name="王五", unit=child))
    client.force_login(make_reviewer(unit))
    assert names(client.get(URL, {"unit": child.pk})) == ["王五"]
    assert sorted(names(client.get(URL, {"unit": unit.pk}))) == ["张三", "王五"]


def test_it_ignores_a_unit_filter_outside_the_scope(
    client, reviewer, report, other_unit, other_official, make_report
):
    make_report(owner=other_official)
    client.force_login(reviewer)
    response = client.get(URL, {"unit": other_unit.pk})
    assert response.status_code == 200
    assert "李四" not in names(response)


def test_it_filters_overdue_reports(client, reviewer, report, make_official, make_report, year):
    year.deadline = date(2020, 1, 1)
    year.save()
    make_report(owner=make_official(name="王五"), status=Report.Status.APPROVED)
    client.force_login(reviewer)
    response = client.get(URL, {"overdue": "1"})
    assert names(response) == ["张三"]
    assert "逾期" in response.content.decode()


def test_it_sorts_submitted_reports_first(client, reviewer, make_official, make_report, official):
    make_report(owner=make_official(name="王五"))
    submitted_report = make_report()
    reviewing.submit(submitted_report, official.user)
    client.force_login(reviewer)
    assert names(client.get(URL)) == ["张三", "王五"]
    assert names(client.get(URL, {"sort": "official"})) == sorted(["张三", "王五"])


def test_it_survives_nonsense_parameters(client, reviewer, report):
    client.force_login(reviewer)
    for params in (
        {"year": "x"},
        {"unit": "<script>"},
        {"status": "nope"},
        {"sort": "drop"},
        {"page": "999"},
    ):
        assert client.get(URL, params).status_code == 200


def test_it_paginates(client, reviewer, unit, year, report_type):
    officials = Official.objects.bulk_create(
        [Official(name=f"人员{i:02}", unit=unit) for i in range(30)]
    )
    Report.objects.bulk_create(
        [Report(official=o, year=year, report_type=report_type) for o in officials]
    )
    client.force_login(reviewer)
    first = client.get(URL, {"sort": "official"})
    second = client.get(URL, {"sort": "official", "page": 2})
    assert len(first.context["rows"]) == 25
    assert len(second.context["rows"]) == 5
    assert "page=2" in first.content.decode()


def _queries(client, params):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL, params).status_code == 200
    return len(ctx.captured_queries)


def test_it_answers_in_a_fixed_number_of_queries(
    client, reviewer, unit, year, report_type, official
):
    client.force_login(reviewer)
    few = Official.objects.bulk_create([Official(name=f"甲{i}", unit=unit) for i in range(3)])
    Report.objects.bulk_create(
        [Report(official=o, year=year, report_type=report_type) for o in few]
    )
    for r in Report.objects.all():
        r.submissions.create(number=1, tree={}, tree_hash="x")
    baseline = _queries(client, {})
    filtered = _queries(client, {"status": "draft", "overdue": "1", "unit": unit.pk})
    many = Official.objects.bulk_create(
        [
            Official(name=f"乙{i}", unit=Unit.objects.create(name=f"单位{i}", parent=unit))
            for i in range(40)
        ]
    )
    Report.objects.bulk_create(
        [Report(official=o, year=year, report_type=report_type) for o in many]
    )
    for r in Report.objects.filter(submissions__isnull=True):
        r.submissions.create(number=1, tree={}, tree_hash="x")
        r.submissions.create(number=2, tree={}, tree_hash="y")
    assert _queries(client, {}) == baseline
    assert _queries(client, {"status": "draft", "overdue": "1", "unit": unit.pk}) == filtered
    assert baseline <= 10


def test_it_lists_everything_without_a_scope_join_for_a_reviewer_of_every_unit(
    make_reviewer, make_official, make_report, unit
):
    from drafts.review.queries import queue_queryset

    county = Unit.objects.create(name="示例县")
    Unit.objects.filter(pk=unit.pk).update(parent=county)
    first = make_report(
        owner=make_official(name="甲", unit=Unit.objects.create(name="一局", parent=county))
    )
    second = make_report(
        owner=make_official(name="乙", unit=Unit.objects.create(name="二局", parent=county))
    )
    ids = queue_queryset(make_reviewer(county), years=[])
    assert "drafts_official" not in str(ids.query)
    assert set(ids) == {first.pk, second.pk}


def test_it_keeps_the_scope_join_when_a_unit_lies_outside_the_reviewers_tree(
    reviewer, report, make_report, other_official
):
    from drafts.review.queries import queue_queryset

    outside = make_report(owner=other_official)
    ids = queue_queryset(reviewer, years=[])
    assert "drafts_official" in str(ids.query)
    assert list(ids) == [report.pk]
    assert outside.pk not in set(ids)
