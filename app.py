"""The explorer: click a concept, read how it connects, follow its links.

Wiring only: page layout and which panel goes where. The graph work lives in
``graph/``; the screens in ``explorer/panels/``; the clickable picture is ``explorer/components/graph_view``.
"""

from __future__ import annotations

import streamlit as st

from explorer.components.focus_keeper import focus_keeper
from explorer.components.graph_view import graph_view
from explorer.panels import (
    class_view,
    connect,
    draft,
    edit,
    explore,
    handout,
    key_concepts,
    practice,
    share,
    sources,
    teach,
    your_graph,
)
from explorer.panels.graphs import VIEW_CAP, current_graph, path_payload, view_payload
from explorer.panels.session import PANEL, TABS, follow_graph, keep_tab_widgets, session, write_address
from graph import settings
from graph.core.text import plain
from graph.files.load import ValidationError
from graph.params import format, of_view
from graph.picture.payload import Picture
from graph.picture.styles import type_styles

PICTURE_HEIGHT = 408

st.set_page_config(page_title="Concept explorer", page_icon="🧭", layout="wide", initial_sidebar_state="collapsed")
# The page serves the picture: little padding, a smaller title, and below the toolbar the picture
# stays where it is (sticky) while the panel beside it scrolls in its own pane, so reading a busy
# concept's links never takes the picture off the screen. PANE_HEIGHT leaves room for what is above
# the panes (title, toolbar, tab names), so that a pane ends where the picture's buttons do.
PANE_HEIGHT = "calc(100vh - 18.5rem)"
st.markdown(
    "<style>.block-container{padding:1rem 1.5rem .5rem;max-width:none}"
    " h1{font-size:1.7rem !important;padding:0 !important} h3{font-size:1.1rem !important}"
    " :focus-visible{outline:3px solid #1f5fa8 !important;outline-offset:2px}"
    " [data-testid=stHorizontalBlock]:has(> [data-testid=stColumn] .st-key-kg_picture){align-items:flex-start}"
    " [data-testid=stColumn]:has(.st-key-kg_picture){position:sticky;top:3.75rem;align-self:flex-start}"
    f" div[class*=st-key-kg_pane_]{{flex:none !important;height:{PANE_HEIGHT} !important;min-height:16rem;overflow-y:auto;padding:0 .6rem 0 .3rem}}"
    # On a small or zoomed screen (200% makes a laptop 683x384) there is no room for both side by side
    # at full height: the page then scrolls as a whole, the panes as long as their content.
    " @media (max-height:600px),(max-width:900px){[data-testid=stColumn]:has(.st-key-kg_picture){position:static}"
    " div[class*=st-key-kg_pane_]{height:auto !important;overflow-y:visible}}"
    " @media (max-width:900px){[data-testid=stHorizontalBlock]{flex-wrap:wrap}"
    " [data-testid=stHorizontalBlock] > [data-testid=stColumn]{flex:1 1 100% !important;min-width:100% !important}}"
    # A quiz question reads at the same size before and after it is answered (a radio's label is smaller).
    " .st-key-kg_pane_quiz [data-testid=stWidgetLabel] p{font-size:1rem}"
    # Concept pane: a smaller name, and each link a compact left-aligned button, so a screen holds many.
    " .st-key-kg_pane_concept h2{font-size:1.6rem !important;padding:.2rem 0 !important}"
    " .st-key-kg_pane_concept h3{padding:.6rem 0 .1rem !important}"
    " .st-key-kg_pane_concept button[kind=secondary]{justify-content:flex-start;text-align:left;min-height:2.1rem;padding:.15rem .7rem}"
    " .st-key-kg_pane_concept button[kind=secondary] > div{justify-content:flex-start}"
    " .st-key-kg_pane_concept [data-testid=stMarkdownContainer] p{margin-bottom:.1rem}"
    "</style>",
    unsafe_allow_html=True,
)

your_graph.check_pending_upload()
map_message = share.open_from_url()  # a classroom map's link (?map=ID): opened before the graph is chosen
try:
    graph = current_graph()
except ValidationError as err:  # the article's own files were edited into an invalid state
    st.error(plain(f"The graph cannot be shown. {err.report()}"))
    st.stop()
kg = graph.kg
learner = follow_graph(kg, graph.key)
styles = type_styles(kg.types)
tours, tour_problems = teach.tours_for(kg, graph)
if (shared := learner.take_first_params()) is not None:
    learner.tell(teach.open_from_link(shared, tours))
    learner.tell(practice.open_from_link(shared))
if map_message:
    learner.tell([map_message])
if share.embedded():  # ?embed=true, for an iframe in a course page: just the picture and the details
    share.embed_page(kg, graph)
    st.stop()

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


def picture_payload(graph) -> tuple[Picture, tuple[str, str] | None, bool]:
    """What the picture shows: the path "Connect two" asks for, else the view, with a fill-in exercise's
    blanks in place of their words. Returns the payload, the path's two ends (or None), and whether
    blanks hide some words."""
    kg, learner = graph.kg, session()
    pair = connect.path_pair()
    if pair:
        return path_payload(kg, *pair), pair, False
    payload = view_payload(kg, learner.view)
    blanked = practice.blank_picture(kg, learner.view.focus, payload)
    if blanked is payload:
        return payload, None, False
    # The picture by keyboard says each concept's name: not while an exercise hides some of them.
    return {**blanked, "keyboard": {}}, None, True


@st.fragment
def explorer(graph, styles, tours, tour_problems) -> None:
    """The messages, the toolbar, the picture and the panel beside it, and the address bar.

    A fragment: a click in the picture, a link followed, a search or a tab opened reruns only this
    part of the page, not the title, menus and expanders around it, which no move changes (each of
    those, used, reruns the whole page).
    """
    kg, learner = graph.kg, session()
    keep_tab_widgets()
    # A fixed slot for messages that come and go: were they placed among the page's elements, the
    # picture below would move down a place, and Streamlit would draw it anew.
    with st.container():
        for message in settings.problems():  # for whoever runs the app: a KG_* variable it could not use
            st.warning(plain(message))
        for message in learner.url_messages:
            st.warning(plain(message))
        share.newer_version(graph)
        your_graph.upload_report()

    explore.toolbar(kg, styles)
    payload, pair, had_blanks = picture_payload(graph)
    picture, panel = st.columns([1.55, 1], gap="medium")
    with picture, st.container(key="kg_picture"):
        explore.legend(kg, styles, payload)
        graph_view(
            payload, key="main", height=PICTURE_HEIGHT, reserved=312, on_click=lambda event: explore.handle_click(kg, event)
        )
        if payload["links_left_out"]:
            st.caption(
                f"{payload['links_left_out']:,} links between the outer concepts are not drawn, so the picture stays "
                "readable; every link of the focus is drawn and listed beside it."
            )
        if not pair and (payload["focus_not_drawn"] or payload["page"]):
            explore.pager(learner.view.focus, payload["page"], payload["focus_neighbours"], payload.get("per_page", VIEW_CAP - 1))
        elif payload["left_out"]:
            st.caption(
                f"To keep the picture readable, {payload['left_out']} concept(s) are drawn without all their links; "
                "they are marked “+N more”. Focus one to see its neighbours."
            )
    with panel:
        # on_change="rerun" keeps the open tab in the PANEL widget key, so a click in the picture can open
        # the Concept tab (explore.handle_click), and only the open tab's content is made: drawn hidden, the
        # others would cost every move their time (what their widgets hold: session.keep_tab_widgets).
        tabs = st.tabs(
            TABS,
            key=PANEL,
            on_change="rerun",
            default=learner.tab_to_open(
                "Connect two" if pair else teach.active_tab() or ("Practice" if practice.active() else None)
            ),
        )
        with tabs[0], st.container(key="kg_pane_concept"):
            if had_blanks:  # the focus's links, listed, would give an exercise's answers away
                st.info(practice.hidden_details_notice())
            else:
                explore.breadcrumb()
                explore.details(kg)
        with tabs[1], st.container(key="kg_pane_connect"):
            if tabs[1].open:
                connect.connect(kg)
        with tabs[2], st.container(key="kg_pane_tour"):
            if tabs[2].open:
                teach.tour(kg, tours, tour_problems)
        with tabs[3], st.container(key="kg_pane_quiz"):
            # A quiz or an exercise under way is drawn hidden too: the answers chosen in its forms live in the
            # browser until they are checked, and a form not drawn would lose them.
            if tabs[3].open or learner.teaching.quiz_seed is not None:
                teach.quiz(kg)
        with tabs[4], st.container(key="kg_pane_key"):
            key_concepts.panel(kg, tabs[4].open)
        with tabs[5], st.container(key="kg_pane_practice"):
            if tabs[5].open or practice.active():
                practice.panel(kg, learner.view.focus, payload)
    focus_keeper(learner.view.focus, "kg_pane_concept")

    fields = teach.address_fields() | practice.address_fields() | {"path": pair}
    if graph.key.startswith("own:"):
        fields |= share.address_fields(graph) or {"own_graph": True}
    write_address(format(of_view(learner.view, **fields)))


explorer(graph, styles, tours, tour_problems)
# The download menu and the table editor are made only while they are open (on_change="rerun"):
# closed, as they are for nearly every move, they would cost every rerun a third of its time.
downloads_menu = download.popover("Download", icon=":material/download:", width="stretch", key="kg_downloads", on_change="rerun")
with downloads_menu:
    if downloads_menu.open is not False:
        payload = picture_payload(graph)[0]  # as the fragment drew it (it keeps its own to itself)
        your_graph.downloads(graph, payload, payload["link_ids"])
        handout.downloads(payload, graph.title)
if not share.read_only():  # a learner link has no editing controls
    table_editor = st.expander("Edit the links in a table", icon=":material/edit:", key="kg_editor", on_change="rerun")
    with table_editor:
        if table_editor.open is not False:
            your_graph.editor(graph)
    edit_expander = st.expander("Edit the map in a picture", icon=":material/draw:", key="kg_edit", on_change="rerun")
    with edit_expander:
        if edit_expander.open is not False:
            edit.panel(graph)
draft_expander = st.expander("Draft a map from a text", icon=":material/auto_fix_high:", key="kg_draft", on_change="rerun")
with draft_expander:
    if draft_expander.open is not False:
        draft.panel(graph)
with st.expander("Save and share with your class", icon=":material/share:"):
    share.panel(graph)
class_view.panel(graph)
