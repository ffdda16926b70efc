"""The app's address: every query parameter it reads or writes, parsed and formatted in this one module.

:class:`Address` is what a URL says, typed but not yet checked against a graph (:func:`parse` and
:func:`format` turn it from and into query parameters, and back unchanged); :func:`read_params` then
finds the view it names in a graph. ``embed=true`` is not among them: Streamlit keeps it out of the
query parameters it hands the app (``st.context.is_embedded`` reads it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from graph.core.model import KnowledgeGraph
from graph.core.query import ConceptNotFound, find_concept
from graph.files.load import MAX_DIGITS

__all__ = [
    "DEPTHS",
    "EDIT_KEY",
    "OWN_GRAPH",
    "Address",
    "ViewState",
    "format",
    "of_view",
    "parse",
    "read_params",
    "whole_number",
    "write_params",
]

DEPTHS = {"1": 1, "2": 2, "3": 3, "all": None}
OWN_GRAPH = "yours"
"""``graph=yours``: a view of the session's own upload (which a link cannot carry)."""

EDIT_KEY = "key"
"""``key=KEY``: the teacher link's edit key, read once and never written back into an address."""


@dataclass(frozen=True)
class ViewState:
    focus: str
    depth: int | None = 1
    hidden: frozenset[str] = field(default_factory=frozenset)
    page: int = 0
    """Which page of a hub's neighbours is shown (0 = the most connected ones)."""


@dataclass(frozen=True)
class Address:
    """Every query parameter of the app, typed; None (or the default) where the address leaves it out.

    ``unread`` keeps, by parameter name, a value that is not what that parameter takes (``depth=9``,
    ``quiz=abc``), so that the panel it belongs to can say so in the reader's words.
    """

    focus: str = ""
    depth: int | None = 1
    """1, 2 or 3 links around the focus, or None for all of them."""
    hidden: frozenset[str] = field(default_factory=frozenset)
    page: int = 0
    path: tuple[str, str] | None = None
    """``from`` and ``to``: the two ends of a path to connect."""
    tour: str | None = None
    step: int | None = None
    quiz: int | None = None
    fill: int | None = None
    """The seed of a fill-in exercise (Practice)."""
    own_graph: bool = False
    """``graph=yours``."""
    map_id: str | None = None
    """``map=``: a classroom map saved in the store."""
    version: int | None = None
    """``v=``: a pinned version of that map."""
    key: str | None = None
    """``key=``: the teacher's key to that map (read once, never written back)."""
    unread: Mapping[str, str] = field(default_factory=dict, compare=False)


def parse(params: Mapping[str, str]) -> Address:
    """The address that query parameters ``params`` make; a value a parameter cannot take is kept in ``unread``.

    Example
    -------
    >>> address = parse({"focus": "Levodopa", "depth": "all", "quiz": "x"})
    >>> address.focus, address.depth, address.quiz, dict(address.unread)
    ('Levodopa', None, None, {'quiz': 'x'})
    """
    unread: dict[str, str] = {}

    def number(name: str, *, names: bool = False) -> int | None:
        """``names``: the parameter names one thing (a version, an exercise); given empty ("&v=") it names
        nothing, and is kept unread so that nothing else is opened in its place."""
        text = params.get(name)
        if text is None or not (text.strip() or names):
            return None
        value = whole_number(text)
        if value is None:
            unread[name] = text
        return value

    depth_text = params.get("depth", "1").strip().lower()
    if depth_text not in DEPTHS:
        unread["depth"] = depth_text
        depth_text = "1"
    start, end = params.get("from"), params.get("to")
    return Address(
        focus=params.get("focus", ""),
        depth=DEPTHS[depth_text],
        hidden=frozenset(kind for kind in params.get("hide", "").split(",") if kind),
        page=whole_number(params.get("page", "0")) or 0,
        path=(start, end) if start and end else None,
        tour=params.get("tour") or None,
        step=number("step"),
        quiz=number("quiz"),
        fill=number("fill", names=True),
        own_graph=params.get("graph") == OWN_GRAPH,
        map_id=params.get("map") or None,
        version=number("v", names=True),
        key=params.get(EDIT_KEY),
        unread=unread,
    )


def format(address: Address) -> dict[str, str]:
    """Query parameters for ``address``, defaults left out so that URLs stay short; :func:`parse` reads it back.

    Example
    -------
    >>> format(Address(focus="Levodopa", depth=None, quiz=3))
    {'focus': 'Levodopa', 'depth': 'all', 'quiz': '3'}
    """
    params: dict[str, str] = {}
    if address.focus:
        params["focus"] = address.focus
    if address.depth != 1:
        params["depth"] = "all" if address.depth is None else str(address.depth)
    if address.hidden:
        params["hide"] = ",".join(sorted(address.hidden))
    if address.page:
        params["page"] = str(address.page)
    optional = {
        "tour": address.tour,
        "step": address.step,
        "quiz": address.quiz,
        "fill": address.fill,
        "from": address.path[0] if address.path else None,
        "to": address.path[1] if address.path else None,
        "graph": OWN_GRAPH if address.own_graph else None,
        "map": address.map_id,
        "v": address.version,
        EDIT_KEY: address.key,
    }
    params.update({name: str(value) for name, value in optional.items() if value is not None})
    return params


def of_view(state: ViewState, **more) -> Address:
    """The address of the view ``state`` (with ``more`` of :class:`Address`'s fields)."""
    return replace(Address(focus=state.focus, depth=state.depth, hidden=state.hidden, page=state.page), **more)


def read_params(params: Mapping[str, str] | Address, kg: KnowledgeGraph) -> tuple[ViewState, list[str]]:
    """The view a URL asks for, and a friendly message for each part that could not be used.

    Example
    -------
    >>> read_params({"focus": "levadopa", "depth": "2"}, kg)[0]
    ViewState(focus='Levodopa', depth=2, hidden=frozenset(), page=0)
    """
    address = params if isinstance(params, Address) else parse(params)
    messages = []
    focus = kg.default_focus
    asked = address.focus
    if asked:
        try:
            focus = find_concept(kg, asked)
        except ConceptNotFound as err:
            hint = f" Did you mean {', '.join(err.suggestions)}?" if err.suggestions else ""
            messages.append(
                f"The link asked for the concept '{asked}', which this graph does not have.{hint} Showing '{focus}' instead."
            )
    if "depth" in address.unread:
        messages.append(f"The link asked for depth '{address.unread['depth']}'; depth is 1, 2, 3 or all. Showing depth 1.")
    hidden = address.hidden & frozenset(kg.types)
    return ViewState(focus, address.depth, hidden, address.page), messages


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
    """Query parameters for ``state`` alone (defaults left out, so URLs stay short)."""
    return format(of_view(state))
