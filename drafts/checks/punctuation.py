"""Half-width punctuation (``,`` ``;`` ``(…)``) in Chinese text, and its fix."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .. import document
from .chars import CJK_RE, is_cjk, mask_urls
from .findings import CheckContext, Hit, excerpt

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _halfwidth_positions(text: str) -> list[int]:
    masked = mask_urls(text)
    positions = []
    # Parentheses in pairs: a pair touching or containing Chinese becomes full-width.
    stack: list[int] = []
    for i, ch in enumerate(masked):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            start = stack.pop()
            inner = masked[start + 1 : i]
            if (
                CJK_RE.search(inner)
                or is_cjk(_neighbour(masked, start, -1))
                or is_cjk(_neighbour(masked, i, 1))
            ):
                positions += [start, i]
    for i, ch in enumerate(masked):
        if ch not in ",;:?!":
            continue
        before, after = _neighbour(masked, i, -1), _neighbour(masked, i, 1)
        if before.isdigit() and after.isdigit():
            continue  # 1,000 / 8:30 / 1:500
        if (
            is_cjk(before)
            or (is_cjk(after) and not before.isascii())
            or (is_cjk(after) and (before == "" or before.isdigit() or before in ")）"))
        ):
            positions.append(i)
    return sorted(set(positions))


def _halfwidth_edits(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, replacement)`` for each half-width mark in Chinese context: the mark made
    full-width, with the spaces it needed beside it (a full-width mark has its own)."""
    edits = []
    for i in _halfwidth_positions(text):
        full = _HALF_TO_FULL[text[i]]
        start, end = i, i + 1
        if full != "（":  # a space before an opening bracket may separate words
            while start > 0 and text[start - 1] == " ":
                start -= 1
        if full in "，；：？！）":
            j = end
            while j < len(text) and text[j] == " ":
                j += 1
            if j > end and j < len(text) and not (text[j].isspace() or text[j].isascii() and text[j].isalnum()):
                end = j
        edits.append((start, end, full))
    return edits


def halfwidth_fix(text: str) -> str:
    """``text`` with half-width punctuation in Chinese context made full-width."""
    out, last = [], 0
    for start, end, full in _halfwidth_edits(text):
        start = max(start, last)
        out.append(text[last:start])
        out.append(full)
        last = end
    out.append(text[last:])
    return "".join(out)


def check_halfwidth_punct(tree: document.Report, context: CheckContext) -> list[Hit]:
    out = []
    for where, text in tree.text_fields():
        edits = _halfwidth_edits(text)
        if not edits:
            continue
        positions = _halfwidth_positions(text)
        first = positions[0]
        marks = "".join(sorted({text[i] for i in positions}))
        out.append(
            Hit(
                where,
                edits[0][0],
                excerpt(text, first, first + 1),
                _(
                    "%(n)d half-width punctuation mark(s) (%(marks)s) in Chinese text: Chinese text "
                    "uses full-width marks such as “，” and “（）”."
                )
                % {"n": len(positions), "marks": marks},
                fix=halfwidth_fix(text),
                length=edits[-1][1] - edits[0][0],
            )
        )
    return out


# -- sentence punctuation ------------------------------------------------------------------

# How strongly each mark ends what precedes it: of a clash like ，。 the strongest stays.
_STRENGTH = {"、": 1, "，": 1, "：": 2, "；": 3, "。": 4, "？": 4, "！": 4}
_RUN_RE = re.compile("[、，：；。？！]{2,}")
_MIXED_OK = frozenset({"？！", "！？"})  # a question said with force


def check_doubled_punct(tree: document.Report, context: CheckContext) -> list[Hit]:
    """``。。``, ``，。``, ``；。``: two sentence marks in a row, where one belongs."""
    out = []
    for where, text in tree.text_fields():
        for m in _RUN_RE.finditer(text):
            run = m.group(0)
            if run in _MIXED_OK:
                continue
            keep = max(reversed(run), key=lambda c: _STRENGTH[c])
            out.append(
                Hit(
                    where,
                    m.start(),
                    excerpt(text, m.start(), m.end()),
                    _("“%(run)s”: two punctuation marks in a row; one “%(keep)s” belongs here.")
                    % {"run": run, "keep": keep},
                    replacement=keep,
                    length=len(run),
                )
            )
    return out


_PROSE = frozenset({"opening", "intro", "body", "closing"})
_FINAL = "。！？；：…—.!?;:"
_CLOSERS = "”’」』）》】)\"'"
_TRAILING_SPACE = " \t\u3000\u00a0"


def check_missing_final_punct(tree: document.Report, context: CheckContext) -> list[Hit]:
    """A paragraph of running text that ends without a full stop (or ？！；：)."""
    out = []
    for where, text in tree.text_fields():
        if document.parse_where(where).field not in _PROSE:
            continue
        start = 0
        for line in text.split("\n"):
            stripped = line.rstrip(_TRAILING_SPACE)
            end = start + len(stripped)
            core = stripped.rstrip(_CLOSERS)
            if core and CJK_RE.search(core) and core[-1] not in _FINAL:
                out.append(
                    Hit(
                        where,
                        end,
                        stripped[-12:],
                        _("This paragraph does not end with a full stop “。”."),
                        replacement="。",
                        length=0,
                    )
                )
            start += len(line) + 1
    return out


_PAIRS = {"“": "”", "（": "）", "《": "》", "【": "】", "「": "」", "『": "』"}
_CLOSING = {v: k for k, v in _PAIRS.items()}


def unbalanced(text: str) -> list[tuple[int, str]]:
    """Positions of marks that open a pair never closed, or close one never opened."""
    stack: list[tuple[int, str]] = []
    bad = []
    for i, ch in enumerate(text):
        if ch in _PAIRS:
            stack.append((i, ch))
        elif ch in _CLOSING:
            if stack and stack[-1][1] == _CLOSING[ch]:
                stack.pop()
            elif any(o == _CLOSING[ch] for _i, o in stack):
                while stack[-1][1] != _CLOSING[ch]:  # the ones opened inside are unclosed
                    bad.append(stack.pop())
                stack.pop()
            else:
                bad.append((i, ch))
    return sorted(bad + stack)


def check_unbalanced_pairs(tree: document.Report, context: CheckContext) -> list[Hit]:
    out = []
    for where, text in tree.text_fields():
        if not any(c in text for c in "“”（）《》【】「」『』"):
            continue
        for i, ch in unbalanced(text):
            if ch in _PAIRS:
                message = _("“%(mark)s” is opened here but never closed with “%(close)s”.") % {
                    "mark": ch,
                    "close": _PAIRS[ch],
                }
            else:
                message = _("“%(mark)s” closes a “%(open)s” that was never opened.") % {
                    "mark": ch,
                    "open": _CLOSING[ch],
                }
            out.append(Hit(where, i, excerpt(text, i, i + 1), message, length=1))
    return out


# Headings and titles print on their own line without a mark at the end; a lead sentence
# gets its 。 from the layout, so a comma or an enumeration mark there prints as “，。”.
_LINE_END = {
    "title": "。，、；：！？.,;:!?",
    "heading": "。，、；：！？.,;:!?",
    "lead": "，、；,;",
}


def check_heading_punct(tree: document.Report, context: CheckContext) -> list[Hit]:
    out = []
    for where, text in tree.text_fields():
        marks = _LINE_END.get(document.parse_where(where).field)
        if not marks:
            continue
        core = text.rstrip(_TRAILING_SPACE)
        trimmed = core.rstrip(marks)
        if trimmed == core or not trimmed:
            continue
        out.append(
            Hit(
                where,
                len(trimmed),
                core[-12:],
                _("“%(marks)s” at the end of a heading or lead sentence: it prints there as it is. Delete it.")
                % {"marks": core[len(trimmed) :]},
                replacement="",
                length=len(core) - len(trimmed),
            )
        )
    return out
