"""A number typed by hand before a heading or a lead sentence (Word habit): it would be
printed twice (一、一、…). The check points at it and offers to delete it."""

from __future__ import annotations

import copy

import pytest
from django.urls import reverse

from drafts import checks, document
from drafts.persistence import load_tree


def _tree(heading="加强学习", lead="坚持学习", style="arabic"):
    return document.Report(
        title="2025年度述职述廉报告",
        opening="现将有关情况报告如下：",
        sections=[
            document.Section(
                heading=heading,
                item_style=style,
                items=[document.Item(lead=lead, body="全年学习十二次。")],
            )
        ],
    )


def _typed(tree):
    return [f for f in checks.run_checks(tree) if f.code == "typed_marker"]


@pytest.mark.parametrize(
    "heading", ["一、加强学习", "二、 加强学习", "第一部分 加强学习", "1.加强学习"]
)
def test_it_finds_a_number_typed_before_a_heading(heading):
    (finding,) = _typed(_tree(heading=heading))
    assert finding.where == "sections[0].heading"
    assert finding.severity == "warning"
    assert finding.fix == "加强学习"


@pytest.mark.parametrize(
    "lead", ["1.坚持学习", "1、坚持学习", "（一）坚持学习", "(一)坚持学习", "一是坚持学习"]
)
def test_it_finds_a_number_typed_before_a_lead_sentence(lead):
    (finding,) = _typed(_tree(lead=lead))
    assert finding.where == "sections[0].items[0].lead"
    assert finding.fix == "坚持学习"


def test_it_does_not_report_the_same_number_as_a_numbering_fault():
    codes = {f.code for f in checks.run_checks(_tree(lead="（二）坚持学习"))}
    assert "typed_marker" in codes and "numbering" not in codes


@pytest.mark.parametrize(
    "heading,lead,style",
    [
        ("加强学习", "坚持学习", "arabic"),
        ("2025年工作回顾", "5G基站建设", "arabic"),
        ("一以贯之抓落实", "一是一二是二的作风", "none"),  # no automatic numbering: theirs
        ("加强学习", "1.5亿元项目落地", "arabic"),
        ("一", "", "arabic"),  # nothing but the number: left alone
    ],
)
def test_it_leaves_real_text_alone(heading, lead, style):
    assert _typed(_tree(heading=heading, lead=lead, style=style)) == []


def test_it_shows_the_fix_in_the_wizard_and_applies_it(client, official, make_report, sample_tree):
    tree = copy.deepcopy(sample_tree)
    tree.sections[0].heading = "一、加强政治理论学习"
    tree.sections[0].items[0].lead = "1.坚持集中学习"
    report = make_report(tree=tree)
    client.force_login(official.user)
    section = report.sections.order_by("order").first()
    page = client.get(reverse("wizard_step", args=[report.pk, f"s{section.pk}"])).content.decode()
    assert "手动输入了序号" in page
    assert 'name="code" value="typed_marker"' in page
    for where in ("sections[0].heading", "sections[0].items[0].lead"):
        report.refresh_from_db()
        response = client.post(
            reverse("apply_fix", args=[report.pk]),
            {
                "where": where,
                "code": "typed_marker",
                "step": f"s{section.pk}",
                "version": report.version,
            },
            follow=True,
        )
        assert "已删去手动输入的序号" in response.content.decode()
    saved = load_tree(report.pk).sections[0]
    assert (saved.heading, saved.items[0].lead) == ("加强政治理论学习", "坚持集中学习")


def test_it_fixes_nothing_for_an_unknown_code(client, official, make_report, sample_tree):
    tree = copy.deepcopy(sample_tree)
    tree.opening = "一年来,我认真履职。"
    report = make_report(tree=tree)
    client.force_login(official.user)
    response = client.post(
        reverse("apply_fix", args=[report.pk]),
        {"where": "opening", "code": "<script>", "step": "start", "version": report.version},
        follow=True,
    )
    assert "没有需要修正" in response.content.decode() or "无需修正" in response.content.decode()
    assert load_tree(report.pk).opening == "一年来,我认真履职。"
