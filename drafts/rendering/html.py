"""The HTML writer: one writer, two wrappers.

- :func:`render_fragment` — a ``<div class="gbt-doc">`` for the on-screen preview
  (styled by ``static/css/gbt-preview.css``), embedded by the wizard and the review pages.
- :func:`render_document` — a complete HTML document with print CSS (``@page``, fonts,
  the 22 × 28 grid, page numbers) that the PDF writer hands to WeasyPrint.

Every piece of user text is escaped; the markup carries stable classes and anchors:
``#s-0`` for a section, ``#s-0-intro`` for its intro, ``#s-0-i-1`` for an item,
``#opening``, ``#closing``, ``#signature``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from html import escape
from itertools import groupby

from .. import document
from .blocks import Block, Run, build_blocks, official_name
from .fontmetrics import measurer
from .linebreak import break_paragraph
from .pdf_bold import CSS_FLAG
from .profile import MM_PER_PT, LayoutProfile, default_profile, mm_to_pt
from .spacing import achievable

_GROUP_TAGS = {
    "head": ('<header class="gbt-head">', "</header>"),
    "opening": ('<div class="gbt-opening" id="opening">', "</div>"),
    "closing": ('<div class="gbt-closing" id="closing">', "</div>"),
    "signature": ('<div class="gbt-signature" id="signature">', "</div>"),
}


def render_fragment(tree: document.Report) -> str:
    """Safe HTML fragment of the report for on-screen display."""
    profile = default_profile()
    return _wrap_div(_body(tree, profile), draft=False)


def render_document(
    tree: document.Report,
    profile: LayoutProfile | None = None,
    *,
    draft: bool = False,
    inline_css: bool = True,
    break_lines: bool = False,
) -> str:
    """A complete HTML document for the PDF writer.

    The print CSS (:func:`print_css`) is included unless ``inline_css`` is false: the PDF
    writer passes it as a stylesheet parsed once per process instead. Without the CSS the
    markup is also well-formed XML (void elements closed, text escaped), which lets the PDF
    writer parse it with expat instead of the slower HTML5 parser.

    ``break_lines`` (the PDF writer's, when the profile asks for justified lines): body
    paragraphs are broken into lines here (:mod:`.linebreak`) and every line whose letter
    spacing must differ to end flush with the right margin is wrapped in a no-wrap span with
    that spacing; skipped when the PDF faces are not installed."""
    profile = profile or default_profile()
    title = escape(tree.title.strip() or "述职述廉报告")
    author = escape(official_name(tree))
    mark = (
        f'<div class="gbt-draft-mark" aria-hidden="true">{escape(profile.draft_mark)}</div>'
        if draft
        else ""
    )
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"/>'
        f'<title>{title}</title><meta name="author" content="{author}"/>'
        f"{f'<style>{print_css(profile, draft=draft)}</style>' if inline_css else ''}</head>"
        f"<body>{mark}{_wrap_div(_body(tree, profile, _measure(profile) if break_lines else None), draft=draft)}</body></html>"
    )


def _wrap_div(inner: str, *, draft: bool) -> str:
    cls = "gbt-doc gbt-draft" if draft else "gbt-doc"
    return f'<div class="{cls}" lang="zh-CN">{inner}</div>'


def _measure(profile: LayoutProfile):
    size = profile.body_size_pt
    fonts = profile.pdf_fonts
    return measurer(
        {
            "body": (fonts["body"][0], 400, size),
            "kai": (fonts["kai"][0], 400, size),
            "hei": (fonts["hei"][0], 400, size),
            "lead": (fonts["lead"][0], 700, size),
        }
    )


def _face(run: Run, block: Block) -> str:
    """The face a run is set in (as the print CSS has it)."""
    if block.kind == "heading":
        return "hei"
    if run.role in ("marker", "lead") and run.style == "paren":
        return "kai"
    return "lead" if run.role == "lead" else "body"


# Justified lines end this far inside the text block, give or take the spacing steps the PDF
# can show (0.016 pt a character, so up to 0.45 pt short): a full line of 28 characters and
# one of 27 with two digits then both end within SNAP_PT of it at the body's own spacing
# and need no span of their own. Every line ends within 0.3 mm of the edge, none past it.
EDGE_SAFETY_PT = 0.35
# A line that ends this close to the target at the paragraph's spacing keeps it (no span).
SNAP_PT = 0.3


def default_spacing(profile: LayoutProfile) -> tuple[float, float]:
    """``(spacing on the page, CSS value)`` of body text: the profile's letter spacing, or
    the nearest tighter one the PDF can show exactly (:mod:`.spacing`)."""
    return achievable(profile.pdf_letter_spacing_pt, profile.body_size_pt)


def _broken_runs_html(block: Block, profile: LayoutProfile, measure) -> str:
    """The paragraph's runs broken into lines here, separated by newlines (the paragraph is
    ``white-space: pre``, so WeasyPrint breaks nowhere else and lays each line out once),
    each line whose spacing differs from the paragraph's wrapped in a ``span.gbt-ln`` with
    its own. Only lines that would end short get a span: each element costs WeasyPrint
    style and layout time."""
    runs = block.runs
    size = profile.body_size_pt
    page_ls, _ = default_spacing(profile)
    lines = break_paragraph(
        [r.text for r in runs],
        [_face(r, block) for r in runs],
        measure,
        width_pt=mm_to_pt(profile.text_width_mm) + page_ls - EDGE_SAFETY_PT,
        indent_pt=profile.first_line_indent_chars * profile.char_pitch_pt,
        letter_spacing_pt=page_ls,
        quantize=lambda wanted: achievable(wanted, size)[0],
        snap_pt=SNAP_PT,
    )
    anchored: set[int] = set()
    out = []
    for line in lines:
        inner = []
        for piece in line.pieces:
            run = runs[piece.run]
            anchor = run.anchor if piece.run not in anchored else ""
            anchored.add(piece.run)
            inner.append(_run_html(replace(run, text=piece.text, anchor=anchor), wrap=False))
        text = "".join(inner)
        spacing = line.letter_spacing_pt
        if spacing is not None and spacing != page_ls:
            css = achievable(spacing, size)[1]
            text = f'<span class="gbt-ln" style="letter-spacing:{css:.6f}pt">{text}</span>'
        out.append(text)
    return "\n".join(out)


def _body(tree: document.Report, profile: LayoutProfile, measure=None) -> str:
    blocks = build_blocks(tree, title_chars=profile.title_max_chars)
    out: list[str] = []
    group = None
    closing_tag = ""
    for block in blocks:
        if block.group != group:
            out.append(closing_tag)
            group = block.group
            opening_tag, closing_tag = _group_tags(group)
            out.append(opening_tag)
        out.append(_block_html(block, profile, measure))
    out.append(closing_tag)
    return "".join(out)


def _group_tags(group: str) -> tuple[str, str]:
    if group in _GROUP_TAGS:
        return _GROUP_TAGS[group]
    return f'<section class="gbt-section" id="{group}">', "</section>"


def _block_html(block: Block, profile: LayoutProfile, measure=None) -> str:
    kind = block.kind
    if kind == "title":
        lines = "".join(
            f'<span class="gbt-title-line">{_text_html(r.text)}</span>' for r in block.runs
        )
        return f'<h1 class="gbt-title">{lines}</h1>'
    if kind == "blank":
        return '<div class="gbt-blank"></div>'
    attrs = f' id="{block.anchor}"' if block.anchor else ""
    classes = ["gbt-" + kind]
    if kind == "para":
        classes = ["gbt-p", *("gbt-" + c for c in block.classes)]
    if block.keep_with_next:
        classes.append("gbt-keep")
    if kind.startswith("signature-"):
        em = block.right_indent_chars * profile.char_pitch_pt / profile.body_size_pt
        attrs += f' style="padding-right:{em:.3f}em"'
    if kind in ("para", "heading") and measure is not None:
        classes.append("gbt-lines")
        runs = _broken_runs_html(block, profile, measure)
    else:
        runs = "".join(_run_html(r) for r in block.runs)
    tag = "h2" if kind == "heading" else "p"
    return f'<{tag} class="{" ".join(classes)}"{attrs}>{runs}</{tag}>'


@lru_cache(maxsize=8192)
def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


# Long runs without a break opportunity (URLs, pasted codes): a zero-width space every 12
# characters lets them wrap. (``overflow-wrap: anywhere`` would too, but WeasyPrint needs
# minutes for a long run that way; ``<wbr>`` is three times slower than the character.)
_LONG_RUN = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]{24,}")
_WBR_EVERY = 12


def _text_html(text: str) -> str:
    """Escaped text, long unbreakable runs given break opportunities."""
    if len(text) < 24 or not _LONG_RUN.search(text):
        return _chars_html(text)
    out = []
    pos = 0
    for match in _LONG_RUN.finditer(text):
        out.append(_chars_html(text[pos : match.start()]))
        run = match.group()
        out.append(
            "\u200b".join(
                _chars_html(run[i : i + _WBR_EVERY]) for i in range(0, len(run), _WBR_EVERY)
            )
        )
        pos = match.end()
    out.append(_chars_html(text[pos:]))
    return "".join(out)


def _chars_html(text: str) -> str:
    """Escaped text; characters outside GB2312 (which the Fandol faces lack, so they come
    from the taller Noto fallback) are wrapped in ``span.gbt-fb`` whose small line height
    keeps the 22-line grid."""
    if text.isascii():
        return escape(text)
    out = []
    pos = 0
    for match in _NON_ASCII.finditer(text):
        out.append(escape(text[pos : match.start()]))
        chunk = match.group()
        if all(_in_gb2312(ch) for ch in chunk):
            out.append(escape(chunk))
        else:
            for covered, group in groupby(chunk, key=_in_gb2312):
                part = escape("".join(group))
                out.append(part if covered else f'<span class="gbt-fb">{part}</span>')
        pos = match.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def _run_html(run: Run, *, wrap: bool = True) -> str:
    """A run's markup; ``wrap``: long unbreakable runs get break opportunities (not for
    lines broken here)."""
    text = _text_html(run.text) if wrap else _chars_html(run.text)
    if not run.anchor and (run.role == "text" or (run.role == "marker" and run.style != "paren")):
        return text
    if run.role == "text":
        cls = "gbt-run"
    else:
        cls = f"gbt-{run.role}"
        if run.style:
            cls += f" gbt-{run.role}-{run.style}"
    anchor = f' id="{run.anchor}"' if run.anchor else ""
    return f'<span class="{cls}"{anchor}>{text}</span>'


# -- print CSS -------------------------------------------------------------------


def _lead_weight(profile: LayoutProfile) -> str:
    """Bold lead sentences: a bold weight, or, in a face without bold, the mark the PDF
    writer emboldens (:mod:`.pdf_bold`)."""
    if profile.pdf_fonts["lead"][0] in profile.pdf_synthetic_bold:
        return f"font-weight: normal; {CSS_FLAG}: 1;"
    return "font-weight: bold;"


def print_css(profile: LayoutProfile, *, draft: bool = False) -> str:
    """The CSS of the PDF: A4, margins, the 22-line grid, fonts, page numbers."""
    p = profile
    pitch = p.line_pitch_pt
    size = p.body_size_pt
    indent = p.first_line_indent_chars * p.char_pitch_pt
    pn_size = p.page_number_size_pt
    inset = p.page_number_inset_chars * pn_size
    # The page number's em dashes sit mid-height in a line as tall as the font, so the
    # line's top goes half a size above the position the standard gives for the dashes.
    pn_top = f"{p.page_number_below_mm / MM_PER_PT - pn_size / 2:.2f}pt"
    dash = p.page_number_dash
    number = f'"{dash} " counter(page) " {dash}"'
    # A margin box with ``width: auto`` is sized by measuring its text twice (min- and
    # max-content) on every page; as wide as the text block, aligned to its side, the
    # number lands in the same place (the PDF is byte-identical) without the measuring.
    pn_box = "vertical-align: top; width: 100%; box-sizing: border-box;"
    draft_css = ""
    if draft:
        draft_css = f"""
.gbt-draft-mark {{ position: fixed; top: -{p.margin_top_mm / 2:.1f}mm; right: 0;
  font-family: {p.pdf_font_list("hei")}; font-size: {size}pt; line-height: {size}pt;
  color: #c00; border: 1.5pt solid #c00; padding: 2pt 6pt; letter-spacing: 4pt; }}
"""
    return f"""
@page {{
  size: {p.page_width_mm}mm {p.page_height_mm}mm;
  margin: {p.margin_top_mm}mm {p.margin_right_mm}mm {p.margin_bottom_mm}mm {p.margin_left_mm}mm;
}}
@page :right {{
  @bottom-right {{
    content: {number}; {pn_box} text-align: right;
    padding-top: {pn_top}; padding-right: {inset}pt;
    font-family: {p.pdf_font_list("page_number")}; font-size: {pn_size}pt; line-height: {pn_size}pt;
  }}
}}
@page :left {{
  @bottom-left {{
    content: {number}; {pn_box} text-align: left;
    padding-top: {pn_top}; padding-left: {inset}pt;
    font-family: {p.pdf_font_list("page_number")}; font-size: {pn_size}pt; line-height: {pn_size}pt;
  }}
}}
html {{ font-size: {size}pt; }}
body {{ margin: 0; }}
.gbt-doc {{
  font-family: {p.pdf_font_list("body")}; font-size: {size}pt; line-height: {pitch}pt;
  letter-spacing: {default_spacing(p)[1]:.6f}pt; text-align: justify; color: #000;
  orphans: 1; widows: 1;
}}
.gbt-doc * {{ line-height: {pitch}pt; }}
.gbt-doc .gbt-fb {{ line-height: 1em; }}
.gbt-doc p, .gbt-doc h1, .gbt-doc h2 {{ margin: 0; padding: 0; font-size: {size}pt; font-weight: normal; }}
.gbt-doc h1, .gbt-doc h2 {{ bookmark-level: none; }}
.gbt-doc .gbt-title {{
  font-family: {p.pdf_font_list("title")}; font-size: {p.title_size_pt}pt;
  font-weight: {p.title_weight} !important; text-align: center; letter-spacing: 0;
}}
.gbt-title-line {{ display: block; }}
.gbt-doc .gbt-subtitle, .gbt-doc .gbt-byline {{ font-family: {p.pdf_font_list("kai")}; text-align: center; }}
.gbt-blank {{ height: {pitch}pt; }}
.gbt-p, .gbt-heading {{ text-indent: {indent:.2f}pt; }}
.gbt-lines {{ white-space: pre; }}
.gbt-heading {{
  font-family: {p.pdf_font_list("hei")}; bookmark-level: 1 !important;
  bookmark-label: content(text); break-after: avoid; text-align: left;
}}
.gbt-lead-paren, .gbt-marker-paren {{ font-family: {p.pdf_font_list("kai")}; }}
.gbt-lead-arabic, .gbt-lead-ordinal, .gbt-lead-none {{ font-family: {p.pdf_font_list("lead")}; {_lead_weight(p)} }}
.gbt-keep {{ break-after: avoid; }}
.gbt-signature {{ break-before: avoid; break-inside: avoid; }}
.gbt-signature-name, .gbt-signature-date {{ text-align: right; }}
{draft_css}
"""
