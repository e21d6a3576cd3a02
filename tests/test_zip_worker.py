"""The ZIP job with the database task backend, run by a real ``manage.py db_worker`` process.

pytest-django's SQLite test database lives in memory, out of reach of another process, so
everything runs in subprocesses against one database of the test's own: ``migrate``, a "web"
process that seeds the data and POSTs to the ZIP view (which enqueues the job), then
``db_worker --batch``, then a "web" process that reads the progress and downloads the ZIP.
The database is a temporary SQLite file; when the suite runs on PostgreSQL
(``scripts/with-postgres.sh``), also a fresh database on that server.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest
from django.conf import settings

from .deployment import database_kinds, fresh_database
from .rendering_support import pdf_text

MANAGE = str(settings.BASE_DIR / "manage.py")
EXPECTED = [
    "下属中心-王五-2025年度述职述廉报告.pdf",
    "示例县发展改革局-张三-2025年度述职述廉报告.pdf",
]


@pytest.fixture(params=database_kinds())
def database_url(request, tmp_path):
    with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def env(tmp_path, database_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.zip_worker_settings",
        DATABASE_URL=database_url,
        DJANGO_TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        ZIP_WORKER_MEDIA_ROOT=str(tmp_path / "media"),
        RENDER_CACHE_DIR=str(tmp_path / "render-cache"),
    )
    return env


def manage(env, *args, timeout=300) -> str:
    done = subprocess.run(
        [sys.executable, MANAGE, *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, f"{args[0]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def shell(env, code: str) -> dict:
    out = manage(env, "shell", "-c", f"from tests.zip_worker_support import *; {code}")
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def tasks_in(env) -> list[list[str]]:
    return shell(env, "queued_tasks()")["tasks"]


def test_it_builds_the_zip_in_a_db_worker_process(env, tmp_path):
    manage(env, "migrate", "-v0")
    started = shell(env, "seed_and_start()")
    assert started["status"] == 302 and started["location"].endswith(f"/{started['job']}/")
    assert started["state"] == "queued"  # the web process only enqueued it
    zip_task = "drafts.review.zips.build_zip"
    prerender = "drafts.downloads.prerender.prerender"
    queued = tasks_in(env)
    assert [t for t in queued if t[0] == zip_task] == [[zip_task, "READY"]]
    # each submission and approval queued a render ahead of the report's files
    assert [t for t in queued if t[0] != zip_task] == [[prerender, "READY"]] * 4

    manage(env, "db_worker", "--batch", "--no-startup-delay", "--no-reload")

    done = tasks_in(env)
    assert [t for t in done if t[0] == zip_task] == [[zip_task, "SUCCESSFUL"]]
    assert [t for t in done if t[0] != zip_task] == [[prerender, "SUCCESSFUL"]] * 4
    dest = tmp_path / "downloaded.zip"
    fetched = shell(env, f"fetch({started['job']}, {str(dest)!r})")
    assert fetched["state"]["state"] == "done" and fetched["state"]["total"] == 2
    assert fetched["state"]["percent"] == 100 and fetched["download"] == 200
    with zipfile.ZipFile(dest) as zf:
        assert sorted(zf.namelist()) == sorted([*EXPECTED, "名单.xlsx"])
        for name in EXPECTED:
            member = tmp_path / name
            member.write_bytes(zf.read(name))
            assert member.read_bytes().startswith(b"%PDF-")
            official = name.split("-")[1]
            assert f"{official}全年参加集中学习12次" in pdf_text(member).replace(" ", "")
    assert list((tmp_path / "media" / "zips").glob("*.part")) == []
