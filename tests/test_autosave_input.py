"""Bad input to the autosave endpoint: a clear JSON message, never a 500, nothing saved."""

import json

import pytest


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


def post(c, report, body):
    return c.post(f"/reports/{report.pk}/autosave/", body, content_type="application/json")


def test_it_refuses_one_megabyte_in_one_field(c, report):
    big = "字" * (1024 * 1024 // 3)
    r = post(c, report, json.dumps({"version": report.version, "changes": {"report.opening": big}}))
    assert r.status_code == 400
    assert "内容过长" in r.json()["message"]
    assert "最多 20000 字" in r.json()["message"]
    report.refresh_from_db()
    assert report.opening != big


def test_it_cleans_control_characters(c, report):
    post(
        c,
        report,
        json.dumps({"version": report.version, "changes": {"report.opening": "a\x0bb\x00c\r\nd"}}),
    )
    report.refresh_from_db()
    assert report.opening == "a\nbc\nd"


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        b"\xff\xfe\x00",
        json.dumps([1, 2]),
        json.dumps({"version": "x", "changes": {"report.title": "a"}}),
        json.dumps({"version": 1}),
        json.dumps({"version": 1, "changes": {}}),
        json.dumps({"version": 1, "changes": "report.title"}),
    ],
)
def test_it_refuses_malformed_requests(c, report, body):
    r = post(c, report, body)
    assert r.status_code == 400
    assert r.json()["message"]


@pytest.mark.parametrize(
    "changes",
    [
        {"report.status": "approved"},
        {"report.version": 1},
        {"section.1.report_id": 2},
        {"../etc": "x"},
        {"report.title": ["list"]},
        {"report.title": None},
    ],
)
def test_it_refuses_unknown_fields_and_values(c, report, changes):
    r = post(c, report, json.dumps({"version": report.version, "changes": changes}))
    assert r.status_code == 400
    report.refresh_from_db()
    assert report.status == "draft"


def test_it_refuses_an_unknown_item_style(c, report):
    s = report.sections.first()
    r = post(
        c,
        report,
        json.dumps({"version": report.version, "changes": {f"section.{s.pk}.item_style": "roman"}}),
    )
    assert r.status_code == 400
    assert "编号样式" in r.json()["message"]


def test_it_refuses_a_request_over_the_upload_limit_with_a_message(c, report):
    big = "字" * (2 * 1024 * 1024)  # 6 MB of UTF-8
    r = post(
        c,
        report,
        json.dumps(
            {"version": report.version, "changes": {"report.opening": big}}, ensure_ascii=False
        ),
    )
    assert r.status_code == 413
    assert "5 MB" in r.json()["message"]
