"""The PDF writer: the print HTML of :mod:`.html` typeset by WeasyPrint.

Safety: user text is escaped into the HTML, and the renderer may fetch nothing but
``data:`` URLs (:class:`DataOnlyURLFetcher`), so no text can make it read a server file or
the network. Fonts are installed families referred to by name (see :mod:`.profile`),
embedded as subsets.
"""

from __future__ import annotations

import logging
import threading
import xml.etree.ElementTree as ET
import zlib
from functools import lru_cache

from .. import document
from . import pdf_bold
from .html import print_css, render_document
from .limits import check_size
from .profile import LayoutProfile, default_profile

LOGGER = logging.getLogger("drafts.rendering")

_local = threading.local()


def _weasyprint():
    from . import fontdirs

    fontdirs.configure_from_settings()  # before WeasyPrint loads fontconfig
    import weasyprint

    _set_deflate_level()
    return weasyprint


# pydyf (WeasyPrint's PDF serialiser) deflates every stream at zlib level 9. For a report's
# content streams and font subsets level 6 is 2.2x quicker (12 ms instead of 28 ms on the
# benchmark report, a tenth of a render) for 1 % more bytes; zlib's own default is 6.
PDF_DEFLATE_LEVEL = 6


class _ZlibAtLevel:
    """The zlib module as pydyf uses it, with the compression level fixed."""

    def __init__(self, level: int):
        self.level = level

    def __getattr__(self, name):
        return getattr(zlib, name)

    def compress(self, data, level=-1, **kwargs):
        return zlib.compress(data, self.level, **kwargs)

    def compressobj(self, level=-1, *args, **kwargs):
        return zlib.compressobj(self.level, *args, **kwargs)


def _set_deflate_level() -> None:
    """Point pydyf at :class:`_ZlibAtLevel`; a pydyf that no longer holds ``zlib`` as a
    module global is left alone (slower, same output)."""
    import pydyf

    if getattr(pydyf, "zlib", None) is zlib:
        pydyf.zlib = _ZlibAtLevel(PDF_DEFLATE_LEVEL)


def ensure_weasyprint_logging() -> None:
    """Make WeasyPrint's warnings visible (refused fetches, missing fonts, bad CSS).

    Django's LOGGING attaches a handler in the web process; a plain script or a management
    command run without it gets one here.
    """
    logger = logging.getLogger("weasyprint")
    if not _has_real_handler(logger):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("weasyprint %(levelname)s: %(message)s"))
        logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.WARNING:
        logger.setLevel(logging.WARNING)


def _has_real_handler(logger: logging.Logger) -> bool:
    """Whether a record reaches a handler other than the NullHandler WeasyPrint installs
    (which also keeps Python's last-resort stderr handler away)."""
    current = logger
    while current:
        if any(not isinstance(h, logging.NullHandler) for h in current.handlers):
            return True
        if not current.propagate:
            return False
        current = current.parent
    return False


@lru_cache(maxsize=1)
def data_only_fetcher_class():
    URLFetcher = _weasyprint().URLFetcher

    class DataOnlyURLFetcher(URLFetcher):
        """Fetches ``data:`` URLs only; every other URL is refused (and logged)."""

        def __init__(self, **kwargs):
            kwargs.update(allowed_protocols={"data"}, allow_redirects=False, timeout=1)
            super().__init__(**kwargs)

        def fetch(self, url, headers=None):
            if not str(url).lower().startswith("data:"):
                LOGGER.warning("PDF renderer refused to fetch %.200s", url)
                raise ValueError(f"refused URL (only data: URLs are allowed): {str(url)[:200]}")
            return super().fetch(url, headers)

    return DataOnlyURLFetcher


def _font_config():
    """One FontConfiguration per thread (they are not thread-safe; building one costs)."""
    fc = getattr(_local, "font_config", None)
    if fc is None:
        from weasyprint.text.fonts import FontConfiguration

        fc = _local.font_config = FontConfiguration()
    return fc


# The print document uses a handful of elements; WeasyPrint's full HTML5 user-agent
# stylesheet costs about a tenth of the render time in cascade work for nothing. Should a
# WeasyPrint release rename the hook, the default stylesheet is used: slower, same output.
_UA_CSS = """
html, body, div, p, h1, h2, section, header { display: block }
head, style, title, meta, script, link, template { display: none }
wbr::before { content: "\\200B" }
"""


def _lean_html_class():
    cls = getattr(_local, "html_class", None)
    if cls is None:
        wp = _weasyprint()
        ua = [wp.CSS(string=_UA_CSS, font_config=_font_config())]

        class LeanHTML(wp.HTML):
            def _ua_stylesheets(self, forms=False):
                return ua

            @classmethod
            def from_xml(cls, markup: str, url_fetcher):
                """The document from markup that is also well-formed XML, parsed by expat
                (C) instead of the HTML5 parser (Python): ~15x quicker, the same tree for
                the markup :func:`.html.render_document` writes, byte-identical PDF.
                Sets what ``HTML.__init__`` sets after parsing; raises ``ParseError`` for
                markup that is not XML."""
                import cssselect2

                root = ET.fromstring(markup)
                html = cls.__new__(cls)
                html.base_url = None
                html.url_fetcher = url_fetcher
                html.media_type = "print"
                html.wrapper_element = cssselect2.ElementWrapper.from_html_root(
                    root, content_language=None
                )
                html.etree_element = html.wrapper_element.etree_element
                return html

        cls = _local.html_class = LeanHTML
    return cls


def _html_document(markup: str, fetcher):
    """The WeasyPrint document of ``markup``: parsed as XML when it is XML, else (or should
    this WeasyPrint's ``HTML.__init__`` set attributes that :meth:`from_xml` does not,
    checked once per thread) by the HTML5 parser."""
    cls = _lean_html_class()
    xml_ok = getattr(_local, "xml_ok", None)
    if xml_ok is None:
        usual = cls(string="<p></p>", url_fetcher=fetcher)
        xml_ok = _local.xml_ok = set(vars(usual)) <= set(vars(cls.from_xml("<p></p>", fetcher)))
    if xml_ok:
        try:
            return cls.from_xml(markup, fetcher)
        except ET.ParseError:
            pass
    return cls(string=markup, base_url=None, url_fetcher=fetcher)


def _print_stylesheet(profile: LayoutProfile, draft: bool):
    """The print CSS parsed once per thread, profile and draft flag. It is given the same
    FontConfiguration as ``write_pdf()``, without which WeasyPrint ignores @font-face."""
    sheets = getattr(_local, "sheets", None)
    if sheets is None:
        sheets = _local.sheets = {}
    key = (profile.key(), draft)
    if key not in sheets:
        sheets[key] = _weasyprint().CSS(
            string=print_css(profile, draft=draft),
            url_fetcher=data_only_fetcher_class()(),
            font_config=_font_config(),
        )
    return sheets[key]


def render_pdf(
    tree: document.Report, profile: LayoutProfile | None = None, *, draft: bool = False
) -> bytes:
    """The PDF of ``tree`` as bytes. Raises :class:`.limits.TooLarge` for oversized trees."""
    check_size(tree)
    profile = profile or default_profile()
    _weasyprint()  # fontconfig set up (fontdirs) before the line breaker asks it for faces
    ensure_weasyprint_logging()
    if profile.pdf_synthetic_bold:
        pdf_bold.install()
    fetcher = data_only_fetcher_class()()
    font_config = _font_config()
    html_text = render_document(
        tree, profile, draft=draft, inline_css=False, break_lines=profile.pdf_justify_lines
    )
    html = _html_document(html_text, fetcher)
    return html.write_pdf(
        stylesheets=[_print_stylesheet(profile, draft)],
        font_config=font_config,
        full_fonts=False,
        pdf_tags=False,
    )
