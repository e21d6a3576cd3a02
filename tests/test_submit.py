"""Submitting from the preview step: the slot, the checks gate, refusals."""

import pytest
from django.urls import reverse

from drafts.models import Report, Submission

from .review_support import snapshot  # noqa: F401


def submit(client, report, **data):
    return client.post(reverse("submit_report", kwargs={"pk": report.pk}), data)


def preview(client, report):
    return client.get(reverse("wizard_step", kwargs={"report_id": report.pk, "step": "preview"}))


def test_it_shows_the_submit_button_on_the_preview_step(client, report, official):
    client.force_login(official.user)
    body = preview(client, report).content.decode()
    assert 'id="btn-submit-report"' in body
    assert reverse("submit_report", kwargs={"pk": report.pk}) in body
    assert "草稿，尚未提交" in body


def test_it_submits(client, report, official):
    client.force_login(official.user)
    response = submit(client, report, version=report.version)
    assert response.status_code == 302
    assert response.url == reverse(
        "wizard_step", kwargs={"report_id": report.pk, "step": "preview"}
    )
    report.refresh_from_db()
    assert report.status == "submitted"
    assert Submission.objects.filter(report=report, number=1).exists()


def test_it_says_so_after_submitting(client, report, official):
    client.force_login(official.user)
    response = client.post(reverse("submit_report", kwargs={"pk": report.pk}), follow=True)
    body = response.content.decode()
    assert "第 1 次提交已送审" in body
    assert "正在等待审核" in body
    assert 'id="btn-withdraw"' in body


def test_it_lists_blocking_findings_with_links_to_the_spot(
    client, make_report, sample_tree, official
):
    sample_tree.sections[0].items[1].body = "撰写调研报告XX篇。"
    report = make_report(tree=sample_tree)
    client.force_login(official.user)
    body = preview(client, report).content.decode()
    assert "以下错误改正后才能提交" in body
    entry = report.sections.order_by("order", "pk")[0].entries.order_by("order", "pk")[1]
    section = report.sections.order_by("order", "pk")[0]
    assert f"/reports/{report.pk}/step/s{section.pk}/#f-item{entry.pk}body" in body
    assert (
        'id="btn-submit-report"' in body
        and "disabled" in body.split('id="btn-submit-report"')[1].split(">")[0]
    )


def test_it_refuses_a_submission_with_errors(client, make_report, sample_tree, official):
    sample_tree.opening = "一年来，完成了*项工作。"
    report = make_report(tree=sample_tree)
    client.force_login(official.user)
    before = snapshot()
    response = submit(client, report)
    assert response.status_code == 409
    body = response.content.decode()
    assert "报告未提交" in body
    assert f"/reports/{report.pk}/step/start/#f-reportopening" in body
    assert snapshot() == before


def test_it_refuses_a_stale_preview(client, report, official):
    client.force_login(official.user)
    response = client.post(
        reverse("submit_report", kwargs={"pk": report.pk}),
        {"version": report.version - 1},
        follow=True,
    )
    assert "请重新查看预览后再提交" in response.content.decode()
    assert Report.objects.get(pk=report.pk).status == "draft"


def test_it_submits_once_on_a_double_click(client, report, official):
    client.force_login(official.user)
    submit(client, report, version=report.version)
    response = client.post(
        reverse("submit_report", kwargs={"pk": report.pk}), {"version": report.version}, follow=True
    )
    assert response.status_code == 200
    assert Submission.objects.filter(report=report).count() == 1


def test_it_is_404_for_another_official(client, report, other_official):
    client.force_login(other_official.user)
    before = snapshot()
    assert submit(client, report).status_code == 404
    assert snapshot() == before


def test_it_is_403_for_the_reviewer(client, report, make_reviewer, unit):
    client.force_login(make_reviewer(unit))
    before = snapshot()
    assert submit(client, report).status_code == 403
    assert snapshot() == before


def test_it_redirects_anonymous_users(client, report):
    assert submit(client, report).status_code == 302
    assert Report.objects.get(pk=report.pk).status == "draft"


def test_it_refuses_get(client, report, official):
    client.force_login(official.user)
    assert client.get(reverse("submit_report", kwargs={"pk": report.pk})).status_code == 405


@pytest.mark.parametrize("version", ["x", "-1", "<b>"])
def test_it_survives_a_garbled_version(client, report, official, version):
    client.force_login(official.user)
    assert submit(client, report, version=version).status_code in (302, 409)
