"""Django system checks (``manage.py check``): what the PDF renderer needs on the server.

- which face serves each type role (仿宋 body, 楷体, 黑体, 小标宋 title, 宋体 page numbers):
  the office's own font where fontconfig finds it (with ``REPORT_FONT_DIR``), else the free
  stand-in, and whether bold lead sentences are synthesised (an Info message per role,
  ``drafts.I020``, shown by ``manage.py check --deploy``; a Warning, ``drafts.W021``, for a
  role no installed face serves, on every run);
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
from django.core.checks import WARNING, Info, Tags, Warning, register
from django.utils.translation import gettext as _

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
    from .rendering.fontdirs import configure_from_settings
    from .rendering.fontmetrics import fontconfig_output

    configure_from_settings()
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


def describe_face(face) -> str:
    """One line on the face that serves a role (also shown on the admin's font page)."""
    if face.licensed:
        kind = _("the office's own font")
    else:
        kind = _("free stand-in: no office font of this role is installed")
    text = _("%(family)s (%(kind)s), %(path)s") % {
        "family": face.family,
        "kind": kind,
        "path": face.path,
    }
    if face.synthetic_bold:
        text += _("; bold lead sentences are emboldened (the face has no bold)")
    return text


def check_font_roles(faces=None) -> list:
    """An Info message per role saying which face serves it; a Warning for a role that no
    installed face serves."""
    from .rendering import fontreport, fontroles

    faces = fontreport.faces() if faces is None else faces
    messages = []
    for role in fontroles.ROLES:
        face = faces[role.name]
        if face.family is None:
            messages.append(
                Warning(
                    _("%(role)s: no installed face serves this role.") % {"role": role.label},
                    hint=_FONT_HINT,
                    id="drafts.W021",
                )
            )
        else:
            messages.append(
                Info(f"{role.label}: {describe_face(face)}", id="drafts.I020")
            )
    return messages


@register(Tags.compatibility)
def font_roles_check(app_configs=None, **kwargs):
    """A role no face serves (every command sees it)."""
    return [m for m in check_font_roles() if m.level >= WARNING]


@register(Tags.compatibility, deploy=True)
def font_roles_report(app_configs=None, **kwargs):
    """Which face serves each role: ``manage.py check --deploy`` (an Info on every command
    would interleave with the output of commands that print one line)."""
    return [m for m in check_font_roles() if m.level < WARNING]
