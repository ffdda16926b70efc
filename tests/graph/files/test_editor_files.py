"""The table editor's files: an edit writes the graph's nodes.csv and sources.csv again, formula-guarded as
the export guards them (``graph.files.export.safe_csv``), so that a spreadsheet opening them runs nothing and
reading them back gives every cell exactly as it was (a leading apostrophe included)."""

from __future__ import annotations

import pandas as pd

from graph.files.export import safe_csv
from graph.files.load import load_graph_bytes
from tests.apptest import run, session, start, uploader

LINKS = pd.DataFrame(
    {
        "source": ["Rain", "River"],
        "source_type": ["water", "water"],
        "relation": ["fills", "runs to"],
        "target": ["River", "Sea"],
        "target_type": ["water", "water"],
        "sources": ["1", "2"],
    }
)
# Cells a spreadsheet would take for formulas, and cells that start with an apostrophe a person typed.
NODES = pd.DataFrame(
    {
        "concept": ["Rain", "River", "Sea", "Cloud"],
        "type": ["water", "water", "water", "sky"],
        "group": ["@home", "", "'Tis the sea", ""],
        "description": ['=HYPERLINK("http://x"), falls', "'Old man' river, long", "+salt, much", "-5 degrees, up high"],
    }
)
SOURCES = pd.DataFrame(
    {
        "number": ["1", "2"],
        "title": ['=HYPERLINK("http://x")', "'Rivers', a survey"],
        "publisher": ["@press", "Pub"],
        "date": ["2020", "-"],
        "note": ["+1 more", "'quoted, kept'"],
    }
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def edited_files() -> dict[str, bytes]:
    """Upload the graph (files as the app's own export writes them), change one unrelated cell, apply."""
    at = start()
    files = [("links.csv", safe_csv(LINKS)), ("nodes.csv", safe_csv(NODES)), ("sources.csv", safe_csv(SOURCES))]
    run(uploader(at).set_value([(name, data, "text/csv") for name, data in files]))
    at.session_state["kg_editor"] = True  # "Edit the links in a table" opened: its table is made only while open
    (editor,) = run(at).data_editor
    at.session_state[editor.key] = {"edited_rows": {1: {"relation": "flows to"}}, "added_rows": [], "deleted_rows": []}
    at = run(at.button(key="apply_edits").click())
    assert not at.error, [e.value for e in at.error]
    own = session(at).uploads.own_graph
    assert own is not None
    _, written, _, _ = own
    return dict(written)


def test_an_edit_keeps_every_cell_of_nodes_and_sources_as_it_was():
    files = edited_files()
    kg = load_graph_bytes(
        files["edited-links.csv"],
        "edited-links.csv",
        nodes=(files["nodes.csv"], "nodes.csv"),
        sources=(files["sources.csv"], "sources.csv"),
    )
    assert kg.link(1).relation == "flows to"
    for row in NODES.itertuples():
        assert kg.concept(row.concept)["group"] == row.group
        assert kg.concept(row.concept)["description"] == row.description
    kept = kg.sources.astype(str).reset_index(drop=True)[list(SOURCES.columns)]
    pd.testing.assert_frame_equal(kept, SOURCES, check_dtype=False)


def test_the_edits_nodes_and_sources_files_hold_no_formula():
    files = edited_files()
    for name in ("nodes.csv", "sources.csv"):
        raw = pd.read_csv(pd.io.common.BytesIO(files[name]), dtype=str, keep_default_na=False)
        cells = [cell for column in raw.columns for cell in raw[column]]
        assert [cell for cell in cells if cell.startswith(FORMULA_START)] == [], name
        assert files[name] == safe_csv(raw.map(lambda c: c[1:] if c.startswith("'") else c)), name
