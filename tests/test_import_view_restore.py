"""Restoring the content from before an import."""

from __future__ import annotations

from django.urls import reverse

from drafts.models import ContentBackup, Report
from drafts.persistence import load_tree

TEXT = "一年来，我认真履职尽责，完成了各项任务。\n一、加强学习\n1.坚持学习。全年学习十二次。\n"


def _replace(client, report):
    client.post(reverse("import_start") + f"?report={report.pk}", {"text": TEXT})
    client.post(reverse("import_accept"), {"mode": "replace", "confirm": "1"})


def test_it_restores_the_content_before_the_import(client, official, report, sample_tree):
    client.force_login(official.user)
    _replace(client, report)
    assert load_tree(report.pk) != sample_tree
    client.post(reverse("import_restore", args=[report.pk]))
    assert load_tree(report.pk) == sample_tree
    assert ContentBackup.objects.filter(report=report, reason="import-restore").exists()


def test_it_says_when_there_is_nothing_to_restore(client, official, report):
    client.force_login(official.user)
    response = client.post(reverse("import_restore", args=[report.pk]), follow=True)
    assert "没有可恢复" in response.content.decode()


def test_it_returns_404_for_another_officials_report(client, official, other_official, make_report):
    theirs = make_report(owner=other_official)
    client.force_login(official.user)
    assert client.post(reverse("import_restore", args=[theirs.pk])).status_code == 404


def test_it_refuses_a_submitted_report(client, official, report):
    client.force_login(official.user)
    _replace(client, report)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.SUBMITTED)
    before = load_tree(report.pk)
    client.post(reverse("import_restore", args=[report.pk]))
    assert load_tree(report.pk) == before


def test_anonymous_users_go_to_login(client, report):
    response = client.post(reverse("import_restore", args=[report.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_import_page_offers_the_restore_after_a_replace(client, official, report):
    client.force_login(official.user)
    url = reverse("import_start") + f"?report={report.pk}"
    assert "恢复导入前的内容" not in client.get(url).content.decode()
    _replace(client, report)
    assert "恢复导入前的内容" in client.get(url).content.decode()
