"""A real deployment on loopback, for tests/test_deployment.py and bench/load.py (not a test
module): a database of its own, ``migrate``, gunicorn with several workers and a
``db_worker`` process started as the production units start them (deploy/), and a small
HTTP client that logs in and posts forms with their CSRF token like a browser.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def database_kinds():
    """pytest params: an SQLite file always, PostgreSQL when the suite runs there."""
    import pytest

    return [
        "sqlite",
        pytest.param(
            "postgres",
            marks=pytest.mark.skipif(
                not ON_POSTGRES, reason="the suite runs on SQLite (see scripts/with-postgres.sh)"
            ),
        ),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def fresh_database(kind: str, workdir: Path):
    """A database URL of its own: an SQLite file, or a new database on the PostgreSQL server
    of ``DATABASE_URL`` (dropped afterwards)."""
    if kind == "sqlite":
        yield f"sqlite:///{workdir / 'db.sqlite3'}"
        return
    import dj_database_url
    import psycopg

    server = dj_database_url.parse(os.environ["DATABASE_URL"])
    name = f"deploy_{secrets.token_hex(4)}"
    admin = {
        "host": server["HOST"],
        "port": server["PORT"] or 5432,
        "user": server["USER"],
        "password": server["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(**admin) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@dataclass
class Deployment:
    database_url: str
    workdir: Path
    web_workers: int = 2
    port: int = field(default_factory=free_port)
    processes: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def cache_dir(self) -> Path:
        return self.workdir / "render-cache"

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="reportsite.settings",
            DATABASE_URL=self.database_url,
            DATABASE_CONN_MAX_AGE="60",
            DJANGO_TASKS_BACKEND="django_tasks_db.DatabaseBackend",
            DJANGO_DEBUG="0",
            # TLS ends at the proxy in production; here the client talks to gunicorn itself.
            DJANGO_SECURE="0",
            DJANGO_SECRET_KEY="deployment-test-" + secrets.token_hex(24),
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            RENDER_CACHE_DIR=str(self.cache_dir),
            MEDIA_ROOT=str(self.workdir / "media"),
            WEB_WORKERS=str(self.web_workers),
            GUNICORN_BIND=f"127.0.0.1:{self.port}",
            WEB_ACCESS_LOG="",
            PYTHONUNBUFFERED="1",
        )
        return env

    def manage(self, *args, timeout=600) -> str:
        done = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {args[0]} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def shell(self, code: str) -> dict:
        """Run ``code`` in ``manage.py shell`` with tests/deployment_seed imported; its
        ``emit(...)`` line comes back as a dict."""
        out = self.manage("shell", "-c", f"from tests.deployment_seed import *; {code}")
        line = next(x for x in out.splitlines() if x.startswith("RESULT "))
        return json.loads(line.removeprefix("RESULT "))

    def log(self, name: str) -> str:
        return (self.workdir / f"{name}.log").read_text(encoding="utf-8", errors="replace")

    def start(self) -> None:
        self.manage("migrate", "-v0")
        env = self.env()
        for name, cmd in (
            # the worker at the priority its unit gives it (Nice=10)
            ("worker", ["nice", "-n", "10", PYTHON, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"]),
            ("web", [GUNICORN, "-c", "deploy/gunicorn.conf.py", "reportsite.wsgi"]),
        ):
            log = open(self.workdir / f"{name}.log", "w")
            self.processes[name] = subprocess.Popen(
                cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for name, proc in self.processes.items():
                if proc.poll() is not None:
                    raise RuntimeError(f"{name} exited:\n{self.log(name)}")
            try:
                with urllib.request.urlopen(self.url + "/login/", timeout=5) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer within 60 s:\n" + self.log("web"))

    def stop(self) -> None:
        for proc in self.processes.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.processes.values():
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)


@contextmanager
def deployment(kind: str, workdir: Path, web_workers: int = 2):
    workdir.mkdir(parents=True, exist_ok=True)
    with fresh_database(kind, workdir) as url:
        d = Deployment(url, workdir, web_workers=web_workers)
        try:
            d.start()
            yield d
        finally:
            d.stop()


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes
    url: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Client:
    """One user's browser: cookies, CSRF token, redirects followed unless asked not to."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        cookies = urllib.request.HTTPCookieProcessor(self.jar)
        self._follow = urllib.request.build_opener(cookies)
        self._stay = urllib.request.build_opener(cookies, _NoRedirect)

    def _csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, method, path, *, data=None, json_body=None, follow=True, timeout=120):
        headers = {"Accept": "text/html,application/json"}
        body = None
        if json_body is not None:
            body = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json"
        elif data is not None:
            data = {"csrfmiddlewaretoken": self._csrf(), **data}
            body = urllib.parse.urlencode(data).encode("utf-8")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if method == "POST":
            headers["X-CSRFToken"] = self._csrf()
        req = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        opener = self._follow if follow else self._stay
        try:
            with opener.open(req, timeout=timeout) as r:
                return Response(r.status, dict(r.headers), r.read(), r.url)
        except urllib.error.HTTPError as e:
            return Response(e.code, dict(e.headers), e.read(), e.url)

    def get(self, path, **kw) -> Response:
        return self.request("GET", path, **kw)

    def post(self, path, data=None, **kw) -> Response:
        return self.request("POST", path, data=data if data is not None else {}, **kw)

    def post_json(self, path, payload, **kw) -> Response:
        return self.request("POST", path, json_body=payload, **kw)

    def login(self, username: str, password: str) -> None:
        self.get("/login/")
        r = self.post("/login/", {"username": username, "password": password})
        if "/login/" in r.url:
            raise AssertionError(f"login of {username} failed: {r.status}")


def value_of(html: str, pattern: str) -> str:
    match = re.search(pattern, html)
    if not match:
        raise AssertionError(f"{pattern!r} not in the page")
    return match.group(1)


# -- what users do, over HTTP ------------------------------------------------------------


def start_report(client: Client, year: int, report_type: int) -> int:
    """Start the year's report (a type's sections laid out); its id."""
    client.get(f"/years/{year}/start/")
    r = client.post(f"/years/{year}/start/", {"report_type": str(report_type)})
    return int(value_of(r.url, r"/reports/(\d+)/"))


def wizard_state(client: Client, report_id: int) -> tuple[int, list[str]]:
    """The version the wizard page holds and the keys of its section steps."""
    page = client.get(f"/reports/{report_id}/step/start/").text
    version = int(value_of(page, r'data-version="(\d+)"'))
    return version, re.findall(r'data-step="(s\d+)"', page)


def autosave(client: Client, report_id: int, version: int, changes: dict) -> Response:
    return client.post_json(
        f"/reports/{report_id}/autosave/", {"version": version, "changes": changes}
    )


def fill_report(client: Client, report_id: int, who: str) -> int:
    """Write the opening, every section's intro and the closing through the autosave; the
    version afterwards."""
    version, step_keys = wizard_state(client, report_id)
    fields = {"report.opening": f"一年来，{who}在县委的领导下认真履行职责。现将有关情况报告如下："}
    for key in step_keys:
        page = client.get(f"/reports/{report_id}/step/{key}/").text
        intro = value_of(page, r'name="(section\.\d+\.intro)"')
        fields[intro] = (
            f"{who}全年围绕第{key[1:]}项工作开展调研走访，推动重点任务按期完成，"
            f"形成可复制的经验做法{len(fields)}条。"
        )
    fields["report.closing"] = "新的一年，我将继续努力，争取更好成绩。"
    for key, text in fields.items():
        r = autosave(client, report_id, version, {key: text})
        if r.status != 200:
            raise AssertionError(f"autosave {key}: {r.status} {r.text[:200]}")
        version = r.json()["version"]
    return version
