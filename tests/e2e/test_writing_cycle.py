"""The writer's year in Chromium: carry-over from a chosen report, last year's promises
answered from the checklist, and the small things (the item added comes into view with the
cursor in it, a too-large paste keeps its text, the steps fold at 390 px, printing the
preview prints the report only)."""

from datetime import date

from playwright.sync_api import expect

from drafts import document
from drafts.models import PromiseAnswer, Report, ReportingYear

S, It = document.Section, document.Item


def _last_year(make_report):
    y = ReportingYear.objects.create(year=2024, deadline=date(2025, 1, 20), is_open=False)
    tree = document.Report(
        title="2024年度述职述廉报告",
        opening="2024年，我认真履行职责。",
        sections=[
            S(heading="履职尽责", kind="duties", items=[It("抓项目", "新开工项目十个。")]),
            S(heading="下步打算", kind="plans", items=[It("推进数字化审批", "上线网上审批平台，压缩审批时限。")]),
        ],
        closing="2025年，我将继续努力。",
    )
    return make_report(year=y, tree=tree, status=Report.Status.APPROVED)


def test_it_carries_over_the_chosen_report_with_the_years_replaced(page, login, official, year, make_report):
    _last_year(make_report)
    login(page, official.user.username)
    page.goto("/years/2025/start/")
    card = page.locator(".carry-over-card")
    expect(card.locator(".year-shifts li")).to_have_count(3)  # title, opening, closing
    expect(card.locator(".carry-sections")).to_contain_text("从空白开始")
    card.get_by_role("button", name="沿用上一年度报告").click()
    page.wait_for_url("**/step/**")
    expect(page.locator("textarea[name='report.opening']")).to_have_value("2025年，我认真履行职责。")
    report = Report.objects.get(official=official, year=year)
    plans = report.sections.get(kind="plans")
    assert plans.entries.count() == 0


def test_it_answers_last_years_promise_from_the_checklist(page, login, official, year, make_report):
    _last_year(make_report)
    report = make_report(
        tree=document.Report(title="2025年度述职述廉报告", sections=[S(heading="履职尽责", kind="duties", items=[It("审批提速", "全年办结审批事项一千件。")])])
    )
    login(page, official.user.username)
    section = report.sections.get()
    page.goto(f"/reports/{report.pk}/step/s{section.pk}/")
    card = page.locator("#promises")
    expect(card.locator(".promise")).to_have_count(1)
    expect(card.locator(".promise-open")).to_have_count(1)
    card.locator("summary", has_text="填写落实情况").click()
    card.get_by_role("button", name="关联", exact=True).click()
    expect(page.locator("#promises .promise-linked")).to_have_count(1)
    assert PromiseAnswer.objects.get(report=report).entry == section.entries.get()
    expect(page.locator("#findings")).not_to_contain_text("去年报告承诺")


def test_it_brings_the_added_item_into_view_with_the_cursor_in_it(page, login, official, make_report, sample_tree):
    sample_tree.sections[0].items = [It(f"第{n}条", "正文。" * 40) for n in range(1, 11)]
    report = make_report(tree=sample_tree)
    login(page, official.user.username)
    section = report.sections.order_by("order").first()
    page.goto(f"/reports/{report.pk}/step/s{section.pk}/")
    page.get_by_role("button", name="添加一条").click()
    page.wait_for_load_state()
    new = page.locator("li.item").last
    expect(new.locator("input[name$='.lead']")).to_be_focused()
    expect(new).to_be_in_viewport()
    page.get_by_role("button", name="上移第 11 条").click()
    page.wait_for_load_state()
    expect(page.locator("li.item").nth(9)).to_be_in_viewport()


def test_it_keeps_a_too_large_paste_with_the_message(page, login, official, report):
    login(page, official.user.username)
    page.goto(f"/import/?report={report.pk}")
    text = "全年工作总结。" * 300_000  # about 6 MB in UTF-8
    page.locator("#import-text").evaluate("(el, t) => { el.value = t; }", text)
    page.get_by_role("button", name="读取报告").click()
    expect(page.locator(".import-too-large")).to_be_visible()
    assert page.locator("#import-text").evaluate("el => el.value.length") == len(text)
    assert "/import/" in page.url


def test_it_folds_the_steps_at_390_px_and_shows_the_first_field(new_page, login, official, report):
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, official.user.username)
    page.goto(f"/reports/{report.pk}/step/start/")
    expect(page.locator(".wizard-steps")).to_be_hidden()
    expect(page.locator("input[name='report.title']")).to_be_in_viewport()
    page.locator(".wizard-steps-toggle").click()
    expect(page.locator(".wizard-steps")).to_be_visible()


def test_it_prints_the_report_only(page, login, official, report):
    login(page, official.user.username)
    page.goto(f"/reports/{report.pk}/step/preview/")
    page.emulate_media(media="print")
    expect(page.locator(".gbt-doc")).to_be_visible()
    for hidden in (".site-nav", ".wizard-steps-col", "#step-form", ".findings-summary", ".preview-downloads"):
        expect(page.locator(hidden).first).to_be_hidden()
