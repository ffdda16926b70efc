"""The whole map ("All") of the article, as graph/picture/view.py lays it out: its structure survives the packing."""

from __future__ import annotations

import numpy as np

from graph.picture.view import build_view


def test_the_packed_whole_map_keeps_causes_left_of_what_they_cause(article):
    """Packing the map into rows keeps its left-to-right reading: causes lie left of conditions and
    symptoms on average, and most links from a cause to a condition, or a condition to a symptom,
    still run left to right."""
    view = build_view(article, article.default_focus, depth=None)
    positions = {c: view.positions[c] for c in view.concepts}
    kinds = {c: article.graph.nodes[c]["type"] for c in positions}
    mean_x = {
        kind: np.mean([x for c, (x, _) in positions.items() if kinds[c] == kind]) for kind in ("cause", "condition", "symptom")
    }
    assert mean_x["cause"] < mean_x["condition"] < mean_x["symptom"]
    steps = [
        (a, b) for a, b in article.graph.edges() if (kinds[a], kinds[b]) in (("cause", "condition"), ("condition", "symptom"))
    ]
    rightwards = sum(positions[b][0] > positions[a][0] for a, b in steps)
    assert rightwards >= 0.65 * len(steps)


def test_every_concept_of_the_article_is_on_its_whole_map(article):
    view = build_view(article, "Tremors", depth=None)
    assert set(view.concepts) == set(article.graph)
    assert set(view.positions) == set(article.graph) | {p.id for p in view.phrases}
    assert view.left_out == 0
