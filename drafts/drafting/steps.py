"""The wizard's steps and the places in them.

A report is written in steps: the title and opening, one step per section, the closing and
signature, the preview. :class:`Step` says what a step edits (its form keys), its label,
whether it is filled and how many characters it holds. :class:`Layout` maps a place of the
tree (a ``where`` such as ``sections[1].items[0].body``) to the step and form field that edit
it, so that a finding, a comment or a fix can point there.

Built from a report whose sections and entries are prefetched
(``persistence.sections_prefetch``) and its tree: then no queries of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .. import numbering
from ..document import Where, count_chars, parse_where
from ..models import Entry
from ..rendering.anchors import preview_anchor  # noqa: F401  (re-exported for the panel)

START, END, PREVIEW = "start", "end", "preview"

# The model fields of the report edited in the first and the closing step, by form key.
START_KEYS = ("report.title", "report.subtitle", "report.byline", "report.opening")
END_KEYS = (
    "report.closing",
    "report.signature_name",
    "report.signature_date",
    "report.has_signature",
)
SECTION_NAMES = ("heading", "intro", "item_style", "inline_items")
ITEM_NAMES = ("lead", "body")
# Tree fields of the report (``where``) and the form key of each.
REPORT_KEYS = {
    "title": "report.title",
    "subtitle": "report.subtitle",
    "byline": "report.byline",
    "opening": "report.opening",
    "closing": "report.closing",
    "name": "report.signature_name",
    "date": "report.signature_date",
}
_START_FIELDS = frozenset({"title", "subtitle", "byline", "opening"})


def field_label(key: str) -> str:
    """The label of a form field, as the wizard shows it."""
    name = key.rsplit(".", 1)[-1]
    labels = {
        "title": _("Title"),
        "subtitle": _("Subtitle"),
        "byline": _("Byline"),
        "opening": _("Opening"),
        "closing": _("Closing"),
        "signature_name": _("Signature name"),
        "signature_date": _("Signature date"),
        "has_signature": _("Print a signature"),
        "heading": _("Section heading"),
        "intro": _("Section intro"),
        "item_style": _("Item numbering"),
        "inline_items": _("Run-in items"),
        "lead": _("Lead sentence"),
        "body": _("Item text"),
    }
    return labels.get(name, name)


@dataclass
class Step:
    key: str  # "start", "s<section pk>", "end", "preview"
    label: str
    filled: bool = False
    chars: int = 0
    keys: list[str] = field(default_factory=list)  # form keys of the fields edited here
    section: object | None = None  # the Section model of a section step
    index: int | None = None  # its position in the tree

    def holds(self, where: Where | None) -> bool:
        """Whether the field at ``where`` is edited in this step (the preview holds all)."""
        if self.key == PREVIEW:
            return True
        if where is None:
            return False
        if self.key == START:
            return where.part == "report" and where.field in _START_FIELDS
        if self.key == END:
            return where.part == "signature" or where.field == "closing"
        return where.section is not None and where.section == self.index


class Layout:
    """Primary keys of a report's sections and entries in the wizard's order."""

    def __init__(self, report_id: int, sections: list[int], entries: dict[int, list[int]]):
        self.report_id = report_id
        self.sections = sections
        self.entries = entries

    @classmethod
    def of(cls, report) -> Layout:
        """From the prefetched sections and entries, else in two queries."""
        if "sections" in getattr(report, "_prefetched_objects_cache", {}):
            sections = list(report.sections.all())
            return cls(
                report.pk,
                [s.pk for s in sections],
                {s.pk: [e.pk for e in s.entries.all()] for s in sections},
            )
        sections = list(report.sections.order_by("order", "pk").values_list("pk", flat=True))
        entries: dict[int, list[int]] = {pk: [] for pk in sections}
        for section_id, pk in (
            Entry.objects.filter(section__report=report)
            .order_by("order", "pk")
            .values_list("section_id", "pk")
        ):
            entries[section_id].append(pk)
        return cls(report.pk, sections, entries)

    def field_key(self, where: Where | None) -> str | None:
        """The form key (``report.opening``, ``section.7.intro``, ``item.9.body``) of a field."""
        if where is None or not where.field:
            return None
        if where.part in ("report", "signature"):
            return REPORT_KEYS.get(where.field)
        if where.section >= len(self.sections):
            return None
        section_pk = self.sections[where.section]
        if where.item is None:
            return f"section.{section_pk}.{where.field}"
        entries = self.entries[section_pk]
        return f"item.{entries[where.item]}.{where.field}" if where.item < len(entries) else None

    def step_key(self, where: Where | None) -> str:
        if where is None or where.part == "report":
            return START if where is not None and where.field in _START_FIELDS else END
        if where.part == "signature":
            return END
        if where.section >= len(self.sections):
            return START
        return f"s{self.sections[where.section]}"

    def url(self, path: str) -> str:
        """URL of the wizard step, and the field in it, that ``path`` points to."""
        where = parse_where(path)
        step = self.step_key(where)
        url = reverse("wizard_step", kwargs={"report_id": self.report_id, "step": step})
        key = self.field_key(where)
        if key:
            return f"{url}#f-{slugify(key)}"
        if where is not None and where.item is not None and step != START:
            entries = self.entries[self.sections[where.section]]
            if where.item < len(entries):
                return f"{url}#item-{entries[where.item]}"
        return url


def build_steps(report, tree) -> list[Step]:
    """The steps of ``report`` (sections prefetched) whose content is ``tree``."""
    steps = [
        Step(
            START,
            _("Title and opening"),
            filled=bool(tree.opening.strip()),
            chars=sum(count_chars(t) for t in (tree.title, tree.subtitle, tree.byline, tree.opening)),
            keys=list(START_KEYS),
        )
    ]
    untitled = _("(untitled section)")
    for i, (section, s) in enumerate(zip(report.sections.all(), tree.sections, strict=True)):
        keys = [f"section.{section.pk}.{n}" for n in SECTION_NAMES]
        for entry in section.entries.all():
            keys += [f"item.{entry.pk}.{n}" for n in ITEM_NAMES]
        steps.append(
            Step(
                f"s{section.pk}",
                numbering.section_marker(i) + (s.heading or untitled),
                filled=bool(s.intro.strip())
                or any(it.lead.strip() or it.body.strip() for it in s.items),
                chars=count_chars(s.heading)
                + count_chars(s.intro)
                + sum(count_chars(it.lead) + count_chars(it.body) for it in s.items),
                keys=keys,
                section=section,
                index=i,
            )
        )
    steps.append(
        Step(
            END,
            _("Closing and signature"),
            filled=bool(tree.closing.strip()),
            chars=count_chars(tree.closing)
            + (count_chars(tree.signature.name) if tree.signature else 0),
            keys=list(END_KEYS),
        )
    )
    steps.append(Step(PREVIEW, _("Preview")))
    return steps


def find_step(steps: list[Step], key: str) -> tuple[int, Step] | None:
    for i, step in enumerate(steps):
        if step.key == key:
            return i, step
    return None


def is_step_key(key) -> bool:
    """Whether ``key`` has the shape of a step key (the step may no longer exist)."""
    return isinstance(key, str) and (
        key in (START, END, PREVIEW) or (key[:1] == "s" and key[1:].isdigit() and len(key) < 20)
    )
