"""The group map and a learner's difference map as pictures: vis-network data for the graph view.

The teacher's map is drawn with every link; in the **group map** a link's width grows with the
learners who have it as the map says (``match``), and its colour is the verdict most learners
gave it (a legend names them); the links learners added that the map lacks are dashed, in their
own colour, with how many learners drew them, and concepts the map does not have stand apart
in a column on the right. A learner's **difference map** colours each of the map's links by
that learner's verdict, and dashes the links they added.

Every picture starts from the map's whole-map drawing (:func:`graph.picture.view.build_view` with
no depth limit: names in boxes, packed so that they can be read), made once per version by
:func:`base_picture`, so the reference, the group map and every difference map put each concept in
the same place. Each link is labelled with its relation words and, under them, its counts (a teacher
read "✓1 ≠1" and could not tell which link it was); the full sentence is in the link's tooltip. Two
links between the same two concepts are drawn as curves apart (one each way read as one line).
"""

from __future__ import annotations

import copy
import hashlib

from graph.classroom.group_map import GroupMap, LinkCounts
from graph.core.model import KnowledgeGraph
from graph.picture.payload import Payload
from graph.picture.view import build_view

__all__ = [
    "COLOURS",
    "EXTRA_COLOUR",
    "NOT_IN_MAP",
    "SIGNS",
    "base_picture",
    "difference_payload",
    "edge_of",
    "group_payload",
    "reference_payload",
]

COLOURS = {
    "match": "#009E73",
    "overstated": "#E69F00",
    "reversed": "#0072B2",
    "different relation": "#CC79A7",
    "missing": "#D55E00",
}
"""The colour of each verdict (Okabe–Ito, told apart with any colour vision); a link no learner had is grey."""
UNTOUCHED = "#B0B0B0"
EXTRA_COLOUR = "#7B3294"
NOT_IN_MAP = "not in the map"
"""The group of concepts learners used that the map does not have."""
SIGNS = {"match": "✓", "overstated": "↑", "reversed": "⇄", "different relation": "≠", "missing": "–"}
_ROW = 70.0
MOST_EXTRA = 30
"""The most links learners added that the group map draws (the most added first): more hide the map."""


def base_picture(kg: KnowledgeGraph, most: int = 400) -> Payload:
    """The map's concepts as the whole-map view draws them (labels, boxes, positions, options), without links.

    A map whose concepts are not all joined (or has more than ``most``) gets the rest in rows below.
    """
    if not len(kg.graph):
        return Payload(nodes=[], options={}, legend=[], least_scale=None)
    view = build_view(kg, kg.default_focus, depth=None, cap=min(len(kg.graph), most))
    drawn = view.to_vis()
    nodes = []
    for node in drawn["nodes"]:
        if node.get("group") == "" or node.get("kind") == "bend":  # a phrase, or a point where a line bends
            continue
        plain = {k: v for k, v in node.items() if k not in ("shape", "color", "borderWidth", "shadow")}
        nodes.append(plain)  # the focus too, like any other: a class's map has no focus
    placed = {node["id"] for node in nodes}
    rest = sorted(set(kg.graph) - placed)
    bottom = max((node["y"] for node in nodes), default=0.0) + 2 * _ROW
    for index, concept in enumerate(rest):
        kind = kg.graph.nodes[concept].get("type", "")
        nodes.append(
            {
                "id": concept,
                "kind": "concept",
                "label": concept,
                "title": f"{concept} ({kind})",
                "group": kind,
                "x": (index % 8) * 3 * _ROW,
                "y": bottom + (index // 8) * _ROW,
            }
        )
    return Payload(nodes=nodes, options=drawn["options"], legend=drawn["legend"], least_scale=drawn["least_scale"])


def reference_payload(kg: KnowledgeGraph, base: Payload, title: str) -> Payload:
    """The teacher's map as it is (each link's sentence in its tooltip)."""
    edges = [
        _link_edge(c, link.source, link.target, "", "#777777", 1.5, f"{link.source} {link.relation} {link.target}")
        for c, link in _links(kg)
    ]
    return _payload(base, edges, set(), f"The map “{title}”: {len(edges)} links.", "reference")


def group_payload(kg: KnowledgeGraph, group: GroupMap, base: Payload, most_extra: int = MOST_EXTRA) -> Payload:
    """The group map: every link of the map by its learners' verdicts, and the ``most_extra`` links learners
    added most (``group.extra`` is in that order; the rest are in the tables and downloads)."""
    learners = max(len(group.learners), 1)
    edges = []
    for counts in group.links:
        link, verdict = counts.link, _most_given(counts)
        matched = counts.count("match")
        label = _labelled(link.relation, _signs(counts))
        title = f"{link.source} {link.relation} {link.target}: " + _spelled(counts, len(group.learners))
        colour = COLOURS.get(verdict, UNTOUCHED) if verdict else UNTOUCHED
        edges.append(_link_edge(link.link_id, link.source, link.target, label, colour, 1 + 9 * matched / learners, title))
    apart = set()
    for index, extra in enumerate(group.extra[:most_extra]):
        apart |= {end for end in (extra.source, extra.target) if end not in kg.graph}
        many = len(extra.learners)
        title = f"{extra.source} {extra.relation} {extra.target}: added by {many} of {len(group.learners)} learners"
        label = _labelled(extra.relation, f"+{many}")
        edges.append(_added_edge(index, extra.source, extra.target, label, 1 + 4 * many / learners, title))
    drawn = min(len(group.extra), most_extra)
    aria = (
        f"Group map of {len(group.learners)} learners: {len(group.links)} links of the map, "
        f"{len(group.extra)} links learners added" + (f" ({drawn} most added drawn)." if drawn < len(group.extra) else ".")
    )
    return _payload(base, edges, apart, aria, "group", group.learners)


def difference_payload(kg: KnowledgeGraph, group: GroupMap, nickname: str, base: Payload) -> Payload:
    """One learner's map against the teacher's: each link of the map by their verdict, their added links dashed."""
    edges = []
    for counts in group.links:
        link = counts.link
        verdict = counts.learners.get(nickname)
        label = _labelled(link.relation, f"{SIGNS.get(verdict, '?')} {verdict}" if verdict else "")
        colour = COLOURS.get(verdict, UNTOUCHED) if verdict else UNTOUCHED
        title = f"{link.source} {link.relation} {link.target}: {verdict or 'not asked (outside this map)'}"
        edges.append(_link_edge(link.link_id, link.source, link.target, label, colour, 4 if verdict == "match" else 2, title))
    apart = set()
    for index, extra in enumerate(group.extra):
        if nickname not in extra.learners:
            continue
        apart |= {end for end in (extra.source, extra.target) if end not in kg.graph}
        title = f"{extra.source} {extra.relation} {extra.target}: added ({extra.learners[nickname]})"
        edges.append(_added_edge(index, extra.source, extra.target, _labelled(extra.relation, "+"), 2, title))
    return _payload(base, edges, apart, f"Difference map of one learner: {len(edges)} links.", f"learner-{nickname}")


def _links(kg: KnowledgeGraph):
    return ((link_id, kg.link(link_id)) for link_id in kg.links.index)


def _most_given(counts: LinkCounts) -> str | None:
    given = counts.counts
    best = max(given.values(), default=0)
    return next((verdict for verdict, n in given.items() if n == best), None) if best else None


def _labelled(relation: str, counts: str) -> str:
    """A link's label: its relation words, and its counts on the line under them (if any)."""
    return f"{relation}\n{counts}" if counts else relation


def _curve_apart(edges: list[dict]) -> None:
    """Draw links that share their two concepts (either way) as curves on either side, not one on another."""
    pairs: dict[frozenset, list[dict]] = {}
    for edge in edges:
        pairs.setdefault(frozenset((edge["from"], edge["to"])), []).append(edge)
    for shared in pairs.values():
        if len(shared) < 2:
            continue
        for k, edge in enumerate(shared):
            # Each way round has its own side; more than one the same way, each further out.
            side = "curvedCW" if (edge["from"], edge["to"]) == (shared[0]["from"], shared[0]["to"]) else "curvedCCW"
            edge["smooth"] = {"enabled": True, "type": side, "roundness": round(0.2 + 0.15 * (k // 2), 2)}


def _signs(counts: LinkCounts) -> str:
    return " ".join(f"{SIGNS.get(verdict, '?')}{n}" for verdict, n in counts.counts.items() if n)


def _spelled(counts: LinkCounts, learners: int) -> str:
    said = [f"{verdict} {n}" for verdict, n in counts.counts.items() if n]
    return (", ".join(said) if said else "no learner's map covers it") + f" (of {learners} learners)"


def _link_edge(link_id: int, source: str, target: str, label: str, colour: str, width: float, title: str) -> dict:
    """A link of the map: ``kind`` "link", ``link`` its id (what a click on it reports)."""
    return _edge(f"m{link_id}", source, target, label, colour, width, title) | {"kind": "link", "link": int(link_id)}


def _added_edge(index: int, source: str, target: str, label: str, width: float, title: str) -> dict:
    """A link learners added: ``kind`` "added", ``added`` its place in ``GroupMap.extra``; dashed."""
    return _edge(f"x{index}", source, target, label, EXTRA_COLOUR, width, title) | {
        "kind": "added",
        "added": index,
        "dashes": True,
    }


def edge_of(payload: Payload, clicked: str) -> dict | None:
    """The edge of ``payload`` a click reported (by its ``link``, or its ``id`` where it has none)."""
    return next((e for e in payload["edges"] if str(e.get("link", e["id"])) == clicked), None)


def _edge(edge_id: str, source: str, target: str, label: str, colour: str, width: float, title: str = "") -> dict:
    edge = {
        "id": edge_id,
        "from": source,
        "to": target,
        "width": round(width, 2),
        "color": {"color": colour, "highlight": "#111111", "hover": "#111111"},
    }
    if label:
        edge["label"] = label
    if title:
        edge["title"] = title
    return edge


def _payload(
    base: Payload, edges: list[dict], apart: set[str], aria: str, name: str, learners: list[str] | None = None
) -> Payload:
    _curve_apart(edges)
    nodes = list(base["nodes"])
    right = max((node["x"] for node in nodes), default=0.0) + 6 * _ROW
    top = min((node["y"] for node in nodes), default=0.0)
    for row, concept in enumerate(sorted(apart)):
        nodes.append(
            {
                "id": concept,
                "kind": "concept",
                "label": concept,
                "x": right,
                "y": top + row * _ROW,
                "group": NOT_IN_MAP,
                "title": f"{concept} ({NOT_IN_MAP})",
            }
        )
    options = copy.deepcopy(base["options"])
    options.setdefault("groups", {})[NOT_IN_MAP] = {
        "shape": "box",
        "color": {"background": "#F3E8F7", "border": EXTRA_COLOUR},
    }
    legend = [{"type": verdict, "mark": SIGNS[verdict], "colour": colour} for verdict, colour in COLOURS.items()]
    legend += [{"type": "added by learners (dashed)", "mark": "+", "colour": EXTRA_COLOUR}, *base["legend"]]
    digest = hashlib.sha256(repr((name, learners, [(e["id"], e.get("label"), e["width"]) for e in edges])).encode()).hexdigest()
    return Payload(
        nodes=nodes,
        edges=edges,
        options=options,
        focus=None,
        version=f"{name}-{digest[:16]}",
        aria_label=aria,
        title=aria,
        legend=legend,
        least_scale=base["least_scale"],
        whole_map=True,
    )
