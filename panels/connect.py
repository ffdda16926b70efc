"""How are two concepts connected? The shortest paths, drawn and read as chains of sentences."""

from __future__ import annotations

import streamlit as st

from graph.model import KnowledgeGraph
from graph.query import ConceptNotFound, explain_paths, find_concept
from graph.text import evidence_line, plain
from panels.state import go, view

__all__ = ["LIST_LIMIT", "close_path", "connect", "path_pair"]

LIST_LIMIT = 2000
"""Up to this many concepts "Connect two" offers lists to choose from; beyond, names are typed."""


def path_pair() -> tuple[str, str] | None:
    return st.session_state.get("path")


def close_path() -> None:
    st.session_state.path = None


def _show_path(kg: KnowledgeGraph) -> None:
    start, end = st.session_state.path_from, st.session_state.path_to
    st.session_state.path_message = None
    if len(kg.graph) > LIST_LIMIT:  # typed names: find what they mean, as the search box does
        try:
            start, end = (find_concept(kg, name) if name else None for name in (start, end))
        except ConceptNotFound as err:
            st.session_state.path_message = str(err)
            start = end = None
    st.session_state.path = (start, end) if start and end and start != end else None


def connect(kg: KnowledgeGraph) -> None:
    pair = path_pair()
    if len(kg.graph) > LIST_LIMIT:
        # A list of every concept would be sent on every click: type the names instead.
        st.text_input("From", key="path_from", placeholder="a concept's name", help="Spelling mistakes and capitals are fine.")
        st.text_input("To", key="path_to", placeholder="a concept's name")
    else:
        if "path_from" not in st.session_state or st.session_state.path_from not in kg.graph:
            st.session_state.path_from = pair[0] if pair else view().focus
        if "path_to" not in st.session_state or (
            st.session_state.path_to is not None and st.session_state.path_to not in kg.graph
        ):
            st.session_state.path_to = pair[1] if pair else None
        st.selectbox("From", kg.sorted_labels, key="path_from", help="Type to filter the list.")
        st.selectbox("To", kg.sorted_labels, key="path_to", index=None, placeholder="Choose a concept…")
    if st.session_state.get("path_message"):
        st.warning(plain(st.session_state.path_message))
    left, right = st.columns(2)
    left.button("Show how they connect", type="primary", on_click=_show_path, args=(kg,), width="stretch", key="path_go")
    if pair:
        right.button("Back to exploring", on_click=close_path, width="stretch", key="path_close")
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
    st.button(plain(f"Explore {end}"), on_click=lambda: (close_path(), go(end)), key="path_explore")
