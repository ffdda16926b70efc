"""The page's caches of what is worked out from a graph (explorer/panels/caching.py): keyed by the graph's
own content key, so two graphs never share a result, and a graph loaded again finds its results."""

from __future__ import annotations

import ast

import pytest

from explorer.panels import key_concepts, practice, teach
from explorer.panels.graphs import path_payload, view_payload
from graph.params import ViewState
from tests.conftest import PATH, REPO, kg_from

EDITED = PATH.replace("A,cause,leads to,B", "A,cause,prevents,B")  # one cell changed
CACHED = [*(REPO / "explorer").rglob("*.py"), REPO / "app.py"]


def _titles(payload) -> set[str]:
    return {edge["title"] for edge in payload["edges"]}


def test_two_graphs_that_differ_in_one_cell_never_share_a_picture():
    first, edited = kg_from(PATH), kg_from(EDITED)
    assert "A → leads to → B" in _titles(view_payload(first, ViewState("A")))
    assert _titles(view_payload(edited, ViewState("A"))) == {"A → prevents → B"}
    assert "A → leads to → B" in _titles(view_payload(first, ViewState("A")))  # and the first is still its own
    assert "A → prevents → B" in _titles(path_payload(edited, "A", "C"))
    assert "A → leads to → B" in _titles(path_payload(first, "A", "C"))


def test_the_same_content_loaded_again_is_served_from_the_cache():
    first, again, edited = kg_from(PATH), kg_from(PATH), kg_from(EDITED)
    practice._reference.clear()
    assert practice.reference_for(first).kg is first
    assert practice.reference_for(again) is practice.reference_for(first)  # one Reference, kept (cache_resource)
    assert practice.reference_for(edited).kg is edited


def test_quizzes_and_key_concepts_are_each_graphs_own():
    star = "source,source_type,relation,target,target_type\n" + "".join(f"Hub,c,has,L{i},c\n" for i in range(6))
    other = star.replace("Hub,", "Centre,")
    assert key_concepts._key_table(kg_from(star))["concept"][0] == "Hub"
    assert key_concepts._key_table(kg_from(other))["concept"][0] == "Centre"
    first = {q.evidence.link_id for q in teach._questions(kg_from(PATH), 3)}
    assert all(q.evidence.source != "Hub" for q in teach._questions(kg_from(other), 3))
    assert first == {q.evidence.link_id for q in teach._questions(kg_from(PATH), 3)}


def _cached_functions():
    for path in CACHED:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                for decorator in node.decorator_list:
                    call = decorator.func if isinstance(decorator, ast.Call) else decorator
                    name = ast.unparse(call)
                    if name.endswith(("cache_data", "cache_resource")):
                        yield path.relative_to(REPO).as_posix(), node, name


@pytest.mark.parametrize("where", sorted({where for where, _, _ in _cached_functions()}))
def test_a_graph_is_never_passed_to_a_cache_beside_a_key_of_its_own(where):
    """A graph is an argument like any other of :mod:`explorer.panels.caching`'s caches: hidden from Streamlit
    (``_kg``) beside a ``graph_key`` that says which it is, a wrong key would serve another graph's result;
    given to ``st.cache_data`` itself, Streamlit would copy its every table to hash it, on every call."""
    wrong = []
    for path, function, decorator in _cached_functions():
        if path != where:
            continue
        for argument in function.args.args:
            graph = argument.annotation is not None and ast.unparse(argument.annotation) == "KnowledgeGraph"
            if argument.arg == "graph_key" or (graph and (argument.arg.startswith("_") or decorator.startswith("st."))):
                wrong.append(f"{path}:{function.lineno} {function.name}({argument.arg}) under {decorator}")
    assert wrong == []
