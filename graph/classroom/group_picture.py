"""The group map and a learner's difference map as pictures: vis-network data for the graph view.

The teacher's map is drawn with every link; in the **group map** a link's width grows with the
learners who have it as the map says (``match``), and its colour is the verdict most learners
gave it (a legend names them); the links learners added that the map lacks are dashed, in their
own colour, with how many learners drew them, and concepts the map does not have stand apart
in a column on the right. A learner's **difference map** colours each of the map's links by
that learner's verdict, and dashes the links they added.

Positions come from :func:`networkx.spring_layout` with a fixed seed, so the reference, the
group map and every difference map put each concept in the same place.
"""

from __future__ import annotations

import hashlib
import math

import networkx as nx

from graph.classroom.group_map import GroupMap, LinkCounts
from graph.core.model import KnowledgeGraph
from graph.picture.styles import type_styles
from graph.picture.view import vis_options

__all__ = ["COLOURS", "EXTRA_COLOUR", "NOT_IN_MAP", "difference_payload", "group_payload", "positions", "reference_payload"]

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
_SIGNS = {"match": "✓", "overstated": "↑", "reversed": "⇄", "different relation": "≠", "missing": "–"}
_SPACING = 190.0


def positions(kg: KnowledgeGraph) -> dict[str, tuple[float, float]]:
    """Where each concept of the map is drawn (the same for every picture of the map)."""
    graph = nx.Graph(kg.graph.to_undirected(as_view=True))
    if not graph:
        return {}
    placed = nx.spring_layout(graph, seed=7, k=2.2 / math.sqrt(len(graph)), iterations=60)
    scale = _SPACING * math.sqrt(len(graph))
    return {name: (float(x) * scale, float(y) * scale) for name, (x, y) in placed.items()}


def reference_payload(kg: KnowledgeGraph, where: dict[str, tuple[float, float]], title: str) -> dict:
    """The teacher's map as it is, each link labelled with its relation."""
    edges = [_edge(f"m{c}", link.source, link.target, link.relation, UNTOUCHED, 1.5) for c, link in _links(kg)]
    return _payload(kg, where, edges, set(), f"The map “{title}”: {len(edges)} links.", "reference")


def group_payload(kg: KnowledgeGraph, group: GroupMap, where: dict[str, tuple[float, float]]) -> dict:
    """The group map: every link of the map by its learners' verdicts, and the links learners added."""
    learners = max(len(group.learners), 1)
    edges = []
    for counts in group.links:
        link, verdict = counts.link, _most_given(counts)
        matched = counts.count("match")
        label = link.relation + ("\n" + _signs(counts) if counts.learners else "")
        title = f"{link.source} {link.relation} {link.target}: " + _spelled(counts, len(group.learners))
        colour = COLOURS.get(verdict, UNTOUCHED) if verdict else UNTOUCHED
        edges.append(_edge(f"m{link.link_id}", link.source, link.target, label, colour, 1 + 9 * matched / learners, title))
    apart = set()
    for index, extra in enumerate(group.extra):
        apart |= {end for end in (extra.source, extra.target) if end not in kg.graph}
        many = len(extra.learners)
        title = f"{extra.source} {extra.relation} {extra.target}: added by {many} of {len(group.learners)} learners"
        edges.append(
            _edge(
                f"x{index}",
                extra.source,
                extra.target,
                f"{extra.relation} (+{many})",
                EXTRA_COLOUR,
                1 + 4 * many / learners,
                title,
            )
            | {"dashes": True}
        )
    aria = (
        f"Group map of {len(group.learners)} learners: {len(group.links)} links of the map, "
        f"{len(group.extra)} links learners added."
    )
    return _payload(kg, where, edges, apart, aria, "group", group.learners)


def difference_payload(kg: KnowledgeGraph, group: GroupMap, nickname: str, where: dict[str, tuple[float, float]]) -> dict:
    """One learner's map against the teacher's: each link of the map by their verdict, their added links dashed."""
    edges = []
    for counts in group.links:
        link = counts.link
        verdict = counts.learners.get(nickname)
        label = link.relation + (f"\n{_SIGNS.get(verdict, '?')} {verdict}" if verdict else "")
        colour = COLOURS.get(verdict, UNTOUCHED) if verdict else UNTOUCHED
        title = f"{link.source} {link.relation} {link.target}: {verdict or 'not asked (outside this map)'}"
        edges.append(_edge(f"m{link.link_id}", link.source, link.target, label, colour, 4 if verdict == "match" else 2, title))
    apart = set()
    for index, extra in enumerate(group.extra):
        if nickname not in extra.learners:
            continue
        apart |= {end for end in (extra.source, extra.target) if end not in kg.graph}
        title = f"{extra.source} {extra.relation} {extra.target}: added ({extra.learners[nickname]})"
        edges.append(_edge(f"x{index}", extra.source, extra.target, extra.relation, EXTRA_COLOUR, 2, title) | {"dashes": True})
    return _payload(kg, where, edges, apart, f"Difference map of one learner: {len(edges)} links.", f"learner-{nickname}")


def _links(kg: KnowledgeGraph):
    return ((link_id, kg.link(link_id)) for link_id in kg.links.index)


def _most_given(counts: LinkCounts) -> str | None:
    given = counts.counts
    best = max(given.values(), default=0)
    return next((verdict for verdict, n in given.items() if n == best), None) if best else None


def _signs(counts: LinkCounts) -> str:
    return " ".join(f"{_SIGNS.get(verdict, '?')}{n}" for verdict, n in counts.counts.items() if n)


def _spelled(counts: LinkCounts, learners: int) -> str:
    said = [f"{verdict} {n}" for verdict, n in counts.counts.items() if n]
    return (", ".join(said) if said else "no learner's map covers it") + f" (of {learners} learners)"


def _edge(edge_id: str, source: str, target: str, label: str, colour: str, width: float, title: str = "") -> dict:
    edge = {
        "id": edge_id,
        "from": source,
        "to": target,
        "label": label,
        "width": round(width, 2),
        "color": {"color": colour, "highlight": "#111111", "hover": "#111111"},
    }
    if title:
        edge["title"] = title
    return edge


def _payload(
    kg: KnowledgeGraph,
    where: dict[str, tuple[float, float]],
    edges: list[dict],
    apart: set[str],
    aria: str,
    name: str,
    learners: list[str] | None = None,
) -> dict:
    styles = type_styles(kg.types)
    nodes = []
    for concept, (x, y) in where.items():
        kind = kg.graph.nodes[concept].get("type", "")
        nodes.append({"id": concept, "label": concept, "x": x, "y": y, "group": kind, "title": f"{concept} ({kind})"})
    right = max((x for x, _ in where.values()), default=0.0) + 2 * _SPACING
    for row, concept in enumerate(sorted(apart)):
        nodes.append(
            {
                "id": concept,
                "label": concept,
                "x": right,
                "y": row * 70.0,
                "group": NOT_IN_MAP,
                "title": f"{concept} ({NOT_IN_MAP})",
            }
        )
    options = vis_options(styles)
    options["groups"][NOT_IN_MAP] = {"shape": "box", "color": {"background": "#F3E8F7", "border": EXTRA_COLOUR}}
    legend = [{"type": verdict, "mark": _SIGNS[verdict], "colour": colour} for verdict, colour in COLOURS.items()] + [
        {"type": "added by learners (dashed)", "mark": "+", "colour": EXTRA_COLOUR}
    ]
    digest = hashlib.sha256(repr((name, learners, [(e["id"], e["label"], e["width"]) for e in edges])).encode()).hexdigest()
    return {
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "focus": None,
        "version": f"{name}-{digest[:16]}",
        "aria_label": aria,
        "title": aria,
        "legend": legend,
    }
