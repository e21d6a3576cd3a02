"""fontconfig for the PDF (and for LibreOffice started from this process): the office's
own font directory, the stand-ins' weights, the stand-ins behind the office fonts' names.

:func:`configure` writes a fontconfig file that includes the system's configuration and
adds three things, and points ``FONTCONFIG_FILE`` at it, so that every fontconfig user of
the process sees them: WeasyPrint (which loads the configuration for each
``FontConfiguration``), the ``fc-list`` the font roles are read from, and LibreOffice run
from it.

- ``REPORT_FONT_DIR``: licensed fonts (方正小标宋简体, 仿宋_GB2312 …) copied from a Windows
  PC into a directory of the deployment rather than installed system-wide.
- FandolSong and FandolHei ship a Bold face whose OS/2 weight says 400 like the Regular,
  so fontconfig picked the Bold for regular text (page numbers and 黑体 headings printed
  bold): a regular request for them asks for the Regular style.
- The office fonts' names fall back to the stand-ins (仿宋_GB2312 to FandolFang …) where they
  are not installed, so that a DOCX converted here is set in the same faces as the PDF.
  An installed office font still wins: the stand-in is only accepted after it.

It must run before the first fontconfig user, which the PDF writer and
:func:`.profile.default_profile` see to; fonts in the directory are indexed once (the cache
sits next to the file, in the temporary directory).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from pathlib import Path
from xml.sax.saxutils import escape

_lock = threading.Lock()
_configured: str | None = None
SYSTEM_CONF = "/etc/fonts/fonts.conf"


# Office font names -> the stand-in of the same style (fontroles.ROLES).
ALIASES = {
    "仿宋_GB2312": "FandolFang",
    "仿宋": "FandolFang",
    "FangSong": "FandolFang",
    "楷体_GB2312": "FandolKai",
    "楷体": "FandolKai",
    "KaiTi": "FandolKai",
    "黑体": "FandolHei",
    "SimHei": "FandolHei",
    "方正小标宋简体": "FandolSong",
    "宋体": "FandolSong",
    "SimSun": "FandolSong",
}
REGULAR_STYLE_FAMILIES = ("FandolSong", "FandolHei")


def configuration(base: str, directory: Path | None, cache_dir: Path) -> str:
    """The text of the fontconfig file (see the module's notes)."""
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        "<fontconfig>",
    ]
    if directory:
        lines.append(f"  <dir>{escape(str(directory))}</dir>")
    lines.append(f"  <cachedir>{escape(str(cache_dir))}</cachedir>")
    # Before the system's rules, which append generic families (sans-serif) the stand-ins
    # must come before.
    for name, stand_in in ALIASES.items():
        lines += [
            '  <alias binding="same">',
            f"    <family>{escape(name)}</family>",
            f"    <accept><family>{escape(stand_in)}</family></accept>",
            "  </alias>",
        ]
    # After the aliases, which bring the stand-ins into the pattern.
    for family in REGULAR_STYLE_FAMILIES:
        lines += [
            '  <match target="pattern">',
            f'    <test name="family"><string>{family}</string></test>',
            '    <test name="weight" compare="less_eq"><const>medium</const></test>',
            '    <edit name="style" mode="assign"><string>Regular</string></edit>',
            "  </match>",
        ]
    lines += [f'  <include ignore_missing="yes">{escape(base)}</include>', "</fontconfig>"]
    return "\n".join(lines) + "\n"


def configure(font_dir: str | os.PathLike | None = None) -> str:
    """Point this process (and its children) at the configuration, adding ``font_dir`` if
    given; returns the file. Idempotent."""
    global _configured
    directory = Path(font_dir).expanduser().resolve() if font_dir else None
    with _lock:
        current = os.environ.get("FONTCONFIG_FILE")
        if current and current in (_configured, _ours(current, directory)):
            _configured = current
            return current
        base = current or SYSTEM_CONF
        key = hashlib.sha256(f"{base}\n{directory}".encode()).hexdigest()[:16]
        conf_dir = Path(tempfile.gettempdir()) / f"reportsite-fontconfig-{key}"
        conf_dir.mkdir(parents=True, exist_ok=True)
        conf = conf_dir / "fonts.conf"
        text = configuration(base, directory, conf_dir / "cache")
        if not conf.exists() or conf.read_text(encoding="utf-8") != text:
            tmp = conf_dir / f"fonts.conf.{os.getpid()}.tmp"
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(conf)
        os.environ["FONTCONFIG_FILE"] = str(conf)
        _configured = str(conf)
        return _configured


def _ours(conf: str, directory: Path | None) -> str | None:
    """``conf`` if it is a file this module wrote, adding ``directory`` (or none), e.g. one
    inherited from the process that started this one; else None."""
    path = Path(conf)
    if not path.parent.name.startswith("reportsite-fontconfig-"):
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    if directory:
        return conf if f"<dir>{escape(str(directory))}</dir>" in text else None
    return conf if "<dir>" not in text else None


def configure_from_settings() -> str | None:
    """:func:`configure` with ``settings.REPORT_FONT_DIR`` (unset or empty: no directory)."""
    from django.conf import settings

    return configure(getattr(settings, "REPORT_FONT_DIR", "") or None)
