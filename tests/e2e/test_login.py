def test_it_logs_in_in_a_real_browser(page, login, make_user):
    user = make_user()
    login(page, user.username)
    assert page.locator("nav").get_by_text(user.username).is_visible()


def test_it_shows_a_clear_message_for_a_wrong_password(page, make_user):
    user = make_user()
    page.goto("/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "wrong")
    page.click("button[type=submit]")
    assert page.locator(".alert, .invalid-feedback, .errorlist").first.is_visible()
