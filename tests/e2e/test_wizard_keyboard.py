"""Keyboard habits in the wizard: Ctrl+S saves (not the browser's "Save page"), a refused
field is marked invalid with its message tied to it, the home-page import can replace the
draft the official already has."""

from playwright.sync_api import expect

from drafts.persistence import load_tree


def test_it_saves_on_ctrl_s_instead_of_saving_the_page(page, login, live_server, report):
    login(page, report.official.user.username)
    page.goto(f"{live_server.url}/reports/{report.pk}/step/start/")
    opening = page.locator("textarea[name='report.opening']")
    opening.fill("按 Ctrl+S 保存的导语。")
    prevented = page.evaluate(
        """() => {
            const ev = new KeyboardEvent("keydown", {key: "s", ctrlKey: true, bubbles: true, cancelable: true});
            document.activeElement.dispatchEvent(ev);
            return ev.defaultPrevented;
        }"""
    )
    assert prevented
    expect(page.locator("#save-status")).to_have_text("已保存")
    assert load_tree(report.pk).opening == "按 Ctrl+S 保存的导语。"


def test_it_marks_a_refused_field_and_ties_the_message_to_it(page, login, live_server, report):
    login(page, report.official.user.username)
    page.goto(f"{live_server.url}/reports/{report.pk}/step/start/")
    title = page.locator("input[name='report.title']")
    title.fill("长" * 210)
    expect(title).to_have_attribute("aria-invalid", "true")
    error_id = [i for i in title.get_attribute("aria-describedby").split() if i.startswith("e-")][0]
    expect(page.locator(f"#{error_id}")).to_contain_text("最多 200 字")
    title.fill("2025年度述职述廉报告")
    expect(page.locator("#save-status")).to_have_text("已保存")
    expect(title).not_to_have_attribute("aria-invalid", "true")


def test_it_replaces_the_existing_draft_from_a_home_page_import(page, login, live_server, report):
    login(page, report.official.user.username)
    page.goto(f"{live_server.url}/import/")
    page.locator("#import-text").fill(
        "一、加强学习\n1.坚持学习。全年学习十二次。\n二、廉洁自律\n严格遵守规定。\n"
    )
    page.locator("form.import-form button[type=submit]").click()
    page.locator("form.import-targets button").first.click()
    page.locator("#confirm-replace").check()
    page.once("dialog", lambda d: d.accept())
    page.locator("form.accept-replace button[type=submit]").click()
    expect(page.locator("h2", has_text="标题和导语")).to_be_visible()
    assert [s.heading for s in load_tree(report.pk).sections] == ["加强学习", "廉洁自律"]
