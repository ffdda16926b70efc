"""The shape of the code: no import cycle anywhere, imports inside functions and type-only ones included.

import-linter (``make lint``) checks the layers; this walks every module's imports with grimp, the
graph import-linter itself builds, and looks for a cycle with networkx.
"""

from __future__ import annotations

import grimp
import networkx as nx

PACKAGES = ("graph", "explorer", "deploy", "bench")


def imports_graph(*packages: str) -> nx.DiGraph:
    found = grimp.build_graph(*packages, cache_dir=None)
    imports = nx.DiGraph()
    for module in found.modules:
        imports.add_node(module)
        imports.add_edges_from((module, imported) for imported in found.find_modules_directly_imported_by(module))
    return imports


def test_no_module_imports_itself_back_through_others():
    cycles = [" -> ".join([*cycle, cycle[0]]) for cycle in nx.simple_cycles(imports_graph(*PACKAGES))]
    assert cycles == []


def test_the_walk_sees_imports_inside_functions(tmp_path, monkeypatch):
    """A cycle made by an import inside a function is found (the kind the layers once hid)."""
    package = tmp_path / "loopy"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from loopy import b\n")
    (package / "b.py").write_text("def later():\n    from loopy import a\n    return a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert [sorted(cycle) for cycle in nx.simple_cycles(imports_graph("loopy"))] == [["loopy.a", "loopy.b"]]
