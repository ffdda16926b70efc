"""The benchmark's synthetic graphs: reproducible, valid in the CSV schema, and bounded views on them."""

from __future__ import annotations

import re

import networkx as nx
import pytest

from bench.synthetic import TYPES, generate_links, write_graph
from graph.files.load import EDGE_COLUMNS, load_graph
from graph.picture.view import build_view

LINKS = 2_000
MORE = re.compile(r"\n\(\+(\d+) more\)$")


@pytest.fixture(scope="module")
def edges_path(tmp_path_factory):
    return write_graph(LINKS, tmp_path_factory.mktemp("synthetic"))


@pytest.fixture(scope="module")
def kg(edges_path):
    return load_graph(edges_path)


def test_same_seed_same_file(tmp_path, edges_path):
    again = write_graph(LINKS, tmp_path)
    assert again.read_bytes() == edges_path.read_bytes()
    assert again.with_name("sources.csv").read_bytes() == edges_path.with_name("sources.csv").read_bytes()
    assert generate_links(300, seed=1).equals(generate_links(300, seed=1))
    assert not generate_links(300, seed=1).equals(generate_links(300, seed=2))


def test_cached_file_is_reused(tmp_path):
    path = write_graph(100, tmp_path)
    stamp = path.stat().st_mtime_ns
    assert write_graph(100, tmp_path) == path
    assert path.stat().st_mtime_ns == stamp


def test_file_is_valid_csv_in_the_schema(edges_path, kg):
    header = edges_path.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == list(EDGE_COLUMNS)
    assert len(kg.links) == LINKS  # load_graph validated it: no self-links, no repeats, one type per concept
    assert set(kg.concepts["type"]) <= set(TYPES)
    assert (kg.links["source"] != kg.links["target"]).all()


def test_exact_size_and_scale_free():
    table = generate_links(5_000)
    assert len(table) == 5_000
    degree = nx.MultiDiGraph(list(zip(table["source"], table["target"], strict=True))).degree()
    counts = sorted((d for _, d in degree), reverse=True)
    assert counts[0] > 20 * counts[len(counts) // 2]  # a hub, and many concepts with a link or two


@pytest.mark.parametrize("depth", [1, 2])
@pytest.mark.parametrize("cap", [10, 150])
def test_bounded_view_never_exceeds_its_cap_and_counts_what_it_leaves_out(kg, depth, cap):
    degree = dict(kg.graph.degree())
    hub = max(degree, key=lambda n: (degree[n], n))
    ordinary = sorted(degree, key=lambda n: (degree[n], n))[len(degree) // 2]
    for focus in (hub, ordinary):
        view = build_view(kg, focus, depth=depth, cap=cap)
        payload = view.to_vis()
        shown = set(view.concepts)
        assert len(shown) <= cap
        concepts = [node for node in payload["nodes"] if node["kind"] == "concept"]  # not linking phrases, not bends
        assert len(concepts) == len(shown) and {node["id"] for node in concepts} == shown
        drawn = {node["id"] for node in payload["nodes"]}
        assert {(e["from"], e["to"]) for e in payload["edges"]} <= {(s, t) for s in drawn for t in drawn}
        marked = {}
        for node in payload["nodes"]:
            match = MORE.search(node.get("label", ""))  # a point where a line bends has none
            if match:
                marked[node["id"]] = int(match[1])
        for concept in shown:
            not_shown = len(set(nx.all_neighbors(kg.graph, concept)) - shown)
            if concept in marked:
                assert marked[concept] == not_shown, concept
            if view.around.distance[concept] < depth:
                # Inside the rings drawn, a concept either shows all its neighbours or says how many it leaves out.
                assert marked.get(concept, 0) == not_shown, concept
        assert view.around.not_drawn == marked
    if cap == 10:
        assert build_view(kg, hub, depth=depth, cap=cap).left_out > 0  # the hub does not fit in 10
