"""The PDF writer's speed measures change how it gets there, never what it prints:
markup parsed by expat (with the HTML5 parser as fallback) and streams deflated at zlib
level 6 instead of 9."""

from __future__ import annotations

import re
import zlib

import pytest

from drafts import document
from drafts.rendering import pdf_writer
from drafts.rendering.html import render_document
from drafts.rendering.profile import default_profile
from drafts.rendering.samples import generated_report

from .rendering_support import pdf_pages, write


@pytest.fixture(scope="module")
def tree():
    return generated_report(1500)


def _fetcher():
    return pdf_writer.data_only_fetcher_class()()


def _write(html) -> bytes:
    return html.write_pdf(
        stylesheets=[pdf_writer._print_stylesheet(default_profile(), False)],
        font_config=pdf_writer._font_config(),
        full_fonts=False,
        pdf_tags=False,
    )


def test_it_parses_the_print_markup_without_the_html5_parser(tree, monkeypatch):
    import tinyhtml5

    markup = render_document(tree, inline_css=False)
    pdf_writer._html_document(markup, _fetcher())  # the once-per-thread attribute check

    def refuse(*args, **kwargs):
        raise AssertionError("the HTML5 parser was used")

    monkeypatch.setattr(tinyhtml5, "parse", refuse)
    html = pdf_writer._html_document(markup, _fetcher())
    assert html.etree_element.tag == "html"
    assert html.etree_element.find("body") is not None


def test_it_prints_the_same_pages_through_either_parser(tree, tmp_path):
    markup = render_document(tree, inline_css=False)
    fast = pdf_writer._html_document(markup, _fetcher())
    usual = pdf_writer._lean_html_class()(string=markup, base_url=None, url_fetcher=_fetcher())
    pages_fast = pdf_pages(write(tmp_path, _write(fast), "fast.pdf"))
    pages_usual = pdf_pages(write(tmp_path, _write(usual), "usual.pdf"))
    assert len(pages_fast) == len(pages_usual) > 1
    assert pages_fast == pages_usual


def test_it_falls_back_to_the_html5_parser_for_markup_that_is_not_xml():
    html = pdf_writer._html_document("<p>一<br>二\x0c三</p>", _fetcher())
    assert html.etree_element.find("body/p") is not None


def test_it_uses_the_html5_parser_when_weasyprint_sets_more_than_from_xml(tree, monkeypatch):
    import tinyhtml5

    cls = pdf_writer._lean_html_class()
    real_init = cls.__init__

    def init_with_more(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        self.something_new = True

    parsed = []
    real_parse = tinyhtml5.parse
    monkeypatch.setattr(cls, "__init__", init_with_more)
    monkeypatch.setattr(tinyhtml5, "parse", lambda *a, **k: parsed.append(1) or real_parse(*a, **k))
    monkeypatch.setattr(pdf_writer._local, "xml_ok", None, raising=False)
    html = pdf_writer._html_document(render_document(tree, inline_css=False), _fetcher())
    assert html.something_new
    assert len(parsed) == 2  # the once-per-thread probe, then the document itself


def test_it_renders_a_tree_whose_text_xml_would_refuse(tmp_path):
    tree = document.Report(title="标题", sections=[document.Section(heading="一、", intro="甲\x0c乙\ufffe丙")])
    pages = pdf_pages(write(tmp_path, pdf_writer.render_pdf(tree)))
    assert "甲" in "".join(line.text for page in pages for line in page["lines"])


def test_it_deflates_every_stream_at_the_default_level(tree):
    data = pdf_writer.render_pdf(tree)
    streams = [data[m.end() : m.end() + 2] for m in re.finditer(rb"(?<!end)stream\r?\n", data)]
    assert streams
    # The zlib header's second byte carries the level class: 0x9c default (6), 0xda best (9).
    assert set(streams) == {b"x\x9c"}


def test_its_deflated_streams_inflate(tree):
    data = pdf_writer.render_pdf(tree)
    for m in re.finditer(rb"(?<!end)stream\r?\n", data):
        end = data.find(b"endstream", m.end())
        zlib.decompressobj().decompress(data[m.end() : end])
