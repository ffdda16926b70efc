"""The session's navigation state: which graph, the view (focus, depth, hidden types), history.

Every change goes through these callbacks, which run before the script, so the page
is drawn once, already showing the new focus.
"""

from __future__ import annotations

import streamlit as st

from graph.model import KnowledgeGraph
from graph.params import DEPTHS, ViewState, read_params, whole_number
from graph.query import ConceptNotFound, find_concept

__all__ = [
    "TABS",
    "turn_page",
    "back",
    "explore",
    "follow_address",
    "go",
    "remember_address",
    "set_depth",
    "set_types",
    "start_session",
    "view",
    "reset_view",
    "select_link",
]


TABS = ("Concept", "Connect two", "Tour", "Quiz", "Key concepts", "Practice")
"""The panel's tabs; the open one is ``st.session_state.panel``."""


def view() -> ViewState:
    return st.session_state.view


def go(concept: str) -> None:
    """Make ``concept`` the focus and remember where we came from."""
    state = view()
    if concept != state.focus:
        st.session_state.history.append(state.focus)
    st.session_state.view = ViewState(concept, state.depth, state.hidden)
    st.session_state.selected_link = None
    st.session_state.url_messages = []
    st.session_state.path_from = concept  # "Connect two" starts from where the learner is


def explore(concept: str) -> None:
    """Make ``concept`` the focus and open its details, whichever tab the learner was in."""
    go(concept)
    st.session_state.panel = TABS[0]


def back() -> None:
    if st.session_state.history:
        state = view()
        st.session_state.view = ViewState(st.session_state.history.pop(), state.depth, state.hidden)
        st.session_state.selected_link = None


def turn_page(shown: int, step: int) -> None:
    """From the page shown (which a too-large page in the URL was brought back to) to the next or previous."""
    state = view()
    st.session_state.view = ViewState(state.focus, state.depth, state.hidden, max(shown + step, 0))


def select_link(link_id: int) -> None:
    st.session_state.selected_link = link_id


def set_depth() -> None:
    state = view()
    st.session_state.view = ViewState(state.focus, DEPTHS[st.session_state.depth_choice], state.hidden)


def set_types(kg: KnowledgeGraph) -> None:
    state = view()
    st.session_state.view = ViewState(state.focus, state.depth, frozenset(kg.types) - set(st.session_state.shown_types))


OWN_GRAPH = "yours"
"""The ``graph`` query parameter of a view of an uploaded or edited graph, which only its own session has."""


def start_session(kg: KnowledgeGraph, graph_key: str) -> None:
    """On a session's first run take the view from the URL (a shared link); after a new graph, start afresh."""
    if st.session_state.get("graph_key") == graph_key:
        return
    first = "graph_key" not in st.session_state
    st.session_state.graph_key = graph_key
    params = st.query_params.to_dict() if first else {}
    lost = params.get("graph") == OWN_GRAPH and not graph_key.startswith("own:")
    if lost:  # the focus, quiz and tour it names belong to a graph this session does not have
        params = {}
    state, messages = read_params(params, kg)
    if lost:
        messages.append(
            "This link was made for an uploaded graph that this page no longer has: uploads stay private to "
            "the browser session that made them, and a reload starts a new one. So this is the article's "
            "graph; upload the file again under “Your graph” to carry on."
        )
    previous = st.session_state.get("view")
    if previous is not None and previous.focus in kg.graph:  # an edit keeps the learner's place
        state = ViewState(previous.focus, previous.depth, previous.hidden & frozenset(kg.types))
    reset_view(kg, state)
    st.session_state.path = None
    st.session_state.tour = None
    st.session_state.quiz_answers = {}
    ends = [params.get("from"), params.get("to")]
    if all(ends):
        try:
            pair = tuple(find_concept(kg, end) for end in ends)
        except ConceptNotFound as err:
            messages.append(f"The link asked for a path with '{err.name}', which this graph does not have.")
        else:
            if pair[0] != pair[1]:  # as in connect._show_path: a concept is no path to itself
                st.session_state.path = pair
    st.session_state.url_messages = messages
    st.session_state.first_params = params


def reset_view(kg: KnowledgeGraph, state: ViewState) -> None:
    st.session_state.view = state
    st.session_state.history = []
    st.session_state.selected_link = None
    st.session_state.search_message = None
    st.session_state.depth_choice = next(k for k, v in DEPTHS.items() if v == state.depth)
    st.session_state.shown_types = [kind for kind in kg.types if kind not in state.hidden]


def remember_address(params: dict[str, str]) -> None:
    """Write the view to the address bar, and remember it to tell the browser's Back and Forward from our own changes."""
    st.query_params.from_dict(params)
    st.session_state.address = dict(params)


def follow_address(kg: KnowledgeGraph) -> None:
    """The browser's Back or Forward button: show the view the address now names.

    Streamlit reruns the script when the address changes that way, with the address's query
    parameters; every other run gets back what the last run wrote (``remember_address``). So an
    address other than that is the learner moving through the concepts they visited.
    """
    written = st.session_state.get("address")
    params = st.query_params.to_dict()
    if written is None or params == written:
        return
    state, _ = read_params(params, kg)  # a step back is to an address this app wrote: nothing to warn about
    current = view()
    if state.focus != current.focus:
        history = st.session_state.history
        if history and history[-1] == state.focus:
            history.pop()  # Back: the trail goes back too
        else:
            history.append(current.focus)
    st.session_state.view = state
    st.session_state.selected_link = None
    st.session_state.depth_choice = next(k for k, v in DEPTHS.items() if v == state.depth)
    st.session_state.shown_types = [kind for kind in kg.types if kind not in state.hidden]
    ends = [params.get("from"), params.get("to")]
    try:
        pair = tuple(find_concept(kg, end) for end in ends) if all(ends) else None
    except ConceptNotFound:
        pair = None
    st.session_state.path = pair if pair and pair[0] != pair[1] else None
    tour, step = st.session_state.get("tour"), whole_number(params.get("step", ""))
    if tour and params.get("tour") == tour[0] and step:
        st.session_state.tour = (tour[0], step)
    st.session_state.address = params
