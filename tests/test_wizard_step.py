import pytest

from drafts.models import Report


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


def steps(report):
    return (
        ["start"]
        + [f"s{pk}" for pk in report.sections.order_by("order").values_list("pk", flat=True)]
        + ["end", "preview"]
    )


def test_it_opens_the_wizard_at_the_current_step(c, report):
    section = report.sections.order_by("order")[1]
    Report.objects.filter(pk=report.pk).update(current_step=f"s{section.pk}")
    r = c.get(f"/reports/{report.pk}/")
    assert r.status_code == 302 and r.url == f"/reports/{report.pk}/step/s{section.pk}/"


def test_it_remembers_the_last_step_opened(c, report):
    section = report.sections.order_by("order")[0]
    c.get(f"/reports/{report.pk}/step/s{section.pk}/")
    report.refresh_from_db()
    assert report.current_step == f"s{section.pk}"


def test_it_renders_every_step(c, report):
    for step in steps(report):
        r = c.get(f"/reports/{report.pk}/step/{step}/")
        assert r.status_code == 200, step


def test_it_shows_the_section_fields_hint_and_length(c, report):
    section = report.sections.order_by("order")[0]
    section.hint = "写清学习的次数和收获。"
    section.suggested_chars = 700
    section.save()
    body = c.get(f"/reports/{report.pk}/step/s{section.pk}/").content.decode()
    assert "加强政治理论学习" in body
    assert "坚持集中学习" in body and "撰写调研报告3篇。\n其中1篇获县领导批示。" in body
    assert "写清学习的次数和收获。" in body
    assert "建议篇幅：约 700 字" in body
    assert f'name="item.{section.entries.first().pk}.body"' in body


def test_it_shows_steps_with_filled_state_and_progress(c, report):
    body = c.get(f"/reports/{report.pk}/step/start/").content.decode()
    assert "一、加强政治理论学习" in body and "二、扎实履职尽责" in body
    assert body.count('class="step-state filled"') == 4  # start, two sections, end
    assert 'aria-valuenow="100"' in body


def test_it_shows_the_reading_time_and_its_rate(c, report):
    body = c.get(f"/reports/{report.pk}/step/start/").content.decode()
    assert "220 字/分钟" in body


def test_it_escapes_html_in_texts(c, report):
    Report.objects.filter(pk=report.pk).update(opening="<script>alert(1)</script>")
    body = c.get(f"/reports/{report.pk}/step/start/").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_it_redirects_an_unknown_step_to_the_first(c, report):
    r = c.get(f"/reports/{report.pk}/step/s999999/")
    assert r.status_code == 302 and r.url.endswith("/step/start/")


def test_it_shows_submitted_reports_read_only(c, make_report):
    report = make_report(status=Report.Status.SUBMITTED)
    body = c.get(f"/reports/{report.pk}/step/start/").content.decode()
    assert "不能再修改" in body
    assert 'data-editable="0"' in body
    assert "<fieldset disabled" in body


def test_it_answers_404_for_another_officials_report(client, report, other_official):
    client.force_login(other_official.user)
    for step in steps(report):
        assert client.get(f"/reports/{report.pk}/step/{step}/").status_code == 404
        assert (
            client.post(
                f"/reports/{report.pk}/step/{step}/", {"version": report.version}
            ).status_code
            == 404
        )
    assert client.get(f"/reports/{report.pk}/").status_code == 404


def test_it_answers_404_to_a_user_without_official(client, make_user, report):
    client.force_login(make_user())
    assert client.get(f"/reports/{report.pk}/step/start/").status_code == 404


def test_it_redirects_anonymous_users_to_login(client, report):
    for url in (f"/reports/{report.pk}/", f"/reports/{report.pk}/step/start/"):
        r = client.get(url)
        assert r.status_code == 302 and r.url.startswith("/login/")
