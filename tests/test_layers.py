"""The layering, written down once and checked on every run.

    data/ -> c2c.core -> c2c.text -> c2c.map / c2c.report / c2c.export -> ui/ -> pages/, app.py
    geo/ is a leaf: geometry and geocoders, importing nothing of ours.

Each rule says which modules a package must not import (at any depth, including imports inside functions).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

UI_LIBS = ("streamlit", "streamlit_folium")
DRAWING_LIBS = ("folium", "branca", "matplotlib", "matplotlib_fontja")

# package folder -> module prefixes it must never import
RULES: dict[str, tuple[str, ...]] = {
    "geo": ("c2c", "ui", "pages", "bench", "scripts", *UI_LIBS, *DRAWING_LIBS),
    "c2c/core": ("c2c.map", "c2c.export", "c2c.report", "c2c.text", "ui", "pages", *UI_LIBS, *DRAWING_LIBS),
    "c2c/text": ("c2c.map", "c2c.export", "c2c.report", "ui", "pages", *UI_LIBS, *DRAWING_LIBS),
    "c2c/report": ("c2c.map", "c2c.export", "ui", "pages", *UI_LIBS, *DRAWING_LIBS),
    "c2c/map": ("c2c.export", "c2c.report", "ui", "pages", "matplotlib", *UI_LIBS),
    "c2c/export": ("ui", "pages", *UI_LIBS),
    # python -m c2c import: the data contract and the gazetteer, nothing that draws
    "c2c/importer": ("c2c.map", "c2c.export", "c2c.report", "ui", "pages", *UI_LIBS, *DRAWING_LIBS),
    "c2c": ("ui", "pages", "bench", "scripts", "tests", *UI_LIBS),
    "ui": ("pages",),
}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (relative imports are not used in this project)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import"
            base = node.module or ""
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def violations(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    problems = []
    for path in sorted((REPO_ROOT / folder).rglob("*.py")):
        for module in sorted(imported_modules(path)):
            if any(module == bad or module.startswith(bad + ".") for bad in forbidden):
                problems.append(f"{path.relative_to(REPO_ROOT)} imports {module}")
    return problems


@pytest.mark.parametrize("folder", RULES)
def test_layer_contract(folder: str) -> None:
    assert violations(folder, RULES[folder]) == []


def test_the_checker_sees_imports_inside_functions(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    import streamlit as st\n    from c2c.map import network\n", encoding="utf-8")
    assert {"streamlit", "c2c.map", "c2c.map.network"} <= imported_modules(sample)


def test_every_python_folder_is_under_a_rule() -> None:
    """A new package must say where it sits in the layering."""
    top = {p.parent.relative_to(REPO_ROOT).as_posix() for p in REPO_ROOT.glob("c2c/*/__init__.py")}
    assert top <= set(RULES), sorted(top - set(RULES))
