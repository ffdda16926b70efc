"""A view: the part of the graph shown around a focus, laid out and turned into vis-network data.

Layout is radial and computed here, not in the browser: the focus sits in the
middle and each ring holds the concepts one link further away. It costs
O(concepts shown), looks the same every time, and the browser never has to run
physics (which stalls at a few hundred concepts).
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import itertools
import json
import math
import textwrap
import threading
from dataclasses import dataclass, field
from pathlib import Path
from weakref import WeakKeyDictionary

import networkx as nx
import numpy as np
import pyvis
from pyvis.network import Network

from graph.core.model import KnowledgeGraph
from graph.core.query import Neighbourhood, PathExplanation, neighbourhood
from graph.core.sentences import agree, sentence
from graph.picture.bands import pack_bands
from graph.picture.layered import flow_layers, flow_order, pack_columns
from graph.picture.layout import (
    ASPECT,
    Box,
    compact,
    concept_box,
    extent,
    flow_map,
    map_layout,
    pack_rows,
    phrase_box,
    radial_seed,
    remove_overlaps,
    scale_apart,
    swap_untangle,
    text_width,
    untangle,
)
from graph.picture.routes import BENDS, Route, curve_points, route, through, unblock
from graph.picture.styles import FOCUS_BORDER, TypeStyle, type_styles
from graph.picture.waypoints import Grid, detour

__all__ = [
    "DEFAULT_CAP",
    "MAX_DRAWN_LINKS",
    "VIS_VERSION",
    "Phrase",
    "View",
    "build_path_view",
    "build_view",
    "for_browser",
    "unbent",
    "vis_folder",
    "vis_options",
]

VIS_VERSION = "9.1.2"
"""The vis-network that draws every picture: the copy the installed pyvis ships (never a CDN).
The app serves it from ``static/vendor/vis-<VIS_VERSION>/`` (explorer/components/), an exported page inlines it."""

DEFAULT_CAP = 150
"""The most concepts a view sends to the browser."""

_LABEL_CHARS = 16
_MAIN_LINK = {"color": "#555555", "highlight": "#111111", "hover": "#111111"}
MAX_DRAWN_LINKS = 400
"""Beyond this many links a picture is a hairball; the focus's links are drawn first."""
_PATH_STEP = 260
_PATH_ROW = 170
_PHRASE_ROOM = (10.0, 5.0)  # canvas px kept clear beside and above a linking phrase
_FULL_SIZE = 720  # canvas px: the picture's width on a laptop at zoom 1 (vis-network's fit zooms in no further)
_COMPACTED = 80  # views of up to this many concepts and phrases are squeezed further (a few ms each)
_MOST_PHRASES = 48  # a view draws at most this many linking phrases: the focus's first, then those shared by most links
NAME_FONT = 20
_LEGIBLE_PX = 11.3  # the least a name is drawn at on screen, in CSS px, with a little to spare over 11
"""Font size of a concept's name, in canvas pixels (on screen: times the zoom)."""
PHRASE_FONT = 19
MINOR_FONT = 14
MINOR_PHRASE_FONT = 13
"""A linking phrase of the whole map beyond those a laptop's fitted map can show: read on a projector's."""
"""A less connected concept's name on a crowded whole map: hidden on a laptop's fitted map (below 11 px), read on a projector's."""
_MINOR_SHARE = 1 / 3
FOCUS_FONT = 24
_SHAPE = 11
_FOCUS_SHAPE = 26
_MAP_FRAME = (780.0, 466.0)  # the picture's frame on a laptop (1366x768), in CSS px: the whole map is packed to fill it
_MAP_WRAP = 16  # the whole map's names stand in columns: wrapped narrow, a column no wider than most names
_ORPHAN = 3  # a whole map's name never ends on a line this short (a number, "of"): it joins the line before
_MAP_MARGIN = 3  # the margin inside a name's box on the whole map, each side (vis-network's default is 5: the map is dense)
_MAP_BORDER = 2
_FIT = 0.96  # the share of the frame the whole map fills (graph_view.js WHOLE_MAP_FIT: 0.97; vis-network's own fit leaves 0.91)
_LAPTOP_FIT = 0.9 * 0.93  # a view around a focus is fitted with a margin more (graph_view.js FIT_MARGIN)
_LOOSE_FILL = 0.3  # the most of its frame that names fill in a picture laid out freely (packed rows fill more)
_PHRASE_STYLE = {
    "shape": "box",
    "color": {
        "background": "#ffffff",
        "border": "#8a8a8a",
        "highlight": {"background": "#f3f3f3", "border": "#111111"},
        "hover": {"background": "#f3f3f3", "border": "#111111"},
    },
    "borderWidth": 1,
    "margin": 5,
    "font": {"size": PHRASE_FONT, "color": "#222222", "background": "rgba(0,0,0,0)"},
    "shapeProperties": {"borderRadius": 10},
    # Relation words are read from 10 px (names from 11): drawn whole from there.
    "scaling": {"label": {"drawThreshold": 10}},
}


@dataclass(frozen=True)
class Phrase:
    """A linking phrase, as in a concept map: the relation shared by the links of one ``concept``
    (the focus unless said) that run the same way (``outgoing`` from it, or into it), drawn once
    between that concept and the concepts at their other ends. ``links``: ``(link_id, concept at
    the other end)``."""

    id: str
    relation: str
    outgoing: bool
    links: tuple[tuple[int, str], ...]
    concept: str = ""


@dataclass(kw_only=True)
class View:
    """What the picture shows: concepts with positions, the links among them, and the focus.

    Made by :func:`build_view` (the concepts around a focus) or :func:`build_path_view` (the
    shortest paths between two concepts); :meth:`to_vis` turns it into vis-network data.
    """

    kg: KnowledgeGraph = field(repr=False)
    focus: str
    around: Neighbourhood
    """The concepts shown, each with its distance from the focus (in links), and what was left out."""
    positions: dict[str, tuple[float, float]]
    link_ids: list[int]
    depth: int | None = None
    """The links out from the focus asked for: a one-link view labels the focus's links."""
    styles: dict = field(repr=False, default_factory=dict)
    is_path: bool = False
    """A path view: every link is part of the answer, so every link is labelled."""
    ends: dict[int, tuple[str, str, str]] = field(repr=False, default_factory=dict)
    """``(source, target, relation)`` of links already known (from the graph), read from the table otherwise."""
    phrases: list[Phrase] = field(default_factory=list)
    """The focus's links drawn through linking phrases (a one-link view); their positions are in ``positions``."""
    whole_map: bool = False
    """The whole map ("All"): each name in a box of its type's colour, the boxes in the map's flow (or packed in rows)."""
    parts: int = 1
    """How many parts, not linked to each other, the whole map is made of."""
    per_page: int = DEFAULT_CAP - 1
    """How many of the focus's neighbours a page holds (fewer than the cap where names would not fit)."""
    page: int = 0
    """Which page of the focus's neighbours the view holds."""
    asked_depth: int | None = None
    """Set when more links out were asked for than the picture has room for: a view at 2 or 3 links that
    would have dropped some of the focus's own neighbours is drawn as the one-link view (with a note)."""
    minor: frozenset = frozenset()
    """Concepts of the whole map whose names are written smaller (``MINOR_FONT``): the least connected
    of a map too big for all its names and phrases to be read on a laptop; they appear as one zooms in.
    Also the ids of phrases written smaller (``MINOR_PHRASE_FONT``)."""

    @property
    def concepts(self) -> list[str]:
        return self.around.concepts

    @property
    def left_out(self) -> int:
        """How many shown concepts have links to concepts that are not shown (the cap was reached)."""
        return len(self.around.not_drawn)

    def to_vis(self) -> dict:
        """The view as vis-network data, built with pyvis: ``nodes``, ``edges``, ``options``, ``focus``, ``version``.

        What every concept of a type shares (shape, colour, font) is said once, as a vis-network
        group in ``options``; each item carries only what is its own, which keeps a click's
        payload small. At most ``MAX_DRAWN_LINKS`` links are drawn (the focus's first);
        ``links_left_out`` says how many more there are among the concepts shown.

        A linking phrase is a node of its own (``group`` ""), joined to the focus by a *trunk*
        edge; each link's own edge, from the phrase to the concept at the other end, keeps the
        link's id, so a click on it still names the link. A trunk carries ``link``, the id of
        its link, when it serves one link only. Each node and edge says what it is in ``kind``
        (``"concept"``, ``"phrase"`` or ``"bend"``; ``"link"`` or ``"trunk"``: :mod:`graph.picture.payload`).
        On the whole map a line that no single curve gets round the names in its way is drawn in
        straight parts through invisible ``"bend"`` nodes, each part carrying its link's ``link``.
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
            ends.update(
                zip(
                    unknown,
                    zip(rows["source"].tolist(), rows["target"].tolist(), rows["relation"].tolist(), strict=True),
                    strict=True,
                )
            )
        links = [(i, *ends[i]) for i in self.link_ids]
        phrased = {link_id for phrase in self.phrases for link_id, _ in phrase.links}
        links = [link for link in links if link[0] not in phrased]
        main = [link for link in links if self.is_path or self.focus in link[1:3]]
        others = [link for link in links if not (self.is_path or self.focus in link[1:3])]
        drawn_others = others[: max(MAX_DRAWN_LINKS - len(main) - len(phrased), 0)]
        # A link without a phrase (a crowded view) says its relation in its tooltip; a path labels each link.
        for link_id, source, target, relation in main:
            net.add_edge(
                source,
                target,
                id=str(link_id),
                kind="link",
                title=sentence(source, relation, target, plural=kg.is_plural(source), joiner=" → "),
                label=relation if self.is_path else None,
                width=2.5,
                color=_MAIN_LINK,
            )
        for link_id, source, target, relation in drawn_others:
            title = sentence(source, relation, target, plural=kg.is_plural(source), joiner=" → ")
            net.add_edge(source, target, id=str(link_id), kind="link", title=title)
        nodes, edges, *_ = net.get_network_data()
        for node in nodes:
            if node["id"] == self.focus:
                node.update(self._focus_style())  # pyvis drops a colour given with a group
            else:
                node.pop("shape", None)  # pyvis always sets one; the type's group says it instead
        for edge in edges:
            if edge.get("label") is None:
                edge.pop("label", None)
        phrase_nodes, phrase_edges = self._phrase_items()
        payload = {"nodes": nodes + phrase_nodes, "edges": phrase_edges + edges}
        self._bend_round_names(payload["nodes"], payload["edges"])
        if not self.whole_map:
            _end_arrows_at_names(nodes, payload["nodes"], payload["edges"], self.focus)
        version = hashlib.sha1(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]
        shown = {node.get("group") for node in nodes}
        legend = [
            {"type": kind, "mark": style.mark, "colour": style.colour, "shape": style.shape, "hollow": style.hollow}
            for kind, style in self.styles.items()
            if kind in shown
        ]
        # Names must be readable at the first zoom (11 px).
        least_scale = None if self.is_path else round(_LEGIBLE_PX / NAME_FONT, 3)
        return {
            **payload,
            "options": vis_options(self.styles, boxes=self.whole_map),
            "focus": self.focus,
            "version": version,
            "links_left_out": len(others) - len(drawn_others),
            "legend": legend,
            "least_scale": least_scale,
            "whole_map": self.whole_map,
            "note": self._note(),
        }

    def _note(self) -> str:
        """The line under the picture: how many parts a map is made of, and where its smaller names went."""
        said = []
        if self.asked_depth is not None:
            said.append(
                f"At {self.asked_depth} links there is no room here for more than the concepts one link away: "
                "click one of them to go further."
            )
        if self.parts > 1:
            said.append(
                f"This map is made of {self.parts} parts that are not linked to each other; each is drawn as a group of its own."
            )
        smaller = sum(1 for concept in self.concepts if concept in self.minor)
        if self.whole_map and smaller:
            said.append(f"On a small screen the {smaller} least connected names are empty boxes: zoom in (+) to read them.")
        return " ".join(said)

    def _bend_round_names(self, nodes: list[dict], edges: list[dict]) -> None:
        """Give each line that would run straight through a name not its own a ``smooth`` that bends it
        round the names in its way, as little as that needs (see :mod:`graph.picture.routes`)."""
        boxes = _boxes(self.kg, self.around, self.phrases, self.styles if self.whole_map else None, self.minor, room=False)
        index = {node["id"]: k for k, node in enumerate(nodes)}
        lines = [
            (edge, index[edge["from"]], index[edge["to"]])
            for edge in edges
            if edge["from"] in index and edge["to"] in index and edge["from"] != edge["to"]
        ]
        xy = np.array([(node["x"], node["y"]) for node in nodes], dtype=float).reshape(-1, 2)
        names = np.array([node.get("kind") == "concept" for node in nodes], dtype=bool)
        shown = [boxes[node["id"]] for node in nodes]
        bends = route(xy, shown, [(a, b) for _, a, b in lines], names)
        if self.whole_map:
            bends = _kept_inside(xy, shown, [(a, b) for _, a, b in lines], names, bends)
        for (edge, _, _), bend in zip(lines, bends, strict=True):
            if not bend.straight:
                edge["smooth"] = bend.smooth()
        if lines:
            # The lines no single curve gets round names: bent at a few points instead (graph/picture/waypoints.py).
            blocked = (through(xy, shown, [(a, b) for _, a, b in lines], bends) & names[None, :]).any(axis=1)
            if blocked.any():
                _bend_at_points(nodes, edges, [line for line, b in zip(lines, blocked, strict=True) if b], xy, shown, names)

    def _phrase_items(self) -> tuple[list[dict], list[dict]]:
        nodes, edges = [], []
        for phrase in self.phrases:
            x, y = self.positions[phrase.id]
            concept = phrase.concept or self.focus
            others = [other for _, other in phrase.links]
            # Several concepts before the relation are a plural subject ("Levodopa, SSRIs → are examples of → …").
            plural = self.kg.is_plural(concept) if phrase.outgoing else len(others) > 1 or any(map(self.kg.is_plural, others))
            said = (
                f"{concept} → {agree(phrase.relation, plural)} → " + ", ".join(others)
                if phrase.outgoing
                else ", ".join(others) + f" → {agree(phrase.relation, plural)} → {concept}"
            )
            # The focus's links are drawn bold; a phrase further out is drawn as the links it stands for.
            line: dict[str, object] = {"width": 2.5, "color": _MAIN_LINK} if concept == self.focus else {}
            nodes.append(
                {
                    "id": phrase.id,
                    "kind": "phrase",
                    "label": _wrap(phrase.relation),
                    "title": said,
                    "group": "",
                    "x": round(x, 1),
                    "y": round(y, 1),
                    # A click on a phrase opens the evidence of its links.
                    "links": [link_id for link_id, _ in phrase.links],
                    "concept": concept,
                    **_PHRASE_STYLE,
                }
            )
            if phrase.id in self.minor:
                # Words alone, on white: where a laptop's fitted map hides them, no empty box is left behind.
                nodes[-1]["shape"] = "text"
                nodes[-1]["font"] = {"size": MINOR_PHRASE_FONT, "color": "#222222", "background": "#ffffff"}
            trunk: dict[str, object] = {"id": f"{phrase.id} →", "kind": "trunk", "title": said, **line}
            if len(phrase.links) == 1:
                trunk["link"] = phrase.links[0][0]
            if phrase.outgoing:
                edges.append({**trunk, "from": concept, "to": phrase.id, "arrows": {"to": {"enabled": False}}})
            else:
                edges.append({**trunk, "from": phrase.id, "to": concept})
            for link_id, other in phrase.links:
                source, target = (concept, other) if phrase.outgoing else (other, concept)
                title = sentence(source, phrase.relation, target, plural=self.kg.is_plural(source), joiner=" → ")
                ends = {"from": phrase.id, "to": other} if phrase.outgoing else {"from": other, "to": phrase.id}
                edge: dict[str, object] = {"id": str(link_id), "kind": "link", "title": title, **line, **ends}
                if not phrase.outgoing:
                    edge["arrows"] = {"to": {"enabled": False}}
                edges.append(edge)
        return nodes, edges

    def _node(self, concept: str) -> dict:
        data = self.kg.graph.nodes[concept]
        x, y = self.positions[concept]
        more = self.around.not_drawn.get(concept)
        tooltip = f"{concept} ({data['type']}{', ' + data['group'] if data['group'] else ''})"
        if data["description"]:
            tooltip += f"\n{data['description']}"
        if more:
            tooltip += f"\n{more} more linked concepts are not shown; focus this concept to see them."
        node = {
            "kind": "concept",
            "label": _concept_label(concept, more),
            "title": tooltip,
            "group": data["type"],
            "x": round(x, 1),
            "y": round(y, 1),
        }
        if self.whole_map:
            node["label"] = _map_label(concept, more, self.styles[data["type"]])
            if concept in self.minor:
                node["font"] = {"size": MINOR_FONT}
        return node

    def _focus_style(self) -> dict:
        style = self.styles[self.kg.graph.nodes[self.focus]["type"]]
        if self.whole_map:
            return {
                "shape": "box",
                "color": {
                    "background": style.pale,
                    "border": FOCUS_BORDER,
                    "highlight": {"background": style.pale, "border": FOCUS_BORDER},
                },
                # Named as large as the others, so that the map is the same whatever its focus.
                "borderWidth": 3,
                "shadow": {"enabled": True, "color": "rgba(0,0,0,0.6)", "size": 14, "x": 0, "y": 0},
            }
        return {
            "shape": style.shape,
            "color": {
                "background": style.fill,
                "border": FOCUS_BORDER,
                "highlight": {"background": style.fill, "border": FOCUS_BORDER},
            },
            "borderWidth": 3,
            "shadow": {"enabled": True, "color": "rgba(0,0,0,0.45)", "size": 16, "x": 0, "y": 0},
            "size": _FOCUS_SHAPE,
            "font": {"size": FOCUS_FONT, "bold": True},
        }


_BEND_NODE = {"shape": "dot", "size": 0, "color": "rgba(0,0,0,0)", "chosen": False}
"""A point where a line bends (``kind: "bend"``): drawn as nothing, and no concept or phrase."""


def _bend_at_points(
    nodes: list[dict], edges: list[dict], lines: list[tuple[dict, int, int]], xy: np.ndarray, boxes: list[Box], names: np.ndarray
) -> None:
    """Draw each of ``lines`` (an edge, the indices of its ends) as straight parts through a few
    invisible ``"bend"`` nodes that keep it off every other box (else every other name), where such a way is found."""
    half = np.array([(b.width / 2, b.height / 2 + abs(b.below)) for b in boxes])
    low, high = (xy - half).min(axis=0), (xy + half).max(axis=0)
    cell = float(np.median([b.height for b in boxes])) / 3
    grid = Grid(xy, boxes, low, high, cell)
    for edge, a, b in lines:
        points = detour(grid, a, b, names)
        if not points:
            continue
        parts = _chain(edge, points)
        for k, (x, y) in enumerate(points):
            nodes.append({"id": parts[k]["to"], "kind": "bend", "x": x, "y": y, **_BEND_NODE})
        at = edges.index(edge)
        edges[at : at + 1] = parts


def _chain(edge: dict, points: list[tuple[float, float]]) -> list[dict]:
    """``edge`` cut into parts through ``points``: each carries its link, title and kind; the last its arrowhead."""
    kept = {key: value for key, value in edge.items() if key not in ("smooth", "endPointOffset")}
    link = edge.get("link", int(edge["id"]) if edge.get("kind") == "link" and str(edge["id"]).isdigit() else None)
    if link is not None:
        kept["link"] = link
    ids = [f"{edge['id']} ·{k}" for k in range(1, len(points) + 1)]
    stops = [edge["from"], *ids, edge["to"]]
    parts = []
    for k in range(len(stops) - 1):
        part = {**kept, "id": edge["id"] if k == 0 else f"{edge['id']} →{k}", "from": stops[k], "to": stops[k + 1]}
        if k < len(stops) - 2:
            part["arrows"] = {"to": {"enabled": False}}
        parts.append(part)
    return parts


def unbent(payload: dict) -> dict:
    """``payload`` with each line drawn through bend points (:func:`_bend_at_points`) made one edge again
    (its first part's id, its last part's end and arrowhead) and no ``"bend"`` nodes: for what reads a
    link as one edge, such as a fill-in exercise's blanks. The same object when nothing is bent."""
    bends = {node["id"] for node in payload["nodes"] if node.get("kind") == "bend"}
    if not bends:
        return payload
    onward = {edge["from"]: edge for edge in payload["edges"] if edge["from"] in bends}
    edges = []
    for edge in payload["edges"]:
        if edge["from"] in bends:
            continue
        if edge["to"] in bends:
            last = edge
            while last["to"] in bends:
                last = onward[last["to"]]
            edge = {key: value for key, value in edge.items() if key != "arrows"} | {"to": last["to"]}
            if "arrows" in last:
                edge["arrows"] = last["arrows"]
        edges.append(edge)
    return {**payload, "nodes": [node for node in payload["nodes"] if node["id"] not in bends], "edges": edges}


def _kept_inside(
    xy: np.ndarray, boxes: list[Box], lines: list[tuple[int, int]], names: np.ndarray, bends: list[Route]
) -> list[Route]:
    """``bends`` with each curve that would leave the picture (the whole map fills its frame to the
    edge, so a curve bulging beyond its names is cut off there) bent only as far as stays inside."""
    if not len(xy):
        return bends
    half = np.array([(b.width / 2, b.height / 2) for b in boxes])
    low, high = (xy - half).min(axis=0), (xy + half).max(axis=0)
    kept = list(bends)
    for k, ((a, b), bend) in enumerate(zip(lines, bends, strict=True)):
        if bend.straight or _inside(curve_points(xy[a], xy[b], bend), low, high):
            continue
        inside = tuple(r for r in BENDS if _inside(curve_points(xy[a], xy[b], r), low, high))
        kept[k] = route(xy, boxes, [(a, b)], names, inside)[0]
    return kept


def _inside(points: np.ndarray, low: np.ndarray, high: np.ndarray) -> bool:
    return bool((points >= low).all() and (points <= high).all())


def _end_arrows_at_names(concepts: list[dict], every_node: list[dict], edges: list[dict], focus: str) -> None:
    """Give each arrow into one of ``concepts`` an ``endPointOffset``, so that it ends at the edge of the
    concept's box (its shape and the name under it), not on the name: vis-network stops an arrow at
    the shape, and a name hangs below the shape. Needs edges drawn as Bézier curves (:func:`vis_options`)."""
    named = {node["id"]: node for node in concepts}
    at = {node["id"]: (node["x"], node["y"]) for node in every_node if "x" in node}
    for edge in edges:
        concept = named.get(edge["to"])
        if concept is None or edge["from"] not in at or not _arrow_to(edge):
            continue
        bold = concept["id"] == focus
        shape = _FOCUS_SHAPE if bold else _SHAPE
        box = concept_box(concept["label"], FOCUS_FONT if bold else NAME_FONT, shape, bold=bold)
        start = at[edge["from"]]
        smooth = edge.get("smooth")
        if smooth:
            bend = Route(smooth["type"], smooth["roundness"])
            offset = _beyond_shape_on_curve(start, (concept["x"], concept["y"]), bend, box, shape)
        else:
            offset = _beyond_shape(start[0] - concept["x"], start[1] - concept["y"], box, shape)
        if offset > 0.5:
            edge["endPointOffset"] = {"from": 0, "to": round(offset, 1)}


def _beyond_shape_on_curve(start: tuple[float, float], end: tuple[float, float], bend: Route, box: Box, shape: float) -> float:
    """:func:`_beyond_shape` for a line drawn as a curve: vis-network ends it at the point of the curve that
    lies the offset past the shape, so the offset is the one for the direction from which the curve
    arrives there (followed back from ``end`` until the curve leaves the box)."""
    for x, y in curve_points(np.array(start), np.array(end), bend, samples=200)[::-1]:
        dx, dy = x - end[0], y - end[1]
        beyond = _beyond_shape(dx, dy, box, shape)
        if math.hypot(dx, dy) >= shape + beyond:
            return beyond
    return _beyond_shape(start[0] - end[0], start[1] - end[1], box, shape)


def _arrow_to(edge: dict) -> bool:
    """Whether an edge is drawn with an arrowhead at its ``to`` end (pyvis writes "to"; the options' default is one)."""
    arrows = edge.get("arrows")
    if isinstance(arrows, dict):
        return arrows.get("to", {}).get("enabled", True) is not False
    return arrows is None or "to" in str(arrows)


def _beyond_shape(dx: float, dy: float, box: Box, shape: float) -> float:
    """How far past a concept's shape (of radius ``shape``) a line from its centre towards (dx, dy) leaves its ``box``.

    Example
    -------
    A line from straight below leaves the name under the shape; one from above only the margin.

    >>> box = concept_box("Tremors", 20, 11)
    >>> round(_beyond_shape(0, 200, box, 11)), round(_beyond_shape(0, -200, box, 11))
    (40, 2)
    """
    length = math.hypot(dx, dy)
    if length == 0:
        return 0.0
    ux, uy = dx / length, dy / length
    exits = []
    if abs(ux) > 1e-9:
        exits.append(box.width / 2 / abs(ux))
    if abs(uy) > 1e-9:
        exits.append(((box.below + box.height / 2) if uy > 0 else (box.height / 2 - box.below)) / abs(uy))
    return max(min(exits) - shape, 0.0)


def _group(style: TypeStyle, boxes: bool) -> dict:
    background = style.pale if boxes else style.fill
    group: dict[str, object] = {
        "shape": "box" if boxes else style.shape,
        "color": {
            "background": background,
            "border": style.border,
            "highlight": {"background": background, "border": FOCUS_BORDER},
            "hover": {"background": background, "border": FOCUS_BORDER},
        },
    }
    if boxes:
        group["borderWidth"] = _MAP_BORDER
        group["margin"] = _MAP_MARGIN
    elif style.hollow:
        group["borderWidth"] = 3
    return group


def _wrap(text: str, width: int = _LABEL_CHARS) -> str:
    # Wrapped here, at spaces, rather than by vis-network, which breaks inside words. Names are wrapped
    # again at every click, so short ones (nearly all) are kept wrapped; a cell may be megabytes long.
    return _kept_wrapped(text, width) if len(text) <= _WRAP_KEPT else _wrapped(text, width)


def _wrapped(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width) or [text])


_WRAP_KEPT = 200
_kept_wrapped = functools.lru_cache(maxsize=4096)(_wrapped)


def _concept_label(concept: str, more: int | None) -> str:
    return _wrap(concept) + (f"\n(+{more} more)" if more else "")


def _map_label(concept: str, more: int | None, style: TypeStyle) -> str:
    """A name on the whole map: its type's mark first (the box's colour is not the only sign of its type)."""
    return f"{style.mark} " + _map_wrap(concept) + (f"\n(+{more} more)" if more else "")


@functools.lru_cache(maxsize=4096)
def _map_wrap(concept: str) -> str:
    """A name wrapped for the whole map's columns, a last line of three letters or fewer kept on the line
    before ("Mood level 25", not "Mood level" over "25").

    >>> _map_wrap("Mood receptor 25"), _map_wrap("Dopamine transporter deficiency")
    ('Mood receptor 25', 'Dopamine\\ntransporter\\ndeficiency')
    """
    if len(concept) > _WRAP_KEPT:
        return _wrapped(concept, _MAP_WRAP)
    lines = textwrap.wrap(concept, _MAP_WRAP) or [concept]
    if len(lines) > 1 and len(lines[-1]) <= _ORPHAN:
        lines = lines[:-2] + [lines[-2] + " " + lines[-1]]
    return "\n".join(lines)


def build_view(
    kg: KnowledgeGraph,
    focus: str,
    depth: int | None = 1,
    types: set[str] | None = None,
    cap: int = DEFAULT_CAP,
    page: int = 0,
    fit: bool = True,
) -> View:
    """The view around ``focus``: at most ``cap`` concepts within ``depth`` links.

    ``depth=None`` is the whole map: every concept of the graph (still at most ``cap``).
    ``page`` pages through the neighbours of a focus that has more than fit, ``per_page`` at a time.
    Links that share a concept, a relation and a direction share one linking phrase (see :class:`Phrase`).

    With ``fit`` a view around a focus holds no more concepts than fit a laptop's frame with every
    name legible (11 px): the most connected first, the others counted as "+N more" on the
    concepts they hang from. The whole map always holds every concept (its least connected
    written smaller, see :attr:`View.minor`).

    Example
    -------
    >>> view = build_view(kg, "Cocaine use", depth=1)
    >>> view.positions["Cocaine use"]
    (0.0, 0.0)
    """
    if not fit or depth is None:
        return _build_view(kg, focus, depth, types, cap, page)
    fitted, view = _fitted(kg, focus, depth, types, cap)
    if depth > 1 and max(view.around.distance.values()) <= 1 and len(view.concepts) <= kg.neighbour_count(focus):
        # Further out, the focus's own neighbours come first; where there is no room even for all of them, and so
        # nothing further out, the one-link view may hold more (the hub at 2 links had lost its two caveats): then
        # it is drawn, and says so. (Only then is the one-link view laid out too.)
        nearer, near_view = _fitted(kg, focus, 1, types, cap)
        if not set(near_view.concepts) <= set(view.concepts):
            fitted, view = nearer, near_view
            view.asked_depth = depth
    view.per_page = max(min(fitted, cap) - 1, 1)
    # A page past the last (a hand-edited address) shows the last.
    page = min(page, max(kg.neighbour_count(focus) - 1, 0) // view.per_page)
    if page:
        view = _build_view(kg, focus, depth, types, fitted, page)
        view.per_page, view.page = max(fitted - 1, 1), page
    return view


_LEAST_DRAWN = 12  # a view drawn smaller to fit its frame still holds this many concepts (when it has them)
_FIT_TRIES = 3
_WHOLE_FIRST = 40  # neighbourhoods of up to this many concepts are tried whole before any estimate
_FILL = 0.46  # the share of a laptop's frame (at the least legible scale) that names and phrases fill in a view that fits


def _fitted(kg: KnowledgeGraph, focus: str, depth: int | None, types: set[str] | None, cap: int) -> tuple[int, View]:
    """The most concepts (at most ``cap``) a view can hold with every name legible in a laptop's frame,
    and the view with that many.

    The count is first estimated from the area the names and phrases of the most connected concepts
    would fill (no layout needed), then checked with a layout, and shrunk (or grown) by the share of
    area missing (or to spare): one to three layouts; then the lines are untangled (:func:`_untangle`).
    """
    around = neighbourhood(kg, focus, depth, types, cap, 0)
    order = around.concepts  # most connected first, ring by ring
    legible_scale = _LEGIBLE_PX / (NAME_FONT * _LAPTOP_FIT)
    frame = _MAP_FRAME[0] * _MAP_FRAME[1] / legible_scale**2

    def fill(count: int) -> float:
        shown = Neighbourhood(focus, {c: around.distance[c] for c in order[:count]}, around.not_drawn)
        ends = _links_among(kg, shown.distance)
        boxes = _boxes(kg, shown, _phrases(kg, focus, ends), None)
        return sum(b.width * b.height for b in boxes.values()) / frame

    count = len(order)
    if count <= _WHOLE_FIRST:
        # A small neighbourhood is laid out whole first: kept whole when every name is legible (the estimate
        # below is only an estimate, and a view that fits must not lose a concept to it).
        view = _build_view(kg, focus, depth, types, count, 0)
        if _view_name_px(kg, view) >= _LEGIBLE_PX:
            _untangle(kg, view)
            return len(view.concepts), view
    if count > _LEAST_DRAWN and fill(count) > _FILL:
        least, most = _LEAST_DRAWN, count  # fill(least) is taken to fit; fill(most) does not
        while most - least > 1:
            middle = (least + most) // 2
            least, most = (middle, most) if fill(middle) <= _FILL else (least, middle)
        count = least
    fits: tuple[int, View] | None = None
    too_many = cap + 1
    for _ in range(_FIT_TRIES):
        view = _build_view(kg, focus, depth, types, count, 0)
        px = _view_name_px(kg, view)
        shown = len(view.concepts)
        if px >= _LEGIBLE_PX or shown <= _LEAST_DRAWN:
            fits = (shown, view)
            grown = min(too_many - 1, int(shown * (px / _LEGIBLE_PX) ** 2 * 0.95))
            if shown < count or grown <= shown + max(2, shown // 4):
                break  # all there is, or not enough more would fit to be worth another layout
            count = grown
        else:
            too_many = min(too_many, shown)
            count = max(_LEAST_DRAWN, min(shown - 1, int(shown * (px / _LEGIBLE_PX) ** 2 * 0.95)))
            if fits is not None and count <= fits[0]:
                break
    if fits is None:
        return count, _build_view(kg, focus, depth, types, count, 0)
    count, view = fits
    _untangle(kg, view)
    return count, view


def _untangle(kg: KnowledgeGraph, view: View) -> None:
    """Move the names the view's lines run through off them, as far as the view still fits (see :func:`untangle`)."""
    items = list(view.positions)
    if len(items) > _COMPACTED:
        return
    boxes = _boxes(kg, view.around, view.phrases, None)
    shown = [boxes[c] for c in items]
    pinned = items.index(view.focus)
    segments = _segments(items, view.ends, view.phrases)

    def legible(moved: np.ndarray) -> bool:
        return _name_px(moved, shown, _LAPTOP_FIT) >= _LEGIBLE_PX

    # Swaps first (they keep the picture's size), then names pushed off the lines left.
    xy = swap_untangle(np.array([view.positions[c] for c in items]), shown, segments, pinned, allowed=legible)
    xy = untangle(xy, shown, segments, pinned, allowed=legible)
    # Then what no bend of a line gets round is moved out of its way (to_vis bends the lines).
    xy = unblock(xy, shown, segments, np.array([c in view.around.distance for c in items]), pinned, allowed=legible)
    xy -= xy[pinned]
    view.positions = {c: (float(x), float(y)) for c, (x, y) in zip(items, xy)}


def _view_name_px(kg: KnowledgeGraph, view: View) -> float:
    boxes = _boxes(kg, view.around, view.phrases, None)
    return _name_px(np.array(list(view.positions.values())), [boxes[c] for c in view.positions], _LAPTOP_FIT)


def _build_view(
    kg: KnowledgeGraph,
    focus: str,
    depth: int | None,
    types: set[str] | None,
    cap: int,
    page: int,
    effort: int = 40,
) -> View:
    around = neighbourhood(kg, focus, depth, types, cap, page)
    parts = 1
    if depth is None:
        around, parts = _every_part(kg, around, types, cap)
    ends = _links_among(kg, around.distance)
    phrases = _phrases(kg, focus, ends)
    whole_map = depth is None
    styles = type_styles(kg.types)
    if whole_map:
        phrases = _whole_map_phrases(kg, ends)  # the same whatever the focus
    positions, phrases, minor = _place(kg, around, ends, phrases, styles if whole_map else None, effort)
    return View(
        kg=kg,
        focus=focus,
        around=around,
        positions=positions,
        link_ids=sorted(ends),
        depth=depth,
        styles=styles,
        ends=ends,
        phrases=phrases,
        whole_map=whole_map,
        minor=minor,
        parts=parts,
    )


def _every_part(kg: KnowledgeGraph, around: Neighbourhood, types: set[str] | None, cap: int) -> tuple[Neighbourhood, int]:
    """The whole map holds every concept (of the kinds shown, up to ``cap``), not only those linked
    to the focus: the parts not linked to it follow, biggest part first, each after the focus's
    part's furthest ring. Returns the concepts and how many parts they make."""
    allowed = None if types is None or set(kg.types) <= set(types) else set(types)
    graph = (
        kg.undirected
        if allowed is None
        else kg.undirected.subgraph(n for n in kg.undirected if kg.graph.nodes[n]["type"] in allowed or n == around.focus)
    )
    distance = dict(around.distance)
    parts = [part for part in nx.connected_components(graph) if around.focus not in part]
    parts.sort(key=lambda part: (-len(part), min(map(str, part))))
    beyond = max(distance.values(), default=0) + 1
    degree = kg.graph.degree
    for part in parts:
        for concept in sorted(part, key=lambda c: (-degree(c), str(c))):
            if len(distance) >= cap:
                break
            distance[concept] = beyond
    count = 1 + sum(1 for part in parts if any(c in distance for c in part))
    return Neighbourhood(around.focus, distance, around.not_drawn), count


def _whole_map_phrases(kg: KnowledgeGraph, ends: dict[int, tuple[str, str, str]]) -> list[Phrase]:
    """The whole map's phrases, in the order they are given room: first one for each way a relation is
    said (each relation, and its plural form where a plural subject says it: "are examples of"), the
    one saying most links; then the rest, those saying most links first. Where only some fit, as many
    relations as can be are said once before any is said twice."""
    phrases = _phrases(kg, None, ends, most=MAX_DRAWN_LINKS)

    def forms(phrase: Phrase) -> set[str]:
        sources = [phrase.concept] if phrase.outgoing else [other for _, other in phrase.links]
        return {agree(phrase.relation, kg.is_plural(source)) for source in sources}

    by_size = sorted(phrases, key=lambda p: -len(p.links))  # stable: ties keep _phrases' order
    said: set[str] = set()
    first = []
    for phrase in by_size:
        new = forms(phrase) - said
        if new:
            said |= new
            first.append(phrase)
    return first + [p for p in by_size if p not in first]


def _phrases(
    kg: KnowledgeGraph, focus: str | None, ends: dict[int, tuple[str, str, str]], most: int = _MOST_PHRASES
) -> list[Phrase]:
    """Linking phrases for the links in ``ends``: each link is said once, through a phrase shared by
    the links of one concept that have the same relation and run the same way.

    The focus's links are grouped at the focus; every other link joins the largest group it can
    (the links of a concept with several of one relation), ties going to the better connected
    concept. At most ``most`` phrases: the focus's first, then those that say most links; the
    links left over are drawn without one (a crowded view), never all of them.
    """
    groups: dict[tuple[str, bool, str], list[tuple[int, str]]] = {}
    for link_id in sorted(ends):
        source, target, relation = ends[link_id]
        groups.setdefault((source, True, relation), []).append((link_id, target))
        if target != source:
            groups.setdefault((target, False, relation), []).append((link_id, source))
    degree = kg.degree  # each concept's number of links, counted once for the graph (a hub's is a sum over all its links)

    def rank(key: tuple[str, bool, str], size: int) -> tuple:
        concept, outgoing, relation = key
        return (concept != focus, -size, -degree[concept], str(concept), not outgoing, relation)

    # Largest group first; a group that lost links to one chosen before goes back in line at its new size.
    waiting = [(rank(key, len(links)), key) for key, links in groups.items()]
    heapq.heapify(waiting)
    said: set[int] = set()
    chosen: list[tuple[tuple[str, bool, str], list[tuple[int, str]]]] = []
    while waiting and len(chosen) < most:
        ranked, key = heapq.heappop(waiting)
        left = [(link_id, other) for link_id, other in groups[key] if link_id not in said]
        if not left:
            continue
        if len(left) < -ranked[1] and key[0] != focus:
            heapq.heappush(waiting, (rank(key, len(left)), key))
            continue
        if key[0] != focus and len(said) + len(left) > MAX_DRAWN_LINKS:
            continue  # more links than a picture draws: the rest are left to the list beside it
        said.update(link_id for link_id, _ in left)
        chosen.append((key, left))
    phrases = []
    taken: set[str] = set()  # the phrases' names so far (not a copy of every concept's: at 1M links that cost 28 ms a call)
    for (concept, outgoing, relation), links in chosen:
        arrow = "→" if outgoing else "←"
        name = f"{arrow} {relation}" if concept == focus else f"{concept} {arrow} {relation}"
        while name in taken or name in kg.graph:  # a concept could be called that; the phrase's id must differ
            name += " "
        taken.add(name)
        phrases.append(Phrase(name, relation, outgoing, tuple(links), concept))
    return phrases


def _boxes(
    kg: KnowledgeGraph,
    around: Neighbourhood,
    phrases: list[Phrase],
    map_styles: dict | None,
    minor: frozenset = frozenset(),
    room: bool = True,
) -> dict[str, Box]:
    boxes = {}
    for concept in around.concepts:
        more = around.not_drawn.get(concept)
        bold = concept == around.focus
        font = FOCUS_FONT if bold else NAME_FONT
        if map_styles is not None:  # the whole map: the name inside a box (vis-network: a line is one font size high)
            size = MINOR_FONT if concept in minor else NAME_FONT
            lines = _map_label(concept, more, map_styles[kg.graph.nodes[concept]["type"]]).split("\n")
            # The type's mark and its space take about 0.8 of the font size; the widths table counts an em for the mark.
            width = max(text_width(line, size) for line in lines) - 0.2 * size
            edge = 2 * (_MAP_MARGIN + _MAP_BORDER)
            boxes[concept] = Box(width + edge, len(lines) * size + edge)
        else:
            label = _concept_label(concept, more)
            boxes[concept] = concept_box(label, font, _FOCUS_SHAPE if bold else _SHAPE, bold=bold)
    for phrase in phrases:
        words = phrase_box(_wrap(phrase.relation), PHRASE_FONT)
        # Room round a phrase for the lines to and from it to be seen (a phrase touching a name reads as a label of it).
        # (Rows of names keep their own gaps.)
        pad = _PHRASE_ROOM if room else (0.0, 0.0)
        boxes[phrase.id] = Box(words.width + 2 * pad[0], words.height + 2 * pad[1])
    return boxes


def _place(
    kg: KnowledgeGraph,
    around: Neighbourhood,
    ends: dict,
    phrases: list[Phrase],
    map_styles: dict | None,
    effort: int = 40,
) -> tuple[dict[str, tuple[float, float]], list[Phrase], frozenset]:
    """Positions for the concepts (and phrases) of a view: seeded, then packed as tight as the names
    allow; and the phrases that found room.

    The whole map (``map_styles`` given) fills a laptop's frame in the map's flow (the same whatever
    the focus, see :func:`_place_whole_map`), with as many of its phrases as leave every name
    legible on a laptop; other views are squeezed round their focus,
    each phrase further out starting between its concept and the concepts it leads to.
    """
    if map_styles is not None and map_layout(kg.graph) is not None:
        placed, kept, smaller = _whole_map_places(kg, around, phrases, map_styles)
        fx, fy = placed[around.focus]
        return {c: (x - fx, y - fy) for c, (x, y) in placed.items()}, kept, smaller
    minor: frozenset = frozenset()
    boxes = _boxes(kg, around, phrases, map_styles)
    if map_styles is not None and not _fits_loosely([boxes[c] for c in around.concepts]):
        # Too many names for all to be read on a laptop with the map's phrases: the least connected are
        # written smaller, read from a projector's size or zoomed in (level of detail).
        degree = kg.graph.degree
        ranked = sorted(around.concepts, key=lambda c: (degree(c), str(c)))
        minor = frozenset(ranked[: int(len(ranked) * _MINOR_SHARE)]) - {around.focus}  # the focus's name is always read
        boxes = _boxes(kg, around, phrases, map_styles, minor)
    the_map = map_layout(kg.graph)
    if map_styles is not None and the_map is not None:
        seed = {c: the_map[c] for c in around.concepts}
    else:
        seed = _radial_seed(kg, around, ends, phrases, the_map)
    own = [p for p in phrases if p.concept in ("", around.focus)] if map_styles is None else []
    inner = [c for c in around.concepts] + [p.id for p in own]
    xy = np.array([seed[c] for c in inner])
    if map_styles is not None:
        tight = _boxes(kg, around, phrases, map_styles, minor, room=False)
        xy, phrases, small = _place_whole_map(xy, inner, boxes, tight, phrases)
        minor = minor | small
        inner = inner + [p.id for p in phrases]
    else:
        xy = scale_apart(xy, [boxes[c] for c in inner])
        further = [p for p in phrases if p not in own]
        if further:
            scaled = dict(zip(inner, map(tuple, xy)))
            xy = np.vstack([xy, np.array(list(_between(further, scaled).values()))])
            inner = inner + [p.id for p in further]
        shown = [boxes[c] for c in inner]
        pinned = inner.index(around.focus)
        if len(inner) <= _COMPACTED:
            xy = compact(xy, shown, pinned, aspect=ASPECT, steps=effort, rounds=60, enough=_FULL_SIZE)
        elif further:
            xy = remove_overlaps(xy, shown, pinned, rounds=300)
    xy -= xy[inner.index(around.focus)]
    return {c: (float(x), float(y)) for c, (x, y) in zip(inner, xy)}, phrases, minor


_WHOLE_MAPS: WeakKeyDictionary = WeakKeyDictionary()  # a graph's whole maps, by what they hold: the same whatever the focus
_WHOLE_MAPS_KEPT = 8
_WHOLE_MAPS_LOCK = threading.Lock()  # sessions run in threads: one places a whole map while the others wait for it


def _whole_map_places(
    kg: KnowledgeGraph, around: Neighbourhood, phrases: list[Phrase], map_styles: dict
) -> tuple[dict[str, tuple[float, float]], list[Phrase], frozenset]:
    """The whole map's places (not yet centred on the focus), its phrases and its smaller names, laid
    out once for the concepts it holds and kept: moving the focus on the map costs nothing more. Only
    a focus among the least connected (whose name is never written smaller) makes a map of its own."""
    names = sorted(around.concepts, key=str)
    boxes = _boxes(kg, around, phrases, map_styles)
    candidates: frozenset = frozenset()
    if not _fits_loosely([boxes[c] for c in names]):
        # Too many names for all to be read on a laptop with the map's phrases: the least connected are
        # written smaller, read from a projector's size or zoomed in (level of detail).
        degree = kg.graph.degree
        ranked = sorted(names, key=lambda c: (degree(c), str(c)))
        candidates = frozenset(ranked[: int(len(ranked) * _MINOR_SHARE)])
    key = (
        frozenset(names),
        around.focus if around.focus in candidates else None,
        tuple(p.id for p in phrases),
        frozenset(around.not_drawn.items()),
    )
    with _WHOLE_MAPS_LOCK:
        return _whole_map_kept(kg, around, phrases, map_styles, names, candidates, key)


def _whole_map_kept(
    kg: KnowledgeGraph,
    around: Neighbourhood,
    phrases: list[Phrase],
    map_styles: dict,
    names: list[str],
    candidates: frozenset,
    key: tuple,
) -> tuple[dict[str, tuple[float, float]], list[Phrase], frozenset]:
    kept = _WHOLE_MAPS.setdefault(kg.graph, {})
    if key not in kept:
        minor = candidates - {around.focus}  # the focus's name is always read
        boxes = _boxes(kg, around, phrases, map_styles, minor)
        tight = _boxes(kg, around, phrases, map_styles, minor, room=False)
        the_map = map_layout(kg.graph) or {}
        flow = flow_map(kg.graph, the_map)
        xy, placed_phrases, small = _place_whole_map(
            np.array([the_map[c] for c in names]),
            names,
            boxes,
            tight,
            phrases,
            np.array([flow[c] for c in names]),
            _Flow(kg, names, phrases, the_map, _links_among(kg, around.distance)),
        )
        items = names + [p.id for p in placed_phrases]
        drawn = [tight[c] for c in names] + [
            phrase_box(_wrap(p.relation), MINOR_PHRASE_FONT) if p.id in small else tight[p.id] for p in placed_phrases
        ]
        xy = _unblocked(xy, items, drawn, placed_phrases, _links_among(kg, around.distance), len(names))
        if len(kept) >= _WHOLE_MAPS_KEPT:
            kept.pop(next(iter(kept)))
        kept[key] = ({c: (float(x), float(y)) for c, (x, y) in zip(items, xy)}, placed_phrases, minor | small)
    return kept[key]


_WHOLE_MAP_TRIALS = 150_000  # trials times lines that unblock scores on the whole map: about 0.5 s on the article's


def _unblocked(xy: np.ndarray, items: list[str], boxes: list[Box], phrases: list[Phrase], ends: dict, names: int) -> np.ndarray:
    """The whole map's names and phrases (``items``, the first ``names`` of them concepts) moved out of
    the way of the lines that no bend gets round (:func:`unblock`), as far as the picture grows no
    larger than its names need (never below 11 px on a laptop, and a map drawn larger stays nearly
    as large). Done once per map: the result is kept with its places."""
    segments = _segments(items, ends, phrases)
    placed = _name_px(xy, boxes)
    least = min(placed, max(_LEGIBLE_PX, 0.97 * placed))

    def legible(moved: np.ndarray) -> bool:
        return _name_px(moved, boxes) >= least

    is_name = np.arange(len(items)) < names
    return unblock(xy, boxes, segments, is_name, allowed=legible, rounds=6, nearby=12, pushed=1, budget=_WHOLE_MAP_TRIALS)


def _segments(items: list[str], ends: dict, phrases: list[Phrase]) -> list[tuple[int, int]]:
    """The lines the picture draws, as pairs of indices of ``items`` (from, to): each phrase's to its concept and
    to the concepts it leads to, and each link said by no phrase."""
    index = {item: k for k, item in enumerate(items)}
    lines = []
    phrased = set()
    for phrase in phrases:
        concept = index[phrase.concept] if phrase.concept in index else None
        if phrase.id not in index or concept is None:
            continue
        # Each the way it is drawn (to_vis): a curve bends one way or the other depending on which end it starts from.
        lines.append((concept, index[phrase.id]) if phrase.outgoing else (index[phrase.id], concept))
        for link_id, other in phrase.links:
            phrased.add(link_id)
            if other in index:
                lines.append((index[phrase.id], index[other]) if phrase.outgoing else (index[other], index[phrase.id]))
    for link_id, (source, target, _) in ends.items():
        if link_id not in phrased and source in index and target in index and source != target:
            lines.append((index[source], index[target]))
    return lines[:MAX_DRAWN_LINKS]


def _place_whole_map(
    seed: np.ndarray,
    names: list[str],
    boxes: dict[str, Box],
    tight: dict[str, Box],
    phrases: list[Phrase],
    flow: np.ndarray | None = None,
    layers: _Flow | None = None,
) -> tuple[np.ndarray, list[Phrase], frozenset]:
    """The whole map as the map of the graph draws it (a cycle round, a chain long), packed only as
    far as its names need; a map that would leave its names too small on a laptop is drawn in the
    map's flow (``layers``, :class:`_Flow`: columns left to right, causes before what they cause),
    or where its names would not fit even so (or without ``layers``, a graph too big for a map),
    packed in rows (:func:`pack_rows`), which keeps what lies above and left of what. Phrases start
    between their concepts; the most that keep every name legible on a laptop are kept, in order.
    Then as many more as fit written smaller (``MINOR_PHRASE_FONT``, read on a projector or zoomed in).
    Rows are packed from ``flow`` (see :func:`flow_map`) where given, so that causes stay left of what they cause.
    Returns the positions of ``names`` then of the phrases kept, those phrases, and the ids of those written smaller."""

    flow = seed if flow is None else flow
    at = dict(zip(names, map(tuple, seed)))
    flow_at = dict(zip(names, map(tuple, flow)))
    small = {p.id: phrase_box(_wrap(p.relation), MINOR_PHRASE_FONT) for p in phrases}

    def placed(count: int, smaller: int = 0) -> np.ndarray | None:
        kept = phrases[: count + smaller]
        points = np.vstack([seed, np.array(list(_between(kept, at).values())).reshape(-1, 2)])
        in_rows = np.vstack([flow, np.array(list(_between(kept, flow_at).values())).reshape(-1, 2)])
        shown = [boxes[c] for c in names] + [boxes[p.id] if k < count else small[p.id] for k, p in enumerate(kept)]
        packed = [tight[c] for c in names] + [tight[p.id] if k < count else small[p.id] for k, p in enumerate(kept)]
        if layers is not None and not _fits_loosely(shown):
            xy = layers.place(names + [p.id for p in kept], packed, in_rows)
            return xy if _name_px(xy, packed) >= _LEGIBLE_PX else None
        xy, used = _loose_or_rows(points, shown, packed, in_rows)
        return xy if _name_px(xy, used) >= _LEGIBLE_PX else None

    best = placed(len(phrases))
    if best is not None:
        return best, phrases, frozenset()
    # As many phrases as can be read on a laptop, then as many more as fit written smaller (read on a projector).
    least, best = _most(lambda count: placed(count), len(phrases))
    if best is None:  # not even the names alone fit: rows, drawn as large as they can be
        return pack_rows(flow, [tight[c] for c in names], _MAP_FRAME), [], frozenset()
    more, better = _most(lambda extra: placed(least, extra), len(phrases) - least)
    if more and better is not None:
        best = better
    return best, phrases[: least + more], frozenset(p.id for p in phrases[least : least + more])


class _Flow:
    """The whole map in the map's flow (:mod:`graph.picture.layered`): concepts in the order of their
    layers, each phrase just after its concept (or just before, for the links into it), each layer
    ordered so that lines cross little; then packed in columns, left to right. Ordered once, with
    every phrase the map may draw; each trial packs the phrases it keeps. Each part of a map in
    several parts starts a column of its own, biggest part first. A map in one part is packed in
    bands from its flow instead (:func:`graph.picture.bands.pack_bands`)."""

    def __init__(self, kg: KnowledgeGraph, names: list[str], phrases: list[Phrase], seed: dict, ends: dict) -> None:
        self.ends = ends
        self.phrases = {p.id: p for p in phrases}
        layer = flow_layers(kg.graph.subgraph(names))
        index = {c: k for k, c in enumerate(names)}
        slots = [2 * layer[c] + 1 for c in names]
        seed_y = [seed[c][1] for c in names]
        segments = []
        for phrase in phrases:
            here = len(slots)
            slots.append(2 * layer[phrase.concept] + (2 if phrase.outgoing else 0))
            joined = [phrase.concept] + [o for _, o in phrase.links if o in index]
            seed_y.append(float(np.mean([seed[c][1] for c in joined])))
            segments.append((index[phrase.concept], here))
            segments += [(here, index[other]) for _, other in phrase.links if other in index]
        ids = names + [p.id for p in phrases]
        part = {c: k for k, members in enumerate(nx.connected_components(kg.undirected.subgraph(names))) for c in members}
        part.update({p.id: part[p.concept] for p in phrases})
        order = [ids[k] for k in flow_order(slots, segments, seed_y)]
        # Each phrase beside its concept: just after it (links out of it), or just before it (links into it).
        after: dict[str, list[str]] = {}
        before: dict[str, list[str]] = {}
        for phrase in phrases:
            (after if phrase.outgoing else before).setdefault(phrase.concept, []).append(phrase.id)
        rank = {i: k for k, i in enumerate(order)}
        order = [
            i
            for c in order
            if c in index
            for i in sorted(before.get(c, []), key=rank.__getitem__) + [c] + sorted(after.get(c, []), key=rank.__getitem__)
        ]
        sizes: dict[int, int] = {}
        for c in names:
            sizes[part[c]] = sizes.get(part[c], 0) + 1
        ranked = sorted(sizes, key=lambda k: -sizes[k])
        self.parts = [[i for i in order if part[i] == k] for k in ranked]  # biggest part first

    def place(self, items: list[str], boxes: list[Box], in_rows: np.ndarray) -> np.ndarray:
        if len(self.parts) == 1:
            # A map in one part is packed in bands from its flow (``in_rows``): lines between rows keep
            # clear of names far more often than lines between columns (see graph.picture.bands).
            return pack_bands(in_rows, boxes, _MAP_FRAME)
        index = {item: k for k, item in enumerate(items)}
        parts = [[index[i] for i in order if i in index] for order in self.parts]
        starts = frozenset(itertools.accumulate(len(part) for part in parts[:-1]))
        kept = [self.phrases[i] for i in items if i in self.phrases]
        lines = _segments(items, self.ends, kept)
        beside = {index[p.id]: index[p.concept] for p in kept}
        return pack_columns([k for part in parts for k in part], boxes, _MAP_FRAME, lines, beside, starts)


def _most(placed, most: int) -> tuple[int, np.ndarray | None]:
    """The largest count from 0 to ``most`` for which ``placed(count)`` gives a layout (it gives one for
    fewer, as a rule), and that layout: a binary search, then a few counts beyond."""
    least, best = 0, placed(0)
    if best is None:
        return 0, None
    ceiling = most
    while most - least > 1:
        middle = (least + most) // 2
        trial = placed(middle)
        if trial is None:
            most = middle
        else:
            least, best = middle, trial
    if most > least and (last := placed(most)) is not None:
        least, best = most, last
    # Packing in columns is not monotonic (one more phrase can make a column break where it fits better):
    # a few counts beyond are tried too.
    for count in range(least + 2, min(least + _BEYOND, ceiling) + 1):
        if (trial := placed(count)) is not None:
            least, best = count, trial
    return least, best


_BEYOND = 8


def _fits_loosely(boxes: list[Box]) -> bool:
    """Whether ``boxes`` fill little enough of a laptop's frame, at the least legible scale, to be laid out freely."""
    legible_scale = _LEGIBLE_PX / (NAME_FONT * _FIT)
    return sum(b.width * b.height for b in boxes) <= _LOOSE_FILL * _MAP_FRAME[0] * _MAP_FRAME[1] / legible_scale**2


def _loose_or_rows(
    seed: np.ndarray, boxes: list[Box], packed: list[Box], in_rows: np.ndarray | None = None
) -> tuple[np.ndarray, list[Box]]:
    """Laid out freely from ``seed`` with ``boxes`` (phrases with room round them), else in rows of ``packed``
    from ``in_rows`` (the seed unless given); and the boxes used."""
    in_rows = seed if in_rows is None else in_rows
    if not _fits_loosely(boxes):
        return pack_rows(in_rows, packed, _MAP_FRAME), packed  # too many names for a loose picture to show them all
    aspect = _MAP_FRAME[0] / _MAP_FRAME[1]
    # Two phrases between the same two concepts (two relations) start at one point, which no scaling
    # parts: each point is moved by a hair, differently, first.
    nudged = np.asarray(seed, dtype=float) + 1e-4 * np.arange(len(seed))[:, None] * np.array([1.0, 0.618])
    xy = scale_apart(nudged, boxes, aspect=aspect)
    if len(boxes) <= _COMPACTED:
        xy = compact(xy, boxes, aspect=aspect, steps=40, rounds=60, enough=_FULL_SIZE)
    if _name_px(xy, boxes) < _LEGIBLE_PX:
        return pack_rows(in_rows, packed, _MAP_FRAME), packed
    return xy, boxes


def _name_px(xy: np.ndarray, boxes: list[Box], margin: float = _FIT) -> float:
    """How large a name of ``NAME_FONT`` is drawn on a laptop once the picture is fitted into its frame
    (vis-network leaves a margin of about a tenth; the picture is never drawn larger than life)."""
    width, height = extent(xy, boxes)
    return NAME_FONT * min(_MAP_FRAME[0] / width, _MAP_FRAME[1] / height, 1.0) * margin


def _radial_seed(
    kg: KnowledgeGraph, around: Neighbourhood, ends: dict, phrases: list[Phrase], the_map: dict | None
) -> dict[str, tuple[float, float]]:
    """Focus in the middle, one ring per distance (phrases get a ring of their own, inside their
    concepts). Each concept lies in the direction the whole map gives it from the focus, so a
    neighbour's view keeps things on the same side; without a map, the first ring is ordered by
    type and further rings follow the concepts they were reached from."""
    focus = around.focus
    rings: dict[int, list[str]] = {}
    for concept, level in around.distance.items():
        if concept != focus:
            rings.setdefault(level, []).append(concept)
    if the_map is not None:
        fx, fy = the_map[focus]
        wanted = {c: math.atan2(the_map[c][1] - fy, the_map[c][0] - fx) % (2 * math.pi) for c in around.concepts}
    else:
        wanted = _wanted_without_map(kg, around, ends, rings)
    own = [phrase for phrase in phrases if phrase.concept in ("", focus)]
    if own:
        first = {}
        for phrase in own:
            members = [other for _, other in phrase.links if other not in first and around.distance.get(other) == 1]
            direction = _mean_angle([wanted[o] for _, o in phrase.links])
            for k, other in enumerate(sorted(members, key=lambda o: wanted[o])):
                first[other] = direction + 1e-6 * k  # together, in the map's order, round the phrase's direction
        wanted.update(first)
        layers = [[], *([rings[level] for level in sorted(rings)])]
    else:
        layers = [rings[level] for level in sorted(rings)]
    seed = radial_seed(focus, layers, wanted, _spread)
    for phrase in own:  # each of the focus's phrases in the middle of its concepts, on the inner ring
        direction = _mean_angle([math.atan2(seed[o][1], seed[o][0]) for _, o in phrase.links])
        seed[phrase.id] = (math.cos(direction), math.sin(direction))
    if own:
        seed.update(_spread_ring({p.id: seed[p.id] for p in own}))
    seed.update(_between(phrases, seed, own=own))
    return seed


def _between(phrases: list[Phrase], seed: dict[str, tuple[float, float]], own=()) -> dict[str, tuple[float, float]]:
    """A phrase further out starts halfway from its concept to the middle of the concepts it leads to
    (a little to the side, so that the line beside it does not run through it)."""
    places = {}
    skip = {phrase.id for phrase in own}
    for phrase in phrases:
        if phrase.id in skip:
            continue
        cx, cy = seed[phrase.concept]
        ox = sum(seed[o][0] for _, o in phrase.links) / len(phrase.links)
        oy = sum(seed[o][1] for _, o in phrase.links) / len(phrase.links)
        places[phrase.id] = (cx + 0.5 * (ox - cx), cy + 0.5 * (oy - cy))
    return places


def _spread_ring(points: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    angles = _spread({k: math.atan2(y, x) % (2 * math.pi) for k, (x, y) in points.items()}, 2 * math.pi / len(points) * 0.8)
    return {k: (math.cos(a), math.sin(a)) for k, a in angles.items()}


def _wanted_without_map(kg: KnowledgeGraph, around: Neighbourhood, ends: dict, rings: dict[int, list[str]]) -> dict[str, float]:
    linked: dict[str, set[str]] = {}
    for a, b, _ in ends.values():
        linked.setdefault(a, set()).add(b)
        linked.setdefault(b, set()).add(a)
    wanted = {around.focus: 0.0}
    for level in sorted(rings):
        members = rings[level]
        if level == 1:
            members = sorted(members, key=lambda n: (kg.graph.nodes[n]["type"], kg.graph.nodes[n]["group"], n))
            wanted.update({n: 2 * math.pi * index / len(members) - math.pi / 2 for index, n in enumerate(members)})
        else:
            wanted.update(
                {n: _mean_angle([wanted[p] for p in linked.get(n, ()) if around.distance.get(p) == level - 1]) for n in members}
            )
    return wanted


def _links_among(kg: KnowledgeGraph, shown: dict) -> dict[int, tuple[str, str, str]]:
    """The links among the concepts shown, not every link of a hub (which may have a million):
    ``{link_id: (source, target, relation)}``.

    Each concept's outgoing links are read, or the shown concepts looked up among them, whichever
    is fewer: a hub's view holds other hubs. (``has_edge`` rather than ``in``: networkx's adjacency
    view answers a miss by raising and catching KeyError.)
    """
    graph = kg.graph
    ends: dict[int, tuple[str, str, str]] = {}
    for a in shown:
        out = graph.succ[a]
        targets = (b for b in out if b in shown) if len(out) <= len(shown) else (b for b in shown if graph.has_edge(a, b))
        for b in targets:
            for key, data in graph.get_edge_data(a, b).items():  # the dict itself, not a read-only view of it: faster
                ends[key] = (a, b, data["relation"])
    return ends


def build_path_view(kg: KnowledgeGraph, explanation: PathExplanation) -> View:
    """The shortest paths between two concepts, each drawn as a row read left to right.

    Concepts shared by several paths are drawn once, in the first row that has them.
    """
    positions: dict[str, tuple[float, float]] = {}
    steps: dict[str, int] = {}  # each concept's place along its path: the links from the start
    link_ids: list[int] = []
    if not explanation.paths:  # not connected: the two ends, apart
        positions = {explanation.start: (0.0, 0.0), explanation.end: (2.0 * _PATH_STEP, 0.0)}
        steps = {explanation.start: 0, explanation.end: 2}
    for row, chain in enumerate(explanation.paths):
        concepts = [explanation.start]
        for link in chain:
            concepts.append(link.target if link.source == concepts[-1] else link.source)
            link_ids.append(link.link_id)
        for step, concept in enumerate(concepts):
            if concept not in positions:
                positions[concept] = (step * _PATH_STEP, row * _PATH_ROW)
                steps[concept] = step
    return View(
        kg=kg,
        focus=explanation.start,
        around=Neighbourhood(explanation.start, steps),
        positions=positions,
        link_ids=sorted(set(link_ids)),
        styles=type_styles(kg.types),
        is_path=True,
    )


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
    runs: list[tuple[int, float]] = []  # (members, sum of (wanted − gap × place in run)); the run starts at the mean
    for a in line:
        size, total = 1, a
        # While the run before would overlap this one, the two become one run.
        while runs and runs[-1][1] / runs[-1][0] + runs[-1][0] * gap > total / size:
            members, before = runs.pop()
            size, total = members + size, before + (total - size * members * gap)
        runs.append((size, total))
    placed = [run[1] / run[0] + k * gap for run in runs for k in range(run[0])]
    if placed[-1] - placed[0] > full - gap:  # the ring is full: space evenly from the first
        placed = [placed[0] + k * full / n for k in range(n)]
    return {c: a % full for c, a in zip(order, placed)}


def vis_folder() -> Path:
    """The folder of the installed pyvis that holds vis-network :data:`VIS_VERSION` (its JS and CSS)."""
    return Path(pyvis.__file__).resolve().parent / "templates" / "lib" / f"vis-{VIS_VERSION}"


def for_browser(payload: dict) -> dict:
    """The payload with opaque ids for the browser: nodes ``"n0"``, ``"n1"``, ... and groups ``"g0"``, ...

    vis-network keys its nodes and groups by plain JavaScript objects, where a concept called
    ``__proto__`` is never drawn, one called ``toString`` is taken for a function, and a type called
    ``constructor`` breaks the options. So the browser never sees a name as a key: each concept's node
    keeps its name in ``name`` (a click is reported by it), edges join ids, ``focus_id`` is the focus's
    node, ``group_names[k]`` is the type of group ``"g<k>"``, and ``keyboard`` (see :mod:`graph.picture.keyboard`) is keyed by ids, its links leading to ids.
    ``focus`` stays the focus's name. Linking phrases (group ``""``) and the points where a line bends
    (``kind: "bend"``) get an id and no name.

    Parameters
    ----------
    payload : dict
        vis-network data keyed by names, as :meth:`View.to_vis` makes it.

    Returns
    -------
    dict
        A new payload; ``payload`` is left as it was.

    Example
    -------
    >>> for_browser({"nodes": [{"id": "__proto__", "group": "class"}], "edges": [], "focus": "__proto__",
    ...              "options": {"groups": {"class": {"shape": "dot"}}}})["nodes"]
    [{'id': 'n0', 'group': 'g0', 'name': '__proto__'}]
    """
    options = payload.get("options") or {}
    kinds = list(dict.fromkeys([*(options.get("groups") or {}), *(n["group"] for n in payload["nodes"] if n.get("group"))]))
    group_id = {kind: f"g{k}" for k, kind in enumerate(kinds)}
    node_id = {node["id"]: f"n{k}" for k, node in enumerate(payload["nodes"])}
    nodes = []
    for node in payload["nodes"]:
        item = {**node, "id": node_id[node["id"]]}
        if node.get("group") != "" and node.get("kind") != "bend":  # a linking phrase or a bend is no concept: no name
            item["name"] = node["id"]
        if node.get("group"):
            item["group"] = group_id[node["group"]]
        nodes.append(item)
    edges = [{**edge, "from": node_id[edge["from"]], "to": node_id[edge["to"]]} for edge in payload["edges"]]
    browser = {**payload, "nodes": nodes, "edges": edges, "focus_id": node_id.get(payload.get("focus")), "group_names": kinds}
    if options.get("groups"):
        browser["options"] = {**options, "groups": {group_id[kind]: group for kind, group in options["groups"].items()}}
    if payload.get("keyboard"):
        browser["keyboard"] = {
            node_id[name]: {
                **about,
                "name": name,
                "links": [{**link, "to": node_id[link["to"]]} for link in about["links"] if link["to"] in node_id],
            }
            for name, about in payload["keyboard"].items()
            if name in node_id
        }
    return browser


def vis_options(styles: dict | None = None, boxes: bool = False) -> dict:
    """vis-network options shared by every view: no physics (positions come from Python), and one
    group per concept type with its shape and colour; with ``boxes`` (the whole map) each name is
    drawn inside a box, pale in its type's colour and bordered in it."""
    groups = {kind: _group(style, boxes) for kind, style in (styles or {}).items()}
    return {
        "physics": {"enabled": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
            "zoomView": True,
        },
        # A name is drawn whole from 11 px; below, vis-network fades it out over one pixel and then hides
        # it (opacity 1 − (drawThreshold − size)): zooming out leaves no blur of small names.
        "nodes": {
            "shadow": False,
            "size": _SHAPE,
            "borderWidth": 1,
            "font": {"size": NAME_FONT, "face": "sans-serif", "background": "rgba(255,255,255,0.85)"},
            "scaling": {"label": {"enabled": False, "drawThreshold": 11, "maxVisible": 40}},
        },
        "groups": groups,
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.7}},
            # Straight lines drawn as Bézier curves of no roundness: only those honour an edge's endPointOffset
            # (arrows that end at the edge of a name's box, see _end_arrows_at_names).
            "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0},
            "width": 1,
            "color": {"color": "#B0B0B0", "highlight": "#111111", "hover": "#111111"},
            "font": {"size": PHRASE_FONT, "align": "horizontal", "color": "#222222", "strokeWidth": 0, "background": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 10, "maxVisible": 40}},
            "hoverWidth": 1.5,
            "selectionWidth": 2,
        },
    }
