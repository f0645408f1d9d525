"""Every library papergraph imports is declared in pyproject.toml, and only through its
public modules: a dependency that another package merely happens to bring along, or a
private module, breaks the day that package changes."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def _name(requirement: str) -> str:
    """The canonical distribution name of a requirement (``"Jinja2>=3"`` -> ``jinja2``)."""
    name = re.match(r"[A-Za-z0-9._-]+", requirement).group(0)
    return re.sub(r"[-_.]+", "-", name).lower()


RUNTIME = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
TEST = RUNTIME | {_name(r) for r in PYPROJECT["project"]["optional-dependencies"]["test"]}


OURS = ("papergraph", "training")  # the package, and the repository's training code


def imports(folder: Path) -> dict[str, set[str]]:
    """Third-party top-level modules imported by the .py files under ``folder``:
    module -> the files importing it (relative imports, the standard library and
    modules of the folder itself or of tests/, which benchmarks/ borrows, and the
    repository's own training/ package left out)."""
    local = {p.stem for p in [*folder.rglob("*.py"), *(ROOT / "tests").glob("*.py")]}
    local |= {p.name for p in folder.iterdir() if p.is_dir()}
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in local or top in OURS:
                    continue
                found.setdefault(top, set()).add(path.name)
    return found


def undeclared(folder: Path, declared: set[str]) -> list[str]:
    dists = packages_distributions()
    problems = []
    for module, files in sorted(imports(folder).items()):
        provided_by = {_name(d) for d in dists.get(module, [])}
        if not provided_by:
            problems.append(f"{module}: imported by {sorted(files)} but not installed")
        elif not provided_by & declared:
            problems.append(f"{module} (distribution {sorted(provided_by)}): imported by "
                            f"{sorted(files)}, not declared in pyproject.toml")
    return problems


def test_every_library_the_package_imports_is_a_declared_dependency():
    assert undeclared(ROOT / "src" / "papergraph", RUNTIME) == []


@pytest.mark.parametrize("folder", ["tests", "benchmarks", "scripts", "training"])
def test_every_library_the_tests_and_tools_import_is_declared(folder):
    assert undeclared(ROOT / folder, TEST) == []


def test_the_check_finds_an_undeclared_import(tmp_path):
    (tmp_path / "m.py").write_text("import rich.console\nfrom jinja2 import Template\n")
    assert [p.split(" ")[0] for p in undeclared(tmp_path, {"typer"})] == ["jinja2", "rich"]


def test_no_private_module_of_a_dependency_is_imported():
    """``from pkg._internal import x`` or ``import pkg._x``: private modules change without
    notice (use the public API, or pin and test the private one where there is none)."""
    private = []
    for path in (ROOT / "src" / "papergraph").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                parts = node.module.split(".") + [a.name for a in node.names]
            elif isinstance(node, ast.Import):
                parts = [p for a in node.names for p in a.name.split(".")]
            else:
                continue
            if parts[0] != "papergraph" and any(p.startswith("_") and not p.startswith("__")
                                                for p in parts):
                private.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert private == []
