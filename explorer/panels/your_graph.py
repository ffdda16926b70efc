"""A teacher's own graph: upload a CSV, fix links in a table, download the graph in other formats.

Nothing here changes the article's graph: an upload or an edit becomes this session's
own graph, and only after it has passed validation. A bad file leaves the graph on
screen exactly as it was and shows the whole report.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from explorer.panels.graphs import Graph, current_graph, use_article, use_files
from explorer.panels.session import session
from graph import settings
from graph.core.sentences import counted
from graph.core.text import plain
from graph.files.cxl import to_cxl
from graph.files.export import safe_csv, to_csv, to_csv_zip, to_gexf, to_graphml, to_html, to_json, to_sources_csv, vis_assets
from graph.files.formats import UPLOAD_SUFFIXES, to_csv_files
from graph.files.load import EDGE_COLUMNS, Problem, ValidationError, extra_columns, is_tour_file
from graph.picture.payload import Picture

__all__ = ["MAX_EDIT_ROWS", "check_pending_upload", "downloads", "editor", "upload", "upload_report"]

TEMPLATE = Path(__file__).resolve().parents[2] / "data" / "template.csv"
MAX_EDIT_ROWS = 3000
"""Larger graphs are edited in a spreadsheet and uploaded again; a browser table would crawl."""
FILES_TOGETHER = 2
"""The files in the uploader may hold together (the links, nodes, sources and tours of one graph) twice
the size of one file (KG_MAX_UPLOAD_MB, read when used)."""


def _read_upload(uploaded) -> tuple[tuple[str, bytes], ...]:
    """The uploaded files in the CSV schema (GraphML, GEXF and .xlsx converted); a file chosen again
    under the same name (a corrected copy) replaces the one chosen before.

    Streamlit keeps every file chosen in the uploader in the server's memory until the page is closed;
    files refused here, and copies replaced by a file of the same name, are dropped from it at once, so
    that choosing files again and again cannot stack them up (issue 26).
    """
    most_mb = settings.value("KG_MAX_UPLOAD_MB")
    too_big = [item for item in uploaded if item.size > most_mb * 1024 * 1024]
    if too_big:
        _forget(too_big)
        raise ValidationError(
            [
                Problem(
                    item.name,
                    None,
                    None,
                    f"the file is {item.size / 1e6:.1f} MB; the limit here is {most_mb:g} MB. Split the graph or ask whoever runs this app to raise KG_MAX_UPLOAD_MB.",
                )
                for item in too_big
            ]
        )
    latest = {item.name: item for item in uploaded}
    _forget([item for item in uploaded if latest[item.name] is not item])
    together = sum(item.size for item in latest.values())
    if together > FILES_TOGETHER * most_mb * 1024 * 1024:
        _forget(uploaded)
        names = ", ".join(latest)
        raise ValidationError(
            [
                Problem(
                    names if len(names) <= 80 else names[:79] + "…",
                    None,
                    None,
                    f"these files hold {together / 1e6:.1f} MB together; the limit is {FILES_TOGETHER * most_mb:g} MB. "
                    "Choose only the files of one graph.",
                )
            ]
        )
    return to_csv_files((name, item.getvalue()) for name, item in latest.items())


def _forget(items) -> None:
    """Drop uploaded files from Streamlit's store of this session's files (its uploader then no longer has them)."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    remove = getattr(ctx.uploaded_file_mgr, "remove_file", None)  # Streamlit's own store has it; its base class does not say so
    if remove is None:
        return
    for item in items:
        remove(ctx.session_id, item.file_id)


def _upload_title(names: list[str]) -> str:
    """The links file's name: its nodes, sources and tours need not lengthen the title to two lines."""
    links = [name for name in names if not is_tour_file(name) and Path(name).stem.lower() not in ("nodes", "sources")]
    return f"Your graph: {(links or names)[0]}"


def check_pending_upload() -> None:
    """Validate a new upload, with progress shown, before the page draws the graph.

    Only a valid graph replaces the one on screen; otherwise the report is kept for
    :func:`upload_report` and nothing else changes.
    """
    # One element in every run, status or not, so the elements after it keep their places (and their
    # state: an open popover, the picture's network) from one run to the next.
    slot = st.empty()
    uploads = session().uploads
    if not uploads.take_pending():
        return
    uploaded = st.session_state.get(uploads.uploader_key()) or []
    uploads.dismiss()
    if not uploaded:
        return
    names = ", ".join(dict.fromkeys(item.name for item in uploaded))
    with slot.container(), st.status(plain(f"Checking {names}…")) as status:
        try:
            use_files(_read_upload(uploaded), _upload_title(list(dict.fromkeys(item.name for item in uploaded))))
        except ValidationError as err:
            uploads.refuse(names, err)
            status.update(label=plain(f"{names} was not loaded"), state="error")
        else:
            status.update(label=plain(f"Loaded {names}"), state="complete", expanded=False)
    # Done: the status goes (a bar would push the picture down); a refusal is said in full by upload_report.
    slot.empty()
    if uploads.report is None:
        cited = bool(current_graph().kg.notices)  # links citing sources the graph does not list
        more = "; some links cite sources it does not list (see Sources)" if cited else ""
        st.toast(plain(f"Loaded {names}{more}"), icon=":material/warning:" if cited else ":material/check:")


def upload(graph: Graph) -> None:
    """Upload controls: the template, the uploader, and the way back to the article."""
    st.markdown(
        "Bring your own topic: a CSV (or an Excel sheet) with one link per row and the columns "
        "`source, source_type, relation, target, target_type` (optional: `section, explanation, sources`). "
        "Add `nodes.csv` (`concept, type, group, description`) and `sources.csv` to describe concepts and sources, "
        "`relations.csv` (`relation, inverse, hedge, family, meaning`) to hold every link to your list of relations, "
        "and guided tours as CSVs named `tour….csv` (`step, concept, caption`). "
        "GraphML and GEXF files (from Gephi, yEd or this app's downloads) and CmapTools maps (.cxl) work too."
    )
    st.download_button(
        "Download a template CSV",
        TEMPLATE.read_bytes(),
        file_name="my-graph.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
    most_mb = settings.value("KG_MAX_UPLOAD_MB")
    st.file_uploader(
        "Your file(s)",
        type=[*UPLOAD_SUFFIXES, "zip"],
        accept_multiple_files=True,
        key=session().uploads.uploader_key(),
        on_change=session().uploads.queue,
        help=f"Up to {most_mb:g} MB. Only you see what you upload.",
        max_upload_size=max(1, math.ceil(most_mb)),  # the browser refuses a bigger file before sending it
    )
    if graph.key.startswith("own:"):
        st.button("Back to the article's graph", on_click=use_article, icon=":material/undo:")


def upload_report() -> None:
    """The validation report of a rejected upload or edit, where it cannot be missed."""
    uploads = session().uploads
    report = uploads.report
    if not report:
        return
    names, err = report
    with st.container(border=True):
        st.error(plain(f"{names}: not loaded, {counted(err.total, 'problem')} found. The graph on screen has not changed."))
        st.markdown("\n".join(f"- {plain(str(p))}" for p in err.problems))
        if err.total > len(err.problems):
            st.caption(f"…and {err.total - len(err.problems)} more.")
        st.button("Dismiss", key="dismiss_report", on_click=uploads.dismiss)


def editor(graph: Graph) -> None:
    """A table of the links; changes are validated as a whole before they replace the graph."""
    links = graph.kg.links
    if len(links) > MAX_EDIT_ROWS:
        st.info(f"This graph has {len(links):,} links; edit it in a spreadsheet (download it as CSV) and upload it again.")
        return
    st.caption(
        "Change cells, add rows at the bottom or delete rows, then apply. The article's own file is never changed; "
        "your edited graph is yours for this session, and you can download it."
    )
    extra = extra_columns(links)  # a file's own columns (notes, say) are edited and kept too
    table = links[[*EDGE_COLUMNS, *extra]].rename(columns=extra).reset_index(drop=True)
    edited = st.data_editor(table, num_rows="dynamic", width="stretch", height=320, key=f"editor_{graph.key}", hide_index=True)
    if st.button("Apply changes", type="primary", key="apply_edits"):
        _apply_edits(graph, edited)


def _apply_edits(graph: Graph, edited: pd.DataFrame) -> None:
    edited = edited.fillna("").astype(str)
    files = [("edited-links.csv", safe_csv(edited))]  # guarded as the export is, so loading undoes exactly that
    kg = graph.kg
    if (nodes := _nodes_for(kg, edited)) is not None:
        files.append(("nodes.csv", nodes))
    if len(kg.sources):
        files.append(("sources.csv", to_sources_csv(kg)))  # guarded as the export guards them
    # An uploaded graph's tours and relation vocabulary stay with it (so edits are checked against the vocabulary too).
    files += [item for item in graph.files if is_tour_file(item[0]) or Path(item[0]).stem.lower() == "relations"]
    try:
        use_files(tuple(files), "Your edited graph" if not graph.article else f"{graph.title} (your edit)", based_on=graph)
        session().uploads.dismiss()
        st.rerun()
    except ValidationError as err:
        session().uploads.refuse("Your edits", err)
        st.rerun()


def _nodes_for(kg, edited: pd.DataFrame) -> bytes | None:
    """nodes.csv for the edited links: the groups and descriptions of the concepts they still name, with the types
    they now give them, plus the concepts that had no link; so a concept retyped, renamed or deleted in the table
    is neither refused nor brought back by a file the teacher never sees."""
    ends = [edited[[end, f"{end}_type"]].set_axis(["concept", "type"], axis=1) for end in ("source", "target")]
    named = pd.concat(ends).apply(lambda column: column.str.strip())
    named = named[named["concept"] != ""].drop_duplicates("concept").set_index("concept")["type"]
    concepts = kg.concepts
    in_table = concepts.index.isin(named.index)
    described = (concepts["group"] != "") | (concepts["description"] != "")
    if "number" in concepts.columns:
        described |= concepts["number"] != ""
    lone = concepts.index.map(lambda c: kg.graph.degree(c) == 0).to_numpy(dtype=bool)
    table = concepts[(in_table & described) | (lone & ~in_table)]
    if table.empty:
        return None
    table = table.assign(type=named.reindex(table.index).fillna(table["type"]))
    number = ["number"] if "number" in table.columns else []  # how sentences speak of each, where the teacher said
    table = table.rename_axis("concept").reset_index()[["concept", "type", "group", "description", *number]]
    return safe_csv(table)


def downloads(graph: Graph, payload: Picture, link_ids: list[int]) -> None:
    """Download the current view or the whole graph for Gephi, Cytoscape, yEd, a spreadsheet or a browser."""
    scope = st.radio("What to download", ["This view", "The whole graph"], horizontal=True, key="download_scope")
    ids = link_ids if scope == "This view" else None
    kg, stem = graph.kg, "view" if ids is not None else "graph"
    for label, data, name, mime in (
        ("GraphML (Gephi, yEd, Cytoscape)", lambda: to_graphml(kg, ids), f"{stem}.graphml", "application/xml"),
        ("GEXF (Gephi)", lambda: to_gexf(kg, ids), f"{stem}.gexf", "application/xml"),
        ("JSON (node-link)", lambda: to_json(kg, ids), f"{stem}.json", "application/json"),
        ("CSV (same columns as the input)", lambda: to_csv(kg, ids), f"{stem}.csv", "text/csv")
        if ids is not None
        else (
            "CSV files, zipped (links, nodes.csv, sources.csv; upload the zip again)",
            lambda: to_csv_zip(kg),
            "graph-csv.zip",
            "application/zip",
        ),
        ("CXL (CmapTools)", lambda: to_cxl(kg, ids, graph.title), f"{stem}.cxl", "application/xml"),
    ):
        st.download_button(label, data, file_name=name, mime=mime, on_click="ignore", width="stretch", key=f"dl_{name}")
    st.download_button(
        "Interactive web page (works offline)",
        lambda: to_html(dict(payload), graph.title, *vis_assets()),
        file_name="view.html",
        mime="text/html",
        on_click="ignore",
        width="stretch",
        key="dl_html",
    )
    st.caption("The web page holds the current view. For a PNG picture, use “Save picture (PNG)” on the picture itself.")
