"""What a deployment test puts into its database (run inside ``manage.py shell`` by
tests/deployment.py; not a test module). Prints one ``RESULT {json}`` line."""

from __future__ import annotations

import json
import sys
from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone

from drafts.models import Official, ReportingYear, ReportType, ReviewerScope, Unit

PASSWORD = "deploy-pass-2026!"


def emit(**data) -> None:
    sys.stdout.write("RESULT " + json.dumps(data, ensure_ascii=False) + "\n")


def seed(officials: int = 1, reviewers: int = 1) -> None:
    """A county with one department per ten officials, officials with logins, reviewers of
    the whole county, and an open reporting year (the current one)."""
    users = get_user_model().objects
    county = Unit.objects.create(name="青禾县")
    year = ReportingYear.objects.create(
        year=timezone.localdate().year, deadline=date(timezone.localdate().year + 1, 1, 31)
    )
    departments = [
        Unit.objects.create(name=f"青禾县第{i + 1}局", parent=county)
        for i in range(max(1, (officials + 9) // 10))
    ]
    names = []
    for i in range(officials):
        user = users.create_user(f"official{i}", password=PASSWORD)
        Official.objects.create(
            user=user, name=f"干部{i:03d}", unit=departments[i // 10], post="局长"
        )
        names.append(user.username)
    reviewer_names = []
    for i in range(reviewers):
        user = users.create_user(f"reviewer{i}", password=PASSWORD)
        ReviewerScope.objects.create(user=user, unit=county)
        reviewer_names.append(user.username)
    emit(
        year=year.year,
        officials=names,
        reviewers=reviewer_names,
        report_type=ReportType.objects.get(code="shuzhi-shulian").pk,
        password=PASSWORD,
    )


def _filled_tree(name: str, year: int):
    from drafts import document

    return document.Report(
        title=f"{year}年度述职述廉报告",
        byline=f"负荷测试局局长 {name}",
        opening="一年来，我在县委、县政府的领导下，认真履行岗位职责。现将有关情况报告如下：",
        sections=[
            document.Section(
                heading=heading,
                kind=kind,
                item_style="arabic",
                items=[
                    document.Item(
                        lead=f"抓好{heading[:4]}工作",
                        body=f"{name}全年围绕{heading}开展工作{n + 3}项，推动任务落实落细。",
                    )
                    for n in range(3)
                ],
            )
            for heading, kind in (
                ("加强政治理论学习", "politics"),
                ("扎实履职尽责", "duties"),
                ("严格廉洁自律", "integrity"),
                ("存在的问题和不足", "problems"),
                ("下一步工作打算", "plans"),
            )
        ],
        closing="新的一年，我将继续努力，争取更好成绩。",
        signature=document.Signature(name=name, date=f"{year + 1}-01-10"),
    )


def seed_load(officials: int = 50, reviewers: int = 5, zip_reports: int = 100, bulk: int = 0):
    """bench/load.py's data: ``officials`` with logins and a draft of this year each;
    ``zip_reports`` officials of the same unit with last year's report approved (their files
    rendered ahead by the worker); ``reviewers`` of the whole county; and ``bulk`` officials
    more (bench/gen_data.py: three years of reports) for the queue to page through."""
    import io

    from django.contrib.auth.hashers import make_password

    from drafts.drafting.starting import start_report
    from drafts.models import Report
    from drafts.persistence import apply_tree
    from drafts.review import transitions

    if bulk:
        from bench.gen_data import generate

        generate(officials=bulk, years=3, stdout=io.StringIO())
    users = get_user_model().objects
    password = make_password(PASSWORD)
    today = timezone.localdate()
    this_year, _ = ReportingYear.objects.get_or_create(
        year=today.year, defaults={"deadline": date(today.year + 1, 1, 31)}
    )
    last_year, _ = ReportingYear.objects.get_or_create(
        year=today.year - 1, defaults={"deadline": date(today.year, 1, 31)}
    )
    rtype = ReportType.objects.get(code="shuzhi-shulian")
    county = Unit.objects.create(name="青禾县")
    unit = Unit.objects.create(name="负荷测试局", parent=county)
    reviewer_names = []
    for i in range(reviewers):
        user = users.create(username=f"reviewer{i}", password=password)
        for root in Unit.objects.filter(parent=None):
            ReviewerScope.objects.create(user=user, unit=root)
        reviewer_names.append(user.username)
    approver = users.get(username=reviewer_names[0]) if reviewer_names else None
    # Last year's reports are submitted and approved through the workflow, as they were then:
    # its deadline is lifted while they are, and put back afterwards.
    deadline, last_year.deadline = last_year.deadline, None
    last_year.save(update_fields=["deadline"])
    drafts, approved = [], []
    for i in range(max(officials, zip_reports)):
        user = users.create(username=f"official{i}", password=password)
        official = Official.objects.create(user=user, name=f"干部{i:03d}", unit=unit, post="局长")
        if i < zip_reports and approver is not None:
            report = start_report(official, last_year, rtype)
            apply_tree(report, _filled_tree(official.name, last_year.year))
            transitions.submit(Report.objects.get(pk=report.pk), user)
            transitions.approve(Report.objects.get(pk=report.pk), approver)
            approved.append(report.pk)
        if i < officials:
            report = start_report(official, this_year, rtype)
            apply_tree(report, _filled_tree(official.name, this_year.year))
            drafts.append([user.username, report.pk])
    last_year.deadline = deadline
    last_year.save(update_fields=["deadline"])
    emit(
        password=PASSWORD,
        drafts=drafts,
        reviewers=reviewer_names,
        unit=unit.pk,
        last_year=last_year.year,
        approved=approved,
        reports=list(Report.objects.order_by("pk").values_list("pk", flat=True)[:2000]),
    )


def pending_renders() -> None:
    """How many submitted or approved reports still miss files in the render cache."""
    from drafts.downloads.prerender import stale_reports
    from drafts.models import Report

    mine = set(Report.objects.filter(official__unit__name="负荷测试局").values_list("pk", flat=True))
    emit(pending=len([r for r in stale_reports() if r in mine]))


def section_texts(report_ids) -> None:
    """The intro of the first section of each report, as stored."""
    from drafts.models import Section

    out = {}
    for report_id, intro in (
        Section.objects.filter(report_id__in=report_ids, order=0).values_list("report_id", "intro")
    ):
        out[str(report_id)] = intro
    emit(texts=out)
