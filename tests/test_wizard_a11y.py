"""Keyboard and screen-reader basics of the wizard and the import pages.

Every field has a label tied to it (``label for`` or ``aria-label``), its help text and its
error slot are tied to it with ``aria-describedby``, every button has a text a screen reader
can read (arrows carry a visually hidden text), no positive ``tabindex`` breaks the focus
order, and buttons that cannot act are disabled.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

FIELDS = ("input", "textarea", "select")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields, self.buttons, self.ids, self.label_for = [], [], set(), set()
        self.tabindex = []
        self._button = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if "tabindex" in a:
            self.tabindex.append(int(a["tabindex"]))
        if tag == "label" and a.get("for"):
            self.label_for.add(a["for"])
        if tag in FIELDS and a.get("type") not in ("hidden",):
            self.fields.append(a)
        if tag == "button":
            self._button = {"attrs": a, "text": ""}

    def handle_endtag(self, tag):
        if tag == "button" and self._button is not None:
            self.buttons.append(self._button)
            self._button = None

    def handle_data(self, data):
        if self._button is not None:
            self._button["text"] += data


def _parse(html):
    page = _Page()
    page.feed(html)
    return page


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


def _step_pages(c, report):
    keys = ["start", "end", "preview"] + [f"s{s.pk}" for s in report.sections.all()]
    return {k: c.get(reverse("wizard_step", args=[report.pk, k])).content.decode() for k in keys}


def test_it_ties_a_label_to_every_wizard_field(c, report):
    for key, html in _step_pages(c, report).items():
        page = _parse(html)
        for field in page.fields:
            labelled = field.get("id") in page.label_for or field.get("aria-label")
            assert labelled, f"step {key}: field {field.get('name')} has no label"


def test_it_ties_help_and_error_slot_to_every_text_field(c, report):
    for key, html in _step_pages(c, report).items():
        page = _parse(html)
        for field in page.fields:
            if not field.get("name", "").startswith(("report.", "section.", "item.")):
                continue
            if field.get("type") == "checkbox" or "data-autosave" not in field:
                continue
            if field.get("name", "").endswith(".item_style"):
                continue
            described = (field.get("aria-describedby") or "").split()
            assert described, f"step {key}: {field['name']} has no aria-describedby"
            assert all(i in page.ids for i in described), (key, field["name"], described)
            assert any(i.startswith("e-") for i in described), f"{field['name']}: no error slot"


def test_it_gives_every_button_a_readable_text(c, report):
    for key, html in _step_pages(c, report).items():
        for button in _parse(html).buttons:
            text = button["text"].strip().strip("↑↓←→+ ").strip()
            assert text or button["attrs"].get("aria-label"), f"step {key}: {button['attrs']}"


def test_it_keeps_the_natural_focus_order(c, report):
    for html in _step_pages(c, report).values():
        assert all(t <= 0 for t in _parse(html).tabindex)


def test_it_disables_moving_the_last_section_down(c, report):
    sections = list(report.sections.order_by("order"))
    html = c.get(reverse("wizard_step", args=[report.pk, f"s{sections[-1].pk}"])).content.decode()
    down = [
        b
        for b in _parse(html).buttons
        if b["attrs"].get("value") == f"section-down:{sections[-1].pk}"
    ]
    assert down and "disabled" in down[0]["attrs"]
    html = c.get(reverse("wizard_step", args=[report.pk, f"s{sections[0].pk}"])).content.decode()
    down = [
        b
        for b in _parse(html).buttons
        if b["attrs"].get("value") == f"section-down:{sections[0].pk}"
    ]
    assert down and "disabled" not in down[0]["attrs"]


def test_it_marks_the_refused_field_error_as_an_alert(c, report):
    data = {"version": report.version, "step_form": "1", "report.title": "长" * 300}
    response = c.post(reverse("wizard_step", args=[report.pk, "start"]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="alert alert-danger refused-panel" role="alert"' in html
    page = _parse(html)
    refused = [f for f in page.fields if f.get("id", "").startswith("refused-")]
    assert refused and all(f["id"] in page.label_for for f in refused)


def test_it_labels_every_field_of_the_import_pages(c, report):
    html = c.get(reverse("import_start")).content.decode()
    page = _parse(html)
    assert all(f.get("id") in page.label_for for f in page.fields)
    c.post(reverse("import_start"), {"text": "一、加强学习\n1.坚持学习。全年十二次。\n"})
    page = _parse(c.get(reverse("import_review")).content.decode())
    for field in page.fields:
        assert field.get("id") in page.label_for or field.get("aria-label"), field
