"""graph/picture/layered.py: the whole map's layers, their order, and their packing in columns."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np

from graph.picture.layered import flow_layers, flow_order, pack_columns
from graph.picture.layout import Box


def test_a_chain_runs_one_layer_a_link():
    chain = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    assert flow_layers(chain) == {"a": 0, "b": 1, "c": 2, "d": 3}


def test_a_concept_nothing_leads_to_stands_just_before_what_it_leads_to():
    graph = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d"), ("late", "d")])
    layers = flow_layers(graph)
    assert layers["late"] == layers["d"] - 1 == 2


def test_a_cycle_shares_a_layer_and_what_follows_it_comes_after():
    graph = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    layers = flow_layers(graph)
    assert layers["a"] == layers["b"] < layers["c"]


def crossings(order: list[int], slots: list[int], segments: list[tuple[int, int]]) -> int:
    place = {k: order.index(k) for k in order}
    count = 0
    for (a, b), (c, d) in itertools.combinations(segments, 2):
        if slots[a] == slots[c] and slots[b] == slots[d] and len({a, b, c, d}) == 4:
            count += (place[a] - place[c]) * (place[b] - place[d]) < 0
    return count


def test_the_order_untangles_two_crossed_pairs():
    """Two columns of two, joined across (0-3, 1-2) and seeded crossed: ordered so the lines do not cross."""
    slots = [0, 0, 1, 1]
    segments = [(0, 3), (1, 2)]
    seeded = crossings([0, 1, 2, 3], slots, segments)
    order = flow_order(slots, segments, [0.0, 1.0, 0.0, 1.0])
    assert seeded == 1
    assert sorted(order) == [0, 1, 2, 3]
    assert [slots[k] for k in order] == [0, 0, 1, 1]  # column by column
    assert crossings(order, slots, segments) == 0


def test_a_line_that_skips_a_column_keeps_its_ends_level():
    """0 (column 0) joins 5 (column 2), 1 joins 4: in column 2 they come in the order of their ends."""
    slots = [0, 0, 1, 1, 2, 2]
    segments = [(0, 5), (1, 4), (2, 3)]
    order = flow_order(slots, segments, [0.0, 1.0, 0.0, 1.0, 0.0, 1.0])
    last = [k for k in order if slots[k] == 2]
    first = [k for k in order if slots[k] == 0]
    assert last == ([5, 4] if first == [0, 1] else [4, 5])


def overlapping(xy: np.ndarray, boxes: list[Box]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, j in itertools.combinations(range(len(boxes)), 2)
        if abs(xy[i, 0] - xy[j, 0]) < (boxes[i].width + boxes[j].width) / 2 - 1e-6
        and abs(xy[i, 1] - xy[j, 1]) < (boxes[i].height + boxes[j].height) / 2 - 1e-6
    ]


def test_columns_keep_the_order_and_fill_a_wide_frame():
    boxes = [Box(100, 30)] * 12
    xy = pack_columns(list(range(12)), boxes, (800, 200))
    assert overlapping(xy, boxes) == []
    # Several columns side by side for a wide frame, read left to right, each from the top down.
    columns = sorted(set(np.round(xy[:, 0], 3)))
    assert len(columns) > 1
    assert np.all(np.diff(xy[:, 0]) >= -1e-9)  # in order: a column never goes back left
    for x in columns:
        members = np.flatnonzero(np.isclose(xy[:, 0], x))
        assert np.all(np.diff(xy[members, 1]) > 0)


def test_two_narrow_names_share_a_line_of_a_wide_column():
    boxes = [Box(300, 30), Box(100, 30), Box(100, 30)]
    xy = pack_columns([0, 1, 2], boxes, (300, 400))
    assert overlapping(xy, boxes) == []
    assert xy[1, 1] == xy[2, 1] and xy[1, 0] < xy[2, 0]  # side by side, in order
    assert xy[0, 1] < xy[1, 1]
