"""DOCX bytes -> the document's paragraphs as text: Word's automatic numbering written out,
tracked changes resolved, tables, pictures and comments skipped (and said so), zip bombs,
encrypted and damaged files refused with a clear message."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from lxml import etree

from ..numbering import chinese_numeral
from .errors import ImportFailed
from .limits import (
    MAX_FILE_BYTES,
    MAX_PARAGRAPHS,
    MAX_RATIO,
    MAX_TOTAL_UNCOMPRESSED,
    MAX_XML_BYTES,
    OLE_MAGIC,
    ZIP_MAGIC,
    not_docx,
    too_large,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_w = f"{{{W}}}"


def _check_zip(zf: zipfile.ZipFile) -> None:
    total = 0
    for info in zf.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_XML_BYTES and (info.filename.endswith(".xml") or ratio > MAX_RATIO):
            raise _bomb()
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise _bomb()
        if info.flag_bits & 0x1:
            raise ImportFailed(
                _(
                    "The document is password-protected. Please remove the password in Word and "
                    "upload it again."
                )
            )


def _bomb() -> ImportFailed:
    return ImportFailed(
        _(
            "The document unpacks to far more data than a report can contain, so it was not "
            "read. Please save the report again as a normal .docx file."
        )
    )


def _read_part(zf: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    with zf.open(info) as fh:
        data = fh.read(MAX_XML_BYTES + 1)  # the directory's sizes may lie
    if len(data) > MAX_XML_BYTES:
        raise _bomb()
    return data


_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


def _parse_xml(data: bytes):
    try:
        return etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError:
        raise ImportFailed(
            _(
                "The Word document is damaged (its text could not be read). Please open it in "
                "Word, save it again as .docx and upload it again."
            )
        ) from None


_CN_FORMATS = {
    "chineseCounting",
    "chineseCountingThousand",
    "chineseLegalSimplified",
    "japaneseCounting",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
    "ideographTraditional",
    "koreanCounting",
}
_IDEOGRAPH_DIGITS = "〇一二三四五六七八九"


def _format_number(n: int, fmt: str) -> str:
    if fmt in _CN_FORMATS:
        return chinese_numeral(max(n, 1))
    if fmt == "ideographDigital":
        return "".join(_IDEOGRAPH_DIGITS[int(d)] for d in str(n))
    if fmt == "decimalFullWidth":
        return "".join(chr(ord("０") + int(d)) for d in str(n))
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class _Numbering:
    """Rebuilds the markers Word draws for automatically numbered paragraphs."""

    def __init__(self, numbering_root, styles_root) -> None:
        self.abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if numbering_root is not None:
            self._read_numbering(numbering_root)
        if styles_root is not None:
            self._read_styles(styles_root)

    def _read_numbering(self, root) -> None:
        for absn in root.iter(_w + "abstractNum"):
            levels = {}
            for lvl in absn.iter(_w + "lvl"):
                ilvl = int(lvl.get(_w + "ilvl", "0") or 0)
                start = lvl.find(_w + "start")
                fmt = lvl.find(_w + "numFmt")
                text = lvl.find(_w + "lvlText")
                levels[ilvl] = (
                    int(start.get(_w + "val", "1")) if start is not None else 1,
                    fmt.get(_w + "val", "decimal") if fmt is not None else "decimal",
                    text.get(_w + "val", "") if text is not None else "",
                )
            self.abstract[absn.get(_w + "abstractNumId")] = levels
        for num in root.iter(_w + "num"):
            absid = num.find(_w + "abstractNumId")
            overrides = {}
            for ov in num.iter(_w + "lvlOverride"):
                start = ov.find(_w + "startOverride")
                if start is not None:
                    overrides[int(ov.get(_w + "ilvl", "0"))] = int(start.get(_w + "val", "1"))
            if absid is not None:
                self.nums[num.get(_w + "numId")] = (absid.get(_w + "val"), overrides)

    def _read_styles(self, root) -> None:
        for style in root.iter(_w + "style"):
            numpr = style.find(f"{_w}pPr/{_w}numPr")
            if numpr is None:
                continue
            num_id = numpr.find(_w + "numId")
            ilvl = numpr.find(_w + "ilvl")
            if num_id is not None:
                self.style_num[style.get(_w + "styleId")] = (
                    num_id.get(_w + "val"),
                    int(ilvl.get(_w + "val", "0")) if ilvl is not None else 0,
                )

    def marker(self, ppr) -> str:
        if ppr is None:
            return ""
        num_id, ilvl = None, 0
        style = ppr.find(_w + "pStyle")
        if style is not None and style.get(_w + "val") in self.style_num:
            num_id, ilvl = self.style_num[style.get(_w + "val")]
        numpr = ppr.find(_w + "numPr")
        if numpr is not None:
            nid = numpr.find(_w + "numId")
            lvl = numpr.find(_w + "ilvl")
            if nid is not None:
                num_id = nid.get(_w + "val")
            if lvl is not None:
                ilvl = int(lvl.get(_w + "val", "0") or 0)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abs_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abs_id, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        start = overrides.get(ilvl, levels[ilvl][0])
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        _start, _fmt, lvl_text = levels[ilvl]

        def level_value(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            if k not in levels:
                return ""
            value = counters.get(k, overrides.get(k, levels[k][0]))
            return _format_number(value, levels[k][1])

        return re.sub(r"%(\d)", level_value, lvl_text)


@dataclass
class _Skipped:
    tables: int = 0
    images: int = 0
    deletions: int = 0
    insertions: int = 0
    comments: int = 0
    notes: int = 0

    def messages(self) -> list[str]:
        out = []
        if self.tables:
            out.append(
                ngettext(
                    "Skipped %(n)d table: tables are not part of the report's text; add their "
                    "content by hand if it matters.",
                    "Skipped %(n)d tables: tables are not part of the report's text; add their "
                    "content by hand if it matters.",
                    self.tables,
                )
                % {"n": self.tables}
            )
        if self.images:
            out.append(
                ngettext(
                    "Skipped %(n)d picture or text box.",
                    "Skipped %(n)d pictures or text boxes.",
                    self.images,
                )
                % {"n": self.images}
            )
        if self.insertions or self.deletions:
            out.append(
                _(
                    "The document has tracked changes: inserted text was taken over and deleted "
                    "text left out, as if all changes were accepted."
                )
            )
        if self.comments:
            out.append(
                ngettext("Skipped %(n)d comment.", "Skipped %(n)d comments.", self.comments)
                % {"n": self.comments}
            )
        if self.notes:
            out.append(
                ngettext(
                    "Skipped %(n)d footnote or endnote.",
                    "Skipped %(n)d footnotes or endnotes.",
                    self.notes,
                )
                % {"n": self.notes}
            )
        return out


_SKIP_INSIDE = {
    _w + "del",
    _w + "moveFrom",
    _w + "instrText",
    _w + "delText",
    _w + "pPr",
    _w + "rPr",
}


_TITLE_STYLES = {"Title", "Subtitle", "a3", "a5"}  # built-in ids (English and Chinese Word)


def _paragraph_text(p, skipped: _Skipped) -> str:
    parts: list[str] = []
    style = p.find(f"{_w}pPr/{_w}pStyle")
    # A title broken over lines (Shift+Enter) is still one title.
    line_break = "" if style is not None and style.get(_w + "val") in _TITLE_STYLES else "\n"

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag in (_w + "del", _w + "moveFrom"):
                skipped.deletions += 1
                continue
            if tag in _SKIP_INSIDE:
                continue
            if tag in (_w + "drawing", _w + "pict", _w + "object") or tag.endswith(
                "}AlternateContent"
            ):
                skipped.images += 1
                continue
            if tag in (_w + "ins", _w + "moveTo"):
                skipped.insertions += 1
            if tag == _w + "commentReference":
                skipped.comments += 1
            elif tag in (_w + "footnoteReference", _w + "endnoteReference"):
                skipped.notes += 1
            elif tag == _w + "t":
                parts.append(child.text or "")
            elif tag == _w + "tab":
                parts.append("\t")
            elif tag in (_w + "br", _w + "cr"):
                parts.append(line_break)
            elif tag == _w + "noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _body_paragraphs(body, numbering: _Numbering, skipped: _Skipped) -> list[str]:
    out: list[str] = []

    def walk(el) -> None:
        for child in el:
            if child.tag == _w + "p":
                text = _paragraph_text(child, skipped)
                marker = numbering.marker(child.find(_w + "pPr"))
                if text.strip() or marker:
                    out.append(marker + text)
                if len(out) > MAX_PARAGRAPHS:
                    raise _too_many_paragraphs()
            elif child.tag == _w + "tbl":
                skipped.tables += 1
            elif child.tag in (
                _w + "sdt",
                _w + "sdtContent",
                _w + "customXml",
                _w + "ins",
                _w + "smartTag",
            ):
                walk(child)
            elif child.tag in (_w + "del", _w + "moveFrom"):
                skipped.deletions += 1

    walk(body)
    return out


def _too_many_paragraphs() -> ImportFailed:
    return ImportFailed(
        _(
            "The document has more than %(max)d paragraphs, far more than a report. Please "
            "import only the report itself."
        )
        % {"max": MAX_PARAGRAPHS}
    )


def docx_text(data: bytes) -> tuple[str, list[str]]:
    """The paragraphs of a DOCX as text (automatic numbering written out) and skip notes."""
    if len(data) > MAX_FILE_BYTES:
        raise too_large()
    if data.startswith(OLE_MAGIC):
        raise ImportFailed(
            _(
                "This is an old Word document (.doc) or a password-protected one. Please open "
                "it in Word, save it as .docx (without a password) and upload it again."
            )
        )
    if not data.startswith(ZIP_MAGIC):
        raise not_docx()
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        _check_zip(zf)
        main = _read_part(zf, "word/document.xml")
        if main is None:
            raise not_docx()
        numbering_xml = _read_part(zf, "word/numbering.xml")
        styles_xml = _read_part(zf, "word/styles.xml")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, OSError):
        raise not_docx() from None
    # Count paragraphs before building a tree of a huge document.
    if main.count(b"<w:p>") + main.count(b"<w:p ") > MAX_PARAGRAPHS * 4:
        raise _too_many_paragraphs()
    root = _parse_xml(main)
    body = root.find(_w + "body")
    if body is None:
        raise not_docx()
    numbering = _Numbering(
        _parse_xml(numbering_xml) if numbering_xml else None,
        _parse_xml(styles_xml) if styles_xml else None,
    )
    skipped = _Skipped()
    paras = _body_paragraphs(body, numbering, skipped)
    return "\n".join(paras), skipped.messages()
