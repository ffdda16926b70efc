"""A view: the part of the graph shown around a focus, laid out and turned into vis-network data.

Layout is radial and computed here, not in the browser: the focus sits in the
middle and each ring holds the concepts one link further away. It costs
O(concepts shown), looks the same every time, and the browser never has to run
physics (which stalls at a few hundred concepts).
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyvis
from pyvis.network import Network

from graph.core.model import KnowledgeGraph
from graph.core.query import Neighbourhood, PathExplanation, neighbourhood
from graph.core.sentences import agree, sentence
from graph.picture.layout import (
    ASPECT,
    Box,
    compact,
    concept_box,
    extent,
    map_layout,
    pack_rows,
    phrase_box,
    radial_seed,
    scale_apart,
    text_width,
)
from graph.picture.styles import FOCUS_BORDER, TypeStyle, type_styles

__all__ = [
    "DEFAULT_CAP",
    "MAX_DRAWN_LINKS",
    "VIS_VERSION",
    "Phrase",
    "View",
    "build_path_view",
    "build_view",
    "for_browser",
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
_LABELLED_FOCUS_LINKS = 16  # beyond this, relation labels would crowd; they stay in tooltips
_FULL_SIZE = 720  # canvas px: the picture's width on a laptop at zoom 1 (vis-network's fit zooms in no further)
_COMPACTED = 80  # views of up to this many concepts and phrases are squeezed further (a few ms each)
_MOST_PHRASES = 30  # beyond this many different relations, a focus's links are not given linking phrases
NAME_FONT = 20
_LEGIBLE_PX = 11.3  # the least a name is drawn at on screen, in CSS px, with a little to spare over 11
"""Font size of a concept's name, in canvas pixels (on screen: times the zoom)."""
PHRASE_FONT = 19
FOCUS_FONT = 24
_SHAPE = 11
_FOCUS_SHAPE = 26
_MAP_FRAME = (780.0, 466.0)  # the picture's frame on a laptop (1366x768), in CSS px: the whole map is packed to fill it
_MAP_WRAP = 40  # the whole map's names are boxes in rows: one line each for names up to 40 characters, so rows are one line high and pack tighter (82 article names: 11.75 px at 40, 10.26 at 24)
_MAP_MARGIN = 5  # vis-network's margin inside a box, each side
_MAP_BORDER = 2
_FIT = 0.9  # vis-network's fit leaves this share of the frame to the picture
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
    """A linking phrase, as in a concept map: the relation shared by the focus's links that run
    the same way (``outgoing`` from the focus, or into it), drawn once between the focus and the
    concepts at their other ends. ``links``: ``(link_id, concept at the other end)``."""

    id: str
    relation: str
    outgoing: bool
    links: tuple[tuple[int, str], ...]


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
    """The whole map ("All"): each name in a box of its type's colour, the boxes packed in rows."""

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
        its link, when it serves one link only.
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
        main = [link for link in links if self.is_path or self.focus in link[1:3]]
        others = [link for link in links if not (self.is_path or self.focus in link[1:3])]
        drawn_others = others[: max(MAX_DRAWN_LINKS - len(main), 0)]
        # Further out, labels at the middles of the focus's links would lie on the names of the first ring.
        labelled = self.is_path or (self.depth == 1 and len(main) <= _LABELLED_FOCUS_LINKS)
        for link_id, source, target, relation in main:
            if link_id not in phrased:
                net.add_edge(
                    source,
                    target,
                    id=str(link_id),
                    title=sentence(source, relation, target, plural=kg.is_plural(source), joiner=" → "),
                    label=relation if labelled else None,
                    width=2.5,
                    color=_MAIN_LINK,
                )
        for link_id, source, target, relation in drawn_others:
            title = sentence(source, relation, target, plural=kg.is_plural(source), joiner=" → ")
            net.add_edge(source, target, id=str(link_id), title=title)
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
        version = hashlib.sha1(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]
        shown = {node.get("group") for node in nodes}
        legend = [
            {"type": kind, "mark": style.mark, "colour": style.colour} for kind, style in self.styles.items() if kind in shown
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
        }

    def _phrase_items(self) -> tuple[list[dict], list[dict]]:
        nodes, edges = [], []
        for phrase in self.phrases:
            x, y = self.positions[phrase.id]
            others = [other for _, other in phrase.links]
            # Several concepts before the relation are a plural subject ("Levodopa, SSRIs → are examples of → …").
            plural = self.kg.is_plural(self.focus) if phrase.outgoing else len(others) > 1 or any(map(self.kg.is_plural, others))
            said = (
                f"{self.focus} → {agree(phrase.relation, plural)} → " + ", ".join(others)
                if phrase.outgoing
                else ", ".join(others) + f" → {agree(phrase.relation, plural)} → {self.focus}"
            )
            nodes.append(
                {
                    "id": phrase.id,
                    "label": _wrap(phrase.relation),
                    "title": said,
                    "group": "",
                    "x": round(x, 1),
                    "y": round(y, 1),
                    **_PHRASE_STYLE,
                }
            )
            trunk = {"id": f"{phrase.id} →", "title": said, "width": 2.5, "color": _MAIN_LINK}
            if len(phrase.links) == 1:
                trunk["link"] = phrase.links[0][0]
            if phrase.outgoing:
                edges.append({**trunk, "from": self.focus, "to": phrase.id, "arrows": {"to": {"enabled": False}}})
            else:
                edges.append({**trunk, "from": phrase.id, "to": self.focus})
            for link_id, other in phrase.links:
                source, target = (self.focus, other) if phrase.outgoing else (other, self.focus)
                title = sentence(source, phrase.relation, target, plural=self.kg.is_plural(source), joiner=" → ")
                ends = {"from": phrase.id, "to": other} if phrase.outgoing else {"from": other, "to": phrase.id}
                edge = {"id": str(link_id), "title": title, "width": 2.5, "color": _MAIN_LINK, **ends}
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
            "label": _concept_label(concept, more),
            "title": tooltip,
            "group": data["type"],
            "x": round(x, 1),
            "y": round(y, 1),
        }
        if self.whole_map:
            node["label"] = _map_label(concept, more, self.styles[data["type"]])
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
                "background": style.colour,
                "border": FOCUS_BORDER,
                "highlight": {"background": style.colour, "border": FOCUS_BORDER},
            },
            "borderWidth": 3,
            "shadow": {"enabled": True, "color": "rgba(0,0,0,0.45)", "size": 16, "x": 0, "y": 0},
            "size": _FOCUS_SHAPE,
            "font": {"size": FOCUS_FONT, "bold": True},
        }


def _group(style: TypeStyle, boxes: bool) -> dict:
    background = style.pale if boxes else style.colour
    group: dict[str, object] = {
        "shape": "box" if boxes else style.shape,
        "color": {
            "background": background,
            "border": style.colour,
            "highlight": {"background": background, "border": FOCUS_BORDER},
            "hover": {"background": background, "border": FOCUS_BORDER},
        },
    }
    if boxes:
        group["borderWidth"] = _MAP_BORDER
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
    return f"{style.mark} " + _wrap(concept, _MAP_WRAP) + (f"\n(+{more} more)" if more else "")


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
    In a one-link view the focus's links that share a relation and a direction share one
    linking phrase (see :class:`Phrase`).

    Example
    -------
    >>> view = build_view(kg, "Cocaine use", depth=1)
    >>> view.positions["Cocaine use"]
    (0.0, 0.0)
    """
    around = neighbourhood(kg, focus, depth, types, cap, page)
    ends = _links_among(kg, around.distance)
    phrases = _phrases(kg, focus, ends) if depth == 1 else []
    whole_map = depth is None
    styles = type_styles(kg.types)
    positions = _place(kg, around, ends, phrases, styles if whole_map else None)
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
    )


def _phrases(kg: KnowledgeGraph, focus: str, ends: dict[int, tuple[str, str, str]]) -> list[Phrase]:
    """The focus's links grouped by relation and direction, in the order first met (none if too many kinds)."""
    groups: dict[tuple[bool, str], list[tuple[int, str]]] = {}
    for link_id in sorted(ends):
        source, target, relation = ends[link_id]
        if focus in (source, target):
            outgoing = source == focus
            groups.setdefault((outgoing, relation), []).append((link_id, target if outgoing else source))
    if len(groups) > _MOST_PHRASES:
        return []
    phrases = []
    for (outgoing, relation), links in groups.items():
        name = f"{'→' if outgoing else '←'} {relation}"
        while name in kg.graph:  # a concept could be called that; the phrase's id must differ
            name += " "
        phrases.append(Phrase(name, relation, outgoing, tuple(links)))
    return phrases


def _boxes(kg: KnowledgeGraph, around: Neighbourhood, phrases: list[Phrase], map_styles: dict | None) -> dict[str, Box]:
    boxes = {}
    for concept in around.concepts:
        more = around.not_drawn.get(concept)
        bold = concept == around.focus
        font = FOCUS_FONT if bold else NAME_FONT
        if map_styles is not None:  # the whole map: the name inside a box (vis-network: a line is one font size high)
            lines = _map_label(concept, more, map_styles[kg.graph.nodes[concept]["type"]]).split("\n")
            # The type's mark and its space take about 0.8 of the font size; the widths table counts an em for the mark.
            width = max(text_width(line, NAME_FONT) for line in lines) - 0.2 * NAME_FONT
            edge = 2 * (_MAP_MARGIN + _MAP_BORDER)
            boxes[concept] = Box(width + edge, len(lines) * NAME_FONT + edge)
        else:
            label = _concept_label(concept, more)
            boxes[concept] = concept_box(label, font, _FOCUS_SHAPE if bold else _SHAPE, bold=bold)
    for phrase in phrases:
        boxes[phrase.id] = phrase_box(_wrap(phrase.relation), PHRASE_FONT)
    return boxes


def _place(
    kg: KnowledgeGraph, around: Neighbourhood, ends: dict, phrases: list[Phrase], map_styles: dict | None
) -> dict[str, tuple[float, float]]:
    """Positions for the concepts (and phrases) of a view: seeded, then packed as tight as the names allow.

    The whole map (``map_styles`` given) is packed in rows that fill a laptop's frame, in the
    order the map of the whole graph gives (the same whatever the focus); other views are
    squeezed round their focus.
    """
    boxes = _boxes(kg, around, phrases, map_styles)
    the_map = map_layout(kg.graph)
    if map_styles is not None and the_map is not None:
        seed = {c: the_map[c] for c in around.concepts}
    else:
        seed = _radial_seed(kg, around, ends, phrases, the_map)
    names = list(seed)
    shown = [boxes[c] for c in names]
    if map_styles is not None:
        xy = _place_whole_map(np.array([seed[c] for c in names]), shown)
    else:
        xy = scale_apart(np.array([seed[c] for c in names]), shown)
        if len(names) <= _COMPACTED:
            xy = compact(xy, shown, names.index(around.focus), aspect=ASPECT, steps=40, rounds=60, enough=_FULL_SIZE)
    xy -= xy[names.index(around.focus)]
    return {c: (float(x), float(y)) for c, (x, y) in zip(names, xy)}


def _place_whole_map(seed: np.ndarray, boxes: list[Box]) -> np.ndarray:
    """The whole map as the map of the graph draws it (a cycle round, a chain long), packed only as
    far as its names need; a map that would leave its names too small on a laptop is packed in rows
    instead (:func:`pack_rows`), which keeps what lies above and left of what."""
    legible_scale = _LEGIBLE_PX / (NAME_FONT * _FIT)
    if sum(b.width * b.height for b in boxes) > _LOOSE_FILL * _MAP_FRAME[0] * _MAP_FRAME[1] / legible_scale**2:
        return pack_rows(seed, boxes, _MAP_FRAME)  # too many names for a loose picture to show them all
    aspect = _MAP_FRAME[0] / _MAP_FRAME[1]
    xy = scale_apart(seed, boxes, aspect=aspect)
    if len(boxes) <= _COMPACTED:
        xy = compact(xy, boxes, aspect=aspect, steps=40, rounds=60, enough=_FULL_SIZE)
    if _name_px(xy, boxes) < _LEGIBLE_PX:
        xy = pack_rows(seed, boxes, _MAP_FRAME)
    return xy


def _name_px(xy: np.ndarray, boxes: list[Box]) -> float:
    """How large a name of ``NAME_FONT`` is drawn on a laptop once the picture is fitted into its frame
    (vis-network leaves a margin of about a tenth; the picture is never drawn larger than life)."""
    width, height = extent(xy, boxes)
    return NAME_FONT * min(_MAP_FRAME[0] / width, _MAP_FRAME[1] / height, 1.0) * _FIT


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
    if phrases:
        first = {}
        for phrase in phrases:
            members = [other for _, other in phrase.links if other not in first]
            direction = _mean_angle([wanted[o] for _, o in phrase.links])
            for k, other in enumerate(sorted(members, key=lambda o: wanted[o])):
                first[other] = direction + 1e-6 * k  # together, in the map's order, round the phrase's direction
        wanted.update(first)
        layers = [[], *([rings[level] for level in sorted(rings)])]
    else:
        layers = [rings[level] for level in sorted(rings)]
    seed = radial_seed(focus, layers, wanted, _spread)
    for phrase in phrases:  # each phrase in the middle of its concepts, on the inner ring
        direction = _mean_angle([math.atan2(seed[o][1], seed[o][0]) for _, o in phrase.links])
        seed[phrase.id] = (math.cos(direction), math.sin(direction))
    if phrases:
        seed.update(_spread_ring({p.id: seed[p.id] for p in phrases}))
    return seed


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
    ``focus`` stays the focus's name. Linking phrases (group ``""``) get an id and no name.

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
        if node.get("group") != "":  # a linking phrase is no concept: it has no name to report
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
            "smooth": False,
            "width": 1,
            "color": {"color": "#B0B0B0", "highlight": "#111111", "hover": "#111111"},
            "font": {"size": PHRASE_FONT, "align": "horizontal", "color": "#222222", "strokeWidth": 0, "background": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 10, "maxVisible": 40}},
            "hoverWidth": 1.5,
            "selectionWidth": 2,
        },
    }
