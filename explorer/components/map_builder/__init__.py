"""Draw links with the mouse: a small vis-network picture of a learner's map (Streamlit component v2).

The concepts of a build-a-map task are drawn in a circle with the learner's links between them.
"Draw a link" puts vis-network in its ``addEdgeMode``: drag from one concept to another, type
the linking words in the box that opens, and the link comes back to Python as
``{"source", "relation", "target"}``. vis-network comes from the same vendored copy as
:mod:`explorer.components.graph_view` (the app's static folder), never a CDN. The keyboard way to add a
link is the form beside the picture (:mod:`explorer.panels.practice`).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TypedDict

import streamlit as st

# Importing the graph view copies vis-network into the static folder; its check that the folder
# is served is reused rather than repeated.
from explorer.components import vis_loader_js
from explorer.components.graph_view import _ensure_vis_served

__all__ = ["DrawnLink", "map_builder"]

_HERE = Path(__file__).resolve().parent
_RADIUS = 220


class DrawnLink(TypedDict):
    """A link drawn in the picture."""

    source: str
    relation: str
    target: str


def _as_link(value: object) -> DrawnLink | None:
    if isinstance(value, dict) and all(
        isinstance(value.get(k), str) and str(value[k]).strip() for k in ("source", "relation", "target")
    ):
        return DrawnLink(source=value["source"], relation=" ".join(value["relation"].split()), target=value["target"])
    return None


def _on_link(key: str, on_link: Callable[[DrawnLink], None] | None) -> None:
    link = _as_link(st.session_state[key].get("link"))
    if link is not None and on_link is not None:
        on_link(link)


_component = st.components.v2.component(
    "kg_explorer.map_builder",
    # vis_loader.js first: one shared download of vis-network for every component on the page.
    js=vis_loader_js() + (_HERE / "map_builder.js").read_text(encoding="utf-8"),
    css=(_HERE / "map_builder.css").read_text(encoding="utf-8"),
    isolate_styles=True,
)


def map_builder(
    concepts: Sequence[str],
    links: Sequence[tuple[str, str, str]],
    *,
    placed: Sequence[str] = (),
    relations: Sequence[tuple[str, str]] = (),
    key: str = "map_builder",
    height: int = 380,
    on_link: Callable[[DrawnLink], None] | None = None,
) -> DrawnLink | None:
    """Show the learner's map and return the link just drawn in it, if any.

    Parameters
    ----------
    concepts : every concept that may be linked (skeleton and parking lot); drawn in a circle.
    links : the learner's links so far, ``(source, relation, target)``.
    placed : the skeleton's concepts, drawn bolder (they are where to start).
    relations : ``(relation, how sure it is)`` pairs offered as the linking words are typed (a map's
        vocabulary, when editing it); any other words may still be typed. None in Practice: there the
        linking words are what the learner is asked for.
    key : the element's key; the picture is exposed to end-to-end tests as ``window.kgMapBuilder``.
    height : the drawing's height in pixels.
    on_link : called with the drawn link before the script reruns.
    """
    _ensure_vis_served()
    names = list(dict.fromkeys([*concepts, *(end for s, _, t in links for end in (s, t))]))
    step = 2 * math.pi / max(len(names), 1)
    # Opaque ids, each concept's name beside its id: vis-network keys nodes by plain objects, where a
    # concept called "__proto__" would never be drawn (see graph.picture.view.for_browser).
    node_id = {name: f"n{i}" for i, name in enumerate(names)}
    nodes = [
        {
            "id": node_id[name],
            "name": name,
            "label": name,
            "x": round(_RADIUS * math.cos(i * step - math.pi / 2), 1),
            "y": round(_RADIUS * math.sin(i * step - math.pi / 2), 1),
            "placed": name in placed,
        }
        for i, name in enumerate(names)
    ]
    edges = [{"id": f"{i}", "from": node_id[s], "to": node_id[t], "label": r} for i, (s, r, t) in enumerate(links)]
    version = hashlib.sha1(json.dumps([nodes, edges], sort_keys=True).encode()).hexdigest()[:16]
    result = _component(
        key=key,
        data={
            "nodes": nodes,
            "edges": edges,
            "version": version,
            "height": height,
            "relations": [{"value": name, "label": hedge} for name, hedge in relations],
        },
        height="content",
        on_link_change=partial(_on_link, key, on_link),
    )
    return _as_link(result.get("link"))
