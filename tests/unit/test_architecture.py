"""The walls between the doors (README, "Architecture"), checked on every `make test`.

- The import contracts of pyproject.toml (`[tool.importlinter]`), run by import-linter: another
  door, the API and the CLI reach a door only through its `services` module; no door imports
  the API; the base imports no door.
- No private name (`_x`) is imported from another module; no function hides an import of the
  portal (a link between modules is written at the top, where the contracts see it).
- The benchmarks import nothing from tests/ (what both need is in mesures/).
- No module over 400 lines, no function over 60 (generated migrations aside).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORTAL = ROOT / "portal"
MIGRATIONS = PORTAL / "migrations" / "versions"
MODULE_MAX = 400
FONCTION_MAX = 60
# The composition root imports every door when the app is built, not when `portal` is imported;
# the assistant door registers its pages the same way (they import the accueil door, which
# imports the assistant's services).
IMPORTS_LOCAUX_PERMIS = {
    ("portal/__init__.py", "create_app"),
    ("portal/assistant/__init__.py", "init_app"),
    ("portal/indicateurs/__init__.py", "init_app"),
}


def _modules() -> list[Path]:
    return sorted(p for p in PORTAL.rglob("*.py") if MIGRATIONS not in p.parents)


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _module_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef)
    return [node for node in ast.walk(tree) if isinstance(node, kinds)]


def test_the_import_contracts_hold() -> None:
    executable = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's portal, not an installed one
    resultat = subprocess.run(
        [str(executable), "--no-cache"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=300, check=False,
    )
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert "0 broken" in resultat.stdout, resultat.stdout


def test_no_private_name_is_imported_from_another_module() -> None:
    fautes = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("portal"):
                prives = [a.name for a in node.names if a.name.startswith("_")]
                if prives and node.module != _module_of(path):
                    fautes.append(f"{_name(path)}:{node.lineno} {node.module} {prives}")
    assert fautes == []


def test_no_function_hides_an_import_of_the_portal() -> None:
    fautes = []
    for path in _modules():
        for fonction in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            if (_name(path), fonction.name) in IMPORTS_LOCAUX_PERMIS:
                continue
            for node in ast.walk(fonction):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("portal"):
                    fautes.append(f"{_name(path)}:{node.lineno} {fonction.name}: {node.module}")
                if isinstance(node, ast.Import) and any(
                    a.name.startswith("portal") for a in node.names
                ):
                    fautes.append(f"{_name(path)}:{node.lineno} {fonction.name}")
    assert fautes == []


def test_the_benchmarks_import_nothing_from_the_tests() -> None:
    """What both need (the test configuration, the triage evaluation, a real Rasa) is in
    mesures/."""
    fautes = []
    for path in sorted((ROOT / "benchmarks").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            noms = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if isinstance(node, ast.Import):
                noms = [a.name for a in node.names]
            fautes += [f"{_name(path)}:{node.lineno} {n}" for n in noms if n.startswith("tests")]
    assert fautes == []


def test_no_module_is_over_400_lines() -> None:
    longs = {
        _name(path): n
        for path in _modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) >= MODULE_MAX
    }
    assert longs == {}


def test_no_function_is_over_60_lines() -> None:
    longues = {}
    for path in _modules():
        for fonction in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            n = (fonction.end_lineno or fonction.lineno) - fonction.lineno + 1
            if n >= FONCTION_MAX:
                longues[f"{_name(path)}:{fonction.name}"] = n
    assert longues == {}


def test_the_readme_names_every_door_and_each_has_its_contract() -> None:
    """A door is a folder of portal/ with a `services.py`: the README's architecture section
    names each one, and pyproject.toml protects each one by its own import contract."""
    portes = sorted(p.parent.name for p in PORTAL.glob("*/services.py"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    debut = readme.index("- Une porte = un dossier de `portal/` (")
    liste = readme[debut:readme.index(")", debut)].replace("\n", " ")
    nommees = sorted(nom.strip(" `") for nom in liste.split("(", 1)[1].split(","))
    assert nommees == portes
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for porte in portes:
        assert f'protected_modules = ["portal.{porte}.*"]' in pyproject, porte
