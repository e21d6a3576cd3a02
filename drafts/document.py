"""The report tree: the one structure between forms, importers, checks and renderers.

Pure Python: no ORM, no request (only lazy labels for the forms' choices). See ``shared/design/report-tree.md`` for the format.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

VERSION = 1

# How a section's items are numbered, and the kinds of section: their codes (the tree's
# values) and labels (the forms' choices), in the order they are offered.
ITEM_STYLE_LABELS = {
    "arabic": _("1. 2. 3."),
    "paren": _("(一) (二) (三)"),
    "ordinal": _("一是 二是 三是"),
    "none": _("No numbering"),
}
ITEM_STYLES = tuple(ITEM_STYLE_LABELS)

SECTION_KIND_LABELS = {
    "politics": _("Political theory and stance"),
    "duties": _("Duties and results"),
    "party": _("Party building and main responsibility"),
    "integrity": _("Integrity and self-discipline"),
    "law": _("Rule of law"),
    "ideology": _("Ideological work"),
    "conduct": _("Work style"),
    "problems": _("Problems and shortcomings"),
    "plans": _("Plans for the coming year"),
    "other": _("Other"),
}
SECTION_KINDS = tuple(SECTION_KIND_LABELS)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# -- field limits -------------------------------------------------------------
# How long each text field may be, in characters: the database columns, the wizard's
# fields, the autosave and the importer all read them from here.
LINE_MAX = 200  # title, subtitle, byline, section headings
LEAD_MAX = 2 * LINE_MAX  # an item's lead sentence
TEXT_MAX = 20_000  # a paragraph field: opening, intro, body, closing
NAME_MAX = 50  # the name under the report (and an official's name)

FIELD_LIMITS = {
    "title": LINE_MAX,
    "subtitle": LINE_MAX,
    "byline": LINE_MAX,
    "opening": TEXT_MAX,
    "closing": TEXT_MAX,
    "heading": LINE_MAX,
    "intro": TEXT_MAX,
    "lead": LEAD_MAX,
    "body": TEXT_MAX,
    "name": NAME_MAX,
}
ONE_LINE_FIELDS = frozenset({"title", "subtitle", "byline", "heading", "lead", "name"})


def too_long(text: str, limit: int) -> bool:
    """Whether ``text`` exceeds ``limit``, counted as everywhere (:func:`count_chars`: the
    characters, not the spaces and line breaks): the wizard's counter, its limit, the
    autosave and the importer agree. A one-line field's column also holds its spaces."""
    return count_chars(text) > limit or len(text) > stored_length(limit)


def stored_length(limit: int) -> int:
    """The column size of a field whose limit is ``limit``: room for a space after each."""
    return 2 * limit

# Speaking rate assumed for the reading time at a 述职 meeting (characters a minute).
READING_RATE = 220


def reading_minutes(chars: int) -> int:
    """Minutes to read ``chars`` characters aloud at READING_RATE, rounded up (0 for none).

    Rounded up because the figure is used to plan a meeting's time: a report of 1,100
    characters takes the fifth minute too.
    """
    return -(-chars // READING_RATE)


# -- places in the tree (``where``) -------------------------------------------

_WHERE = re.compile(
    r"^(?:(title|subtitle|byline|opening|closing)|signature\.(name|date)"
    r"|sections\[(\d{1,6})\](?:\.(heading|intro)|\.items\[(\d{1,6})\](?:\.(lead|body))?)?)$"
)


@dataclass(frozen=True)
class Where:
    """A place in the tree: a field of the report, of a section or of an item.

    ``field`` is ``""`` for a whole section (``sections[1]``) or item (``sections[1].items[0]``).
    """

    field: str
    section: int | None = None
    item: int | None = None

    @property
    def part(self) -> str:
        """``report``, ``signature``, ``section`` or ``item``."""
        if self.item is not None:
            return "item"
        if self.section is not None:
            return "section"
        return "signature" if self.field in ("name", "date") else "report"

    def __str__(self) -> str:
        if self.part == "report":
            return self.field
        if self.part == "signature":
            return f"signature.{self.field}"
        path = f"sections[{self.section}]"
        if self.item is not None:
            path += f".items[{self.item}]"
        return f"{path}.{self.field}" if self.field else path


def parse_where(path) -> Where | None:
    """The place that a ``where`` path such as ``sections[1].items[0].body`` names, or None."""
    match = _WHERE.match(path) if isinstance(path, str) else None
    if not match:
        return None
    report_field, signature_field, section, section_field, item, item_field = match.groups()
    if report_field:
        return Where(report_field)
    if signature_field:
        return Where(signature_field)
    if item is not None:
        return Where(item_field or "", int(section), int(item))
    return Where(section_field or "", int(section))


def field_limit(path: str) -> int | None:
    """The most characters the field at ``path`` may hold (None for a path that is no field)."""
    where = parse_where(path)
    return FIELD_LIMITS.get(where.field) if where else None


class TreeError(ValueError):
    """The JSON is not a valid report tree; the message says where and why."""


@dataclass
class Item:
    lead: str = ""
    body: str = ""

    def to_dict(self) -> dict:
        return {"lead": self.lead, "body": self.body}


@dataclass
class Section:
    heading: str = ""
    kind: str = ""
    item_style: str = "arabic"
    inline_items: bool = False
    intro: str = ""
    items: list[Item] = field(default_factory=list)

    def has_text(self) -> bool:
        """Whether anything is written in it besides the heading."""
        return bool(self.intro.strip()) or any(
            item.lead.strip() or item.body.strip() for item in self.items
        )

    def char_count(self) -> int:
        """Characters of its heading, intro and items, not counting whitespace."""
        return (
            count_chars(self.heading)
            + count_chars(self.intro)
            + sum(count_chars(item.lead) + count_chars(item.body) for item in self.items)
        )

    def to_dict(self) -> dict:
        return {
            "heading": self.heading,
            "kind": self.kind,
            "item_style": self.item_style,
            "inline_items": self.inline_items,
            "intro": self.intro,
            "items": [item.to_dict() for item in self.items],
        }


@dataclass
class Signature:
    name: str = ""
    date: str = ""  # ISO YYYY-MM-DD or ""

    def to_dict(self) -> dict:
        return {"name": self.name, "date": self.date}


@dataclass
class Report:
    title: str = ""
    subtitle: str = ""
    byline: str = ""
    opening: str = ""
    sections: list[Section] = field(default_factory=list)
    closing: str = ""
    signature: Signature | None = None
    version: int = VERSION

    # -- JSON -------------------------------------------------------------

    def to_dict(self) -> dict:
        return {
            "version": self.version,
            "title": self.title,
            "subtitle": self.subtitle,
            "byline": self.byline,
            "opening": self.opening,
            "sections": [s.to_dict() for s in self.sections],
            "closing": self.closing,
            "signature": self.signature.to_dict() if self.signature else None,
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON: equal trees have equal hashes."""
        canonical = json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @classmethod
    def from_dict(cls, data) -> Report:
        return _report_from_dict(data)

    @classmethod
    def from_json(cls, text: str) -> Report:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise TreeError(f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
        return _report_from_dict(data)

    # -- helpers ------------------------------------------------------------

    def text_fields(self):
        """Yield ``(path, text)`` for every text field, in reading order.

        ``path`` is the ``where`` of report-tree.md, e.g. ``sections[1].items[0].body``.
        """
        yield "title", self.title
        yield "subtitle", self.subtitle
        yield "byline", self.byline
        yield "opening", self.opening
        for i, section in enumerate(self.sections):
            yield f"sections[{i}].heading", section.heading
            yield f"sections[{i}].intro", section.intro
            for j, item in enumerate(section.items):
                yield f"sections[{i}].items[{j}].lead", item.lead
                yield f"sections[{i}].items[{j}].body", item.body
        yield "closing", self.closing
        if self.signature:
            yield "signature.name", self.signature.name

    def char_count(self) -> int:
        """Characters of text, not counting whitespace (what officials call 字数)."""
        return sum(count_chars(text) for _, text in self.text_fields())


def count_chars(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def format_date_cn(iso: str) -> str:
    """``2025-01-10`` -> ``2025年1月10日``; ``""`` stays ``""``."""
    if not iso:
        return ""
    d = date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


# -- validation -------------------------------------------------------------


def _str(data: dict, key: str, where: str) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TreeError(f"{where}{key}: expected a string, got {type(value).__name__}")
    return value


def _report_from_dict(data) -> Report:
    if not isinstance(data, dict):
        raise TreeError("the tree must be a JSON object")
    version = data.get("version", VERSION)
    if version != VERSION:
        raise TreeError(f"version: unsupported tree version {version!r} (expected {VERSION})")
    sections_data = data.get("sections", [])
    if not isinstance(sections_data, list):
        raise TreeError("sections: expected a list")
    sections = [_section_from_dict(s, i) for i, s in enumerate(sections_data)]
    signature = None
    sig = data.get("signature")
    if sig is not None:
        if not isinstance(sig, dict):
            raise TreeError("signature: expected an object or null")
        sig_date = _str(sig, "date", "signature.")
        if sig_date:
            if not _ISO_DATE.match(sig_date):
                raise TreeError(f"signature.date: expected YYYY-MM-DD, got {sig_date!r}")
            try:
                date.fromisoformat(sig_date)
            except ValueError:
                raise TreeError(f"signature.date: not a real date: {sig_date!r}") from None
        signature = Signature(name=_str(sig, "name", "signature."), date=sig_date)
    return Report(
        version=VERSION,
        title=_str(data, "title", ""),
        subtitle=_str(data, "subtitle", ""),
        byline=_str(data, "byline", ""),
        opening=_str(data, "opening", ""),
        sections=sections,
        closing=_str(data, "closing", ""),
        signature=signature,
    )


def _section_from_dict(data, index: int) -> Section:
    where = f"sections[{index}]."
    if not isinstance(data, dict):
        raise TreeError(f"sections[{index}]: expected an object")
    style = data.get("item_style", "arabic")
    if style not in ITEM_STYLES:
        raise TreeError(f"{where}item_style: must be one of {', '.join(ITEM_STYLES)}, got {style!r}")
    kind = _str(data, "kind", where)
    if kind and kind not in SECTION_KINDS:
        raise TreeError(f"{where}kind: unknown section kind {kind!r}")
    inline = data.get("inline_items", False)
    if not isinstance(inline, bool):
        raise TreeError(f"{where}inline_items: expected true or false")
    items_data = data.get("items", [])
    if not isinstance(items_data, list):
        raise TreeError(f"{where}items: expected a list")
    items = []
    for j, item in enumerate(items_data):
        if not isinstance(item, dict):
            raise TreeError(f"{where}items[{j}]: expected an object")
        items.append(Item(lead=_str(item, "lead", f"{where}items[{j}]."), body=_str(item, "body", f"{where}items[{j}].")))
    return Section(
        heading=_str(data, "heading", where),
        kind=kind,
        item_style=style,
        inline_items=inline,
        intro=_str(data, "intro", where),
        items=items,
    )
