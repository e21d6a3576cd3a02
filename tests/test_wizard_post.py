"""The step form without JavaScript: it saves, navigates and refuses stale versions."""

import pytest

from drafts.models import Report


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


def start_form(report, **extra):
    data = {
        "step_form": "1",
        "version": report.version,
        "report.title": report.title,
        "report.subtitle": "",
        "report.byline": report.byline,
        "report.opening": report.opening,
    }
    data.update(extra)
    return data


def test_it_saves_the_fields_and_goes_to_the_next_step(c, report):
    first = report.sections.order_by("order")[0]
    r = c.post(
        f"/reports/{report.pk}/step/start/",
        start_form(report, **{"report.opening": "新的导语。", "go": f"s{first.pk}"}),
    )
    assert r.status_code == 302 and r.url == f"/reports/{report.pk}/step/s{first.pk}/"
    report.refresh_from_db()
    assert report.opening == "新的导语。"


def test_it_bumps_the_version_only_when_something_changed(c, report):
    before = report.version
    c.post(f"/reports/{report.pk}/step/start/", start_form(report, go="end"))
    report.refresh_from_db()
    assert report.version == before


def test_it_saves_section_fields_and_checkboxes(c, report):
    s = report.sections.order_by("order")[1]  # inline_items is on
    e = s.entries.get()
    data = {
        "step_form": "1",
        "version": report.version,
        f"section.{s.pk}.heading": "抓项目、促发展",
        f"section.{s.pk}.intro": "",
        f"section.{s.pk}.item_style": "paren",
        f"item.{e.pk}.lead": "新开工项目",
        f"item.{e.pk}.body": e.body,
    }
    c.post(f"/reports/{report.pk}/step/s{s.pk}/", data)
    s.refresh_from_db()
    assert (s.heading, s.item_style, s.inline_items) == ("抓项目、促发展", "paren", False)
    assert s.entries.get().lead == "新开工项目"


def test_it_cleans_control_characters(c, report):
    c.post(
        f"/reports/{report.pk}/step/start/",
        start_form(
            report, **{"report.opening": "第一段\x0b第二段\x00。", "report.title": "标题\n二"}
        ),
    )
    report.refresh_from_db()
    assert report.opening == "第一段\n第二段。"
    assert report.title == "标题 二"


def test_it_refuses_a_stale_version_and_shows_the_refused_text(c, report):
    Report.objects.filter(pk=report.pk).update(
        version=report.version + 1, opening="另一个窗口写的导语。"
    )
    r = c.post(
        f"/reports/{report.pk}/step/start/",
        start_form(report, **{"report.opening": "我写的导语。"}),
    )
    assert r.status_code == 409
    body = r.content.decode()
    assert "另一个窗口或另一台设备" in body
    assert "我写的导语。" in body and "另一个窗口写的导语。" in body
    report.refresh_from_db()
    assert report.opening == "另一个窗口写的导语。"


def test_it_refuses_a_too_long_text_and_keeps_it_in_the_page(c, report):
    text = "长" * 20_001
    r = c.post(f"/reports/{report.pk}/step/start/", start_form(report, **{"report.opening": text}))
    assert r.status_code == 400
    assert "内容过长" in r.content.decode()
    assert text in r.content.decode()
    report.refresh_from_db()
    assert report.opening != text


def test_it_refuses_changes_to_a_submitted_report(c, make_report):
    report = make_report(status=Report.Status.SUBMITTED)
    r = c.post(
        f"/reports/{report.pk}/step/start/",
        start_form(report, **{"report.opening": "改动"}),
        follow=True,
    )
    assert "不能再修改" in r.content.decode()
    report.refresh_from_db()
    assert report.opening != "改动"


def test_it_lets_read_only_reports_be_browsed(c, make_report):
    report = make_report(status=Report.Status.APPROVED)
    r = c.post(f"/reports/{report.pk}/step/start/", {"go": "end"})
    assert r.status_code == 302 and r.url.endswith("/step/end/")


def test_it_saves_the_end_step(c, report):
    data = {
        "step_form": "1",
        "version": report.version,
        "report.closing": "结束语。",
        "report.signature_name": "张三",
        "report.signature_date": "2026-01-12",
    }
    c.post(f"/reports/{report.pk}/step/end/", data)
    report.refresh_from_db()
    assert report.closing == "结束语。"
    assert report.signature_date.isoformat() == "2026-01-12"
    assert report.has_signature is False  # the unchecked box


def test_it_refuses_a_bad_date_with_a_message(c, report):
    data = {
        "step_form": "1",
        "version": report.version,
        "report.closing": report.closing,
        "report.signature_name": "张三",
        "report.signature_date": "2026-13-45",
        "report.has_signature": "1",
    }
    r = c.post(f"/reports/{report.pk}/step/end/", data)
    assert r.status_code == 400
    assert "日期格式不正确" in r.content.decode()


def test_it_ignores_an_unknown_target_step(c, report):
    r = c.post(f"/reports/{report.pk}/step/start/", start_form(report, go="../../admin"))
    assert r.status_code == 302 and r.url.endswith("/step/start/")


def test_it_saves_the_valid_fields_and_returns_the_refused_one(c, report):
    title = "题" * 201
    r = c.post(
        f"/reports/{report.pk}/step/start/",
        start_form(report, **{"report.opening": "保存这一段。", "report.title": title}),
    )
    assert r.status_code == 400
    assert title in r.content.decode() and "最多 200 字" in r.content.decode()
    report.refresh_from_db()
    assert report.opening == "保存这一段。"
    assert report.title != title
