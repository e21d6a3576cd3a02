"""Every page has a Content-Security-Policy without inline script and a Permissions-Policy;
no template has an inline script or event handler the policy would block."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


@pytest.mark.parametrize("url", ["/login/", "/", "/admin/login/", "/jsi18n/", "/nope/"])
def test_it_sends_both_policies(client, official, url):
    if url == "/":
        client.force_login(official.user)
    r = client.get(url)
    csp = r["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["script-src"] == "'self'" and directives["style-src-elem"] == "'self'"
    assert "unsafe" not in directives["default-src"] + directives["script-src"]
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "camera=()" in r["Permissions-Policy"] and "geolocation=()" in r["Permissions-Policy"]


def test_it_has_no_inline_script_in_any_template():
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text("utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag or 'type="application/json"' in tag, (path, tag)
        assert "<style" not in text, path
        assert not re.search(r"\son[a-z]+=\"", text), path
