"""The layer rule, enforced: import-linter's contracts in pyproject.toml
(interface → api → builders → store → plan → office → text → errors, the plan
package's own layers, no cycles), and no zidocs import hidden in a function."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import REPO

LINT = Path(sys.executable).with_name("lint-imports")


def lint(pythonpath: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run([str(LINT), "--config", str(REPO / "pyproject.toml"), "--no-cache"],
                          capture_output=True, text=True, env=env, cwd=pythonpath)


def test_layer_contracts_hold():
    proc = lint(REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 kept, 0 broken" in proc.stdout


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "zidocs", tmp_path / "zidocs", ignore=shutil.ignore_patterns("__pycache__"),
                    symlinks=True)
    return tmp_path


def test_a_lower_layer_importing_a_higher_one_breaks_the_contract(tmp_path):
    root = _copy(tmp_path)
    path = root / "zidocs" / "plan" / "findings.py"
    path.write_text(path.read_text() + "\nfrom zidocs.keputusan import build  # noqa\n")
    proc = lint(root)
    assert proc.returncode == 1
    assert "zidocs.plan.findings -> zidocs.keputusan.build" in proc.stdout
    assert "BROKEN" in proc.stdout


def test_a_cycle_breaks_the_contract(tmp_path):
    root = _copy(tmp_path)
    path = root / "zidocs" / "monev" / "figures.py"
    path.write_text(path.read_text() + "\nfrom zidocs.monev import report  # noqa\n")
    proc = lint(root)
    assert proc.returncode == 1
    assert "no import cycles between sibling modules BROKEN" in proc.stdout


def test_no_zidocs_import_inside_a_function():
    """Lazy imports are for heavy third-party packages only; an import of a
    zidocs module inside a function hides a dependency from the layer check."""
    hidden = []
    for path in sorted((REPO / "zidocs").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("zidocs")):
                    hidden.append(f"{path.relative_to(REPO)}:{node.lineno}")
                elif isinstance(node, ast.Import) and any(a.name.startswith("zidocs") for a in node.names):
                    hidden.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert hidden == []


def _top_level_names(tree: ast.Module) -> list[tuple[str, int]]:
    names = []
    for node in tree.body:
        if isinstance(node, ast.Import):  # `import a.b` and `import a.c` both bind the same package `a`
            names += [(a.asname or a.name, node.lineno) for a in node.names if a.asname or "." not in a.name]
        elif isinstance(node, ast.ImportFrom):
            names += [(a.asname or a.name, node.lineno) for a in node.names]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append((node.name, node.lineno))
    return names


def test_no_module_binds_one_name_twice():
    """A function defined under the name of something imported silently replaces
    it (api.impor_rencana once hid the XLSX merge of the same name)."""
    twice = []
    for path in sorted((REPO / "zidocs").rglob("*.py")):
        seen: dict[str, int] = {}
        for name, line in _top_level_names(ast.parse(path.read_text(encoding="utf-8"))):
            if name in seen and name != "annotations":
                twice.append(f"{path.relative_to(REPO)}:{line}: {name} (also line {seen[name]})")
            seen.setdefault(name, line)
    assert twice == []


def test_the_double_binding_check_sees_one():
    tree = ast.parse("from x import f\n\ndef f():\n    pass\n")
    assert [n for n, _ in _top_level_names(tree)] == ["f", "f"]
