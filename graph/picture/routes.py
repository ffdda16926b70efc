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

from graph.picture.layout import Box, _overlapping, remove_overlaps

__all__ = ["BENDS", "STRAIGHT", "Route", "control_point", "curve_points", "route", "through", "unblock"]


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


def unblock(
    points: np.ndarray,
    boxes: list[Box],
    segments: list[tuple[int, int]],
    names: np.ndarray | None = None,
    pinned: int | None = None,
    allowed=None,
    rounds: int = 3,
    nearby: int = 8,
    pushed: int = 1,
    budget: int = 150_000,
) -> np.ndarray:
    """``points`` moved, one box or a swap of two at a time, so that fewer lines are left passing through
    a name however they are bent (:func:`route`).

    Each round, every box at an end of a line still blocked, or in its way, is tried in the place
    of each of its ``nearby`` nearest boxes (a swap) and at free places around it (a move); the
    trial that leaves the lines least blocked is kept, if it blocks less than before, overlaps no
    box and is ``allowed`` (a test of an arrangement: say, that it still fits its frame). ``pinned``
    (an index) never moves. At most ``budget`` trials times lines are scored, and a box with more than
    ``_MOST_MOVED_LINES`` lines is not moved, which bounds the cost (the trials of one box are scored together).

    Example
    -------
    A line from the first name to the third has a tall name right in its way, too tall to bend
    round: that name is moved off the line.

    >>> xy = np.array([[0.0, 0.0], [70.0, 0.0], [140.0, 0.0]])
    >>> boxes = [Box(60, 30), Box(60, 100), Box(60, 30)]
    >>> bool(through(xy, boxes, [(0, 2)], route(xy, boxes, [(0, 2)])).any())
    True
    >>> moved = unblock(xy, boxes, [(0, 2)], pinned=0)
    >>> bool(through(moved, boxes, [(0, 2)], route(moved, boxes, [(0, 2)])).any())
    False
    """
    xy = np.array(points, dtype=float)
    n = len(xy)
    if not segments or n < 3:
        return xy
    search = _Blocking(xy, boxes, segments, names)
    half = np.array([[b.width / 2, b.height / 2] for b in boxes])
    step = float(np.median(half[:, 1])) * 2
    directions = np.array([[math.cos(a), math.sin(a)] for a in np.arange(8) * math.pi / 4])
    shifts = np.vstack([directions * step * k for k in (0.5, 1.0, 2.0)])
    lines_at = np.bincount(search.ends.ravel(), minlength=n)
    scored = 0
    for _ in range(rounds):
        blocked = search.blocked()
        if not len(blocked):
            break
        involved = set(search.ends[blocked].ravel().tolist()) | set(np.nonzero(search.in_way(blocked))[0].tolist())
        involved.discard(pinned)
        involved = {i for i in involved if lines_at[i] <= _MOST_MOVED_LINES}
        improved = False
        for i in sorted(involved):
            if scored * len(segments) >= budget:
                return search.xy
            if not search.blocked().size:
                break
            nearest = [
                j
                for j in np.argsort(np.hypot(*(search.xy - search.xy[i]).T))[1 : nearby + 1].tolist()
                if j != pinned and lines_at[j] <= _MOST_MOVED_LINES
            ]
            trials: list[tuple[list[int], np.ndarray]] = []
            for j in nearest:
                trial = search.xy.copy()
                trial[[i, j]] = search.xy[[j, i]]
                trials.append(([i, j], trial))
            # Towards the middle of the boxes it is joined to (a linking phrase between its concepts), and round it.
            partners = np.concatenate([search.ends[search.ends[:, 0] == i, 1], search.ends[search.ends[:, 1] == i, 0]])
            towards = search.xy[partners].mean(axis=0) - search.xy[i] if len(partners) else np.zeros(2)
            places = [search.xy[i] + shift for shift in shifts]
            places += [search.xy[i] + f * towards + shift for f in (0.33, 0.67) for shift in (0, *shifts[:8])]
            for place in places:
                trial = search.xy.copy()
                trial[i] = place
                trials.append(([i], trial))
            best = None
            free = _free(trials, half, search.below)
            for (moved, trial), score in zip(free_trials := [t for t, f in zip(trials, free) if f], search.scores(free_trials)):
                if score < search.current - 1e-9 and (best is None or score < best[0]) and (allowed is None or allowed(trial)):
                    best = (score, moved, trial)
            scored += sum(free)
            if best is not None:
                search.accept(best[2], best[1])
                improved = True
                continue
            # Places that overlap are scored only when no free place helps.
            crowded = []
            for (moved, trial), score in zip(taken := [t for t, f in zip(trials, free) if not f], search.scores(taken)):
                if score < search.current - 1e-9:
                    crowded.append((score, moved, trial))
            scored += len(trials) - sum(free)
            # No free place helps: the most promising places that overlap, with the overlaps pushed apart.
            for _, _moved, trial in sorted(crowded, key=lambda c: c[0])[:pushed]:
                trial = remove_overlaps(trial, boxes, pinned, rounds=60)
                if _overlapping(trial, boxes) or not (allowed is None or allowed(trial)):
                    continue
                again = _Blocking(trial, boxes, segments, names)
                if again.current < search.current - 1e-9:
                    search, improved = again, True
                    break
        if not improved:
            break
    return search.xy


class _Blocking:
    """For one arrangement: which boxes each line passes through, bent each of the ways in :data:`BENDS`;
    updated for a trial that moves a few boxes without recomputing the lines that do not touch them."""

    def __init__(self, xy: np.ndarray, boxes: list[Box], segments: list[tuple[int, int]], names: np.ndarray | None):
        n = len(xy)
        self.boxes = boxes
        self.below = np.array([b.below for b in boxes])
        self.half_w = np.array([b.width / 2 for b in boxes]) - _PAD
        self.half_h = np.array([b.height / 2 for b in boxes]) - _PAD
        self.ends = np.array(segments, dtype=int).reshape(-1, 2)
        self.weight = np.where(np.ones(n, dtype=bool) if names is None else np.asarray(names, dtype=bool), 1.0, _PHRASE_WEIGHT)
        self.names = self.weight == 1.0
        self.bend_cost = np.array([_BEND_WEIGHT * b.roundness for b in BENDS])
        own = np.arange(n)[None, :]
        self.own = (own == self.ends[:, 0:1]) | (own == self.ends[:, 1:2])  # (lines, boxes)
        self.xy = xy.copy()
        lines = np.arange(len(self.ends))
        self.curves = self._curves(self.xy, lines)
        self.low, self.high = _bounds(self.curves)  # round each bend: (lines, bends, 2)
        self.hit = self._hits(self.curves, self.low, self.high, self._rectangles(self.xy), lines, np.arange(n))
        self.current = self._score(self.hit)

    def _curves(self, xy: np.ndarray, lines: np.ndarray) -> np.ndarray:
        """Points along each of ``lines`` bent each way: (lines, bends, 2, samples), each coordinate's samples side by side."""
        return _curves(xy[self.ends[lines, 0]], xy[self.ends[lines, 1]])

    def _rectangles(self, xy: np.ndarray) -> np.ndarray:
        """As :func:`_rectangles`, from the sizes worked out once."""
        cy = xy[..., 1] + self.below
        return np.stack([xy[..., 0] - self.half_w, cy - self.half_h, xy[..., 0] + self.half_w, cy + self.half_h], axis=-1)

    def _hits(
        self, curves: np.ndarray, low: np.ndarray, high: np.ndarray, rect: np.ndarray, lines: np.ndarray, columns: np.ndarray
    ) -> np.ndarray:
        """(lines, bends, columns): whether each curve passes through each of the boxes ``columns``. Only the
        curves whose points' surrounding rectangle (``low``, ``high``) meets a box have their points tested."""
        r = rect[columns]
        meets = (
            (low[:, :, None, 0] < r[:, 2])
            & (high[:, :, None, 0] > r[:, 0])
            & (low[:, :, None, 1] < r[:, 3])
            & (high[:, :, None, 1] > r[:, 1])
            & ~self.own[lines][:, None, columns]
        )
        line, bend, column = np.nonzero(meets)
        meets[line, bend, column] = _inside(curves[line, bend], r[column])
        return meets

    def _score(self, hit: np.ndarray) -> float:
        return float((hit @ self.weight + self.bend_cost).min(axis=1).sum())

    def scores(self, trials: list[tuple[list[int], np.ndarray]], chunk: int = 16) -> list[float]:
        """How blocked the lines are (as ``current``) in each of ``trials`` (the boxes moved, the arrangement): the hits
        of the lines that do not move against the boxes that do not move are kept; a few trials are worked out at once."""
        return [float(v) for start in range(0, len(trials), chunk) for v in self._scores(trials[start : start + chunk])]

    def _scores(self, trials: list[tuple[list[int], np.ndarray]]) -> np.ndarray:
        if not trials:
            return np.zeros(0)
        xy = np.stack([trial for _, trial in trials])  # (T, n, 2)
        rect = self._rectangles(xy)  # (T, n, 4)
        # How much each line bent each way crosses: (T, lines, bends), worked out again only for the lines whose hits change.
        values = np.repeat((self.hit @ self.weight)[None], len(trials), axis=0)
        # The lines at the boxes moved, bent each way, against every box.
        rows = np.stack([self.own[:, moved].any(axis=1) for moved, _ in trials])  # (T, lines)
        at, line = np.nonzero(rows)
        if len(at):
            curves = _curves(xy[at, self.ends[line, 0]], xy[at, self.ends[line, 1]])
            low, high = _bounds(curves)
            r = rect[at]  # (Q, boxes, 4)
            meets = (
                (low[:, :, None, 0] < r[:, None, :, 2])
                & (high[:, :, None, 0] > r[:, None, :, 0])
                & (low[:, :, None, 1] < r[:, None, :, 3])
                & (high[:, :, None, 1] > r[:, None, :, 1])
                & ~self.own[line][:, None, :]
            )  # (Q, bends, boxes)
            row, bend, column = np.nonzero(meets)
            meets[row, bend, column] = _inside(curves[row, bend], r[row, column])
            values[at, line] = meets @ self.weight
        # Every other line against the boxes moved.
        at, column = (np.array(v, dtype=int) for v in zip(*((t, c) for t, (moved, _) in enumerate(trials) for c in moved)))
        r = rect[at, column]  # (P, 4)
        meets = (
            (self.low[None, :, :, 0] < r[:, None, None, 2])
            & (self.high[None, :, :, 0] > r[:, None, None, 0])
            & (self.low[None, :, :, 1] < r[:, None, None, 3])
            & (self.high[None, :, :, 1] > r[:, None, None, 1])
            & ~self.own.T[column][:, :, None]
        )  # (P, lines, bends)
        pair, line, bend = np.nonzero(meets)
        meets[pair, line, bend] = _inside(self.curves[line, bend], r[pair])
        changed = (meets != self.hit[:, :, column].transpose(2, 0, 1)) & ~rows[at][:, :, None]  # (P, lines, bends)
        pair, line, bend = np.nonzero(changed)
        if len(pair):
            # Each line that changes in a trial: its hits with the changes of that trial's boxes.
            key = at[pair] * len(self.ends) + line
            keys, index = np.unique(key, return_inverse=True)
            hit = self.hit[keys % len(self.ends)]  # (C, bends, boxes)
            hit[index, bend, column[pair]] = meets[pair, line, bend]
            values[keys // len(self.ends), keys % len(self.ends)] = hit @ self.weight
        return (values + self.bend_cost).min(axis=2).sum(axis=1)

    def _trial(self, xy: np.ndarray, moved: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The hits with the boxes ``moved`` at their places in ``xy``, and the lines at those boxes with
        their curves and the rectangles round them."""
        columns = np.array(moved)
        rows = np.nonzero(self.own[:, columns].any(axis=1))[0]
        curves = self._curves(xy, rows)
        low, high = _bounds(curves)
        rect = self._rectangles(xy)
        hit = self.hit.copy()
        # Every other line against the boxes moved; then the lines moved against every box.
        hit[:, :, columns] = self._hits(self.curves, self.low, self.high, rect, np.arange(len(self.ends)), columns)
        if len(rows):
            hit[rows] = self._hits(curves, low, high, rect, rows, np.arange(len(xy)))
        return hit, rows, curves, low, high

    def accept(self, xy: np.ndarray, moved: list[int]) -> None:
        self.hit, rows, curves, low, high = self._trial(xy, moved)
        self.curves, self.low, self.high = self.curves.copy(), self.low.copy(), self.high.copy()
        self.curves[rows], self.low[rows], self.high[rows] = curves, low, high
        self.xy = xy
        self.current = self._score(self.hit)

    def blocked(self) -> np.ndarray:
        """The lines that pass through a name however they are bent."""
        return np.nonzero((self.hit & self.names).any(axis=2).all(axis=1))[0]

    def in_way(self, lines: np.ndarray) -> np.ndarray:
        """Whether each box is in the way of one of ``lines`` drawn straight."""
        return (self.hit[lines, 0] & self.names).any(axis=0)


_MOST_MOVED_LINES = 12
_SEARCH_SAMPLES = 24  # fewer points along each curve while searching: a few times faster, checked again by route()


def _along() -> np.ndarray:
    """A point of a curve is its start plus a matrix times the line (end − start), one matrix per
    bend and sample: (bends, samples, 2, 2)."""
    t = np.arange(1, _SEARCH_SAMPLES + 1) / (_SEARCH_SAMPLES + 1)
    unit = np.array([[1.0, 0.0], [0.0, 1.0]])
    # The control point is start + (what control_point turns and scales the line by).
    turns = np.stack([control_point(np.zeros(2), unit[0], bend) for bend in BENDS])  # image of (1, 0)
    ups = np.stack([control_point(np.zeros(2), unit[1], bend) for bend in BENDS])  # image of (0, 1)
    turn = np.stack([turns, ups], axis=-1)  # (bends, 2, 2): columns are the images
    return 2 * (t * (1 - t))[None, :, None, None] * turn[:, None] + (t**2)[None, :, None, None] * unit


_ALONG = _along()


def _curves(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Points along lines from ``start`` to ``end`` (lines, 2) bent each way: (lines, bends, 2, samples)."""
    return start[:, None, :, None] + np.einsum("bkij,lj->lbik", _ALONG, end - start)


def _bounds(curves: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The least and the greatest of each curve's samples (the last axis), each coordinate apart: the same as
    ``curves.min(axis=-1)`` and ``curves.max(axis=-1)``, by halving the samples (many short reductions are slow)."""
    low = high = curves
    while low.shape[-1] > 1:
        half = low.shape[-1] // 2
        odd = low[..., 2 * half :]  # the sample left over from an odd count, kept for the next step
        low = np.concatenate([np.minimum(low[..., :half], low[..., half : 2 * half]), odd], axis=-1)
        high = np.concatenate([np.maximum(high[..., :half], high[..., half : 2 * half]), high[..., 2 * half :]], axis=-1)
    return low[..., 0], high[..., 0]


def _inside(points: np.ndarray, rect: np.ndarray) -> np.ndarray:
    """Whether any of each curve's points (K, 2, samples) falls inside its rectangle (K, 4)."""
    x, y = points[:, 0], points[:, 1]
    return np.asarray(((x > rect[:, 0:1]) & (x < rect[:, 2:3]) & (y > rect[:, 1:2]) & (y < rect[:, 3:4])).any(axis=1))


def _free(trials: list[tuple[list[int], np.ndarray]], half: np.ndarray, below: np.ndarray) -> list[bool]:
    """For each trial (the boxes moved, the arrangement), whether none of the boxes moved overlaps another box."""
    at, moved = (np.array(v, dtype=int) for v in zip(*((t, i) for t, (boxes, _) in enumerate(trials) for i in boxes)))
    xy = np.stack([trial for _, trial in trials])[at]  # (P, n, 2): the arrangement of each box moved
    cy = xy[:, :, 1] + below
    mine = np.arange(len(at))
    over = (np.abs(xy[:, :, 0] - xy[mine, moved, 0][:, None]) < half[:, 0] + half[moved, 0][:, None] - 0.01) & (
        np.abs(cy - cy[mine, moved][:, None]) < half[:, 1] + half[moved, 1][:, None] - 0.01
    )
    over[mine, moved] = False
    return (np.bincount(at, over.any(axis=1), minlength=len(trials)) == 0).tolist()


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
