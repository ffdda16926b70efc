"""A five-concept graph for the browser tests of the graph view component.

Run by tests/browser/test_graph_view_component.py; not part of the explorer itself.
"""

import hashlib
import json

import streamlit as st
from pyvis.network import Network

from explorer.components.graph_view import graph_view
from graph.picture.view import vis_options

HOSTILE_TITLE = '<img src=x onerror="window.__xss=1">'
POSITIONS = {"A": (0, 0), "B": (240, 0), "C": (240, 180), "D": (0, 180), "E": (120, 330), "F": (-160, 330)}


def demo_payload(focus: str, with_f: bool) -> dict:
    """Build the view with pyvis, the way the explorer does."""
    net = Network(directed=True)
    for concept, (x, y) in POSITIONS.items():
        if concept == "F" and not with_f:
            continue
        title = HOSTILE_TITLE if concept == "E" else f"Concept {concept}"
        net.add_node(concept, label=concept, title=title, x=x, y=y, size=22, shape="dot")
    links = [("A", "B"), ("B", "C"), ("C", "D"), ("D", "A"), ("C", "E")]
    if with_f:
        links.append(("E", "F"))
    for source, target in links:
        net.add_edge(source, target, id=f"{source}{target}", title=f"{source} leads to {target}")
    nodes, edges, *_ = net.get_network_data()
    nodes = [{**node, "kind": "concept"} for node in nodes]  # the payload's contract: every node says what it is
    for edge in edges:
        if edge["id"] == "CE":
            edge["link"] = 42  # drawn as part of link 42 (as a half of a link through a linking phrase is)
    # The app's own interaction options (graph/picture/view.py vis_options: the component adds none of its own).
    options = {
        "physics": {"enabled": False},
        "interaction": vis_options()["interaction"],
        "edges": {"smooth": False, "arrows": {"to": True}},
    }
    version = hashlib.sha1(json.dumps([nodes, edges], sort_keys=True).encode()).hexdigest()[:12]
    return {
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "focus": focus,
        "version": version,
        "aria_label": f"Five concepts, focus on {focus}",
    }


def refocus(event: dict) -> None:
    if event["kind"] == "node":
        st.session_state.focus = event["id"]


st.session_state.setdefault("focus", "A")
st.session_state.setdefault("with_f", False)
st.session_state["runs"] = st.session_state.get("runs", 0) + 1

if st.button("Focus C"):
    st.session_state.focus = "C"
if st.button("Add F"):
    st.session_state.with_f = True

payload = demo_payload(st.session_state.focus, st.session_state.with_f)
event = graph_view(payload, key="main", height=420, reserved=300, on_click=refocus)

st.write(f"Focus: {st.session_state.focus}")
st.write(f"Last event: {event['kind']} {event['id']}" if event else "Last event: none")
st.write(f"Runs: {st.session_state.runs}")
