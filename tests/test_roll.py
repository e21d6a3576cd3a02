"""The year's roll: opening a year makes it; "not started", "overdue" and every count of the
overview, the queue and the progress board are taken against it, the same way; only
officials on the roll may start a report."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from drafts.cycle import board, roll
from drafts.models import Official, RollChange, RollEntry

from .cycle_support import make_manager
from .review_support import submitted


@pytest.fixture
def manager(make_user):
    return make_manager(make_user)


@pytest.fixture
def opened(year, unit, official, make_official, manager):
    """2025 opened for ``unit``: 张三 and 甲 on the roll; 乙 joins later, off the roll."""
    make_official(name="甲")
    roll.open_year(year, [unit], manager)
    make_official(name="乙")
    return year


def test_it_puts_the_officials_of_the_chosen_units_on_the_roll(client, manager, unit, official, other_official, year):
    client.force_login(manager)
    r = client.post(
        reverse("cycle_open_year"),
        {"year": 2026, "deadline": "2099-01-31", "units": [unit.pk]},
    )
    assert r.status_code == 302
    names = sorted(RollEntry.objects.filter(year__year=2026).values_list("official__name", flat=True))
    assert names == ["张三"]
    assert RollChange.objects.filter(action="added", reason="opened").count() == 1


def test_it_leaves_deactivated_officials_off_the_roll(unit, official, make_official, manager, year):
    gone = make_official(name="退休")
    gone.user.is_active = False
    gone.user.save()
    roll.open_year(year, [unit], manager)
    assert not RollEntry.objects.filter(official=gone).exists()


def test_it_counts_the_roll_not_everyone_ever_created(client, reviewer, opened, unit):
    year = opened
    year.deadline = date(2020, 1, 1)
    year.save()
    client.force_login(reviewer)
    row = next(r for r in client.get(reverse("review_overview")).context["rows"] if r["unit"] == unit)
    assert (row["officials"], row["not_started"], row["overdue"]) == (2, 2, 2)
    counts = board.counts_by_unit(year, {unit.pk})
    assert counts[unit.pk]["roll"] == 2 and counts[unit.pk]["overdue"] == 2


def test_it_counts_overdue_the_same_in_the_queue_and_the_overview(client, reviewer, opened, unit, make_report, official):
    year = opened
    make_report()  # 张三: draft
    year.deadline = date(2020, 1, 1)
    year.save()
    client.force_login(reviewer)
    overview = next(r for r in client.get(reverse("review_overview")).context["rows"] if r["unit"] == unit)
    queue = client.get(reverse("review_queue"), {"overdue": "1"})
    listed = queue.context["page"].paginator.count + queue.context["not_started"]
    assert overview["overdue"] == listed == 2
    assert "另有 1 名名单内人员已逾期且尚未开始填写" in queue.content.decode()


def test_it_leaves_reports_off_the_roll_out_of_every_count(client, reviewer, opened, unit, make_report):
    year = opened
    outsider = Official.objects.get(name="乙")
    make_report(owner=outsider)
    client.force_login(reviewer)
    row = next(r for r in client.get(reverse("review_overview")).context["rows"] if r["unit"] == unit)
    assert row["draft"] == 0 and row["officials"] == 2
    assert client.get(reverse("review_queue")).context["page"].paginator.count == 0
    assert [o.name for o in roll.in_state(year, {unit.pk}, "")] == ["张三", "甲"]


def test_it_does_not_count_an_extended_official_as_overdue(opened, unit, official, manager):
    year = opened
    year.deadline = date(2020, 1, 1)
    year.save()
    entry = RollEntry.objects.get(official=official)
    roll.extend(entry, date.today() + timedelta(days=5), manager)
    assert board.counts_by_unit(year, {unit.pk})[unit.pk]["overdue"] == 1


def test_it_moves_an_official_from_not_started_to_submitted(opened, unit, make_report, official):
    year = opened
    before = board.counts_by_unit(year, {unit.pk})[unit.pk]
    submitted(make_report(), official.user)
    after = board.counts_by_unit(year, {unit.pk})[unit.pk]
    assert (before["not_started"], before["submitted"]) == (2, 0)
    assert (after["not_started"], after["submitted"]) == (1, 1)


def test_it_lets_only_officials_on_the_roll_start(client, opened, report_type):
    outsider = Official.objects.get(name="乙")
    client.force_login(outsider.user)
    r = client.post("/years/2025/start/", {"report_type": report_type.pk}, follow=True)
    assert "您不在2025年度述职名单中" in r.content.decode()
    assert not outsider.reports.exists()
    assert "开始填写" not in client.get("/").content.decode()


def test_it_adds_and_removes_with_a_reason(client, manager, opened):
    outsider = Official.objects.get(name="乙")
    client.force_login(manager)
    client.post(reverse("cycle_roll_add", kwargs={"year": 2025}), {"login": outsider.user.username, "reason": "in", "note": "自交通局调入"})
    entry = RollEntry.objects.get(official=outsider)
    assert entry.added_reason == "in" and entry.removed_at is None
    client.post(reverse("cycle_roll_remove", kwargs={"pk": entry.pk}), {"reason": "exempt", "note": "病休"})
    entry.refresh_from_db()
    assert entry.removed_reason == "exempt" and entry.removed_at is not None
    assert list(RollChange.objects.filter(entry=entry).values_list("action", "reason", "note")) == [
        ("added", "in", "自交通局调入"),
        ("removed", "exempt", "病休"),
    ]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"login": "nobody", "reason": "in"}, "没有登录名为“nobody”的述职人"),
        ({"login": "x", "reason": "opened"}, "选择"),
        ({"login": "", "reason": "in"}, "必填"),
        ({"login": "x" * 200, "reason": "in"}, "150"),
    ],
)
def test_it_refuses_a_bad_addition_with_a_message(client, manager, opened, data, message):
    client.force_login(manager)
    r = client.post(reverse("cycle_roll_add", kwargs={"year": 2025}), data, follow=True)
    assert message in r.content.decode()
    assert RollEntry.objects.filter(year=opened).count() == 2


def test_it_refuses_an_extension_in_the_past(client, manager, opened, official):
    client.force_login(manager)
    entry = RollEntry.objects.get(official=official)
    r = client.post(reverse("cycle_roll_extend", kwargs={"pk": entry.pk}), {"until": "2020-01-01"}, follow=True)
    assert "延期截止日不能早于今天" in r.content.decode()
    entry.refresh_from_db()
    assert entry.extended_until is None


def test_it_refuses_an_extension_that_ends_before_the_deadline(manager, opened, official):
    entry = RollEntry.objects.get(official=official)
    with pytest.raises(roll.RollError, match="晚于本年度的截止日期"):
        roll.extend(entry, opened.deadline - timedelta(days=1), manager)
    entry.refresh_from_db()
    assert entry.extended_until is None


def test_it_shows_the_roll_page(client, manager, opened):
    client.force_login(manager)
    body = client.get(reverse("cycle_roll", kwargs={"year": 2025})).content.decode()
    assert "名单上共 2 人" in body and "张三" in body and "乙" not in body
