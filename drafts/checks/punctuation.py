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


def halfwidth_fix(text: str) -> str:
    """``text`` with half-width punctuation in Chinese context made full-width."""
    positions = _halfwidth_positions(text)
    if not positions:
        return text
    chars = list(text)
    for i in positions:
        chars[i] = _HALF_TO_FULL[chars[i]]
    # A space the half-width comma needed is wrong after the full-width one.
    fixed = "".join(chars)
    return re.sub(
        r"([，；：？！）]) +(?=[^\sA-Za-z0-9])",
        r"\1",
        re.sub(r" +([，；：？！（）])", r"\1", fixed),
    )


def check_halfwidth_punct(tree: document.Report, context: CheckContext) -> list[Hit]:
    out = []
    for where, text in tree.text_fields():
        positions = _halfwidth_positions(text)
        if not positions:
            continue
        first = positions[0]
        marks = "".join(sorted({text[i] for i in positions}))
        out.append(
            Hit(
                where,
                first,
                excerpt(text, first, first + 1),
                _(
                    "%(n)d half-width punctuation mark(s) (%(marks)s) in Chinese text: Chinese text "
                    "uses full-width marks such as “，” and “（）”."
                )
                % {"n": len(positions), "marks": marks},
                fix=halfwidth_fix(text),
            )
        )
    return out




def fix_halfwidth_punct(where: str, text: str, tree: document.Report) -> str:
    return halfwidth_fix(text)
