"""The render cache: keyed by tree content, format, draft flag and profile; atomic files."""

from __future__ import annotations

import dataclasses

import pytest

from drafts import document
from drafts.rendering import cache
from drafts.rendering.profile import default_profile


@pytest.fixture
def cache_dir(settings):
    return settings.RENDER_CACHE_DIR


def test_a_repeated_render_is_served_from_the_cache(sample_tree):
    path = cache.cached_render(sample_tree, "docx")
    path.write_bytes(b"sentinel")  # if the second call rendered again, this would be gone
    again = cache.cached_render(document.Report.from_json(sample_tree.to_json()), "docx")
    assert again == path and again.read_bytes() == b"sentinel"


def test_a_changed_tree_renders_a_new_file(sample_tree):
    first = cache.cached_render(sample_tree, "html")
    sample_tree.closing += "（补充）"
    second = cache.cached_render(sample_tree, "html")
    assert first != second and "（补充）" in second.read_text(encoding="utf-8")


def test_the_draft_flag_format_and_profile_are_part_of_the_key(sample_tree):
    profile = default_profile()
    keys = {
        cache.cache_key(sample_tree, "pdf", draft=False, profile=profile),
        cache.cache_key(sample_tree, "pdf", draft=True, profile=profile),
        cache.cache_key(sample_tree, "docx", draft=False, profile=profile),
        cache.cache_key(
            sample_tree,
            "pdf",
            draft=False,
            profile=dataclasses.replace(profile, line_pitch_twips=580),
        ),
    }
    assert len(keys) == 4


def test_it_leaves_no_temporary_files(sample_tree, cache_dir):
    cache.cached_render(sample_tree, "html")
    cache.cached_render(sample_tree, "html", draft=True)
    names = sorted(p.name for p in cache_dir.iterdir())
    assert len(names) == 2 and not any(n.startswith(".tmp-") for n in names)


def test_an_unknown_format_is_refused(sample_tree):
    with pytest.raises(ValueError):
        cache.cached_render(sample_tree, "odt")


def test_prune_deletes_only_old_files(sample_tree):
    import os
    import time

    old = cache.cached_render(sample_tree, "html")
    new = cache.cached_render(sample_tree, "html", draft=True)
    past = time.time() - 40 * 86400
    os.utime(old, (past, past))
    assert cache.prune(older_than_days=30) == 1
    assert not old.exists() and new.exists()
