"""Who may not: every route of the drafting and importing areas, refused to everyone but the
owner of the report.

The routes are enumerated from ``drafts.urls.drafting`` and ``drafts.urls.importing``: a new
route without an entry in ROUTES fails ``test_it_covers_every_route``.

- anonymous: redirected to the login page (autosave answers JSON 401 so the page can say so);
- another official, a reviewer whose scope covers the owner's unit, a staff user and a
  superuser who do not own the report: 404 on every URL that names a report, and nothing
  changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.urls.resolvers import URLPattern

from drafts import document
from drafts.importing.pending import SESSION_KEY
from drafts.models import ContentBackup, Report, ReportingYear, SavedVersion
from drafts.persistence import apply_tree, load_tree
from drafts.urls import drafting as drafting_urls
from drafts.urls import importing as importing_urls


@dataclass(frozen=True)
class Case:
    method: str  # GET | POST
    takes_report: bool  # the URL (or the pending import) names a report
    data: tuple = ()


# route name -> how to call it. ``takes_report`` routes are refused with 404 to non-owners.
ROUTES = {
    "home": Case("GET", False),
    "start_report": Case("POST", False, (("report_type", "1"),)),
    "wizard": Case("GET", True),
    "wizard_step": Case("POST", True, (("step_form", "1"), ("report.title", "改掉"))),
    "autosave": Case("POST", True),
    "import_start": Case("POST", True, (("text", "一、标题\n正文。"),)),
    "import_review": Case("GET", True),
    "import_accept": Case("POST", True, (("mode", "replace"), ("confirm", "1"))),
    "import_cancel": Case("POST", False),
    "import_restore": Case("POST", True),
    "apply_fix": Case("POST", True, (("where", "opening"), ("step", "start"))),
    "findings_panel": Case("GET", True),
    "promise_answer": Case("POST", True, (("not_done", "1"), ("reason", "没做"))),
    "report_versions": Case("GET", True),
    "report_version": Case("GET", True),
    "report_version_restore": Case("POST", True),
}


def _route_names():
    names = set()
    for module in (drafting_urls, importing_urls):
        for pattern in module.urlpatterns:
            assert isinstance(pattern, URLPattern), "nested URL includes are not covered"
            names.add(pattern.name)
    return names


def test_it_covers_every_route():
    assert _route_names() == set(ROUTES)


def _url(name, report, year):
    if name == "start_report":
        return reverse(name, args=[year.year])
    if name == "wizard_step":
        return reverse(name, args=[report.pk, "start"])
    if name in ("wizard", "autosave", "import_restore", "apply_fix"):
        return reverse(name, args=[report.pk])
    if name == "findings_panel":
        return reverse(name, args=[report.pk]) + "?step=start"
    if name == "promise_answer":
        return reverse(name, args=[report.pk, 0])
    if name == "report_versions":
        return reverse(name, args=[report.pk])
    if name in ("report_version", "report_version_restore"):
        kept = SavedVersion.objects.filter(report=report).first()
        return reverse(name, args=[report.pk, "saved", kept.pk])
    if name == "import_start":
        return reverse(name) + f"?report={report.pk}"
    return reverse(name)


def _call(client, name, report, year):
    case = ROUTES[name]
    url = _url(name, report, year)
    data = dict(case.data)
    if name in ("wizard_step", "apply_fix", "report_version_restore"):
        data["version"] = str(report.version)
    if name == "promise_answer":
        _give_last_year(report)
    if case.method == "GET":
        return client.get(url)
    if name == "autosave":
        body = {"version": report.version, "changes": {"report.title": "改掉"}}
        return client.post(url, body, content_type="application/json")
    return client.post(url, data)


def _pend_on(client, report):
    """A pending import (in the intruder's own session) that names ``report``."""
    session = client.session
    session[SESSION_KEY] = {
        "token": "t",
        "source": "一、标题\n正文。",
        "notes": [],
        "blocks": [{"role": "heading", "text": "标题"}, {"role": "body", "text": "正文。"}],
        "report_id": report.pk,
        "version": report.version,
    }
    session.save()


def _give_last_year(report):
    """Last year's report of the same official, with a promise to answer (promise_answer)."""
    last_year, _new = ReportingYear.objects.get_or_create(year=2024)
    plans = document.Section(heading="下步打算", kind="plans", items=[document.Item("推进审批改革", "压缩时限。")])
    if not Report.objects.filter(official=report.official, year=last_year).exists():
        old = Report.objects.create(official=report.official, year=last_year, report_type=report.report_type)
        apply_tree(old, document.Report(title="2024年度述职述廉报告", sections=[plans]))


@pytest.fixture
def victim(make_report, sample_tree):
    sample_tree.opening = "一年来,我认真履职。"  # a fixable finding, so apply_fix would act
    report = make_report(tree=sample_tree)
    ContentBackup.objects.create(report=report, tree=sample_tree.to_dict(), reason="import-replace")
    older = document.Report(title="另一个版本", opening="较早的导语。")
    SavedVersion.objects.create(report=report, tree=older.to_dict(), reason="day")
    return report


def _snapshot(report):
    report = Report.objects.get(pk=report.pk)
    return report.version, report.title, load_tree(report.pk).to_dict()


# -- anonymous ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_it_sends_anonymous_users_to_login(client, victim, year, name):
    before = _snapshot(victim)
    response = _call(client, name, victim, year)
    if name == "autosave":
        assert response.status_code == 401
        assert "登录已过期" in response.json()["message"]
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
    assert _snapshot(victim) == before


# -- logged in, not the owner -----------------------------------------------------------------

NOT_OWNER = ["other_official", "reviewer", "staff", "superuser"]
REPORT_ROUTES = sorted(n for n, c in ROUTES.items() if c.takes_report)


@pytest.fixture
def intruder(request, client, other_official, make_reviewer, make_user, unit):
    kind = request.param
    if kind == "other_official":
        user = other_official.user
    elif kind == "reviewer":
        user = make_reviewer(unit)  # in scope of the owner's unit: still not a drafting page
    elif kind == "staff":
        user = make_user(is_staff=True)
    else:
        user = make_user(is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("intruder", NOT_OWNER, indirect=True)
@pytest.mark.parametrize("name", REPORT_ROUTES)
def test_it_answers_404_to_anyone_but_the_owner(intruder, victim, year, name):
    if name in ("import_review", "import_accept"):
        _pend_on(intruder, victim)
    before = _snapshot(victim)
    response = _call(intruder, name, victim, year)
    assert response.status_code == 404
    assert _snapshot(victim) == before
    assert ContentBackup.objects.filter(report=victim).count() == 1


@pytest.mark.parametrize("intruder", NOT_OWNER, indirect=True)
def test_it_shows_no_one_else_the_owners_report_on_home(intruder, victim, year):
    page = intruder.get(reverse("home")).content.decode()
    assert victim.title not in page
    assert reverse("wizard", args=[victim.pk]) not in page


@pytest.mark.parametrize("intruder", NOT_OWNER, indirect=True)
def test_it_never_starts_a_report_for_the_owner(intruder, victim, year, report_type):
    before = Report.objects.count()
    response = intruder.post(
        reverse("start_report", args=[year.year]), {"report_type": report_type.pk}
    )
    assert response.status_code in (200, 302)
    assert Report.objects.filter(official=victim.official).count() == 1
    assert Report.objects.count() - before <= 1  # at most the intruder's own report


def test_the_owner_passes_every_report_route(client, victim, year):
    """The same calls succeed for the owner, so the 404s above are refusals, not broken URLs."""
    client.force_login(victim.official.user)
    for name in REPORT_ROUTES:
        if name in ("import_review", "import_accept"):
            _pend_on(client, Report.objects.get(pk=victim.pk))
        victim.refresh_from_db()
        response = _call(client, name, victim, year)
        assert response.status_code in (200, 302), name
