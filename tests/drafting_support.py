"""Support for the drafting tests (imported by their modules).

Tests that use a live server (tests/e2e) flush the database when they end, which removes
the report types that migration 0002 seeds. ``report_types`` puts them back (idempotent),
so the drafting tests pass in any order, with or without pytest-xdist.
"""

import importlib

import pytest
from django.apps import apps

_seed = importlib.import_module("drafts.migrations.0002_report_types").seed


@pytest.fixture(autouse=True)
def report_types(db):
    _seed(apps, None)
