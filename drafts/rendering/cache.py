"""Render cache: a file per (tree content hash, format, draft flag, layout profile).

Files live in ``settings.RENDER_CACHE_DIR`` and are written atomically (a temporary file in
the same directory, then ``os.replace``), so a concurrent reader never sees half a file.
A repeated download of an unchanged report is served from here without rendering.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from pathlib import Path

from django.conf import settings

from .. import document
from . import formats
from .profile import LayoutProfile, default_profile

LOGGER = logging.getLogger("drafts.rendering")

# Bump when the writers change their output so old cache entries are not served.
WRITER_VERSION = "1"


def cache_dir() -> Path:
    return Path(settings.RENDER_CACHE_DIR)


def cache_key(tree: document.Report, fmt: str, *, draft: bool, profile: LayoutProfile) -> str:
    formats.get(fmt)  # ValueError for an unknown format
    flag = "draft" if draft else "final"
    return f"{tree.content_hash()}-{profile.key()}-{WRITER_VERSION}-{flag}.{fmt}"


def render_bytes(
    tree: document.Report, fmt: str, *, draft: bool = False, profile: LayoutProfile | None = None
) -> bytes:
    """Render without the cache."""
    return formats.get(fmt).render(tree, profile or default_profile(), draft=draft)


def cached_render(
    tree: document.Report, fmt: str, *, draft: bool = False, profile: LayoutProfile | None = None
) -> Path:
    """Path of the rendered file, rendering only when it is not cached yet."""
    profile = profile or default_profile()
    path = cache_dir() / cache_key(tree, fmt, draft=draft, profile=profile)
    if path.is_file():
        return path
    data = render_bytes(tree, fmt, draft=draft, profile=profile)
    _atomic_write(path, data)
    LOGGER.info("rendered %s (%d bytes)", path.name, len(data))
    return path


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def prune(older_than_days: float = 30) -> int:
    """Delete cached files not used for ``older_than_days``; returns how many were deleted.

    A cache hit touches nothing, so "used" means written; approved reports are rendered
    again on demand if their file was pruned.
    """
    root = cache_dir()
    if not root.is_dir():
        return 0
    limit = time.time() - older_than_days * 86400
    removed = 0
    for path in root.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed
