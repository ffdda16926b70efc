"""The Key concepts panel (explorer/panels/key_concepts.py) in lazy tabs: betweenness is worked out only once
the tab is opened, then kept for the graph."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from graph.files.load import load_graph
from tests.apptest import unescape

ROOT = Path(__file__).resolve().parents[2]


def _tabs_app():
    import streamlit as st

    import explorer.panels.key_concepts as key_concepts_panel
    from graph.files.load import load_graph

    kg = load_graph("data/edges.csv")
    calls = st.session_state.setdefault("calls", [])
    if not hasattr(key_concepts_panel, "_counted"):
        counted = key_concepts_panel.key_concepts
        key_concepts_panel.key_concepts = lambda g, top: calls.append(top) or counted(g, top=top)
        key_concepts_panel._counted = True
    concept, key = st.tabs(["Concept", "Key concepts"], key="panel", on_change="rerun")
    with concept:
        st.write("details")
    with key:
        key_concepts_panel.panel(kg, key.open)


def test_key_concepts_wait_for_their_tab_then_are_kept():
    import explorer.panels.key_concepts

    explorer.panels.key_concepts._key_table.clear()
    at = AppTest.from_function(_tabs_app, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert at.session_state.calls == []  # the tab is closed: nothing worked out
    assert not [b for b in at.button if b.key.startswith("key_")]

    at.session_state["panel"] = "Key concepts"  # what clicking the tab sets
    at.run()
    assert not at.exception, at.exception
    labels = [unescape(b.label) for b in at.button if b.key.startswith("key_")]
    hub_links = load_graph(ROOT / "data" / "edges.csv").graph.degree("Dopamine deficiency")
    assert labels[0].startswith(f"Dopamine deficiency · {hub_links} links · on ")
    assert len(labels) == 10
    assert at.session_state.calls == [10]

    at.run()
    assert at.session_state.calls == [10]  # cached for the graph
