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


def test_a_big_map_in_two_parts_draws_each_part_apart(make_kg):
    """A map too big to be drawn freely, in two parts: every concept is on the map, nothing overlaps,
    each part is a group of its own (the rectangles round the two parts do not meet), and each
    part reads in its own flow."""
    from pathlib import Path

    from tests.graph.picture.test_view import overlaps

    article = (Path(__file__).resolve().parents[3] / "data" / "edges.csv").read_text()
    island = "Glacier,place,feeds,River,place,,,\nRiver,place,feeds,Sea,place,,,\n"
    kg = make_kg(article + island)
    view = build_view(kg, "Dopamine deficiency", depth=None)
    assert view.parts == 2 and set(view.concepts) == set(kg.graph)
    assert view.phrases, "the map says relations"
    assert overlaps(view) == []
    positions = view.positions
    groups = [
        [c for c in kg.graph if c not in ("Glacier", "River", "Sea")],
        ["Glacier", "River", "Sea"],
    ]
    (a_x, b_x), (a_y, b_y) = ([[positions[c][axis] for c in group] for group in groups] for axis in (0, 1))
    assert max(a_x) < min(b_x) or max(b_x) < min(a_x) or max(a_y) < min(b_y) or max(b_y) < min(a_y)
    # The island's chain reads in the map's order: down its column, or on to the right.
    for a, b in (("Glacier", "River"), ("River", "Sea")):
        (xa, ya), (xb, yb) = positions[a], positions[b]
        assert xb > xa + 1 or (abs(xb - xa) <= 1 and yb > ya)


def said_forms(kg, phrases) -> set[str]:
    """The relations (as a sentence says them: "are examples of" for a plural subject) of the links ``phrases`` say."""
    from graph.core.sentences import agree

    forms = set()
    for phrase in phrases:
        for _, other in phrase.links:
            source = phrase.concept if phrase.outgoing else other
            forms.add(agree(phrase.relation, kg.is_plural(source)))
    return forms


def test_the_whole_map_says_each_relation_once_before_any_twice(article):
    """Its phrases come one for each way a relation is said first; the map keeps, at full size, phrases
    for at least half of the ways the article's relations are said, and three quarters with those
    written smaller (issue 27: 50 % on a laptop, 75 % on a projector)."""
    from graph.core.sentences import agree
    from graph.picture.view import _links_among, _whole_map_phrases

    ends = _links_among(article, {c: 0 for c in article.graph})
    ordered = _whole_map_phrases(article, ends)
    every = {agree(r, article.is_plural(s)) for s, _, r in ends.values()}
    assert {link for p in ordered for link, _ in p.links} == set(ends)  # every link has its phrase
    first = [p for k, p in enumerate(ordered) if said_forms(article, [p]) - said_forms(article, ordered[:k])]
    assert ordered[: len(first)] == first  # no phrase that says nothing new before one that does
    assert said_forms(article, first) == every

    view = build_view(article, "Dopamine deficiency", depth=None)
    full = [p for p in view.phrases if p.id not in view.minor]
    assert len(said_forms(article, full)) >= 0.5 * len(every)
    assert len(said_forms(article, view.phrases)) >= 0.75 * len(every)


def test_two_relations_between_the_same_two_concepts_each_get_a_phrase(make_kg):
    """Their phrases start at the same point (between the two concepts): the map still parts them."""
    from tests.conftest import HEADER
    from tests.graph.picture.test_view import overlaps

    kg = make_kg(HEADER + "Sun,energy,heats,Sea,place,,,\nSun,energy,lights,Sea,place,,,\nSea,place,feeds,Rain,state,,,\n")
    view = build_view(kg, "Sun", depth=None)
    assert {p.relation for p in view.phrases} == {"heats", "lights", "feeds"}
    assert overlaps(view) == []


def test_the_whole_map_says_where_its_smaller_names_went(article):
    # A newcomer took the empty boxes of the least connected names on a laptop for a broken drawing.
    whole = build_view(article, "Dopamine deficiency", depth=None)
    smaller = sum(1 for concept in whole.concepts if concept in whole.minor)
    assert smaller > 0
    assert f"On a small screen the {smaller} least connected names are empty boxes: zoom in (+)" in whole.to_vis()["note"]
    assert build_view(article, "Dopamine deficiency", depth=1).to_vis()["note"] == ""
