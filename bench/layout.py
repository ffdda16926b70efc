"""The picture's layout: how long placing a capped view takes, and the article's whole-map layout.

- a capped view: the 150 concepts (and linking phrases) around the hub of a synthetic graph, at
  depth 1 and 2, placed by ``graph.picture.view._place`` (seed, then scaling apart; views of more than
  80 concepts are not squeezed further) — the part of a click the layout costs;
- the article's whole-map layout (``graph.picture.layout.map_layout``): once per graph, then cached;
  and the whole-map view ("All") of the article, which also packs every name.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.measure import summarise
from graph.core.query import neighbourhood
from graph.files.load import load_graph
from graph.picture.layout import map_layout
from graph.picture.view import _boxes, _links_among, _phrases, _place, build_view

__all__ = ["measure_layout"]

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "edges.csv"


def measure_layout(edges: Path, cap: int = 150, reps: int = 21) -> dict:
    """Layout times for the hub of the graph in ``edges`` (capped views) and for the article's map."""
    kg = load_graph(edges)
    hub = kg.default_focus
    capped = []
    for depth in (1, 2):
        around = neighbourhood(kg, hub, depth, None, cap)
        ends = _links_among(kg, around.distance)
        phrases = _phrases(kg, hub, ends) if depth == 1 else []
        _boxes(kg, around, phrases, None)
        times = []
        for _ in range(reps):
            started = time.perf_counter()
            _place(kg, around, ends, phrases, None)
            times.append(time.perf_counter() - started)
        capped.append({"depth": depth, "concepts": len(around.distance), "phrases": len(phrases), **summarise(times)})

    article = load_graph(ARTICLE)
    started = time.perf_counter()
    map_layout(article.graph)
    map_first = time.perf_counter() - started
    started = time.perf_counter()
    map_layout(article.graph)
    map_cached = time.perf_counter() - started
    started = time.perf_counter()
    build_view(article, article.default_focus, depth=None)
    whole_view = time.perf_counter() - started
    return {
        "graph": str(edges),
        "links": len(kg.links),
        "hub": hub,
        "capped": capped,
        "article_map_first_ms": map_first * 1000,
        "article_map_cached_ms": map_cached * 1000,
        "article_whole_view_ms": whole_view * 1000,
    }
