"""The picture's contract with the browser: what ``graph_view.js`` reads, typed, built in one place.

A :class:`Picture` is what the server keeps of a view: the :class:`Payload` the browser draws, and
a few counts and ids only Python reads (the pager, the notes under the picture, practice). :func:`picture`
builds it from a :class:`~graph.picture.view.View`; :func:`sent` is what goes to the browser: the
payload's keys only, with opaque ids (:func:`~graph.picture.view.for_browser`).

Concepts, linking phrases and links are told apart by ``kind``: a node is a ``"concept"``, a
``"phrase"`` or, on the whole map, a ``"bend"`` (an invisible point where a line turns to keep off the
names in its way: no concept and no phrase; the parts of such a line each carry its ``link``); an edge is a ``"link"`` (its ``link``, else its ``id``, is the link's id), a ``"trunk"`` (from a concept to its
linking phrase; ``link`` names its link when it serves one only) or, in a class's group map
(:mod:`graph.classroom.group_picture`), an ``"added"`` link learners drew (``added`` its index).
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from graph.core.model import KnowledgeGraph
from graph.picture.keyboard import keyboard_map
from graph.picture.view import View, for_browser

__all__ = ["BROWSER_KEYS", "SERVER_KEYS", "NodeKind", "EdgeKind", "Payload", "Picture", "picture", "sent"]

NodeKind = Literal["concept", "phrase", "bend"]
EdgeKind = Literal["link", "trunk", "added"]


class Payload(TypedDict, total=False):
    """What ``explorer/components/graph_view/graph_view.js`` (and ``keyboard.js``) read, and nothing else.

    The docstring of :func:`explorer.components.graph_view.graph_view` and the head of ``graph_view.js``
    list the same keys; ``tests/graph/picture/test_payload.py`` checks all three agree.
    """

    nodes: list[dict[str, Any]]
    """vis-network nodes, each with ``kind``; in the browser ``id`` is opaque and a concept's name is ``name``."""
    edges: list[dict[str, Any]]
    """vis-network edges, each with ``kind``; a click on one reports ``link`` if it has one, else its ``id``."""
    options: dict[str, Any]
    """vis-network options (each type a group; in the browser groups are ``g0``, ``g1``, …)."""
    focus: str | None
    """The focus's name (the heading of a saved picture)."""
    focus_id: str | None
    """The focus's node in the browser (added by :func:`sent`)."""
    group_names: list[str]
    """The type of each group ``g<k>`` (added by :func:`sent`). The one key the script does not read: it is
    how what was sent can be read back by name (``tests/apptest.py``), a few bytes."""
    version: str
    """Changes exactly when the nodes or edges do: the browser redraws only then."""
    legend: list[dict[str, Any]]
    """``[{type, mark, colour, shape, hollow}]``: drawn in full screen and in a saved picture."""
    least_scale: float | None
    """The least zoom at which names stay legible (None: no limit)."""
    whole_map: bool
    note: str
    """A line under the picture ("This map is made of 3 parts …"), or ""."""
    aria_label: str
    """The picture in a sentence, for screen readers."""
    title: str
    """The heading of a saved picture (``aria_label`` when absent)."""
    keyboard: dict[str, Any]
    """Each concept's links as sentences, for the arrow keys (:func:`graph.picture.keyboard.keyboard_map`)."""


class Picture(Payload, total=False):
    """A view as the server keeps it: the :class:`Payload`, and what only Python reads (never sent)."""

    link_ids: list[int]
    """Every link the view holds, drawn or not (downloads, exercises)."""
    links_left_out: int
    """How many links among the outer concepts are not drawn."""
    left_out: int
    """How many concepts are drawn without all their links."""
    page: int
    per_page: int
    focus_neighbours: int
    focus_not_drawn: int


BROWSER_KEYS = frozenset(Payload.__optional_keys__ | Payload.__required_keys__)
SERVER_KEYS = frozenset(Picture.__optional_keys__ | Picture.__required_keys__) - BROWSER_KEYS


def picture(kg: KnowledgeGraph, view: View, aria_label: str) -> Picture:
    """The picture of ``view``: its vis-network data, the keys by keyboard, and the counts the page shows.

    Example
    -------
    >>> from graph.picture.view import build_view
    >>> shown = picture(kg, build_view(kg, "Levodopa", 1), "Levodopa and its links")
    >>> sorted(set(shown) - BROWSER_KEYS)
    ['focus_neighbours', 'focus_not_drawn', 'left_out', 'link_ids', 'links_left_out', 'page', 'per_page']
    """
    vis = view.to_vis()
    made: Picture = {
        "nodes": vis["nodes"],
        "edges": vis["edges"],
        "options": vis["options"],
        "focus": vis["focus"],
        "version": vis["version"],
        "legend": vis["legend"],
        "least_scale": vis["least_scale"],
        "whole_map": vis["whole_map"],
        "note": vis["note"],
        "aria_label": aria_label,
        "keyboard": keyboard_map(kg, [node["id"] for node in vis["nodes"]]),
        "link_ids": view.link_ids,
        "links_left_out": vis["links_left_out"],
        "left_out": 0 if view.is_path else view.left_out,
    }
    if not view.is_path:
        made["page"] = view.page
        made["per_page"] = view.per_page  # fewer than the cap less one where more names would not be legible
        made["focus_neighbours"] = kg.neighbour_count(view.focus)
        made["focus_not_drawn"] = view.around.not_drawn.get(view.focus, 0)
    return made


def sent(shown: Picture | Payload | dict) -> Payload:
    """What the browser is sent of a picture: the :class:`Payload`'s keys only, with opaque ids."""
    browser = for_browser(dict(shown))
    return Payload(**{key: value for key, value in browser.items() if key in BROWSER_KEYS})
