import json

import pytest

from drafts.models import Report


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


def save(c, report, changes, version):
    return c.post(
        f"/reports/{report.pk}/autosave/",
        json.dumps({"version": version, "changes": changes}),
        content_type="application/json",
    )


def test_it_refuses_a_stale_version_with_both_texts(c, report):
    v = report.version
    assert save(c, report, {"report.opening": "第一个窗口"}, v).status_code == 200
    r = save(c, report, {"report.opening": "第二个窗口"}, v)
    assert r.status_code == 409
    data = r.json()
    assert data["error"] == "conflict"
    assert data["version"] == v + 1
    assert data["server"] == {"report.opening": "第一个窗口"}
    assert data["refused"] == {"report.opening": "第二个窗口"}
    assert "另一个窗口" in data["message"]
    report.refresh_from_db()
    assert report.opening == "第一个窗口"


def test_it_accepts_the_save_after_reloading_the_version(c, report):
    v = report.version
    save(c, report, {"report.opening": "甲"}, v)
    assert save(c, report, {"report.opening": "乙"}, v + 1).status_code == 200


def test_it_refuses_after_an_item_was_added_elsewhere(c, report):
    from drafts.drafting import structure

    s = report.sections.first()
    v = report.version
    structure.add_item(report, v, s.pk)
    r = save(c, report, {f"section.{s.pk}.intro": "改"}, v)
    assert r.status_code == 409


def test_it_refuses_a_future_version(c, report):
    r = save(c, report, {"report.opening": "改"}, report.version + 10)
    assert r.status_code == 409
    assert Report.objects.get(pk=report.pk).opening != "改"
