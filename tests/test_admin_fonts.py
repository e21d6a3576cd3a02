"""The admin's font page (drafts/admin_fonts.py): staff only, faces by role, fallbacks."""

from __future__ import annotations

import pytest

URL = "/admin/fonts/"


@pytest.fixture
def staff_client(client, make_user):
    client.force_login(make_user(is_staff=True))
    return client


def test_an_anonymous_visitor_is_sent_to_the_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_user_who_is_not_staff_may_not_see_it(client, make_user):
    client.force_login(make_user())
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.post(URL, {"text": "王堃喆"}).status_code == 302


def test_staff_see_which_face_serves_each_role(staff_client):
    body = staff_client.get(URL).content.decode()
    for text in ("正文（仿宋）", "FandolFang", "一级标题（黑体）", "FandolHei", "标题（小标宋）"):
        assert text in body
    assert "描边加粗" in body  # the body face has no bold


def test_staff_see_which_characters_of_a_text_fall_back(staff_client):
    body = staff_client.post(URL, {"text": "王堃喆"}).content.decode()
    assert '<td lang="zh-CN">堃</td><td>Noto Serif CJK SC</td>' in body
    assert '<td lang="zh-CN">喆</td>' in body and '<td lang="zh-CN">王</td>' not in body


def test_staff_see_which_characters_of_a_report_fall_back(staff_client, report):
    from drafts.persistence import apply_tree, report_to_tree

    tree = report_to_tree(report)
    tree.opening = "李玥同志主持会议。"
    apply_tree(report, tree)
    body = staff_client.get(URL, {"report": report.pk}).content.decode()
    assert '<td lang="zh-CN">玥</td>' in body


def test_an_unknown_report_number_is_said_so(staff_client):
    body = staff_client.get(URL, {"report": "999999"}).content.decode()
    assert "没有编号为 999999 的报告" in body
    assert "没有编号为 abc 的报告" in staff_client.get(URL, {"report": "abc"}).content.decode()
