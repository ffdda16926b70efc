"""The whole map in the map's flow: causes left of what they cause, as a layered (Sugiyama-style)
drawing puts them, packed as tight as a laptop's frame needs.

1. :func:`flow_layers`: each concept's layer in the flow (how many links lead to it, a concept
   nothing leads to standing just before what it leads to);
2. :func:`flow_order`: the items (concepts and linking phrases) column by column in that flow,
   each column ordered so that the lines between columns cross little (the barycentre heuristic:
   each item moved towards the mean place of what it is joined to in the column before, then the
   column after; a line that skips columns counts in each column it passes);
3. :func:`pack_columns`: the items in that order, stacked in columns of about equal height, left
   to right, as many columns as draw the names largest in the frame (the map's own layers are
   uneven, and a column as tall as the frame holds what a short layer leaves room for); two
   narrow items may share a line of a wide column; then each column is reordered so that its
   items stand level with what they are joined to in other columns.

A slanting line still crosses a name stacked above or below its end (on the article's whole map about
two links in three, bent round names or not): a map in one part is packed in bands instead
(:mod:`graph.picture.bands`); columns keep each part of a map in several parts apart.
"""

from __future__ import annotations

import bisect
import itertools

import networkx as nx
import numpy as np

from graph.picture.layout import Box, _columns

__all__ = ["flow_layers", "flow_order", "pack_columns"]

_GAP = (24.0, 6.0)  # canvas px between columns (lines run there) and between items in a column
_SWEEPS = 6
_MOST_COLUMNS = 40
_LEVEL_SWEEPS = 3


def flow_layers(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Each concept's layer in the map's flow: one more than the longest chain of links leading to it
    (a cycle counts once), except that a concept nothing leads to stands just before the first
    concept it leads to, not far back in the first layer.

    Example
    -------
    >>> flow_layers(nx.MultiDiGraph([("a", "b"), ("b", "c"), ("d", "c")]))
    {'a': 0, 'b': 1, 'c': 2, 'd': 1}
    """
    layer = _columns(graph)
    for concept in graph:
        before = [p for p in graph.predecessors(concept) if p != concept]
        after = [s for s in graph.successors(concept) if s != concept]
        if not before and after:
            layer[concept] = min(layer[s] for s in after) - 1
    least = min(layer.values(), default=0)
    return {concept: layer[concept] - least for concept in graph}


def flow_order(slots: list[int], segments: list[tuple[int, int]], seed_y: list[float]) -> list[int]:
    """The items (indices) in the order they are drawn: column by column (``slots``, left to right),
    each column from the top down in the order that keeps lines (``segments``, pairs of indices) from
    crossing, starting from ``seed_y``. A line that skips columns counts, in each column it passes, as
    an item of its own, so that what it joins is kept level."""
    if not slots:
        return []
    n = len(slots)
    slot = list(slots)
    y0 = [float(v) for v in seed_y]
    joins: list[tuple[int, int]] = []
    for a, b in segments:
        if slot[a] == slot[b]:
            continue
        if slot[a] > slot[b]:
            a, b = b, a
        previous = a
        for s in range(slot[a] + 1, slot[b]):
            share = (s - slot[a]) / (slot[b] - slot[a])
            slot.append(s)
            y0.append(y0[a] + share * (y0[b] - y0[a]))
            joins.append((previous, len(slot) - 1))
            previous = len(slot) - 1
        joins.append((previous, b))
    return [k for column in _ordered(slot, joins, y0) for k in column if k < n]


def _ordered(slot: list[int], joins: list[tuple[int, int]], y0: list[float]) -> list[list[int]]:
    """The items of each column, in the order that keeps lines from crossing (barycentre sweeps)."""
    count = max(slot) + 1
    columns: list[list[int]] = [[] for _ in range(count)]
    for k in sorted(range(len(slot)), key=lambda k: (y0[k], k)):
        columns[slot[k]].append(k)
    left: dict[int, list[int]] = {}
    right: dict[int, list[int]] = {}
    for a, b in joins:
        a, b = (a, b) if slot[a] < slot[b] else (b, a)
        right.setdefault(a, []).append(b)
        left.setdefault(b, []).append(a)
    for sweep in range(_SWEEPS):
        forward = sweep % 2 == 0
        for s in range(1, count) if forward else range(count - 2, -1, -1):
            columns[s] = _by_barycentre(columns[s], columns[s - 1] if forward else columns[s + 1], left if forward else right)
    return columns


def _by_barycentre(here: list[int], beside: list[int], near: dict[int, list[int]]) -> list[int]:
    """``here`` ordered by the mean place, in ``beside``, of what each item is joined to (items joined to
    nothing there keep their place)."""
    rank = {k: (i + 0.5) / len(beside) for i, k in enumerate(beside)}
    own = {k: (i + 0.5) / len(here) for i, k in enumerate(here)}

    def key(k: int) -> tuple[float, float]:
        others = [rank[o] for o in near.get(k, []) if o in rank]
        return (float(np.mean(others)) if others else own[k], own[k])

    return sorted(here, key=key)


def pack_columns(
    sequence: list[int],
    boxes: list[Box],
    frame: tuple[float, float],
    segments: list[tuple[int, int]] | None = None,
    beside: dict[int, int] | None = None,
    starts: frozenset[int] = frozenset(),
) -> np.ndarray:
    """Items in ``sequence`` order stacked top to bottom in columns of about equal height, the columns
    left to right; consecutive items narrow enough to stand side by side in their column share a
    line of it. Of the numbers of columns, the one a frame of shape ``frame`` draws largest. Each
    column is centred on the picture's middle line. Returns places for all ``boxes`` (those not in
    ``sequence`` at 0, 0).

    Then, where ``segments`` (lines, as pairs of items) are given, each column is reordered so that
    its items stand level with what they are joined to in other columns (a few sweeps), as far as
    that leaves the column no taller; an item kept ``beside`` another (a phrase beside its concept)
    moves with it. A column always starts at each of ``starts`` (places in ``sequence``: where a part
    of the map not linked to the rest begins, so that no column holds two parts).

    Example
    -------
    Four names, packed for a tall frame: one column.

    >>> xy = pack_columns([0, 1, 2, 3], [Box(100, 20)] * 4, (100, 400))
    >>> [round(float(x)) for x in xy[:, 0]], [round(float(y)) for y in xy[:, 1]]
    ([50, 50, 50, 50], [-39, -13, 13, 39])
    """
    w = [b.width for b in boxes]
    h = [b.height for b in boxes]
    if not sequence:
        return np.zeros((len(boxes), 2))
    reach = list(itertools.accumulate(h[k] + _GAP[1] for k in sequence))
    best: list[list[list[int]]] = []
    best_scale = -1.0
    for count in range(1, min(len(sequence), _MOST_COLUMNS) + 1):
        cuts = sorted({0, len(sequence), *starts, *(bisect.bisect_right(reach, reach[-1] * i / count) for i in range(1, count))})
        columns = [_lines(sequence[a:b], w) for a, b in itertools.pairwise(cuts) if b > a]
        width = sum(max(w[k] for line in column for k in line) for column in columns) + _GAP[0] * (len(columns) - 1)
        height = max(sum(max(h[k] for k in line) for line in column) + _GAP[1] * (len(column) - 1) for column in columns)
        scale = min(frame[0] / width, frame[1] / height)
        if scale > best_scale:
            best_scale, best = scale, columns
        elif frame[0] / width < best_scale:
            break  # more columns are only wider
    if segments:
        best = _levelled(best, w, h, segments, beside or {})
    return _drawn(best, np.array(w), np.array(h))


def _levelled(
    columns: list[list[list[int]]], w: list[float], h: list[float], segments: list[tuple[int, int]], beside: dict[int, int]
) -> list[list[list[int]]]:
    near: dict[int, list[int]] = {}
    for a, b in segments:
        near.setdefault(a, []).append(b)
        near.setdefault(b, []).append(a)

    def tall(column: list[list[int]]) -> float:
        return sum(max(h[k] for k in line) for line in column) + _GAP[1] * (len(column) - 1)

    for _ in range(_LEVEL_SWEEPS):
        xy = _drawn(columns, np.array(w), np.array(h))
        changed = []
        for column in columns:
            items = [k for line in column for k in line]
            inside = set(items)
            heads = [k for k in items if beside.get(k) not in inside]
            unit = {k: [k] for k in heads}
            for k in items:
                if k not in unit:
                    head = beside[k]
                    while head not in unit:
                        head = beside[head]
                    unit[head].append(k)

            wanted = {}
            for place, head in enumerate(heads):
                ys = [xy[o, 1] for m in unit[head] for o in near.get(m, []) if o not in inside]
                wanted[head] = (float(np.mean(ys)) if ys else float(xy[head, 1]), place)
            order = sorted(heads, key=wanted.__getitem__)
            lines = _lines([m for k in order for m in unit[k]], w)
            changed.append(lines if tall(lines) <= tall(column) + 1e-6 else column)
        columns = changed
    return columns


def _lines(column: list[int], w: list[float]) -> list[list[int]]:
    """A column's items in order, two consecutive ones on one line where together they are no wider than its widest."""
    widest = max(w[k] for k in column)
    lines: list[list[int]] = []
    for k in column:
        if lines and len(lines[-1]) == 1 and w[lines[-1][0]] + _GAP[0] + w[k] <= widest:
            lines[-1].append(k)
        else:
            lines.append([k])
    return lines


def _drawn(columns: list[list[list[int]]], w: np.ndarray, h: np.ndarray) -> np.ndarray:
    xy = np.zeros((len(w), 2))
    x = 0.0
    for column in columns:
        widest = max(w[line].sum() + _GAP[0] * (len(line) - 1) for line in column)
        heights = [h[line].max() for line in column]
        stack = sum(heights) + _GAP[1] * (len(column) - 1)
        top = -stack / 2
        for line, tall in zip(column, heights):
            left = x + (widest - w[line].sum() - _GAP[0] * (len(line) - 1)) / 2
            for k in line:
                xy[k] = (left + w[k] / 2, top + tall / 2)
                left += w[k] + _GAP[0]
            top += tall + _GAP[1]
        x += widest + _GAP[0]
    return xy
