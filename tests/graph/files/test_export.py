"""Writing graphs for other tools (graph/files/export.py): CSV round trips, GraphML, GEXF, JSON and standalone HTML."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.files.export import export, to_csv, to_gexf, to_graphml, to_html, to_json, to_nodes_csv, vis_assets
from graph.files.load import load_graph_bytes
from graph.picture.view import build_view
from tests.conftest import HEADER, SHORT_HEADER

# Cells a CSV writer must quote, text from other scripts, and cells a spreadsheet would run as a formula.
TRICKY = HEADER + (
    'A "quoted" idea,concept,"leads, with a comma, to",B,condition,Section 1,"two\nlines",1;2\n'
    'B,condition,may cause,😀 Joy,symptom,Émotions,"emoji 😀 and accents éàü",\n'
    '😀 Joy,symptom,is called,שלום עולם,concept,مرحبا,"right-to-left: שלום, مرحبا",3\n'
    '=SUM(A1:A2),cause,+adds,-minus,concept,@section,"=HYPERLINK(""http://x"")",\n'
    "'Tis a label,concept,- dash relation,@mention,concept,,-5,\n"
)

NODES = (
    "concept,type,group,description\n"
    'A "quoted" idea,concept,ideas,"A description, with a comma\nand a line break"\n'
    "=SUM(A1:A2),cause,=danger,+1 more\n"
)

LINK_FIELDS = ["source", "source_type", "relation", "target", "target_type", "section", "explanation", "sources"]


def load(text: str, nodes: str | None = None):
    return load_graph_bytes(text.encode("utf-8"), "edges.csv", nodes=(nodes.encode("utf-8"), "nodes.csv") if nodes else None)


@pytest.fixture
def tricky():
    return load(TRICKY, NODES)


def links_of_table(kg) -> list[dict]:
    return kg.links[LINK_FIELDS].to_dict("records")


# --- CSV -------------------------------------------------------------------------------


def test_csv_round_trip_of_a_path(path_kg):
    again = load(to_csv(path_kg).decode("utf-8"))
    assert links_of_table(again) == links_of_table(path_kg)
    assert again.concepts["type"].to_dict() == path_kg.concepts["type"].to_dict()


def test_csv_round_trip_keeps_every_character_and_formula_cell(tricky):
    again = load(to_csv(tricky).decode("utf-8"), to_nodes_csv(tricky).decode("utf-8"))
    assert links_of_table(again) == links_of_table(tricky)
    assert again.concepts.sort_index().to_dict("index") == tricky.concepts.sort_index().to_dict("index")
    # The values themselves, not only equal to each other:
    assert again.link(0).relation == "leads, with a comma, to"
    assert again.link(0).explanation == "two\nlines"
    assert again.link(2).target == "שלום עולם"
    assert again.link(3).sentence == "=SUM(A1:A2) → +adds → -minus"
    assert again.link(3).explanation == '=HYPERLINK("http://x")'
    assert again.link(4).source == "'Tis a label"
    assert again.link(4).explanation == "-5"
    assert again.concept("=SUM(A1:A2)") == {"type": "cause", "group": "=danger", "description": "+1 more"}


def test_csv_round_trip_keeps_old_mac_line_breaks_inside_a_cell():
    kg = load(HEADER + 'A,cause,leads to,B,condition,,"one\rtwo\r\nthree",\n')
    assert kg.link(0).explanation == "one\rtwo\r\nthree"
    again = load(to_csv(kg).decode("utf-8"))
    assert links_of_table(again) == links_of_table(kg)


def test_csv_round_trip_twice_is_stable(tricky):
    once = to_csv(tricky)
    assert to_csv(load(once.decode("utf-8"))) == once


def test_csv_neutralises_formula_cells(tricky):
    rows = list(csv.reader(io.StringIO(to_csv(tricky).decode("utf-8"))))
    assert rows[0] == LINK_FIELDS
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=SUM(A1:A2)" in cells and "'+adds" in cells and "'-minus" in cells and "'@section" in cells
    assert "'-5" in cells
    # A leading apostrophe of the data itself is doubled, so loading takes off exactly one.
    assert "''Tis a label" in cells
    nodes = [cell for row in csv.reader(io.StringIO(to_nodes_csv(tricky).decode("utf-8"))) for cell in row]
    assert "'=danger" in nodes and "'+1 more" in nodes


# Any text a name can hold once trimmed: every script, symbols, quotes; not control characters (refused in names,
# line breaks included), lone surrogates or invisible-only text; the loader reads it as NFC.
CELL = (
    st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=15)
    .map(lambda text: unicodedata.normalize("NFC", text).strip())
    .filter(lambda text: any(unicodedata.category(ch) not in {"Cf", "Zs", "Zl", "Zp", "Mn", "Me", "Cn", "Co"} for ch in text))
)


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(CELL, CELL, CELL, CELL), min_size=1, max_size=4, unique=True))
def test_csv_round_trip_of_any_text(rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # with "\n", the csv module would not quote a lone "\r"
    writer.writerow(LINK_FIELDS)
    for source, relation, target, explanation in rows:
        writer.writerow([f"{source} (from)", "cause", relation, f"{target} (to)", "symptom", "", explanation, ""])
    kg = load_graph_bytes(out.getvalue().encode("utf-8"), "edges.csv")
    for (source, relation, target, explanation), link_id in zip(rows, kg.links.index, strict=True):
        link = kg.link(link_id)
        assert (link.source, link.target) == (f"{source} (from)", f"{target} (to)")
        # A leading apostrophe is read as a spreadsheet's text marker (see test_a_formula_guard_apostrophe_is_removed_on_load).
        if not relation.startswith("'") and not explanation.startswith("'"):
            assert (link.relation, link.explanation) == (relation, explanation)
    again = load_graph_bytes(to_csv(kg), "edges.csv")
    assert links_of_table(again) == links_of_table(kg)


def test_csv_of_some_links_only(path_kg):
    rows = list(csv.DictReader(io.StringIO(to_csv(path_kg, link_ids=[1, 3]).decode("utf-8"))))
    assert [(r["source"], r["target"]) for r in rows] == [("B", "C"), ("D", "E")]


# --- GraphML and GEXF ---------------------------------------------------------------------


def check_read_back(graph: nx.Graph, kg) -> None:
    """Every concept and link, with every attribute and character, as in ``kg``."""
    assert set(graph.nodes) == set(kg.concepts.index)
    for concept, info in kg.concepts.iterrows():
        data = graph.nodes[concept]
        assert (data["type"], data["group"], data["description"]) == (info["type"], info["group"], info["description"])
    # Each link keeps its link_id as its edge id (networkx reads that back as the key of a multigraph).
    if graph.is_multigraph():
        edges = {int(key): (u, v, data) for u, v, key, data in graph.edges(keys=True, data=True)}
    else:
        edges = {int(data["id"]): (u, v, data) for u, v, data in graph.edges(data=True)}
    assert set(edges) == set(kg.links.index)
    for link_id, row in kg.links.iterrows():
        u, v, data = edges[link_id]
        assert (u, v) == (row["source"], row["target"])
        for field in ("relation", "section", "explanation", "sources"):
            assert data[field] == row[field], (link_id, field)


def test_graphml_reads_back_with_networkx(tricky):
    graph = nx.read_graphml(io.BytesIO(to_graphml(tricky)), force_multigraph=True)
    assert graph.is_directed()
    check_read_back(graph, tricky)


def test_gexf_reads_back_with_networkx(tricky):
    graph = nx.read_gexf(io.BytesIO(to_gexf(tricky)))
    assert graph.is_directed()
    check_read_back(graph, tricky)


def test_parallel_links_survive_graphml_and_gexf(make_kg):
    kg = make_kg(HEADER + "S,concept,first says,T,concept,,,\nS,concept,then says,T,concept,,,\nT,concept,answers,S,concept,,,\n")
    graphml = nx.read_graphml(io.BytesIO(to_graphml(kg)))
    assert graphml.is_multigraph() and graphml.number_of_edges() == 3
    check_read_back(graphml, kg)
    gexf = nx.read_gexf(io.BytesIO(to_gexf(kg)))
    assert gexf.number_of_edges() == 3
    check_read_back(gexf, kg)


def test_xml_exports_stay_readable_with_control_characters(make_kg):
    # A line break pasted from a word processor arrives as a vertical tab, which XML 1.0 cannot hold.
    # (In a name the loader refuses it: see tests/test_hostile.py.)
    kg = make_kg(HEADER + 'A B,concept,leads\x1bto,C,concept,,"one\x0btwo",\n')
    for writer, reader in ((to_graphml, nx.read_graphml), (to_gexf, nx.read_gexf)):
        graph = reader(io.BytesIO(writer(kg)))  # a reader refuses the whole file when one character is not XML
        assert graph.number_of_nodes() == 2 and graph.number_of_edges() == 1
        ((u, v, data),) = graph.edges(data=True)
        assert v == "C" and u.startswith("A") and u.endswith("B")
        assert data["explanation"].startswith("one") and data["explanation"].endswith("two")


def test_article_graphml_and_gexf_read_back(article):
    check_read_back(nx.read_graphml(io.BytesIO(to_graphml(article)), force_multigraph=True), article)
    check_read_back(nx.read_gexf(io.BytesIO(to_gexf(article))), article)


# --- JSON ----------------------------------------------------------------------------------


def test_node_link_json_parses(tricky):
    data = json.loads(to_json(tricky))
    assert data["directed"] is True and data["multigraph"] is True
    assert {node["id"] for node in data["nodes"]} == set(tricky.concepts.index)
    links = {link["key"]: link for link in data["links"]}
    assert set(links) == set(tricky.links.index)
    assert links[2]["target"] == "שלום עולם" and links[2]["explanation"] == "right-to-left: שלום, مرحبا"
    assert nx.node_link_graph(data, edges="links").number_of_edges() == len(tricky.links)


def test_json_of_some_links_keeps_only_the_concepts_they_touch(path_kg):
    data = json.loads(to_json(path_kg, link_ids=[1]))
    assert sorted(node["id"] for node in data["nodes"]) == ["B", "C"]
    assert [(link["source"], link["target"], link["relation"]) for link in data["links"]] == [("B", "C", "causes")]


# --- every format, by name ----------------------------------------------------------------


def test_unknown_format_is_refused(path_kg):
    with pytest.raises(ValueError, match="Unknown format 'pdf'"):
        export(path_kg, "pdf")


# --- HTML ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def assets():
    return vis_assets()


def graph_data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    return json.loads(block.group(1))


def test_html_has_no_cdn_and_works_offline(path_kg, assets):
    page = to_html(build_view(path_kg, "B").to_vis(), "A path", *assets).decode("utf-8")
    # Nothing is fetched: no script, stylesheet or image comes from elsewhere (CSS images are data: URIs),
    # and the page's own policy forbids loading anything at all.
    assert all(url.startswith("data:") for url in re.findall(r"url\([\"']?([^\"')]+)", page))
    assert "default-src 'none'" in page
    assert not re.search(r"<script[^>]*\bsrc=", page, re.I)
    assert not re.search(r"<link[^>]*\bhref=", page, re.I)
    assert assets[0][:200] in page  # vis-network itself is inlined
    assert set(graph_data(page)) == {"nodes", "edges", "options"}


def test_html_escapes_script_endings_in_labels(make_kg, assets):
    kg = make_kg(HEADER + '"</script><script>alert(1)</script>",concept,"<b>bold</b> & co",B,concept,,,\n')
    label = "</script><script>alert(1)</script>"
    page = to_html(build_view(kg, label).to_vis(), "Title </script><b>", *assets).decode("utf-8")
    # Only the page's own three scripts (data, vis-network, start-up) are closed.
    assert page.lower().count("</script") == 3
    block = page.split('id="graph-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block
    assert "<script>alert(1)" not in page
    assert "<title>Title &lt;/script&gt;&lt;b&gt;</title>" in page
    data = graph_data(page)
    assert label in {node.get("name") for node in data["nodes"]}
    assert "<b>bold</b> & co" in {item.get("label") for item in data["edges"] + data["nodes"]}  # its linking phrase


def test_html_of_the_article(article, assets):
    page = to_html(build_view(article, article.default_focus, depth=None).to_vis(), "Dopamine deficiency", *assets)
    data = graph_data(page.decode("utf-8"))
    assert {node["name"] for node in data["nodes"] if "name" in node} == set(article.concepts.index)


def test_node_link_json_reads_back_with_networkx(tricky):
    graph = nx.node_link_graph(json.loads(to_json(tricky)), edges="links")
    assert graph.is_directed() and graph.is_multigraph()
    check_read_back(graph, tricky)
    for concept in tricky.concepts.index:
        assert graph.nodes[concept]["label"] == concept


def test_html_of_concepts_and_types_named_like_js_properties_keys_nothing_by_name(make_kg, assets):
    kg = make_kg(
        SHORT_HEADER + "__proto__,constructor,has,toString,__proto__\nhasOwnProperty,constructor,has,constructor,__proto__\n"
        "toString,__proto__,is,hasOwnProperty,constructor\n"
    )
    data = graph_data(to_html(build_view(kg, "__proto__", depth=None).to_vis(), "JS", *assets).decode("utf-8"))
    assert {node["name"] for node in data["nodes"] if "name" in node} == {
        "__proto__",
        "toString",
        "hasOwnProperty",
        "constructor",
    }
    # Linking phrases have no name, and ids of their own.
    assert {node["id"] for node in data["nodes"] if "name" in node} == {"n0", "n1", "n2", "n3"}
    assert set(data["options"]["groups"]) == {"g0", "g1"}
    assert {edge["from"] for edge in data["edges"]} | {edge["to"] for edge in data["edges"]} <= {n["id"] for n in data["nodes"]}


def test_the_whole_graph_page_holds_each_part_once(two_components_kg):
    """A graph in two parts: the page's map (the whole map) has each concept once, both parts drawn."""
    from graph.files.export import whole_graph_payload

    payload, note = whole_graph_payload(two_components_kg)
    names = [node["id"] for node in payload["nodes"] if node.get("group")]  # linking phrases have no kind
    assert sorted(names) == ["A", "B", "C", "D"] and note is None
    ids = [node["id"] for node in payload["nodes"]]
    assert len(ids) == len(set(ids))
    assert "2 parts" in payload["note"]
