"""Lines that bend at a few points: a way round the names that no single curve gets round.

Where neither a straight line nor one of vis-network's curves (:mod:`graph.picture.routes`) keeps a
line off the names between its two ends, :func:`detour` finds a way on a grid of free cells over the
picture (networkx's ``astar_path``; a cell inside any box is blocked, except in the line's own ends'
boxes) and keeps only the few points where the way must turn: from each point kept, the line runs
straight to the farthest point of the way it can reach without entering a box. The picture draws
such a line as straight parts through small invisible nodes at those points (``kind: "bend"``).
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

from graph.picture.layout import Box

__all__ = ["Grid", "detour"]

_ROOM = 1.0  # boxes are kept this far off (the browser measures a name a little differently from Python)
_STEP = 6.0  # points tested along each straight part, this far apart at most


class Grid:
    """Free cells over a picture, ``cell`` units square, within ``low``..``high``; which boxes (and so
    which cells) block which way. Built once per picture, used for each of its lines."""

    def __init__(self, xy: np.ndarray, boxes: list[Box], low: np.ndarray, high: np.ndarray, cell: float) -> None:
        self.xy = np.asarray(xy, dtype=float)
        self.cell = cell
        self.low = np.asarray(low, dtype=float)
        self.rect = _rectangles(self.xy, boxes, _ROOM)
        self.shape = tuple(int(v) for v in np.ceil((np.asarray(high, dtype=float) - self.low) / cell) + 1)  # (columns, rows)
        centres = self.low + cell * np.stack(np.meshgrid(np.arange(self.shape[0]), np.arange(self.shape[1]), indexing="ij"), -1)
        # For each cell, the boxes it lies in.
        inside = (
            (centres[..., None, 0] >= self.rect[:, 0])
            & (centres[..., None, 0] <= self.rect[:, 2])
            & (centres[..., None, 1] >= self.rect[:, 1])
            & (centres[..., None, 1] <= self.rect[:, 3])
        )  # (columns, rows, boxes)
        self.count = inside.sum(axis=-1)
        self.inside = inside
        self.graph = nx.grid_2d_graph(*self.shape)
        diagonal = math.sqrt(2)
        self.graph.add_edges_from(
            (
                ((i, j), (i + 1, j + dj))
                for i in range(self.shape[0] - 1)
                for j in range(self.shape[1])
                for dj in (-1, 1)
                if 0 <= j + dj < self.shape[1]
            ),
            weight=diagonal,
        )

    def cell_of(self, point: np.ndarray) -> tuple[int, int]:
        i, j = np.clip(np.rint((point - self.low) / self.cell).astype(int), 0, np.array(self.shape) - 1)
        return int(i), int(j)

    def centre(self, cell: tuple[int, int]) -> np.ndarray:
        return self.low + self.cell * np.array(cell, dtype=float)

    def clear(self, start: np.ndarray, end: np.ndarray, own: tuple[int, ...]) -> bool:
        """Whether the straight line from ``start`` to ``end`` keeps out of every box but the ``own`` ones."""
        steps = max(int(math.hypot(*(end - start)) / _STEP), 2)
        t = np.linspace(0, 1, steps + 1)[:, None]
        points = start + t * (end - start)
        rect = self.rect
        hit = (
            (points[:, None, 0] > rect[:, 0])
            & (points[:, None, 0] < rect[:, 2])
            & (points[:, None, 1] > rect[:, 1])
            & (points[:, None, 1] < rect[:, 3])
        ).any(axis=0)
        hit[list(own)] = False
        return not hit.any()


def detour(grid: Grid, a: int, b: int, names: np.ndarray | None = None) -> list[tuple[float, float]] | None:
    """The points (not the ends) where a line from box ``a`` to box ``b`` turns to keep off every
    other box of ``grid`` (or, given ``names``, booleans one per box, when no such way is free: every
    other name, through linking phrases if need be); None when no way is free.

    Example
    -------
    Three names in a row, the middle one too tall to bend a curve round: the line goes round
    it at two right-angled corners.

    >>> xy = np.array([[0.0, 0.0], [100.0, 0.0], [200.0, 0.0]])
    >>> grid = Grid(xy, [Box(40, 30), Box(40, 200), Box(40, 30)], np.array([-20.0, -150.0]), np.array([220.0, 150.0]), 8)
    >>> [(round(x), round(y)) for x, y in detour(grid, 0, 2)]
    [(76, -102), (124, -102)]
    """
    start, end = grid.xy[a], grid.xy[b]
    own = (a, b)
    if grid.clear(start, end, own):
        return []
    way = _way(grid, a, b, None)
    if way is None and names is not None:
        way = _way(grid, a, b, np.asarray(names, dtype=bool))
    return way


def _way(grid: Grid, a: int, b: int, names: np.ndarray | None) -> list[tuple[float, float]] | None:
    start, end = grid.xy[a], grid.xy[b]
    own = (a, b)
    ignored = () if names is None else tuple(np.nonzero(~names)[0].tolist())
    inside = grid.inside if names is None else grid.inside & names
    count = grid.count if names is None else inside.sum(axis=-1)
    free = (count == 0) | (count == inside[..., a] + inside[..., b])

    def weight(u, v, data):
        # A diagonal step only where both cells beside it are free: it cuts no box's corner.
        if not free[v] or (u[0] != v[0] and u[1] != v[1] and not (free[u[0], v[1]] and free[v[0], u[1]])):
            return None
        return data.get("weight", 1.0)

    source, target = grid.cell_of(start), grid.cell_of(end)
    try:
        cells = nx.astar_path(
            grid.graph, source, target, heuristic=lambda u, v: math.hypot(u[0] - v[0], u[1] - v[1]), weight=weight
        )
    except nx.NetworkXNoPath:
        return None
    way = [start, *(grid.centre(c) for c in cells[1:-1]), end]
    # Leave the first box where the way last leaves it and go into the last where the way first meets it,
    # straight from there: a way that ran inside an end's own box would put the line (and an arrowhead) on its text.
    leave = max((k for k in range(1, len(way) - 1) if _within(grid.rect[a], way[k])), default=0)
    meet = min((k for k in range(leave + 1, len(way) - 1) if _within(grid.rect[b], way[k])), default=len(way) - 1)
    way = [start, *way[leave + 1 : meet], end]
    # From each point kept, straight to the farthest point of the way that can be reached clear of every box.
    kept, k = [], 0
    while k < len(way) - 1:
        reach = next((j for j in range(len(way) - 1, k, -1) if grid.clear(way[k], way[j], own + ignored)), k + 1)
        if reach < len(way) - 1:
            kept.append((round(float(way[reach][0]), 1), round(float(way[reach][1]), 1)))
        k = reach
    if not all(grid.clear(np.array(p), np.array(q), own + ignored) for p, q in zip([start, *kept], [*kept, end])):
        return None
    return kept


def _within(rect: np.ndarray, point: tuple[float, float]) -> bool:
    return bool(rect[0] <= point[0] <= rect[2] and rect[1] <= point[1] <= rect[3])


def _rectangles(xy: np.ndarray, boxes: list[Box], room: float) -> np.ndarray:
    """left, top, right, bottom of each box, grown by ``room``: shape (boxes, 4)."""
    half_w = np.array([b.width / 2 for b in boxes]) + room
    half_h = np.array([b.height / 2 for b in boxes]) + room
    cy = xy[:, 1] + np.array([b.below for b in boxes])
    return np.stack([xy[:, 0] - half_w, cy - half_h, xy[:, 0] + half_w, cy + half_h], axis=1)
