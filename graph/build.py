"""Build the networkx graph from validated tables."""

from __future__ import annotations

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
    graph.add_nodes_from(
        (label, {"type": kind, "group": group, "description": text})
        for label, kind, group, text in zip(concepts.index, concepts["type"], concepts["group"], concepts["description"])
    )
    graph.add_edges_from(
        (source, target, link_id, {"relation": relation})
        for source, target, link_id, relation in zip(links["source"], links["target"], links.index, links["relation"])
    )
    return graph
