"""What goes into the reviewers' ZIP: the chosen formats, an index sheet, the whole scope or
one unit; nothing offered when nothing is approved; the scope checked again at download."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from drafts.models import ReviewerScope, Unit, ZipJob
from drafts.review import transitions as reviewing

from .review_support import submitted


@pytest.fixture(autouse=True)
def _zips_inline(inline_zips):
    pass


@pytest.fixture
def child(unit):
    return Unit.objects.create(name="下属中心", parent=unit)


@pytest.fixture
def approved(make_report, make_official, official, reviewer, child):
    out = []
    for owner in (official, make_official(name="王五", unit=child)):
        r = submitted(make_report(owner=owner), owner.user)
        reviewing.approve(r, reviewer)
        out.append(r)
    return out


def _zip(client, **data):
    response = client.post(reverse("review_zip_start"), {"year": 2025, **data})
    job = ZipJob.objects.order_by("-pk").first()
    return response, job


def _members(client, job) -> zipfile.ZipFile:
    response = client.get(reverse("review_zip_download", kwargs={"pk": job.pk}))
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_it_puts_pdf_and_docx_in_when_both_are_asked_for(client, approved, reviewer, unit):
    client.force_login(reviewer)
    _response, job = _zip(client, unit=unit.pk, formats="pdf,docx")
    names = _members(client, job).namelist()
    assert sum(n.endswith(".pdf") for n in names) == 2
    assert sum(n.endswith(".docx") for n in names) == 2


def test_it_puts_only_docx_in_when_asked(client, approved, reviewer, unit):
    client.force_login(reviewer)
    _response, job = _zip(client, unit=unit.pk, formats="docx")
    names = _members(client, job).namelist()
    assert not any(n.endswith(".pdf") for n in names) and sum(n.endswith(".docx") for n in names) == 2


def test_it_refuses_an_unknown_format_choice(client, approved, reviewer, unit):
    client.force_login(reviewer)
    response, job = _zip(client, unit=unit.pk, formats="exe")
    assert job is None and response.status_code == 302


def test_it_builds_a_zip_of_the_whole_scope_without_a_unit(client, approved, reviewer):
    client.force_login(reviewer)
    response, job = _zip(client, unit="")
    assert job.unit is None and response.url == reverse("review_zip", kwargs={"pk": job.pk})
    assert sum(n.endswith(".pdf") for n in _members(client, job).namelist()) == 2
    page = client.get(reverse("review_zip", kwargs={"pk": job.pk})).content.decode()
    assert "全部单位" in page


def test_the_index_sheet_lists_every_member(client, approved, reviewer, unit):
    client.force_login(reviewer)
    _response, job = _zip(client, unit=unit.pk)
    zf = _members(client, job)
    sheet = openpyxl.load_workbook(io.BytesIO(zf.read("名单.xlsx"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("序号", "单位", "姓名", "职务", "状态", "通过日期", "文件")
    assert {r[2] for r in rows[1:]} == {"张三", "王五"}
    assert all(r[4] == "已通过" and r[5] for r in rows[1:])
    assert {r[6] for r in rows[1:]} <= set(zf.namelist())


def test_a_formula_typed_into_a_name_stays_text_in_the_index(
    client, make_report, make_official, reviewer, unit
):
    owner = make_official(name="=cmd|' /c calc'!A0")
    r = submitted(make_report(owner=owner), owner.user)
    reviewing.approve(r, reviewer)
    client.force_login(reviewer)
    _response, job = _zip(client, unit=unit.pk)
    sheet = openpyxl.load_workbook(io.BytesIO(_members(client, job).read("名单.xlsx"))).active
    cell = sheet["C2"]
    assert cell.value == "=cmd|' /c calc'!A0" and cell.data_type == "s"


def test_nothing_approved_means_no_zip_and_a_clear_message(client, report, reviewer, unit):
    client.force_login(reviewer)
    response, job = _zip(client, unit=unit.pk)
    assert job is None
    page = client.get(response.url).content.decode()
    assert "没有可以打包的内容" in page


def test_the_overview_offers_no_zip_when_nothing_is_approved(client, report, reviewer):
    client.force_login(reviewer)
    page = client.get(reverse("review_overview")).content.decode()
    assert 'id="btn-zip-scope" disabled' in page and "zip-button" not in page


def test_a_zip_is_not_downloaded_once_its_scope_was_removed(client, approved, reviewer, unit):
    client.force_login(reviewer)
    _response, job = _zip(client, unit=unit.pk)
    ReviewerScope.objects.filter(user=reviewer).delete()
    ReviewerScope.objects.create(user=reviewer, unit=Unit.objects.create(name="别的单位"))
    assert client.get(reverse("review_zip_download", kwargs={"pk": job.pk})).status_code == 404
    assert client.get(reverse("review_zip", kwargs={"pk": job.pk})).status_code == 404


def test_a_unit_outside_the_scope_is_refused(client, approved, reviewer, other_unit):
    client.force_login(reviewer)
    response, job = _zip(client, unit=other_unit.pk)
    assert response.status_code == 404 and job is None
