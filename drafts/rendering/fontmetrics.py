"""Character advances of the PDF's installed faces, for :mod:`.linebreak`.

The faces are found by family name in fontconfig's list (one ``fc-list`` per process, so
fonts in ``REPORT_FONT_DIR`` count once :mod:`.fontdirs` has set fontconfig up) and read
once per process with fontTools (a WeasyPrint dependency); :func:`coverage` gives a face's
character map for the font-role report (:mod:`.fontroles`). Wide characters (CJK, full-width
punctuation) are one em in these faces and are not looked up. When a face is not installed
as itself (fontconfig substitutes another family), :func:`measurer` returns ``None`` and the
PDF writer lets WeasyPrint break lines as before.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .linebreak import is_wide

LOGGER = logging.getLogger("drafts.rendering")

_lock = threading.RLock()  # _load finds faces while holding it
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


# fontconfig weights: regular 80, bold 200 (FC_WEIGHT_*).
_FC_REGULAR = 80
_FC_BOLD = 200


@dataclass(frozen=True)
class InstalledFace:
    path: str
    index: int
    weight: int


_installed: dict[str, list[InstalledFace]] | None = None


def installed_faces() -> dict[str, list[InstalledFace]]:
    """Family name (every alias fontconfig lists) -> its faces, read once per process with
    one ``fc-list`` (empty when fontconfig is missing)."""
    global _installed
    with _lock:
        if _installed is None:
            out = fontconfig_output(
                "fc-list", "--format", "%{family}\t%{weight}\t%{style}\t%{index}\t%{file}\n"
            )
            table: dict[str, list[InstalledFace]] = {}
            for line in (out or "").splitlines():
                parts = line.split("\t")
                if len(parts) != 5:
                    continue
                families, weight, style, index, path = parts
                try:
                    value = int(float(weight))
                except ValueError:  # a variable font's weight range
                    value = _FC_REGULAR
                # Fandol's bold faces say weight 400 in their OS/2 table; their style says Bold.
                if "Bold" in style.split(",")[0]:
                    value = max(value, _FC_BOLD)
                face = InstalledFace(path, int(index or 0), value)
                for name in families.split(","):
                    if name.strip():
                        table.setdefault(name.strip(), []).append(face)
            _installed = table
        return _installed


def find_face(family: str, bold: bool) -> tuple[str, int] | None:
    """``(path, fontconfig weight)`` of ``family``'s regular face, or of its boldest face when
    ``bold`` (its regular one if it has no bold: Pango then emboldens), or None when no
    installed face has that very family name."""
    face = _pick(family, bold)
    return (face.path, face.weight) if face else None


def _pick(family: str, bold: bool) -> InstalledFace | None:
    faces = installed_faces().get(family)
    if not faces:
        return None
    target = _FC_BOLD if bold else _FC_REGULAR
    return min(faces, key=lambda f: (abs(f.weight - target), f.path, f.index))


def family_path(family: str) -> str | None:
    face = _pick(family, False)
    return face.path if face else None


_coverage: dict[str, frozenset[int]] = {}


def coverage(path: str) -> frozenset[int] | None:
    """The code points the face at ``path`` has glyphs for (its first face for a
    collection, the Simplified Chinese one for Noto CJK), read once per process."""
    with _lock:
        if path in _coverage:
            return _coverage[path]
    faces = [f for fs in installed_faces().values() for f in fs if f.path == path]
    index = _sc_index(path, faces)
    try:
        from fontTools.ttLib import TTFont

        font = TTFont(path, lazy=True, fontNumber=index)
        points = frozenset(font.getBestCmap())
        font.close()
    except Exception:  # a damaged or unreadable font: no coverage known, say why
        LOGGER.warning("cannot read the character map of %s", path, exc_info=True)
        return None
    with _lock:
        _coverage[path] = points
    return points


def _sc_index(path: str, faces: list[InstalledFace]) -> int:
    """The index in a collection of the face listed as Simplified Chinese (Noto CJK's .ttc
    holds the Japanese face first), else the first."""
    for family, fs in installed_faces().items():
        if family.endswith(" SC"):
            for f in fs:
                if f.path == path:
                    return f.index
    return faces[0].index if faces else 0


def _find(family: str, weight: int) -> str | None:
    """Path of ``family`` at ``weight`` (its regular face when it has no bold) if fontconfig
    has that very family."""
    found = find_face(family, weight >= 600)
    return found[0] if found else None


def _load(family: str, weight: int) -> tuple[dict[int, int], float] | None:
    """``({code point: advance in font units}, units per em)`` of the narrow characters."""
    key = (family, weight)
    with _lock:
        if key in _faces:
            return _faces[key]
        metrics = None
        path = _find(family, weight)
        if path:
            installed = _pick(family, weight >= 600)
            try:
                metrics = _read_metrics(path, installed.index if installed else 0)
            except Exception:  # a damaged or unreadable font: fall back, say why
                LOGGER.warning("cannot read the metrics of %s (%s)", family, path, exc_info=True)
        _faces[key] = metrics
        return metrics


def _read_metrics(path: str, index: int) -> tuple[dict[int, int], float]:
    """The narrow characters' advances of a face, from a small cache in the temporary
    directory (reading a CJK face's advances with fontTools takes 30 ms; a fresh render
    process needs four faces)."""
    stat = os.stat(path)
    key = hashlib.sha256(f"{path}:{index}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()
    cache = Path(tempfile.gettempdir()) / f"reportsite-metrics-{key[:16]}.json"
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        return {int(cp): adv for cp, adv in data["advances"].items()}, float(data["upem"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True, fontNumber=index)
    try:
        hmtx = font["hmtx"].metrics
        advances = {
            cp: hmtx[name][0]
            for cp, name in font.getBestCmap().items()
            if not is_wide(chr(cp)) and name in hmtx
        }
        upem = float(font["head"].unitsPerEm)
    finally:
        font.close()
    try:
        tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"advances": advances, "upem": upem}), encoding="utf-8")
        tmp.replace(cache)
    except OSError:
        LOGGER.warning("cannot cache font metrics in %s", cache.parent, exc_info=True)
    return advances, upem


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
