"""The DOCX package around the body: what python-docx's default template leaves that a
report must not carry, and the report's own properties.

python-docx starts from a template saved by "Microsoft Macintosh Word" in Japan: its
``app.xml`` names that application, ``settings.xml`` sets the East Asian theme language to
ja-JP and carries the template's revision ids and document id, the theme and the font table
list ＭＳ 明朝 and ＭＳ ゴシック. Here the package gets its own ``app.xml``, zh-CN, a theme
without Japanese faces and a font table listing the fonts the report uses (the Chinese ones
with the GB2312 charset and the Windows built-in as ``altName``), and per render the core
properties: title, the official as author, language, dates. Pure functions of the document
object; no ORM.
"""

from __future__ import annotations

from datetime import UTC, datetime

from docx.oxml.ns import qn
from lxml import etree

from .. import document
from .blocks import official_name
from .profile import LayoutProfile

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
APPLICATION = "述职述廉报告系统"
REPORT_KIND = "述职述廉报告"

# Where a reader's PC lacks a GB2312-era font, Word falls back to the ``altName``.
ALT_NAMES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}
# Japanese theme scripts and faces of the template.
_JAPANESE = ("Jpan",)


def _part(doc, partname: str):
    return next(p for p in doc.part.package.iter_parts() if str(p.partname) == partname)


def _rel_part(doc, reltype_end: str):
    return next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith(reltype_end))


def _serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def clean(doc, profile: LayoutProfile) -> None:
    """Replace the template's application properties, language, theme faces, font table and
    settings leftovers (done once per profile, in the template the renders start from)."""
    _app_properties(doc)
    _settings(doc)
    _theme(doc)
    _font_table(doc, profile)


def _app_properties(doc) -> None:
    root = etree.Element(f"{{{EXTENDED}}}Properties", nsmap={None: EXTENDED})
    for tag, text in (
        ("Application", APPLICATION),
        ("DocSecurity", "0"),
        ("ScaleCrop", "false"),
        ("Company", ""),
        ("LinksUpToDate", "false"),
        ("SharedDoc", "false"),
        ("HyperlinksChanged", "false"),
    ):
        etree.SubElement(root, f"{{{EXTENDED}}}{tag}").text = text
    _part(doc, "/docProps/app.xml")._blob = _serialise(root)


def _settings(doc) -> None:
    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    # The template's revision ids, its document id and the order to save a thumbnail.
    for tag in ("w:rsids", "w:savePreviewPicture"):
        for element in settings.findall(qn(tag)):
            settings.remove(element)
    for element in settings:
        if etree.QName(element).localname == "docId":
            settings.remove(element)


def _theme(doc) -> None:
    part = _rel_part(doc, "/theme")
    root = etree.fromstring(part.blob)
    for font in root.iter(f"{{{A}}}font"):
        if font.get("script") in _JAPANESE:
            font.getparent().remove(font)
    part._blob = _serialise(root)


def _font_table(doc, profile: LayoutProfile) -> None:
    """The fonts the report names: Times New Roman for Latin, and the Chinese fonts with
    the GB2312 charset and a built-in alternative name."""
    part = _rel_part(doc, "/fontTable")
    root = etree.fromstring(part.blob)
    latin = profile.latin_font
    for font in root.findall(qn("w:font")):
        if font.get(qn("w:name")) != latin:
            root.remove(font)
    for name in dict.fromkeys(profile.docx_fonts.values()):
        font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
        if name in ALT_NAMES:
            etree.SubElement(font, qn("w:altName"), {qn("w:val"): ALT_NAMES[name]})
        etree.SubElement(font, qn("w:charset"), {qn("w:val"): "86"})
        etree.SubElement(font, qn("w:family"), {qn("w:val"): "modern" if "黑" in name else "roman"})
        etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "variable"})
    part._blob = _serialise(root)


def core_properties(doc, tree: document.Report, *, draft: bool) -> None:
    """Title, author (the official), language and dates; no empty or template fields."""
    props = doc.core_properties
    author = official_name(tree)
    props.title = tree.title.strip() or REPORT_KIND
    props.author = author
    props.last_modified_by = author
    props.subject = REPORT_KIND
    props.language = "zh-CN"
    props.keywords = "草稿" if draft else ""
    props.comments = ""
    props.category = ""
    now = datetime.now(UTC).replace(microsecond=0)
    props.created = now
    props.modified = now
    props.revision = 1
    root = doc.core_properties._element
    for element in list(root):
        if not (element.text or "").strip():
            root.remove(element)
