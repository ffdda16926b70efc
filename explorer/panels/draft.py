"""Draft a map from a text: paste or upload it, review the proposed links in a table, explore the accepted ones.

The drafting is :mod:`graph.teaching.draft`; this panel is its screen. Each proposed link is a row
with an *Accept* box, every cell editable (rows can be added or deleted too); the accepted rows
become this session's graph through the same validation as an upload
(:func:`explorer.panels.graphs.use_files`), so a draft the teacher has edited into something
invalid is refused with the upload's report and the graph on screen stays as it was.

The panel's state (the draft under review, or why a text was refused) lives under one key of
``st.session_state``, :data:`DRAFT_STATE`; its widgets' keys are named here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from explorer.panels.graphs import Graph, use_files
from explorer.panels.session import session
from graph.core.text import plain
from graph.files.documents import MAX_DOCUMENT_BYTES
from graph.files.export import safe_csv
from graph.files.load import EDGE_COLUMNS, ValidationError
from graph.teaching.draft import MAX_TEXT_BYTES, TEXT_SUFFIXES, check_size, draft_text, read_text

__all__ = ["DRAFT_STATE", "DRAFT_TEXT", "DRAFT_FILE", "DRAFT_TABLE", "ACCEPT", "Drafting", "panel"]

DRAFT_STATE = "kg_draft_state"
DRAFT_TEXT = "draft_text"
DRAFT_FILE = "draft_file"
DRAFT_TABLE = "draft_table"
ACCEPT = "accept"
"""The table's first column: whether a proposed link goes into the map."""
_PASTED = "pasted text"


@dataclass
class Drafting:
    """The draft under review (its links as a table, with the Accept column), where it came from, or why there is none."""

    table: pd.DataFrame | None = None
    name: str = ""
    sentences: int = 0
    key_phrases: tuple[str, ...] = ()
    refused: str | None = None
    made: int = 0
    """How many drafts were made: part of the table's key, so that a new draft is a new table."""


def _state() -> Drafting:
    if DRAFT_STATE not in st.session_state:
        st.session_state[DRAFT_STATE] = Drafting()
    return st.session_state[DRAFT_STATE]


def panel(graph: Graph) -> None:
    """The text to draft from, the draft's table, and the button that makes the accepted links the graph."""
    state = _state()
    st.caption(
        "Paste a text (a chapter, an article, your notes) or upload a .txt, .md, .html or .docx file (a saved web page or a Word document: its text only). The draft proposes links "
        "between its concepts, each with the sentence it was read from as its explanation and the heading above it as "
        "its section. Nothing is sent anywhere: the text is read here, and only what you accept becomes a map."
    )
    st.text_area(
        "Text to draft from", key=DRAFT_TEXT, height=160, placeholder="Scurvy can be caused by a poor diet. It can cause …"
    )
    st.file_uploader(
        "…or a file (.txt, .md, .html, .docx)",
        type=list(TEXT_SUFFIXES),
        key=DRAFT_FILE,
        help=f"Up to {MAX_TEXT_BYTES / 1e6:g} MB of plain text, or a Word document of up to {MAX_DOCUMENT_BYTES / 1e6:g} MB.",
    )
    st.button("Draft the links", key="draft_make", on_click=_make_draft, icon=":material/auto_fix_high:")
    if state.refused:
        st.error(plain(state.refused))
        return
    if state.table is None:
        return
    if state.table.empty:
        st.info(
            plain(
                f"No links found in {state.name}: none of its {state.sentences} sentences joins two concepts with a "
                "relation the vocabulary knows, and it has no lists under headings or after a line such as "
                "“Symptoms include:”. Add links by hand in “Edit the links in a table”, or try a longer text."
            )
        )
        return
    _review(graph, state)


def _make_draft() -> None:
    state = _state()
    uploaded = st.session_state.get(DRAFT_FILE)
    try:
        if uploaded is not None:
            check_size(uploaded.size, uploaded.name)  # by its size, before its bytes are copied
            name, data = uploaded.name, uploaded.getvalue()
        else:
            name, data = _PASTED, (st.session_state.get(DRAFT_TEXT) or "").encode("utf-8")
        draft = draft_text(read_text(data, name), name)
    except ValidationError as err:
        state.table, state.refused = None, f"No draft: {err.problems[0]}"
        return
    table = draft.table()
    table.insert(0, ACCEPT, True)
    state.table, state.name, state.sentences, state.key_phrases = table, name, draft.sentences, draft.key_phrases
    state.refused, state.made = None, state.made + 1


def _review(graph: Graph, state: Drafting) -> None:
    assert state.table is not None
    st.markdown(
        plain(
            f"{len(state.table)} links proposed from {state.sentences} sentences of {state.name}. Untick what is wrong, "
            "edit any cell, add or delete rows, then explore the accepted links as a map."
        )
    )
    if state.key_phrases:
        st.caption(plain("Other key phrases of the text, not linked yet: " + ", ".join(state.key_phrases)))
    edited = st.data_editor(
        state.table,
        key=f"{DRAFT_TABLE}_{state.made}",
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        height=320,
        column_config={
            ACCEPT: st.column_config.CheckboxColumn("Accept", default=True, help="Only accepted links go into the map"),
            "explanation": st.column_config.TextColumn("explanation (the text's sentence)", width="large"),
        },
    )
    if st.button("Explore the accepted links", key="draft_use", type="primary", icon=":material/check:"):
        _use(graph, state, edited)


def accepted_csv(edited: pd.DataFrame) -> bytes:
    """The accepted rows of the review table as a links CSV (guarded as the export is), in the table's order."""
    accepted = edited[edited[ACCEPT].fillna(False).astype(bool)]
    return safe_csv(accepted[list(EDGE_COLUMNS)].fillna("").astype(str))


def _use(graph: Graph, state: Drafting, edited: pd.DataFrame) -> None:
    accepted = int(edited[ACCEPT].fillna(False).astype(bool).sum())
    if accepted == 0:
        st.warning("No link is accepted: tick Accept on the links the map should have.")
        return
    try:
        use_files((("draft.csv", accepted_csv(edited)),), f"Draft from {state.name}")
    except ValidationError as err:
        # Reported where upload problems are; the rows it names count the accepted links only.
        session().uploads.refuse("Your draft (rows count the accepted links)", err)
    else:
        session().uploads.dismiss()
    st.rerun()
