"""Bad input to every endpoint of the drafting and importing areas.

Control characters, 1 MB in one field, HTML/<script>, invalid ids, missing fields, wrong
types, malformed JSON, GET on POST-only endpoints: never a 500; the stored text is cleaned
or the change is refused with a clear Chinese message; script text never comes back
unescaped on a page that shows it (home, wizard steps, preview, import review). Also the
double submits of "start report" and "accept import".
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from drafts.importing.pending import SESSION_KEY
from drafts.models import ContentBackup, Report, ReportingYear
from drafts.persistence import load_tree

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
CONTROL = {"nul": "前\x00后", "vt": "前\x0b后", "us": "前\x1f后"}
HUGE = "长" * 1_000_000
BAD = {**CONTROL, "script": "标题" + SCRIPT, "img": "正文" + IMG}
RAW_MARKUP = ("<script>alert(1)", "<img src=x onerror")
HUGE_ID = "9" * 25

IMPORT_TEXT = (
    "2025年度述职述廉报告\n"
    "一年来，我认真履职尽责。现将有关情况报告如下：\n"
    "一、加强学习\n"
    "1.坚持学习。全年学习十二次。\n"
    "二、廉洁自律\n"
    "严格遵守各项规定。\n"
)


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


def _assert_safe(html: str) -> None:
    for raw in RAW_MARKUP:
        assert raw not in html, f"unescaped {raw!r} in the page"


def _assert_clean(report_id: int) -> None:
    for where, text in load_tree(report_id).text_fields():
        for ch in "\x00\x0b\x1f":
            assert ch not in text, f"control character {ch!r} stored in {where}"


def _pages(c, report) -> list[str]:
    """Every page showing the report's text: home, each wizard step, the preview."""
    pages = [c.get(reverse("home")).content.decode()]
    keys = ["start", "end", "preview"] + [f"s{s.pk}" for s in report.sections.all()]
    for key in keys:
        response = c.get(reverse("wizard_step", args=[report.pk, key]))
        assert response.status_code == 200
        pages.append(response.content.decode())
    return pages


def _step_fields(report, step):
    """Form fields of a wizard step (text ones only) for the no-JavaScript form."""
    if step == "start":
        return ["report.title", "report.subtitle", "report.byline", "report.opening"]
    if step == "end":
        return ["report.closing", "report.signature_name"]
    section = report.sections.order_by("order").first()
    keys = [f"section.{section.pk}.heading", f"section.{section.pk}.intro"]
    for entry in section.entries.all():
        keys += [f"item.{entry.pk}.lead", f"item.{entry.pk}.body"]
    return keys


def _step_key(report, step):
    return step if step in ("start", "end") else f"s{report.sections.order_by('order').first().pk}"


# -- the wizard's step form ------------------------------------------------------------------


@pytest.mark.parametrize("step", ["start", "section", "end"])
@pytest.mark.parametrize("name", sorted(BAD))
def test_it_cleans_bad_text_in_every_wizard_field(c, report, step, name):
    key = _step_key(report, step)
    data = {"version": report.version, "step_form": "1", "go": key}
    data.update({f: BAD[name] for f in _step_fields(report, step)})
    response = c.post(reverse("wizard_step", args=[report.pk, key]), data)
    assert response.status_code == 302
    _assert_clean(report.pk)
    for html in _pages(c, report):
        _assert_safe(html)
    if name in ("script", "img"):  # kept as text, shown escaped
        page = c.get(reverse("wizard_step", args=[report.pk, key])).content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page or "&lt;img src=x" in page


@pytest.mark.parametrize("step", ["start", "section", "end"])
def test_it_refuses_one_megabyte_in_a_wizard_field(c, report, step):
    key = _step_key(report, step)
    field = _step_fields(report, step)[-1]
    data = {"version": report.version, "step_form": "1", "go": key, field: HUGE}
    response = c.post(reverse("wizard_step", args=[report.pk, key]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "内容过长" in page or "过长" in page
    assert max(len(t) for _w, t in load_tree(report.pk).text_fields()) < 100_000


@pytest.mark.parametrize(
    "data",
    [
        {"version": "abc", "step_form": "1", "report.title": "新标题"},
        {"version": HUGE_ID, "step_form": "1", "report.title": "新标题"},
        {"version": "-1", "step_form": "1", "report.title": "新标题"},
        {"op": "item-delete:abc"},
        {"op": f"item-delete:{HUGE_ID}"},
        {"op": "item-up:"},
        {"op": f"section-delete:{HUGE_ID}"},
        {"op": "item-restore"},
        {"op": "no-such-op"},
        {"op": SCRIPT},
        {"go": "../../admin/"},
        {"go": f"s{HUGE_ID}"},
        {"go": SCRIPT},
        {"step_form": "1", "report.signature_date": "abc"},
        {"step_form": "1", "report.signature_date": "2025-02-30"},
        {"step_form": "1", "report.has_signature": SCRIPT},
        {},
    ],
    ids=lambda d: ",".join(f"{k}={str(v)[:12]}" for k, v in d.items()) or "empty",
)
def test_it_answers_wrong_types_in_the_step_form_without_500(c, report, data):
    data = {"version": report.version, **data}
    response = c.post(reverse("wizard_step", args=[report.pk, "start"]), data)
    assert response.status_code in (302, 400, 409)
    if response.status_code != 302:
        page = response.content.decode()
        assert "refused-panel" in page
        _assert_safe(page)
    else:
        assert "admin" not in response["Location"]
    _assert_clean(report.pk)


def test_it_says_in_chinese_why_a_stale_version_was_refused(c, report):
    data = {"version": "abc", "step_form": "1", "report.title": "新标题"}
    response = c.post(reverse("wizard_step", args=[report.pk, "start"]), data)
    assert response.status_code == 409
    assert "另一个窗口" in response.content.decode()
    assert load_tree(report.pk).title != "新标题"


def test_it_says_in_chinese_why_a_bad_date_was_refused(c, report):
    data = {"version": report.version, "step_form": "1", "report.signature_date": "2025-02-30"}
    response = c.post(reverse("wizard_step", args=[report.pk, "end"]), data)
    assert response.status_code == 400
    assert "日期格式不正确" in response.content.decode()


# -- autosave (JSON) ---------------------------------------------------------------------------


def _autosave(c, report, body):
    return c.post(reverse("autosave", args=[report.pk]), body, content_type="application/json")


@pytest.mark.parametrize("name", sorted(BAD))
def test_it_cleans_bad_text_sent_by_autosave(c, report, name):
    section = report.sections.order_by("order").first()
    entry = section.entries.first()
    changes = {
        "report.title": BAD[name],
        "report.opening": BAD[name],
        f"section.{section.pk}.intro": BAD[name],
        f"item.{entry.pk}.body": BAD[name],
        "report.signature_name": BAD[name],
    }
    response = _autosave(c, report, json.dumps({"version": report.version, "changes": changes}))
    assert response.status_code == 200
    _assert_clean(report.pk)
    for html in _pages(c, report):
        _assert_safe(html)


def test_it_refuses_one_megabyte_by_autosave_with_a_chinese_message(c, report):
    # as a browser sends it (JSON.stringify keeps the characters: 3 MB of UTF-8)
    body = json.dumps(
        {"version": report.version, "changes": {"report.closing": HUGE}}, ensure_ascii=False
    )
    response = _autosave(c, report, body.encode())
    assert response.status_code == 400
    assert "内容过长" in response.json()["message"]
    assert load_tree(report.pk).closing != HUGE


def test_it_refuses_a_body_over_the_upload_limit_with_a_chinese_message(c, report):
    body = json.dumps({"version": report.version, "changes": {"report.closing": HUGE * 2}})
    response = _autosave(c, report, body)
    assert response.status_code == 413
    assert "超过 5 MB" in response.json()["message"]


@pytest.mark.parametrize(
    "body",
    [
        "",
        "not json",
        "[]",
        "null",
        '"text"',
        "{}",
        '{"version": "abc", "changes": {"report.title": "x"}}',
        '{"version": null, "changes": {"report.title": "x"}}',
        '{"version": [1], "changes": {"report.title": "x"}}',
        '{"version": 1, "changes": []}',
        '{"version": 1, "changes": "report.title"}',
        '{"version": 1, "changes": {}}',
        '{"version": 1e400, "changes": {"report.title": "x"}}',
        '{"version": ' + HUGE_ID + ', "changes": {"report.title": "x"}}',
        '{"version": 1, "changes": {"report.title": 5}}',
        '{"version": 1, "changes": {"report.title": {"a": 1}}}',
        '{"version": 1, "changes": {"report.nosuch": "x"}}',
        '{"version": 1, "changes": {"section.' + HUGE_ID + '.intro": "x"}}',
        '{"version": 1, "changes": {"<script>": "x"}}',
        '{"version": 1, "changes": {"report.signature_date": "abc"}}',
        '{"version": 1, "changes": {"section.1.item_style": "<b>"}}',
        b"\xff\xfe\x00",
    ],
)
def test_it_answers_malformed_autosave_bodies_with_json_not_500(c, report, body):
    response = _autosave(c, report, body)
    assert response.status_code in (400, 409)
    message = response.json()["message"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message
    _assert_safe(response.content.decode())


def test_it_answers_autosave_form_encoded_with_json(c, report):
    response = c.post(reverse("autosave", args=[report.pk]), {"version": "1"})
    assert response.status_code == 400
    assert "重新加载" in response.json()["message"]


# -- invalid ids and GET on POST-only endpoints -------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        f"/reports/{HUGE_ID}/",
        "/reports/999999/",
        f"/reports/{HUGE_ID}/step/start/",
        f"/years/{HUGE_ID}/start/",
        "/years/1900/start/",
        f"/import/?report={HUGE_ID}",
        "/import/?report=abc",
        "/import/?report=-1",
        "/import/?report=999999",
    ],
)
def test_it_answers_404_to_invalid_ids(c, report, url):
    assert c.get(url).status_code == 404


@pytest.mark.parametrize("url", [f"/reports/{HUGE_ID}/autosave/", f"/reports/{HUGE_ID}/fix/"])
def test_it_answers_404_to_invalid_ids_on_post(c, report, url):
    assert c.post(url, {}).status_code == 404


def test_it_redirects_an_unknown_step_to_the_first(c, report):
    response = c.get(reverse("wizard_step", args=[report.pk, f"s{HUGE_ID}"]))
    assert response.status_code == 302
    assert response["Location"].endswith("/step/start/")


@pytest.mark.parametrize(
    "name", ["autosave", "import_accept", "import_cancel", "import_restore", "apply_fix"]
)
def test_it_refuses_get_on_post_only_endpoints(c, report, name):
    args = [] if name in ("import_accept", "import_cancel") else [report.pk]
    assert c.get(reverse(name, args=args)).status_code == 405


# -- start report --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"report_type": "abc"},
        {"report_type": HUGE_ID},
        {"report_type": "999999"},
        {"report_type": SCRIPT},
        {"report_type": "\x00"},
        {"carry_over": "1"},
        {"carry_over": SCRIPT},
    ],
    ids=lambda d: ",".join(f"{k}={v[:10]!r}" for k, v in d.items()) or "empty",
)
def test_it_refuses_a_bad_start_form_in_chinese(c, official, year, data):
    response = c.post(reverse("start_report", args=[year.year]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "alert-danger" in page
    assert "报告类型" in page or "沿用" in page
    _assert_safe(page)
    assert not Report.objects.filter(official=official).exists()


def test_it_creates_one_report_when_start_is_pressed_twice(c, official, year, report_type):
    url = reverse("start_report", args=[year.year])
    first = c.post(url, {"report_type": report_type.pk})
    second = c.post(url, {"report_type": report_type.pk})
    report = Report.objects.get(official=official, year=year)
    assert first["Location"] == second["Location"] == reverse("wizard", args=[report.pk])


# -- import: start, review, accept, cancel, restore ----------------------------------------------


@pytest.mark.parametrize("name", sorted(BAD))
def test_it_cleans_bad_text_through_the_whole_import(c, official, year, report_type, name):
    text = IMPORT_TEXT.replace("全年学习十二次", "全年学习十二次" + BAD[name]).replace(
        "加强学习", "加强" + BAD[name] + "学习"
    )
    assert c.post(reverse("import_start"), {"text": text}).status_code == 302
    review = c.get(reverse("import_review"))
    assert review.status_code == 200
    _assert_safe(review.content.decode())
    response = c.post(
        reverse("import_accept"), {"mode": "new", "year": year.pk, "report_type": report_type.pk}
    )
    assert response.status_code == 302
    report = Report.objects.get(official=official, year=year)
    _assert_clean(report.pk)
    for html in _pages(c, report):
        _assert_safe(html)


def test_it_refuses_one_megabyte_pasted_text_in_chinese(c):
    response = c.post(reverse("import_start"), {"text": ("一段文字。" * 2 + "\n") * 100_000})
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert "import-error" in response.content.decode()
    else:
        review = c.get(reverse("import_review")).content.decode()
        assert "import-problems" in review or "拆分" in review


@pytest.mark.parametrize(
    "data",
    [{}, {"text": ""}, {"text": "   \n\x00\x0b "}, {"text": ["a", "b"]}],
    ids=["missing", "empty", "blank-control", "twice"],
)
def test_it_asks_for_text_when_the_paste_is_missing(c, data):
    response = c.post(reverse("import_start"), data)
    if response.status_code == 302:  # "a\nb": a tiny report, still no crash
        assert c.get(reverse("import_review")).status_code == 200
        return
    assert response.status_code == 400
    assert "粘贴" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"op": "role:abc"},
        {"op": "role:99999"},
        {"op": "role:0", "role_0": SCRIPT},
        {"op": "merge:0"},
        {"op": "merge:99999"},
        {"op": "split:0", "pos_0": "abc", "at_0": ""},
        {"op": "split:0", "pos_0": HUGE_ID},
        {"op": "split:0", "at_0": SCRIPT},
        {"op": "roles", "role_0": "nosuch", "role_1": SCRIPT},
        {"op": "target:999999"},
        {"op": f"target:{HUGE_ID}"},
        {"op": SCRIPT},
    ],
    ids=lambda d: ",".join(f"{k}={v[:12]!r}" for k, v in d.items()) or "empty",
)
def test_it_answers_bad_adjustments_without_500(c, data):
    c.post(reverse("import_start"), {"text": IMPORT_TEXT})
    before = c.session[SESSION_KEY]["blocks"]
    response = c.post(reverse("import_review"), data)
    assert response.status_code == 302
    page = c.get(reverse("import_review")).content.decode()
    _assert_safe(page)
    if data.get("op") not in ("roles",):
        assert "alert-danger" in page or c.session[SESSION_KEY]["blocks"] == before


def test_it_refuses_to_target_another_officials_draft(c, make_report, other_official):
    theirs = make_report(owner=other_official)
    c.post(reverse("import_start"), {"text": IMPORT_TEXT})
    c.post(reverse("import_review"), {"op": f"target:{theirs.pk}"})
    assert c.session[SESSION_KEY]["report_id"] is None
    page = c.get(reverse("import_review")).content.decode()
    assert "accept-replace" not in page


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"mode": "new"},
        {"mode": "new", "year": "abc", "report_type": "abc"},
        {"mode": "new", "year": HUGE_ID, "report_type": HUGE_ID},
        {"mode": "new", "year": SCRIPT, "report_type": "\x00"},
        {"mode": SCRIPT},
    ],
    ids=lambda d: ",".join(f"{k}={v[:10]!r}" for k, v in d.items()) or "empty",
)
def test_it_refuses_a_bad_accept_in_chinese(c, official, data):
    c.post(reverse("import_start"), {"text": IMPORT_TEXT})
    response = c.post(reverse("import_accept"), data, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "请选择开放的报告年度和报告类型" in page or "开放" in page
    _assert_safe(page)
    assert not Report.objects.filter(official=official).exists()


def test_it_refuses_replace_without_confirmation(c, report):
    version = report.version
    c.post(reverse("import_start") + f"?report={report.pk}", {"text": IMPORT_TEXT})
    response = c.post(reverse("import_accept"), {"mode": "replace"}, follow=True)
    assert "勾选" in response.content.decode()
    report.refresh_from_db()
    assert report.version == version


def test_it_refuses_accept_without_an_import_in_chinese(c):
    response = c.post(reverse("import_accept"), {"mode": "new"}, follow=True)
    assert "没有正在进行的导入" in response.content.decode()


def test_it_refuses_a_corrupt_pending_import(c, official):
    session = c.session
    session[SESSION_KEY] = {"blocks": [{"role": SCRIPT, "text": 5}], "token": "x"}
    session.save()
    response = c.get(reverse("import_review"), follow=True)
    assert response.status_code == 200
    _assert_safe(response.content.decode())


def test_it_imports_once_when_accept_new_is_pressed_twice(c, official, year, report_type):
    c.post(reverse("import_start"), {"text": IMPORT_TEXT})
    token = c.session[SESSION_KEY]["token"]
    data = {"mode": "new", "year": year.pk, "report_type": report_type.pk, "token": token}
    first = c.post(reverse("import_accept"), data)
    second = c.post(reverse("import_accept"), data, follow=True)
    report = Report.objects.get(official=official, year=year)
    assert first["Location"] == reverse("wizard_step", args=[report.pk, "start"])
    assert second.redirect_chain[-1][0] == reverse("wizard_step", args=[report.pk, "start"])
    assert "已经导入" in second.content.decode()


def test_it_replaces_once_when_accept_replace_is_pressed_twice(c, report):
    c.post(reverse("import_start") + f"?report={report.pk}", {"text": IMPORT_TEXT})
    token = c.session[SESSION_KEY]["token"]
    data = {"mode": "replace", "confirm": "1", "token": token}
    c.post(reverse("import_accept"), data)
    second = c.post(reverse("import_accept"), data, follow=True)
    assert ContentBackup.objects.filter(report=report, reason="import-replace").count() == 1
    assert [s.heading for s in load_tree(report.pk).sections] == ["加强学习", "廉洁自律"]
    assert second.redirect_chain[-1][0] == reverse("wizard_step", args=[report.pk, "start"])
    assert "已经导入" in second.content.decode()


def test_it_replaces_once_when_two_clicks_race(c, report):
    """The second click was read before the first ended: its session still holds the import."""
    c.post(reverse("import_start") + f"?report={report.pk}", {"text": IMPORT_TEXT})
    pending = c.session[SESSION_KEY]
    data = {"mode": "replace", "confirm": "1", "token": pending["token"]}
    c.post(reverse("import_accept"), data)
    session = c.session
    session[SESSION_KEY] = pending
    session.save()
    second = c.post(reverse("import_accept"), data, follow=True)
    assert ContentBackup.objects.filter(report=report, reason="import-replace").count() == 1
    assert "已经导入" in second.content.decode()
    assert second.redirect_chain[-1][0] == reverse("wizard_step", args=[report.pk, "start"])


def test_it_creates_one_draft_when_two_clicks_race(c, official, year, report_type):
    c.post(reverse("import_start"), {"text": IMPORT_TEXT})
    pending = c.session[SESSION_KEY]
    data = {"mode": "new", "year": year.pk, "report_type": report_type.pk}
    c.post(reverse("import_accept"), data)
    session = c.session
    session[SESSION_KEY] = pending
    session.save()
    second = c.post(reverse("import_accept"), data, follow=True)
    assert Report.objects.filter(official=official, year=year).count() == 1
    assert "已经导入" in second.content.decode()


def test_it_lets_a_home_page_import_replace_an_existing_draft(c, report):
    c.post(reverse("import_start"), {"text": IMPORT_TEXT})
    page = c.get(reverse("import_review")).content.decode()
    assert "替换您已有草稿的内容" in page
    c.post(reverse("import_review"), {"op": f"target:{report.pk}"})
    page = c.get(reverse("import_review")).content.decode()
    assert "accept-replace" in page
    c.post(reverse("import_accept"), {"mode": "replace", "confirm": "1"})
    assert [s.heading for s in load_tree(report.pk).sections] == ["加强学习", "廉洁自律"]


def test_it_does_not_offer_a_closed_years_report_as_target(c, make_report):
    closed = ReportingYear.objects.create(year=2019, is_open=False)
    make_report(year=closed)
    c.post(reverse("import_start"), {"text": IMPORT_TEXT})
    assert "替换您已有草稿的内容" not in c.get(reverse("import_review")).content.decode()


@pytest.mark.parametrize("name", ["import_cancel", "import_restore"])
def test_it_answers_post_without_anything_pending(c, report, name):
    args = [report.pk] if name == "import_restore" else []
    response = c.post(reverse(name, args=args), {"junk": SCRIPT}, follow=True)
    assert response.status_code == 200
    _assert_safe(response.content.decode())


# -- apply fix -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"where": SCRIPT},
        {"where": f"sections[{HUGE_ID}].intro"},
        {"where": f"sections[0].items[{HUGE_ID}].body"},
        {"where": "opening", "version": "abc"},
        {"where": "opening", "version": HUGE_ID},
        {"where": "opening", "step": SCRIPT},
        {"where": "opening", "step": "../../admin"},
    ],
    ids=lambda d: ",".join(f"{k}={v[:12]!r}" for k, v in d.items()) or "empty",
)
def test_it_answers_bad_fix_requests_without_500(c, make_report, sample_tree, data):
    sample_tree.opening = "一年来,我认真履职。"
    report = make_report(tree=sample_tree)
    response = c.post(reverse("apply_fix", args=[report.pk]), data)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/reports/{report.pk}/step/")
    page = c.get(response["Location"], follow=True).content.decode()
    _assert_safe(page)
    if "version" in data:
        assert "alert-danger" in page or "另一个窗口" in page
        assert load_tree(report.pk).opening == "一年来,我认真履职。"


def test_it_says_when_no_year_is_open_instead_of_every_year_is_taken(c, year):
    ReportingYear.objects.update(is_open=False)
    c.post(reverse("import_start"), {"text": IMPORT_TEXT})
    page = c.get(reverse("import_review")).content.decode()
    assert "目前没有开放填报的年度" in page
    assert "每个开放年度都已有您的报告" not in page
