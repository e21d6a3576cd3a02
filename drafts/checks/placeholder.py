"""Unfilled placeholders: ``*``, ``XX``, ``某某``, ``____``, ``（）`` left where a figure belongs."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .. import document
from .chars import mask_urls
from .findings import CheckContext, Hit, excerpt

_MEASURE = "个家次人项万亿千百元件名处起亩户批余条篇场所座期届名村镇区县市省位类宗套台辆吨米%％"
_PLACEHOLDER_RES = [
    # ** and * (not a multiplication sign between numbers)
    re.compile(r"(?<![0-9])[*＊]+|[*＊]{2,}|(?<=[0-9])[*＊](?![0-9])"),
    # XX, XXX, xxx, XXX.X — not inside a Latin word, not X光/X射线
    re.compile(
        r"(?<![A-Za-z])(?:[XxＸｘ]{2,}(?:[.．][XxＸｘ]+)?|[XxＸｘ][.．][XxＸｘ]+)(?![A-Za-z])"
    ),
    re.compile(rf"(?<![A-Za-z0-9])[XxＸｘ](?=[{_MEASURE}])"),
    re.compile(r"(?<=[第约近达共超逾计])[XxＸｘ](?![A-Za-z光射线])"),
    re.compile(r"××+|(?<![0-9\s])×(?!\s*[0-9])|(?<=[^0-9\s])×(?=\s*[0-9])"),
    re.compile(r"某某+"),
    re.compile(r"[_＿]{2,}"),
    re.compile(r"○{2,}|□+"),
    re.compile(r"[（(]\s*[）)]|【\s*】|【[^】\n]{0,20}(?:填写|输入|填入)[^】\n]{0,20}】"),
]


_PLACEHOLDER_ANY = re.compile("|".join(f"(?:{r.pattern})" for r in _PLACEHOLDER_RES))
_PLACEHOLDER_CHARS = re.compile(r"[*＊XxＸｘ×某_＿○□（(【]")


def placeholder_spans(text: str) -> list[tuple[int, int]]:
    if not _PLACEHOLDER_CHARS.search(text):
        return []
    masked = mask_urls(text) if ("://" in text or "www." in text or "@" in text) else text
    spans: list[tuple[int, int]] = []
    # One pass finds the leftmost match; overlapping alternatives are found per pattern only
    # where the combined pass found something.
    if not _PLACEHOLDER_ANY.search(masked):
        return []
    for regex in _PLACEHOLDER_RES:
        for m in regex.finditer(masked):
            if m.group(0).strip():
                spans.append((m.start(), m.end()))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def check_placeholder(tree: document.Report, context: CheckContext) -> list[Hit]:
    out = []
    for where, text in tree.text_fields():
        for start, end in placeholder_spans(text):
            token = text[start:end]
            out.append(
                Hit(
                    where,
                    start,
                    excerpt(text, start, end),
                    _("Unfilled placeholder “%(token)s”: replace it with the real figure or text.")
                    % {"token": token},
                    length=end - start,
                )
            )
    return out
