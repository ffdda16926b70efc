"""The Streamlit side of the learner's session: where it is kept, and what it hands the page.

The session itself, its moves and the widget keys they set, are plain Python in
:mod:`explorer.state`, where the panels import them from. This module is the glue: the
:class:`~explorer.state.Session` lives under one key of ``st.session_state`` (:data:`SESSION_KEY`)
and is reached through :func:`session`, which first writes into their widgets' keys the values the
moves since the last call gave them; :func:`follow_graph` and :func:`write_address` read and write
the address bar (``st.query_params``).

Streamlit lets a widget's key be written in a callback, or in a run before the widget is drawn,
never after. The moves are made in callbacks, or at the top of the script, and every panel reaches
the session through :func:`session` before it draws its widgets, so the values are written in time.
"""

from __future__ import annotations

import streamlit as st

from explorer.state import PATH_FROM, PATH_TO, PRACTICE_MODE, Session
from graph.core.model import KnowledgeGraph

SESSION_KEY = "kg_session"
"""The one key of ``st.session_state`` that holds the :class:`Session`."""


def session() -> Session:
    """This browser session's :class:`Session` (made on its first run), its moves' widget values written."""
    if SESSION_KEY not in st.session_state:
        st.session_state[SESSION_KEY] = Session()
    learner: Session = st.session_state[SESSION_KEY]
    write_widgets(learner)
    return learner


def write_widgets(learner: Session) -> None:
    """Write into their widgets' keys the values ``learner``'s moves set (before those widgets are drawn)."""
    values, emptied = learner.take_widgets()
    for key in emptied:
        st.session_state.pop(key, None)
    for key, value in values.items():
        st.session_state[key] = value


def follow_graph(kg: KnowledgeGraph, graph_key: str) -> Session:
    """The session on the graph on screen: started afresh on a new graph (on the first run, from the
    address bar: a shared link), and following the browser's Back and Forward."""
    learner = session()
    learner.start(kg, graph_key, st.query_params.to_dict())
    learner.follow_address(kg, st.query_params.to_dict())
    write_widgets(learner)
    return learner


def write_address(params: dict[str, str]) -> None:
    """Write the view to the address bar (and have the session remember it: :meth:`Session.follow_address`).

    Not while the address may hold the teacher's edit key: Streamlit would push the new address as a
    new history entry before the address cleaner had taken the key out of the one the teacher link
    opened (:mod:`explorer.components.address_cleaner`); the rerun the cleaner asks for writes it.
    """
    if session().sharing.key_in_address:
        return
    st.query_params.from_dict(params)
    session().remember_address(params)


def keep_tab_widgets() -> None:
    """Keep what the learner chose in tabs that are not open, before anything is drawn.

    Only the open tab's content is drawn (drawn hidden, the other tabs cost every move their
    time), and Streamlit forgets the value of a widget that a run does not draw. Written back to
    its own key, a value stays until its widget is drawn again: the two ends chosen in "Connect
    two" and the Practice activity. (The tour's choice is drawn from the tour under way; a quiz
    or an exercise under way is drawn even while hidden, for its forms' sake: see app.py.)
    """
    for key in (PATH_FROM, PATH_TO, PRACTICE_MODE):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
