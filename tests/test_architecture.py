"""The package's shape: stages import one way, no cycles, small modules, one error family."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import libya_conflict
from conftest import REPO
from libya_conflict.errors import LibyaConflictError

PACKAGE = REPO / "src" / "libya_conflict"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MAX_LINES = 400
MAX_TOP_MODULES = 10


def lint_imports(python_path: Path | None = None) -> subprocess.CompletedProcess:
    env = None
    if python_path is not None:
        import os

        env = {**os.environ, "PYTHONPATH": str(python_path)}
    return subprocess.run([str(LINT_IMPORTS), "--config", str(REPO / "pyproject.toml"),
                           "--no-cache"], capture_output=True, text=True, env=env, cwd=REPO)


def all_modules() -> list[str]:
    names = [libya_conflict.__name__]
    for info in pkgutil.walk_packages(libya_conflict.__path__, prefix="libya_conflict."):
        names.append(info.name)
    return names


def test_import_contracts_are_kept():
    done = lint_imports()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


@pytest.mark.parametrize("planted", [
    # A lower stage reaching up, inside a function (imports in functions count too).
    ("reference/gazetteer.py", "\n\ndef _up():\n    from libya_conflict.publishing import build\n"
     "    return build\n", "Stages import one way (docs/architecture.md)"),
    # Two modules of one stage importing each other.
    ("briefings/wording.py", "\n\ndef _back():\n    from libya_conflict.briefings import narrative"
     "\n    return narrative\n", "No import cycle inside a stage"),
])
def test_the_contracts_fail_on_a_planted_violation(tmp_path, planted):
    copy = tmp_path / "libya_conflict"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("data", "__pycache__"))
    module, code, contract = planted
    with open(copy / module, "a", encoding="utf-8") as handle:
        handle.write(code)
    done = lint_imports(tmp_path)
    assert done.returncode == 1
    assert f"{contract} BROKEN" in " ".join(done.stdout.split())


def test_every_module_is_small():
    sizes = {p.relative_to(PACKAGE).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for p in PACKAGE.rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_few_modules_at_the_top_of_the_package():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top
    stages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert stages == {"reference", "reading", "cleaning", "fetch", "sample", "briefings",
                      "publishing"}


def test_every_project_exception_derives_from_one_base():
    found = []
    for name in all_modules():
        module = importlib.import_module(name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__ == name:
                found.append(value)
    assert len(found) >= 7
    assert [cls.__qualname__ for cls in found if not issubclass(cls, LibyaConflictError)] == []


def test_exit_codes_and_error_lines_are_defined_in_one_place():
    defined = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign):
                defined += [(path.name, t.id) for t in node.targets
                            if isinstance(t, ast.Name) and t.id.startswith("EXIT_")]
    assert {file for file, _ in defined} == {"errors.py"}


def test_the_facades_keep_every_name_the_notebooks_call():
    from libya_conflict import briefing, charts, params

    for notebook in (REPO / "notebooks").glob("*.ipynb"):
        import json

        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id in ("briefing", "charts"):
                facade = briefing if node.value.id == "briefing" else charts
                assert node.attr in facade.__all__, f"{notebook.name}: {node.value.id}.{node.attr}"
            if isinstance(node, ast.ImportFrom) and node.module == "libya_conflict.params":
                assert all(a.name in params.__all__ for a in node.names)
