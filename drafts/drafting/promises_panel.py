"""Beside the wizard's steps: last year's promises as a checklist (on the work sections) and
each problem with the measure that answers it (on the problems section).

The matching is ``checks.promises`` (the same that the ``unkept_promise`` and
``unanswered_problem`` checks use); this module adds the official's own answers
(``PromiseAnswer``) and the links into the wizard.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..checks import promises
from ..document import parse_where
from ..models import PromiseAnswer
from .steps import Layout


@dataclass
class Promise:
    index: int
    text: str
    answer: PromiseAnswer | None  # the official's answer, if any (and still about this text)
    suggested: promises.Passage | None  # the passage of this year that matches best
    url: str = ""  # the wizard's place of the linked or suggested passage
    suggested_entry: int | None = None  # the item (pk) of the suggested passage

    @property
    def state(self) -> str:
        """``linked``, ``not_done``, ``found`` (a passage matches) or ``open``."""
        if self.answer is not None and self.answer.entry_id is not None:
            return "linked"
        if self.answer is not None and self.answer.not_done:
            return "not_done"
        return "found" if self.suggested is not None else "open"


def checklist(report, tree, previous) -> list[Promise]:
    """Last year's promises (``previous``: last year's tree) with this year's answers."""
    items = promises.promises_of(previous)
    if not items:
        return []
    answers = {a.index: a for a in report.promise_answers.all()}
    found = promises.match(items, promises.work_passages(tree), promises.PROMISE_MATCH)
    layout = Layout.of(report)
    out = []
    for i, (item, passage) in enumerate(zip(items, found, strict=True)):
        answer = answers.get(i)
        if answer is not None and answer.promise != item.text:
            answer = None  # last year's text changed since: the answer was about another promise
        url = layout.url(passage.where) if passage else ""
        if answer is not None and answer.entry_id is not None:
            url = _entry_url(layout, answer.entry_id) or url
        out.append(Promise(i, item.text, answer, passage, url, _entry_of(layout, passage)))
    return out


def _entry_of(layout: Layout, passage) -> int | None:
    where = parse_where(passage.where) if passage else None
    if where is None or where.item is None or where.section >= len(layout.sections):
        return None
    entries = layout.entries[layout.sections[where.section]]
    return entries[where.item] if where.item < len(entries) else None


def _entry_url(layout: Layout, entry_pk: int) -> str:
    for i, section_pk in enumerate(layout.sections):
        entries = layout.entries[section_pk]
        if entry_pk in entries:
            return layout.url(f"sections[{i}].items[{entries.index(entry_pk)}]")
    return ""


@dataclass
class Pair:
    problem: promises.Passage
    measure: promises.Passage | None
    url: str  # the wizard's place of the measure (or of the plans section)


def measures(report, tree) -> list[Pair]:
    """Each problem of this year's report beside the measure in its plans that answers it."""
    problems = promises.problems_of(tree)
    if not problems:
        return []
    plans = promises.promises_of(tree)
    found = promises.match(problems, plans, promises.MEASURE_MATCH)
    layout = Layout.of(report)
    plans_at = next((i for i, s in enumerate(tree.sections) if s.kind == promises.PLANS), None)
    fallback = layout.url(f"sections[{plans_at}].intro") if plans_at is not None else ""
    return [
        Pair(p, m, layout.url(m.where) if m else fallback)
        for p, m in zip(problems, found, strict=True)
    ]
