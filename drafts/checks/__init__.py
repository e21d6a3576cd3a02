"""Checks ("lint") of a report tree: what a reviewer would send a report back for.

Pure: a tree (and optionally the official's previous report) in, findings out. The wizard
shows them per step, ``lint_report`` prints them, and the review workflow refuses a
submission while :func:`has_errors` is true.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _
from rapidfuzz import fuzz
from rapidfuzz.process import extractOne

from .. import document

ERROR = "error"
WARNING = "warning"

READING_CHARS_PER_MINUTE = 220  # a steady reading-aloud pace for Chinese
DEFAULT_MIN_CHARS = 1500
DEFAULT_MAX_CHARS = 12000


@dataclass
class Finding:
    code: str
    severity: str  # "error" | "warning"
    where: str  # a path of Report.text_fields(), "" for the whole report
    offset: int
    excerpt: str
    message: str
    fix: str | None = None  # replacement text for the whole field (automatic fix)

    def to_dict(self) -> dict:
        data = asdict(self)
        if self.fix is None:
            del data["fix"]
        return data


def has_errors(findings) -> bool:
    return any(f.severity == ERROR for f in findings)


def _excerpt(text: str, start: int, end: int, context: int = 6) -> str:
    return text[max(0, start - context) : min(len(text), end + context)].replace("\n", " ")


# -- character classes ----------------------------------------------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u201c\u201d\u2018\u2019\u2014\u2026"
_CJK_RE = re.compile(f"[{_HAN}{_CJK_PUNCT}]")
_URL_RE = re.compile(r"(?:https?://|www\.)[\w\-./?%&=:#~+@!,;]+|[\w.+-]+@[\w-]+\.[\w.]+", re.ASCII)
_EMAIL_OR_URL_MASK = "\x00"


def _mask_urls(text: str) -> str:
    return _URL_RE.sub(lambda m: _EMAIL_OR_URL_MASK * len(m.group(0)), text)


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK_RE.match(ch))


# -- placeholder ---------------------------------------------------------------------

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


def _placeholder_spans(text: str) -> list[tuple[int, int]]:
    if not _PLACEHOLDER_CHARS.search(text):
        return []
    masked = _mask_urls(text) if ("://" in text or "www." in text or "@" in text) else text
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


def check_placeholder(tree: document.Report) -> list[Finding]:
    out = []
    for where, text in tree.text_fields():
        for start, end in _placeholder_spans(text):
            token = text[start:end]
            out.append(
                Finding(
                    "placeholder",
                    ERROR,
                    where,
                    start,
                    _excerpt(text, start, end),
                    _("Unfilled placeholder “%(token)s”: replace it with the real figure or text.")
                    % {"token": token},
                )
            )
    return out


# -- scrape debris ----------------------------------------------------------------------------

_DEBRIS_RES = [
    re.compile(r"##[A-Za-z_]{2,30}##"),
    re.compile(r"</?(?:p|div|span|br|img|a|strong|b|i|font|table|tr|td)\b[^<>\n]{0,200}>", re.I),
    re.compile(r"&(?:nbsp|amp|lt|gt|quot|ensp|emsp|#\d{2,5});"),
    re.compile(
        r"\[(?:图片|img|image)\]|(?:本文|文章)来源[:：]|(?:免费)?下载全文|点击(?:查看|下载|阅读)"
    ),
]


def check_scrape_debris(tree: document.Report) -> list[Finding]:
    out = []
    for where, text in tree.text_fields():
        for regex in _DEBRIS_RES:
            for m in regex.finditer(text):
                out.append(
                    Finding(
                        "scrape_debris",
                        ERROR,
                        where,
                        m.start(),
                        _excerpt(text, m.start(), m.end()),
                        _("Web-page debris “%(token)s” left in the text: delete it.")
                        % {"token": m.group(0)},
                    )
                )
    return out


# -- half-width punctuation ---------------------------------------------------------------

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _halfwidth_positions(text: str) -> list[int]:
    masked = _mask_urls(text)
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
                _CJK_RE.search(inner)
                or _is_cjk(_neighbour(masked, start, -1))
                or _is_cjk(_neighbour(masked, i, 1))
            ):
                positions += [start, i]
    for i, ch in enumerate(masked):
        if ch not in ",;:?!":
            continue
        before, after = _neighbour(masked, i, -1), _neighbour(masked, i, 1)
        if before.isdigit() and after.isdigit():
            continue  # 1,000 / 8:30 / 1:500
        if (
            _is_cjk(before)
            or (_is_cjk(after) and not before.isascii())
            or (_is_cjk(after) and (before == "" or before.isdigit() or before in ")）"))
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


def check_halfwidth_punct(tree: document.Report) -> list[Finding]:
    out = []
    for where, text in tree.text_fields():
        positions = _halfwidth_positions(text)
        if not positions:
            continue
        first = positions[0]
        marks = "".join(sorted({text[i] for i in positions}))
        out.append(
            Finding(
                "halfwidth_punct",
                WARNING,
                where,
                first,
                _excerpt(text, first, first + 1),
                _(
                    "%(n)d half-width punctuation mark(s) (%(marks)s) in Chinese text: Chinese text "
                    "uses full-width marks such as “，” and “（）”."
                )
                % {"n": len(positions), "marks": marks},
                fix=halfwidth_fix(text),
            )
        )
    return out


# -- numbering inside a field ----------------------------------------------------------------

_CN_NUM = "一二三四五六七八九十"
_ORD_RE = re.compile(rf"(?:^|(?<=[。；！？：;!?:\n]))\s*([{_CN_NUM}]{{1,3}})是(?![的否])", re.M)
_PAREN_RE = re.compile(rf"(?:^|(?<=[。；！？：;!?:\n]))\s*[（(]([{_CN_NUM}]{{1,3}})[）)]", re.M)
_ARABIC_RE = re.compile(r"^\s*(\d{1,2})[.．、](?!\d)", re.M)


_CN_VALUES: dict[str, int] = {}


def _cn_value(s: str) -> int:
    if not _CN_VALUES:
        from ..numbering import chinese_numeral

        _CN_VALUES.update({chinese_numeral(n): n for n in range(1, 100)})
    return _CN_VALUES.get(s, 0)


def _sequence_findings(where: str, text: str, matches, fmt) -> list[Finding]:
    out = []
    expected = 1
    for m in matches:
        value = int(m.group(1)) if m.group(1).isdigit() else _cn_value(m.group(1))
        if value == 0:
            continue
        if value == 1 and expected != 1:
            expected = 1  # a new run restarts the numbering
        if value != expected:
            marker = fmt(value)
            if value < expected:
                message = _(
                    "The number “%(marker)s” repeats or goes backwards (expected “%(expected)s”)."
                )
            else:
                message = _("The numbering skips: “%(marker)s” where “%(expected)s” was expected.")
            start = m.start(1)
            out.append(
                Finding(
                    "numbering",
                    WARNING,
                    where,
                    start,
                    _excerpt(text, start, m.end()),
                    message % {"marker": marker, "expected": fmt(expected)},
                )
            )
        expected = value + 1
    return out


# -- numbers typed by hand where the report numbers automatically -------------------------------

_HEADING_MARKER_RE = re.compile(
    rf"^[\s\u3000]*(?:[{_CN_NUM}]{{1,3}}[\s\u3000]*[、.．]|第[{_CN_NUM}]{{1,3}}(?:部分|章|节)"
    rf"[\s\u3000]*[、.．:：]?|\d{{1,2}}[.．、](?!\d))[\s\u3000]*"
)
_LEAD_MARKER_RE = re.compile(
    rf"^[\s\u3000]*(?:\d{{1,2}}[.．、](?!\d)|[（(][{_CN_NUM}]{{1,3}}[）)]|[{_CN_NUM}]{{1,3}}是(?![的否])"
    rf"|[{_CN_NUM}]{{1,3}}[、])[\s\u3000]*"
)


def _typed_marker(where: str, text: str, tree: document.Report) -> re.Match | None:
    """The number typed at the start of a heading or an item's lead sentence, if any."""
    if where.endswith(".heading"):
        return _HEADING_MARKER_RE.match(text)
    if where.endswith(".lead"):
        i = int(where.split("]", 1)[0].rsplit("[", 1)[1])
        if tree.sections[i].item_style != "none":
            return _LEAD_MARKER_RE.match(text)
    return None


def typed_marker_fix(where: str, text: str, tree: document.Report) -> str:
    m = _typed_marker(where, text, tree)
    return text[m.end() :] if m and m.end() < len(text) else text


def check_typed_marker(tree: document.Report) -> list[Finding]:
    """“一、” before a heading or “1.” before a lead sentence: printed twice (一、一、…)."""
    out = []
    for where, text in tree.text_fields():
        m = _typed_marker(where, text, tree) if text else None
        if not m or m.end() >= len(text):
            continue
        out.append(
            Finding(
                "typed_marker",
                WARNING,
                where,
                m.start(),
                text[: m.end() + 8],
                _(
                    "The number “%(marker)s” was typed by hand, but numbering is added "
                    "automatically, so it would be printed twice. Delete it."
                )
                % {"marker": m.group(0).strip()},
                fix=typed_marker_fix(where, text, tree),
            )
        )
    return out


def auto_fix(code: str, where: str, text: str, tree: document.Report) -> str | None:
    """The automatic fix of finding ``code`` for the field ``where`` (None: no fix)."""
    if code == "halfwidth_punct":
        return halfwidth_fix(text)
    if code == "typed_marker":
        return typed_marker_fix(where, text, tree)
    return None


def check_numbering(tree: document.Report) -> list[Finding]:
    from ..numbering import chinese_numeral

    out = []
    for where, text in tree.text_fields():
        if not text:
            continue
        typed = _typed_marker(where, text, tree)
        if typed:  # reported by check_typed_marker; blank it out, keeping the offsets
            text = " " * typed.end() + text[typed.end() :]
        out += _sequence_findings(
            where, text, _ORD_RE.finditer(text), lambda n: f"{chinese_numeral(n)}是"
        )
        out += _sequence_findings(
            where, text, _PAREN_RE.finditer(text), lambda n: f"（{chinese_numeral(n)}）"
        )
        out += _sequence_findings(where, text, _ARABIC_RE.finditer(text), lambda n: f"{n}.")
    return out


# -- empty sections and length -----------------------------------------------------------------


def _has_text(section: document.Section) -> bool:
    return bool(section.intro.strip()) or any(
        item.lead.strip() or item.body.strip() for item in section.items
    )


def check_empty_section(tree: document.Report) -> list[Finding]:
    out = []
    for i, section in enumerate(tree.sections):
        if not _has_text(section):
            name = section.heading or _("section %(n)d") % {"n": i + 1}
            out.append(
                Finding(
                    "empty_section",
                    ERROR,
                    f"sections[{i}].intro",
                    0,
                    section.heading,
                    _("The section “%(name)s” has no content yet: write it or delete the section.")
                    % {"name": name},
                )
            )
    return out


def reading_minutes(chars: int) -> int:
    return max(1, round(chars / READING_CHARS_PER_MINUTE))


def _section_chars(section: document.Section) -> int:
    count = document.count_chars
    return (
        count(section.heading)
        + count(section.intro)
        + sum(count(item.lead) + count(item.body) for item in section.items)
    )


def check_length(tree, suggested_chars=None, section_suggested=None) -> list[Finding]:
    out = []
    total = tree.char_count()
    low, high = (
        (suggested_chars * 0.5, suggested_chars * 1.5)
        if suggested_chars
        else (DEFAULT_MIN_CHARS, DEFAULT_MAX_CHARS)
    )
    if total and (total < low or total > high):
        params = {"n": total, "minutes": reading_minutes(total), "suggested": suggested_chars or ""}
        if suggested_chars:
            msg = _(
                "The report has %(n)d characters (about %(minutes)d minutes read aloud); "
                "this type of report should have about %(suggested)d."
            )
        elif total < low:
            msg = _(
                "The report has only %(n)d characters (about %(minutes)d minutes read "
                "aloud): it is probably too short."
            )
        else:
            msg = _(
                "The report has %(n)d characters (about %(minutes)d minutes read aloud): "
                "it is probably too long."
            )
        out.append(Finding("length", WARNING, "", 0, "", msg % params))
    for i, section in enumerate(tree.sections):
        want = (section_suggested or {}).get(i) if section_suggested else None
        if not want:
            continue
        if not _has_text(section):  # check_empty_section says so already
            continue
        n = _section_chars(section)
        if n and (n < want * 0.4 or n > want * 2):
            out.append(
                Finding(
                    "length",
                    WARNING,
                    f"sections[{i}].intro",
                    0,
                    section.heading,
                    _(
                        "This section has %(n)d characters (about %(minutes)d minutes read aloud); "
                        "about %(suggested)d are suggested."
                    )
                    % {"n": n, "minutes": reading_minutes(n), "suggested": want},
                )
            )
    return out


# -- repeated and reused sentences ----------------------------------------------------------

_SENTENCE_RE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_NORM_RE = re.compile(r"[\s，。、；：！？“”‘’（）,.;:!?()\"'《》]")
MIN_SENTENCE = 12


def _sentences(tree: document.Report):
    """(where, offset, sentence, normalised) for every sentence of the tree."""
    for where, text in tree.text_fields():
        if where in ("title", "subtitle", "byline", "signature.name") or where.endswith(".heading"):
            continue
        for m in _SENTENCE_RE.finditer(text):
            norm = _NORM_RE.sub("", m.group(0))
            if len(norm) >= MIN_SENTENCE:
                yield where, m.start(), m.group(0), norm


def check_repeated_sentence(tree: document.Report) -> list[Finding]:
    seen: dict[str, str] = {}
    out = []
    for where, offset, sentence, norm in _sentences(tree):
        if norm in seen:
            out.append(
                Finding(
                    "repeated_sentence",
                    WARNING,
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


def _where_label(where: str) -> str:
    m = re.match(r"sections\[(\d+)\](?:\.items\[(\d+)\])?", where)
    if not m:
        return {"opening": _("opening"), "closing": _("closing")}.get(where, where)
    if m.group(2) is not None:
        return _("section %(s)d, item %(i)d") % {"s": int(m.group(1)) + 1, "i": int(m.group(2)) + 1}
    return _("section %(n)d") % {"n": int(m.group(1)) + 1}


REUSE_SCORE = 88  # rapidfuzz ratio (0-100) from which a sentence counts as taken over
REUSE_FIELD_SHARE = 0.5


def check_reused_from_previous(tree: document.Report, previous: document.Report) -> list[Finding]:
    current = list(_sentences(tree))
    before = list({norm for *_rest, norm in _sentences(previous)})
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
        Finding(
            "reused_from_previous",
            WARNING,
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
                Finding(
                    "reused_from_previous",
                    WARNING,
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
                        Finding(
                            "reused_from_previous",
                            WARNING,
                            where,
                            c[1],
                            c[2][:40],
                            _("This sentence is taken over from last year's report."),
                        )
                    )
    return out


# -- all checks ---------------------------------------------------------------------------------


def run_checks(
    tree: document.Report,
    previous: document.Report | None = None,
    *,
    suggested_chars: int | None = None,
    section_suggested: dict[int, int] | None = None,
) -> list[Finding]:
    """All checks of ``tree``; ``previous`` is the official's report of the year before."""
    findings = (
        check_placeholder(tree)
        + check_scrape_debris(tree)
        + check_empty_section(tree)
        + check_halfwidth_punct(tree)
        + check_numbering(tree)
        + check_typed_marker(tree)
        + check_length(tree, suggested_chars, section_suggested)
        + check_repeated_sentence(tree)
    )
    if previous is not None:
        findings += check_reused_from_previous(tree, previous)
    order = {where: k for k, (where, _t) in enumerate(tree.text_fields())}
    findings.sort(key=lambda f: (order.get(f.where, -1), f.offset, f.severity != ERROR))
    return findings
