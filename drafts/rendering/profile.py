"""Every layout number of the formal output in one place (GB/T 9704-2012, see layout.md).

Local practice varies (28–29.6 pt lines, other margins), so a deployment adjusts the
profile instead of editing writers: ``RENDER_PROFILE = {"line_pitch_twips": 592}`` in the
settings, or ``dataclasses.replace(default_profile(), …)`` in code. The profile is part of
the render cache key.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache

MM_PER_PT = 25.4 / 72
TWIPS_PER_PT = 20


def mm_to_pt(mm: float) -> float:
    return mm / MM_PER_PT


def mm_to_twips(mm: float) -> int:
    return round(mm / MM_PER_PT * TWIPS_PER_PT)


# DOCX font names per role (East Asian names; Word substitutes if missing on the reader's PC).
DOCX_FONT_SETS: dict[str, dict[str, str]] = {
    "gb2312": {
        "body": "仿宋_GB2312",
        "kai": "楷体_GB2312",
        "hei": "黑体",
        "song": "宋体",
        "title": "方正小标宋简体",
    },
    "windows": {
        "body": "仿宋",
        "kai": "楷体",
        "hei": "黑体",
        "song": "宋体",
        "title": "宋体",
    },
}

# Full-coverage faces that end every PDF font list, so rare characters (堃 喆 玥) get a glyph.
NOTO_SERIF = "Noto Serif CJK SC"
NOTO_SANS = "Noto Sans CJK SC"

# PDF font families per role, in order; the Fandol faces cover GB2312 only.
PDF_FONTS: dict[str, tuple[str, ...]] = {
    "body": ("FandolFang", NOTO_SERIF),
    "kai": ("FandolKai", "LXGW WenKai", NOTO_SERIF),
    "hei": ("FandolHei", NOTO_SANS),
    "song": ("FandolSong", NOTO_SERIF),
    # FandolSong Bold stands in for 小标宋: as heavy, and far quicker to subset than Noto.
    "title": ("FandolSong", NOTO_SERIF),
    "page_number": ("FandolSong", NOTO_SERIF),
    # Bold lead sentences in the body face, emboldened where it has no bold (pdf_bold.py).
    "lead": ("FandolFang", NOTO_SERIF),
}


@dataclass(frozen=True)
class LayoutProfile:
    # Paper and margins (5.1, 5.2.1).
    page_width_mm: float = 210.0
    page_height_mm: float = 297.0
    margin_top_mm: float = 37.0
    margin_bottom_mm: float = 35.0
    margin_left_mm: float = 28.0
    margin_right_mm: float = 26.0
    # Grid (5.2.3): 22 lines of 28 characters.
    lines_per_page: int = 22
    chars_per_line: int = 28
    line_pitch_twips: int = 579  # 28.95 pt; 580 fits only 21 lines
    # Letter spacing so that 28 characters of 16 pt fit 156 mm: in the DOCX also inside
    # LibreOffice's character grid, whose 28 cells it rounds to 440.4 pt (docx_writer).
    docx_char_spacing_twips: int = -6  # w:spacing w:val (twentieths of a point)
    pdf_letter_spacing_pt: float = -0.22
    # Type sizes (pt).
    body_size_pt: float = 16.0  # 3号
    title_size_pt: float = 22.0  # 2号
    page_number_size_pt: float = 14.0  # 4号
    # Indents, in characters.
    first_line_indent_chars: float = 2.0
    signature_gap_chars: float = 2.0
    # Page number (7.5): `— N —`, 7 mm below the text block, one character in.
    page_number_below_mm: float = 7.0
    page_number_inset_chars: float = 1.0  # characters of the page number's size
    page_number_dash: str = "\u2014"
    # Title: characters per line before it is broken into symmetric lines.
    title_max_chars: int = 20  # 20 × 22 pt = 440 pt of the 442 pt line
    # Fonts.
    font_set: str = "gb2312"
    latin_font: str = "Times New Roman"
    pdf_fonts: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(PDF_FONTS))
    title_weight: int = 700  # the bold face of the title font stands in for 小标宋
    # Families whose bold the PDF writer synthesises (no bold face installed).
    pdf_synthetic_bold: tuple[str, ...] = ("FandolFang",)
    # PDF body lines broken here and justified character by character (flush with both
    # margins, as Word's 两端对齐); off, WeasyPrint breaks them and justifies by spaces only.
    pdf_justify_lines: bool = True
    # Draft mark text (rendered when a report is not approved).
    draft_mark: str = "草稿"

    def __post_init__(self):
        data = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False, default=list)
        object.__setattr__(self, "_key", hashlib.sha256(data.encode()).hexdigest()[:16])

    def __hash__(self):  # the dict field is not hashable; the key stands for every number
        return hash(self._key)

    # -- derived numbers ------------------------------------------------------

    @property
    def line_pitch_pt(self) -> float:
        return self.line_pitch_twips / TWIPS_PER_PT

    @property
    def text_width_mm(self) -> float:
        return self.page_width_mm - self.margin_left_mm - self.margin_right_mm

    @property
    def text_height_mm(self) -> float:
        return self.page_height_mm - self.margin_top_mm - self.margin_bottom_mm

    @property
    def char_pitch_pt(self) -> float:
        """Advance of one body character in the PDF (size plus letter spacing)."""
        return self.body_size_pt + self.pdf_letter_spacing_pt

    @property
    def docx_fonts(self) -> dict[str, str]:
        try:
            return DOCX_FONT_SETS[self.font_set]
        except KeyError:
            raise ValueError(
                f"unknown REPORT_FONT_SET {self.font_set!r}; use one of {', '.join(DOCX_FONT_SETS)}"
            ) from None

    def pdf_font_list(self, role: str) -> str:
        """CSS font-family value for a role, the Noto fallback last."""
        families = list(self.pdf_fonts[role])
        fallback = NOTO_SANS if role == "hei" else NOTO_SERIF
        if fallback not in families:
            families.append(fallback)
        return ", ".join(f'"{f}"' for f in families)

    def key(self) -> str:
        """A short stable hash of every number, for cache keys."""
        return self._key


def default_profile() -> LayoutProfile:
    """The profile of this deployment: the defaults, ``settings.REPORT_FONT_SET`` and any
    numbers in ``settings.RENDER_PROFILE`` (a dict of field names, e.g.
    ``{"line_pitch_twips": 592, "margin_top_mm": 34.58}``)."""
    from django.conf import settings

    overrides = dict(getattr(settings, "RENDER_PROFILE", None) or {})
    overrides.setdefault("font_set", getattr(settings, "REPORT_FONT_SET", "gb2312"))
    overrides.setdefault("pdf_justify_lines", getattr(settings, "REPORT_PDF_JUSTIFY", True))
    for name, value in _installed_fonts(getattr(settings, "REPORT_FONT_DIR", "") or "").items():
        overrides.setdefault(name, value)
    key = json.dumps(overrides, sort_keys=True, ensure_ascii=False, default=list)
    return _profile(key)


@lru_cache(maxsize=4)
def _installed_fonts(font_dir: str) -> dict:
    """The PDF fonts of this machine (:mod:`.fontroles`): the office's own fonts where
    fontconfig (with ``REPORT_FONT_DIR``) finds them, else the stand-ins; read once per
    process. They are part of the profile, so the render cache sees a change of fonts."""
    from . import fontdirs, fontmetrics, fontroles

    fontdirs.configure(font_dir or None)
    faces = fontroles.resolve(fontmetrics.find_face)
    if not any(face.family for face in faces.values()):  # no fontconfig: keep the defaults
        return {}
    body = faces["body"]
    return {
        "pdf_fonts": {role: list(families) for role, families in fontroles.pdf_fonts(faces).items()},
        "title_weight": faces["title"].weight,
        "pdf_synthetic_bold": [body.family] if body.synthetic_bold else [],
    }


@lru_cache(maxsize=8)
def _profile(overrides_json: str) -> LayoutProfile:
    overrides = json.loads(overrides_json)
    if "pdf_fonts" in overrides:
        fonts = {k: tuple(v) for k, v in overrides["pdf_fonts"].items()}
        overrides["pdf_fonts"] = {**PDF_FONTS, **fonts}
    if "pdf_synthetic_bold" in overrides:
        overrides["pdf_synthetic_bold"] = tuple(overrides["pdf_synthetic_bold"])
    profile = LayoutProfile(**overrides)
    profile.docx_fonts  # noqa: B018 - validates font_set early with a clear message
    return profile
