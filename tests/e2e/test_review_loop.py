"""The whole review loop in two browsers: submit, comment and return, revise and resubmit,
see the change, approve, and both download the approved PDF."""

import subprocess

from playwright.sync_api import expect

REVISED = "全年新开工项目18个，完成投资12亿元。"


def pdf_text(data: bytes) -> str:
    out = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout
    return "".join(out.decode("utf-8").split())


def accept_dialogs(page):
    page.on("dialog", lambda dialog: dialog.accept())
    return page


def test_it_runs_the_review_loop_in_two_browsers(
    new_page, login, official, make_reviewer, unit, make_report
):
    report = make_report()
    reviewer = make_reviewer(unit, username="shenhe")
    duty_section = report.sections.order_by("order", "pk")[1]

    # the official submits from the preview step
    off = accept_dialogs(new_page())
    login(off, official.user.username)
    off.goto(f"/reports/{report.pk}/step/preview/")
    off.locator("#btn-submit-report").click()
    expect(off.locator("#submit-slot")).to_contain_text("正在等待审核")

    # the reviewer finds it in the queue, comments on an item and returns it
    rev = accept_dialogs(new_page())
    login(rev, reviewer.username)
    rev.goto("/review/")
    rev.locator(".queue-table").get_by_role("link", name="张三").click()
    expect(rev.locator("#formal-preview")).to_contain_text("全年新开工项目18个")
    rev.select_option("#id_place", "1.0")
    rev.fill("#id_text", "请写明项目完成的投资额。")
    rev.locator("#btn-comment").click()
    expect(rev.locator(".comment-list")).to_contain_text("请写明项目完成的投资额。")
    rev.fill("#id_reason", "请补充投资数据后重新提交。")
    rev.locator("#btn-return").click()
    expect(rev.locator("#report-status")).to_have_text("已退回")

    # the official sees the event and the comment beside the section, revises, resubmits
    off.goto("/")
    expect(off.locator(".recent-events")).to_contain_text("请补充投资数据后重新提交")
    off.goto(f"/reports/{report.pk}/step/s{duty_section.pk}/")
    expect(off.locator(".reviewer-comments")).to_contain_text("请写明项目完成的投资额。")
    off.locator("li.item textarea[name$='.body']").first.fill(REVISED)
    expect(off.locator("#save-status")).to_have_text("已保存")
    off.locator(".reviewer-comments .btn-addressed").click()
    expect(off.locator(".reviewer-comments")).to_contain_text("已处理")
    off.goto(f"/reports/{report.pk}/step/preview/")
    off.locator("#btn-submit-report").click()
    expect(off.locator("#submit-slot")).to_contain_text("第 2 次提交")

    # the reviewer sees what changed and that the commented section changed, approves
    rev.reload()
    expect(rev.locator("#changes mark.diff-ins")).to_contain_text("完成投资12亿元")
    expect(rev.locator(".comment-list .section-changed")).to_be_visible()
    rev.locator("#btn-approve").click()
    expect(rev.locator("#report-status")).to_have_text("已通过")

    # both download the approved PDF: it is the approved text
    with rev.expect_download() as download:
        rev.locator("#download-pdf").click()
    reviewer_pdf = pdf_text(open(download.value.path(), "rb").read())
    assert "完成投资12亿元" in reviewer_pdf

    response = off.request.get(f"/reports/{report.pk}/download.pdf")
    assert response.ok, response.status
    official_pdf = pdf_text(response.body())
    assert "完成投资12亿元" in official_pdf
    assert "草稿" not in official_pdf and "草稿" not in reviewer_pdf
