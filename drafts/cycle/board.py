"""The progress board: per unit of a scope, the roll and how many members are in each
state, counted by :mod:`.roll` (the review overview reads the same counts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import workflow
from ..access import unit_parents
from ..models import Unit
from .roll import NOT_STARTED, OVERDUE, STATES, members, overdue_q

COLUMNS = (*STATES, OVERDUE)
# The colour of each state's bar segment (Bootstrap colour names): grey for not started.
COLOURS = {NOT_STARTED: "secondary", **{s.code: s.badge for s in workflow.STATUS_TABLE}}


def column_labels() -> list[tuple[str, str]]:
    return [
        (NOT_STARTED, _("Not started")),
        *((s.code, str(s.label)) for s in workflow.STATUS_TABLE),
        (OVERDUE, _("Overdue")),
    ]


def counts_by_unit(year, unit_ids, today: date | None = None) -> dict[int, dict[str, int]]:
    """``{unit id: {state: n, "overdue": n, "roll": n}}`` for the units that have members
    (1 query)."""
    today = today or timezone.localdate()
    out: dict[int, dict[str, int]] = {}
    rows = (
        members(year, unit_ids)
        .values("unit_id", "state")
        .annotate(n=Count("pk"), late=Count("pk", filter=overdue_q(year, today)))
        .order_by()
    )
    for row in rows:
        c = out.setdefault(row["unit_id"], dict.fromkeys((*COLUMNS, "roll"), 0))
        c[row["state"]] = c.get(row["state"], 0) + row["n"]
        c["roll"] += row["n"]
        c[OVERDUE] += row["late"]
    return out


@dataclass
class Node:
    unit: Unit
    own: dict[str, int]
    children: list[Node] = field(default_factory=list)
    total: dict[str, int] = field(default_factory=dict)

    @property
    def cells(self):
        return [{"key": c, "n": self.total[c]} for c in COLUMNS]


def board(year, unit_ids, today: date | None = None) -> list[Node]:
    """The unit tree of ``unit_ids`` (its tops first), each node with its own counts and the
    totals of its subtree; units with nobody on the roll below them are left out."""
    counts = counts_by_unit(year, unit_ids, today)
    parents = unit_parents()
    units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_ids).only("pk", "name", "parent_id")}
    nodes = {
        pk: Node(u, counts.get(pk, dict.fromkeys((*COLUMNS, "roll"), 0))) for pk, u in units.items()
    }
    roots = []
    for pk, node in nodes.items():
        parent = parents.get(pk)
        if parent in nodes and parent != pk:
            nodes[parent].children.append(node)
        else:
            roots.append(node)

    def total(node, seen):
        seen.add(node.unit.pk)
        node.total = dict(node.own)
        kept = []
        for child in sorted(node.children, key=lambda n: n.unit.name):
            if child.unit.pk in seen:
                continue
            total(child, seen)
            if child.total["roll"]:
                kept.append(child)
                for k in node.total:
                    node.total[k] += child.total[k]
        node.children = kept

    seen: set[int] = set()
    out = []
    for root in sorted(roots, key=lambda n: n.unit.name):
        total(root, seen)
        if root.total["roll"]:
            out.append(root)
    return out


def bar(counts: dict[str, int], width: float = 100.0) -> list[dict]:
    """Segments of a stacked bar of the states (x and width in percent of ``width``)."""
    roll = sum(counts[s] for s in STATES) or 1
    x = 0.0
    out = []
    for s in STATES:
        w = width * counts[s] / roll
        if counts[s]:
            out.append({"state": s, "n": counts[s], "x": round(x, 2), "w": round(w, 2), "colour": COLOURS[s]})
        x += w
    return out


def rows(nodes) -> list[dict]:
    """The tree as rows for one loop of the template: each row opens a ``<details>`` of its
    unit and closes ``closes`` of them after its summary (itself if it is a leaf, and the
    parents whose last child it is)."""
    out: list[dict] = []

    def walk(level, depth):
        for node in level:
            out.append({"node": node, "depth": depth, "closes": 1})
            if node.children:
                out[-1]["closes"] = 0
                walk(node.children, depth + 1)
                out[-1]["closes"] += 1

    walk(nodes, 0)
    for row in out:
        row["close"] = range(row["closes"])
    return out


def flatten(nodes, depth: int = 0):
    """``(depth, node)`` in tree order (for the XLSX export)."""
    for node in nodes:
        yield depth, node
        yield from flatten(node.children, depth + 1)
