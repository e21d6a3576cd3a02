"""User text can never make the PDF renderer read a file or the network."""

from __future__ import annotations

import logging

import pytest

from drafts import document
from drafts.rendering.pdf_writer import data_only_fetcher_class, render_pdf

from .rendering_support import pdf_objects, pdf_text, write

IMG = '<img src="file:///etc/passwd">'
LINK = "<link rel=attachment href=file:///etc/passwd>"
STYLE = "<style>@import url(http://127.0.0.1:9/x.css);</style>"


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    tree = document.Report(
        title=IMG,
        opening=f"{IMG}\n{LINK}\n{STYLE}",
        sections=[document.Section(heading=LINK, items=[document.Item(lead=IMG, body=LINK)])],
        signature=document.Signature(name=LINK, date="2026-01-10"),
    )
    return write(tmp_path_factory.mktemp("safety"), render_pdf(tree))


def test_markup_typed_into_fields_is_printed_as_literal_text(pdf):
    text = " ".join(pdf_text(pdf).split())
    assert '<img src="file:///etc/passwd">' in text
    assert "<link rel=attachment href=file:///etc/passwd>" in text


def test_nothing_is_embedded_or_attached(pdf):
    objects = pdf_objects(pdf.read_bytes())
    assert b"/EmbeddedFile" not in objects
    assert b"/FileAttachment" not in objects
    assert b"/Subtype /Image" not in objects  # no image was fetched
    assert b"root:" not in objects  # nothing of /etc/passwd


def test_the_fetcher_refuses_file_and_network_urls_and_logs_it(caplog):
    fetcher = data_only_fetcher_class()()
    for url in (
        "file:///etc/passwd",
        "http://127.0.0.1/",
        "https://example.com/x.css",
        "ftp://h/f",
    ):
        with caplog.at_level(logging.WARNING, logger="drafts.rendering"), pytest.raises(ValueError):
            fetcher.fetch(url)
        assert url in caplog.text


def test_the_fetcher_allows_data_urls():
    fetcher = data_only_fetcher_class()()
    response = fetcher.fetch("data:text/plain;base64,b2s=")
    assert response.read() == b"ok"
