"""Views: the part of the graph shown around a focus, and its vis-network payload (graph/view.py, graph/styles.py)."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.query import neighbourhood
from graph.styles import FOCUS_BORDER, TypeStyle, type_styles
from graph.view import MAX_DRAWN_LINKS, _spread, build_view, radial_layout

HEADER = "source,source_type,relation,target,target_type,section,explanation,sources\n"


def ring_radius(position: tuple[float, float]) -> float:
    """The layout puts rings on ellipses 1.5 times wider than tall."""
    x, y = position
    return math.hypot(x / 1.5, y)


def by_id(items: list[dict]) -> dict[str, dict]:
    return {item["id"]: item for item in items}


def test_focus_sits_in_the_middle(path_kg):
    view = build_view(path_kg, "C", depth=2)
    assert view.positions["C"] == (0.0, 0.0)
    assert by_id(view.to_vis()["nodes"])["C"]["x"] == 0 and by_id(view.to_vis()["nodes"])["C"]["y"] == 0


def test_every_concept_shown_has_a_position(star_kg):
    view = build_view(star_kg, "Hub", depth=1)
    assert set(view.positions) == set(view.concepts) == {"Hub", *(f"L{i:02}" for i in range(1, 11))}
    # No two concepts on the same spot.
    assert len({(round(x), round(y)) for x, y in view.positions.values()}) == 11


def test_each_ring_is_one_link_further_out(path_kg):
    rings = radial_layout(path_kg, neighbourhood(path_kg, "C", depth=2))
    first = {round(ring_radius(rings[c]), 6) for c in ("B", "D")}
    second = {round(ring_radius(rings[c]), 6) for c in ("A", "E")}
    assert len(first) == 1 and len(second) == 1
    assert 0 < first.pop() < second.pop()


def angle_of(position: tuple[float, float]) -> float:
    x, y = position
    return math.atan2(y, x / 1.45) % (2 * math.pi)


def circular_gap(a: float, b: float) -> float:
    return min((a - b) % (2 * math.pi), (b - a) % (2 * math.pi))


def test_an_outer_concept_sits_towards_what_it_was_reached_from(make_kg):
    # Hub's ring: A (top), B (right), C (bottom), D (left), in name order from the top.
    kg = make_kg(
        HEADER
        + "".join(f"Hub,idea,has,{n},idea,,,\n" for n in "ABCD")
        + "A,idea,has,A1,idea,,,\nA,idea,has,A2,idea,,,\nC,idea,has,C1,idea,,,\n"
    )
    positions = build_view(kg, "Hub", depth=2).positions
    assert circular_gap(angle_of(positions["C1"]), angle_of(positions["C"])) == pytest.approx(0, abs=1e-9)
    # Two children of A share its direction: one each side, an equal step away.
    left, right = (circular_gap(angle_of(positions[n]), angle_of(positions["A"])) for n in ("A1", "A2"))
    assert left == pytest.approx(right)
    assert 0 < left < math.pi / 4
    inner = max(ring_radius(positions[n]) for n in "ABCD")
    assert min(ring_radius(positions[n]) for n in ("A1", "A2", "C1")) > inner


def test_the_article_at_every_depth_keeps_rings_in_order_and_labels_apart(article):
    for depth in (2, 3, None):
        view = build_view(article, "Dopamine deficiency", depth=depth)
        radius = {n: ring_radius(p) for n, p in view.positions.items()}
        for level in range(1, max(view.around.distance.values())):
            here = [radius[n] for n, d in view.around.distance.items() if d == level]
            further = [radius[n] for n, d in view.around.distance.items() if d == level + 1]
            assert max(here) < min(further)
        points = list(view.positions.values())
        closest = min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1:])
        assert closest > 60  # a concept and its label never sit on another


@given(st.lists(st.floats(0, 2 * math.pi, exclude_max=True), min_size=1, max_size=40), st.floats(0.01, 1.0))
def test_spread_keeps_the_gap_and_moves_nothing_that_was_far_enough_apart(wanted, gap):
    angles = {f"c{i}": a for i, a in enumerate(wanted)}
    placed = _spread(angles, gap)
    gap = min(gap, 2 * math.pi / len(wanted))
    assert set(placed) == set(angles)
    values = sorted(placed.values())
    for a, b in zip(values, values[1:] + values[:1]):
        assert len(values) == 1 or circular_gap(a, b) >= gap - 1e-9
    apart = all(circular_gap(a, b) >= gap for i, a in enumerate(wanted) for b in wanted[i + 1:])
    if apart:
        assert all(circular_gap(placed[c], angles[c]) < 1e-9 for c in angles)


def test_spread_centres_a_crowd_on_where_it_wants_to_be():
    placed = _spread({"a": 0.1, "b": 0.1, "c": 0.1}, 0.2)
    assert sorted(placed.values()) == pytest.approx([0.1, 0.3, 2 * math.pi - 0.1])


def test_links_are_exactly_those_among_the_concepts_shown(path_kg):
    view = build_view(path_kg, "B", depth=1)
    assert set(view.concepts) == {"A", "B", "C"}
    assert view.link_ids == [0, 1]
    edges = view.to_vis()["edges"]
    assert [(e["id"], e["from"], e["to"]) for e in edges] == [("0", "A", "B"), ("1", "B", "C")]


def test_links_among_shown_concepts_include_those_not_touching_the_focus(cycle_kg):
    view = build_view(cycle_kg, "A", depth=1)
    # B → C joins two concepts on the first ring: it is drawn too.
    assert view.link_ids == [0, 1, 2]


def test_payload_has_nodes_edges_options_focus_and_version(path_kg):
    payload = build_view(path_kg, "B", depth=1).to_vis()
    assert {"nodes", "edges", "options", "focus", "version"} <= set(payload)
    assert payload["focus"] == "B"
    json.dumps(payload)  # it goes to the browser as JSON
    nodes = by_id(payload["nodes"])
    assert set(nodes) == {"A", "B", "C"}
    for node in nodes.values():
        assert isinstance(node["x"], (int, float)) and isinstance(node["y"], (int, float))
        assert node["label"] == node["id"]
    assert nodes["A"]["group"] == "cause" and nodes["B"]["group"] == "condition"


def look(payload: dict, node_id: str) -> tuple[str, str, str, int]:
    """(background, border, shape, border width) as vis-network draws it: the node's own over its group's."""
    node = by_id(payload["nodes"])[node_id]
    group = payload["options"]["groups"][node["group"]]
    colour = node.get("color", group["color"])
    width = node.get("borderWidth", payload["options"]["nodes"]["borderWidth"])
    return colour["background"], colour["border"], node.get("shape", group["shape"]), width


def test_the_focus_is_marked(path_kg):
    payload = build_view(path_kg, "B", depth=1).to_vis()
    assert look(payload, "B")[1] == FOCUS_BORDER
    assert look(payload, "A")[1] != FOCUS_BORDER
    assert look(payload, "B")[3] > look(payload, "A")[3]


def test_physics_is_off(path_kg):
    options = build_view(path_kg, "B").to_vis()["options"]
    assert options["physics"]["enabled"] is False


def test_version_is_stable_for_the_same_view_and_changes_with_the_focus(path_kg):
    first = build_view(path_kg, "B", depth=1).to_vis()["version"]
    again = build_view(path_kg, "B", depth=1).to_vis()["version"]
    other_focus = build_view(path_kg, "C", depth=1).to_vis()["version"]
    deeper = build_view(path_kg, "B", depth=2).to_vis()["version"]
    assert first == again
    assert len({first, other_focus, deeper}) == 3


def test_relation_labels_only_on_links_touching_the_focus(path_kg):
    edges = by_id(build_view(path_kg, "C", depth=2).to_vis()["edges"])
    assert set(edges) == {"0", "1", "2", "3"}
    assert edges["1"]["label"] == "causes" and edges["2"]["label"] == "worsens"
    assert "label" not in edges["0"] and "label" not in edges["3"]
    # Every link still says its sentence on hover.
    assert edges["0"]["title"] == "A → leads to → B"


def test_cap_is_respected_and_the_rest_is_counted(star_kg):
    view = build_view(star_kg, "Hub", depth=1, cap=4)
    payload = view.to_vis()
    assert len(payload["nodes"]) == 4
    assert view.around.hidden == {"Hub": 7}
    assert view.left_out == 1  # one concept is drawn without all its links
    hub = by_id(payload["nodes"])["Hub"]
    assert hub["label"] == "Hub\n(+7 more)"
    assert "7 more linked concepts are not shown" in hub["title"]
    shown = {node["id"] for node in payload["nodes"]}
    assert all(edge["from"] in shown and edge["to"] in shown for edge in payload["edges"])
    assert len(payload["edges"]) == 3


def test_without_a_cap_nothing_is_left_out(star_kg):
    view = build_view(star_kg, "Hub", depth=1)
    assert view.left_out == 0
    assert all("more)" not in node["label"] for node in view.to_vis()["nodes"])


def test_depth_none_shows_the_whole_component_only(two_components_kg):
    view = build_view(two_components_kg, "A", depth=None)
    assert set(view.concepts) == {"A", "B"}
    assert view.link_ids == [0]


def test_type_filter_applies_to_the_view(path_kg):
    view = build_view(path_kg, "C", depth=None, types={"symptom"})
    assert set(view.concepts) == {"C", "D"}
    assert view.link_ids == [2]


def test_each_type_has_one_style_in_the_payload(make_kg):
    kg = make_kg(
        HEADER
        + "A,cause,leads to,B,condition,,,\n"
        + "A,cause,leads to,C,condition,,,\n"
        + "B,condition,causes,D,idea,,,\n"
    )
    payload = build_view(kg, "A", depth=None).to_vis()
    styles = type_styles(kg.types)
    for node in payload["nodes"]:
        style = styles[node["group"]]
        assert look(payload, node["id"])[0] == style.colour
        assert look(payload, node["id"])[2] == style.shape
    assert look(payload, "B")[0] == look(payload, "C")[0]
    assert look(payload, "D")[0] not in {look(payload, "A")[0], look(payload, "B")[0]}


def test_article_types_have_fixed_styles():
    styles = type_styles(["cause", "condition", "symptom", "treatment", "concept"])
    assert styles == type_styles(["concept", "treatment", "symptom", "condition", "cause"])
    assert len({(s.colour, s.shape) for s in styles.values()}) == 5
    assert len({s.shape for s in styles.values()}) == 5  # told apart without colour too


@pytest.mark.parametrize("count", [1, 3, 8, 12, 20])
def test_unknown_types_get_deterministic_distinct_styles(count):
    unknown = [f"kind {i:02}" for i in range(count)]
    styles = type_styles(["cause", *unknown])
    assert styles == type_styles([*reversed(unknown), "cause"])  # order of appearance does not matter
    assert len({styles[t].colour for t in ["cause", *unknown]}) == count + 1
    assert all(isinstance(styles[t], TypeStyle) for t in unknown)


def test_unknown_types_take_spare_styles_in_name_order():
    assert type_styles(["zeta", "alpha"])["alpha"] == type_styles(["alpha"])["alpha"]
    assert type_styles(["zeta", "alpha"])["zeta"] != type_styles(["zeta", "alpha"])["alpha"]


def test_the_article_view_around_its_hub(article):
    view = build_view(article, "Dopamine deficiency", depth=1)
    payload = view.to_vis()
    outgoing = [i for i in article.links.index if article.links.at[i, "source"] == "Dopamine deficiency"]
    incoming = [i for i in article.links.index if article.links.at[i, "target"] == "Dopamine deficiency"]
    shown = set(view.concepts)
    neighbours = set(article.links.loc[outgoing, "target"]) | set(article.links.loc[incoming, "source"])
    assert shown == {"Dopamine deficiency"} | neighbours
    assert set(map(str, outgoing + incoming)) <= {edge["id"] for edge in payload["edges"]}
    assert all(edge["from"] in shown and edge["to"] in shown for edge in payload["edges"])


def test_a_crowded_view_draws_the_focus_links_first_and_says_how_many_more(make_kg):
    rows = [f"Hub,topic,has,N{i:03d},item,,," for i in range(60)]
    rows += [f"N{i:03d},item,next to,N{j:03d},item,,," for i in range(60) for j in range(i + 1, 60) if (i + j) % 3 == 0]
    kg = make_kg(HEADER + "\n".join(rows) + "\n")
    view = build_view(kg, "Hub", depth=1)
    payload = view.to_vis()
    drawn = {int(e["id"]) for e in payload["edges"]}
    assert len(drawn) == MAX_DRAWN_LINKS
    assert set(range(60)) <= drawn  # every link of the focus
    assert payload["links_left_out"] == len(view.link_ids) - MAX_DRAWN_LINKS > 0


def test_the_legend_lists_the_kinds_drawn_with_their_marks(make_kg):
    kg = make_kg(HEADER + "A,cause,leads to,B,condition,,,\nB,condition,causes,C,idea,,,\n")
    styles = type_styles(kg.types)
    legend = build_view(kg, "A", depth=1).to_vis()["legend"]
    assert legend == [{"type": kind, "mark": styles[kind].mark, "colour": styles[kind].colour}
                      for kind in styles if kind in ("cause", "condition")]


@pytest.mark.parametrize("count", range(2, 17))
def test_no_first_neighbour_sits_straight_below_the_focus(make_kg, count):
    """A link running straight down would put its label on the focus's own label."""
    kg = make_kg(HEADER + "".join(f"Hub,idea,has,N{i},idea,,,\n" for i in range(count)))
    positions = build_view(kg, "Hub", depth=1).positions
    below = [n for n, (x, y) in positions.items() if n != "Hub" and y > 0 and abs(x) < 1e-6]
    assert below == []
    # With few neighbours, the middles of their links (where the labels go) stay clear of the focus's label.
    if count <= 4:
        assert min(math.hypot(x / 2, y / 2) for n, (x, y) in positions.items() if n != "Hub") > 120
