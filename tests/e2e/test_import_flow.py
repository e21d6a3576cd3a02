"""A newcomer pastes last year's report, checks the split, accepts it into a new draft, and
the checks point at the placeholder left in it (Chromium via Playwright)."""

from __future__ import annotations

from drafts.models import Report

TEXT = (
    "2024年度述职述廉报告\n"
    "一年来，在县委的正确领导下，我认真履职尽责，参加集中学习*次。现将有关情况报告如下：\n"
    "一、加强学习，提高本领\n"
    "1.坚持学习。全年参加集中学习十二次。注重实践。深入基层调研。\n"
    "二、廉洁自律\n"
    "严格遵守各项规定。\n"
    "一年来，我虽然做了一些工作，但仍有不足。\n"
)


def test_it_imports_a_pasted_report_and_points_at_its_placeholder(
    page, login, official, year, report_type
):
    login(page, official.user.username)
    page.click("a.import-link")
    page.fill("#import-text", TEXT)
    page.click("form.import-form button[type=submit]")
    page.wait_for_url("**/import/review/")
    assert page.locator("textarea.block-text", has_text="加强学习，提高本领").count() == 1

    # split the item's body where the cursor is placed
    area = page.locator(
        "textarea.block-text", has_text="坚持学习。全年参加集中学习十二次。注重实践。"
    )
    index = area.get_attribute("data-block")
    position = "坚持学习。全年参加集中学习十二次。".__len__()
    area.evaluate(f"(el) => {{ el.focus(); el.setSelectionRange({position}, {position}); }}")
    area.dispatch_event("mouseup")
    page.click(f"button[name=op][value='split:{index}']")
    page.wait_for_url("**/import/review/**")
    assert page.locator("textarea.block-text", has_text="注重实践。深入基层调研。").count() == 1

    page.click("form.accept-new button[type=submit]")
    page.wait_for_url("**/step/start/")
    report = Report.objects.get(official=official, year=year)
    assert report.sections.count() == 2

    link = page.locator("#findings a[data-focus-field='report.opening']").first
    assert "占位符“*”" in link.inner_text()
    link.click()
    focused = page.evaluate(
        "() => [document.activeElement.name, document.activeElement.selectionStart]"
    )
    assert focused == ["report.opening", TEXT.split("\n")[1].index("*")]
