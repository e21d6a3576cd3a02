"""The reviewer's report page: frozen preview, findings, history, comments, changes."""

from django.urls import reverse

from drafts import document
from drafts.models import Report, Submission
from drafts.persistence import apply_tree
from drafts.review import transitions as reviewing

from .review_support import submitted  # noqa: F401


def url(report):
    return reverse("review_report", kwargs={"pk": report.pk})


def test_it_shows_the_frozen_submission_not_the_live_draft(
    client, report, official, reviewer, sample_tree
):
    submitted(report, official.user)
    Report.objects.filter(pk=report.pk).update(title="偷偷改过的标题")
    client.force_login(reviewer)
    body = client.get(url(report)).content.decode()
    assert sample_tree.title in body
    assert "偷偷改过的标题" not in body
    assert 'id="s-0"' in body


def test_it_marks_the_submission_opened(client, report, official, reviewer):
    submitted(report, official.user)
    client.force_login(reviewer)
    client.get(url(report))
    assert Submission.objects.get(report=report).opened_at is not None


def test_it_does_not_mark_opened_when_the_owner_reviewer_looks(client, report, official, unit):
    from drafts.models import ReviewerScope

    ReviewerScope.objects.create(user=official.user, unit=unit)
    submitted(report, official.user)
    client.force_login(official.user)
    response = client.get(url(report))
    assert response.status_code == 200
    assert Submission.objects.get(report=report).opened_at is None
    assert 'id="btn-approve"' not in response.content.decode()
    assert "这是您本人的报告" in response.content.decode()


def test_it_shows_the_decision_form_while_submitted(client, report, official, reviewer):
    submitted(report, official.user)
    client.force_login(reviewer)
    body = client.get(url(report)).content.decode()
    assert 'id="btn-approve"' in body and 'id="btn-return"' in body


def test_it_says_when_nothing_was_submitted_yet(client, report, reviewer):
    client.force_login(reviewer)
    body = client.get(url(report)).content.decode()
    assert "尚未提交" in body
    assert 'id="btn-approve"' not in body


def test_it_shows_the_history(client, report, official, reviewer):
    submitted(report, official.user)
    reviewing.return_report(report, reviewer, "请补充<b>数据</b>")
    client.force_login(reviewer)
    body = client.get(url(report)).content.decode()
    assert "请补充&lt;b&gt;数据&lt;/b&gt;" in body
    assert "已退回" in body


def test_it_shows_the_checks_findings_with_links_into_the_preview(
    client, make_report, sample_tree, official, reviewer
):
    sample_tree.sections[1].items[0].body = "全年新开工项目18个,完成投资3亿元。"
    report = make_report(tree=sample_tree)
    submitted(report, official.user)
    client.force_login(reviewer)
    response = client.get(url(report))
    assert "sections[1].items[0].body" in [f.where for f in response.context["findings"]]
    assert 'href="#s-1-i-0"' in response.content.decode()


def test_it_highlights_what_changed_since_the_previous_submission(
    client, report, official, reviewer, sample_tree
):
    submitted(report, official.user)
    reviewing.return_report(report, reviewer, "补充项目情况")
    tree = document.Report.from_dict(sample_tree.to_dict())
    tree.sections[1].items[0].body = "全年新开工项目18个。完成投资12亿元。"
    apply_tree(report, tree)
    report.refresh_from_db()
    reviewing.submit(report, official.user)
    client.force_login(reviewer)
    body = client.get(url(report)).content.decode()
    assert '<mark class="diff-ins"' in body
    assert "完成投资12亿元。</mark>" in body
    assert "与第 1 次提交相比的改动" in body


def test_it_tells_whether_an_earlier_comments_section_changed(
    client, report, official, reviewer, sample_tree
):
    submitted(report, official.user)
    sub = report.submissions.get()
    reviewing.add_comment(sub, reviewer, "第二部分太简略", 1)
    reviewing.add_comment(sub, reviewer, "第一部分可以", 0)
    reviewing.return_report(report, reviewer, "补充")
    tree = document.Report.from_dict(sample_tree.to_dict())
    tree.sections[1].items[0].body = "全年新开工项目20个。"
    apply_tree(report, tree)
    report.refresh_from_db()
    reviewing.submit(report, official.user)
    client.force_login(reviewer)
    comments = {c.text: c for c in client.get(url(report)).context["comments"]}
    assert comments["第二部分太简略"].section_changed is True
    assert comments["第一部分可以"].section_changed is False


def test_it_escapes_html_in_the_frozen_tree(client, make_report, sample_tree, official, reviewer):
    sample_tree.opening = "<script>alert(1)</script>一年来的工作。"
    report = make_report(tree=sample_tree)
    submitted(report, official.user)
    client.force_login(reviewer)
    body = client.get(url(report)).content.decode()
    assert "<script>alert(1)" not in body


def test_it_is_404_for_a_reviewer_out_of_scope(client, report, official, make_reviewer, other_unit):
    submitted(report, official.user)
    client.force_login(make_reviewer(other_unit))
    assert client.get(url(report)).status_code == 404


def test_it_is_404_for_another_official(client, report, other_official):
    client.force_login(other_official.user)
    assert client.get(url(report)).status_code == 404


def test_it_redirects_anonymous_users(client, report):
    assert client.get(url(report)).status_code == 302
