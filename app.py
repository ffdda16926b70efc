"""The explorer: click a concept, read how it connects, follow its links.

Wiring only: widgets, session state and layout. The graph work lives in ``graph/``;
the clickable picture is ``components/graph_view``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import streamlit as st

from components.graph_view import graph_view
from graph.load import ValidationError, load_graph
from graph.model import KnowledgeGraph
from graph.params import DEPTHS, ViewState, read_params, write_params
from graph.query import ConceptNotFound, find_concept, links_of, search
from graph.styles import type_styles
from graph.text import evidence_line, plain
from graph.view import DEFAULT_CAP, build_view

HERE = Path(__file__).parent
ARTICLE = HERE / "data" / "edges.csv"
ABOUT = json.loads((HERE / "data" / "about.json").read_text("utf-8"))
SHAPE_MARKS = {"dot": "●", "diamond": "◆", "triangle": "▲", "square": "■", "star": "★", "hexagon": "⬢", "triangleDown": "▼"}
HISTORY_SHOWN = 6
PICTURE_HEIGHT = 520

st.set_page_config(page_title="Concept explorer", page_icon="🧭", layout="wide", initial_sidebar_state="collapsed")
# Room for the picture on a laptop screen: less padding above, a smaller title.
PAGE_CSS = """<style>
.block-container {padding-top: 1.4rem; padding-bottom: 1rem}
h1 {font-size: 1.9rem !important; padding: 0 !important}
</style>"""


@st.cache_resource(show_spinner="Loading the graph…")
def load_file(path: str, stamp: tuple[int, int]) -> KnowledgeGraph:
    """Loaded once per file content (``stamp`` = modification time and size)."""
    return load_graph(path)


@st.cache_data(show_spinner=False, max_entries=256)
def view_payload(_kg: KnowledgeGraph, graph_key: str, state: ViewState) -> dict:
    visible = set(_kg.types) - state.hidden
    view = build_view(_kg, state.focus, state.depth, visible, cap=DEFAULT_CAP)
    payload = view.to_vis()
    payload["left_out"] = view.left_out
    payload["aria_label"] = f"Concept map centred on {state.focus}, showing {len(view.concepts)} concepts."
    return payload


def current_graph() -> tuple[KnowledgeGraph, str]:
    stat = ARTICLE.stat()
    return load_file(str(ARTICLE), (stat.st_mtime_ns, stat.st_size)), f"article:{stat.st_mtime_ns}"


# --- navigation (callbacks run before the script, so the page draws the new focus at once) ---


def go(concept: str) -> None:
    """Make ``concept`` the focus and remember where we came from."""
    state: ViewState = st.session_state.view
    if concept != state.focus:
        st.session_state.history.append(state.focus)
    st.session_state.view = ViewState(concept, state.depth, state.hidden)
    st.session_state.selected_link = None
    st.session_state.url_messages = []


def back() -> None:
    if st.session_state.history:
        previous = st.session_state.history.pop()
        state: ViewState = st.session_state.view
        st.session_state.view = ViewState(previous, state.depth, state.hidden)
        st.session_state.selected_link = None


def set_depth() -> None:
    state: ViewState = st.session_state.view
    st.session_state.view = ViewState(state.focus, DEPTHS[st.session_state.depth_choice], state.hidden)


def set_types(kg: KnowledgeGraph) -> None:
    hidden = frozenset(kg.types) - set(st.session_state.shown_types)
    state: ViewState = st.session_state.view
    st.session_state.view = ViewState(state.focus, state.depth, hidden)


def do_search(kg: KnowledgeGraph) -> None:
    text = st.session_state.search_text.strip()
    st.session_state.search_message = None
    if not text:
        return
    try:
        go(find_concept(kg, text))
        st.session_state.search_text = ""
    except ConceptNotFound as err:
        st.session_state.search_message = (text, err.suggestions or search(kg, text, limit=5))


def start_session(kg: KnowledgeGraph) -> None:
    """On a session's first run, take the view from the URL (a shared link) or the defaults."""
    if "view" in st.session_state:
        return
    state, messages = read_params(st.query_params.to_dict(), kg)
    st.session_state.view = state
    st.session_state.url_messages = messages
    st.session_state.history = []
    st.session_state.selected_link = None
    st.session_state.search_message = None
    st.session_state.depth_choice = next(k for k, v in DEPTHS.items() if v == state.depth)
    st.session_state.shown_types = [kind for kind in kg.types if kind not in state.hidden]


# --- drawing ---------------------------------------------------------------


def toolbar(kg: KnowledgeGraph, styles) -> None:
    search_box, depth_box, types_box = st.columns([1.2, 1.3, 2.5], vertical_alignment="bottom")
    search_box.text_input("Find a concept", key="search_text", on_change=do_search, args=(kg,),
                          placeholder="e.g. levodopa, tremors", help="Spelling mistakes and capitals are fine.")
    depth_box.segmented_control("How far to look", list(DEPTHS), key="depth_choice", on_change=set_depth,
                                format_func=lambda d: "All" if d == "all" else f"{d} link{'s' if d != '1' else ''}",
                                help="How many links away from the focus the picture reaches.", required=True)
    types_box.pills("Kinds of concept shown", kg.types, key="shown_types", selection_mode="multi", on_change=set_types,
                    args=(kg,), format_func=lambda kind: f"{SHAPE_MARKS.get(styles[kind].shape, '●')} {kind}")
    if st.session_state.search_message:
        text, suggestions = st.session_state.search_message
        st.warning(f"No concept is called “{text}”." + (" Did you mean one of these?" if suggestions else ""))
        if suggestions:
            for column, name in zip(st.columns(len(suggestions)), suggestions):
                column.button(plain(name), key=f"suggest_{name}", on_click=go, args=(name,))


def breadcrumb() -> None:
    history = st.session_state.history
    if not history:
        return
    trail, button = st.columns([4, 1], vertical_alignment="center")
    trail.caption("Visited: " + " › ".join(plain(c) for c in history[-HISTORY_SHOWN:]))
    button.button("← Back", on_click=back, key="back", help=f"Back to {history[-1]}")


def legend(kg: KnowledgeGraph, styles, payload: dict) -> None:
    shown = {}
    for node in payload["nodes"]:
        shown[node["type"]] = shown.get(node["type"], 0) + 1
    items = []
    for kind in kg.types:
        style = styles[kind]
        mark = SHAPE_MARKS.get(style.shape, "●")
        items.append(
            f'<span class="kg-legend-item"><span style="color:{style.colour}" aria-hidden="true">{mark}</span> '
            f"{html.escape(kind)} <small>({shown.get(kind, 0)} shown)</small></span>"
        )
    st.markdown(
        '<div class="kg-legend" aria-label="Legend">' + " ".join(items) + "</div>"
        "<style>.kg-legend{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;font-size:1.05rem}"
        ".kg-legend-item span{font-size:1.3rem}</style>",
        unsafe_allow_html=True,
    )


def link_row(kg: KnowledgeGraph, link, other: str, outgoing: bool, index: int) -> None:
    arrow = f"{link.relation} → {other}" if outgoing else f"{other} → {link.relation} →"
    st.button(
        plain(arrow),
        key=f"link_{index}_{link.link_id}",
        on_click=go,
        args=(other,),
        help=f"Focus on {other}",
        width="stretch",
    )
    details = evidence_line(link.section, link.sources)
    if link.explanation:
        st.markdown(plain(link.explanation))
    if details:
        st.caption(plain(details))


def details(kg: KnowledgeGraph) -> None:
    focus = st.session_state.view.focus
    info = kg.concept(focus)
    selected = st.session_state.selected_link
    if selected is not None:
        link = kg.link(selected)
        with st.container(border=True):
            st.markdown("**Selected link**")
            st.markdown(plain(link.sentence))
            if link.explanation:
                st.markdown(plain(link.explanation))
            if line := evidence_line(link.section, link.sources):
                st.caption(plain(line))
    st.subheader(plain(focus), anchor=False)
    st.caption(plain(f"{info['type']}" + (f" · {info['group']}" if info["group"] else "")))
    if info["description"]:
        st.markdown(plain(info["description"]))
    outgoing, incoming = links_of(kg, focus)
    with st.container(height=PICTURE_HEIGHT - 150, border=False):
        if outgoing:
            st.markdown(f"**{plain(focus)} …** ({len(outgoing)})")
            for i, link in enumerate(outgoing):
                link_row(kg, link, link.target, True, i)
        if incoming:
            st.markdown(f"**… {plain(focus)}** ({len(incoming)})")
            for i, link in enumerate(incoming):
                link_row(kg, link, link.source, False, i)


def about(kg: KnowledgeGraph) -> None:
    with st.popover("Sources and disclaimer"):
        st.markdown(plain(ABOUT["disclaimer"]))
        st.markdown(f"**Article:** {plain(ABOUT['article'])}  \n{plain(ABOUT['byline'])}")
        st.markdown("**The article's sources**")
        for number in kg.sources["number"]:
            st.markdown(plain(kg.source_label(int(number))))


def handle_click(kg: KnowledgeGraph, event) -> None:
    if not event:
        return
    if event["kind"] == "node" and event["id"] in kg.graph and event["id"] != st.session_state.view.focus:
        go(event["id"])
        st.rerun()
    elif event["kind"] == "edge":
        st.session_state.selected_link = int(event["id"])
        st.rerun()


def main() -> None:
    try:
        kg, graph_key = current_graph()
    except ValidationError as err:
        st.error(f"The graph file cannot be used as it is.\n\n{plain(err.report())}")
        st.stop()
    start_session(kg)
    styles = type_styles(kg.types)
    state: ViewState = st.session_state.view

    st.markdown(PAGE_CSS, unsafe_allow_html=True)
    heading, sources = st.columns([5, 1.2], vertical_alignment="center")
    heading.title(plain(ABOUT["title"]), anchor=False)
    with sources:
        about(kg)
    st.caption(
        "Click a concept in the picture, or a link in the list beside it, to see what it is and how it connects; "
        "each link reads as a sentence. **Informational only, not medical advice.**"
    )
    for message in st.session_state.url_messages:
        st.warning(plain(message))

    toolbar(kg, styles)
    payload = view_payload(kg, graph_key, state)
    picture, panel = st.columns([3, 2], gap="medium")
    with picture:
        legend(kg, styles, payload)
        event = graph_view(payload, key="main", height=PICTURE_HEIGHT)
        if payload["left_out"]:
            st.caption(f"{payload['left_out']} more linked concepts are not drawn, to keep the picture readable; "
                       "focus a concept marked “+N more” to see its neighbours.")
    with panel:
        breadcrumb()
        details(kg)
    handle_click(kg, event)
    st.query_params.from_dict(write_params(st.session_state.view))


main()
