"""What a shared URL carries: focus, depth and hidden types, read and written as query parameters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from graph.core.model import KnowledgeGraph
from graph.core.query import ConceptNotFound, find_concept
from graph.files.load import MAX_DIGITS

__all__ = ["DEPTHS", "ViewState", "read_params", "whole_number", "write_params"]

DEPTHS = {"1": 1, "2": 2, "3": 3, "all": None}


@dataclass(frozen=True)
class ViewState:
    focus: str
    depth: int | None = 1
    hidden: frozenset[str] = field(default_factory=frozenset)
    page: int = 0
    """Which page of a hub's neighbours is shown (0 = the most connected ones)."""


def read_params(params: Mapping[str, str], kg: KnowledgeGraph) -> tuple[ViewState, list[str]]:
    """The view a URL asks for, and a friendly message for each part that could not be used.

    Example
    -------
    >>> read_params({"focus": "levadopa", "depth": "2"}, kg)[0]
    ViewState(focus='Levodopa', depth=2, hidden=frozenset(), page=0)
    """
    messages = []
    focus = kg.default_focus
    asked = params.get("focus", "")
    if asked:
        try:
            focus = find_concept(kg, asked)
        except ConceptNotFound as err:
            hint = f" Did you mean {', '.join(err.suggestions)}?" if err.suggestions else ""
            messages.append(
                f"The link asked for the concept '{asked}', which this graph does not have.{hint} Showing '{focus}' instead."
            )
    depth_text = params.get("depth", "1").strip().lower()
    if depth_text not in DEPTHS:
        messages.append(f"The link asked for depth '{depth_text}'; depth is 1, 2, 3 or all. Showing depth 1.")
        depth_text = "1"
    hidden = frozenset(t for t in params.get("hide", "").split(",") if t in set(kg.types))
    return ViewState(focus, DEPTHS[depth_text], hidden, whole_number(params.get("page", "0")) or 0), messages


def whole_number(text: str) -> int | None:
    """``text`` as a whole number, or None (``str.isdigit`` alone accepts '²', which ``int`` refuses,
    and Python refuses to read an integer of over 4,300 digits: the length is checked first).

    Example
    -------
    >>> whole_number("12"), whole_number("²"), whole_number("9" * 5000)
    (12, None, None)
    """
    text = str(text).strip()
    return int(text) if len(text) <= MAX_DIGITS and text.isascii() and text.isdigit() else None


def write_params(state: ViewState) -> dict[str, str]:
    """Query parameters for ``state`` (defaults left out, so URLs stay short)."""
    params = {"focus": state.focus}
    if state.depth != 1:
        params["depth"] = "all" if state.depth is None else str(state.depth)
    if state.hidden:
        params["hide"] = ",".join(sorted(state.hidden))
    if state.page:
        params["page"] = str(state.page)
    return params
