import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from drafts.models import Report


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


def save(c, report, changes, version=None):
    return c.post(
        f"/reports/{report.pk}/autosave/",
        json.dumps({"version": report.version if version is None else version, "changes": changes}),
        content_type="application/json",
    )


def test_it_saves_one_field_and_returns_the_new_version(c, report):
    r = save(c, report, {"report.opening": "新导语"})
    assert r.status_code == 200
    assert r.json() == {
        "ok": True,
        "version": report.version + 1,
        "saved": ["report.opening"],
        "errors": {},
    }
    report.refresh_from_db()
    assert report.opening == "新导语" and report.version == r.json()["version"]


def test_it_saves_a_batch_of_section_and_item_fields(c, report):
    s = report.sections.first()
    e = s.entries.first()
    r = save(
        c,
        report,
        {
            f"section.{s.pk}.intro": "引言",
            f"item.{e.pk}.body": "正文",
            f"section.{s.pk}.inline_items": "1",
        },
    )
    assert r.status_code == 200
    s.refresh_from_db()
    e.refresh_from_db()
    assert (s.intro, s.inline_items, e.body) == ("引言", True, "正文")


def test_it_round_trips_rare_characters_and_emoji(c, report):
    text = "𠮷野家 堃 喆 👍🏽 ﹏"
    save(c, report, {"report.opening": text})
    report.refresh_from_db()
    assert report.opening == text
    assert text in c.get(f"/reports/{report.pk}/step/start/").content.decode()


def test_it_stores_html_as_text(c, report):
    save(c, report, {"report.opening": "<script>alert('x')</script>"})
    report.refresh_from_db()
    assert report.opening == "<script>alert('x')</script>"


def test_it_takes_a_handful_of_queries(c, report):
    with CaptureQueriesContext(connection) as ctx:
        assert save(c, report, {"report.opening": "甲"}).status_code == 200
    assert len(ctx.captured_queries) <= 8


def test_it_saves_valid_fields_and_reports_invalid_ones(c, report):
    r = save(c, report, {"report.opening": "好", "report.title": "长" * 201})
    assert r.status_code == 200
    assert r.json()["saved"] == ["report.opening"]
    assert "内容过长" in r.json()["errors"]["report.title"]


def test_it_refuses_a_submitted_report_with_a_message(c, make_report):
    report = make_report(status=Report.Status.SUBMITTED)
    r = save(c, report, {"report.opening": "改"})
    assert r.status_code == 403
    assert "不能再修改" in r.json()["message"]
    report.refresh_from_db()
    assert report.opening != "改"


def test_it_answers_404_for_another_officials_report(client, report, other_official):
    client.force_login(other_official.user)
    assert save(client, report, {"report.opening": "改"}).status_code == 404
    report.refresh_from_db()
    assert report.opening != "改"


def test_it_answers_401_json_when_the_login_expired(client, report):
    r = save(client, report, {"report.opening": "改"})
    assert r.status_code == 401
    assert "登录已过期" in r.json()["message"]


def test_it_refuses_get(c, report):
    assert c.get(f"/reports/{report.pk}/autosave/").status_code == 405


def test_it_refuses_fields_of_another_report(c, report, make_report, other_official):
    other = make_report(owner=other_official)
    their = other.sections.first()
    r = save(c, report, {f"section.{their.pk}.heading": "被改了"})
    assert r.status_code == 400
    their.refresh_from_db()
    assert their.heading != "被改了"
    report.refresh_from_db()
    assert r.json()["errors"]
