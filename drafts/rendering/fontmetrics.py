"""Character advances of the PDF's installed faces, for :mod:`.linebreak`.

The faces are found the way Pango finds them (fontconfig, ``fc-match``) and read once per
process with fontTools (a WeasyPrint dependency). Wide characters (CJK, full-width
punctuation) are one em in these faces and are not looked up. When a face is not installed
as itself (fontconfig substitutes another family), :func:`measurer` returns ``None`` and the
PDF writer lets WeasyPrint break lines as before.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
from collections.abc import Callable

from .linebreak import is_wide

LOGGER = logging.getLogger("drafts.rendering")

_lock = threading.Lock()
_faces: dict[tuple[str, int], tuple[dict[int, int], float] | None] = {}


def fontconfig_output(tool: str, *args: str) -> str | None:
    """What a fontconfig tool (``fc-match``, ``fc-list``) prints, or None when it is missing
    or fails."""
    path = shutil.which(tool)
    if not path:
        return None
    try:
        return subprocess.run(
            [path, *args], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def _find(family: str, weight: int) -> str | None:
    """Path of ``family`` at ``weight`` if fontconfig has that very family."""
    pattern = f"{family}:weight={'bold' if weight >= 600 else 'regular'}"
    out = fontconfig_output("fc-match", "--format=%{family}\n%{file}", pattern)
    if out is None:
        return None
    families, _, path = out.partition("\n")
    if family not in families.split(","):
        return None
    return path.strip() or None


def _load(family: str, weight: int) -> tuple[dict[int, int], float] | None:
    """``({code point: advance in font units}, units per em)`` of the narrow characters."""
    key = (family, weight)
    with _lock:
        if key in _faces:
            return _faces[key]
        face = None
        path = _find(family, weight)
        if path:
            try:
                from fontTools.ttLib import TTFont

                font = TTFont(path, lazy=True, fontNumber=0)
                metrics = font["hmtx"].metrics
                advances = {
                    cp: metrics[name][0]
                    for cp, name in font.getBestCmap().items()
                    if not is_wide(chr(cp)) and name in metrics
                }
                face = (advances, float(font["head"].unitsPerEm))
                font.close()
            except Exception:  # a damaged or unreadable font: fall back, say why
                LOGGER.warning("cannot read the metrics of %s (%s)", family, path, exc_info=True)
        _faces[key] = face
        return face


def measurer(faces: dict[str, tuple[str, int, float]]) -> Callable[[str, str], float] | None:
    """``measure(face name, character) -> advance in points`` for the faces
    ``{name: (family, weight, size in pt)}``, or ``None`` if one is not installed."""
    loaded = {}
    for name, (family, weight, size) in faces.items():
        face = _load(family, weight)
        if face is None:
            return None
        advances, upem = face
        loaded[name] = (advances, size / upem, size)

    def measure(face: str, ch: str) -> float:
        advances, scale, size = loaded[face]
        if is_wide(ch):
            return size
        if ch == "\u200b":
            return 0.0
        advance = advances.get(ord(ch))
        return advance * scale if advance is not None else size  # from the CJK fallback
    return measure
