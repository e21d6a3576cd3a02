"""Synthetic bold in the PDF for faces that have no bold (仿宋 faces never do).

Bold lead sentences are set in the body face. Asked for a bold the face lacks, fontconfig
hands Pango the regular face marked "embolden", but WeasyPrint embeds and draws the glyphs
as they are: the lead would print regular (and its glyphs be embedded a second time, under
a bold name). Word and WPS embolden such text by also stroking the glyph outlines; so does
this module. The print CSS marks such text with the custom property :data:`CSS_FLAG`
instead of a bold weight (so it shares the body's embedded font); its text boxes are drawn
in PDF text render mode 2 (fill, then stroke) with a stroke of ``STROKE_EM`` of the font
size, in the text colour. The advances do not change, so the lines the breaker measured
stay as they are, and the text extracts as before.

It wraps WeasyPrint's ``draw_text`` (``weasyprint.draw``); a WeasyPrint without that hook
leaves leads regular (``tests/test_pdf_fonts.py`` flags an upgrade that moves it).
"""

from __future__ import annotations

import threading

CSS_FLAG = "--gbt-synthetic-bold"
_STYLE_KEY = "__" + CSS_FLAG[2:].replace("-", "_")  # how WeasyPrint keys custom properties
STROKE_EM = 0.03  # of the font size: 0.48 pt at 16 pt, about what Word's synthetic bold adds

_lock = threading.Lock()
_installed = False


def install() -> bool:
    """Put the drawing hook in place (once per process); returns whether it is."""
    global _installed
    with _lock:
        if _installed:
            return True
        try:
            import weasyprint.draw as draw
        except ImportError:
            return False
        original = getattr(draw, "draw_text", None)
        if original is None:
            return False

        def draw_text(stream, textbox, *args, **kwargs):
            style = textbox.style
            if not style[_STYLE_KEY]:
                return original(stream, textbox, *args, **kwargs)
            stream.push_state()
            stream.set_color(style["color"], stroke=True)
            stream.set_line_width(style["font_size"] * STROKE_EM)
            stream.set_text_rendering(2)
            try:
                return original(stream, textbox, *args, **kwargs)
            finally:
                stream.pop_state()

        draw_text.__wrapped__ = original
        draw.draw_text = draw_text
        _installed = True
        return True
