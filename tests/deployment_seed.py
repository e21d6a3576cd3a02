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
