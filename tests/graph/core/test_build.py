"""graph.core.build builds in bulk the very graph that networkx's own add_nodes_from and add_edge would."""

from __future__ import annotations

import gc

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.core.build import build_graph
from graph.files.load import read_tables


def one_by_one(links: pd.DataFrame, concepts: pd.DataFrame) -> nx.MultiDiGraph:
    """The reference: the graph built through networkx's public methods, one link at a time."""
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(
        (name, {"type": row.type, "group": row.group, "description": row.description}) for name, row in concepts.iterrows()
    )
    for link_id, row in links.iterrows():
        graph.add_edge(row.source, row.target, link_id, relation=row.relation)
    return graph


def assert_same(built: nx.MultiDiGraph, expected: nx.MultiDiGraph) -> None:
    # Order matters as much as content: views and layouts read neighbours in the graph's order.
    assert list(built.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(built.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert list(built.in_edges(keys=True, data=True)) == list(expected.in_edges(keys=True, data=True))
    for node in expected:
        assert list(built.succ[node]) == list(expected.succ[node])
        assert list(built.pred[node]) == list(expected.pred[node])
        for other in expected.succ[node]:
            assert built._succ[node][other] is built._pred[other][node]  # one dict per pair, shared as networkx shares it
    assert built.number_of_edges() == expected.number_of_edges()
    assert dict(built.degree) == dict(expected.degree)


def test_the_article_is_built_as_add_edge_builds_it(article):
    assert_same(build_graph(article.links, article.concepts), one_by_one(article.links, article.concepts))


names = st.sampled_from(["A", "B", "C", "D", "Éa", "a b"])


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(names, st.sampled_from(["causes", "eases", "is linked to"]), names), min_size=1, max_size=30),
    st.lists(names, max_size=3, unique=True),
    st.booleans(),
)
def test_any_links_are_built_as_add_edge_builds_them(triples, lone, arrow):
    """Repeated pairs, loops, reversed pairs, concepts with no links, and concepts the table leaves out."""
    links = pd.DataFrame(triples, columns=["source", "relation", "target"])
    links.index = pd.RangeIndex(len(links), name="link_id") * 3 + 5  # link ids are not always positions
    listed = list(dict.fromkeys([*lone, *links["source"][::2]]))
    concepts = pd.DataFrame({"type": "cause", "group": "g", "description": "d"}, index=pd.Index(listed))
    if arrow:
        links = links.astype("string[pyarrow]")
        concepts = concepts.astype("string[pyarrow]")
    assert_same(build_graph(links, concepts), one_by_one(links, concepts))


def test_the_built_graph_can_still_be_changed():
    links = pd.DataFrame({"source": ["A"], "relation": ["causes"], "target": ["B"]})
    concepts = pd.DataFrame({"type": ["cause", "symptom"], "group": "", "description": ""}, index=["A", "B"])
    graph = build_graph(links, concepts)
    assert dict(graph.adj["A"]) == {"B": {0: {"relation": "causes"}}}  # the cached view reads the new dicts
    graph.add_edge("B", "C", 1, relation="eases")
    graph.remove_edge("A", "B", 0)
    assert list(graph.edges(keys=True, data="relation")) == [("B", "C", 1, "eases")]
    assert list(graph.predecessors("C")) == ["B"] and not list(graph.predecessors("B"))


@pytest.mark.parametrize("collecting", [True, False])
def test_the_garbage_collector_is_left_as_it_was(collecting):
    links = pd.DataFrame({"source": ["A"], "relation": ["causes"], "target": ["B"]})
    concepts = pd.DataFrame({"type": ["cause", "symptom"], "group": "", "description": ""}, index=["A", "B"])
    (gc.enable if collecting else gc.disable)()
    try:
        build_graph(links, concepts)
        assert gc.isenabled() is collecting
    finally:
        gc.enable()


def test_a_synthetic_graph_with_hubs_is_built_as_add_edge_builds_it(tmp_path):
    from bench.synthetic import write_graph

    tables = read_tables(write_graph(2_000, tmp_path, 7))
    assert_same(build_graph(tables.links, tables.concepts), one_by_one(tables.links, tables.concepts))


def test_a_missing_end_is_a_node_of_its_own_as_add_edge_makes_it():
    """The loader never hands over a missing end (an empty cell is reported), but a caller's own table may."""
    links = pd.DataFrame([("A", "r", "B"), ("A", "r", None), (float("nan"), "r", "A")], columns=["source", "relation", "target"])
    concepts = pd.DataFrame({"type": "t", "group": "", "description": ""}, index=pd.Index(["A", "B"], dtype=object))
    built = build_graph(links, concepts)
    assert [(repr(u), repr(v), k) for u, v, k in built.edges(keys=True)] == [
        ("'A'", "'B'", 0),
        ("'A'", "nan", 1),
        ("nan", "'A'", 2),
    ]
    assert ("B", "B") not in built.edges()  # not the last name, which a missing value's code (-1) would pick
