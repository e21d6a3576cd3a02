"""The checks, one table: what each finds, how serious it is, and its automatic fix.

Adding a check is one function in a module of this package and one :class:`Check` row
here; :func:`run_checks`, :func:`auto_fix`, ``lint_report``, the findings panels and the fix
button read this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .. import document
from . import debris, markers, placeholder, punctuation, repetition, structure
from .findings import ERROR, WARNING, CheckContext, Finding, Hit


@dataclass(frozen=True)
class Check:
    code: str
    severity: str
    find: Callable[[document.Report, CheckContext], list[Hit]]
    # fix(where, text of that field, tree) -> the field's corrected text
    fix: Callable[[str, str, document.Report], str] | None = None
    fixed_message: str = ""  # what the fix button says once it has worked


CHECKS: tuple[Check, ...] = (
    Check("placeholder", ERROR, placeholder.check_placeholder),
    Check("scrape_debris", ERROR, debris.check_scrape_debris),
    Check("empty_section", ERROR, structure.check_empty_section),
    Check(
        "halfwidth_punct",
        WARNING,
        punctuation.check_halfwidth_punct,
        fix=punctuation.fix_halfwidth_punct,
        fixed_message=_("The punctuation was corrected."),
    ),
    Check("numbering", WARNING, markers.check_numbering),
    Check(
        "typed_marker",
        WARNING,
        markers.check_typed_marker,
        fix=markers.fix_typed_marker,
        fixed_message=_("The number typed by hand was removed."),
    ),
    Check("length", WARNING, structure.check_length),
    Check("repeated_sentence", WARNING, repetition.check_repeated_sentence),
    Check("reused_from_previous", WARNING, repetition.check_reused_from_previous),
)
BY_CODE = {c.code: c for c in CHECKS}
assert len(BY_CODE) == len(CHECKS), "one row per check code"


def run_checks(
    tree: document.Report,
    previous: document.Report | None = None,
    *,
    suggested_chars: int | None = None,
    section_suggested: dict[int, int] | None = None,
    context: CheckContext | None = None,
) -> list[Finding]:
    """Every check of ``tree``, in reading order; ``previous`` is last year's report."""
    if context is None:
        context = CheckContext(
            previous=previous,
            suggested_chars=suggested_chars,
            section_suggested=dict(section_suggested or {}),
        )
    findings = [
        Finding(check.code, check.severity, h.where, h.offset, h.excerpt, h.message, h.fix)
        for check in CHECKS
        for h in check.find(tree, context)
    ]
    return sort_findings(tree, findings)


def sort_findings(tree: document.Report, findings: list[Finding]) -> list[Finding]:
    """In reading order of the fields, then by offset, errors before warnings at one spot."""
    order = {where: k for k, (where, _text) in enumerate(tree.text_fields())}
    return sorted(findings, key=lambda f: (order.get(f.where, -1), f.offset, f.severity != ERROR))


def auto_fix(code: str, where: str, text: str, tree: document.Report) -> str | None:
    """The automatic fix of finding ``code`` for the field ``where`` (None: no fix)."""
    check = BY_CODE.get(code)
    if check is None or check.fix is None:
        return None
    return check.fix(where, text, tree)
