"""Letter spacing as WeasyPrint 70 puts it on the page, and the CSS value for a wanted one.

A CSS ``letter-spacing`` reaches the PDF through three roundings: WeasyPrint hands it to
Pango in whole Pango units (1/1024 pt, truncated); Pango adds it to each glyph's advance and
shifts the glyph by half of it (C integer division); WeasyPrint writes each glyph's advance
as the font's width less a correction in whole thousandths of an em, truncated towards zero,
after taking the half-spacing shift (divided by the font size) into account. The spacing on
the page is therefore a step function of the CSS value, up to 0.016 pt (at 16 pt) per
character away from it: 0.4 pt over a 28-character line, enough to put the last glyph past
the margin. :func:`achievable` gives, for a wanted spacing, the largest spacing the PDF can
show that is not wider, and the CSS value that produces it.

Pure arithmetic. The model was checked glyph by glyph against ``pdftotext -bbox`` (within
0.002 pt per character); ``tests/test_pdf_formal.py`` measures the result on real PDFs.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

PANGO_UNITS = 1024  # Pango units per CSS pixel
PX_PER_PT = 4 / 3  # WeasyPrint lays out in CSS pixels
STEPS_PER_EM = 1000  # WeasyPrint's glyph advances: thousandths of the font size
# Spacings tabulated, in points: lines are squeezed by at most 1 pt and stretched by at most
# 4 pt per character (linebreak.MAX_SQUEEZE_PT, MAX_STRETCH_PT).
_RANGE_PT = (-1.25, 4.25)


def _c_half(units: int) -> int:
    """``units / 2`` as C divides integers (towards zero)."""
    return int(units / 2)


def _page_steps(units: int, size_px: float, glyph_units: int) -> float:
    """Thousandths of an em between two full-width glyphs beyond one em, for a Pango
    spacing of ``units`` and a glyph ``glyph_units`` wide: the half-spacing shift Pango gives
    the glyph, less WeasyPrint's truncated correction of the advance."""
    offset = _c_half(units) / size_px
    advance = (glyph_units + units) * STEPS_PER_EM / (PANGO_UNITS * size_px)
    return offset - int(STEPS_PER_EM + offset - advance)


@lru_cache(maxsize=8)
def _table(size_pt: float) -> tuple[list[float], list[int]]:
    """Every spacing (pt) the page shows at ``size_pt``, ascending, each with the Pango units
    that give it. Only units whose result does not change when the glyph's advance is a unit
    off (Pango's rounding of the font scale) are kept, and of those the middle one."""
    size_px = size_pt * PX_PER_PT
    glyph = round(size_px * PANGO_UNITS)
    low, high = (round(v * PX_PER_PT * PANGO_UNITS) for v in _RANGE_PT)
    runs: dict[float, list[int]] = {}
    for units in range(low, high + 1):
        steps = {round(_page_steps(units, size_px, g), 6) for g in (glyph - 1, glyph, glyph + 1)}
        if len(steps) == 1:
            spacing = round(steps.pop() * size_pt / STEPS_PER_EM, 6)
            runs.setdefault(spacing, []).append(units)
    spacings = sorted(runs)
    return spacings, [runs[s][len(runs[s]) // 2] for s in spacings]


def _css_pt(units: int) -> float:
    """A CSS value in points that WeasyPrint truncates to exactly ``units`` Pango units."""
    return (units + (0.5 if units >= 0 else -0.5)) / PANGO_UNITS / PX_PER_PT


def page_spacing(css_pt: float, size_pt: float) -> float:
    """The spacing (pt) the page shows between full-width glyphs for a CSS value."""
    size_px = size_pt * PX_PER_PT
    units = int(css_pt * PX_PER_PT * PANGO_UNITS)
    return _page_steps(units, size_px, round(size_px * PANGO_UNITS)) * size_pt / STEPS_PER_EM


def achievable(wanted_pt: float, size_pt: float) -> tuple[float, float]:
    """``(spacing on the page, CSS letter-spacing in pt)``: the widest spacing the PDF can show
    that is not wider than ``wanted_pt``, and the CSS value that gives it."""
    spacings, units = _table(size_pt)
    i = max(0, bisect_right(spacings, wanted_pt + 1e-9) - 1)
    return spacings[i], _css_pt(units[i])
