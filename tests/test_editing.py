"""The saving helpers behind the wizard: keys, cleaning, the version lock."""

import pytest

from drafts import document
from drafts.drafting import editing, structure
from drafts.drafting.editing import Key
from drafts.drafting.locking import EditError, NotEditable, StaleVersion
from drafts.models import Report


def test_it_parses_field_keys():
    assert editing.parse_key("report.title") == Key("report", None, "title")
    assert editing.parse_key("item.12.body") == Key("item", 12, "body")
    assert str(editing.parse_key("section.3.intro")) == "section.3.intro"


@pytest.mark.parametrize(
    "raw", ["report.status", "section.x.intro", "item.1.order", "", None, "report.title.x"]
)
def test_it_refuses_unknown_keys(raw):
    with pytest.raises(EditError):
        editing.parse_key(raw)


def test_it_cleans_lines_and_texts():
    assert editing.clean_value(Key("report", None, "title"), " 标题\n第二行\t ") == "标题 第二行"
    assert editing.clean_value(Key("report", None, "opening"), "甲\r\n乙\x0b丙\x07") == "甲\n乙\n丙"


def test_it_limits_the_length_by_characters_not_bytes():
    key = Key("report", None, "title")
    assert editing.clean_value(key, "𠮷" * document.LINE_MAX) == "𠮷" * document.LINE_MAX
    with pytest.raises(EditError, match="最多 200 字"):
        editing.clean_value(key, "𠮷" * (document.LINE_MAX + 1))


def test_it_reads_booleans_and_dates():
    assert editing.clean_value(Key("report", None, "has_signature"), "1") is True
    assert editing.clean_value(Key("report", None, "has_signature"), "") is False
    assert editing.clean_value(Key("report", None, "signature_date"), "") is None
    assert (
        editing.clean_value(Key("report", None, "signature_date"), "2026-01-10").isoformat()
        == "2026-01-10"
    )


def test_it_rounds_the_reading_time_up():
    assert document.reading_minutes(0) == 0
    assert document.reading_minutes(1) == 1
    assert document.reading_minutes(document.READING_RATE) == 1
    assert document.reading_minutes(document.READING_RATE + 1) == 2


def test_it_saves_once_per_version(report):
    v = report.version
    assert editing.save_fields(report, v, {"report.title": "甲"}).version == v + 1
    with pytest.raises(StaleVersion) as exc:
        editing.save_fields(report, v, {"report.title": "乙"})
    assert exc.value.current_version == v + 1
    assert Report.objects.get(pk=report.pk).title == "甲"


def test_it_refuses_saves_to_submitted_reports(make_report):
    report = make_report(status=Report.Status.SUBMITTED)
    with pytest.raises(NotEditable):
        editing.save_fields(report, report.version, {"report.title": "甲"})


def test_it_rolls_back_the_version_when_nothing_was_saved(report, make_report, other_official):
    other = make_report(owner=other_official)
    v = report.version
    with pytest.raises(EditError):
        editing.save_fields(report, v, {f"section.{other.sections.first().pk}.intro": "x"})
    assert Report.objects.get(pk=report.pk).version == v


def test_it_restores_an_item_at_a_position(report):
    section = report.sections.order_by("order").first()
    structure.add_item(report, report.version, section.pk, lead="插入", body="正文", position=0)
    assert list(section.entries.order_by("order").values_list("lead", flat=True))[0] == "插入"
