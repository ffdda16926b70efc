"""A graph of 200,000 links (the most the app accepts) around one hub with 20,000 neighbours, drawn
as the explorer draws a view: for tests/browser/test_legibility.py. Not part of the explorer itself."""

import streamlit as st

from explorer.components.graph_view import graph_view
from graph.files.load import load_files
from graph.picture.view import build_view

NEIGHBOURS = 20_000
LINKS = 200_000


@st.cache_resource
def big_graph():
    rows = ["source,source_type,relation,target,target_type"]
    rows += [f"Hub,topic,includes,Item number {i},item" for i in range(NEIGHBOURS)]
    # The rest link the hub's neighbours among themselves, some many times: they are the best connected.
    rows += [f"Item number {i % 500},item,is near,Item number {500 + i // 500},item" for i in range(LINKS - NEIGHBOURS)]
    return load_files([("edges.csv", "\n".join(rows).encode())])


kg = big_graph()
view = build_view(kg, "Hub", depth=1)
payload = view.to_vis()
payload["aria_label"] = f"Hub, {len(view.concepts)} concepts"
graph_view(payload, key="main", height=560, reserved=200)
st.caption(f"{kg.graph.number_of_edges()} links; per page {view.per_page}")
