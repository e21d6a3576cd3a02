"""Reminders to the officials on the roll who have not submitted: e-mail where an address
exists, a notice on the home page; from the button and from ``manage.py send_reminders``;
recorded, never two the same day."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from drafts.cycle import roll
from drafts.models import Reminder

from .cycle_support import make_manager
from .review_support import submitted


@pytest.fixture
def manager(make_user):
    return make_manager(make_user)


@pytest.fixture
def opened(year, unit, official, make_official, manager, make_report):
    official.user.email = "zhangsan@example.org"
    official.user.save()
    done = make_official(name="已交")
    submitted(make_report(owner=done), done.user)
    make_official(name="无邮箱")
    roll.open_year(year, [unit], manager)
    return year


def test_it_reminds_those_who_have_not_submitted_from_the_button(client, manager, opened):
    client.force_login(manager)
    r = client.post(reverse("cycle_remind", kwargs={"year": 2025}), follow=True)
    assert "已发出 2 条提醒（其中 1 条发送邮件" in r.content.decode()
    assert sorted(Reminder.objects.values_list("official__name", flat=True)) == ["张三", "无邮箱"]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["zhangsan@example.org"]
    assert "2025" in mail.outbox[0].subject and "尚未提交" in mail.outbox[0].body


def test_it_never_reminds_twice_the_same_day(client, manager, opened):
    client.force_login(manager)
    client.post(reverse("cycle_remind", kwargs={"year": 2025}))
    r = client.post(reverse("cycle_remind", kwargs={"year": 2025}), follow=True)
    assert "2 人今天已提醒过" in r.content.decode()
    assert Reminder.objects.count() == 2 and len(mail.outbox) == 1
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert "0 reminded" in out.getvalue() and Reminder.objects.count() == 2


def test_it_shows_the_reminder_on_the_home_page(client, manager, opened, official):
    client.force_login(manager)
    client.post(reverse("cycle_remind", kwargs={"year": 2025}))
    client.force_login(official.user)
    assert "组织部门提醒" in client.get("/").content.decode()


def test_it_sends_from_the_command_only_within_the_days_before(opened):
    opened.deadline = date.today() + timedelta(days=10)
    opened.save()
    out = io.StringIO()
    call_command("send_reminders", "--days-before", "3", stdout=out)
    assert out.getvalue().strip() == "2025: 0 reminded (0 by e-mail), 0 already reminded today"
    call_command("send_reminders", "--days-before", "10", stdout=out)
    assert "2025: 2 reminded (1 by e-mail)" in out.getvalue()


def test_it_sends_nothing_for_a_closed_year(client, manager, opened):
    opened.is_open = False
    opened.save()
    client.force_login(manager)
    r = client.post(reverse("cycle_remind", kwargs={"year": 2025}), follow=True)
    assert "开放年度" in r.content.decode()
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue() == "" and not Reminder.objects.exists()


def test_it_refuses_a_negative_days_before():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_reminders", "--days-before", "-1")
