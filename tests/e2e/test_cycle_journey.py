"""The cycle manager and an official in two browsers: import a roster of about 100 with one
bad row (fix, re-import), open the year, see the roll; the official logs in with the issued
password, must change it, drafts and submits; the manager sees them move from "not started"
to "submitted" and reminds the rest; after the deadline an official without an extension
cannot save."""

from __future__ import annotations

import json
from datetime import date, timedelta

from playwright.sync_api import expect

from drafts.models import AccountState, Official, Reminder, Report, ReportingYear, RollEntry
from drafts.persistence import apply_tree

from ..cycle_support import make_manager

HEADER = "姓名,单位,职务,登录名,电子邮箱,角色,审核范围"


def roster(bad: bool) -> str:
    lines = [HEADER]
    for i in range(100):
        name = "" if bad and i == 41 else f"干部{i:03}"
        lines.append(f"{name},青禾县/乡镇{i % 4},科员,gb{i:03},gb{i:03}@example.org,述职人,")
    lines.append("组织部审核员,青禾县/组织部,科长,shenhe1,,审核人,青禾县")
    return "\n".join(lines) + "\n"


def accept_dialogs(page):
    page.on("dialog", lambda dialog: dialog.accept())
    return page


def test_it_runs_a_reporting_year(new_page, login, make_user, tmp_path, sample_tree):
    manager = make_manager(make_user, username="guanli")
    today = date.today()

    # -- the manager imports the roster: one bad row first, then the fixed file
    m = accept_dialogs(new_page())
    login(m, "guanli")
    m.goto("/cycle/roster/")
    (tmp_path / "bad.csv").write_text(roster(True), encoding="utf-8")
    m.set_input_files("#id_file", str(tmp_path / "bad.csv"))
    m.locator("#roster-upload button[type=submit]").click()
    expect(m.locator("#roster-bad")).to_contain_text("第43行: 姓名为空")
    expect(m.locator("#roster-confirm")).to_have_count(0)
    assert not Official.objects.exists()
    m.get_by_role("button", name="上传其他文件").click()
    (tmp_path / "good.csv").write_text(roster(False), encoding="gb18030")
    m.set_input_files("#id_file", str(tmp_path / "good.csv"))
    m.locator("#roster-upload button[type=submit]").click()
    expect(m.locator("#roster-counts")).to_contain_text("101")
    m.locator("#roster-confirm").click()
    expect(m.locator("#roster-summary")).to_contain_text("新建 101 人")
    sheet = {
        row.locator("td").nth(0).inner_text(): row.locator("td").nth(1).inner_text()
        for row in m.locator("#password-sheet tbody tr").all()
    }
    assert len(sheet) == 101

    # -- opens the year with its deadline and sees the roll
    m.goto("/cycle/years/open/")
    m.fill("#id_year", str(today.year))
    m.fill("#id_deadline", (today + timedelta(days=20)).isoformat())
    m.get_by_label("青禾县").check()
    m.locator("#open-year-form button[type=submit]").click()
    expect(m.locator("#roll-summary")).to_contain_text("名单上共 100 人")
    expect(m.locator("#roll-table")).to_contain_text("干部007")

    # -- an official logs in with the issued password and must change it first
    o = accept_dialogs(new_page())
    o.goto("/login/")
    o.fill("input[name=username]", "gb007")
    o.fill("input[name=password]", sheet["gb007"])
    o.click("button[type=submit]")
    expect(o.locator("#password-forced")).to_be_visible()
    o.goto("/")
    expect(o.locator("#password-forced")).to_be_visible()  # nothing else first
    o.fill("#id_old_password", sheet["gb007"])
    o.fill("#id_new_password1", "Qinghe-Township-2026")
    o.fill("#id_new_password2", "Qinghe-Township-2026")
    o.get_by_role("button", name="修改密码").click()
    expect(o.locator(f"#year-{today.year} .days-left")).to_contain_text("还剩 20 天")

    # drafts (the start page, then the text) and submits from the preview
    o.locator(f"#year-{today.year}").get_by_role("link", name="开始填写").click()
    o.locator("main form button[type=submit]").last.click()
    o.wait_for_url("**/step/**")
    expect(o.locator(".deadline-line")).to_contain_text("还剩 20 天")
    report = Report.objects.get(official__user__username="gb007")
    apply_tree(report, sample_tree)  # the text, as the wizard tests type it
    o.goto(f"/reports/{report.pk}/step/preview/")
    o.locator("#btn-submit-report").click()
    expect(o.locator("#submit-slot")).to_contain_text("正在等待审核")

    # -- the manager sees 干部007 submitted and reminds the rest
    m.goto(f"/progress/?year={today.year}")
    top = m.locator("details.board-node.depth-0").first
    expect(top.locator(".c-submitted a").first).to_have_text("1")
    expect(top.locator(".c-not_started a").first).to_have_text("99")
    top.locator(".c-submitted a").first.click()
    expect(m.locator("#board-list")).to_contain_text("干部007")
    m.goto(f"/cycle/years/{today.year}/roll/")
    m.locator("#send-reminders").click()
    expect(m.locator(".messages")).to_contain_text("已发出 99 条提醒")
    assert Reminder.objects.count() == 99

    # -- after the deadline an official without an extension cannot save
    late = Official.objects.get(user__username="gb008")
    late.user.set_password("pw-for-tests-1")  # as if they had chosen their own already
    late.user.save()
    AccountState.objects.filter(user=late.user).update(must_change_password=False)
    draft = Report.objects.create(official=late, year=ReportingYear.objects.get(year=today.year), report_type=report.report_type)
    apply_tree(draft, sample_tree)
    ReportingYear.objects.filter(year=today.year).update(deadline=today - timedelta(days=1))
    p = new_page()
    login(p, "gb008")
    p.goto(f"/reports/{draft.pk}/step/start/")
    expect(p.locator(".deadline-closed")).to_contain_text("已过")
    answer = p.evaluate(
        """async ([url, body]) => {
            const token = document.querySelector('[name=csrfmiddlewaretoken]').value;
            const r = await fetch(url, {method: 'POST', body, headers: {'X-CSRFToken': token, 'Content-Type': 'application/json'}});
            return [r.status, (await r.json()).message];
        }""",
        [f"/reports/{draft.pk}/autosave/", json.dumps({"version": draft.version, "changes": {"report.title": "逾期后改的标题"}})],
    )
    assert answer[0] == 403 and "报告不能再修改" in answer[1]
    draft.refresh_from_db()
    assert draft.title != "逾期后改的标题"
    assert RollEntry.objects.filter(official=late, extended_until=None).exists()
    assert manager.pk
