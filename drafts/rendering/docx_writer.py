"""The DOCX writer (python-docx): GB/T 9704 page, grid, fonts and page numbers.

What Word and WPS need to open the file with the right fonts and no repair prompt
(layout.md): East Asian font names (``w:eastAsia``) with ``w:hint="eastAsia"`` on the
defaults, the styles and every run, the template's theme font attributes removed, Times New
Roman for Latin and digits, ``evenAndOddHeaders`` with two footers carrying a PAGE field
between em dashes, built-in heading styles (navigation pane) and numbering written as text.

The grid, as Word, WPS and LibreOffice lay it out (measured in LibreOffice,
``tests/test_docx_formal.py``): ``docGrid`` ``linesAndChars`` with pitch 579 and the
character pitch of 28 characters, so Word's 页面设置 reads 22 行 × 28 字; every paragraph
exact 579-twip lines and ``snapToGrid`` off, so the 22 pt title lines take one grid line
each (LibreOffice gave them two) and characters are not put in grid cells (LibreOffice
rounds the cell down to 15.73 pt, narrower than a 16 pt character, and gave each two: 8
pages instead of 6); 28 characters fit by the run spacing instead, −6 twips (28 × 15.7 pt
inside LibreOffice's 28 cells; −5 did not fit); ``overflowPunct`` 1, which LibreOffice
reads inverted (0 made it hang line-end punctuation into the margin and leave some
undrawn). No widow control: every full page has 22 lines; headings keep with the next
paragraph.
"""

from __future__ import annotations

import copy
import io
import math
import threading
from functools import lru_cache

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .. import document
from ..textclean import clean_line, clean_text
from . import docx_package
from .blocks import Block, Run, build_blocks, text_width
from .limits import check_size
from .profile import TWIPS_PER_PT, LayoutProfile, default_profile, mm_to_twips

_THEME_ATTRS = tuple(qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))

_local = threading.local()

BODY_STYLE = "Report Body"
KEEP_MAX_LINES = 8
SIGNATURE_STYLE = "Report Signature"
# A `（一）` item printed as its own paragraph is level 2 of the outline. Its lead and the
# first paragraph of its body share one printed paragraph (the PDF and the preview set
# them so), so rather than a separate Heading 2 paragraph, which would put the body on a
# new line, the body paragraph keeps its style and layout and gets ``w:outlineLvl`` 1:
# Word's and WPS's navigation panes (and LibreOffice's Navigator) list it under its
# Heading 1 section, and the printed page does not change.
ITEM_OUTLINE_LEVEL = 1


def clean_tree(tree: document.Report) -> document.Report:
    """A copy of ``tree`` with control characters removed from every field (python-docx
    raises on them), so a tree that bypassed the input boundary still renders."""
    data = tree.to_dict()
    for key in ("title", "subtitle", "byline"):
        data[key] = clean_line(data[key])
    for key in ("opening", "closing"):
        data[key] = clean_text(data[key])
    for section in data["sections"]:
        section["heading"] = clean_line(section["heading"])
        section["intro"] = clean_text(section["intro"])
        for item in section["items"]:
            item["lead"] = clean_line(item["lead"])
            item["body"] = clean_text(item["body"])
    if data["signature"]:
        data["signature"]["name"] = clean_line(data["signature"]["name"])
    return document.Report.from_dict(data)


def render_docx(
    tree: document.Report, profile: LayoutProfile | None = None, *, draft: bool = False
) -> bytes:
    """The DOCX of ``tree`` as bytes. Raises :class:`.limits.TooLarge` for oversized trees."""
    check_size(tree)
    profile = profile or default_profile()
    tree = clean_tree(tree)
    doc = _document(profile, draft)
    body = doc.element.body
    sect_pr = body[-1]
    for child in list(body)[:-1]:
        body.remove(child)
    blocks = build_blocks(tree, title_chars=profile.title_max_chars) or [Block("blank")]
    for block in blocks:  # (an empty report still gets the one paragraph Word expects)
        sect_pr.addprevious(_paragraph(block, profile))
    docx_package.core_properties(doc, tree, draft=draft)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _document(profile: LayoutProfile, draft: bool):
    """This thread's reusable document for ``(profile, draft)``: parsed once, its body
    replaced on every render (python-docx objects are not shared between threads)."""
    docs = getattr(_local, "docs", None)
    if docs is None:
        docs = _local.docs = {}
    key = (profile.key(), draft)
    if key not in docs:
        docs[key] = Document(io.BytesIO(_template(profile, draft)))
    return docs[key]


@lru_cache(maxsize=16)
def _template(profile: LayoutProfile, draft: bool) -> bytes:
    """The empty document with styles, page set-up, footers (and draft header), built once
    per profile: a render only parses it and adds the paragraphs."""
    doc = Document()
    _setup_styles(doc, profile)
    _setup_section(doc, profile, draft=draft)
    _prune(doc)
    docx_package.clean(doc, profile)
    _compat_mode(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


_KEEP_STYLES = {
    "Normal",
    "Title",
    "Subtitle",
    "Heading1",
    "Heading2",
    "Footer",
    "Header",
    "DefaultParagraphFont",
    "TableNormal",
    "NoList",
}


def _prune(doc) -> None:
    """Drop what the default template carries but a report never uses: its other styles
    (Word recreates built-ins on demand), the latent style list, the thumbnail of an empty
    page, the customXml item, stylesWithEffects and the list definitions. Smaller parts
    load and save faster."""
    root = doc.styles.element
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)
    keep = _KEEP_STYLES | {_style_id(BODY_STYLE), _style_id(SIGNATURE_STYLE)}
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in keep:
            root.remove(style)
    for style in root.findall(qn("w:style")):  # links to the removed character styles
        link = style.find(qn("w:link"))
        if link is not None:
            style.remove(link)
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[rel_id]
    # stylesWithEffects (a 430 KB copy of every style for Word 2010) and the list
    # definitions (numbering is written as text; they name the styles removed above).
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith(("/customXml", "/stylesWithEffects", "/numbering")):
            del doc.part.rels[rel_id]


def _compat_mode(doc) -> None:
    """Word 2013+ layout mode, so Word does not open the file in "compatibility mode"."""
    for setting in doc.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


# -- low-level XML helpers ---------------------------------------------------------


def _el(tag: str, **attrs) -> OxmlElement:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))
    return element


def _rfonts(east_asia: str, latin: str) -> OxmlElement:
    return _el("w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin, hint="eastAsia")


def _rpr(*args, **kwargs) -> OxmlElement:
    """A fresh copy of a (cached) ``w:rPr``."""
    return copy.deepcopy(_cached_rpr(*args, **kwargs))


def _ppr(*args, **kwargs) -> OxmlElement:
    """A fresh copy of a (cached) ``w:pPr``."""
    return copy.deepcopy(_cached_ppr(*args, **kwargs))


@lru_cache(maxsize=256)
def _cached_rpr(
    east_asia: str,
    latin: str,
    size_pt: float | None = None,
    *,
    bold: bool | None = None,
    spacing: int | None = None,
    color: str | None = None,
) -> OxmlElement:
    """A ``w:rPr`` with children in schema order."""
    rpr = OxmlElement("w:rPr")
    rpr.append(_rfonts(east_asia, latin))
    if bold is not None:
        rpr.append(_el("w:b", val=int(bold)))
        rpr.append(_el("w:bCs", val=int(bold)))
    if color:
        rpr.append(_el("w:color", val=color))
    if spacing is not None:
        rpr.append(_el("w:spacing", val=spacing))
    if size_pt is not None:
        rpr.append(_el("w:sz", val=round(size_pt * 2)))
        rpr.append(_el("w:szCs", val=round(size_pt * 2)))
    rpr.append(_el("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    return rpr


@lru_cache(maxsize=256)
def _cached_ppr(
    profile: LayoutProfile,
    *,
    align: str | None = None,
    first_line_chars: float = 0,
    right_twips: int = 0,
    left_twips: int = 0,
    outline: int | None = None,
    keep_next: bool = False,
    line_twips: int | None = None,
    style: str | None = None,
    widow_control: bool = False,
) -> OxmlElement:
    """A ``w:pPr`` with children in schema order (see the module's notes on the grid)."""
    ppr = OxmlElement("w:pPr")
    if style:
        ppr.append(_el("w:pStyle", val=style))
    if keep_next:
        ppr.append(_el("w:keepNext"))
    ppr.append(_el("w:widowControl", val=int(widow_control)))
    ppr.append(_el("w:kinsoku", val=1))
    ppr.append(_el("w:overflowPunct", val=1))
    ppr.append(_el("w:autoSpaceDE", val=0))
    ppr.append(_el("w:autoSpaceDN", val=0))
    ppr.append(_el("w:snapToGrid", val=0))
    line = line_twips if line_twips is not None else profile.line_pitch_twips
    ppr.append(_el("w:spacing", before=0, after=0, line=line, lineRule="exact"))
    ind = {"left": left_twips, "right": right_twips}
    if first_line_chars:
        ind["firstLineChars"] = round(first_line_chars * 100)
        ind["firstLine"] = round(first_line_chars * _char_twips(profile))
    else:
        ind["firstLineChars"] = 0
        ind["firstLine"] = 0
    ppr.append(_el("w:ind", **ind))
    if align:
        ppr.append(_el("w:jc", val=align))
    if outline is not None:
        ppr.append(_el("w:outlineLvl", val=outline))
    return ppr


def _char_twips(profile: LayoutProfile) -> int:
    """Advance of one body character: 16 pt plus the (negative) character spacing."""
    return round(profile.body_size_pt * TWIPS_PER_PT) + profile.docx_char_spacing_twips


def _strip_theme_fonts(root) -> None:
    for rfonts in root.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            rfonts.attrib.pop(attr, None)


def _replace(parent, tag: str, new) -> None:
    old = parent.find(qn(tag))
    if old is not None:
        parent.remove(old)
    parent.append(new)


# -- styles, section, properties --------------------------------------------------


def _setup_styles(doc, profile: LayoutProfile) -> None:
    fonts = profile.docx_fonts
    latin = profile.latin_font
    styles = doc.styles
    root = styles.element
    _strip_theme_fonts(root)

    defaults = root.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    _replace(
        rpr_default,
        "w:rPr",
        _rpr(fonts["body"], latin, profile.body_size_pt, spacing=profile.docx_char_spacing_twips),
    )
    ppr_default = defaults.find(qn("w:pPrDefault"))
    _replace(ppr_default, "w:pPr", _ppr(profile))

    def restyle(style, ppr, rpr):
        element = style.element
        for tag in ("w:pPr", "w:rPr"):
            old = element.find(qn(tag))
            if old is not None:
                element.remove(old)
        element.append(ppr)
        element.append(rpr)

    body_size = profile.body_size_pt
    restyle(
        styles["Normal"],
        _ppr(profile),
        _rpr(fonts["body"], latin, body_size, spacing=profile.docx_char_spacing_twips),
    )
    restyle(
        styles["Title"],
        _ppr(profile, align="center"),
        _rpr(fonts["title"], latin, profile.title_size_pt, bold=False, spacing=0),
    )
    for outline, (name, face) in enumerate((("Heading 1", "hei"), ("Heading 2", "kai"))):
        restyle(
            styles[name],
            _ppr(profile, first_line_chars=profile.first_line_indent_chars, outline=outline, keep_next=True),
            _rpr(
                fonts[face],
                latin,
                body_size,
                bold=False,
                spacing=profile.docx_char_spacing_twips,
                color="000000",
            ),
        )
    restyle(
        styles["Subtitle"],
        _ppr(profile, align="center"),
        _rpr(fonts["kai"], latin, body_size, bold=False, spacing=profile.docx_char_spacing_twips),
    )
    pn_size = profile.page_number_size_pt
    for name in ("Footer", "Header"):
        restyle(
            styles[name],
            _ppr(profile, line_twips=round(pn_size * TWIPS_PER_PT)),
            _rpr(fonts["song"], fonts["song"], pn_size, spacing=0),
        )

    from docx.enum.style import WD_STYLE_TYPE

    for name in (BODY_STYLE, SIGNATURE_STYLE):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.quick_style = True
    body = styles[BODY_STYLE]
    body.element.append(
        _ppr(profile, align="both", first_line_chars=profile.first_line_indent_chars)
    )
    styles[SIGNATURE_STYLE].element.append(_ppr(profile, align="right"))
    body.next_paragraph_style = body


def _setup_section(doc, profile: LayoutProfile, *, draft: bool) -> None:
    section = doc.sections[0]
    sect_pr = section._sectPr
    p = profile
    pg_sz = sect_pr.find(qn("w:pgSz"))
    pg_sz.set(qn("w:w"), str(mm_to_twips(p.page_width_mm)))
    pg_sz.set(qn("w:h"), str(mm_to_twips(p.page_height_mm)))
    # The page number's em dashes sit mid-height in a line as tall as the font; the footer
    # distance is measured from the page edge to the bottom of that line.
    pn_half = p.page_number_size_pt / 2 * TWIPS_PER_PT
    footer = round(mm_to_twips(p.margin_bottom_mm - p.page_number_below_mm) - pn_half)
    pg_mar = sect_pr.find(qn("w:pgMar"))
    for key, value in {
        "top": mm_to_twips(p.margin_top_mm),
        "right": mm_to_twips(p.margin_right_mm),
        "bottom": mm_to_twips(p.margin_bottom_mm),
        "left": mm_to_twips(p.margin_left_mm),
        "header": mm_to_twips(p.margin_top_mm / 2),
        "footer": footer,
        "gutter": 0,
    }.items():
        pg_mar.set(qn(f"w:{key}"), str(value))
    grid = sect_pr.find(qn("w:docGrid"))
    grid.attrib.clear()
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(p.line_pitch_twips))
    grid.set(qn("w:charSpace"), str(char_space(p)))

    doc.settings.odd_and_even_pages_header_footer = True
    inset = round(p.page_number_inset_chars * p.page_number_size_pt * TWIPS_PER_PT)
    _page_number_footer(section.footer, profile, align="right", right_twips=inset)
    _page_number_footer(section.even_page_footer, profile, align="left", left_twips=inset)
    if draft:
        for header in (section.header, section.even_page_header):
            _draft_header(header, profile)


def char_space(profile: LayoutProfile) -> int:
    """``w:charSpace``: what the character pitch of ``chars_per_line`` characters in the text
    block's width adds to the body size, in 4096ths of a point, rounded down so that Word
    counts the full number (28 in 442.25 pt: 15.7946 pt, -842)."""
    p = profile
    width_twips = mm_to_twips(p.page_width_mm) - mm_to_twips(p.margin_left_mm) - mm_to_twips(
        p.margin_right_mm
    )
    pitch_pt = width_twips / TWIPS_PER_PT / p.chars_per_line
    return math.floor((pitch_pt - p.body_size_pt) * 4096)


def _page_number_footer(
    footer, profile: LayoutProfile, *, align: str, left_twips: int = 0, right_twips: int = 0
) -> None:
    footer.is_linked_to_previous = False
    para = footer.paragraphs[0]._p
    for child in list(para):
        para.remove(child)
    song = profile.docx_fonts["song"]
    pn_size = profile.page_number_size_pt
    para.append(
        _ppr(
            profile,
            style="Footer",
            align=align,
            left_twips=left_twips,
            right_twips=right_twips,
            line_twips=round(pn_size * TWIPS_PER_PT),
        )
    )
    dash = profile.page_number_dash

    def run(*children):
        r = OxmlElement("w:r")
        r.append(_rpr(song, song, pn_size, spacing=0))
        for child in children:
            r.append(child)
        return r

    def text(value):
        t = _el("w:t")
        t.text = value
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return t

    instr = _el("w:instrText")
    instr.text = " PAGE "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    para.append(run(text(f"{dash} ")))
    para.append(run(_el("w:fldChar", fldCharType="begin")))
    para.append(run(instr))
    para.append(run(_el("w:fldChar", fldCharType="separate")))
    para.append(run(text("1")))
    para.append(run(_el("w:fldChar", fldCharType="end")))
    para.append(run(text(f" {dash}")))


def _draft_header(header, profile: LayoutProfile) -> None:
    header.is_linked_to_previous = False
    para = header.paragraphs[0]._p
    for child in list(para):
        para.remove(child)
    para.append(
        _ppr(
            profile,
            style="Header",
            align="right",
            line_twips=round(profile.body_size_pt * TWIPS_PER_PT),
        )
    )
    r = OxmlElement("w:r")
    hei = profile.docx_fonts["hei"]
    r.append(_rpr(hei, hei, profile.body_size_pt, color="C00000", spacing=60))
    t = _el("w:t")
    t.text = profile.draft_mark
    r.append(t)
    para.append(r)


# -- paragraphs ----------------------------------------------------------------------


def _paragraph(block: Block, profile: LayoutProfile) -> OxmlElement:
    fonts = profile.docx_fonts
    p = OxmlElement("w:p")
    kind = block.kind
    if kind == "title":
        p.append(_ppr(profile, style="Title", align="center", keep_next=True))
        for k, run in enumerate(block.runs):
            # Digits and Latin letters in the title face too (as in the PDF), not in a light
            # Times New Roman beside the heavy 小标宋.
            r = _run(
                run.text,
                fonts["title"],
                profile,
                size=profile.title_size_pt,
                spacing=0,
                latin=fonts["title"],
            )
            if k:
                r.insert(1, _el("w:br"))
            p.append(r)
        return p
    if kind in ("subtitle", "byline"):
        p.append(_ppr(profile, style="Subtitle", align="center", keep_next=True))
        for run in block.runs:
            p.append(_run(run.text, fonts["kai"], profile))
        return p
    if kind == "blank":
        p.append(_ppr(profile, keep_next=block.keep_with_next))
        return p
    if kind == "heading":
        p.append(
            _ppr(
                profile,
                style="Heading1",
                first_line_chars=profile.first_line_indent_chars,
                outline=0,
                keep_next=True,
            )
        )
        for run in block.runs:
            p.append(_run(run.text, fonts["hei"], profile))
        return p
    if kind.startswith("signature-"):
        right = round(block.right_indent_chars * _char_twips(profile))
        p.append(
            _ppr(
                profile,
                style=_style_id(SIGNATURE_STYLE),
                align="right",
                right_twips=right,
                keep_next=block.keep_with_next,
            )
        )
        for run in block.runs:
            p.append(_run(run.text, fonts["body"], profile))
        return p
    # The paragraph before the signature keeps with it, so that no page holds the signature
    # alone: Word then carries the paragraph's last line over, LibreOffice (and WPS) all of
    # it, so only a short one keeps; a long one gets widow control instead (two lines go
    # along when it crosses the page).
    short = text_width(block.text) <= KEEP_MAX_LINES * profile.chars_per_line
    keep = block.keep_with_next and short
    p.append(
        _ppr(
            profile,
            style=_style_id(BODY_STYLE),
            align="both",
            first_line_chars=profile.first_line_indent_chars,
            keep_next=keep,
            widow_control=block.keep_with_next and not short,
            outline=ITEM_OUTLINE_LEVEL if "item-paren" in block.classes else None,
        )
    )
    for run in block.runs:
        p.append(_body_run(run, profile))
    return p


def _style_id(name: str) -> str:
    return name.replace(" ", "")


def _body_run(run: Run, profile: LayoutProfile) -> OxmlElement:
    fonts = profile.docx_fonts
    if run.role in ("marker", "lead") and run.style == "paren":
        return _run(run.text, fonts["kai"], profile)
    if run.role == "lead":
        return _run(run.text, fonts["body"], profile, bold=True)
    return _run(run.text, fonts["body"], profile)


def _run(
    text: str,
    east_asia: str,
    profile: LayoutProfile,
    *,
    size: float | None = None,
    bold: bool | None = None,
    spacing: int | None = None,
    latin: str | None = None,
) -> OxmlElement:
    r = OxmlElement("w:r")
    r.append(
        _rpr(
            east_asia,
            latin or profile.latin_font,
            size or profile.body_size_pt,
            bold=bold,
            spacing=profile.docx_char_spacing_twips if spacing is None else spacing,
        )
    )
    t = _el("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r
