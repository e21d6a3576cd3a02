import pytest

from drafts.models import Report


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


def test_it_shows_the_whole_report_with_numbering(c, report):
    body = c.get(f"/reports/{report.pk}/step/preview/").content.decode()
    assert 'class="gbt-doc' in body
    assert "一、" in body and "加强政治理论学习" in body
    assert "二、" in body and "扎实履职尽责" in body
    assert "坚持集中学习" in body and "一是" in body
    assert body.index("加强政治理论学习") < body.index("扎实履职尽责") < body.index("新的一年")


def test_it_escapes_html(c, make_report, sample_tree):
    sample_tree.sections[0].items[0].body = "<script>alert(1)</script>"
    report = make_report(tree=sample_tree)
    body = c.get(f"/reports/{report.pk}/step/preview/").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def test_it_includes_the_submit_and_findings_slots(c, report):
    from django.template.loader import get_template

    assert get_template("drafting/wizard/_submit_slot.html")
    assert get_template("drafting/wizard/_findings_slot.html")
    assert c.get(f"/reports/{report.pk}/step/preview/").status_code == 200


def test_it_shows_the_preview_of_an_approved_report(c, make_report):
    report = make_report(status=Report.Status.APPROVED)
    assert "加强政治理论学习" in c.get(f"/reports/{report.pk}/step/preview/").content.decode()


def test_it_answers_404_for_another_officials_report(client, report, other_official):
    client.force_login(other_official.user)
    assert client.get(f"/reports/{report.pk}/step/preview/").status_code == 404


def test_it_offers_the_pdf_and_docx_downloads(c, report):
    body = c.get(f"/reports/{report.pk}/step/preview/").content.decode()
    assert f'href="/reports/{report.pk}/download.pdf"' in body
    assert f'href="/reports/{report.pk}/download.docx"' in body
    response = c.get(f"/reports/{report.pk}/download.docx")
    assert response.status_code == 200


def test_it_keeps_the_downloads_usable_on_an_approved_report(c, make_report):
    report = make_report(status=Report.Status.APPROVED)
    body = c.get(f"/reports/{report.pk}/step/preview/").content.decode()
    fieldset = body.split('<fieldset disabled class="wizard-fields">')[1].split("</fieldset>")[0]
    assert "download.pdf" in body and "download.pdf" not in fieldset
