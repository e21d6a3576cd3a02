"""The report tree laid out as a flat list of paragraph blocks, shared by every writer.

This is where numbering, run-in items, lead sentences, title line breaking and the
signature's indents are decided, once; the HTML writer (preview and PDF) and the DOCX
writer only turn blocks into markup. Pure Python: no ORM, no request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import document, numbering
from .titles import break_title, char_width, text_width

__all__ = [
    "Block",
    "Run",
    "break_title",
    "build_blocks",
    "char_width",
    "official_name",
    "text_width",
]

# A lead sentence gets a 。 unless it already ends with one of these.
_SENTENCE_END = "。！？；：…!?;:"
_STRIP = " \t\u3000\u00a0"


@dataclass
class Run:
    """A stretch of text with one role: ``text``, ``marker`` or ``lead``."""

    text: str
    role: str = "text"
    anchor: str = ""  # id of the item that starts here (run-in items)
    style: str = ""  # the item style of a marker/lead (arabic, paren, ordinal, none)


@dataclass
class Block:
    """One paragraph of output.

    ``kind``: ``title`` (runs are its lines), ``subtitle``, ``byline``, ``heading``
    (a section heading, 一、), ``para`` (indented body text), ``blank`` (one empty grid line),
    ``signature-name``, ``signature-date``.
    ``group``: the part it belongs to: ``head``, ``opening``, ``s-0``…, ``closing``, ``signature``.
    """

    kind: str
    runs: list[Run] = field(default_factory=list)
    group: str = ""
    anchor: str = ""
    classes: tuple[str, ...] = ()
    right_indent_chars: float = 0.0  # signature lines: distance from the right margin
    keep_with_next: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs of a text field, indentation spaces removed."""
    return [p.strip(_STRIP) for p in (text or "").split("\n") if p.strip(_STRIP)]


def lead_sentence(lead: str) -> str:
    lead = lead.strip(_STRIP)
    if lead and lead[-1] not in _SENTENCE_END:
        lead += "。"
    return lead


def official_name(tree: document.Report) -> str:
    """The official the report is by: the signature's name, else the name that ends the
    byline (``示例县发展和改革局局长 张三`` -> ``张三``), else the byline."""
    if tree.signature and tree.signature.name.strip():
        return tree.signature.name.strip()
    byline = tree.byline.strip()
    return byline.split()[-1] if byline else ""


def signature_indents(name: str, date_text: str, gap: float = 2.0) -> tuple[float, float]:
    """Right indents (in characters) of the name and the date per GB/T 9704 7.3.5.2.

    The name is ``gap`` characters from the right; the date's first character is ``gap``
    characters right of the name's first character; if that would bring the date closer
    than ``gap`` to the right margin, the date gets ``gap`` and the name moves left.
    """
    n, d = text_width(name), text_width(date_text)
    name_right = gap
    if not date_text:
        return name_right, 0.0
    if not name:
        return 0.0, gap
    date_right = name_right + n - gap - d
    if date_right < gap:
        date_right = gap
        name_right = date_right + d + gap - n
    return name_right, date_right


def build_blocks(tree: document.Report, *, title_chars: int = 20) -> list[Block]:
    """Lay out ``tree`` as blocks, in reading order."""
    blocks: list[Block] = []
    head: list[Block] = []
    title_lines = break_title(tree.title, title_chars)
    if title_lines:
        head.append(Block("title", [Run(line) for line in title_lines], "head"))
    if tree.subtitle.strip(_STRIP):
        head.append(Block("subtitle", [Run(tree.subtitle.strip(_STRIP))], "head"))
    if tree.byline.strip(_STRIP):
        head.append(Block("byline", [Run(tree.byline.strip(_STRIP))], "head"))
    if head:
        blocks.extend(head)
        blocks.append(Block("blank", group="head"))

    for text in paragraphs(tree.opening):
        blocks.append(Block("para", [Run(text)], "opening", classes=("opening",)))

    for i, section in enumerate(tree.sections):
        blocks.extend(_section_blocks(section, i))

    for text in paragraphs(tree.closing):
        blocks.append(Block("para", [Run(text)], "closing", classes=("closing",)))

    sig = tree.signature
    if sig and (sig.name.strip(_STRIP) or sig.date):
        name = sig.name.strip(_STRIP)
        date_text = document.format_date_cn(sig.date)
        name_right, date_right = signature_indents(name, date_text)
        # The signature is never alone on a page: the last paragraph keeps with it.
        if blocks and blocks[-1].kind == "para":
            blocks[-1].keep_with_next = True
        blocks.append(Block("blank", group="signature", keep_with_next=True))
        if name:
            blocks.append(
                Block(
                    "signature-name",
                    [Run(name)],
                    "signature",
                    right_indent_chars=name_right,
                    keep_with_next=bool(date_text),
                )
            )
        if date_text:
            blocks.append(
                Block(
                    "signature-date",
                    [Run(date_text)],
                    "signature",
                    right_indent_chars=date_right,
                )
            )
    return blocks


def _section_blocks(section: document.Section, i: int) -> list[Block]:
    group = f"s-{i}"
    heading = section.heading.strip(_STRIP)
    out = [
        Block(
            "heading",
            [Run(numbering.section_marker(i), "marker"), Run(heading)],
            group,
            keep_with_next=True,
        )
    ]
    for k, text in enumerate(paragraphs(section.intro)):
        out.append(
            Block("para", [Run(text)], group, f"{group}-intro" if k == 0 else "", ("intro",))
        )
    style = section.item_style
    for j, item in enumerate(section.items):
        anchor = f"{group}-i-{j}"
        marker = numbering.item_marker(style, j)
        lead = lead_sentence(item.lead)
        body = paragraphs(item.body)
        runs = []
        if marker:
            runs.append(Run(marker, "marker", style=style))
        if lead:
            runs.append(Run(lead, "lead", style=style))
        if body:
            runs.append(Run(body[0], "text", style=style))
        if not runs:
            continue
        if section.inline_items:
            # Run-in items: the anchor sits on the item's first run, not on the paragraph.
            runs[0].anchor = anchor
            if out[-1].kind == "para" and out[-1].group == group:
                out[-1].runs.extend(runs)
            else:
                out.append(Block("para", runs, group, "", ("item", "items-inline")))
        else:
            out.append(Block("para", runs, group, anchor, ("item", f"item-{style}")))
        for text in body[1:]:
            out.append(Block("para", [Run(text)], group, "", ("item-more",)))
    return out
