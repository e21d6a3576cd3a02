"""The writer's version history: a version before the first change of each day, before an
import and a restore; read, compared with today's, restored (under the lock)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from drafts.models import Report, SavedVersion
from drafts.persistence import load_tree


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


def _save(c, report, text):
    return c.post(
        f"/reports/{report.pk}/autosave/",
        json.dumps({"version": 0, "parts": {"start": _start(report)}, "writer": "t", "seq": 1, "changes": {"report.opening": text}}),
        content_type="application/json",
    )


def _start(report):
    v = report.part_versions.filter(part="start").values_list("version", flat=True).first()
    return v or 0


def _yesterday(report):
    Report.objects.filter(pk=report.pk).update(versioned_on=timezone.localdate() - timedelta(days=1))


def test_it_keeps_no_version_on_the_day_the_report_was_started(c, report):
    _save(c, report, "今天写的导语。")
    assert not SavedVersion.objects.filter(report=report).exists()


def test_it_keeps_the_content_before_the_first_change_of_a_new_day(c, report):
    before = load_tree(report.pk).opening
    _yesterday(report)
    _save(c, report, "第二天的导语。")
    _save(c, report, "第二天再改。")
    (kept,) = SavedVersion.objects.filter(report=report)
    assert kept.reason == "day" and kept.tree["opening"] == before


def test_it_lists_the_versions_and_the_submissions(c, report):
    _yesterday(report)
    _save(c, report, "第二天的导语。")
    body = c.get(f"/reports/{report.pk}/versions/").content.decode()
    assert "当天首次修改前" in body and "查看并对比" in body


def test_it_shows_a_version_and_what_changed_since(c, report):
    _yesterday(report)
    _save(c, report, "第二天的导语。")
    kept = SavedVersion.objects.get(report=report)
    body = c.get(f"/reports/{report.pk}/versions/saved/{kept.pk}/").content.decode()
    assert '<mark class="diff-ins">第二天的导语。</mark>' in body
    assert "认真履行岗位职责" in body  # the old text, in the version's preview


def test_it_restores_a_version_and_keeps_todays_first(c, report):
    old = load_tree(report.pk).opening
    _yesterday(report)
    _save(c, report, "第二天的导语。")
    kept = SavedVersion.objects.get(report=report)
    report.refresh_from_db()
    r = c.post(f"/reports/{report.pk}/versions/saved/{kept.pk}/restore/", {"version": report.version})
    assert r.status_code == 302
    assert load_tree(report.pk).opening == old
    assert SavedVersion.objects.filter(report=report, reason="restore").get().tree["opening"] == "第二天的导语。"


def test_it_refuses_a_restore_from_a_stale_page(c, report):
    _yesterday(report)
    _save(c, report, "第二天的导语。")
    kept = SavedVersion.objects.get(report=report)
    r = c.post(f"/reports/{report.pk}/versions/saved/{kept.pk}/restore/", {"version": 1}, follow=True)
    assert "未恢复" in r.content.decode()
    assert load_tree(report.pk).opening == "第二天的导语。"


def test_it_refuses_a_restore_of_a_submitted_report(c, report):
    _yesterday(report)
    _save(c, report, "第二天的导语。")
    kept = SavedVersion.objects.get(report=report)
    Report.objects.filter(pk=report.pk).update(status="submitted")
    report.refresh_from_db()
    r = c.post(f"/reports/{report.pk}/versions/saved/{kept.pk}/restore/", {"version": report.version}, follow=True)
    assert "不能再修改" in r.content.decode() or "已提交" in r.content.decode()
    assert load_tree(report.pk).opening == "第二天的导语。"


@pytest.mark.parametrize("path", ["saved/999999", "other/1", "saved/abc"])
def test_it_answers_404_for_a_version_that_does_not_exist(c, report, path):
    assert c.get(f"/reports/{report.pk}/versions/{path}/").status_code == 404


def test_it_does_not_show_a_version_of_another_report(c, report, make_report, other_official):
    theirs = make_report(owner=other_official)
    kept = SavedVersion.objects.create(report=theirs, tree=load_tree(theirs.pk).to_dict(), reason="day")
    assert c.get(f"/reports/{report.pk}/versions/saved/{kept.pk}/").status_code == 404


def test_it_keeps_a_version_before_an_import_replaces_the_content(report, sample_tree, official):
    from drafts.importing import service

    sample_tree.opening = "导入的导语。"
    before = load_tree(report.pk).opening
    service.replace(report, sample_tree, report.version, official.user)
    assert SavedVersion.objects.get(report=report, reason="import").tree["opening"] == before
