"""The Key concepts tab: the most connected concepts, each a button that focuses it.

Betweenness is the costly part (up to a second at 200,000 links, see :func:`graph.core.query.key_concepts`),
so it is worked out only when the tab is open, once per graph, and kept for every session.
"""

from __future__ import annotations

import streamlit as st

from explorer.panels.caching import cache_data
from explorer.panels.session import session
from graph.core.model import KnowledgeGraph
from graph.core.query import key_concepts
from graph.core.text import plain

__all__ = ["panel"]

TOP = 10


@cache_data(show_spinner="Finding the key concepts…", max_entries=8)
def _key_table(kg: KnowledgeGraph):
    return key_concepts(kg, top=TOP)


def panel(kg: KnowledgeGraph, opened: bool | None = None) -> None:
    """The tab's content. ``opened`` is the tab's ``.open``: ``False`` (another tab is showing) draws
    nothing and computes nothing; ``None`` (tabs that do not track which is open) draws it all."""
    if opened is False:
        return
    st.caption(
        "The most connected concepts: how many links each has, and how often it lies on the shortest "
        "route between two other concepts (a bridge between ideas)."
    )
    table = _key_table(kg)
    if table.attrs.get("sample"):
        st.caption(
            f"In a graph this large the share of routes is estimated, from the routes that start at "
            f"{table.attrs['sample']} concepts chosen at random."
        )
    for row in table.itertuples():
        label = f"{row.concept} · {row.links} link{'' if row.links == 1 else 's'} · on {row.betweenness:.0%} of shortest routes"
        st.button(plain(label), key=f"key_{row.Index}", on_click=session().explore, args=(row.concept,), width="stretch")
