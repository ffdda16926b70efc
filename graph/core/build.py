"""Build the networkx graph from validated tables."""

from __future__ import annotations

import gc
import itertools
from collections.abc import Iterator
from contextlib import contextmanager

import networkx as nx
import numpy as np
import pandas as pd

__all__ = ["build_graph", "collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a graph, a copy of one or an index of its names is made.

    Building makes a few containers per link or name, none of which can be part of a reference cycle,
    yet the collector walks them all again and again as they pile up, and the whole graph with them
    (half the building time at 1M links, half a search index's at 200k); it runs again once they are made.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def build_graph(links: pd.DataFrame, concepts: pd.DataFrame) -> nx.MultiDiGraph:
    """A ``MultiDiGraph``: one node per concept, one edge per link keyed by its ``link_id``.

    Only what queries need lives in the graph (node type/group/description, edge
    relation); the rest of each link stays in the ``links`` table. Per-link
    attribute dicts are what make large graphs slow and big (see the benchmark).

    The graph is exactly the one ``add_nodes_from`` (the concepts, in their table's order) and
    then ``add_edge(source, target, link_id, relation=...)`` for each link in order would make
    (``tests/graph/core/test_build.py`` compares them), built in bulk: a million links took 8 s one
    ``add_edge`` at a time, mostly spent in the call and its checks, not in the dicts it fills.
    The dicts are handed to networkx through the attributes it lets a graph's data
    structure be set by (``_node``, ``_adj``, ``_pred``).

    Example
    -------
    >>> links = pd.DataFrame({"source": ["A", "A"], "relation": ["causes", "eases"], "target": ["B", "B"]})
    >>> concepts = pd.DataFrame({"type": ["cause", "symptom"], "group": "", "description": ""}, index=["A", "B"])
    >>> sorted(build_graph(links, concepts).edges(keys=True, data="relation"))
    [('A', 'B', 0, 'causes'), ('A', 'B', 1, 'eases')]
    """
    with collector_paused():
        return _built(links, concepts)


def _built(links: pd.DataFrame, concepts: pd.DataFrame) -> nx.MultiDiGraph:
    # Plain lists: pandas' Arrow-backed strings are slow to read one by one.
    names = concepts.index.tolist()
    columns = zip(concepts["type"].tolist(), concepts["group"].tolist(), concepts["description"].tolist(), strict=True)
    node = dict(zip(names, [{"type": kind, "group": group, "description": text} for kind, group, text in columns], strict=True))
    succ: dict = {name: {} for name in names}
    pred: dict = {name: {} for name in names}

    # Each link's ends as numbers, then each distinct (source, target) pair as a number, in order of first appearance.
    count = len(links)
    # A missing end (NaN, None) is a value of its own, as add_edge takes it, not code -1 (the last name).
    codes, distinct = pd.factorize(pd.concat([links["source"], links["target"]], ignore_index=True), use_na_sentinel=False)
    ends = distinct.tolist()
    pairs, pair_ends = pd.factorize(codes[:count].astype(np.int64) * len(ends) + codes[count:])
    if not all(map(node.__contains__, ends)):
        # An end the concepts table does not list (the loader's always does) is a node without attributes,
        # added where add_edge would add it: in the order the links name it, source before target.
        for name in itertools.chain.from_iterable(zip(links["source"].tolist(), links["target"].tolist())):
            if name not in node:
                node[name], succ[name], pred[name] = {}, {}, {}

    # A pair's links share one dict, {link_id: {"relation": ...}}, in file order; succ and pred hold the same one.
    link_ids = links.index.tolist()
    relations = links["relation"].tolist()
    _, first = np.unique(pairs, return_index=True)
    shared = [{link_ids[i]: {"relation": relations[i]}} for i in first.tolist()]
    later = np.ones(count, dtype=bool)
    later[first] = False
    for i, pair in zip(np.flatnonzero(later).tolist(), pairs[later].tolist(), strict=True):
        shared[pair][link_ids[i]] = {"relation": relations[i]}

    # Pairs in order of first appearance: each node's successors and predecessors come in add_edge's order.
    sources = [ends[i] for i in (pair_ends // len(ends)).tolist()]
    targets = [ends[i] for i in (pair_ends % len(ends)).tolist()]
    for source, target, keyed in zip(sources, targets, shared, strict=True):
        succ[source][target] = keyed
        pred[target][source] = keyed

    graph = nx.MultiDiGraph()
    graph._node = node
    graph._adj = succ  # networkx's setter keeps _succ the same dict and resets its cached views
    graph._pred = pred
    return graph
