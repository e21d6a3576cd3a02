"""Adjusting the split before accepting: re-level, merge, split (kept server-side)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from drafts.importing.pending import SESSION_KEY

TEXT = (
    "一年来，我认真履职尽责，完成了各项任务。\n一、加强学习\n坚持学习。全年学习十二次。\n注重实践\n"
)


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    client.post(reverse("import_start"), {"text": TEXT})
    return client


def _blocks(c):
    return c.session[SESSION_KEY]["blocks"]


def test_it_redirects_to_the_start_without_a_pending_import(client, official):
    client.force_login(official.user)
    response = client.get(reverse("import_review"))
    assert response.status_code == 302 and response["Location"] == reverse("import_start")


def test_it_sends_anonymous_users_to_login(client, db):
    assert "/login/" in client.get(reverse("import_review"))["Location"]


def test_it_changes_a_paragraphs_level(c):
    i = [b["text"] for b in _blocks(c)].index("注重实践")
    c.post(reverse("import_review"), {"op": f"role:{i}", f"role_{i}": "heading"})
    assert _blocks(c)[i]["role"] == "heading"
    assert "2个部分" in c.get(reverse("import_review")).content.decode()


def test_it_merges_with_the_previous_paragraph(c):
    i = [b["text"] for b in _blocks(c)].index("注重实践")
    c.post(reverse("import_review"), {"op": f"merge:{i}"})
    assert _blocks(c)[i - 1]["text"].endswith("十二次。注重实践")
    assert len(_blocks(c)) == i


def test_it_splits_at_the_cursor_position(c):
    i = [b["text"] for b in _blocks(c)].index("坚持学习。全年学习十二次。")
    c.post(reverse("import_review"), {"op": f"split:{i}", f"pos_{i}": "5"})
    assert [b["text"] for b in _blocks(c)][i : i + 2] == ["坚持学习。", "全年学习十二次。"]


def test_it_splits_before_typed_text(c):
    i = [b["text"] for b in _blocks(c)].index("坚持学习。全年学习十二次。")
    c.post(reverse("import_review"), {"op": f"split:{i}", f"at_{i}": "全年"})
    assert [b["text"] for b in _blocks(c)][i + 1] == "全年学习十二次。"


def test_it_explains_a_split_that_cannot_be_made(c):
    response = c.post(
        reverse("import_review"), {"op": "split:1", "at_1": "不存在的文字"}, follow=True
    )
    assert "无法拆分该段" in response.content.decode()


def test_it_ignores_tampered_operations(c):
    before = _blocks(c)
    for data in ({"op": "merge:999"}, {"op": "role:0", "role_0": "nonsense"}, {"op": "drop table"}):
        response = c.post(reverse("import_review"), data, follow=True)
        assert response.status_code == 200
    assert _blocks(c) == before


def test_it_applies_several_level_changes_at_once(c):
    n = len(_blocks(c))
    c.post(reverse("import_review"), {"op": "roles", **{f"role_{k}": "body" for k in range(1, n)}})
    assert {b["role"] for b in _blocks(c)[1:]} == {"body"}
