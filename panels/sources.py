"""The disclaimer, where the article is in tension with itself, and the numbered sources, one click away."""

from __future__ import annotations

import streamlit as st

from graph.text import plain
from panels.graphs import ABOUT

__all__ = ["popover"]


def popover(graph) -> None:
    label = "Sources and disclaimer" if graph.disclaimer else "Sources"
    with st.popover(label, width="stretch"):
        if graph.disclaimer:
            st.markdown(plain(graph.disclaimer))
        if graph.article:
            st.markdown(f"**Article:** {plain(graph.article)}  \n{plain(graph.byline)}")
        # The notes are about the article, so they stay with it and with edits of it, not with a teacher's graph.
        if graph.article == ABOUT["article"] and ABOUT.get("tensions"):
            st.markdown("**Where the article is in tension with itself**")
            for note in ABOUT["tensions"]:
                st.markdown(plain(note))
        numbers = list(graph.kg.sources["number"])
        if numbers:
            st.markdown("**Sources** (the numbers in each link's evidence)")
            for number in numbers:
                st.markdown(plain(graph.kg.source_label(int(number))))
        elif not graph.disclaimer:
            st.markdown("This graph lists no sources.")
