"""Django system checks (``manage.py check``): what the PDF renderer needs on the server.

- every font family the layout profile names (FandolFang, FandolKai, FandolHei, FandolSong
  and the Noto CJK SC fallbacks) is installed (asked from fontconfig's ``fc-list``);
- ``libharfbuzz-subset`` can be loaded: without it WeasyPrint subsets CJK fonts through a
  path about ten times slower and says so only in a log line.

Missing pieces are warnings (the PDF still renders, with substitute fonts or slowly);
``manage.py check --fail-level WARNING`` turns them into failures in CI.
"""

from __future__ import annotations

import ctypes

from django.conf import settings
from django.core.checks import Tags, Warning, register

# The names WeasyPrint tries, in its order (weasyprint/text/ffi.py).
HARFBUZZ_SUBSET_NAMES = (
    "libharfbuzz-subset.so.0",
    "libharfbuzz-subset-0",
    "harfbuzz-subset",
    "libharfbuzz-subset.0.dylib",
)

_FONT_HINT = (
    "Install the fonts as the README says: fonts-noto-cjk and fonts-lxgw-wenkai from Debian, "
    "the Fandol OTFs from texlive-lang-chinese into /usr/local/share/fonts/fandol, then run fc-cache."
)


def required_font_families() -> list[str]:
    """The families the PDF profile names first for each role, plus the Noto fallbacks."""
    configured = getattr(settings, "RENDER_REQUIRED_FONT_FAMILIES", None)
    if configured is not None:
        return list(configured)
    from .rendering.profile import NOTO_SANS, NOTO_SERIF, PDF_FONTS

    families = [fonts[0] for fonts in PDF_FONTS.values()]
    families += [NOTO_SERIF, NOTO_SANS]
    return list(dict.fromkeys(families))


def installed_font_families() -> set[str] | None:
    """Family names fontconfig knows (every alias), or None when fc-list is missing."""
    from .rendering.fontmetrics import fontconfig_output

    out = fontconfig_output("fc-list", "--format", "%{family}\n")
    if out is None:
        return None
    return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}


def check_font_families(families=None, installed=None) -> list[Warning]:
    families = required_font_families() if families is None else list(families)
    if installed is None:
        installed = installed_font_families()
    if installed is None:
        return [
            Warning(
                "fc-list (fontconfig) is not installed, so the PDF fonts cannot be checked.",
                hint="apt-get install fontconfig",
                id="drafts.W010",
            )
        ]
    missing = [f for f in families if f not in installed]
    return [
        Warning(
            f"Font family {name!r} is not installed: PDFs will use a substitute font "
            f"(wrong typeface, or boxes for missing characters).",
            hint=_FONT_HINT,
            id="drafts.W011",
        )
        for name in missing
    ]


def harfbuzz_subset_available(names=HARFBUZZ_SUBSET_NAMES) -> bool:
    for name in names:
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        return True
    return False


def check_harfbuzz_subset(names=None) -> list[Warning]:
    names = (
        getattr(settings, "RENDER_HARFBUZZ_SUBSET_NAMES", HARFBUZZ_SUBSET_NAMES)
        if names is None
        else names
    )
    if harfbuzz_subset_available(names):
        return []
    return [
        Warning(
            "libharfbuzz-subset is not installed: every PDF render embeds CJK fonts through a "
            "slow fallback (seconds instead of a fraction of a second).",
            hint="apt-get install libharfbuzz-subset0",
            id="drafts.W012",
        )
    ]


@register(Tags.compatibility)
def pdf_fonts_check(app_configs=None, **kwargs):
    return check_font_families()


@register(Tags.compatibility)
def harfbuzz_subset_check(app_configs=None, **kwargs):
    return check_harfbuzz_subset()
