"""On a resubmission, sections are matched by heading: inserts, moves and removals."""

from django.urls import reverse

from drafts import document
from drafts.persistence import apply_tree
from drafts.review import transitions as reviewing

from .review_support import submitted  # noqa: F401


def resubmit(report, official, reviewer, sample_tree, change):
    """Submit, comment on both sections, return; apply ``change`` to the tree; resubmit."""
    submitted(report, official.user)
    sub = report.submissions.get()
    reviewing.add_comment(sub, reviewer, "学习部分的意见", 0)
    reviewing.add_comment(sub, reviewer, "履职部分的意见", 1)
    reviewing.return_report(report, reviewer, "请修改")
    tree = document.Report.from_dict(sample_tree.to_dict())
    change(tree)
    apply_tree(report, tree)
    report.refresh_from_db()
    reviewing.submit(report, official.user)


def page(client, reviewer, report):
    client.force_login(reviewer)
    response = client.get(reverse("review_report", kwargs={"pk": report.pk}))
    assert response.status_code == 200
    changed = {c.text: c.section_changed for c in response.context["comments"]}
    return response, changed


def new_section():
    return document.Section(
        heading="严格落实廉洁自律",
        kind="integrity",
        item_style="arabic",
        items=[document.Item(lead="严守纪律", body="全年未发生违纪问题。")],
    )


def test_it_shows_only_an_inserted_section_as_changed(
    client, report, official, reviewer, sample_tree
):
    resubmit(report, official, reviewer, sample_tree, lambda t: t.sections.insert(0, new_section()))
    response, changed = page(client, reviewer, report)
    parts = [p for p in response.context["diff"] if p.changed]
    assert [(p.heading, p.old_index, p.index) for p in parts] == [("严格落实廉洁自律", None, 0)]
    assert changed == {"学习部分的意见": False, "履职部分的意见": False}
    body = response.content.decode()
    assert "新增部分" in body and "位置已调整" not in body


def test_it_shows_a_moved_section_as_moved_not_changed(
    client, report, official, reviewer, sample_tree
):
    resubmit(report, official, reviewer, sample_tree, lambda t: t.sections.reverse())
    response, changed = page(client, reviewer, report)
    assert not any(p.changed for p in response.context["diff"])
    assert changed == {"学习部分的意见": False, "履职部分的意见": False}
    body = response.content.decode()
    assert body.count("位置已调整") == 1  # one of the two swapped sections moved
    assert "没有改动" not in body  # the order did change


def test_it_shows_a_removed_section_and_its_comment_as_changed(
    client, report, official, reviewer, sample_tree
):
    resubmit(report, official, reviewer, sample_tree, lambda t: t.sections.pop(0))
    response, changed = page(client, reviewer, report)
    parts = [p for p in response.context["diff"] if p.changed]
    assert [(p.heading, p.old_index, p.index, p.added) for p in parts] == [
        ("加强政治理论学习", 0, None, 0)
    ]
    assert changed == {"学习部分的意见": True, "履职部分的意见": False}
    assert "已删除的部分" in response.content.decode()


def test_it_still_flags_an_edited_section_after_an_insert(
    client, report, official, reviewer, sample_tree
):
    def change(tree):
        tree.sections.insert(1, new_section())
        tree.sections[2].items[0].body = "全年新开工项目20个。"

    resubmit(report, official, reviewer, sample_tree, change)
    _response, changed = page(client, reviewer, report)
    assert changed == {"学习部分的意见": False, "履职部分的意见": True}
