"""A view: the part of the graph shown around a focus, laid out and turned into vis-network data.

Layout is radial and computed here, not in the browser: the focus sits in the
middle and each ring holds the concepts one link further away. It costs
O(concepts shown), looks the same every time, and the browser never has to run
physics (which stalls at a few hundred concepts).
"""

from __future__ import annotations

import hashlib
import json
import math
import textwrap
from dataclasses import dataclass, field

from pyvis.network import Network

from graph.model import KnowledgeGraph
from graph.query import Neighbourhood, PathExplanation, neighbourhood
from graph.styles import FOCUS_BORDER, type_styles

__all__ = ["DEFAULT_CAP", "MAX_DRAWN_LINKS", "View", "build_path_view", "build_view", "radial_layout", "vis_options"]

DEFAULT_CAP = 150
"""The most concepts a view sends to the browser."""

_SPACING = 150  # arc length between neighbours on one circle, in canvas pixels
_RING_GAP = 210
_SINGLE_RING = 10  # more concepts than this on a ring: alternate between two radii
_FEW_RING_GAP = 280
_SINGLE_FIRST_RING = 4  # the same for the first ring, whose links carry labels at their middles
_STAGGER = 1.35
_ASPECT = 1.45
_LABEL_CHARS = 16
_MAIN_LINK = {"color": "#555555", "highlight": "#111111", "hover": "#111111"}
MAX_DRAWN_LINKS = 400
"""Beyond this many links a picture is a hairball; the focus's links are drawn first."""
_PATH_STEP = 260
_PATH_ROW = 170
_LABELLED_FOCUS_LINKS = 16  # beyond this, relation labels would crowd; they stay in tooltips


@dataclass
class View:
    """What the picture shows: concepts with positions, the links among them, and the focus."""

    focus: str
    depth: int | None
    around: Neighbourhood
    positions: dict[str, tuple[float, float]]
    link_ids: list[int]
    styles: dict = field(repr=False, default_factory=dict)
    kg: KnowledgeGraph | None = field(repr=False, default=None)
    is_path: bool = False
    """A path view: every link is part of the answer, so every link is labelled."""
    ends: dict[int, tuple[str, str, str]] = field(repr=False, default_factory=dict)
    """``(source, target, relation)`` of links already known (from the graph), read from the table otherwise."""

    @property
    def concepts(self) -> list[str]:
        return self.around.concepts

    @property
    def left_out(self) -> int:
        """How many shown concepts have links to concepts that are not shown (the cap was reached)."""
        return len(self.around.hidden)

    def to_vis(self) -> dict:
        """The view as vis-network data, built with pyvis: ``nodes``, ``edges``, ``options``, ``focus``, ``version``.

        What every concept of a type shares (shape, colour, font) is said once, as a vis-network
        group in ``options``; each item carries only what is its own, which keeps a click's
        payload small. At most ``MAX_DRAWN_LINKS`` links are drawn (the focus's first);
        ``links_left_out`` says how many more there are among the concepts shown.
        """
        kg = self.kg
        net = Network(directed=True)
        for concept in self.concepts:
            net.add_node(concept, **self._node(concept))
        unknown = [i for i in self.link_ids if i not in self.ends]
        ends = dict(self.ends)
        if unknown:
            # One lookup for all of them: a .loc per link costs about 0.3 ms, and a hub's view has thousands.
            rows = kg.links.loc[unknown, ["source", "target", "relation"]]
            ends.update(zip(unknown, zip(rows["source"].tolist(), rows["target"].tolist(), rows["relation"].tolist(), strict=True), strict=True))
        links = [(i, *ends[i]) for i in self.link_ids]
        main = [link for link in links if self.is_path or self.focus in link[1:3]]
        others = [link for link in links if not (self.is_path or self.focus in link[1:3])]
        drawn_others = others[: max(MAX_DRAWN_LINKS - len(main), 0)]
        labelled = self.is_path or len(main) <= _LABELLED_FOCUS_LINKS
        for link_id, source, target, relation in main:
            net.add_edge(source, target, id=str(link_id), title=f"{source} → {relation} → {target}",
                         label=relation if labelled else None, width=2.5, color=_MAIN_LINK)
        for link_id, source, target, relation in drawn_others:
            net.add_edge(source, target, id=str(link_id), title=f"{source} → {relation} → {target}")
        nodes, edges, *_ = net.get_network_data()
        for node in nodes:
            if node["id"] == self.focus:
                node.update(self._focus_style())  # pyvis drops a colour given with a group
            else:
                node.pop("shape", None)  # pyvis always sets one; the type's group says it instead
        for edge in edges:
            if edge.get("label") is None:
                edge.pop("label", None)
        payload = {"nodes": nodes, "edges": edges}
        version = hashlib.sha1(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]
        shown = {node.get("group") for node in nodes}
        legend = [{"type": kind, "mark": style.mark, "colour": style.colour}
                  for kind, style in self.styles.items() if kind in shown]
        return {**payload, "options": vis_options(self.styles), "focus": self.focus, "version": version,
                "links_left_out": len(others) - len(drawn_others), "legend": legend}

    def _node(self, concept: str) -> dict:
        data = self.kg.graph.nodes[concept]
        x, y = self.positions[concept]
        more = self.around.hidden.get(concept)
        # Wrapped here, at spaces, rather than by vis-network, which breaks inside words.
        label = "\n".join(textwrap.wrap(concept, _LABEL_CHARS) or [concept])
        if more:
            label += f"\n(+{more} more)"
        tooltip = f"{concept} ({data['type']}{', ' + data['group'] if data['group'] else ''})"
        if data["description"]:
            tooltip += f"\n{data['description']}"
        if more:
            tooltip += f"\n{more} more linked concepts are not shown; focus this concept to see them."
        return {"label": label, "title": tooltip, "group": data["type"], "x": round(x, 1), "y": round(y, 1)}

    def _focus_style(self) -> dict:
        style = self.styles[self.kg.graph.nodes[self.focus]["type"]]
        return {
            "shape": style.shape,
            "color": {"background": style.colour, "border": FOCUS_BORDER,
                      "highlight": {"background": style.colour, "border": FOCUS_BORDER}},
            "borderWidth": 3,
            "shadow": {"enabled": True, "color": "rgba(0,0,0,0.45)", "size": 16, "x": 0, "y": 0},
            "size": 34,
            "font": {"size": 24, "bold": True},
        }


def build_view(
    kg: KnowledgeGraph,
    focus: str,
    depth: int | None = 1,
    types: set[str] | None = None,
    cap: int = DEFAULT_CAP,
    page: int = 0,
) -> View:
    """The view around ``focus``: at most ``cap`` concepts within ``depth`` links.

    ``depth=None`` shows everything reachable from the focus (still at most ``cap``).
    ``page`` pages through the neighbours of a focus that has more than fit.

    Example
    -------
    >>> view = build_view(kg, "Cocaine use", depth=1)
    >>> view.positions["Cocaine use"]
    (0.0, 0.0)
    """
    around = neighbourhood(kg, focus, depth, types, cap, page)
    ends = _links_among(kg, around.distance)
    positions = radial_layout(kg, around, ends)
    return View(focus, depth, around, positions, sorted(ends), type_styles(kg.types), kg, ends=ends)


def _links_among(kg: KnowledgeGraph, shown: dict) -> dict[int, tuple[str, str, str]]:
    """The links among the concepts shown, not every link of a hub (which may have a million):
    ``{link_id: (source, target, relation)}``.

    Each concept's outgoing links are read, or the shown concepts looked up among them, whichever
    is fewer: a hub's view holds other hubs. (``has_edge`` rather than ``in``: networkx's adjacency
    view answers a miss by raising and catching KeyError.)
    """
    graph = kg.graph
    ends = {}
    for a in shown:
        out = graph.succ[a]
        targets = (b for b in out if b in shown) if len(out) <= len(shown) else (b for b in shown if graph.has_edge(a, b))
        for b in targets:
            ends.update((key, (a, b, data["relation"])) for key, data in out[b].items())
    return ends


def build_path_view(kg: KnowledgeGraph, explanation: PathExplanation) -> View:
    """The shortest paths between two concepts, each drawn as a row read left to right.

    Concepts shared by several paths are drawn once, in the first row that has them.
    """
    positions: dict[str, tuple[float, float]] = {}
    link_ids: list[int] = []
    if not explanation.paths:  # not connected: the two ends, apart
        positions = {explanation.start: (0.0, 0.0), explanation.end: (2.0 * _PATH_STEP, 0.0)}
    for row, chain in enumerate(explanation.paths):
        concepts = [explanation.start]
        for link in chain:
            concepts.append(link.target if link.source == concepts[-1] else link.source)
            link_ids.append(link.link_id)
        for step, concept in enumerate(concepts):
            positions.setdefault(concept, (step * _PATH_STEP, row * _PATH_ROW))
    distance = {concept: round(x / _PATH_STEP) for concept, (x, _) in positions.items()}
    around = Neighbourhood(explanation.start, distance)
    return View(explanation.start, None, around, positions, sorted(set(link_ids)), type_styles(kg.types), kg, is_path=True)


def radial_layout(kg: KnowledgeGraph, around: Neighbourhood, ends: dict | None = None) -> dict[str, tuple[float, float]]:
    """Focus in the middle, one ring per distance, on ellipses wider than tall (screens are).

    The first ring is ordered by type so colours sit together. On each further ring a
    concept sits as near as it can to the angle of the concepts it was reached from, so
    links stay short and do not cross the picture; ``_spread`` keeps neighbours on a ring
    far enough apart for their labels. A crowded ring alternates between two radii, and
    its size grows with the number of concepts on it. ``ends``: the links among the concepts
    shown (from :func:`_links_among`), if already known.
    """
    linked: dict[str, set[str]] = {}
    for a, b, _ in (_links_among(kg, around.distance) if ends is None else ends).values():
        linked.setdefault(a, set()).add(b)
        linked.setdefault(b, set()).add(a)
    rings: dict[int, list[str]] = {}
    for concept, level in around.distance.items():
        rings.setdefault(level, []).append(concept)
    positions = {around.focus: (0.0, 0.0)}
    angle = {around.focus: 0.0}
    outer = 0.0
    for level in sorted(rings)[1:]:
        members = rings[level]
        staggered = len(members) > (_SINGLE_FIRST_RING if level == 1 else _SINGLE_RING)
        per_circle = len(members) / 2 if staggered else len(members)
        # Ellipse perimeter ≈ 2π·r·1.25 for the 1.45:1 aspect used below.
        # A few first neighbours get a wider ring: the labels at their links' middles then clear the focus's label.
        gap = _RING_GAP if staggered or level > 1 else _FEW_RING_GAP
        radius = max(outer + gap, per_circle * _SPACING / (2 * math.pi * 1.25))
        if level == 1:
            members.sort(key=lambda n: (kg.graph.nodes[n]["type"], kg.graph.nodes[n]["group"], n))
            # A few concepts sit left and right of the focus (screens are wide); more start at the top,
            # half a step round when their number is even, so that no link runs straight down
            # through the focus's own label.
            start = math.pi if len(members) <= 3 else -math.pi / 2 + (math.pi / len(members)) * (len(members) % 2 == 0)
            theta = {n: 2 * math.pi * index / len(members) + start for index, n in enumerate(members)}
        else:
            wanted = {n: _mean_angle([angle[p] for p in linked.get(n, ()) if around.distance[p] == level - 1])
                      for n in members}
            # Side by side on one radius, labels need _SPACING; staggered, about half of it.
            theta = _spread(wanted, _SPACING * (0.55 if staggered else 1.0) / (radius * 1.25))
            members.sort(key=theta.get)
        for index, concept in enumerate(members):
            r = radius * (_STAGGER if staggered and index % 2 else 1.0)
            if staggered and len(members) % 2 and index == len(members) - 1:
                r = radius * (1 + _STAGGER) / 2  # an odd ring would put two inner concepts side by side here
            positions[concept] = (_ASPECT * r * math.cos(theta[concept]), r * math.sin(theta[concept]))
            angle[concept] = theta[concept]
        outer = radius * (_STAGGER if staggered else 1.0)
    return positions


def _mean_angle(angles: list[float]) -> float:
    """The direction halfway between ``angles`` (their circular mean), in [0, 2π)."""
    if not angles:
        return 0.0
    return math.atan2(sum(map(math.sin, angles)), sum(map(math.cos, angles))) % (2 * math.pi)


def _spread(wanted: dict[str, float], gap: float) -> dict[str, float]:
    """Angles as close to ``wanted`` as they can be while at least ``gap`` apart around the circle.

    The circle is cut at the widest gap between wanted angles and the concepts are packed
    along the line from there: a run of concepts too close together is centred on where its
    members want to be (pool-adjacent-violators, which minimises the squared moves).
    """
    n = len(wanted)
    full = 2 * math.pi
    gap = min(gap, full / n)
    order = sorted(wanted, key=lambda c: (wanted[c] % full, c))
    line = [wanted[c] % full for c in order]
    widest = max(range(n), key=lambda i: (line[i] - line[i - 1]) % full if n > 1 else 0)
    order = order[widest:] + order[:widest]
    line = line[widest:] + [a + full for a in line[:widest]]
    runs: list[list[float]] = []  # [members, sum of (wanted − gap × place in run)]; the run starts at the mean
    for a in line:
        runs.append([1, a])
        while len(runs) > 1 and runs[-2][1] / runs[-2][0] + runs[-2][0] * gap > runs[-1][1] / runs[-1][0]:
            size, total = runs.pop()
            runs[-1][1] += total - size * runs[-1][0] * gap
            runs[-1][0] += size
    placed = [run[1] / run[0] + k * gap for run in runs for k in range(run[0])]
    if placed[-1] - placed[0] > full - gap:  # the ring is full: space evenly from the first
        placed = [placed[0] + k * full / n for k in range(n)]
    return {c: a % full for c, a in zip(order, placed)}


def vis_options(styles: dict | None = None) -> dict:
    """vis-network options shared by every view: no physics (positions come from Python), and one
    group per concept type with its shape and colour."""
    groups = {
        kind: {"shape": style.shape,
               "color": {"background": style.colour, "border": style.colour,
                         "highlight": {"background": style.colour, "border": FOCUS_BORDER},
                         "hover": {"background": style.colour, "border": FOCUS_BORDER}}}
        for kind, style in (styles or {}).items()
    }
    return {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "keyboard": False,
                        "multiselect": False, "zoomView": True},
        "nodes": {"shadow": False, "size": 20, "borderWidth": 1,
                  "font": {"size": 20, "face": "sans-serif", "background": "rgba(255,255,255,0.85)"}},
        "groups": groups,
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.7}},
            "smooth": False,
            "width": 1,
            "color": {"color": "#B0B0B0", "highlight": "#111111", "hover": "#111111"},
            "font": {"size": 16, "align": "horizontal", "color": "#222222", "strokeWidth": 0, "background": "#ffffff"},
            "hoverWidth": 1.5,
            "selectionWidth": 2,
        },
    }
