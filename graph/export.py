"""Write a graph (or the part a view shows) for other tools: Gephi, Cytoscape, yEd, spreadsheets, a browser.

- GraphML and GEXF: networkx's writers, every link attribute on the edge;
- node-link JSON: networkx's ``node_link_data``;
- CSV: the input's own schema, so that load → export → load gives the same graph.
  Cells a spreadsheet would run as a formula are neutralised with a leading
  apostrophe, and quoted, so that the loader removes that guard and no apostrophe a person typed;
  the whole graph is a zip of ``edges.csv``, ``nodes.csv`` and ``sources.csv`` (:func:`to_csv_zip`);
- HTML: one standalone page with vis-network inlined, which works opened from disk.
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from pathlib import Path

import networkx as nx
import pandas as pd

from graph.load import EDGE_COLUMNS, extra_columns
from graph.model import KnowledgeGraph

__all__ = ["FORMATS", "export", "to_csv", "to_gexf", "to_graphml", "to_html", "to_json", "to_nodes_csv", "to_sources_csv", "to_csv_zip", "safe_csv", "whole_graph_payload", "attributed_graph", "vis_assets"]

FORMATS = ("graphml", "gexf", "json", "csv", "html")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def attributed_graph(kg: KnowledgeGraph, link_ids=None) -> nx.MultiDiGraph:
    """A copy of the graph with every link attribute on its edge (for writers that need them).

    ``link_ids`` limits it to those links and the concepts they touch.
    """
    links = kg.links if link_ids is None else kg.links.loc[list(link_ids)]
    concepts = set(links["source"]) | set(links["target"]) if link_ids is not None else set(kg.concepts.index)
    graph = nx.MultiDiGraph()
    for label in kg.concepts.index:
        if label in concepts:
            info = kg.concepts.loc[label]
            graph.add_node(label, label=label, type=info["type"], group=info["group"], description=info["description"])
    for link_id, row in links.iterrows():
        graph.add_edge(
            row["source"], row["target"], key=int(link_id),
            relation=row["relation"], section=row["section"], explanation=row["explanation"], sources=row["sources"],
        )
    return graph


def to_graphml(kg: KnowledgeGraph, link_ids=None) -> bytes:
    out = io.BytesIO()
    nx.write_graphml(_xml_safe(attributed_graph(kg, link_ids)), out, encoding="utf-8")
    return out.getvalue()


def to_gexf(kg: KnowledgeGraph, link_ids=None) -> bytes:
    graph = _xml_safe(attributed_graph(kg, link_ids))
    for *_, link_id, data in graph.edges(keys=True, data=True):
        data["id"] = str(link_id)  # otherwise GEXF numbers edges in its own order, and a reader loses which link is which
    out = io.BytesIO()
    nx.write_gexf(graph, out, encoding="utf-8")
    return out.getvalue()


def to_json(kg: KnowledgeGraph, link_ids=None) -> bytes:
    data = nx.node_link_data(attributed_graph(kg, link_ids), edges="links")
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def to_csv(kg: KnowledgeGraph, link_ids=None) -> bytes:
    """The links in the input's schema (``edges.csv``), formula-safe for spreadsheets."""
    links = kg.links if link_ids is None else kg.links.loc[list(link_ids)]
    extra = extra_columns(links)  # a file's own columns (notes, say) go back out under their own names
    table = links[[*EDGE_COLUMNS, *extra]].rename(columns=extra)
    return safe_csv(table)


def to_sources_csv(kg: KnowledgeGraph) -> bytes:
    """The numbered sources in the ``sources.csv`` schema."""
    return safe_csv(kg.sources)


def to_csv_zip(kg: KnowledgeGraph) -> bytes:
    """The whole graph as ``edges.csv``, ``nodes.csv`` and ``sources.csv`` in one zip file: descriptions, groups,
    concepts without links and source titles live in the other two. The uploader and ``python -m graph`` read it back."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("edges.csv", to_csv(kg))
        archive.writestr("nodes.csv", to_nodes_csv(kg))
        if len(kg.sources):
            archive.writestr("sources.csv", to_sources_csv(kg))
    return out.getvalue()


def to_nodes_csv(kg: KnowledgeGraph) -> bytes:
    """The concepts in the ``nodes.csv`` schema."""
    table = kg.concepts.rename_axis("concept").reset_index()[["concept", "type", "group", "description"]]
    return safe_csv(table)


def to_html(payload: dict, title: str, vis_js: str, vis_css: str) -> bytes:
    """A standalone page drawing a view's vis-network ``payload`` (from ``View.to_vis``).

    vis-network's code is inlined, so the page works offline, opened from a file.
    Data goes in as JSON inside a ``<script type="application/json">`` block, with
    ``<`` escaped, so no label can close the script or inject markup.
    """
    data = json.dumps({k: payload[k] for k in ("nodes", "edges", "options")}, ensure_ascii=False)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>{html.escape(title)}</title>
<style>{vis_css}
html,body{{margin:0;height:100%;font-family:sans-serif}} #graph{{position:absolute;top:3em;bottom:0;left:0;right:0}}
h1{{font-size:1.2em;margin:.6em 1em}}</style></head>
<body><h1>{html.escape(title)}</h1><div id="graph" role="img" aria-label="{html.escape(title)}"></div>
<script type="application/json" id="graph-data">{data}</script>
<script>{vis_js}</script>
<script>
const d = JSON.parse(document.getElementById("graph-data").textContent);
window.kgNetwork = new vis.Network(document.getElementById("graph"),
  {{nodes: new vis.DataSet(d.nodes), edges: new vis.DataSet(d.edges)}}, d.options);
</script></body></html>
"""
    return page.encode("utf-8")


def whole_graph_payload(kg: KnowledgeGraph, cap: int | None = None) -> tuple[dict, str | None]:
    """vis-network data for a standalone page of the whole graph, and None; or, for a graph bigger than
    one picture holds (``cap`` concepts, :data:`graph.view.DEFAULT_CAP`), the view around its most connected
    concept and a sentence saying plainly that the page is that view.

    Each part of a graph in several pieces (concepts no link reaches) is laid out around its own most
    connected concept, the parts side by side, biggest first.
    """
    from graph.view import DEFAULT_CAP, build_view

    cap = DEFAULT_CAP if cap is None else cap
    total = kg.graph.number_of_nodes()
    if total > cap:
        view = build_view(kg, kg.default_focus, depth=None, cap=cap)
        note = f"a view of {len(view.concepts):,} of the {total:,} concepts, around '{kg.default_focus}'"
        return view.to_vis(), note
    degree = kg.degree
    parts = sorted(nx.weakly_connected_components(kg.graph), key=lambda part: (-len(part), min(part)))
    payload, left = None, 0.0
    for part in parts:
        hub = min(part, key=lambda n: (-degree[n], n))
        piece = build_view(kg, hub, depth=None, cap=cap).to_vis()
        xs = [node.get("x", 0.0) for node in piece["nodes"]]
        shift = left - min(xs)
        for node in piece["nodes"]:
            node["x"] = node.get("x", 0.0) + shift
        left += max(xs) - min(xs) + 300.0  # a gap between the parts
        if payload is None:
            payload = piece
        else:
            payload["nodes"] += piece["nodes"]
            payload["edges"] += piece["edges"]
    return payload, None


def vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS, from the installed pyvis package (never a CDN)."""
    import pyvis

    folder = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (folder / "vis-network.min.js").read_text("utf-8"), (folder / "vis-network.css").read_text("utf-8")


def export(kg: KnowledgeGraph, fmt: str, link_ids=None) -> bytes:
    """The graph in format ``fmt`` (one of graphml, gexf, json, csv)."""
    writers = {"graphml": to_graphml, "gexf": to_gexf, "json": to_json, "csv": to_csv}
    if fmt not in writers:
        raise ValueError(f"Unknown format '{fmt}'; choose one of: {', '.join(writers)}.")
    return writers[fmt](kg, link_ids)


def _xml_safe(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph with characters XML 1.0 cannot hold (control characters, such as the vertical tab a
    word processor's line break pastes as) replaced by U+FFFD; one of them would make a reader refuse the whole file."""

    def clean(value):
        return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value

    graph = nx.relabel_nodes(graph, {n: clean(n) for n in graph if _NOT_XML.search(n)})
    for _, data in graph.nodes(data=True):
        data.update({name: clean(value) for name, value in data.items()})
    for *_, data in graph.edges(data=True):
        data.update({name: clean(value) for name, value in data.items()})
    return graph


def safe_csv(table: pd.DataFrame) -> bytes:
    """``table`` as CSV that a spreadsheet shows as text: a cell that would run as a formula gets a leading
    apostrophe, and is quoted, which is how :func:`graph.load.read_table` tells this guard, which it removes,
    from an apostrophe a person typed (``'+' operator``), which it keeps."""
    header = _csv_cells(pd.Series([str(c) for c in table.columns], dtype=object), guard=False)
    cells = [_csv_cells(table.iloc[:, i].astype(str).astype(object), guard=True) for i in range(len(table.columns))]
    rows = cells[0].str.cat(cells[1:], sep=",") if len(cells) > 1 else cells[0]
    # Rows end in CRLF (as RFC 4180 and spreadsheets have it).
    return "\r\n".join([",".join(header), *rows.tolist(), ""]).encode("utf-8")


def _csv_cells(values: pd.Series, guard: bool) -> pd.Series:
    guarded = (values.str.startswith(_FORMULA_START) | values.str.startswith("'")) if guard else pd.Series(False, index=values.index)
    values = values.where(~guarded, "'" + values)
    # Quoted: a guarded cell, and one a reader would split (a comma, a quote, any line break, a lone "\r" too).
    quote = guarded | values.str.contains('[",\r\n]', regex=True)
    return values.where(~quote, '"' + values.str.replace('"', '""', regex=False) + '"')

