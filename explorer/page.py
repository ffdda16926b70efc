"""The page: its look, the title row, the explorer (toolbar, picture, panel beside it) and what is below.

``app.py`` calls these in order; each panel's own work lives in ``explorer/panels/``.
"""

from __future__ import annotations

from pathlib import Path

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
from explorer.panels.graphs import VIEW_CAP, Graph, path_payload, view_payload
from explorer.panels.session import keep_tab_widgets, session, write_address
from explorer.state import PANEL, TABS
from graph import settings
from graph.core.text import plain
from graph.params import format, of_view
from graph.picture.payload import Picture

__all__ = ["below", "explore_and_read", "look", "picture_payload", "title_row"]

PICTURE_HEIGHT = 408
_CSS = Path(__file__).with_name("page.css")


def look() -> None:
    """The page's own styles (``page.css``): the picture sticky beside a scrolling panel, compact panes."""
    st.markdown(f"<style>{_CSS.read_text(encoding='utf-8')}</style>", unsafe_allow_html=True)


def title_row(graph: Graph):
    """The title, "Your graph", the sources and disclaimer, and the caption; returns the Download menu's column."""
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
    return download


def picture_payload(graph: Graph) -> tuple[Picture, tuple[str, str] | None, bool]:
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
def explore_and_read(graph: Graph, styles, tours, tour_problems) -> None:
    """The messages, the toolbar, the picture and the panel beside it, and the address bar.

    A fragment: a click in the picture, a link followed, a search or a tab opened reruns only this
    part of the page, not the title, menus and expanders around it, which no move changes (each of
    those, used, reruns the whole page).
    """
    class_view.refresh_after_hand_in()
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


def below(graph: Graph, download) -> None:
    """The Download menu (in its column of the title row) and the expanders below the explorer.

    The download menu and the editors are made only while they are open (on_change="rerun"): closed, as
    they are for nearly every move, they would cost every rerun a third of its time.
    """
    downloads_menu = download.popover(
        "Download", icon=":material/download:", width="stretch", key="kg_downloads", on_change="rerun"
    )
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
