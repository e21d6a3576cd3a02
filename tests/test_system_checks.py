"""System checks: PDF fonts and libharfbuzz-subset (``manage.py check``)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from drafts import checks_system


def test_everything_needed_is_installed_on_this_machine():
    assert checks_system.check_font_families() == []
    assert checks_system.check_harfbuzz_subset() == []


def test_manage_py_check_passes_at_warning_level():
    call_command("check", "--fail-level", "WARNING")


def test_the_required_families_include_the_fangsong_stand_in_and_noto_fallbacks():
    families = checks_system.required_font_families()
    assert {"FandolFang", "FandolKai", "FandolHei", "Noto Serif CJK SC", "Noto Sans CJK SC"} <= set(
        families
    )


def test_a_missing_font_family_is_a_clear_warning():
    warnings = checks_system.check_font_families(["FandolFang", "No Such Fangsong"])
    assert [w.id for w in warnings] == ["drafts.W011"]
    assert "'No Such Fangsong' is not installed" in warnings[0].msg
    assert "fc-cache" in warnings[0].hint


def test_a_missing_font_fails_check_at_warning_level(settings):
    settings.RENDER_REQUIRED_FONT_FAMILIES = ["No Such Fangsong"]
    with pytest.raises(SystemCheckError, match="No Such Fangsong"):
        call_command("check", "--fail-level", "WARNING")


def test_missing_fontconfig_is_reported(monkeypatch):
    from drafts.rendering import fontmetrics

    monkeypatch.setattr(fontmetrics.shutil, "which", lambda name: None)
    warnings = checks_system.check_font_families(["FandolFang"])
    assert [w.id for w in warnings] == ["drafts.W010"]


def test_a_missing_harfbuzz_subset_is_a_clear_warning():
    warnings = checks_system.check_harfbuzz_subset(["libno-such-harfbuzz-subset.so.0"])
    assert [w.id for w in warnings] == ["drafts.W012"]
    assert "libharfbuzz-subset0" in warnings[0].hint


def test_a_missing_harfbuzz_subset_fails_check_at_warning_level(settings):
    settings.RENDER_HARFBUZZ_SUBSET_NAMES = ["libno-such-harfbuzz-subset.so.0"]
    with pytest.raises(SystemCheckError, match="libharfbuzz-subset"):
        call_command("check", "--fail-level", "WARNING")
