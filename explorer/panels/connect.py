"""How are two concepts connected? The shortest paths, drawn and read as chains of sentences."""

from __future__ import annotations

import streamlit as st

from explorer.panels.session import session, write_widgets
from explorer.state import PATH_FROM, PATH_TO
from graph.core.model import KnowledgeGraph
from graph.core.query import explain_paths
from graph.core.text import evidence_line, plain

__all__ = ["LIST_LIMIT", "connect", "path_pair"]

LIST_LIMIT = 2000
"""Up to this many concepts "Connect two" offers lists to choose from; beyond, names are typed."""


def path_pair() -> tuple[str, str] | None:
    return session().path


def connect(kg: KnowledgeGraph) -> None:
    learner = session()
    pair = learner.path
    typed = len(kg.graph) > LIST_LIMIT
    if typed:
        # A list of every concept would be sent on every click: type the names instead.
        st.text_input("From", key=PATH_FROM, placeholder="a concept's name", help="Spelling mistakes and capitals are fine.")
        st.text_input("To", key=PATH_TO, placeholder="a concept's name")
    else:
        learner.fit_path_ends(kg, st.session_state.to_dict())
        write_widgets(learner)  # before the lists are drawn
        st.selectbox("From", kg.sorted_labels, key=PATH_FROM, help="Type to filter the list.")
        st.selectbox("To", kg.sorted_labels, key=PATH_TO, index=None, placeholder="Choose a concept…")
    if learner.path_message:
        st.warning(plain(learner.path_message))
    left, right = st.columns(2)
    left.button(
        "Show how they connect",
        type="primary",
        on_click=lambda: learner.show_path(kg, st.session_state[PATH_FROM], st.session_state[PATH_TO], typed),
        width="stretch",
        key="path_go",
    )
    if pair:
        right.button("Back to exploring", on_click=learner.close_path, width="stretch", key="path_close")
    if not pair:
        st.caption("The picture will show the shortest chains of links between the two, read as sentences.")
        return
    start, end = pair
    result = explain_paths(kg, start, end)
    if not result.found:
        st.warning(plain(result.summary()))
        st.markdown(plain(f"Nearest to {start}: {', '.join(result.reach_from) or 'nothing'}."))
        st.markdown(plain(f"Nearest to {end}: {', '.join(result.reach_to) or 'nothing'}."))
        return
    st.info(plain(result.summary()))
    for number, chain in enumerate(result.paths, 1):
        with st.container(border=True):
            st.markdown(f"**Path {number}**")
            for step, link in enumerate(chain):
                st.markdown(plain(f"{step + 1}. {link.sentence}"))
                if link.explanation:
                    st.caption(plain(link.explanation))
                if line := evidence_line(link.section, link.sources):
                    st.caption(plain(line))
    st.button(plain(f"Explore {end}"), on_click=learner.leave_path_for, args=(end,), key="path_explore")
