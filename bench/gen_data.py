"""Generate a large review data set into the configured database (bulk inserts).

    .venv/bin/python bench/gen_data.py [--officials 10000] [--years 5]

writes a unit tree (a county, 20 departments/towns, 10 sub-units each), ``--officials``
officials spread over the units, ``--years`` reporting years ending with 2025, one report per
official and year (10,000 × 5 = 50,000), past years mostly approved, the current year in
every status, a frozen submission for every submitted/returned/approved report, and two
reviewers: ``bench-county`` (the whole county) and ``bench-dept`` (one department).

It uses whatever database Django is configured for (``DATABASE_URL``); ``bench/review_queue.py``
calls :func:`generate` on a temporary database.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPARTMENTS = 20
SUB_UNITS = 10
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌"
PASSWORD = "bench-password-1"


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reportsite.settings")
    import django

    django.setup()


def small_tree(name: str, year: int, rng: random.Random) -> dict:
    n = rng.randint(8, 30)
    return {
        "version": 1,
        "title": f"{year}年度述职述廉报告",
        "subtitle": "",
        "byline": name,
        "opening": "一年来，在上级党委的领导下，认真履行岗位职责。现将有关情况报告如下：",
        "sections": [
            {
                "heading": "加强政治理论学习",
                "kind": "politics",
                "item_style": "arabic",
                "inline_items": False,
                "intro": "",
                "items": [{"lead": "坚持集中学习", "body": f"全年参加集中学习{n}次。"}],
            },
            {
                "heading": "扎实履职尽责",
                "kind": "duties",
                "item_style": "ordinal",
                "inline_items": False,
                "intro": "",
                "items": [{"lead": "抓项目建设", "body": f"推进项目{n + 3}个。"}],
            },
        ],
        "closing": "新的一年，我将继续努力。",
        "signature": {"name": name, "date": f"{year + 1}-01-10"},
    }


def generate(
    officials: int = 10_000, years: int = 5, seed: int = 2025, stdout=sys.stdout, roll: bool = False
) -> dict:
    """Fill the database; returns the ids a benchmark needs. ``roll``: every year opened with
    a roll holding every official (as the cycle manager's "open a year" makes it)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from drafts.models import (
        Official,
        Report,
        ReportingYear,
        ReportType,
        ReviewerScope,
        Submission,
        Unit,
    )

    rng = random.Random(seed)
    User = get_user_model()
    report_type = ReportType.objects.order_by("order", "pk").first()
    with transaction.atomic():
        county = Unit.objects.create(name="基准县")
        departments = Unit.objects.bulk_create(
            [Unit(name=f"基准县第{i + 1:02}局", parent=county) for i in range(DEPARTMENTS)]
        )
        subs = Unit.objects.bulk_create(
            [
                Unit(name=f"{d.name}下属单位{j + 1:02}", parent=d)
                for d in departments
                for j in range(SUB_UNITS)
            ]
        )
        leaves = list(departments) + list(subs)
        people = Official.objects.bulk_create(
            [
                Official(
                    name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                    unit=rng.choice(leaves),
                    post=rng.choice(["局长", "副局长", "主任", "副主任", "科长"]),
                )
                for _ in range(officials)
            ],
            batch_size=2000,
        )
        last = 2025
        year_rows = ReportingYear.objects.bulk_create(
            [
                ReportingYear(year=y, deadline=date(y + 1, 1, 31), is_open=(y == last))
                for y in range(last - years + 1, last + 1)
                if not ReportingYear.objects.filter(year=y).exists()
            ]
        )
        year_rows = list(ReportingYear.objects.filter(year__gt=last - years).order_by("year"))
        reports = []
        for y in year_rows:
            for o in people:
                if y.year < last:
                    status = (
                        "approved" if rng.random() < 0.97 else rng.choice(["returned", "draft"])
                    )
                else:
                    status = rng.choices(
                        ["draft", "submitted", "returned", "approved"], [30, 30, 10, 30]
                    )[0]
                reports.append(
                    Report(
                        official=o,
                        year=y,
                        report_type=report_type,
                        status=status,
                        title=f"{y.year}年度述职述廉报告",
                        signature_name=o.name,
                    )
                )
        reports = Report.objects.bulk_create(reports, batch_size=2000)
        by_pk = {o.pk: o for o in people}
        subs_rows = []
        for r in reports:
            if r.status == "draft":
                continue
            tree = small_tree(by_pk[r.official_id].name, r.year.year, rng)
            subs_rows.append(Submission(report=r, number=1, tree=tree, tree_hash=f"{r.pk:064x}"))
        Submission.objects.bulk_create(subs_rows, batch_size=2000)
        if roll:
            from drafts.models import RollEntry

            ReportingYear.objects.filter(pk__in=[y.pk for y in year_rows]).update(has_roll=True)
            RollEntry.objects.bulk_create(
                [RollEntry(year=y, official=o) for y in year_rows for o in people], batch_size=2000
            )
        pw = make_password(PASSWORD)
        county_reviewer = User.objects.create(username="bench-county", password=pw)
        dept_reviewer = User.objects.create(username="bench-dept", password=pw)
        ReviewerScope.objects.create(user=county_reviewer, unit=county)
        ReviewerScope.objects.create(user=dept_reviewer, unit=departments[0])
    # Planner statistics, as PostgreSQL's autovacuum (or a nightly ANALYZE on SQLite) keeps
    # them in a running deployment; without them SQLite picks worse plans for the queue.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"generated {len(leaves) + 1} units, {len(people)} officials, {len(year_rows)} years, "
        f"{len(reports)} reports, {len(subs_rows)} submissions",
        file=stdout,
    )
    return {
        "county": county.pk,
        "department": departments[0].pk,
        "sub_unit": subs[0].pk,
        "county_reviewer": county_reviewer.pk,
        "dept_reviewer": dept_reviewer.pk,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--officials", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--roll", action="store_true", help="open every year with a roll")
    args = parser.parse_args(argv)
    setup_django()
    generate(args.officials, args.years, args.seed, roll=args.roll)


if __name__ == "__main__":
    main()
