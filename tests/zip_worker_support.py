"""What the "web" processes of tests/test_zip_worker.py run (``manage.py shell -c``).

Not a test module: each function runs in a subprocess against the test's SQLite file and
prints one JSON line for the test to read.
"""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from drafts import document
from drafts.models import Official, Report, ReportingYear, ReportType, ReviewerScope, Unit, ZipJob
from drafts.persistence import apply_tree
from drafts.review import transitions as reviewing

OFFICIALS = (("张三", "示例县发展改革局"), ("王五", "下属中心"))


def _tree(name: str) -> document.Report:
    return document.Report(
        title="2025年度述职述廉报告",
        byline=f"局长 {name}",
        opening="一年来，我在县委、县政府的领导下，认真履行岗位职责。现将有关情况报告如下：",
        sections=[
            document.Section(
                heading="加强政治理论学习",
                kind="politics",
                item_style="arabic",
                items=[document.Item(lead="坚持集中学习", body=f"{name}全年参加集中学习12次。")],
            ),
        ],
        closing="新的一年，我将继续努力，争取更好成绩。",
        signature=document.Signature(name=name, date="2026-01-10"),
    )


def _emit(**data) -> None:
    sys.stdout.write("RESULT " + json.dumps(data, ensure_ascii=False) + "\n")


def seed_and_start() -> None:
    """Two approved reports (one in a sub-unit) and a draft; a reviewer asks for the ZIP."""
    users = get_user_model().objects
    top = Unit.objects.create(name=OFFICIALS[0][1])
    units = {top.name: top, OFFICIALS[1][1]: Unit.objects.create(name=OFFICIALS[1][1], parent=top)}
    year = ReportingYear.objects.create(year=2025, deadline=date.today() + timedelta(days=60))
    rtype = ReportType.objects.get(code="shuzhi-shulian")
    reviewer = users.create_user("reviewer")
    ReviewerScope.objects.create(user=reviewer, unit=top)
    for i, (name, unit) in enumerate((*OFFICIALS, ("未通过", top.name))):
        user = users.create_user(f"official{i}")
        official = Official.objects.create(user=user, name=name, unit=units[unit], post="局长")
        report = Report.objects.create(official=official, year=year, report_type=rtype)
        apply_tree(report, _tree(name))
        if name != "未通过":  # the third stays a draft: not in the ZIP
            reviewing.submit(report, user)
            reviewing.approve(Report.objects.get(pk=report.pk), reviewer)
    client = Client()
    client.force_login(reviewer)
    response = client.post(reverse("review_zip_start"), {"unit": top.pk, "year": 2025})
    job = ZipJob.objects.get()
    _emit(
        status=response.status_code, location=response.get("Location"), job=job.pk, state=job.state
    )


def fetch(job_pk: int, dest: str) -> None:
    """The reviewer's progress JSON and, when done, the ZIP downloaded into ``dest``."""
    job = ZipJob.objects.get(pk=job_pk)
    client = Client()
    client.force_login(job.user)
    state = client.get(reverse("review_zip_status", kwargs={"pk": job_pk})).json()
    response = client.get(reverse("review_zip_download", kwargs={"pk": job_pk}))
    if response.status_code == 200:
        Path(dest).write_bytes(b"".join(response.streaming_content))
    _emit(state=state, download=response.status_code)


def queued_tasks() -> None:
    """The task results in the database backend's table: ``[[task path, status], …]``."""
    from django_tasks_db.models import DBTaskResult

    _emit(tasks=[list(t) for t in DBTaskResult.objects.values_list("task_path", "status")])
