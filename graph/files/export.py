"""Write a graph (or the part a view shows) for other tools: Gephi, Cytoscape, yEd, spreadsheets, a browser.

- GraphML and GEXF: as networkx's writers write them, every link attribute on the edge, but
  written from the table columns at once (networkx's writers took 30 s at 200,000 links);
- node-link JSON: the shape of networkx's ``node_link_data``, written by pandas;
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

import networkx as nx
import pandas as pd

from graph.core.build import collector_paused
from graph.core.model import KnowledgeGraph
from graph.files.cxl import to_cxl
from graph.files.load import EDGE_COLUMNS, extra_columns

__all__ = [
    "FORMATS",
    "export",
    "to_csv",
    "to_gexf",
    "to_graphml",
    "to_html",
    "to_json",
    "to_nodes_csv",
    "to_sources_csv",
    "to_csv_zip",
    "safe_csv",
    "whole_graph_payload",
    "attributed_graph",
    "vis_assets",
]

FORMATS = ("graphml", "gexf", "json", "csv", "html", "cxl")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONCEPT_ATTRIBUTES = ("type", "group", "description", "aliases")
_LINK_ATTRIBUTES = ("relation", "section", "explanation", "sources")
# "&" first; line breaks and tabs as references, or a reader turns them into spaces inside an attribute.
_XML_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\n", "&#10;"), ("\r", "&#13;"), ("\t", "&#9;"))
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def attributed_graph(kg: KnowledgeGraph, link_ids=None) -> nx.MultiDiGraph:
    """A copy of the graph with every link attribute on its edge (for writers that need them).

    ``link_ids`` limits it to those links and the concepts they touch.
    Built from the tables' columns at once, not row by row (200,000 links in about a second).
    """
    links, concepts = _tables(kg, link_ids)
    labels = concepts.index.tolist()
    nodes = zip(labels, labels, *(concepts[c].tolist() for c in _CONCEPT_ATTRIBUTES), strict=True)
    ends = (links["source"].tolist(), links["target"].tolist(), links.index.tolist())
    attributes = [links[c].tolist() for c in _LINK_ATTRIBUTES]
    graph = nx.MultiDiGraph()
    with collector_paused():
        graph.add_nodes_from((label, dict(zip(("label", *_CONCEPT_ATTRIBUTES), values))) for label, *values in nodes)
        graph.add_edges_from(
            (source, target, int(link_id), dict(zip(_LINK_ATTRIBUTES, values)))
            for source, target, link_id, *values in zip(*ends, *attributes, strict=True)
        )
    return graph


def to_graphml(kg: KnowledgeGraph, link_ids=None) -> bytes:
    """GraphML as networkx writes it (``key`` per attribute, each link's ``link_id`` as its edge ``id``),
    written from the tables' columns at once: networkx's writer took 30 s of CPU at 200,000 links."""
    links, concepts = _tables(kg, link_ids)
    label = _xml_escaped(concepts.index)
    nodes = '    <node id="' + label + '"><data key="d0">' + label + "</data>"
    for number, column in enumerate(_CONCEPT_ATTRIBUTES, 1):
        nodes = nodes + f'<data key="d{number}">' + _xml_escaped(concepts[column]) + "</data>"
    edges = "    " + _edge_tags(links, _xml_escaped(links.index.astype(str))) + ">"
    for number, column in enumerate(_LINK_ATTRIBUTES, 1 + len(_CONCEPT_ATTRIBUTES)):
        edges = edges + f'<data key="d{number}">' + _xml_escaped(links[column]) + "</data>"
    keys = [("node", "label", 0)] + [("node", c, n) for n, c in enumerate(_CONCEPT_ATTRIBUTES, 1)]
    keys += [("edge", c, n) for n, c in enumerate(_LINK_ATTRIBUTES, 1 + len(_CONCEPT_ATTRIBUTES))]
    head = (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
        + "".join(f'  <key id="d{n}" for="{kind}" attr.name="{name}" attr.type="string" />\n' for kind, name, n in keys)
        + '  <graph edgedefault="directed">\n'
    )
    return _xml_document(head, nodes + "</node>", edges + "</edge>", "  </graph>\n</graphml>\n")


def to_gexf(kg: KnowledgeGraph, link_ids=None) -> bytes:
    """GEXF 1.2 as networkx writes it (each link's ``link_id`` as its edge ``id`` and ``networkx_key``, so a
    reader keeps which link is which), written from the tables' columns at once, like :func:`to_graphml`."""
    links, concepts = _tables(kg, link_ids)
    label = _xml_escaped(concepts.index)
    nodes = '      <node id="' + label + '" label="' + label + '"><attvalues>'
    for number, column in enumerate(_CONCEPT_ATTRIBUTES):
        nodes = nodes + f'<attvalue for="{number}" value="' + _xml_escaped(concepts[column]) + '" />'
    link_id = _xml_escaped(links.index.astype(str))
    edges = "      " + _edge_tags(links, link_id) + "><attvalues>"
    first = len(_CONCEPT_ATTRIBUTES)
    for number, column in enumerate(_LINK_ATTRIBUTES, first):
        edges = edges + f'<attvalue for="{number}" value="' + _xml_escaped(links[column]) + '" />'
    key = first + len(_LINK_ATTRIBUTES)
    edges = edges + f'<attvalue for="{key}" value="' + link_id + '" />'
    head = (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
        '  <graph defaultedgetype="directed" mode="static" name="">\n'
        '    <attributes mode="static" class="edge">\n'
        + "".join(f'      <attribute id="{n}" title="{c}" type="string" />\n' for n, c in enumerate(_LINK_ATTRIBUTES, first))
        + f'      <attribute id="{key}" title="networkx_key" type="long" />\n'
        '    </attributes>\n    <attributes mode="static" class="node">\n'
        + "".join(f'      <attribute id="{n}" title="{c}" type="string" />\n' for n, c in enumerate(_CONCEPT_ATTRIBUTES))
        + "    </attributes>\n    <nodes>\n"
    )
    return _xml_document(
        head,
        nodes + "</attvalues></node>",
        edges + "</attvalues></edge>",
        "    </edges>\n  </graph>\n</gexf>\n",
        between="\n    </nodes>\n    <edges>\n",
    )


def to_json(kg: KnowledgeGraph, link_ids=None) -> bytes:
    """networkx's node-link JSON (what ``nx.node_link_data(graph, edges="links")`` gives), written by
    pandas from the tables at once; ``nx.node_link_graph`` reads it back."""
    links, concepts = _tables(kg, link_ids)
    nodes = concepts[list(_CONCEPT_ATTRIBUTES)].assign(label=concepts.index, id=concepts.index)
    edges = links[list(_LINK_ATTRIBUTES)].assign(source=links["source"], target=links["target"], key=links.index)
    records = {"nodes": nodes, "links": edges}
    parts = ", ".join(f'"{name}": ' + table.to_json(orient="records", force_ascii=False) for name, table in records.items())
    return ('{"directed": true, "multigraph": true, "graph": {}, ' + parts + "}").encode("utf-8")


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
    """The concepts in the ``nodes.csv`` schema (with ``aliases`` when a concept has any, ``number`` when the graph gave numbers)."""
    columns = ["concept", "type", "group", "description"]
    if "aliases" in kg.concepts.columns and kg.concepts["aliases"].astype(bool).any():
        columns.append("aliases")
    if "number" in kg.concepts.columns:
        columns.append("number")
    table = kg.concepts.rename_axis("concept").reset_index()[columns]
    return safe_csv(table)


def to_html(payload: dict, title: str, vis_js: str, vis_css: str) -> bytes:
    """A standalone page drawing a view's vis-network ``payload`` (from ``View.to_vis``).

    vis-network's code is inlined, so the page works offline, opened from a file.
    Data goes in as JSON inside a ``<script type="application/json">`` block, with
    ``<`` escaped, so no label can close the script or inject markup.
    """
    from graph.picture.view import for_browser  # names are never keys in the browser (a concept may be called "__proto__")

    payload = for_browser(payload)
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
    one picture holds (``cap`` concepts, :data:`graph.picture.view.DEFAULT_CAP`), the view around its most connected
    concept and a sentence saying plainly that the page is that view.

    The whole map holds every part of a graph in several pieces (concepts no link reaches), each
    laid out as a group of its own (:func:`graph.picture.view.build_view`).
    """
    from graph.picture.view import DEFAULT_CAP, build_view

    cap = DEFAULT_CAP if cap is None else cap
    total = kg.graph.number_of_nodes()
    view = build_view(kg, kg.default_focus, depth=None, cap=cap)
    if total > cap:
        note = f"a view of {len(view.concepts):,} of the {total:,} concepts, around '{kg.default_focus}'"
        return view.to_vis(), note
    return view.to_vis(), None


def vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS, from the installed pyvis package (never a CDN)."""
    from graph.picture.view import vis_folder

    folder = vis_folder()
    return (folder / "vis-network.min.js").read_text("utf-8"), (folder / "vis-network.css").read_text("utf-8")


def export(kg: KnowledgeGraph, fmt: str, link_ids=None) -> bytes:
    """The graph in format ``fmt`` (one of graphml, gexf, json, csv, cxl)."""
    writers = {"graphml": to_graphml, "gexf": to_gexf, "json": to_json, "csv": to_csv, "cxl": to_cxl}
    if fmt not in writers:
        raise ValueError(f"Unknown format '{fmt}'; choose one of: {', '.join(writers)}.")
    return writers[fmt](kg, link_ids)


def _tables(kg: KnowledgeGraph, link_ids) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The links to write (all, or those of ``link_ids``) and the concepts they need."""
    links = kg.links if link_ids is None else kg.links.loc[list(link_ids)]
    concepts = kg.concepts
    if link_ids is not None:
        concepts = concepts[concepts.index.isin(pd.concat([links["source"], links["target"]]))]
    return links, concepts


def _xml_escaped(values) -> pd.Series:
    """The values as XML text, fit for an attribute or an element; characters XML cannot hold become U+FFFD."""
    text = pd.Series(_xml_safe_column(pd.Index(values)), dtype="str")
    for plain, escaped in _XML_ESCAPES:
        text = text.str.replace(plain, escaped, regex=False)
    return text


def _edge_tags(links: pd.DataFrame, link_id: pd.Series) -> pd.Series:
    """Each link's ``<edge source=".." target=".." id=".."`` (left open for its data), as GraphML and GEXF both write it."""
    return (
        '<edge source="' + _xml_escaped(links["source"]) + '" target="' + _xml_escaped(links["target"]) + '" id="' + link_id + '"'
    )


def _xml_document(head: str, nodes: pd.Series, edges: pd.Series, tail: str, between: str = "\n") -> bytes:
    body = "\n".join(nodes.tolist()) + between + "\n".join(edges.tolist())
    return (head + body + "\n" + tail).encode("utf-8")


def _xml_safe_column(values) -> list:
    """The values (as a list) with characters XML 1.0 cannot hold (control characters, such as the vertical tab a
    word processor's line break pastes as) replaced by U+FFFD; one of them would make a reader refuse the whole file."""
    values = values.tolist()
    # One search over the whole column first: almost always there is nothing to replace.
    if not _NOT_XML.search("\n".join(map(str, values))):
        return values
    return [_NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value for value in values]


def safe_csv(table: pd.DataFrame) -> bytes:
    """``table`` as CSV that a spreadsheet shows as text: a cell that would run as a formula gets a leading
    apostrophe, and is quoted, which is how :func:`graph.files.load.read_table` tells this guard, which it removes,
    from an apostrophe a person typed (``'+' operator``), which it keeps."""
    # pandas' Arrow-backed strings ("str"): its string kernels run over a whole column at once, twice as
    # fast as Python objects one by one (2 s against 4 s for the 200,000 links of the app's largest graph).
    header = _csv_cells(pd.Series([str(c) for c in table.columns], dtype="str"), guard=False)
    cells = [_csv_cells(table.iloc[:, i].astype(str), guard=True) for i in range(len(table.columns))]
    rows = cells[0].str.cat(cells[1:], sep=",") if len(cells) > 1 else cells[0]
    # Rows end in CRLF (as RFC 4180 and spreadsheets have it).
    return "\r\n".join([",".join(header), *rows.tolist(), ""]).encode("utf-8")


def _csv_cells(values: pd.Series, guard: bool) -> pd.Series:
    guarded = (
        (values.str.startswith(_FORMULA_START) | values.str.startswith("'")) if guard else pd.Series(False, index=values.index)
    )
    values = values.where(~guarded, "'" + values)
    # Quoted: a guarded cell, and one a reader would split (a comma, a quote, any line break, a lone "\r" too).
    quote = guarded | values.str.contains('[",\r\n]', regex=True)
    return values.where(~quote, '"' + values.str.replace('"', '""', regex=False) + '"')
