"""Checks ("lint") of a report tree: what a reviewer would send a report back for.

Pure: a tree (and what :class:`CheckContext` knows: last year's report, suggested lengths)
in, findings out. The table of checks is :mod:`.registry`; each check lives in a module of
its own kind (placeholders, debris, punctuation, numbering markers, structure, repetition).
The wizard shows the findings per step, ``lint_report`` prints them, and the review workflow
refuses a submission while :func:`has_errors` is true.
"""

from __future__ import annotations

from .findings import ERROR, WARNING, CheckContext, Finding, has_errors
from .promises import match, promises_of
from .punctuation import halfwidth_fix
from .registry import BY_CODE, CHECKS, Check, auto_fix, run_checks, sort_findings

__all__ = [
    "BY_CODE",
    "CHECKS",
    "ERROR",
    "WARNING",
    "Check",
    "CheckContext",
    "Finding",
    "auto_fix",
    "halfwidth_fix",
    "match",
    "promises_of",
    "has_errors",
    "run_checks",
    "sort_findings",
]
