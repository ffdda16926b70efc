"""The disclaimer, how sure the article's links are, where the article is in tension with itself,
and the numbered sources, one click away."""

from __future__ import annotations

from functools import lru_cache

import streamlit as st

from explorer.panels.graphs import ABOUT
from graph.core.relations import ARTICLE_RELATIONS, HEDGE_MEANINGS, HEDGES
from graph.core.text import plain
from graph.files.vocabulary import load_vocabulary

__all__ = ["popover"]


def popover(graph) -> None:
    label = "Sources and disclaimer" if graph.disclaimer else "Sources"
    # on_change="rerun": its content (a few dozen lines) is made only while it is open, not on every move.
    menu = st.popover(label, width="stretch", key="kg_sources", on_change="rerun")
    with menu:
        if menu.open is False:
            return
        if graph.disclaimer:
            st.markdown(plain(graph.disclaimer))
        if graph.article:
            st.markdown(f"**Article:** {plain(graph.article)}  \n{plain(graph.byline)}")
        # These notes are about the article, so they stay with it and with edits of it, not with a teacher's graph.
        if graph.article == ABOUT["article"]:
            _hedges()
            if ABOUT.get("tensions"):
                st.markdown("**Where the article is in tension with itself**")
                for note in ABOUT["tensions"]:
                    st.markdown(plain(note))
        numbers = list(graph.kg.sources["number"])
        if numbers:
            st.markdown("**Sources** (the numbers in each link's evidence)")
            for number in numbers:
                st.markdown(plain(graph.kg.source_label(int(number))))
        elif graph.kg.notices:  # numbers cited with nothing to say what they are: said as found on loading
            st.markdown("**This graph lists no sources**, yet some of its links cite source numbers:")
            st.markdown("\n".join(f"- {plain(str(notice))}" for notice in graph.kg.notices))
        elif not graph.disclaimer:
            st.markdown("This graph lists no sources.")


def _hedges() -> None:
    st.markdown("**How sure each link is** (its relation says it, strongest first)")
    for level, names in _article_hedges():
        st.markdown(plain(f"{level}: {HEDGE_MEANINGS[level]}. For example: {', '.join(names[:4])}."))


@lru_cache(maxsize=1)
def _article_hedges() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each hedge level with the article's relations at that level (the file is the same for every session)."""
    words = list(load_vocabulary(ARTICLE_RELATIONS))
    return tuple((level, tuple(r.name for r in words if r.hedge == level)) for level in HEDGES)
