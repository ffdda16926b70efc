"""How are two concepts connected? The shortest paths, drawn and read as chains of sentences."""

from __future__ import annotations

import streamlit as st

from graph.model import KnowledgeGraph
from graph.query import explain_paths
from graph.text import evidence_line, plain
from panels.state import go, view

__all__ = ["close_path", "connect", "path_pair"]


def path_pair() -> tuple[str, str] | None:
    return st.session_state.get("path")


def close_path() -> None:
    st.session_state.path = None


def _show_path() -> None:
    start, end = st.session_state.path_from, st.session_state.path_to
    st.session_state.path = (start, end) if start and end and start != end else None


def connect(kg: KnowledgeGraph) -> None:
    labels = sorted(kg.graph.nodes, key=str.casefold)
    pair = path_pair()
    if "path_from" not in st.session_state or st.session_state.path_from not in kg.graph:
        st.session_state.path_from = pair[0] if pair else view().focus
    if "path_to" not in st.session_state or (st.session_state.path_to is not None and st.session_state.path_to not in kg.graph):
        st.session_state.path_to = pair[1] if pair else None
    st.selectbox("From", labels, key="path_from", help="Type to filter the list.")
    st.selectbox("To", labels, key="path_to", index=None, placeholder="Choose a concept…")
    left, right = st.columns(2)
    left.button("Show how they connect", type="primary", on_click=_show_path, width="stretch", key="path_go")
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
