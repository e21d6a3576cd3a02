"""The official's first journey in a real browser: start, fill, reload, reorder, preview."""

import re

from playwright.sync_api import expect

from drafts.models import Entry, Report
from tests.e2e.waiting import wait_saved


def add_item(page, lead, body):
    with page.expect_navigation():
        page.get_by_role("button", name="添加一条").click()
    # typing before the page script runs is kept too, but the saved badge only means
    # "saved" once the script is there
    expect(page.locator("#wizard")).to_have_attribute("data-ready", "1")
    item = page.locator("li.item").last
    item.locator("input[name$='.lead']").fill(lead)
    item.locator("textarea[name$='.body']").fill(body)
    wait_saved(page)


def test_it_drafts_a_report_end_to_end(page, login, official, year):
    login(page, official.user.username)
    page.get_by_role("link", name="开始填写").click()
    page.get_by_role("button", name="开始填写").click()
    expect(page.locator("h2", has_text="标题和导语")).to_be_visible()
    page.locator("textarea[name='report.opening']").fill(
        "一年来，我认真履行职责。现将有关情况报告如下："
    )
    wait_saved(page)

    page.locator("#btn-next").click()
    page.locator("textarea[name$='.intro']").fill("坚持学习𠮷堃喆，<b>不是标记</b>。")
    add_item(page, "第一条主题句", "第一条正文。")
    add_item(page, "第二条主题句", "第二条正文。")

    # close and come back: everything is there
    page.reload()
    expect(page.locator("textarea[name$='.intro']")).to_have_value(
        "坚持学习𠮷堃喆，<b>不是标记</b>。"
    )
    expect(page.locator("li.item input[name$='.lead']").nth(1)).to_have_value("第二条主题句")

    page.locator("#btn-next").click()
    page.locator("input[name$='.heading']").fill("扎实履职尽责，推动工作落实")
    add_item(page, "项目建设", "新开工项目18个。")
    page.select_option("select[name$='.item_style']", "paren")
    expect(page.locator(".item-marker").first).to_have_text("（一）")

    # reorder in the first section
    page.locator("a.step-link").nth(1).click()
    page.get_by_role("button", name="上移第 2 条").click()
    expect(page.locator("li.item input[name$='.lead']").first).to_have_value("第二条主题句")

    page.locator("a.step-link", has_text="预览").click()
    doc = page.locator(".gbt-doc")
    text = doc.inner_text()
    assert text.index("第二条主题句") < text.index("第一条主题句") < text.index("扎实履职尽责")
    assert re.search(r"1[.．]\s*第二条主题句", text)
    assert "二、扎实履职尽责" in text.replace(" ", "")
    assert "<b>不是标记</b>" in text
    assert "（一）项目建设" in text.replace(" ", "")

    report = Report.objects.get(official=official)
    assert report.current_step == "preview"
    assert Entry.objects.filter(section__report=report).count() == 3


def test_it_keeps_the_text_when_the_login_expired(page, login, official, report):
    login(page, official.user.username)
    page.goto(f"/reports/{report.pk}/step/start/")
    page.context.clear_cookies()
    page.locator("textarea[name='report.opening']").fill("登录过期时写的导语。")
    expect(page.locator(".login-expired")).to_contain_text("登录已过期")
    expect(page.locator("textarea[name='report.opening']")).to_have_value("登录过期时写的导语。")
    report.refresh_from_db()
    assert report.opening != "登录过期时写的导语。"
    # log in again in another tab of the same browser, then retry: the text is saved
    other = page.context.new_page()
    login(other, official.user.username)
    page.get_by_role("button", name="立即重试").click()
    wait_saved(page)
    report.refresh_from_db()
    assert report.opening == "登录过期时写的导语。"


def test_it_refuses_a_huge_paste_and_keeps_it_in_the_field(page, login, official, report):
    login(page, official.user.username)
    page.goto(f"/reports/{report.pk}/step/start/")
    huge = "长" * 400_000
    page.locator("textarea[name='report.opening']").fill(huge)
    expect(page.locator("[data-error-for='report.opening']")).to_contain_text("内容过长")
    expect(page.locator("#save-status")).to_have_text("保存失败")
    assert page.locator("textarea[name='report.opening']").input_value() == huge
    report.refresh_from_db()
    assert report.opening != huge


def test_it_goes_to_the_next_step_with_ctrl_enter_after_saving(page, login, official, report):
    login(page, official.user.username)
    page.goto(f"/reports/{report.pk}/step/start/")
    field = page.locator("textarea[name='report.opening']")
    field.fill("用键盘写完导语。")
    field.press("Control+Enter")
    first = report.sections.order_by("order").first()
    page.wait_for_url(f"**/step/s{first.pk}/")
    report.refresh_from_db()
    assert report.opening == "用键盘写完导语。"
