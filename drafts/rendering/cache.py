"""Render cache: a file per (tree content hash, format, draft flag, layout profile).

Files live in ``settings.RENDER_CACHE_DIR`` and are written atomically (a temporary file in
the same directory, then ``os.replace``), so a concurrent reader never sees half a file.
A repeated download of an unchanged report is served from here without rendering.

A missing file is rendered under an exclusive lock (``flock`` on a file of the same name in
the sibling folder ``<cache dir>.locks``, so the cache folder holds renders only), so of two
processes or threads that want the same file at once — two first downloads, or a download
and the background render of a just-approved report — one renders and the other waits for
its file. (``flock`` serialises on one machine; a cache on shared network storage needs
locks that storage honours.)
"""

from __future__ import annotations

import fcntl
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
    return key_for_hash(tree.content_hash(), fmt, draft=draft, profile=profile)


def key_for_hash(tree_hash: str, fmt: str, *, draft: bool, profile: LayoutProfile) -> str:
    """The file name of a tree by its content hash (``Submission.tree_hash``)."""
    formats.get(fmt)  # ValueError for an unknown format
    flag = "draft" if draft else "final"
    return f"{tree_hash}-{profile.key()}-{WRITER_VERSION}-{flag}.{fmt}"


def is_cached(tree_hash: str, fmt: str, *, draft: bool, profile: LayoutProfile | None = None) -> bool:
    profile = profile or default_profile()
    return (cache_dir() / key_for_hash(tree_hash, fmt, draft=draft, profile=profile)).is_file()


def render_bytes(
    tree: document.Report, fmt: str, *, draft: bool = False, profile: LayoutProfile | None = None
) -> bytes:
    """Render without the cache."""
    return formats.get(fmt).render(tree, profile or default_profile(), draft=draft)


def cached_render(
    tree: document.Report, fmt: str, *, draft: bool = False, profile: LayoutProfile | None = None
) -> Path:
    """Path of the rendered file, rendering only when it is not cached yet (once: whoever
    comes second waits for the first one's file)."""
    profile = profile or default_profile()
    path = cache_dir() / cache_key(tree, fmt, draft=draft, profile=profile)
    if path.is_file():
        return path
    locks = path.parent.with_name(path.parent.name + ".locks")
    locks.mkdir(parents=True, exist_ok=True)
    with open(locks / path.name, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if path.is_file():  # rendered by whoever held the lock before us
                return path
            started = time.perf_counter()
            data = render_bytes(tree, fmt, draft=draft, profile=profile)
            _atomic_write(path, data)
            LOGGER.info(
                "rendered %s (%d bytes, %.0f ms)",
                path.name,
                len(data),
                1000 * (time.perf_counter() - started),
            )
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
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
    again on demand if their file was pruned. Lock files as old go too.
    """
    root = cache_dir()
    if not root.is_dir():
        return 0
    limit = time.time() - older_than_days * 86400
    removed = 0
    for folder, counted in ((root, True), (root.with_name(root.name + ".locks"), False)):
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            try:
                if path.is_file() and path.stat().st_mtime < limit:
                    path.unlink()
                    removed += counted
            except FileNotFoundError:
                continue
    return removed
