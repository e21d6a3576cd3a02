"""Shared fixtures: people, units and reports in the shapes every test module needs."""

from __future__ import annotations

import importlib
import itertools
from datetime import date, timedelta

import pytest
from django.apps import apps

from drafts import document
from drafts.models import Official, Report, ReportingYear, ReportType, ReviewerScope, Unit
from drafts.persistence import apply_tree

_seq = itertools.count(1)
_seed_report_types = importlib.import_module("drafts.migrations.0002_report_types").seed
_DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, tmp_path_factory):
    """On SQLite, a test database in a file (one per xdist worker), as in production.

    Django's default for tests is a shared-cache database in memory, where two requests of
    the live server at the same moment (a page reloaded while its last save is still
    arriving) fail with "database table is locked" instead of waiting as a file database
    does. PostgreSQL keeps pytest-django's per-worker names.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        request.getfixturevalue("django_db_modify_db_settings_parallel_suffix")
        return
    worker = getattr(request.config, "workerinput", {}).get("workerid", "main")
    folder = tmp_path_factory.mktemp("database")
    database["TEST"] = {**database.get("TEST", {}), "NAME": str(folder / f"test_{worker}.sqlite3")}


@pytest.fixture(autouse=True)
def _report_types_seeded(request):
    """Put back the report types that migration 0002 seeds, for every test using the database.

    Tests on a live server (tests/e2e) flush the database when they end, which removes
    migration data; without this, a later test on the same worker finds no report types.
    """
    marker = request.node.get_closest_marker("django_db")
    if not marker and not _DB_FIXTURES & set(request.fixturenames):
        return
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker and marker.kwargs.get("transaction")
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    _seed_report_types(apps, None)


@pytest.fixture(autouse=True)
def file_dirs(settings, tmp_path):
    """Rendered files and ZIPs of a test go to a folder of its own, never into var/."""
    settings.RENDER_CACHE_DIR = tmp_path / "render-cache"
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


@pytest.fixture(autouse=True)
def no_background_work(settings):
    """Submitting or approving starts renders ahead (drafts.background): most tests do not
    want a PDF rendered per submission, so background work is off unless a test asks for it
    (``inline_zips``, or ``settings.BACKGROUND_RUNNER = "auto"``)."""
    settings.BACKGROUND_RUNNER = "off"


@pytest.fixture
def inline_zips(settings):
    """Background work (ZIPs, renders ahead) runs inside the request that starts it."""
    settings.BACKGROUND_RUNNER = "inline"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Tests create users by the dozen; the production password hasher would dominate the run."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_user(django_user_model):
    def make(username=None, password="pw-for-tests-1", **extra):
        username = username or f"user{next(_seq)}"
        return django_user_model.objects.create_user(username=username, password=password, **extra)

    return make


@pytest.fixture
def unit(db):
    return Unit.objects.create(name="示例县发展改革局")


@pytest.fixture
def other_unit(db):
    return Unit.objects.create(name="示例县交通运输局")


@pytest.fixture
def year(db):
    # The deadline is ahead, so that the report can be written (drafts.cycle.deadlines).
    return ReportingYear.objects.create(year=2025, deadline=date.today() + timedelta(days=60))


@pytest.fixture
def report_type(db):
    # Seeded by migration 0002.
    return ReportType.objects.get(code="shuzhi-shulian")


@pytest.fixture
def make_official(make_user, unit):
    def make(name="张三", unit=unit, post="局长", with_login=True):
        user = make_user() if with_login else None
        return Official.objects.create(user=user, name=name, unit=unit, post=post)

    return make


@pytest.fixture
def official(make_official):
    return make_official()


@pytest.fixture
def other_official(make_official, other_unit):
    return make_official(name="李四", unit=other_unit, post="副局长")


@pytest.fixture
def sample_tree():
    return document.Report(
        title="2025年度述职述廉报告",
        byline="示例县发展改革局局长 张三",
        opening="一年来，我在县委、县政府的领导下，认真履行岗位职责。现将有关情况报告如下：",
        sections=[
            document.Section(
                heading="加强政治理论学习",
                kind="politics",
                item_style="arabic",
                intro="全年坚持把学习放在首位。",
                items=[
                    document.Item(lead="坚持集中学习", body="全年参加党组理论学习中心组学习12次。"),
                    document.Item(lead="注重学用结合", body="撰写调研报告3篇。\n其中1篇获县领导批示。"),
                ],
            ),
            document.Section(
                heading="扎实履职尽责",
                kind="duties",
                item_style="ordinal",
                inline_items=True,
                items=[document.Item(lead="抓项目建设", body="全年新开工项目18个。")],
            ),
        ],
        closing="新的一年，我将继续努力，争取更好成绩。",
        signature=document.Signature(name="张三", date="2026-01-10"),
    )


@pytest.fixture
def make_report(official, year, report_type, sample_tree):
    def make(owner=None, tree=None, status=Report.Status.DRAFT, year=year):
        report = Report.objects.create(
            official=owner or official, year=year, report_type=report_type, status=status
        )
        apply_tree(report, tree if tree is not None else sample_tree)
        return report

    return make


@pytest.fixture
def report(make_report):
    return make_report()


@pytest.fixture
def reviewer(make_reviewer, unit):
    """A reviewer whose scope is ``unit`` (the unit of ``official``)."""
    return make_reviewer(unit)


@pytest.fixture
def make_reviewer(make_user):
    def make(*units, username=None):
        user = make_user(username=username)
        for u in units:
            ReviewerScope.objects.create(user=user, unit=u)
        return user

    return make


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('HOST') or ''}".rstrip()
