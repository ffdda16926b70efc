"""graph/files/formats.py: GraphML, GEXF and Excel read into the CSV schema and checked by graph/files/load.py."""

from __future__ import annotations

import io

import networkx as nx
import pytest
from openpyxl import Workbook

from graph.files.export import to_csv, to_gexf, to_graphml, to_nodes_csv
from graph.files.formats import DEFAULT_TYPE, to_csv_files
from graph.files.load import EDGE_COLUMNS, ValidationError, load_files
from tests.conftest import PATH

TRICKY = """source,source_type,relation,target,target_type,section,explanation,sources
=SUM(A1),cause,-> leads to,"B, with a comma",condition,'quoted,"says ""hi""
on two lines",1;2
"B, with a comma",condition,@mentions,Ünïcödé ✓,symptom,,+plus,
Ünïcödé ✓,symptom,causes,=SUM(A1),cause,,,
"""


def same_graph(a, b) -> None:
    assert a.links[list(EDGE_COLUMNS)].equals(b.links[list(EDGE_COLUMNS)])
    assert a.concepts.sort_index().equals(b.concepts.sort_index())


@pytest.mark.parametrize("write, name", [(to_graphml, "map.graphml"), (to_gexf, "map.gexf")])
def test_the_apps_own_exports_come_back_whole(article, write, name):
    again = load_files(to_csv_files([(name, write(article))]))
    same_graph(again, article)


@pytest.mark.parametrize("write, name", [(to_graphml, "map.graphml"), (to_gexf, "map.gexf")])
def test_round_trip_keeps_formula_like_text_quotes_line_breaks_and_parallel_links(make_kg, write, name):
    kg = make_kg(TRICKY + '=SUM(A1),cause,also leads to,"B, with a comma",condition,,,\n')
    again = load_files(to_csv_files([(name, write(kg))]))
    same_graph(again, kg)
    assert again.links.at[0, "explanation"] == 'says "hi"\non two lines'
    assert again.links.at[0, "section"] == "'quoted"


def test_the_csv_export_round_trips_through_xlsx(make_kg):
    kg = make_kg(TRICKY, nodes="concept,type,group,description\nÜnïcödé ✓,symptom,letters,Described\n")
    book = Workbook()
    links = book.active
    for row in _csv_rows(to_csv(kg)):
        links.append(row)
    nodes = book.create_sheet("nodes")
    for row in _csv_rows(to_nodes_csv(kg)):
        nodes.append(row)
    again = load_files(to_csv_files([("map.xlsx", _xlsx(book))]))
    same_graph(again, kg)


def test_a_gephi_graphml_with_numbered_nodes_and_no_types_uses_labels_and_a_default_type():
    graph = nx.DiGraph()
    graph.add_node("n0", label="Rain")
    graph.add_node("n1", label="Flood")
    graph.add_node("n2", label="Alone")
    graph.add_edge("n0", "n1", label="can cause", weight=1.0)
    out = io.BytesIO()
    nx.write_graphml(graph, out)
    kg = load_files(to_csv_files([("gephi.graphml", out.getvalue())]))
    assert list(kg.links[["source", "relation", "target"]].itertuples(index=False, name=None)) == [("Rain", "can cause", "Flood")]
    assert set(kg.concepts["type"]) == {DEFAULT_TYPE}
    assert "Alone" in kg.concepts.index  # a lone node is kept, as a lone concept in nodes.csv is


def test_problems_in_a_converted_file_name_that_file_row_and_column():
    graph = nx.MultiDiGraph()
    graph.add_edge("A", "B", relation="leads to")
    graph.add_edge("B", "C")  # no relation: the second link, row 3 as a spreadsheet counts
    out = io.BytesIO()
    nx.write_graphml(graph, out)
    with pytest.raises(ValidationError) as caught:
        load_files(to_csv_files([("lesson.graphml", out.getvalue())]))
    assert [str(p) for p in caught.value.problems] == [
        "lesson.graphml, row 3, column 'relation': this cell is empty; every link needs a value here."
    ]


def test_an_xlsx_keeps_its_own_row_numbers_in_problems():
    book = Workbook()
    sheet = book.active
    sheet.append(list(EDGE_COLUMNS))
    sheet.append(["A", "cause", "leads to", "B", "condition", None, None, 1])
    sheet.append([None] * 8)
    sheet.append(["B", "condition", None, "C", "symptom"])
    with pytest.raises(ValidationError) as caught:
        load_files(to_csv_files([("sheet.xlsx", _xlsx(book))]))
    assert [str(p) for p in caught.value.problems] == [
        "sheet.xlsx, row 4, column 'relation': this cell is empty; every link needs a value here."
    ]


@pytest.mark.parametrize(
    "name, data, says",
    [
        ("broken.graphml", b"<graphml><graph><node id='a'", "this GraphML file cannot be read"),
        ("broken.gexf", b"not xml at all", "this GEXF file cannot be read"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "not an Excel workbook that can be read"),
        ("renamed.xlsx", PATH.encode(), "not an Excel workbook that can be read"),
    ],
)
def test_unreadable_files_get_a_message_naming_them(name, data, says):
    with pytest.raises(ValidationError) as caught:
        to_csv_files([(name, data)])
    (problem,) = caught.value.problems
    assert problem.file == name and says in problem.message


def test_csv_files_pass_through_unchanged():
    files = [("edges.csv", PATH.encode()), ("tour-a.csv", b"step,concept,caption\n")]
    assert to_csv_files(files) == tuple(files)


def _csv_rows(data: bytes) -> list[list[str]]:
    import csv

    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def _xlsx(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
