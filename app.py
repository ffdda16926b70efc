"""The explorer: click a concept, read how it connects, follow its links.

Wiring only: page layout and which panel goes where. The graph work lives in
``graph/``; the screens in ``panels/``; the clickable picture is ``components/graph_view``.
"""

from __future__ import annotations

import streamlit as st

from components.graph_view import graph_view
from graph.load import ValidationError
from graph.params import write_params
from graph.styles import type_styles
from graph.text import plain
from panels import connect, explore, handout, sources, teach, your_graph
from panels.graphs import VIEW_CAP, current_graph, path_payload, view_payload
from panels.state import OWN_GRAPH, start_session, view

PICTURE_HEIGHT = 420

st.set_page_config(page_title="Concept explorer", page_icon="🧭", layout="wide", initial_sidebar_state="collapsed")
# Room for the picture on a laptop screen: less padding above, a smaller title.
st.markdown(
    "<style>.block-container{padding-top:1.4rem;padding-bottom:1rem} h1{font-size:1.9rem !important;padding:0 !important} h3{font-size:1.1rem !important}"
    " :focus-visible{outline:3px solid #1f5fa8 !important;outline-offset:2px}</style>",
    unsafe_allow_html=True,
)

your_graph.check_pending_upload()
try:
    graph = current_graph()
except ValidationError as err:  # the article's own files were edited into an invalid state
    st.error(plain(f"The graph cannot be shown. {err.report()}"))
    st.stop()
kg = graph.kg
start_session(kg, graph.key)
styles = type_styles(kg.types)
tours, tour_problems = teach.tours_for(kg, graph)
if (shared := st.session_state.pop("first_params", None)) is not None:
    st.session_state.url_messages += teach.read_params(shared, tours)

heading, own, download, about = st.columns([4.4, 1, 1, 1.3], vertical_alignment="center")
heading.title(plain(graph.title), anchor=False)
with own.popover("Your graph", icon=":material/upload_file:", width="stretch"):
    your_graph.upload(graph)
with about:
    sources.popover(graph)
st.caption(
    "Click a concept in the picture, or a link in the list beside it, to see what it is and how it connects; "
    "each link reads as a sentence." + (" **Informational only, not medical advice.**" if graph.disclaimer else "")
)
# A fixed slot for messages that come and go: were they placed among the page's elements, the
# picture below would move down a place, and Streamlit would draw it anew.
with st.container():
    for message in st.session_state.url_messages:
        st.warning(plain(message))
    your_graph.upload_report()

explore.toolbar(kg, styles)
pair = connect.path_pair()
payload = path_payload(kg, graph.key, *pair) if pair else view_payload(kg, graph.key, view())
picture, panel = st.columns([3, 2], gap="medium")
with picture:
    explore.legend(kg, styles, payload)
    graph_view(payload, key="main", height=PICTURE_HEIGHT, on_click=lambda event: explore.handle_click(kg, event))
    if payload["links_left_out"]:
        st.caption(f"{payload['links_left_out']:,} links between the outer concepts are not drawn, so the picture stays "
                   "readable; every link of the focus is drawn and listed beside it.")
    if not pair and (payload["focus_hidden"] or payload["page"]):
        explore.pager(view().focus, payload["page"], payload["focus_neighbours"], VIEW_CAP - 1)
    elif payload["left_out"]:
        st.caption(
            f"To keep the picture readable, {payload['left_out']} concept(s) are drawn without all their links; "
            "they are marked “+N more”. Focus one to see its neighbours."
        )
with panel:
    tabs = st.tabs(["Concept", "Connect two", "Tour", "Quiz", "Key concepts"], key="panel",
                   default="Connect two" if pair else teach.active_tab())
    with tabs[0]:
        explore.breadcrumb()
        explore.details(kg)
    with tabs[1]:
        connect.connect(kg)
    with tabs[2]:
        teach.tour(kg, tours, tour_problems)
    with tabs[3]:
        teach.quiz(kg, graph.key)
    with tabs[4]:
        teach.key_concepts_panel(kg, graph.key)
with download.popover("Download", icon=":material/download:", width="stretch"):
    your_graph.downloads(graph, payload, payload["link_ids"])
    handout.downloads(payload, graph.title)
with st.expander("Edit the links in a table", icon=":material/edit:"):
    your_graph.editor(graph)

params = write_params(view()) | teach.write_params()
if pair:
    params.update({"from": pair[0], "to": pair[1]})
if graph.key.startswith("own:"):
    params["graph"] = OWN_GRAPH
st.query_params.from_dict(params)
