"""Per-part versions: two tabs conflict only on the same part; one tab's saves are put in
order by their number, so a save sent while a page unloads never conflicts with the
reloaded page's next one."""

from __future__ import annotations

import json

import pytest

from drafts.drafting import locking
from drafts.models import Report


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


def save(c, report, changes, parts, writer="tab-a", seq=1):
    return c.post(
        f"/reports/{report.pk}/autosave/",
        json.dumps({"version": 0, "parts": parts, "writer": writer, "seq": seq, "changes": changes}),
        content_type="application/json",
    )


def _sections(report):
    return list(report.sections.order_by("order"))


def test_it_saves_two_sections_from_two_tabs_that_saw_the_same_versions(c, report):
    one, two = _sections(report)
    a = save(c, report, {f"section.{one.pk}.intro": "甲"}, {f"section:{one.pk}": 0}, "tab-a")
    b = save(c, report, {f"section.{two.pk}.intro": "乙"}, {f"section:{two.pk}": 0}, "tab-b")
    assert (a.status_code, b.status_code) == (200, 200)
    assert a.json()["parts"] == {f"section:{one.pk}": 1}
    assert [s.intro for s in _sections(report)] == ["甲", "乙"]


def test_it_refuses_a_second_tab_on_the_same_part(c, report):
    one, _two = _sections(report)
    key, part = f"section.{one.pk}.intro", f"section:{one.pk}"
    assert save(c, report, {key: "甲"}, {part: 0}, "tab-a").status_code == 200
    r = save(c, report, {key: "乙"}, {part: 0}, "tab-b")
    assert r.status_code == 409
    assert r.json()["part"] == part and r.json()["refused"] == {key: "乙"}
    assert _sections(report)[0].intro == "甲"


def test_it_refuses_an_item_of_a_section_another_tab_changed(c, report):
    one, _two = _sections(report)
    entry = one.entries.first()
    assert save(c, report, {f"section.{one.pk}.intro": "甲"}, {f"section:{one.pk}": 0}, "tab-a").status_code == 200
    r = save(c, report, {f"item.{entry.pk}.body": "乙"}, {f"section:{one.pk}": 0}, "tab-b")
    assert r.status_code == 409


def test_it_takes_a_tabs_newer_save_over_its_unconfirmed_older_one(c, report):
    # The save sent while the page unloaded (seq 1) arrived; the reloaded page still saw
    # version 0 and sends its next save (seq 2): not a conflict.
    assert save(c, report, {"report.opening": "甲"}, {"start": 0}, "tab-a", 1).status_code == 200
    r = save(c, report, {"report.opening": "甲乙"}, {"start": 0}, "tab-a", 2)
    assert r.status_code == 200 and r.json()["saved"] == ["report.opening"]
    assert Report.objects.get(pk=report.pk).opening == "甲乙"


def test_it_drops_a_tabs_older_save_arriving_late(c, report):
    assert save(c, report, {"report.opening": "甲乙"}, {"start": 0}, "tab-a", 2).status_code == 200
    r = save(c, report, {"report.opening": "甲"}, {"start": 0}, "tab-a", 1)
    assert r.status_code == 200 and r.json()["saved"] == []
    assert Report.objects.get(pk=report.pk).opening == "甲乙"


def test_it_moves_the_whole_reports_version_on_with_every_part(c, report):
    before = report.version
    save(c, report, {"report.opening": "甲"}, {"start": 0})
    assert Report.objects.get(pk=report.pk).version == before + 1


def test_it_makes_an_import_conflict_with_a_page_opened_before_it(c, report, sample_tree):
    from drafts.importing import service

    service.replace(report, sample_tree, report.version, None)
    r = save(c, report, {"report.opening": "旧页面"}, {"start": 0}, "tab-a")
    assert r.status_code == 409


def test_it_keeps_the_whole_report_lock_of_older_pages(c, report):
    one, two = _sections(report)
    v = report.version
    ok = c.post(f"/reports/{report.pk}/autosave/", json.dumps({"version": v, "changes": {f"section.{one.pk}.intro": "甲"}}), content_type="application/json")
    stale = c.post(f"/reports/{report.pk}/autosave/", json.dumps({"version": v, "changes": {f"section.{two.pk}.intro": "乙"}}), content_type="application/json")
    assert (ok.status_code, stale.status_code) == (200, 409)


@pytest.mark.parametrize(
    "payload",
    [
        {"version": 0, "parts": [], "changes": {"report.opening": "甲"}, "seq": 1},
        {"version": 0, "parts": {"start": 0}, "changes": {"report.opening": "甲"}, "seq": -1},
        {"version": 0, "parts": {"start": 0}, "changes": {"report.opening": "甲"}, "seq": "1"},
        {"version": 0, "parts": {"end": 0}, "changes": {"report.opening": "甲"}, "seq": 1},
    ],
)
def test_it_answers_a_malformed_save_with_a_clear_message(c, report, payload):
    r = c.post(f"/reports/{report.pk}/autosave/", json.dumps(payload), content_type="application/json")
    assert r.status_code == 400 and "重新加载" in r.json()["message"]
    assert Report.objects.get(pk=report.pk).opening == report.opening


def test_it_ignores_a_malformed_tab_id(c, report):
    r = save(c, report, {"report.opening": "甲"}, {"start": 0}, writer="<script>" * 10)
    assert r.status_code == 200
    assert report.part_versions.get(part="start").writer == ""


def test_it_still_refuses_a_submission_after_a_part_changed_since_the_preview(c, report):
    seen = report.version
    save(c, report, {"report.opening": "改过的导语。"}, {"start": 0})
    r = c.post(f"/reports/{report.pk}/submit/", {"version": seen})
    assert Report.objects.get(pk=report.pk).status == "draft"
    assert r.status_code in (302, 409)


def test_take_lock_refuses_a_submitted_report(report):
    Report.objects.filter(pk=report.pk).update(status="submitted")
    with pytest.raises(locking.NotEditable):
        locking.take_lock(report, locking.Seen(0), locking.START_PART)
