"""Exploring: the toolbar (search, depth, kinds shown), the legend, the details of the focus, the trail."""

from __future__ import annotations

import html
from collections import Counter

import streamlit as st

from explorer.panels.session import session
from explorer.state import DEPTH_CHOICE, PANEL, SEARCH_TEXT, SHOWN_TYPES
from graph.core.model import KnowledgeGraph, Link
from graph.core.query import link_groups
from graph.core.relations import ARTICLE_RELATIONS, Vocabulary
from graph.core.text import evidence_line, plain
from graph.files.vocabulary import load_vocabulary
from graph.params import DEPTHS, whole_number
from graph.picture.payload import Picture

__all__ = ["pager", "breadcrumb", "details", "handle_click", "legend", "toolbar"]

HISTORY_SHOWN = 6
LINKS_SHOWN = 40
"""A busy concept lists this many links each way until asked for all (its picture is paged too)."""


def toolbar(kg: KnowledgeGraph, styles) -> None:
    learner = session()
    search_box, depth_box, types_box = st.columns([1.2, 1.3, 2.5], vertical_alignment="bottom")
    search_box.text_input(
        "Find a concept",
        key=SEARCH_TEXT,
        on_change=lambda: learner.find(kg, st.session_state[SEARCH_TEXT]),
        placeholder="e.g. " + ", ".join(name.lower() for name in kg.examples),
        help="Spelling mistakes and capitals are fine.",
    )
    depth_box.segmented_control(
        "How far to look",
        list(DEPTHS),
        key=DEPTH_CHOICE,
        on_change=lambda: learner.set_depth(st.session_state[DEPTH_CHOICE]),
        format_func=lambda d: "All" if d == "all" else f"{d} link{'s' if d != '1' else ''}",
        help="How many links away from the focus the picture reaches.",
        required=True,
    )
    types_box.pills(
        "Kinds of concept shown",
        kg.types,
        key=SHOWN_TYPES,
        selection_mode="multi",
        on_change=lambda: learner.set_types(kg, st.session_state[SHOWN_TYPES]),
        format_func=lambda kind: f"{styles[kind].mark} {plain(kind)}",
    )
    with st.container():  # a fixed slot, so that the message coming or going does not redraw the picture
        if learner.search_message:
            text, suggestions = learner.search_message
            st.warning(plain(f"No concept is called “{text}”.") + (" Did you mean one of these?" if suggestions else ""))
            for column, name in zip(st.columns(max(len(suggestions), 1)), suggestions):
                column.button(plain(name), key=f"suggest_{name}", on_click=learner.go, args=(name,))


def legend(kg: KnowledgeGraph, styles, payload: Picture) -> None:
    shown = Counter(node.get("group") for node in payload["nodes"])  # a bend (kind "bend") has none
    items = [
        f'<span class="kg-legend-item"><span style="color:{styles[kind].colour}" aria-hidden="true">{styles[kind].mark}</span> '
        f"{html.escape(' '.join(kind.split()))} <small>({shown[kind]})</small></span>"
        for kind in kg.types
    ]
    st.markdown(
        '<div class="kg-legend" role="group" aria-label="Legend: kind of concept (number shown)">' + " ".join(items) + "</div>"
        "<style>.kg-legend{display:flex;flex-wrap:wrap;gap:.1rem 1.1rem;font-size:1rem}"
        ".kg-legend-item span{font-size:1.25rem}</style>",
        unsafe_allow_html=True,
    )


def breadcrumb() -> None:
    """The concepts visited, each a way back to it, and Back (one step)."""
    learner = session()
    history = learner.history
    if not history:
        return
    recent = history[-HISTORY_SHOWN:]
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="kg_trail"):
        st.markdown("Visited:")
        for index, concept in enumerate(recent):
            st.button(
                plain(concept),
                key=f"trail_{len(history) - len(recent) + index}",
                type="tertiary",
                on_click=learner.go,
                args=(concept,),
            )
        st.button("← Back", on_click=learner.back, key="back", help=plain(f"Back to {history[-1]}"))


def _link_row(link: Link, other: str, outgoing: bool, index: int) -> None:
    # A link in reads as its whole sentence: "Cocaine use → may cause → Dopamine deficiency".
    arrow = f"{link.said} → {other}" if outgoing else link.sentence
    # No tooltip: the label says where the button goes, and a tooltip would cover the heading above it.
    # The key names the concept the list belongs to: a button kept across a move (the same link, seen
    # from its other end) would keep keyboard focus, and focus must land on the new concept instead.
    st.button(
        plain(arrow),
        key=f"link_{index}_{link.link_id}_{link.source if outgoing else link.target}",
        on_click=session().go,
        args=(other,),
        width="stretch",
    )
    if link.explanation:
        st.markdown(plain(link.explanation))
    if line := evidence_line(link.section, link.sources):
        st.caption(plain(line))


def details(kg: KnowledgeGraph) -> None:
    """The focus: what it is, then every link in and out as a sentence with its evidence."""
    learner = session()
    focus = learner.view.focus
    info = kg.concept(focus)
    selected = learner.selected_link
    if selected is not None and selected in kg.links.index:
        # A phrase shared by several links selects them all (its first is the session's selected link).
        shared = st.session_state.get(_SHARED_LINKS, ())
        chosen = [i for i in shared if i in kg.links.index] if shared[:1] == (selected,) else [selected]
        with st.container(border=True):
            st.markdown("**Selected link**" if len(chosen) == 1 else f"**Selected links** ({len(chosen)})")
            for link_id in chosen:
                link = kg.link(link_id)
                st.markdown(plain(link.sentence))
                if link.explanation:
                    st.markdown(plain(link.explanation))
                if line := evidence_line(link.section, link.sources):
                    st.caption(plain(line))
    st.header(plain(focus), anchor=False)
    st.caption(plain(f"{info['type']}" + (f" · {info['group']}" if info["group"] else "")))
    if info["description"]:
        st.markdown(plain(info["description"]))
    groups = link_groups(kg, focus, _relations())
    if not groups:
        st.caption("No links yet.")
        return
    # Each group answers one question ("… can lead to Dopamine deficiency"); the biggest come first, so
    # the answers to a concept's main questions are at the top of the pane, not thousands of pixels down.
    shown = learner.links_shown.get(focus, LINKS_SHOWN)
    for number, group in enumerate(groups):
        st.subheader(f"{plain(group.heading(focus))} ({len(group.links)})", anchor=False)
        for link in group.links[:shown]:
            outgoing = link.source == focus if group.outgoing is None else group.outgoing
            _link_row(link, link.target if outgoing else link.source, outgoing, number)
        if len(group.links) > shown:
            st.button(
                f"Show all {len(group.links):,} links",
                key=f"more_links_{number}",
                on_click=learner.show_all_links,
                args=(focus, max(len(g.links) for g in groups)),
            )


@st.cache_resource(show_spinner=False)
def _relations() -> Vocabulary:
    """The article's relation vocabulary; its ``family`` also reads any other graph's relations
    ("leads to", "may cause") by their words, so one graph's hedged doubles share a heading."""
    return load_vocabulary(ARTICLE_RELATIONS)


_SHARED_LINKS = "explore_shared_links"  # the links of the phrase clicked last, its first being the selected link


def handle_click(kg: KnowledgeGraph, event) -> None:
    """A click in the picture: a concept becomes the focus, a link is shown with its evidence,
    in the Concept tab whichever tab was open (else the picture would move and nothing say why)."""
    learner = session()
    if st.session_state.get(PANEL) == "Practice" and learner.practice.active():
        return  # the picture is an exercise (fill-in, or a map being built): a click must not open the details that hold its answers
    learner.open_details()
    if event["kind"] == "node":
        learner.close_path()  # leave a path view for the concept clicked
    if event["kind"] == "node" and event["id"] in kg.graph and event["id"] != learner.view.focus:
        learner.go(event["id"])
    elif event["kind"] == "edge" and (link_id := whole_number(str(event["id"]))) is not None and link_id in kg.links.index:
        learner.select_link(link_id)
        shared = [whole_number(str(i)) for i in event.get("links") or ()]
        st.session_state[_SHARED_LINKS] = tuple(i for i in shared if i is not None) if shared[:1] == [link_id] else ()


def pager(focus: str, page: int, neighbours: int, per_page: int) -> None:
    """For a focus with more neighbours than fit: which ones are drawn, and the way to the others."""
    first = page * per_page + 1
    last = min(first + per_page - 1, neighbours)
    text, earlier, later = st.columns([4, 1, 1], vertical_alignment="center")
    text.caption(
        plain(
            f"{focus} is linked to {neighbours:,} concepts, more than fit in one picture. "
            f"Showing numbers {first:,}–{last:,}, most connected first."
        )
    )
    earlier.button(
        "← Previous", key="page_prev", on_click=session().turn_page, args=(page, -1), disabled=page == 0, width="stretch"
    )
    later.button(
        "More →", key="page_next", on_click=session().turn_page, args=(page, 1), disabled=last >= neighbours, width="stretch"
    )
