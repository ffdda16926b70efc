"""Settings are read through graph/settings.py only, and when they are used: never frozen at import."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([*(ROOT / "graph").rglob("*.py"), *(ROOT / "explorer").rglob("*.py"), ROOT / "app.py"])


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


def _run_on_import(tree: ast.Module):
    """Every node of a module that runs when it is imported: all but the bodies of its functions (their
    decorators and default values run on import, and so does a class's body)."""
    waiting: list[ast.AST] = list(tree.body)
    while waiting:
        node = waiting.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            arguments = node.args
            waiting += [*arguments.defaults, *(d for d in arguments.kw_defaults if d is not None)]
            waiting += [] if isinstance(node, ast.Lambda) else node.decorator_list
            continue
        yield node
        waiting += ast.iter_child_nodes(node)


def _is_setting_read(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "value"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "settings"
    )


def test_no_setting_is_read_at_import_or_into_a_default():
    frozen = []
    for path in SOURCES:
        # The page's script runs again on every rerun: what it reads on starting is read when it is used. The
        # command line is one process per command, but its functions are called by tests and other code in
        # one process that changes the environment between calls: it reads its settings when it uses them too.
        if path.name == "app.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        frozen += [f"{path.relative_to(ROOT)}:{node.lineno}" for node in _run_on_import(tree) if _is_setting_read(node)]
    assert frozen == []


def test_the_walk_finds_a_setting_read_on_import_wherever_it_is_written():
    read_on_import = [
        'MAX = settings.value("KG_MAX_FILE_MB")',
        'if settings.value("KG_VIEW_CAP"):\n    pass',
        'class Limits:\n    cap = settings.value("KG_VIEW_CAP")',
        'def show(cap=settings.value("KG_VIEW_CAP")):\n    pass',
        'def show(*, cap=int(settings.value("KG_VIEW_CAP"))):\n    pass',
        '@functools.lru_cache(settings.value("KG_VIEW_CAP"))\ndef show():\n    pass',
        'show = lambda cap=settings.value("KG_VIEW_CAP"): cap',
    ]
    for source in read_on_import:
        assert any(_is_setting_read(node) for node in _run_on_import(ast.parse(source))), source
    read_when_used = 'def show():\n    return settings.value("KG_VIEW_CAP")\nshow = lambda: settings.value("KG_VIEW_CAP")'
    assert not any(_is_setting_read(node) for node in _run_on_import(ast.parse(read_when_used)))
