"""Settings are read through graph/settings.py only, and when they are used: never frozen at import."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([*(ROOT / "graph").rglob("*.py"), *(ROOT / "explorer").rglob("*.py"), ROOT / "app.py"])


def _reads_setting(node: ast.AST) -> bool:
    return any(
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "value"
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == "settings"
        for call in ast.walk(node)
    )


def test_only_graph_settings_reads_the_environment():
    readers = [
        path.relative_to(ROOT).as_posix()
        for path in SOURCES
        if any(
            isinstance(node, ast.Attribute)
            and node.attr == "environ"
            and isinstance(node.value, ast.Name)
            and node.value.id == "os"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    ]
    assert readers == ["graph/settings.py"]


def test_no_setting_is_read_at_import_or_into_a_default():
    frozen = []
    for path in SOURCES:
        # The page's script runs again on every rerun, and the command line is one process per command:
        # what either reads on starting is read when it is used.
        if path.name in ("app.py", "__main__.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign | ast.AnnAssign) and _reads_setting(node):
                frozen.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                defaults = [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]
                frozen += [f"{path.relative_to(ROOT)}:{node.lineno}" for d in defaults if _reads_setting(d)]
    assert frozen == []
