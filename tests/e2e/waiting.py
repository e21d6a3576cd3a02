"""What the browser tests wait for on a wizard page."""

from playwright.sync_api import expect


def wait_saved(page):
    """The page script is running (it queues what was typed before it ran) and the server
    confirmed every queued change."""
    expect(page.locator("#wizard")).to_have_attribute("data-ready", "1")
    expect(page.locator("#save-status")).to_have_text("已保存")
