"""Sentences said twice in the report, and sentences taken over from last year's report."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from rapidfuzz import fuzz
from rapidfuzz.process import extractOne

from .. import document
from .findings import CheckContext, Hit

_SENTENCE_RE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_NORM_RE = re.compile(r"[\s，。、；：！？“”‘’（）,.;:!?()\"'《》]")
MIN_SENTENCE = 12
_NOT_PROSE = frozenset({"title", "subtitle", "byline", "heading", "name"})  # lines, not sentences


def sentences(tree: document.Report):
    """(where, offset, sentence, normalised) for every sentence of the tree's running text."""
    for where, text in tree.text_fields():
        if document.parse_where(where).field in _NOT_PROSE:
            continue
        for m in _SENTENCE_RE.finditer(text):
            norm = _NORM_RE.sub("", m.group(0))
            if len(norm) >= MIN_SENTENCE:
                yield where, m.start(), m.group(0), norm


def check_repeated_sentence(tree: document.Report, context: CheckContext) -> list[Hit]:
    seen: dict[str, str] = {}
    out = []
    for where, offset, sentence, norm in sentences(tree):
        if norm in seen:
            out.append(
                Hit(
                    where,
                    offset,
                    sentence[:40],
                    _("This sentence already appears earlier in the report (%(first)s).")
                    % {"first": _where_label(seen[norm])},
                )
            )
        else:
            seen[norm] = where
    return out


def _where_label(path: str) -> str:
    where = document.parse_where(path)
    if where is None or where.section is None:
        return {"opening": _("opening"), "closing": _("closing")}.get(path, path)
    if where.item is not None:
        return _("section %(s)d, item %(i)d") % {"s": where.section + 1, "i": where.item + 1}
    return _("section %(n)d") % {"n": where.section + 1}


REUSE_SCORE = 88  # rapidfuzz ratio (0-100) from which a sentence counts as taken over
REUSE_FIELD_SHARE = 0.5


def check_reused_from_previous(tree: document.Report, context: CheckContext) -> list[Hit]:
    previous = context.previous
    if previous is None:
        return []
    current = list(sentences(tree))
    before = list({norm for *_rest, norm in sentences(previous)})
    if not current or not before:
        return []
    exact = set(before)
    reused = [c[3] in exact for c in current]
    todo = [k for k, flag in enumerate(reused) if not flag]
    for k in todo:
        if extractOne(current[k][3], before, scorer=fuzz.ratio, score_cutoff=REUSE_SCORE):
            reused[k] = True
    total_chars = sum(len(c[3]) for c in current)
    reused_chars = sum(len(c[3]) for c, flag in zip(current, reused, strict=True) if flag)
    out = []
    if not reused_chars:
        return out
    share = reused_chars / total_chars
    out.append(
        Hit(
            "",
            0,
            "",
            _(
                "About %(pct)d%% of the text is the same as or very close to last year's report. "
                "Reviewers expect this year's work in this year's words."
            )
            % {"pct": round(share * 100)},
        )
    )
    by_field: dict[str, list] = {}
    for c, flag in zip(current, reused, strict=True):
        by_field.setdefault(c[0], []).append((c, flag))
    for where, rows in by_field.items():
        field_total = sum(len(c[3]) for c, _f in rows)
        field_reused = sum(len(c[3]) for c, f in rows if f)
        first = next((c for c, f in rows if f), None)
        if first is None:
            continue
        if field_reused / field_total >= REUSE_FIELD_SHARE or len(rows) == 1:
            out.append(
                Hit(
                    where,
                    first[1],
                    first[2][:40],
                    _("%(pct)d%% of this passage is taken over from last year's report.")
                    % {"pct": round(field_reused / field_total * 100)},
                )
            )
        else:
            for c, f in rows:
                if f:
                    out.append(
                        Hit(
                            where,
                            c[1],
                            c[2][:40],
                            _("This sentence is taken over from last year's report."),
                        )
                    )
    return out
