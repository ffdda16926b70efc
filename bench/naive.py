"""The naive way, for comparison: the whole graph handed to pyvis.

``python -m bench.naive EDGES_CSV`` reads the CSV with pandas, builds a networkx graph with
``from_pandas_edgelist``, then ``Network(directed=True).from_nx(G)`` and ``generate_html()``.
It prints one JSON line as each step finishes, so that a run stopped at the time limit still
says how far it got.
"""

from __future__ import annotations

import json
import sys
import time

import networkx as nx
import pandas as pd
from pyvis.network import Network

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    (path,) = argv if argv is not None else sys.argv[1:]
    started = time.perf_counter()

    def done(step: str, **extra) -> None:
        print(json.dumps({"step": step, "elapsed_s": time.perf_counter() - started, **extra}), flush=True)

    table = pd.read_csv(path, keep_default_na=False)
    done("read")
    graph = nx.from_pandas_edgelist(table, "source", "target", edge_attr=["relation"], create_using=nx.MultiDiGraph)
    types = dict(zip(table["source"], table["source_type"], strict=True))
    types.update(zip(table["target"], table["target_type"], strict=True))
    nx.set_node_attributes(graph, types, "group")
    done("networkx", concepts=graph.number_of_nodes(), links=graph.number_of_edges())
    pyvis_started = time.perf_counter()
    net = Network(directed=True)
    net.from_nx(graph)
    done("from_nx")
    html = net.generate_html()
    done("html", bytes=len(html.encode("utf-8")), pyvis_s=time.perf_counter() - pyvis_started)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
