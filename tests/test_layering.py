"""The shape of the code: pure parts stay pure, no import runs upward, no private name is
imported across modules. Read from the source with ``ast`` (nothing is imported)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DRAFTS = Path(__file__).resolve().parents[1] / "drafts"

# Pure: a tree (or text) in, a tree, findings or bytes out. No ORM, no request, no app layer.
PURE = sorted(
    [
        DRAFTS / "document.py",
        DRAFTS / "words.py",
        DRAFTS / "numbering.py",
        DRAFTS / "textclean.py",
        DRAFTS / "workflow.py",
        DRAFTS / "diffing.py",
        DRAFTS / "review" / "places.py",
        *[p for p in (DRAFTS / "importing").glob("*.py") if p.stem not in ("views", "service")],
        *(DRAFTS / "checks").glob("*.py"),
        *(DRAFTS / "rendering").glob("*.py"),
        DRAFTS / "cycle" / "xlsx.py",
        DRAFTS / "cycle" / "roster" / "reader.py",
        DRAFTS / "cycle" / "roster" / "sheets.py",
    ]
)
FORBIDDEN_IN_PURE = (
    "django.db",
    "django.http",
    "django.shortcuts",
    "django.contrib",
    "django.urls",
    "django.template",
    "drafts.models",
    "drafts.persistence",
    "drafts.access",
    "drafts.findings",
    "drafts.drafting",
    "drafts.review",
    "drafts.downloads",
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(DRAFTS.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path):
    """(imported module, names) for every import in ``path``, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names = [a.name for a in node.names]
            if node.module is None:  # from . import x, y: each is a module
                for name in names:
                    yield f"{module}.{name}", []
            else:
                yield module, names


def _all_modules():
    return sorted(p for p in DRAFTS.rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", PURE, ids=lambda p: _module_name(p))
def test_pure_modules_import_no_orm_request_or_app_layer(path):
    bad = [
        module
        for module, _names in _imports(path)
        if any(module == f or module.startswith(f + ".") for f in FORBIDDEN_IN_PURE)
        or module.endswith((".views", ".service", ".queries"))
    ]
    assert bad == []


def test_the_pure_list_covers_the_writers_checks_and_importer():
    names = {_module_name(p) for p in PURE}
    assert {"drafts.rendering.pdf_writer", "drafts.checks.registry", "drafts.importing.text"} <= names


def test_template_tags_import_no_views_no_models_and_run_no_checks():
    for path in (DRAFTS / "templatetags").glob("*.py"):
        for module, _names in _imports(path):
            assert not module.endswith(".views"), (path.name, module)
            assert module not in ("drafts.models", "drafts.checks", "drafts.findings"), (
                path.name,
                module,
            )


def test_only_url_modules_import_views():
    for path in _all_modules():
        if "urls" in path.parts or path.name == "views.py" or path.stem.endswith("_views"):
            continue
        for module, _names in _imports(path):
            assert not (module.endswith(".views") or module.endswith("_views")), (path, module)


def test_no_private_name_is_imported_across_modules():
    offenders = [
        (str(path.relative_to(DRAFTS)), module, name)
        for path in _all_modules()
        for module, names in _imports(path)
        if module.startswith("drafts")
        for name in names
        if name.startswith("_") and not name.startswith("__")
    ]
    assert offenders == []
