"""Build the networkx graph from validated tables."""

from __future__ import annotations

import gc

import networkx as nx
import pandas as pd

__all__ = ["build_graph"]


def build_graph(links: pd.DataFrame, concepts: pd.DataFrame) -> nx.MultiDiGraph:
    """A ``MultiDiGraph``: one node per concept, one edge per link keyed by its ``link_id``.

    Only what queries need lives in the graph (node type/group/description, edge
    relation); the rest of each link stays in the ``links`` table. Per-link
    attribute dicts are what make large graphs slow and big (see the benchmark).

    Example
    -------
    >>> links = pd.DataFrame({"source": ["A"], "relation": ["causes"], "target": ["B"]})
    >>> concepts = pd.DataFrame({"type": ["cause", "symptom"], "group": "", "description": ""}, index=["A", "B"])
    >>> sorted(build_graph(links, concepts).edges(keys=True))
    [('A', 'B', 0)]
    """
    graph = nx.MultiDiGraph()
    # Building makes a few dicts per link, none of which can be part of a reference cycle, yet the
    # cyclic garbage collector walks them all again and again as they pile up (half the building
    # time at 1M links), so it waits until the graph is built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        # Plain lists: pandas' Arrow-backed strings are slow to iterate one by one.
        graph.add_nodes_from(
            (label, {"type": kind, "group": group, "description": text})
            for label, kind, group, text in zip(
                concepts.index.tolist(),
                concepts["type"].tolist(),
                concepts["group"].tolist(),
                concepts["description"].tolist(),
                strict=True,
            )
        )
        # add_edge rather than add_edges_from, which looks each new edge up again to set its attributes.
        add_link = graph.add_edge
        for source, target, link_id, relation in zip(
            links["source"].tolist(), links["target"].tolist(), links.index.tolist(), links["relation"].tolist(), strict=True
        ):
            add_link(source, target, link_id, relation=relation)
    finally:
        if collecting:
            gc.enable()
    return graph
