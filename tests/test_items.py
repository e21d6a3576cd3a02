"""Adding, deleting and reordering items and sections through the step form."""

import pytest

from drafts.models import Entry, Report, Section


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


@pytest.fixture
def section(report):
    return report.sections.order_by("order")[0]


def op(c, report, step, value, version=None):
    return c.post(
        f"/reports/{report.pk}/step/{step}/", {"version": version or report.version, "op": value}
    )


def leads(section):
    return list(section.entries.order_by("order", "pk").values_list("lead", flat=True))


def test_it_adds_an_item_at_the_end(c, report, section):
    r = op(c, report, f"s{section.pk}", f"item-add:{section.pk}")
    assert r.status_code == 302 and r.url.endswith(f"/step/s{section.pk}/")
    assert leads(section) == ["坚持集中学习", "注重学用结合", ""]


def test_it_moves_an_item_up_and_down(c, report, section):
    second = section.entries.order_by("order")[1]
    op(c, report, f"s{section.pk}", f"item-up:{second.pk}")
    assert leads(section) == ["注重学用结合", "坚持集中学习"]
    report.refresh_from_db()
    op(c, report, f"s{section.pk}", f"item-down:{second.pk}")
    assert leads(section) == ["坚持集中学习", "注重学用结合"]


def test_it_ignores_moving_the_first_item_up(c, report, section):
    first = section.entries.order_by("order")[0]
    op(c, report, f"s{section.pk}", f"item-up:{first.pk}")
    assert leads(section) == ["坚持集中学习", "注重学用结合"]


def test_it_deletes_an_item(c, report, section):
    first = section.entries.order_by("order")[0]
    op(c, report, f"s{section.pk}", f"item-delete:{first.pk}")
    assert leads(section) == ["注重学用结合"]


def test_it_asks_before_deleting(c, report, section):
    body = c.get(f"/reports/{report.pk}/step/s{section.pk}/").content.decode()
    assert 'data-confirm="删除这一条？其中的文字将一并删除。"' in body


def test_it_bumps_the_version_on_every_change(c, report, section):
    op(c, report, f"s{section.pk}", f"item-add:{section.pk}")
    report.refresh_from_db()
    before = report.version
    op(c, report, f"s{section.pk}", f"item-add:{section.pk}")
    report.refresh_from_db()
    assert report.version == before + 1


def test_it_refuses_a_change_with_a_stale_version(c, report, section):
    Report.objects.filter(pk=report.pk).update(version=report.version + 5)
    r = op(c, report, f"s{section.pk}", f"item-add:{section.pk}", version=report.version)
    assert r.status_code in (302, 409)
    assert section.entries.count() == 2


def test_it_adds_a_section_and_opens_it(c, report):
    r = op(c, report, "start", "section-add")
    new = report.sections.order_by("-order").first()
    assert r.url.endswith(f"/step/s{new.pk}/")
    assert report.sections.count() == 3 and new.item_style == report.report_type.item_style


def test_it_deletes_a_section_and_goes_back_one_step(c, report, section):
    r = op(c, report, f"s{section.pk}", f"section-delete:{section.pk}")
    assert r.url.endswith("/step/start/")
    assert not Section.objects.filter(pk=section.pk).exists()
    assert not Entry.objects.filter(section_id=section.pk).exists()


def test_it_moves_a_section_down(c, report, section):
    op(c, report, f"s{section.pk}", f"section-down:{section.pk}")
    assert report.sections.order_by("order").last().pk == section.pk


def test_it_refuses_items_of_another_report(c, report, make_report, other_official, section):
    other = make_report(owner=other_official)
    their = Entry.objects.filter(section__report=other).first()
    r = op(c, report, f"s{section.pk}", f"item-delete:{their.pk}")
    assert r.status_code == 400
    assert "已不存在" in r.content.decode()
    assert Entry.objects.filter(pk=their.pk).exists()


def test_it_refuses_sections_of_another_report(c, report, make_report, other_official, section):
    other = make_report(owner=other_official)
    their = other.sections.first()
    op(c, report, f"s{section.pk}", f"section-delete:{their.pk}")
    assert Section.objects.filter(pk=their.pk).exists()


def test_it_refuses_an_unknown_action(c, report, section):
    r = op(c, report, f"s{section.pk}", "drop-tables:1")
    assert r.status_code == 400


def test_it_refuses_changes_to_an_approved_report(c, make_report):
    report = make_report(status=Report.Status.APPROVED)
    section = report.sections.first()
    op(c, report, f"s{section.pk}", f"item-add:{section.pk}")
    assert section.entries.count() == 2


def test_it_answers_404_for_another_officials_report(client, report, section, other_official):
    client.force_login(other_official.user)
    assert op(client, report, f"s{section.pk}", f"item-add:{section.pk}").status_code == 404
    assert section.entries.count() == 2


def test_it_offers_to_add_a_section_on_every_step(c, report):
    for step in ("start", "end", "preview"):
        body = c.get(f"/reports/{report.pk}/step/{step}/").content.decode()
        assert 'form="step-form" name="op" value="section-add"' in body


def test_it_adds_a_section_to_a_report_without_sections(c, make_report):
    from drafts import document

    report = make_report(tree=document.Report(title="空报告"))
    r = op(c, report, "end", "section-add")
    assert r.status_code == 302 and report.sections.count() == 1


def test_it_offers_to_undo_a_deletion(c, report, section):
    first = section.entries.order_by("order")[0]
    op(c, report, f"s{section.pk}", f"item-delete:{first.pk}")
    body = c.get(f"/reports/{report.pk}/step/s{section.pk}/").content.decode()
    assert "已删除条目“坚持集中学习”" in body
    assert 'value="item-restore"' in body


def test_it_puts_a_deleted_item_back_where_it_was(c, report, section):
    first = section.entries.order_by("order")[0]
    body = first.body
    op(c, report, f"s{section.pk}", f"item-delete:{first.pk}")
    report.refresh_from_db()
    op(c, report, f"s{section.pk}", "item-restore")
    assert leads(section) == ["坚持集中学习", "注重学用结合"]
    assert section.entries.order_by("order")[0].body == body
    report.refresh_from_db()
    assert op(c, report, f"s{section.pk}", "item-restore").status_code == 400  # only once


def test_it_does_not_undo_into_another_officials_report(
    client, report, section, other_official, make_report
):
    theirs = make_report(owner=other_official)
    client.force_login(other_official.user)
    their_section = theirs.sections.order_by("order")[0]
    session = client.session
    session["drafting_undo"] = {
        "report": report.pk,
        "section": section.pk,
        "position": 0,
        "lead": "x",
        "body": "y",
    }
    session.save()
    r = client.post(
        f"/reports/{theirs.pk}/step/s{their_section.pk}/",
        {"version": theirs.version, "op": "item-restore"},
    )
    assert r.status_code == 400
    assert section.entries.count() == 2
