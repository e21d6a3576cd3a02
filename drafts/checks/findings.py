"""What a check finds: :class:`Finding`, its severities, and what a check is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..document import Report

ERROR = "error"  # blocks the submission
WARNING = "warning"  # worth a look


@dataclass
class Finding:
    code: str
    severity: str  # ERROR | WARNING
    where: str  # a path of Report.text_fields(), "" for the whole report
    offset: int
    excerpt: str
    message: str
    # The automatic fix: what replaces the span ``offset`` .. ``offset + length`` of the field.
    replacement: str | None = None
    # Characters from ``offset`` that the finding is about; a fix changes nothing outside them.
    length: int = 0
    text: str = field(default="", repr=False, compare=False)  # the field's text

    @property
    def fix(self) -> str | None:
        """The field's whole text with the fix applied (None: no automatic fix)."""
        if self.replacement is None:
            return None
        return self.text[: self.offset] + self.replacement + self.text[self.offset + self.length :]

    def to_dict(self) -> dict:
        data = {
            "code": self.code,
            "severity": self.severity,
            "where": self.where,
            "offset": self.offset,
            "excerpt": self.excerpt,
            "message": self.message,
        }
        if self.replacement is not None:
            data["fix"] = self.fix
        return data


@dataclass
class Hit:
    """One thing a check function found; the registry makes it a :class:`Finding`.

    A fix is given either as ``replacement`` (what replaces the span ``offset`` ..
    ``offset + length``) or, by the older checks, as ``fix``: the whole field corrected, with
    every change inside that span.
    """

    where: str
    offset: int
    excerpt: str
    message: str
    fix: str | None = None
    length: int = 0  # the span from ``offset`` that the finding (and its fix) is about
    replacement: str | None = None

    def replacement_in(self, text: str) -> str | None:
        if self.replacement is not None or self.fix is None:
            return self.replacement
        tail = len(text) - self.offset - self.length
        return self.fix[self.offset : len(self.fix) - tail]


@dataclass(frozen=True)
class CheckContext:
    """What the checks know besides the tree itself."""

    previous: Report | None = None  # the official's report of the year before
    suggested_chars: int | None = None  # the report type's suggested length
    section_suggested: dict[int, int] = field(default_factory=dict)  # by section index
    year: int | None = None  # the year reported on; None skips the checks of years and dates
    # Last year's promises (plans) the official answered by hand, by their index in
    # ``promises.promises_of(previous)``: linked to a passage or marked not done.
    answered_promises: frozenset[int] = frozenset()


def has_errors(findings) -> bool:
    return any(f.severity == ERROR for f in findings)


def excerpt(text: str, start: int, end: int, context: int = 6) -> str:
    """The text around ``start:end``, on one line."""
    return text[max(0, start - context) : min(len(text), end + context)].replace("\n", " ")
