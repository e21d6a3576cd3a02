"""Which installed face serves each type role of the PDF, and which characters fall back.

GB/T 9704 names faces by role: 仿宋 for the body, 楷体 for second-level headings and the
byline, 黑体 for first-level headings, 小标宋 for the title, 宋体 for page numbers. Offices
have licensed fonts for them (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体, or 仿宋 and 楷体
from Windows); when fontconfig finds one, the PDF uses it, else the free stand-ins (Fandol,
LXGW WenKai, Noto CJK). A character a face lacks (most faces cover GB2312 only: 堃 喆 玥)
comes from the closest style that has it: 楷 from LXGW WenKai, 仿宋 and 宋 from a serif
(Noto Serif CJK SC), 黑 from Noto Sans CJK SC.

Bold lead sentences are set in the body face, bold. Where that face has no bold (仿宋 faces
never have one), the PDF writer emboldens it (``synthetic_bold``).

Pure: fontconfig is asked through the ``lookup`` function passed in (see
:func:`.fontmetrics.find_face`), coverage through ``cover`` (:func:`.fontmetrics.coverage`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

NOTO_SERIF = "Noto Serif CJK SC"
NOTO_SANS = "Noto Sans CJK SC"
WENKAI = "LXGW WenKai"
# fontconfig's weight of a bold face (FC_WEIGHT_DEMIBOLD is 180, FC_WEIGHT_BOLD 200).
FC_BOLD = 180


@dataclass(frozen=True)
class Role:
    name: str
    label: object  # a lazy translated string
    families: tuple[str, ...]  # office fonts first, then the free stand-in
    fallbacks: tuple[str, ...]  # faces of the closest style that cover every character
    stand_in_weight: int = 400  # the CSS weight a stand-in is asked in (小标宋: bold Song)


ROLES = (
    Role(
        "body",
        _("Body text (仿宋)"),
        ("仿宋_GB2312", "仿宋", "FangSong", "FandolFang"),
        (NOTO_SERIF,),
    ),
    Role(
        "kai",
        _("Second-level headings and byline (楷体)"),
        ("楷体_GB2312", "楷体", "KaiTi", "FandolKai"),
        (WENKAI, NOTO_SERIF),
    ),
    Role("hei", _("First-level headings (黑体)"), ("黑体", "SimHei", "FandolHei"), (NOTO_SANS,)),
    Role(
        "title",
        _("Title (小标宋)"),
        ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FandolSong"),
        (NOTO_SERIF,),
        stand_in_weight=700,
    ),
    Role("song", _("Page numbers (宋体)"), ("宋体", "SimSun", "FandolSong"), (NOTO_SERIF,)),
)
ROLE_NAMES = tuple(r.name for r in ROLES)
# The stand-in of each role: the last of its families (what the layout profile defaults to).
STAND_INS = {r.name: r.families[-1] for r in ROLES}


@dataclass(frozen=True)
class Face:
    """The face that serves a role on this machine."""

    role: str
    family: str | None  # None: not even the stand-in is installed
    path: str | None
    licensed: bool  # one of the office's own fonts, not the free stand-in
    weight: int  # the CSS weight the role asks for
    fallbacks: tuple[str, ...]
    bold_path: str | None = None  # (body) the bold face; None: bold is synthesised
    synthetic_bold: bool = False

    @property
    def families(self) -> tuple[str, ...]:
        """The CSS font list: the face, then the fallbacks."""
        first = (self.family,) if self.family else ()
        return tuple(dict.fromkeys(first + self.fallbacks))


Lookup = Callable[[str, bool], "tuple[str, int] | None"]


def resolve(lookup: Lookup) -> dict[str, Face]:
    """Role name -> :class:`Face`: the first of the role's families that ``lookup(family,
    bold)`` finds (``(path, fontconfig weight)``, or None when fontconfig has no face of that
    very family)."""
    faces = {}
    for role in ROLES:
        family = path = None
        licensed = False
        for k, candidate in enumerate(role.families):
            found = lookup(candidate, False)
            if found:
                family, path, licensed = candidate, found[0], k < len(role.families) - 1
                break
        weight = 400 if licensed else role.stand_in_weight
        if family and weight >= 600:  # the bold face stands in (小标宋)
            path = (lookup(family, True) or (path,))[0]
        bold_path, synthetic = None, False
        if role.name == "body" and family:
            bold = lookup(family, True)
            if bold and bold[1] >= FC_BOLD and bold[0] != path:
                bold_path = bold[0]
            else:
                synthetic = True
        faces[role.name] = Face(
            role.name, family, path, licensed, weight, role.fallbacks, bold_path, synthetic
        )
    return faces


def pdf_fonts(faces: dict[str, Face]) -> dict[str, tuple[str, ...]]:
    """The layout profile's ``pdf_fonts`` for these faces (page numbers in the 宋体 role,
    lead sentences in the body face)."""
    fonts = {name: face.families for name, face in faces.items() if face.family}
    if "song" in fonts:
        fonts["page_number"] = fonts["song"]
    if "body" in fonts:
        fonts["lead"] = fonts["body"]
    return fonts


@dataclass
class Fallback:
    """Characters of a role's text that its face lacks, with the face that draws each."""

    role: str
    chars: dict[str, str | None] = field(default_factory=dict)  # char -> fallback family


def fallbacks(
    texts: dict[str, Iterable[str]],
    faces: dict[str, Face],
    cover: Callable[[str], frozenset[int] | None],
    find: Callable[[str], str | None],
) -> list[Fallback]:
    """For each role's texts (``{role: [text, …]}``), the characters its face does not
    cover, each with the first fallback family that does (None: no installed face has it).
    ``cover(path)`` is a face's set of code points, ``find(family)`` a family's path."""
    out = []
    for role, role_texts in texts.items():
        face = faces.get(role)
        if face is None:
            continue
        covered = cover(face.path) if face.path else frozenset()
        missing = sorted(
            {ch for text in role_texts for ch in text if not ch.isspace()}
            - {chr(cp) for cp in covered or ()}
        )
        if not missing:
            continue
        result = Fallback(role)
        for ch in missing:
            result.chars[ch] = None
            for family in face.fallbacks:
                path = find(family)
                if path and ord(ch) in (cover(path) or ()):
                    result.chars[ch] = family
                    break
        out.append(result)
    return out


def role_texts(blocks) -> dict[str, list[str]]:
    """The texts of a report's blocks (:func:`.blocks.build_blocks`) by the role they are
    set in, as the print CSS sets them."""
    texts: dict[str, list[str]] = {name: [] for name in ROLE_NAMES}
    for block in blocks:
        for run in block.runs:
            if block.kind == "title":
                role = "title"
            elif block.kind in ("subtitle", "byline"):
                role = "kai"
            elif block.kind == "heading":
                role = "hei"
            elif run.role in ("marker", "lead") and run.style == "paren":
                role = "kai"
            else:
                role = "body"
            texts[role].append(run.text)
    texts["song"].append("—0123456789 ")
    return {role: t for role, t in texts.items() if t}
