"""What a check finds: :class:`Finding`, its severities, and what a check is given."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
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
    fix: str | None = None  # replacement text for the whole field (automatic fix)

    def to_dict(self) -> dict:
        data = asdict(self)
        if self.fix is None:
            del data["fix"]
        return data


@dataclass
class Hit:
    """One thing a check function found; the registry makes it a :class:`Finding`."""

    where: str
    offset: int
    excerpt: str
    message: str
    fix: str | None = None


@dataclass(frozen=True)
class CheckContext:
    """What the checks know besides the tree itself."""

    previous: Report | None = None  # the official's report of the year before
    suggested_chars: int | None = None  # the report type's suggested length
    section_suggested: dict[int, int] = field(default_factory=dict)  # by section index


def has_errors(findings) -> bool:
    return any(f.severity == ERROR for f in findings)


def excerpt(text: str, start: int, end: int, context: int = 6) -> str:
    """The text around ``start:end``, on one line."""
    return text[max(0, start - context) : min(len(text), end + context)].replace("\n", " ")
