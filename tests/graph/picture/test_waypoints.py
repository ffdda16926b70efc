"""Lines bent at a few points round the names no curve gets round (graph/picture/waypoints.py), and how the
whole map's payload carries them: invisible ``"bend"`` nodes, each part of a line naming its link."""

from __future__ import annotations

import io
from collections import defaultdict

import numpy as np
from PIL import Image

from graph.picture.handout import draw_handout
from graph.picture.layout import Box
from graph.picture.payload import picture, sent
from graph.picture.routes import through
from graph.picture.view import build_view
from graph.picture.waypoints import Grid, detour

ROW = np.array([[0.0, 0.0], [100.0, 0.0], [200.0, 0.0]])
FRAME = (np.array([-20.0, -150.0]), np.array([220.0, 150.0]))


def _passes_through(xy: np.ndarray, boxes: list[Box], a: int, b: int, points: list[tuple[float, float]]) -> bool:
    """Whether the line from ``a`` to ``b`` through ``points`` passes through a box not its ends'."""
    every = np.vstack([xy, np.array(points, dtype=float).reshape(-1, 2)])
    shown = boxes + [Box(0, 0)] * len(points)
    stops = [a, *range(len(xy), len(every)), b]
    hit = through(every, shown, list(zip(stops, stops[1:], strict=False)))
    return bool(hit[:, : len(xy)].any())


def test_a_line_with_a_clear_way_is_left_straight():
    boxes = [Box(40, 30), Box(40, 30), Box(40, 30)]
    grid = Grid(ROW, boxes, *FRAME, cell=8)
    assert detour(grid, 0, 1) == []


def test_a_name_too_tall_for_a_curve_is_gone_round_at_two_corners():
    boxes = [Box(40, 30), Box(40, 200), Box(40, 30)]
    assert _passes_through(ROW, boxes, 0, 2, [])
    points = detour(Grid(ROW, boxes, *FRAME, cell=8), 0, 2)
    assert points is not None and len(points) == 2
    assert not _passes_through(ROW, boxes, 0, 2, points)
    # Beyond the tall name, on one side of it, at the same height: a right-angled way round.
    (x1, y1), (x2, y2) = points
    assert y1 == y2 and abs(y1) > 100 and x1 < 100 < x2


def test_a_name_that_walls_the_frame_off_leaves_no_way():
    boxes = [Box(40, 30), Box(40, 400), Box(40, 30)]
    assert detour(Grid(ROW, boxes, *FRAME, cell=8), 0, 2) is None


def test_only_names_block_when_no_way_keeps_off_the_phrases_too():
    # The middle box is a linking phrase walling the frame off: the line may cross it, not a name.
    boxes = [Box(40, 30), Box(40, 400), Box(40, 30)]
    grid = Grid(ROW, boxes, *FRAME, cell=8)
    assert detour(grid, 0, 2, np.array([True, False, True])) == []


def test_the_whole_maps_bends_are_invisible_points_and_its_parts_name_their_link(article):
    view = build_view(article, article.default_focus, depth=None)
    shown = picture(article, view, "The whole map")
    bends = {node["id"]: node for node in shown["nodes"] if node["kind"] == "bend"}
    assert bends, "some of the article's lines are bent at points"
    for node in bends.values():
        assert node["shape"] == "dot" and node["size"] == 0 and node["chosen"] is False
        assert "label" not in node and "group" not in node and not node.get("hidden")
        assert node["color"] == "rgba(0,0,0,0)"
    kinds = {node["id"]: node["kind"] for node in shown["nodes"]}
    # Follow each chain from its first part: every part names its link and says what it is; only its last part
    # may have an arrowhead.
    leaving = defaultdict(list)
    for edge in shown["edges"]:
        leaving[edge["from"]].append(edge)
    starts = [edge for edge in shown["edges"] if edge["to"] in bends and edge["from"] not in bends]
    assert starts
    per_line = []
    for first in starts:
        parts = [first]
        while parts[-1]["to"] in bends:
            (following,) = leaving[parts[-1]["to"]]
            parts.append(following)
        per_line.append(len(parts) - 1)
        assert {part["kind"] for part in parts} == {first["kind"]}
        # (A trunk shared by several links names none, as when drawn in one part.)
        assert len({str(part.get("link")) for part in parts}) == 1
        assert first.get("link") is not None or first["kind"] == "trunk"
        assert {part["title"] for part in parts} == {first["title"]}
        assert all(part["arrows"] == {"to": {"enabled": False}} for part in parts[:-1])
        assert kinds[parts[-1]["to"]] in ("concept", "phrase")
    assert sum(per_line) == len(bends)
    assert max(per_line) <= 8, f"a line bent at {max(per_line)} points"
    # No bend is a concept: none has a name in the browser, nor keys of its own.
    browser = sent(shown)
    assert all("name" not in node for node in browser["nodes"] if node["kind"] == "bend")
    assert set(shown["keyboard"]) == set(view.concepts)


def test_a_whole_map_with_bent_lines_prints(article):
    payload = build_view(article, article.default_focus, depth=None).to_vis()
    assert any(node.get("kind") == "bend" for node in payload["nodes"])
    image = Image.open(io.BytesIO(draw_handout(payload, "The whole map", "png")))
    assert image.format == "PNG" and image.height > 1000
