"""Routes: each line drawn straight or bent round the names in its way (graph/picture/routes.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.picture.layout import Box, _overlapping
from graph.picture.routes import BENDS, STRAIGHT, Route, control_point, curve_points, route, through, unblock

coordinate = st.floats(-500, 500, allow_nan=False)


def vis_via(start, end, kind: str, roundness: float) -> tuple[float, float]:
    """vis-network 9.1.2's BezierEdgeStatic._getViaCoordinates for curvedCW / curvedCCW, transcribed as written."""
    o, r = end[0] - start[0], start[1] - end[1]
    p = math.sqrt(o * o + r * r)
    turn = 0.5 * roundness + 0.5 if kind == "curvedCW" else 0.5 * -roundness + 0.5
    g = (math.atan2(r, o) + turn * math.pi) % (2 * math.pi)
    return start[0] + (0.5 * roundness + 0.5) * p * math.sin(g), start[1] + (0.5 * roundness + 0.5) * p * math.cos(g)


@given(coordinate, coordinate, coordinate, coordinate, st.sampled_from(BENDS))
def test_the_control_point_is_vis_networks(x1, y1, x2, y2, bend):
    ours = control_point(np.array([x1, y1]), np.array([x2, y2]), bend)
    assert ours == pytest.approx(vis_via((x1, y1), (x2, y2), bend.type, bend.roundness), abs=1e-6)


def test_a_curve_runs_from_start_to_end_through_vis_networks_quadratic_bezier():
    a, b = np.array([0.0, 0.0]), np.array([200.0, 0.0])
    bend = Route("curvedCCW", 0.3)
    points = curve_points(a, b, bend, samples=3)  # t = 1/4, 1/2, 3/4
    via = control_point(a, b, bend)
    assert points[1] == pytest.approx(0.25 * a + 0.5 * via + 0.25 * b)
    assert points[0][0] < points[1][0] < points[2][0]
    assert all(p[1] > 0 for p in points)  # counter-clockwise bows below the line on screen (y grows downwards)


def test_a_clear_line_stays_straight_and_a_line_with_a_name_in_its_way_bends_round_it():
    xy = np.array([[0.0, 0.0], [150.0, 5.0], [300.0, 0.0], [0.0, 200.0], [300.0, 200.0]])
    boxes = [Box(60, 30)] * 5
    routes = route(xy, boxes, [(0, 2), (3, 4)])
    assert routes[1] == STRAIGHT
    assert not routes[0].straight
    assert through(xy, boxes, [(0, 2)]).tolist()[0] == [False, True, False, False, False]
    assert not through(xy, boxes, [(0, 2)], [routes[0]]).any()
    # Bent as little as that needs: every gentler bend still runs through the name.
    for gentler in (b for b in BENDS if b.roundness < routes[0].roundness):
        assert through(xy, boxes, [(0, 2)], [gentler])[0, 1]


def test_a_line_goes_round_a_name_rather_than_a_phrase_and_through_a_phrase_rather_than_a_name():
    # A name just above the line and a phrase just below: bending up runs through the name, down through the phrase.
    xy = np.array([[0.0, 0.0], [150.0, -8.0], [150.0, 26.0], [300.0, 0.0]])
    boxes = [Box(40, 20), Box(120, 30), Box(120, 30), Box(40, 20)]
    names = np.array([True, True, False, True])
    bend = route(xy, boxes, [(0, 3)], names)[0]
    hit = through(xy, boxes, [(0, 3)], [bend])[0]
    assert not hit[1], bend  # never through the name, even if through the phrase


def test_its_own_ends_are_never_in_a_lines_way():
    xy = np.array([[0.0, 0.0], [100.0, 0.0]])
    boxes = [Box(300, 300), Box(300, 300)]
    assert route(xy, boxes, [(0, 1)]) == [STRAIGHT]
    assert not through(xy, boxes, [(0, 1)]).any()


def test_unblock_moves_a_name_no_bend_gets_round_and_leaves_no_overlap():
    # A tall name between two others on a row, with names stacked close above and below it: no curve gets round.
    xy = np.array([[0.0, 0.0], [80.0, 0.0], [160.0, 0.0], [80.0, -90.0], [80.0, 90.0], [300.0, 300.0]])
    boxes = [Box(60, 30), Box(60, 100), Box(60, 30), Box(140, 60), Box(140, 60), Box(60, 30)]
    lines = [(0, 2), (3, 5)]
    assert through(xy, boxes, lines, route(xy, boxes, lines)).any(axis=1).tolist() == [True, False]
    moved = unblock(xy, boxes, lines, pinned=0)
    assert not through(moved, boxes, lines, route(moved, boxes, lines)).any()
    assert not _overlapping(moved, boxes)
    assert moved[0].tolist() == [0.0, 0.0]  # pinned
    # Nothing is moved where the arrangement is not allowed (it would no longer fit its frame, say).
    assert unblock(xy, boxes, lines, pinned=0, allowed=lambda _: False).tolist() == xy.tolist()


def test_route_gives_one_way_per_line_and_none_for_no_lines():
    xy = np.array([[0.0, 0.0], [100.0, 0.0], [50.0, 80.0]])
    assert route(xy, [Box(20, 20)] * 3, []) == []
    assert len(route(xy, [Box(20, 20)] * 3, [(0, 1), (1, 2), (2, 0)])) == 3
    assert Route("curvedCW", 0.2).smooth() == {"enabled": True, "type": "curvedCW", "roundness": 0.2}


def drawn(payload: dict) -> tuple[dict, list[dict]]:
    """The nodes, and the lines drawn as one edge each (straight or curved; not those bent at points through
    "bend" nodes, which graph/picture/waypoints.py keeps off every name by construction)."""
    at = {node["id"]: node for node in payload["nodes"] if node.get("kind") != "bend"}
    return at, [edge for edge in payload["edges"] if edge["from"] != edge["to"] and edge["from"] in at and edge["to"] in at]


def test_the_hubs_picture_bends_only_lines_a_name_is_in_the_way_of(article):
    from graph.picture.view import _boxes, build_view

    view = build_view(article, "Dopamine deficiency", depth=1)
    payload = view.to_vis()
    at, edges = drawn(payload)
    items = list(at)
    boxes = _boxes(article, view.around, view.phrases, None, room=False)
    xy = np.array([(at[i]["x"], at[i]["y"]) for i in items])
    shown = [boxes[i] for i in items]
    names = np.array([at[i]["kind"] == "concept" for i in items])
    lines = [(items.index(e["from"]), items.index(e["to"])) for e in edges]
    bends = [Route(e["smooth"]["type"], e["smooth"]["roundness"]) if "smooth" in e else STRAIGHT for e in edges]
    assert any(not b.straight for b in bends) and all(b in BENDS for b in bends)
    straight = through(xy, shown, lines)
    as_drawn = through(xy, shown, lines, bends)
    for k, bend in enumerate(bends):
        if not bend.straight:  # bent because drawn straight it would cross a name or a phrase, and bent it crosses fewer names
            assert straight[k].any(), edges[k]["id"]
            assert (as_drawn[k] & names).sum() <= (straight[k] & names).sum()
    assert (as_drawn & names).any(axis=1).sum() <= 0.05 * len(lines)


def test_an_arrow_along_a_curve_ends_at_the_edge_of_its_names_box(article):
    """vis-network ends an arrow where the curve is ``endPointOffset`` past the concept's shape: for a bent
    line that point must be outside the name hanging below the shape, as for a straight one."""
    from graph.picture.layout import concept_box
    from graph.picture.view import _SHAPE, NAME_FONT, build_view

    at, edges = drawn(build_view(article, "Dopamine deficiency", depth=1).to_vis())
    checked = 0
    for edge in edges:
        target = at[edge["to"]]
        if "smooth" not in edge or target["kind"] != "concept" or edge["to"] == "Dopamine deficiency":
            continue
        if edge.get("arrows", {}).get("to", {}).get("enabled", True) is False:
            continue
        offset = edge.get("endPointOffset", {}).get("to", 0)
        box = concept_box(target["label"], NAME_FONT, _SHAPE)
        bend = Route(edge["smooth"]["type"], edge["smooth"]["roundness"])
        end = np.array([target["x"], target["y"]])
        points = curve_points(np.array([at[edge["from"]]["x"], at[edge["from"]]["y"]]), end, bend, samples=2000)[::-1]
        tip = next(p for p in points if math.dist(p, end) >= _SHAPE + offset)
        inside_x = abs(tip[0] - end[0]) < box.width / 2 - 1.5
        inside_y = abs(tip[1] - (end[1] + box.below)) < box.height / 2 - 1.5
        assert not (inside_x and inside_y), (edge["id"], tip.tolist(), offset)
        checked += 1
    assert checked
