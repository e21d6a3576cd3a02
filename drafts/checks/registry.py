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
from . import (
    debris,
    markers,
    placeholder,
    promises,
    punctuation,
    repetition,
    structure,
    typography,
    years,
)
from .findings import ERROR, WARNING, CheckContext, Finding, Hit


@dataclass(frozen=True)
class Check:
    code: str
    severity: str
    find: Callable[[document.Report, CheckContext], list[Hit]]
    label: str = ""  # the rule's name, heading its group of findings in the panels
    # What the fix button says once it has worked; set for checks whose hits carry a fix
    # (``Hit.replacement``: what replaces the hit's span).
    fixed_message: str = ""

    @property
    def fixable(self) -> bool:
        return bool(self.fixed_message)


CHECKS: tuple[Check, ...] = (
    Check("placeholder", ERROR, placeholder.check_placeholder, _("Unfilled placeholders")),
    Check("scrape_debris", ERROR, debris.check_scrape_debris, _("Web-page debris")),
    Check("empty_section", ERROR, structure.check_empty_section, _("Empty sections")),
    Check("empty_item", WARNING, structure.check_empty_item, _("Empty items")),
    Check("missing_title", WARNING, structure.check_missing_title, _("Title")),
    Check(
        "halfwidth_punct",
        WARNING,
        punctuation.check_halfwidth_punct,
        _("Half-width punctuation"),
        fixed_message=_("The punctuation was corrected."),
    ),
    Check(
        "doubled_punct",
        WARNING,
        punctuation.check_doubled_punct,
        _("Doubled punctuation"),
        fixed_message=_("The doubled punctuation mark was removed."),
    ),
    Check(
        "missing_final_punct",
        WARNING,
        punctuation.check_missing_final_punct,
        _("Paragraphs without a full stop"),
        fixed_message=_("A full stop was added at the end of the paragraph."),
    ),
    Check("unbalanced_pair", WARNING, punctuation.check_unbalanced_pairs, _("Unclosed quotes and brackets")),
    Check(
        "heading_punct",
        WARNING,
        punctuation.check_heading_punct,
        _("Punctuation at the end of headings"),
        fixed_message=_("The mark at the end was removed."),
    ),
    Check(
        "space_in_chinese",
        WARNING,
        typography.check_space_in_chinese,
        _("Spaces in Chinese text"),
        fixed_message=_("The space was removed."),
    ),
    Check(
        "invisible_char",
        WARNING,
        typography.check_invisible_chars,
        _("Invisible characters"),
        fixed_message=_("The invisible character was removed."),
    ),
    Check(
        "doubled_char",
        WARNING,
        typography.check_doubled_char,
        _("Characters typed twice"),
        fixed_message=_("The character typed twice was removed."),
    ),
    Check("numbering", WARNING, markers.check_numbering, _("Numbering")),
    Check(
        "typed_marker",
        WARNING,
        markers.check_typed_marker,
        _("Numbers typed by hand"),
        fixed_message=_("The number typed by hand was removed."),
    ),
    Check(
        "wrong_year",
        WARNING,
        years.check_wrong_year,
        _("Years from another report"),
        fixed_message=_("The year was replaced."),
    ),
    Check("signature_date", WARNING, years.check_signature_date, _("Signature date")),
    Check("length", WARNING, structure.check_length, _("Length")),
    Check("repeated_sentence", WARNING, repetition.check_repeated_sentence, _("Repeated sentences")),
    Check("reused_from_previous", WARNING, repetition.check_reused_from_previous, _("Text taken over from last year")),
    Check("unkept_promise", WARNING, promises.check_unkept_promise, _("Last year's promises")),
    Check("unanswered_problem", WARNING, promises.check_unanswered_problem, _("Problems without a measure")),
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
    fields = dict(tree.text_fields())
    findings = []
    for check in CHECKS:
        for h in check.find(tree, context):
            text = fields.get(h.where, "")
            findings.append(
                Finding(
                    check.code, check.severity, h.where, h.offset, h.excerpt, h.message,
                    h.replacement_in(text) if check.fixable else None, h.length, text,
                )
            )
    return sort_findings(tree, findings)


def sort_findings(tree: document.Report, findings: list[Finding]) -> list[Finding]:
    """In reading order of the fields, then by offset, errors before warnings at one spot."""
    order = {where: k for k, (where, _text) in enumerate(tree.text_fields())}
    order["signature.date"] = len(order)
    return sorted(findings, key=lambda f: (order.get(f.where, -1), f.offset, f.severity != ERROR))


def auto_fix(
    code: str, where: str, tree: document.Report, offset: int | None = None,
    context: CheckContext | None = None,
) -> str | None:
    """The text of field ``where`` with finding ``code`` at ``offset`` fixed (the first one
    in that field when ``offset`` is None); None when there is no such finding or no fix."""
    check = BY_CODE.get(code)
    if check is None or not check.fixable:
        return None
    text = dict(tree.text_fields()).get(where)
    if text is None:
        return None
    for hit in check.find(tree, context or CheckContext()):
        if hit.where != where or (offset is not None and hit.offset != offset):
            continue
        replacement = hit.replacement_in(text)
        if replacement is not None:
            return text[: hit.offset] + replacement + text[hit.offset + hit.length :]
    return None
