"""The explorer: click a concept, read how it connects, follow its links.

Wiring only: which graph, then the page in order (``explorer/page.py``). The graph work lives in
``graph/``; the screens in ``explorer/panels/``; the clickable picture is ``explorer/components/graph_view``.
"""

from __future__ import annotations

import streamlit as st

from explorer import page
from explorer.panels import practice, share, teach, your_graph
from explorer.panels.graphs import current_graph
from explorer.panels.session import follow_graph
from graph.core.text import plain
from graph.files.load import ValidationError
from graph.picture.styles import type_styles

st.set_page_config(page_title="Concept explorer", page_icon="🧭", layout="wide", initial_sidebar_state="collapsed")
page.look()

your_graph.check_pending_upload()
map_message = share.open_from_url()  # a classroom map's link (?map=ID): opened before the graph is chosen
try:
    graph = current_graph()
except ValidationError as err:  # the article's own files were edited into an invalid state
    st.error(plain(f"The graph cannot be shown. {err.report()}"))
    st.stop()
learner = follow_graph(graph.kg, graph.key)
tours, tour_problems = teach.tours_for(graph.kg, graph)
if (shared := learner.take_first_params()) is not None:
    learner.tell(teach.open_from_link(shared, tours))
    learner.tell(practice.open_from_link(shared))
if map_message:
    learner.tell([map_message])
if share.embedded():  # ?embed=true, for an iframe in a course page: just the picture and the details
    share.embed_page(graph.kg, graph)
    st.stop()

download = page.title_row(graph)
page.explore_and_read(graph, type_styles(graph.kg.types), tours, tour_problems)
page.below(graph, download)
share.clean_address()
