"""Each line of a picture drawn straight, or bent just enough to go round the names in its way.

vis-network draws an edge with ``smooth: {type: "curvedCW" | "curvedCCW", roundness: r}`` as a
quadratic Bézier curve from one node's centre to the other's, through a control point it computes
from the two ends alone (``BezierEdgeStatic._getViaCoordinates``): the line from ``from`` to ``to``
turned by ``r·π/2`` (clockwise on screen for ``curvedCW``) and scaled by ``(1 + r) / 2``. Roundness
0 is the straight line. :func:`control_point` computes the same point, so the curves tried here are
the curves the browser draws.

:func:`route` tries, for each line, the straight line first and then curves of growing roundness,
either way round (:data:`BENDS`), and keeps the least bent one whose curve passes through no
obstacle (a concept's name or shape) other than its own ends; where every curve does, the one
through fewest. A linking phrase in the way counts too, for less than a name.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from graph.picture.layout import Box

__all__ = ["BENDS", "STRAIGHT", "Route", "control_point", "curve_points", "route", "through"]


@dataclass(frozen=True)
class Route:
    """How one line is drawn: vis-network's ``smooth`` ``type`` and ``roundness`` (0: straight)."""

    type: str = "curvedCW"
    roundness: float = 0.0

    @property
    def straight(self) -> bool:
        return self.roundness == 0

    def smooth(self) -> dict:
        """The edge's ``smooth`` option for vis-network."""
        return {"enabled": True, "type": self.type, "roundness": self.roundness}


STRAIGHT = Route()
BENDS: tuple[Route, ...] = (STRAIGHT,) + tuple(
    Route(kind, r) for r in (0.1, 0.2, 0.3, 0.42, 0.55) for kind in ("curvedCW", "curvedCCW")
)
"""The ways a line may be drawn, least bent first. Beyond a roundness of about a half a curve no longer
reads as a calm line between two names."""

_SAMPLES = 48  # points along each curve tested (the browser's check samples 39)
_PAD = 1.0  # a curve must run more than this far inside a box to pass through it (as the browser's check)
_PHRASE_WEIGHT = 0.1  # a linking phrase crossed counts this much of a name crossed
_BEND_WEIGHT = 0.01  # and each unit of roundness this much: the least bend wins among curves through as many


def control_point(start: np.ndarray, end: np.ndarray, bend: Route) -> np.ndarray:
    """The control point vis-network gives a curve of ``bend`` from ``start`` to ``end`` (arrays of shape (..., 2)).

    Example
    -------
    A straight line's control point is its middle; a clockwise bend turns it to the left of the
    line on screen (y grows downwards), a counter-clockwise one to the right.

    >>> a, b = np.array([0.0, 0.0]), np.array([100.0, 0.0])
    >>> [round(float(v), 1) for v in control_point(a, b, STRAIGHT)]
    [50.0, 0.0]
    >>> [round(float(v), 1) for v in control_point(a, b, Route("curvedCW", 0.5))]
    [53.0, -53.0]
    >>> [round(float(v), 1) for v in control_point(a, b, Route("curvedCCW", 0.5))]
    [53.0, 53.0]
    """
    start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    d = end - start
    turn = bend.roundness * math.pi / 2
    c, s = math.cos(turn), math.sin(turn)
    if bend.type == "curvedCW":
        turned = np.stack([c * d[..., 0] + s * d[..., 1], -s * d[..., 0] + c * d[..., 1]], axis=-1)
    else:
        turned = np.stack([c * d[..., 0] - s * d[..., 1], s * d[..., 0] + c * d[..., 1]], axis=-1)
    return start + (0.5 * bend.roundness + 0.5) * turned


def curve_points(start: np.ndarray, end: np.ndarray, bend: Route, samples: int = _SAMPLES) -> np.ndarray:
    """Points along the curve vis-network draws (its ``getPoint``), ends left out: shape (..., samples, 2)."""
    start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    via = control_point(start, end, bend)
    t = (np.arange(1, samples + 1) / (samples + 1))[:, None]
    return (1 - t) ** 2 * start[..., None, :] + 2 * t * (1 - t) * via[..., None, :] + t**2 * end[..., None, :]


def through(
    points: np.ndarray, boxes: list[Box], segments: list[tuple[int, int]], routes: list[Route] | None = None
) -> np.ndarray:
    """Which boxes each line (a pair of indices of ``points``, drawn as ``routes`` says, straight
    unless given) passes through, other than its own ends': a boolean array (lines, boxes)."""
    xy = np.asarray(points, dtype=float)
    if not segments:
        return np.zeros((0, len(xy)), dtype=bool)
    routes = routes or [STRAIGHT] * len(segments)
    ends = np.array(segments, dtype=int).reshape(-1, 2)
    hit = np.zeros((len(ends), len(xy)), dtype=bool)
    rect = _rectangles(xy, boxes)
    for bend in set(routes):
        rows = np.array([k for k, r in enumerate(routes) if r == bend])
        hit[rows] = _hits(curve_points(xy[ends[rows, 0]], xy[ends[rows, 1]], bend), rect, ends[rows])
    return hit


def route(
    points: np.ndarray,
    boxes: list[Box],
    segments: list[tuple[int, int]],
    names: np.ndarray | None = None,
    bends: tuple[Route, ...] = BENDS,
) -> list[Route]:
    """How to draw each line (a pair of indices of ``points``) so that it passes through as few
    ``boxes`` as it can, other than its own ends', bent as little as that allows.

    ``names`` (booleans, one per box) says which boxes are concepts' (the others, linking phrases,
    count for a tenth as much); all are unless given.

    Example
    -------
    Three names in a row: the line from the first to the last goes round the middle one.

    >>> row = np.array([[0.0, 0.0], [100.0, 0.0], [200.0, 0.0]])
    >>> route(row, [Box(40, 30)] * 3, [(0, 2), (0, 1)])
    [Route(type='curvedCW', roundness=0.2), Route(type='curvedCW', roundness=0.0)]
    """
    xy = np.asarray(points, dtype=float)
    if not segments:
        return []
    ends = np.array(segments, dtype=int).reshape(-1, 2)
    weight = np.where(np.ones(len(xy), dtype=bool) if names is None else np.asarray(names, dtype=bool), 1.0, _PHRASE_WEIGHT)
    rect = _rectangles(xy, boxes)
    chosen = [STRAIGHT] * len(ends)
    best = np.full(len(ends), np.inf)
    todo = np.arange(len(ends))
    for bend in bends:
        # Only lines that still pass through something are tried further.
        hit = _hits(curve_points(xy[ends[todo, 0]], xy[ends[todo, 1]], bend), rect, ends[todo])
        cost = hit @ weight + _BEND_WEIGHT * bend.roundness
        better = cost < best[todo]
        best[todo[better]] = cost[better]
        for k in todo[better].tolist():
            chosen[k] = bend
        todo = todo[best[todo] >= 1e-9 + _BEND_WEIGHT * 1.0]  # nothing crossed: no more bending needed
        if not len(todo):
            break
    return chosen


def _rectangles(xy: np.ndarray, boxes: list[Box]) -> np.ndarray:
    """left, top, right, bottom of each box, shrunk by the pad: shape (boxes, 4)."""
    half_w = np.array([b.width / 2 for b in boxes]) - _PAD
    half_h = np.array([b.height / 2 for b in boxes]) - _PAD
    cy = xy[:, 1] + np.array([b.below for b in boxes])
    return np.stack([xy[:, 0] - half_w, cy - half_h, xy[:, 0] + half_w, cy + half_h], axis=1)


def _hits(curves: np.ndarray, rect: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Which rectangles (boxes, 4) each curve's points (lines, samples, 2) fall inside, its own ends' left out."""
    x, y = curves[..., 0][..., None], curves[..., 1][..., None]  # (lines, samples, 1)
    inside = ((x > rect[:, 0]) & (x < rect[:, 2]) & (y > rect[:, 1]) & (y < rect[:, 3])).any(axis=1)
    own = np.arange(len(rect))[None, :]
    return inside & (own != ends[:, 0:1]) & (own != ends[:, 1:2])
