"""The font-role report of this machine: which face serves each role, and which characters
of a report fall back to another face (for ``manage.py check`` and the admin's font page).

Wires :mod:`.fontroles` (pure) to fontconfig (:mod:`.fontmetrics`, set up by
:mod:`.fontdirs` with ``REPORT_FONT_DIR``). No ORM: the caller passes the report tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import document
from . import fontdirs, fontmetrics, fontroles
from .blocks import build_blocks


@dataclass
class FontReport:
    faces: dict[str, fontroles.Face]
    fallbacks: list[fontroles.Fallback] = field(default_factory=list)

    def rows(self):
        """``(role, face)`` in the order of :data:`.fontroles.ROLES`."""
        return [(role, self.faces[role.name]) for role in fontroles.ROLES]


def faces() -> dict[str, fontroles.Face]:
    fontdirs.configure_from_settings()
    return fontroles.resolve(fontmetrics.find_face)


def report(tree: document.Report | None = None, text: str = "") -> FontReport:
    """The faces, and the characters of ``tree`` (set as the PDF sets it) or of ``text`` (as
    body text) that their role's face lacks."""
    found = faces()
    texts: dict[str, list[str]] = {}
    if tree is not None:
        texts = fontroles.role_texts(build_blocks(tree))
    if text:
        texts.setdefault("body", []).append(text)
    falls = fontroles.fallbacks(texts, found, fontmetrics.coverage, fontmetrics.family_path)
    return FontReport(found, falls)
