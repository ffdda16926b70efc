"""Where each concept goes in a picture, so that every name can be read at the default zoom.

The browser fits the whole picture into its frame, so names are drawn large exactly when
the picture is compact: no wider or taller than its labels need. Three steps get there:

1. a *seed* that shows the structure: :func:`map_layout` lays out a whole (small) graph once,
   with networkx's spring layout started from the order of the links (causes before what they
   cause) and turned so that links read left to right; a view around a focus puts each concept
   in the direction the map gives it (:func:`radial_seed`), so moving to a neighbour keeps
   what stays in view on the same side;
2. :func:`remove_overlaps`: every concept's box (its shape and its name, sized from the
   font's real letter widths) is pushed apart from any box it overlaps;
3. :func:`compact`: the picture is squeezed towards the focus, a little at a time, with
   overlaps removed after each squeeze, until it is as small as its names allow and about
   as wide as a screen.

:func:`orientation_agreement` measures how stable two pictures are: of the pairs of concepts
both show, how many keep the same left/right and above/below order.
"""

from __future__ import annotations

import itertools
import math
import threading
from dataclasses import dataclass
from weakref import WeakKeyDictionary

import networkx as nx
import numpy as np

__all__ = [
    "ASPECT",
    "MAP_LIMIT",
    "Box",
    "compact",
    "concept_box",
    "crossings",
    "extent",
    "flow_map",
    "map_layout",
    "orientation_agreement",
    "pack_rows",
    "phrase_box",
    "radial_seed",
    "remove_overlaps",
    "scale_apart",
    "swap_untangle",
    "text_width",
    "untangle",
]

ASPECT = 1.75
"""Width : height the picture is packed to (the picture's frame on a laptop or a projector)."""
MAP_LIMIT = 400
"""Graphs with more concepts than this get no whole-map layout (it would cost seconds); views are radial."""

# Advance widths of the printable ASCII characters (space to ~) in DejaVu Sans, Chromium's
# sans-serif on Linux, in hundredths of the font size. Other fonts are narrower, so boxes
# sized from these are never too small. Other characters count as a full em.
_REGULAR = bytes([
    32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34,
    84, 84, 84, 53, 100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79, 60, 79, 69, 63, 61, 73, 68, 99,
    69, 61, 69, 39, 34, 39, 84, 50, 50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52,
    39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
])  # fmt: skip
_BOLD = bytes([
    35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 40, 40,
    84, 84, 84, 58, 100, 77, 76, 73, 83, 68, 68, 82, 84, 37, 37, 77, 64, 100, 84, 85, 73, 85, 77, 72, 68, 81, 77, 110,
    77, 72, 73, 46, 37, 46, 84, 50, 50, 67, 72, 59, 72, 68, 44, 72, 71, 34, 34, 67, 34, 104, 71, 69, 72, 72, 49, 60,
    48, 71, 65, 92, 65, 65, 58, 71, 37, 71, 84,
])  # fmt: skip
_LINE = 1.2  # line height as a multiple of the font size (vis-network's, measured in Chromium)
_MARGIN = 2  # kept clear around every box
_RING_ROOM = 0.5  # least angle between neighbours on the first ring (radians), less further out
_DAMPING = 0.5  # a box pushed by k others moves by their sum over k to this power
_ROW_GAP = (6.0, 4.0)  # canvas px kept between boxes side by side, and between rows
_CANDIDATES = 600  # scalings tried by scale_apart at most (evenly spread over the pairs), so big views stay fast


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of one line of ``text`` at font ``size`` (canvas pixels).

    Example
    -------
    >>> round(text_width("Rain", 20))
    44
    """
    table = _BOLD if bold else _REGULAR
    return size / 100 * sum(table[ord(c) - 32] if 32 <= ord(c) < 127 else 100 for c in text)


@dataclass(frozen=True)
class Box:
    """The space a concept takes on the canvas: ``width`` x ``height``, centred ``below`` its point."""

    width: float
    height: float
    below: float = 0.0


def concept_box(label: str, font_size: float, shape_size: float, bold: bool = False) -> Box:
    """The box of a concept drawn as a shape of radius ``shape_size`` with ``label`` (lines split by
    newlines) under it, as vis-network draws dots, diamonds, stars and the like."""
    lines = label.split("\n")
    label_w = max(text_width(line, font_size, bold) for line in lines)
    label_h = len(lines) * font_size * _LINE
    # vis-network hangs the name half a line plus 4 px below the shape.
    height = 2 * shape_size + 0.5 * font_size + 4 + label_h
    return Box(max(2 * shape_size, label_w) + 2 * _MARGIN, height + 2 * _MARGIN, height / 2 - shape_size)


def phrase_box(label: str, font_size: float) -> Box:
    """The box of a linking phrase: its words alone, centred on its point."""
    lines = label.split("\n")
    width = max(text_width(line, font_size) for line in lines)
    return Box(width + 2 * _MARGIN, len(lines) * font_size * _LINE + 2 * _MARGIN)


def pack_rows(points: np.ndarray, boxes: list[Box], frame: tuple[float, float]) -> np.ndarray:
    """``points`` packed into rows of ``boxes`` that fill a ``frame`` (width, height) as fully as
    they can, so that the names inside the boxes are drawn as large as the frame allows.

    The order of ``points`` is kept where it says most: the rows are bands of ``points`` taken
    from the top down, and each row runs left to right in their order, each box as near to
    its point's place across the picture as the row's room allows. The number of rows is the
    one whose packing a frame of that size draws at the largest scale.

    Example
    -------
    Four names in a square, packed for a wide frame: two rows of two.

    >>> square = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> [[float(v) for v in p] for p in pack_rows(square, [Box(100, 20)] * 4, (250, 60))]
    [[50.0, 10.0], [156.0, 10.0], [50.0, 34.0], [156.0, 34.0]]
    """
    seed = np.asarray(points, dtype=float)
    n = len(seed)
    if n == 0:
        return seed.copy()
    gap_x, gap_y = _ROW_GAP
    widths = np.array([b.width for b in boxes])
    heights = np.array([b.height for b in boxes])
    downwards = np.argsort(seed[:, 1], kind="stable")
    reach = np.cumsum(widths[downwards] + gap_x)

    def packing(count: int) -> tuple[float, list[np.ndarray], float]:
        """The scale a frame draws ``count`` rows at, the rows, and the widest row's width."""
        # Rows of about equal total width, so that none sticks out much further than the others.
        rows = [
            r
            for r in np.split(downwards, np.searchsorted(reach, reach[-1] * np.arange(1, count) / count, side="right"))
            if len(r)
        ]
        width = max(widths[r].sum() + gap_x * (len(r) - 1) for r in rows)
        height = sum(heights[r].max() for r in rows) + gap_y * (len(rows) - 1)
        return min(frame[0] / width, frame[1] / height), rows, width

    # max keeps the first of equal scales: the fewest rows.
    _, rows, width = max((packing(count) for count in range(1, n + 1)), key=lambda p: p[0])
    across = seed[:, 0] - seed[:, 0].min()
    across = across / across.max() * width if across.max() > 0 else across
    xy = np.zeros((n, 2))
    top = 0.0
    for row in rows:
        row = row[np.argsort(seed[row, 0], kind="stable")]
        w = widths[row]
        # Each box as near its place as it can be with the boxes before it packed to its left
        # and those after it to its right; then apart from its left neighbour.
        least = np.concatenate([[0.0], np.cumsum(w + gap_x)[:-1]]) + w / 2
        x = np.clip(across[row], least, least + width - (w.sum() + gap_x * (len(row) - 1)))
        for k in range(1, len(row)):
            x[k] = max(x[k], x[k - 1] + (w[k - 1] + w[k]) / 2 + gap_x)
        tallest = heights[row].max()
        xy[row, 0] = x
        xy[row, 1] = top + tallest / 2
        top += tallest + gap_y
    return xy


def remove_overlaps(points: np.ndarray, boxes: list[Box], pinned: int | None = None, rounds: int = 80) -> np.ndarray:
    """``points`` moved as little as simply can be so that no two ``boxes`` overlap.

    Each round, every overlapping pair is pushed apart, half each, along the axis where they
    overlap least (so a row stays a row); ``pinned`` (an index) does not move, its partner
    moves the whole way. Stops when nothing overlaps or after ``rounds`` rounds.

    Parameters
    ----------
    points : array of shape (n, 2), the points the boxes are drawn at.
    boxes : one :class:`Box` per point.

    Returns
    -------
    A new array of shape (n, 2).
    """
    xy = np.array(points, dtype=float)
    n = len(xy)
    if n < 2:
        return xy
    half_w = np.array([b.width / 2 for b in boxes])
    half_h = np.array([b.height / 2 for b in boxes])
    below = np.array([b.below for b in boxes])
    reach_x = half_w[:, None] + half_w[None, :]
    reach_y = half_h[:, None] + half_h[None, :]
    # Ties (two boxes at the same spot) are broken by index, so the result is always the same.
    tie = np.sign(np.arange(n)[:, None] - np.arange(n)[None, :]).astype(float)
    weight = np.ones(n)
    if pinned is not None:
        weight[pinned] = 0.0
    share = weight[:, None] / np.maximum(weight[:, None] + weight[None, :], 1e-9)  # how much of a push i takes
    others = ~np.eye(n, dtype=bool)
    damped = np.maximum(np.arange(n + 1), 1) ** _DAMPING  # for each number of overlaps
    for _ in range(rounds):
        dx = xy[:, 0][:, None] - xy[:, 0][None, :]
        cy = xy[:, 1] + below
        dy = cy[:, None] - cy[None, :]
        over_x = reach_x - np.abs(dx)
        over_y = reach_y - np.abs(dy)
        overlap = (over_x > 0) & (over_y > 0) & others
        if not overlap.any():
            break
        sideways = overlap & (over_x <= over_y)
        upways = overlap & ~sideways
        sign_x = np.where(dx == 0, tie, np.sign(dx))
        sign_y = np.where(dy == 0, tie, np.sign(dy))
        # A little more than the overlap, so pairs do not stop touching; each pair's push is shared.
        push_x = np.where(sideways, (over_x + 0.5) * sign_x * share, 0.0).sum(axis=1)
        push_y = np.where(upways, (over_y + 0.5) * sign_y * share, 0.0).sum(axis=1)
        crowd = damped[overlap.sum(axis=1)]
        # A box overlapped by several is pushed by their mean, with a floor so crowds still spread.
        xy[:, 0] += push_x / crowd
        xy[:, 1] += push_y / crowd
    return xy


def scale_apart(points: np.ndarray, boxes: list[Box], aspect: float = ASPECT) -> np.ndarray:
    """``points`` stretched or shrunk along each axis, about (0, 0), to the most compact
    arrangement in which no two ``boxes`` overlap: the one a frame ``aspect`` times wider than
    tall draws at the largest scale. The arrangement's shape is kept (only the two axes scale).

    Two boxes are apart when the horizontal scale ``sx`` parts them sideways or the vertical
    scale ``sy`` parts them up and down: ``sx >= a`` or ``sy >= b`` for each pair. So for each
    candidate ``sx`` (each pair's ``a``), the least ``sy`` is the largest ``b`` among the pairs
    that ``sx`` leaves overlapping, a running maximum once the pairs are sorted by ``a``.
    """
    xy = np.asarray(points, dtype=float)
    n = len(xy)
    if n < 2:
        return xy.copy()
    half_w = np.array([b.width / 2 for b in boxes])
    half_h = np.array([b.height / 2 for b in boxes])
    below = np.array([b.below for b in boxes])
    i, j = np.triu_indices(n, 1)
    dx = np.abs(xy[i, 0] - xy[j, 0])
    dy = xy[i, 1] - xy[j, 1]
    db = below[i] - below[j]
    flip = dy < 0
    dy, db = np.where(flip, -dy, dy), np.where(flip, -db, db)
    reach_w = half_w[i] + half_w[j]
    reach_h = half_h[i] + half_h[j]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        need_x = np.where(dx > 1e-9, reach_w / dx, np.inf)
        need_y = np.where(dy > 1e-9, np.maximum(reach_h - db, 0) / dy, np.where(np.abs(db) >= reach_h, 0, np.inf))
    order = np.argsort(-need_x)
    need_x, need_y = need_x[order], need_y[order]
    # Candidate k: sx = need_x[k] parts pairs k.. sideways; pairs before k must be parted by sy.
    sy_needed = np.concatenate([[0.0], np.maximum.accumulate(need_y)])
    sx_options = np.concatenate([need_x, [0.0]])
    usable = np.isfinite(sx_options) & np.isfinite(sy_needed)
    sx_options, sy_options = sx_options[usable] * 1.0001, sy_needed[usable] * 1.0001
    if len(sx_options) > _CANDIDATES:  # keep the work bounded for big views: a spread of candidates is enough
        pick = np.unique(np.linspace(0, len(sx_options) - 1, _CANDIDATES).astype(int))
        sx_options, sy_options = sx_options[pick], sy_options[pick]
    width = np.max(sx_options[:, None] * xy[:, 0] + half_w, axis=1) - np.min(sx_options[:, None] * xy[:, 0] - half_w, axis=1)
    height = np.max(sy_options[:, None] * xy[:, 1] + below + half_h, axis=1) - np.min(
        sy_options[:, None] * xy[:, 1] + below - half_h, axis=1
    )
    best = int(np.argmin(np.maximum(width, height * aspect)))
    return xy * np.array([sx_options[best], sy_options[best]])


def extent(xy: np.ndarray, boxes: list[Box]) -> tuple[float, float]:
    """The width and height of the picture ``boxes`` drawn at ``xy`` make, in canvas pixels."""
    xy = np.asarray(xy, dtype=float)
    half_w = np.array([b.width for b in boxes]) / 2
    half_h = np.array([b.height for b in boxes]) / 2
    cy = xy[:, 1] + np.array([b.below for b in boxes])
    return (xy[:, 0] + half_w).max() - (xy[:, 0] - half_w).min(), (cy + half_h).max() - (cy - half_h).min()


def compact(
    points: np.ndarray,
    boxes: list[Box],
    pinned: int | None = None,
    aspect: float = ASPECT,
    steps: int = 40,
    rounds: int = 30,
    enough: float = 0.0,
) -> np.ndarray:
    """``points`` squeezed as small as their boxes allow, about ``aspect`` times wider than tall.

    Each step squeezes the side that is too long (width against ``aspect`` x height) towards the
    pinned point (or the middle), by 15 % at first and by half as much each time that leaves
    overlaps the pushing cannot undo, and removes the overlaps it made; the most
    compact arrangement seen is returned (measured as the scale a frame of that aspect would
    draw it at). The arrangement starts without overlaps, so the result has none. Squeezing
    stops once the larger side is ``enough`` (no need to go smaller than the frame shows at
    full size: every squeeze moves things away from where the seed put them).
    """
    xy = remove_overlaps(points, boxes, pinned, rounds=200)
    if len(xy) < 2:
        return xy
    centre = xy[pinned].copy() if pinned is not None else xy.mean(axis=0)

    def size(sides: tuple[float, float]) -> float:  # the larger side, in frame units
        width, height = sides
        return max(width, height * aspect)

    sides = extent(xy, boxes)  # of xy, kept while xy is
    best, best_size = xy, size(sides)
    squeeze = [0.85, 0.85]  # per side; halved towards 1 each time a squeeze cannot be made without overlaps
    for _ in range(steps):
        if best_size <= enough:
            break
        width, height = sides
        axis = 0 if width > height * aspect else 1
        if squeeze[axis] > 0.99:
            axis = 1 - axis
            if squeeze[axis] > 0.99:
                break
        factor = np.ones(2)
        factor[axis] = squeeze[axis]
        trial = remove_overlaps(centre + (xy - centre) * factor, boxes, pinned, rounds=rounds)
        # A squeeze that leaves overlaps, or that the pushing undoes, is tried again half as hard.
        if _overlapping(trial, boxes):
            squeeze[axis] = 1 - (1 - squeeze[axis]) / 2
            continue
        trial_sides = extent(trial, boxes)
        if size(trial_sides) > size(sides) * 0.995:
            squeeze[axis] = 1 - (1 - squeeze[axis]) / 2
        else:
            squeeze[axis] = 0.85  # it worked: the next squeeze of this side may be a full one again
        xy, sides = trial, trial_sides
        if size(sides) < best_size:
            best, best_size = xy, size(sides)
    return best


def _overlapping(xy: np.ndarray, boxes: list[Box]) -> bool:
    half_w = np.array([b.width / 2 for b in boxes])
    half_h = np.array([b.height / 2 for b in boxes])
    cy = xy[:, 1] + np.array([b.below for b in boxes])
    over = (half_w[:, None] + half_w[None, :] - np.abs(xy[:, 0][:, None] - xy[:, 0][None, :]) > 0.01) & (
        half_h[:, None] + half_h[None, :] - np.abs(cy[:, None] - cy[None, :]) > 0.01
    )
    np.fill_diagonal(over, False)
    return bool(over.any())


def radial_seed(
    focus: str, rings: list[list[str]], wanted: dict[str, float], spread, crowded: int = 8
) -> dict[str, tuple[float, float]]:
    """A first arrangement: ``focus`` at (0, 0) and ``rings[k]`` on a circle of radius k + 1, each
    concept at an angle as near as ``spread`` lets it to its ``wanted`` angle (radians). A ring of
    more than ``crowded`` concepts alternates between two radii, so neighbours' names sit
    staggered rather than side by side. :func:`scale_apart` then gives the picture its size."""
    positions = {focus: (0.0, 0.0)}
    for radius, ring in enumerate(rings, start=1):
        if not ring:
            continue
        # Neighbours on a ring need room for their names, but a sparse ring keeps its concepts
        # where they want to be (the scaling after makes the room).
        theta = spread({c: wanted.get(c, 0.0) for c in ring}, min(2 * math.pi / len(ring) * 0.9, _RING_ROOM / radius))
        staggered = len(ring) > crowded
        for index, concept in enumerate(sorted(ring, key=theta.get)):
            r = radius + (0.45 if staggered and index % 2 else 0.0)
            positions[concept] = (r * math.cos(theta[concept]), r * math.sin(theta[concept]))
    return positions


_MAPS: WeakKeyDictionary = WeakKeyDictionary()
_MAPS_LOCK = threading.Lock()  # sessions run in threads: two first views of a graph must not both lay it out


def map_layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]] | None:
    """One layout of the whole graph, worked out once per graph and kept; None beyond ``MAP_LIMIT`` concepts.

    networkx's spring layout starts from the order of the links (each concept one column right of
    what links to it; a cycle's concepts share a column), so causes start left of what they cause;
    then the picture is turned so that links run, on average, left to right. Spring layout keeps
    a cycle round and a chain long. Positions are in units of about one link's length.
    """
    with _MAPS_LOCK:
        if graph in _MAPS:
            return _MAPS[graph]
        positions = None
        if 0 < graph.number_of_nodes() <= MAP_LIMIT:
            positions = _map_layout(graph)
        _MAPS[graph] = positions
        return positions


def _map_layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    columns = _columns(graph)
    rows: dict[int, int] = {}
    start = {}
    for concept in sorted(graph, key=lambda c: (columns[c], str(c))):
        row = rows.get(columns[concept], 0)
        rows[columns[concept]] = row + 1
        start[concept] = (float(columns[concept]), row * 0.7 + 0.13 * (columns[concept] % 2))
    # A cycle's concepts share a column: start them round a circle, in the order the cycle runs,
    # so that the spring layout opens it out as a ring rather than folding a line.
    # Sorted throughout, so that the map is the same in every run (sets iterate in the order of their hashes).
    for part in sorted(nx.strongly_connected_components(graph), key=lambda p: min(map(str, p))):
        if len(part) < 3:
            continue
        members = _round_order(graph.subgraph(part))
        cx = float(np.mean([start[c][0] for c in members]))
        cy = float(np.mean([start[c][1] for c in members]))
        radius = len(members) / (2 * math.pi)
        start.update(
            {
                c: (
                    cx + radius * math.cos(2 * math.pi * k / len(members)),
                    cy + radius * math.sin(2 * math.pi * k / len(members)),
                )
                for k, c in enumerate(members)
            }
        )
    simple = nx.Graph(graph)
    if len(simple) == 1:
        return {next(iter(simple)): (0.0, 0.0)}
    spring = nx.spring_layout(simple, pos=start, iterations=300, seed=7, k=1.0 / math.sqrt(len(simple)))
    xy = np.array([spring[c] for c in simple])
    index = {c: i for i, c in enumerate(simple)}
    flow = np.zeros(2)
    for a, b in graph.edges():
        step = xy[index[b]] - xy[index[a]]
        norm = np.hypot(*step)
        if norm > 0:
            flow += step / norm
    turn = -math.atan2(flow[1], flow[0]) if np.hypot(*flow) > 1e-9 else 0.0
    rotation = np.array([[math.cos(turn), -math.sin(turn)], [math.sin(turn), math.cos(turn)]])
    xy = (xy - xy.mean(axis=0)) @ rotation.T
    lengths = [np.hypot(*(xy[index[a]] - xy[index[b]])) for a, b in simple.edges() if a != b]
    unit = float(np.median(lengths)) if lengths else 1.0
    xy /= unit or 1.0
    return {c: (float(x), float(y)) for c, (x, y) in zip(simple, xy)}


def flow_map(graph: nx.MultiDiGraph, the_map: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """``the_map`` with each concept's x replaced by its column in the map's flow (how many links lie
    on the longest chain leading to it), ties kept in the map's left-to-right order; y is kept.

    Rows of names packed from this keep causes left of what they cause (a packing of the map's
    own x keeps only each row's order, and a crowded row spreads its names over the whole width).

    Example
    -------
    >>> chain = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> {c: round(x, 2) for c, (x, _) in flow_map(chain, {"a": (0.0, 0.0), "b": (-5.0, 1.0), "c": (9.0, 2.0)}).items()}
    {'a': -0.01, 'b': 0.95, 'c': 2.05}
    """
    columns = _columns(graph)
    xs = [x for x, _ in the_map.values()]
    span = (max(xs) - min(xs)) or 1.0
    # The map's x breaks ties within a column and never reorders columns (it moves a name by less than 0.1).
    return {c: (columns[c] + 0.1 * (x - min(xs)) / span - 0.05, y) for c, (x, y) in the_map.items()}


def _round_order(cycle_part: nx.MultiDiGraph) -> list[str]:
    """The concepts of a strongly connected part in the order of its longest cycle (of the first
    thousand found), each other concept put just after one that links to it."""
    ordered = nx.DiGraph()
    ordered.add_nodes_from(sorted(cycle_part, key=str))
    ordered.add_edges_from(sorted(((a, b) for a, b in cycle_part.edges() if a != b), key=lambda e: (str(e[0]), str(e[1]))))
    found = [_from_least(cycle) for cycle in itertools.islice(nx.simple_cycles(ordered, length_bound=12), 1000)]
    order = max(found, key=lambda cycle: (len(cycle), [str(c) for c in cycle]), default=[])
    for concept in nx.dfs_preorder_nodes(ordered, min(ordered, key=str)):
        if concept not in order:
            before = next((k for k, c in enumerate(order) if cycle_part.has_edge(c, concept)), len(order) - 1)
            order.insert(before + 1, concept)
    return order


def _from_least(cycle: list[str]) -> list[str]:
    """The same cycle, started at its least concept (so that each cycle has one way of being written)."""
    start = cycle.index(min(cycle, key=str))
    return cycle[start:] + cycle[:start]


def _columns(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Each concept's column: how many links lie on the longest chain leading to it (a cycle counts once)."""
    condensed = nx.condensation(graph)
    column: dict[int, int] = {}
    for part in nx.topological_sort(condensed):
        column[part] = max((column[p] + 1 for p in condensed.predecessors(part)), default=0)
    members = condensed.graph["mapping"]
    return {concept: column[part] for concept, part in members.items()}


def orientation_agreement(before: dict[str, tuple[float, float]], after: dict[str, tuple[float, float]]) -> float:
    """How alike two pictures are for the concepts both show: the share of pairs of them that keep
    their left/right order and their above/below order (1.0: every pair does; about 0.5: no better
    than chance). Pairs level with each other (within 1 unit) in either picture are not counted."""
    shared = sorted(set(before) & set(after))
    kept = total = 0
    for i, a in enumerate(shared):
        for b in shared[i + 1 :]:
            for axis in (0, 1):
                first = before[a][axis] - before[b][axis]
                second = after[a][axis] - after[b][axis]
                if abs(first) < 1 or abs(second) < 1:
                    continue
                total += 1
                kept += (first > 0) == (second > 0)
    return kept / total if total else 1.0


def crossings(points: np.ndarray, boxes: list[Box], segments: list[tuple[int, int]]) -> np.ndarray:
    """For each segment (a pair of indices of ``points``), which boxes it passes through, other than
    its own ends': a boolean array of shape (segments, boxes). A box is entered when the segment
    runs more than a pixel inside it (Liang–Barsky clipping, for all pairs at once)."""
    xy = np.asarray(points, dtype=float)
    if not segments or len(xy) == 0:
        return np.zeros((len(segments), len(xy)), dtype=bool)
    return _Crossings(boxes, segments).hits(xy)


class _Crossings:
    """:func:`crossings` for one set of boxes and segments, for one arrangement or a batch of them at once."""

    def __init__(self, boxes: list[Box], segments: list[tuple[int, int]]):
        self.ends = np.array(segments, dtype=int).reshape(-1, 2)
        self.half_w = np.array([bx.width / 2 for bx in boxes]) - 1
        self.half_h = np.array([bx.height / 2 for bx in boxes]) - 1
        self.below = np.array([bx.below for bx in boxes])
        n = len(boxes)
        self.own = (np.arange(n)[None, :] == self.ends[:, 0:1]) | (np.arange(n)[None, :] == self.ends[:, 1:2])
        self.touches = self.own.T  # (boxes, segments): the segments each box is an end of

    def hits(self, xy: np.ndarray) -> np.ndarray:
        """Which boxes each segment passes through: shape (segments, boxes), or (batch, segments, boxes)
        for ``xy`` of shape (batch, points, 2)."""
        batch = xy if xy.ndim == 3 else xy[None]
        a, b = batch[:, self.ends[:, 0], None], batch[:, self.ends[:, 1], None]  # (B, S, 1, 2)
        hit = _passes(a, b, batch[:, None, :, 0], batch[:, None, :, 1] + self.below, self.half_w, self.half_h) & ~self.own
        return hit if xy.ndim == 3 else hit[0]

    def swapped_counts(self, xy: np.ndarray, hit: np.ndarray, i: int, others: list[int]) -> np.ndarray:
        """How many crossings there are with box ``i`` swapped with each of ``others`` in turn, given the
        crossings ``hit`` of ``xy``: the same as ``hits`` of each swapped arrangement, summed, but only the
        segments at the two boxes and the two boxes themselves are tested again (nothing else moves)."""
        others_ = np.array(others, dtype=int)
        count = int(hit.sum())
        moved = self.touches[i] | self.touches[others_]  # (T, S): segments with an end that moves
        # The segments that move, against every box, in each swapped arrangement.
        trial, segment = np.nonzero(moved)
        place = np.repeat(xy[None], len(others_), axis=0)
        place[np.arange(len(others_)), i] = xy[others_]
        place[np.arange(len(others_)), others_] = xy[i]
        at = place[trial]  # (P, n, 2)
        a = at[np.arange(len(trial)), self.ends[segment, 0]][:, None]
        b = at[np.arange(len(trial)), self.ends[segment, 1]][:, None]
        rows = _passes(a, b, at[:, :, 0], at[:, :, 1] + self.below, self.half_w, self.half_h) & ~self.own[segment]
        new_rows = np.bincount(trial, rows.sum(axis=1), minlength=len(others_))
        old_rows = moved.astype(int) @ hit.sum(axis=1)
        # The segments that stay, against the two boxes swapped: (T, S, 2).
        pair = np.stack([np.full(len(others_), i), others_], axis=1)  # (T, 2)
        centre = np.stack([xy[others_], np.repeat(xy[i][None], len(others_), axis=0)], axis=1)  # (T, 2, 2)
        a, b = xy[self.ends[:, 0]][None, :, None], xy[self.ends[:, 1]][None, :, None]  # (1, S, 1, 2)
        cols = _passes(
            a,
            b,
            centre[:, None, :, 0],
            centre[:, None, :, 1] + self.below[pair][:, None, :],
            self.half_w[pair][:, None, :],
            self.half_h[pair][:, None, :],
        ) & ~self.own[:, pair].transpose(1, 0, 2)
        stays = ~moved[:, :, None]
        new_cols = (cols & stays).sum(axis=(1, 2))
        old_cols = (hit[:, pair].transpose(1, 0, 2) & stays).sum(axis=(1, 2))
        return count - old_rows - old_cols + new_rows + new_cols


def _passes(a, b, cx, cy, half_w, half_h) -> np.ndarray:
    """Whether the segment from ``a`` to ``b`` (arrays (..., 1, 2)) runs through the box of half sizes
    ``half_w``, ``half_h`` centred at ``cx``, ``cy`` (all broadcast together): Liang–Barsky clipping."""
    left, right = cx - half_w, cx + half_w
    top, bottom = cy - half_h, cy + half_h
    d = b - a
    shape = np.broadcast_shapes(a.shape[:-1], np.shape(left), np.shape(top))
    low = np.zeros(shape)
    high = np.ones(shape)
    inside = np.ones(shape, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for p, q in (
            (-d[..., 0], a[..., 0] - left),
            (d[..., 0], right - a[..., 0]),
            (-d[..., 1], a[..., 1] - top),
            (d[..., 1], bottom - a[..., 1]),
        ):
            p = np.broadcast_to(p, shape)
            ratio = q / p
            parallel = p == 0
            inside &= ~(parallel & (q < 0))
            low = np.where(~parallel & (p < 0), np.maximum(low, ratio), low)
            high = np.where(~parallel & (p > 0), np.minimum(high, ratio), high)
    return inside & (low < high)


def swap_untangle(
    points: np.ndarray,
    boxes: list[Box],
    segments: list[tuple[int, int]],
    pinned: int | None = None,
    passes: int = 3,
    allowed=None,
    nearby: int = 10,
) -> np.ndarray:
    """``points`` with pairs of boxes swapped where that makes fewer ``segments`` pass through boxes
    that are not their ends (see :func:`crossings`): each box on a crossing line, or at an end of
    one, is tried in the place of each of its ``nearby`` nearest (but ``pinned``, all at once); the
    nearest swap that crosses fewer, leaves no overlaps (after pushing them apart) and is ``allowed`` is kept.
    A swap keeps the picture's size, so names stay as legible as they were; at most ``passes`` passes.
    """
    xy = np.array(points, dtype=float)
    n = len(xy)
    if not segments or n < 3:
        return xy
    counter = _Crossings(boxes, segments)
    hit = counter.hits(xy)
    count = int(hit.sum())
    for _ in range(passes):
        improved = False
        crossing, crossed = np.nonzero(hit)
        involved = sorted((set(crossed.tolist()) | set(counter.ends[crossing].ravel().tolist())) - {pinned})
        for i in involved:
            if count == 0:
                break
            # Its nearest boxes only: a swap keeps each concept near the side the seed gave it.
            nearest = [j for j in np.argsort(np.hypot(*(xy - xy[i]).T))[1 : nearby + 1].tolist() if j != pinned]
            if not nearest:
                continue
            counts = counter.swapped_counts(xy, hit, i, nearest)
            for t, j in enumerate(nearest):
                if counts[t] >= count:
                    continue
                trial = xy.copy()
                trial[[i, j]] = xy[[j, i]]
                if _overlapping(trial, boxes):
                    trial = remove_overlaps(trial, boxes, pinned, rounds=60)
                    if _overlapping(trial, boxes) or int(counter.hits(trial).sum()) >= count:
                        continue
                if allowed is None or allowed(trial):
                    xy, hit = trial, counter.hits(trial)
                    count, improved = int(hit.sum()), True
                    break
        if not improved:
            break
    return xy


def untangle(
    points: np.ndarray,
    boxes: list[Box],
    segments: list[tuple[int, int]],
    pinned: int | None = None,
    rounds: int = 12,
    allowed=None,
) -> np.ndarray:
    """``points`` moved so that fewer ``segments`` (links, as pairs of indices) pass through boxes that
    are not their ends: each box a segment runs through is pushed off it, sideways to the segment,
    then overlaps are removed again. The arrangement with the fewest crossings seen among those
    ``allowed`` (a test of an arrangement: say, that it still fits its frame) is returned."""
    xy = np.array(points, dtype=float)
    if not segments or len(xy) < 3:
        return xy
    ends = np.array(segments)
    below = np.array([b.below for b in boxes])
    reach = np.array([math.hypot(b.width, b.height) / 2 for b in boxes])
    best, best_count = xy.copy(), int(crossings(xy, boxes, segments).sum())
    for _ in range(rounds):
        if best_count == 0:
            break
        hit = crossings(xy, boxes, segments)
        if not hit.any():
            break
        push = np.zeros_like(xy)
        count = np.zeros(len(xy))
        for s, k in zip(*np.nonzero(hit)):
            a, b = xy[ends[s, 0]], xy[ends[s, 1]]
            centre = np.array([xy[k, 0], xy[k, 1] + below[k]])
            d = b - a
            length = float(np.hypot(*d)) or 1.0
            t = float(np.clip(np.dot(centre - a, d) / length**2, 0.0, 1.0))
            away = centre - (a + t * d)
            distance = float(np.hypot(*away))
            if distance < 1e-6:
                away, distance = np.array([-d[1], d[0]]) / length, 0.0
            else:
                away = away / distance
            push[k] += away * (reach[k] - distance + 3)
            count[k] += 1
        moved = count > 0
        if pinned is not None:
            moved[pinned] = False
        xy[moved] += push[moved] / count[moved, None]
        xy = remove_overlaps(xy, boxes, pinned, rounds=60)
        now = int(crossings(xy, boxes, segments).sum())
        if now < best_count and not _overlapping(xy, boxes) and (allowed is None or allowed(xy)):
            best, best_count = xy.copy(), now
    return best
