"""Plain text -> report tree, following the rules of ``shared/design/report-tree.md``.

Two stages:

1. :func:`text_to_blocks` splits the text into *blocks*, each a paragraph (or a piece of
   one, for run-in headings and items) with a role: ``title``, ``subtitle``, ``byline``,
   ``opening``, ``heading``, ``item``, ``body``, ``closing``, ``signature``.
2. :func:`blocks_to_tree` assembles the tree from the blocks.

The import page lets the user re-level, merge and split blocks and then calls
:func:`blocks_to_tree` again, so stage 2 must accept any sequence of blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .. import document
from ..numbering import chinese_numeral
from ..textclean import clean_text

# -- patterns ---------------------------------------------------------------

CN_DIGITS = "一二三四五六七八九十"
_CN = f"[{CN_DIGITS}]{{1,3}}"

# Web-scrape debris: ##paidbegin## / ##paidend## and the like.
DEBRIS_RE = re.compile(r"##[A-Za-z_]{2,30}##")

# Whitespace that carries no meaning (full-width spaces, NBSP, tabs, zero-width).
EDGE_SPACE = " \t\u3000\u00a0\u200b\ufeff\u2002\u2003"

HEADING_RE = re.compile(rf"^({_CN})\s*[、]\s*")
ITEM_RES = {
    "arabic": re.compile(r"^(\d{1,2})\s*[.．、](?!\d)\s*"),
    "paren": re.compile(rf"^[（(]\s*({_CN})\s*[）)]\s*"),
    "ordinal": re.compile(rf"^({_CN})是(?![的否])"),
}
# A run-in item marker follows the end of a sentence (or a colon) inside a paragraph.
_RUNIN_RES = {
    "ordinal": re.compile(rf"(?<=[。；！？：;!?:])\s*({_CN})是(?![的否])"),
    "paren": re.compile(rf"(?<=[。；！？：;!?:])\s*[（(]\s*({_CN})\s*[）)]"),
}
# Depth of each item style: （一） > 1. > 一是 (a deeper marker stays in the item's body).
_RANK = {"paren": 1, "arabic": 2, "ordinal": 3}

_SENTENCE_END = "。！？!?；;"
_TITLE_MAX = 60
_BYLINE_MAX = 50
_CLOSING_CUES = (
    "一年来",
    "一年以来",
    "回顾",
    "总之",
    "总的来看",
    "总的来说",
    "总体来看",
    "过去的一年",
    "过去一年",
    "今后",
    "新的一年",
    "在新的一年",
    "展望",
    "综上",
    "以上",
    "下一步",
    "下步",
    "我将",
    "最后",
)
_SIGNATURE_DATE_RE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_SIGNATURE_LABEL_RE = re.compile(r"^(?:述职人|报告人|汇报人)[:：]\s*")
_SUBTITLE_RE = re.compile(r"^(.*?)\s*([（(][^（）()]{1,30}[）)])$")

_KIND_KEYWORDS = (
    ("problems", ("问题", "不足", "差距", "短板")),
    ("plans", ("打算", "努力方向", "下一步", "下步", "今后", "展望")),
    ("integrity", ("廉洁", "廉政", "自律", "清廉", "述廉")),
    ("ideology", ("意识形态",)),
    ("law", ("法治", "依法", "述法", "法律", "法规")),
    ("party", ("党建", "主体责任", "从严治党", "基层党")),
    ("politics", ("政治", "理论", "学习", "思想")),
    ("conduct", ("作风", "纪律")),
    ("duties", ("履职", "履责", "职责", "工作", "发展", "实绩", "业绩", "任务")),
)

ROLES = (
    "title",
    "subtitle",
    "byline",
    "opening",
    "heading",
    "item",
    "body",
    "closing",
    "signature",
)


@dataclass
class Block:
    """One paragraph, or a piece of one, with its role in the report."""

    role: str
    text: str
    style: str = ""  # item blocks: arabic / paren / ordinal
    runin: bool = False  # item blocks: found inside a paragraph, not at its start
    joined: bool = False  # body blocks: continue the previous block's paragraph
    number: str = ""  # heading and item blocks: the numeral of the source's marker

    def to_dict(self) -> dict:
        data = {"role": self.role, "text": self.text}
        if self.style:
            data["style"] = self.style
        if self.runin:
            data["runin"] = True
        if self.joined:
            data["joined"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Block:
        role = data.get("role")
        if role not in ROLES:
            raise ValueError(f"unknown block role {role!r}")
        text = data.get("text", "")
        if not isinstance(text, str):
            raise ValueError("block text must be a string")
        style = data.get("style", "")
        if style not in ("", "arabic", "paren", "ordinal"):
            raise ValueError(f"unknown item style {style!r}")
        return cls(
            role=role,
            text=clean_text(text),
            style=style,
            runin=bool(data.get("runin")),
            joined=bool(data.get("joined")),
        )


# -- stage 1: paragraphs -> blocks ----------------------------------------------


def paragraphs(text: str, keep_debris: bool = False) -> list[str]:
    """Non-empty paragraphs, cleaned, debris removed, edge whitespace stripped."""
    out = []
    for line in clean_text(text).split("\n"):
        if not keep_debris:
            line = DEBRIS_RE.sub("", line)
        line = line.strip(EDGE_SPACE + " \r\n")
        if line:
            out.append(line)
    return out


def _split_first_sentence(text: str) -> tuple[str, str]:
    """``"lead。rest"`` -> ``("lead", "rest")``; without ``。`` the whole text is the lead."""
    pos = text.find("。")
    if pos < 0:
        return text.strip(EDGE_SPACE), ""
    return text[:pos].strip(EDGE_SPACE), text[pos + 1 :].strip(EDGE_SPACE)


def _item_marker(text: str) -> tuple[str, re.Match] | None:
    for style, regex in ITEM_RES.items():
        m = regex.match(text)
        if m and m.end() < len(text):
            return style, m
    return None


def _runin_splits(text: str, style: str, continuing: bool) -> list[tuple[int, int]]:
    """(marker start, marker end) of run-in items of ``style`` inside ``text``.

    A new run must begin with 一 (``一是`` / ``（一）``); when ``continuing`` (the section
    already has items of that style) any numeral may follow.
    """
    spans = []
    for m in _RUNIN_RES[style].finditer(text):
        if m.end() >= len(text):
            continue
        if not spans and not continuing and m.group(1) != "一":
            continue
        spans.append((m.start(), m.end(), m.group(1)))
    return spans


def _looks_like_title(line: str) -> bool:
    return (
        len(line) <= _TITLE_MAX
        and not any(ch in line for ch in "。！？!?；;，,：:")
        and not HEADING_RE.match(line)
        and _item_marker(line) is None
    )


def _looks_like_byline(line: str) -> bool:
    return (
        len(line) <= _BYLINE_MAX
        and not any(ch in line for ch in "。！？!?；;，,：:、")
        and not HEADING_RE.match(line)
        and _item_marker(line) is None
        and not line.startswith(_CLOSING_CUES)
    )


class _Splitter:
    """Stage 1 state: which section style is in force decides how markers are read."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.in_section = False
        self.style = ""  # item style of the current section, "" before its first item

    def add_heading(self, para: str, m: re.Match) -> None:
        self.in_section = True
        self.style = ""
        rest = para[m.end() :]
        heading, text = _split_first_sentence(rest)
        self.blocks.append(Block("heading", heading, number=m.group(1)))
        if text:
            self.add_section_text(text, joined=True)

    def add_section_text(self, text: str, joined: bool) -> None:
        """Text of a section that is not at an item marker: intro or item body, maybe run-ins."""
        styles = (
            [self.style] if self.style in _RUNIN_RES else ([] if self.style else list(_RUNIN_RES))
        )
        for style in styles:
            spans = _runin_splits(text, style, continuing=self.style == style)
            if spans:
                head = text[: spans[0][0]].strip(EDGE_SPACE)
                if head:
                    self.blocks.append(Block("body", head, joined=joined))
                self._add_runin_items(text, spans, style)
                return
        self.blocks.append(Block("body", text, joined=joined))

    def _add_runin_items(self, text: str, spans, style: str) -> None:
        self.style = self.style or style
        for k, (_start, end, number) in enumerate(spans):
            stop = spans[k + 1][0] if k + 1 < len(spans) else len(text)
            self.blocks.append(
                Block(
                    "item",
                    text[end:stop].strip(EDGE_SPACE),
                    style=style,
                    runin=True,
                    number=number,
                )
            )

    def add_item(self, para: str, style: str, m: re.Match) -> None:
        self.style = self.style or style
        rest = para[m.end() :]
        if style in _RUNIN_RES and self.style == style:
            spans = _runin_splits(rest, style, continuing=True)
            if spans:
                self.blocks.append(
                    Block(
                        "item",
                        rest[: spans[0][0]].strip(EDGE_SPACE),
                        style=style,
                        number=m.group(1),
                    )
                )
                self._add_runin_items(rest, spans, style)
                return
        self.blocks.append(Block("item", rest.strip(EDGE_SPACE), style=style, number=m.group(1)))

    def add_paragraph(self, para: str) -> None:
        m = HEADING_RE.match(para)
        if m and m.end() < len(para):
            self.add_heading(para, m)
            return
        if not self.in_section:
            self.blocks.append(Block("opening", para))
            return
        marker = _item_marker(para)
        if marker:
            style, m = marker
            deeper = self.style and _RANK[style] > _RANK[self.style]
            if not deeper:
                self.add_item(para, style, m)
                return
            # A deeper level (一是 inside a 1. item) stays in the item's body, marker and all.
            self.blocks.append(Block("body", para))
            return
        self.add_section_text(para, joined=False)


def text_to_blocks(text: str, keep_debris: bool = False) -> list[Block]:
    paras = paragraphs(text, keep_debris)
    splitter = _Splitter()
    start = 0
    # Title, subtitle and byline at the top.
    if len(paras) > 1 and _looks_like_title(paras[0]):
        m = _SUBTITLE_RE.match(paras[0])
        if m and m.group(1):
            splitter.blocks.append(Block("title", m.group(1)))
            splitter.blocks.append(Block("subtitle", m.group(2)))
        else:
            splitter.blocks.append(Block("title", paras[0]))
        start = 1
        if (
            len(paras) > start + 1
            and _SUBTITLE_RE.match(paras[start])
            and not _SUBTITLE_RE.match(paras[start]).group(1)
            and not any(b.role == "subtitle" for b in splitter.blocks)
        ):
            splitter.blocks.append(Block("subtitle", paras[start]))
            start += 1
        if len(paras) > start + 1 and _looks_like_byline(paras[start]):
            splitter.blocks.append(Block("byline", paras[start]))
            start += 1
    body_paras = _promote_top_level(paras[start:])
    # Signature at the very end: an optional name line and a date line.
    tail: list[Block] = []
    if (
        len(body_paras) > 1
        and _SIGNATURE_DATE_RE.match(body_paras[-1])
        and _valid_date(body_paras[-1])
    ):
        tail.append(Block("signature", body_paras.pop()))
        if len(body_paras) > 1 and len(body_paras[-1]) <= 20 and _looks_like_byline(body_paras[-1]):
            tail.insert(0, Block("signature", body_paras.pop()))
        elif len(body_paras) > 1 and _SIGNATURE_LABEL_RE.match(body_paras[-1]):
            tail.insert(0, Block("signature", body_paras.pop()))
    elif body_paras and _SIGNATURE_LABEL_RE.match(body_paras[-1]) and len(body_paras[-1]) <= 30:
        tail.append(Block("signature", body_paras.pop()))
    for para in body_paras:
        splitter.add_paragraph(para)
    blocks = splitter.blocks
    _mark_closing(blocks)
    return blocks + tail


def _promote_top_level(paras: list[str]) -> list[str]:
    """Without any ``一、`` heading, the outermost item level (（一） or 1.) numbers the
    sections: rewrite those markers as ``一、`` so that they are read as headings."""
    if any(HEADING_RE.match(p) for p in paras):
        return paras
    for style in ("paren", "arabic"):
        hits = [k for k, p in enumerate(paras) if _item_marker(p) and _item_marker(p)[0] == style]
        if len(hits) >= 2:
            out = list(paras)
            for k in hits:
                m = ITEM_RES[style].match(out[k])
                n = int(m.group(1)) if m.group(1).isdigit() else 0
                numeral = chinese_numeral(n) if n else m.group(1)
                out[k] = f"{numeral}、{out[k][m.end() :]}"
            return out
    return paras


def _valid_date(line: str) -> bool:
    m = _SIGNATURE_DATE_RE.match(line)
    try:
        date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return False
    return True


def _mark_closing(blocks: list[Block]) -> None:
    """The last section's trailing unmarked paragraphs that look back or ahead -> closing."""
    last_heading = max((i for i, b in enumerate(blocks) if b.role == "heading"), default=None)
    if last_heading is None:
        return
    # Trailing standalone body paragraphs (not run-in continuations, not deeper markers).
    k = len(blocks)
    while k - 1 > last_heading and blocks[k - 1].role == "body" and not blocks[k - 1].joined:
        k -= 1
    for i in range(k, len(blocks)):
        has_content = any(b.text for b in blocks[last_heading + 1 : i])
        if (
            has_content
            and blocks[i].text.startswith(_CLOSING_CUES)
            and not _item_marker(blocks[i].text)
        ):
            for b in blocks[i:]:
                b.role = "closing"
            return


# -- stage 2: blocks -> tree --------------------------------------------------------


def guess_kind(heading: str) -> str:
    for kind, words in _KIND_KEYWORDS:
        if any(w in heading for w in words):
            return kind
    return ""


@dataclass
class _Sec:
    heading: str
    intro: list[str] = field(default_factory=list)
    items: list[list] = field(default_factory=list)  # [lead, [body paragraphs]]
    style: str = ""
    inline: bool = False


def _append_para(paras: list[str], text: str, joined: bool) -> None:
    if joined and paras:
        paras[-1] += text
    else:
        paras.append(text)


def _parse_signature(lines: list[str]) -> document.Signature | None:
    if not lines:
        return None
    name, iso = "", ""
    for line in lines:
        m = _SIGNATURE_DATE_RE.match(line)
        if m and _valid_date(line):
            iso = date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        else:
            name = _SIGNATURE_LABEL_RE.sub("", line).strip()
    return document.Signature(name=name, date=iso)


def blocks_to_tree(blocks: list[Block]) -> document.Report:
    """Assemble a tree from blocks. Any sequence of blocks gives a valid tree."""
    title, subtitle, byline = [], [], []
    opening: list[str] = []
    closing: list[str] = []
    signature: list[str] = []
    sections: list[_Sec] = []
    for block in blocks:
        role, text = block.role, block.text
        if role == "title":
            title.append(text)
        elif role == "subtitle":
            subtitle.append(text)
        elif role == "byline":
            byline.append(text)
        elif role == "signature":
            signature.append(text)
        elif role == "closing":
            closing.append(text)
        elif role == "heading":
            heading = text.strip(EDGE_SPACE)
            if heading.endswith("。"):
                heading = heading[:-1]
            sections.append(_Sec(heading=heading))
        elif role == "opening" or (role == "body" and not sections):
            if closing:
                closing.append(text)
            else:
                _append_para(opening, text, block.joined)
        elif role == "item":
            if not sections:
                sections.append(_Sec(heading=""))
            sec = sections[-1]
            lead, body = _split_first_sentence(text)
            sec.style = sec.style or block.style or "arabic"
            sec.inline = sec.inline or block.runin
            sec.items.append([lead, [body] if body else []])
        else:  # body
            if closing:
                closing.append(text)
                continue
            sec = sections[-1]
            if sec.items:
                body = sec.items[-1][1]
                if block.joined and not body:
                    body.append(text)
                else:
                    _append_para(body, text, block.joined)
            else:
                _append_para(sec.intro, text, block.joined)
    styles = [s.style for s in sections if s.style]
    default_style = max(set(styles), key=styles.count) if styles else "arabic"
    return document.Report(
        title=" ".join(title),
        subtitle=" ".join(subtitle),
        byline=" ".join(byline),
        opening="\n".join(opening),
        sections=[
            document.Section(
                heading=s.heading,
                kind=guess_kind(s.heading),
                item_style=s.style or default_style,
                inline_items=s.inline,
                intro="\n".join(s.intro),
                items=[document.Item(lead=lead, body="\n".join(body)) for lead, body in s.items],
            )
            for s in sections
        ],
        closing="\n".join(closing),
        signature=_parse_signature(signature),
    )


def tree_to_blocks(tree: document.Report) -> list[Block]:
    """The blocks of an existing tree (for the adjust step of the import page)."""
    blocks: list[Block] = []
    if tree.title:
        blocks.append(Block("title", tree.title))
    if tree.subtitle:
        blocks.append(Block("subtitle", tree.subtitle))
    if tree.byline:
        blocks.append(Block("byline", tree.byline))
    blocks += [Block("opening", p) for p in tree.opening.split("\n") if p]
    for s in tree.sections:
        blocks.append(Block("heading", s.heading))
        style = s.item_style if s.item_style in _RANK else ""
        blocks += [Block("body", p) for p in s.intro.split("\n") if p]
        for item in s.items:
            body = item.body.split("\n") if item.body else []
            first = f"{item.lead}。{body[0]}" if body else item.lead
            blocks.append(Block("item", first, style=style or "arabic", runin=s.inline_items))
            blocks += [Block("body", p) for p in body[1:] if p]
    blocks += [Block("closing", p) for p in tree.closing.split("\n") if p]
    if tree.signature:
        if tree.signature.name:
            blocks.append(Block("signature", tree.signature.name))
        if tree.signature.date:
            blocks.append(Block("signature", document.format_date_cn(tree.signature.date)))
    return blocks


def parse_text(text: str, keep_debris: bool = False) -> document.Report:
    """Plain text of a report -> report tree (see report-tree.md for the rules).

    ``keep_debris`` leaves web-scrape debris in (for ``lint_report``, which reports it).
    """
    return blocks_to_tree(text_to_blocks(text, keep_debris))


def numbering_issues(blocks: list[Block]) -> list[tuple[str, str, str]]:
    """Ordinals of the source out of order or repeated: ``(where, found, expected)``.

    The tree numbers sections and items by position, so these are renumbered on import;
    the import page tells the user what changed. ``where`` is a tree path.
    """
    from ..numbering import chinese_to_int, item_marker, section_marker

    def value(numeral: str) -> int:
        if numeral.isdigit():
            return int(numeral)
        try:
            return chinese_to_int(numeral)
        except (ValueError, KeyError, TypeError):
            return 0

    issues = []
    s_index, i_index = -1, -1
    for block in blocks:
        if block.role == "heading":
            s_index, i_index = s_index + 1, -1
            n = value(block.number) if block.number else 0
            if n and n != s_index + 1:
                issues.append(
                    (f"sections[{s_index}].heading", f"{block.number}、", section_marker(s_index))
                )
        elif block.role == "item" and s_index >= 0:
            i_index += 1
            n = value(block.number) if block.number else 0
            if n and n != i_index + 1:
                found = item_marker(block.style, n - 1) if block.style else block.number
                issues.append(
                    (
                        f"sections[{s_index}].items[{i_index}].lead",
                        found,
                        item_marker(block.style, i_index),
                    )
                )
    return issues
