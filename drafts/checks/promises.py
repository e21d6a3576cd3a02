"""Last year's promises and this year's answers: each item of last year's plans (下步打算)
should be reported on by a passage of this year's work sections, and each problem
(存在问题和不足) should be answered by a measure in this year's plans.

Matching: both texts are cut into content words (``jieba``, see :mod:`.words`); a word of
one text counts as found in the other when it occurs there or a word there is close to it
(``rapidfuzz`` ratio). Words are weighted by how rare they are across the passages compared
(inverse document frequency), so that words every passage has (工作, 加强) count little.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _
from rapidfuzz import fuzz
from rapidfuzz.process import extractOne

from .. import document
from ..words import content_words
from .findings import CheckContext, Hit

PLANS, PROBLEMS = "plans", "problems"
NOT_WORK = frozenset({PLANS, PROBLEMS})
WORD_MATCH = 80  # rapidfuzz ratio from which two words count as the same (建设/建成 do not)
PROMISE_MATCH = 0.45  # weighted share of a promise's words found in a passage
MEASURE_MATCH = 0.3  # problems and measures are worded differently: a lower bar


@dataclass(frozen=True)
class Passage:
    where: str  # ``sections[i].items[j]`` or ``sections[i]`` (its intro)
    text: str
    label: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        return content_words(self.text)


def _items(tree: document.Report, kinds) -> list[Passage]:
    out = []
    for i, section in enumerate(tree.sections):
        if section.kind not in kinds:
            continue
        if section.items:
            for j, item in enumerate(section.items):
                text = "。".join(t for t in (item.lead.strip(), item.body.strip()) if t)
                if text:
                    out.append(Passage(f"sections[{i}].items[{j}]", text, item.lead.strip()))
        elif section.intro.strip():
            for para in (p for p in section.intro.split("\n") if p.strip()):
                out.append(Passage(f"sections[{i}].intro", para.strip(), para.strip()[:20]))
    return out


def promises_of(tree: document.Report | None) -> list[Passage]:
    """The items of a report's plans section(s): what it promised for the next year."""
    return _items(tree, {PLANS}) if tree is not None else []


def problems_of(tree: document.Report) -> list[Passage]:
    return _items(tree, {PROBLEMS})


def work_passages(tree: document.Report) -> list[Passage]:
    """The passages of the sections that report the year's work (not problems, not plans)."""
    kinds = {s.kind for s in tree.sections} - NOT_WORK
    return _items(tree, kinds)


class Matcher:
    """Scores how much of a short text (a promise, a problem) a passage covers."""

    def __init__(self, passages: list[Passage], queries: list[Passage]):
        self.passages = passages
        docs = [set(p.words) for p in passages + queries]
        df = Counter(w for d in docs for w in d)
        self.n = max(1, len(docs))
        self.idf = {w: math.log(1 + self.n / c) for w, c in df.items()}
        self.vocab = [set(p.words) for p in passages]

    def _weight(self, word: str) -> float:
        return self.idf.get(word, math.log(1 + self.n))

    def score(self, query: Passage, k: int) -> float:
        words = list(dict.fromkeys(query.words))
        if not words:
            return 0.0
        vocab = self.vocab[k]
        total = found = 0.0
        for w in words:
            weight = self._weight(w)
            total += weight
            if w in vocab or (vocab and extractOne(w, vocab, scorer=fuzz.ratio, score_cutoff=WORD_MATCH)):
                found += weight
        return found / total

    def best(self, query: Passage) -> tuple[int | None, float]:
        best, best_score = None, 0.0
        for k in range(len(self.passages)):
            s = self.score(query, k)
            if s > best_score:
                best, best_score = k, s
        return best, best_score


def match(queries: list[Passage], passages: list[Passage], threshold: float) -> list[Passage | None]:
    """For each query, the passage that answers it best (None when none reaches ``threshold``)."""
    if not queries or not passages:
        return [None] * len(queries)
    matcher = Matcher(passages, queries)
    out = []
    for q in queries:
        k, score = matcher.best(q)
        out.append(passages[k] if k is not None and score >= threshold else None)
    return out


def check_unkept_promise(tree: document.Report, context: CheckContext) -> list[Hit]:
    """Each of last year's promises that no passage of this year's work reports on."""
    promises = promises_of(context.previous)
    if not promises:
        return []
    todo = [(i, p) for i, p in enumerate(promises) if i not in context.answered_promises]
    found = match([p for _i, p in todo], work_passages(tree), PROMISE_MATCH)
    return [
        Hit(
            "",
            0,
            p.text[:40],
            _(
                "Last year's report promised “%(promise)s”; no passage of this year's work reports on it. "
                "Report what was done, or mark it as not done with the reason."
            )
            % {"promise": p.text[:60] + ("…" if len(p.text) > 60 else "")},
        )
        for (_i, p), passage in zip(todo, found, strict=True)
        if passage is None
    ]


def check_unanswered_problem(tree: document.Report, context: CheckContext) -> list[Hit]:
    """Each item of the problems section that no measure in the plans section answers."""
    problems = problems_of(tree)
    measures = _items(tree, {PLANS})
    if not problems or not any(s.kind == PLANS for s in tree.sections):
        return []
    found = match(problems, measures, MEASURE_MATCH)
    out = []
    for problem, measure in zip(problems, found, strict=True):
        if measure is not None:
            continue
        where = problem.where + (".lead" if ".items[" in problem.where else "")
        out.append(
            Hit(
                where,
                0,
                problem.text[:40],
                _("No measure in the plans answers this problem: add one that says how it will be put right."),
            )
        )
    return out
