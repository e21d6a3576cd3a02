"""Accepting an import: into a new draft, or replacing a draft after confirmation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from drafts.importing.pending import SESSION_KEY
from drafts.models import ContentBackup, Report, ReportingYear
from drafts.persistence import load_tree

TEXT = "2024年度述职报告\n一年来，我认真履职尽责，完成了各项任务。\n一、加强学习\n1.坚持学习。全年学习十二次。\n"


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


def _start(c, report=None):
    url = reverse("import_start") + (f"?report={report.pk}" if report else "")
    assert c.post(url, {"text": TEXT}).status_code == 302


def test_it_creates_a_new_draft_from_the_import(c, official, year, report_type):
    _start(c)
    response = c.post(
        reverse("import_accept"), {"mode": "new", "year": year.pk, "report_type": report_type.pk}
    )
    report = Report.objects.get(official=official, year=year)
    assert response["Location"] == reverse("wizard_step", args=[report.pk, "start"])
    tree = load_tree(report.pk)
    assert tree.title == "2024年度述职报告"
    assert [s.heading for s in tree.sections] == ["加强学习"]
    assert tree.sections[0].items[0].body == "全年学习十二次。"
    assert SESSION_KEY not in c.session


def test_it_refuses_a_closed_year(c, official, year, report_type):
    closed = ReportingYear.objects.create(year=2019, is_open=False)
    _start(c)
    response = c.post(
        reverse("import_accept"),
        {"mode": "new", "year": closed.pk, "report_type": report_type.pk},
        follow=True,
    )
    assert "开放的年度" in response.content.decode()
    assert not Report.objects.filter(year=closed).exists()


def test_it_refuses_a_second_report_for_the_same_year(c, report, year, report_type):
    _start(c)
    response = c.post(
        reverse("import_accept"),
        {"mode": "new", "year": year.pk, "report_type": report_type.pk},
        follow=True,
    )
    assert "已有报告" in response.content.decode()
    assert Report.objects.filter(year=year).count() == 1


def test_it_needs_confirmation_to_replace(c, report):
    _start(c, report)
    before = load_tree(report.pk)
    response = c.post(reverse("import_accept"), {"mode": "replace"}, follow=True)
    assert "勾选" in response.content.decode()
    assert load_tree(report.pk) == before


def test_it_replaces_the_draft_and_keeps_the_old_content(c, report, sample_tree):
    _start(c, report)
    c.post(reverse("import_accept"), {"mode": "replace", "confirm": "1"})
    tree = load_tree(report.pk)
    assert [s.heading for s in tree.sections] == ["加强学习"]
    assert tree.signature == sample_tree.signature  # the import had none: the draft's is kept
    backup = ContentBackup.objects.get(report=report, reason="import-replace")
    assert backup.tree == sample_tree.to_dict()


def test_it_does_not_replace_a_draft_changed_since_the_import_started(c, report):
    _start(c, report)
    Report.objects.filter(pk=report.pk).update(version=report.version + 5)
    before = load_tree(report.pk)
    response = c.post(reverse("import_accept"), {"mode": "replace", "confirm": "1"}, follow=True)
    assert "没有替换" in response.content.decode()
    assert load_tree(report.pk) == before
    assert not ContentBackup.objects.filter(report=report).exists()


def test_it_refuses_to_replace_a_submitted_report(c, report):
    _start(c, report)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.SUBMITTED)
    before = load_tree(report.pk)
    c.post(reverse("import_accept"), {"mode": "replace", "confirm": "1"})
    assert load_tree(report.pk) == before


def test_it_refuses_to_replace_another_officials_report(
    c, client, official, other_official, make_report
):
    theirs = make_report(owner=other_official)
    _start(c)
    session = c.session
    session[SESSION_KEY]["report_id"] = theirs.pk  # a tampered session cannot reach it either
    session.save()
    before = load_tree(theirs.pk)
    response = c.post(reverse("import_accept"), {"mode": "replace", "confirm": "1"})
    assert response.status_code == 404
    assert load_tree(theirs.pk) == before


def test_it_refuses_get(c):
    assert c.get(reverse("import_accept")).status_code == 405


def test_it_refuses_an_import_without_sections(c, year, report_type, official):
    c.post(reverse("import_start"), {"text": "只有一段文字，没有任何标题。"})
    response = c.post(
        reverse("import_accept"),
        {"mode": "new", "year": year.pk, "report_type": report_type.pk},
        follow=True,
    )
    assert "部分标题" in response.content.decode()
    assert not Report.objects.filter(official=official).exists()


def test_it_refuses_a_heading_too_long_for_the_database(c, year, report_type, official):
    c.post(reverse("import_start"), {"text": "一、" + "很长的标题" * 60 + "\n正文。"})
    c.post(
        reverse("import_accept"), {"mode": "new", "year": year.pk, "report_type": report_type.pk}
    )
    assert not Report.objects.filter(official=official).exists()


def test_anonymous_users_go_to_login(client, db):
    response = client.post(reverse("import_accept"), {"mode": "new"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_it_replaces_on_a_second_press_after_a_change_was_reported(c, report):
    _start(c, report)
    Report.objects.filter(pk=report.pk).update(version=report.version + 5)
    first = c.post(reverse("import_accept"), {"mode": "replace", "confirm": "1"}, follow=True)
    assert "再次点击" in first.content.decode()
    c.post(reverse("import_accept"), {"mode": "replace", "confirm": "1"})
    assert [s.heading for s in load_tree(report.pk).sections] == ["加强学习"]
    assert ContentBackup.objects.filter(report=report, reason="import-replace").count() == 1
