"""Loading and validating CSV files (graph/files/load.py).

Rows are counted as a spreadsheet shows them: the header is row 1.
The bad files live in ``tests/fixtures/bad/``; each one has a row in ``BAD_FILES``.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.core.model import KnowledgeGraph
from graph.core.sentences import counted
from graph.files.load import MAX_PROBLEMS, Problem, ValidationError, load_graph, load_graph_bytes, read_table, read_tables
from tests.conftest import HEADER

BAD = Path(__file__).resolve().parents[2] / "fixtures" / "bad"
ARTICLE = Path(__file__).resolve().parents[3] / "data" / "edges.csv"

# file (under fixtures/bad) → the problem expected: file it names, message fragment, row, column.
BAD_FILES = {
    "missing_column.csv": ("missing_column.csv", "the required column is missing", 1, "target_type"),
    "misspelled_column.csv": ("misspelled_column.csv", "is 'source_typ' meant to be 'source_type'?", 1, "source_type"),
    "empty_cell.csv": ("empty_cell.csv", "this cell is empty", 3, "relation"),
    "whitespace_name.csv": ("whitespace_name.csv", "this cell is empty", 2, "target"),
    "two_types.csv": ("two_types.csv", "'B' is given type 'symptom' here but 'condition' in row 2", 4, "source_type"),
    "duplicate_rows.csv": ("duplicate_rows.csv", "repeats row 2 exactly", 4, None),
    "self_link.csv": ("self_link.csv", "connects 'A' to itself", 2, "target"),
    "unknown_source/edges.csv": ("edges.csv", "source 9 is not listed in sources.csv", 3, "sources"),
    "non_numeric_sources.csv": ("non_numeric_sources.csv", "'see [1]' is not a list of source numbers", 2, "sources"),
    "bad_sources_table/edges.csv": ("sources.csv", "'one' is not a whole number", 2, "number"),
    "latin1.csv": ("latin1.csv", "not UTF-8", 3, None),
    "utf16.csv": ("utf16.csv", "UTF-16", None, None),
    "xlsx_named_csv.csv": ("xlsx_named_csv.csv", "spreadsheet (.xlsx) file, not CSV", None, None),
    "binary_junk.csv": ("binary_junk.csv", "not a text file", None, None),
    "empty.csv": ("empty.csv", "the file is empty", None, None),
    "header_only.csv": ("header_only.csv", "has a header but no rows", None, None),
    "semicolon.csv": ("semicolon.csv", "separated by semicolons, not commas", 1, None),
    "tab_separated.csv": ("tab_separated.csv", "separated by tabs, not commas", 1, None),
    "ragged_row.csv": ("ragged_row.csv", "this row has 9 cells but the header has 8 columns", 3, None),
    # The first row too long once made pandas shift every cell one column left, silently.
    "ragged_first_row.csv": ("ragged_first_row.csv", "this row has 9 cells but the header has 8 columns", 2, None),
    "unbalanced_quote.csv": ("unbalanced_quote.csv", "a double quote is opened but never closed", 3, None),
    "duplicate_column.csv": ("duplicate_column.csv", "appears twice in the header", 1, "source"),
    "header_whitespace_duplicate.csv": ("header_whitespace_duplicate.csv", "appears twice in the header", 1, "source"),
    # Row 2 spans lines 2-3 (a line break in a quoted cell): the next record is row 4.
    "multiline_then_empty_cell.csv": ("multiline_then_empty_cell.csv", "this cell is empty", 4, "relation"),
    "multiline_then_unbalanced_quote.csv": ("multiline_then_unbalanced_quote.csv", "never closed", 4, None),
    "multiline_then_ragged_row.csv": ("multiline_then_ragged_row.csv", "this row has 9 cells", 4, None),
    # Blank lines are skipped but still counted, as a spreadsheet would show them.
    "blank_lines_then_self_link.csv": ("blank_lines_then_self_link.csv", "connects 'B' to itself", 5, "target"),
    "leading_blank_lines_then_empty_cell.csv": ("leading_blank_lines_then_empty_cell.csv", "this cell is empty", 5, "relation"),
    "whitespace_line_then_empty_cell.csv": ("whitespace_line_then_empty_cell.csv", "this cell is empty", 4, "relation"),
    "comma_row_then_empty_cell.csv": ("comma_row_then_empty_cell.csv", "this cell is empty", 4, "relation"),
    "cr_line_endings.csv": ("cr_line_endings.csv", "this cell is empty", 3, "relation"),
    "nodes_type_conflict/edges.csv": ("nodes.csv", "'B' has type 'symptom' here but 'condition' in edges.csv", 3, "type"),
    "nodes_duplicate/edges.csv": ("nodes.csv", "'A' is described twice", 4, "concept"),
    "all_problems.csv": ("all_problems.csv", "repeats row 2 exactly", 5, None),
}


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(ValidationError) as caught:
        load_graph(path)
    return caught.value.problems


def load_text(text: str, **companions) -> KnowledgeGraph:
    return load_graph_bytes(text.encode("utf-8"), "edges.csv", **companions)


def problems_in(text: str | bytes, **companions) -> list[Problem]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(ValidationError) as caught:
        load_graph_bytes(data, "edges.csv", **companions)
    return caught.value.problems


# --- the corpus of bad files -------------------------------------------------


def test_every_bad_file_has_an_expectation():
    on_disk = {p.relative_to(BAD).as_posix() for p in BAD.rglob("*.csv") if p.name not in ("nodes.csv", "sources.csv")}
    assert on_disk == set(BAD_FILES)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_reported_where_a_person_can_find_it(name):
    file, fragment, row, column = BAD_FILES[name]
    problems = problems_of(BAD / name)
    matching = [p for p in problems if fragment in p.message]
    assert matching, f"no problem says {fragment!r}; got {[str(p) for p in problems]}"
    problem = matching[0]
    assert (problem.file, problem.row, problem.column) == (file, row, column)
    # The message says how to fix it, and reads as a sentence, not a traceback.
    assert "Traceback" not in str(problem) and "Error tokenizing" not in problem.message
    assert problem.message.rstrip().endswith((".", "?", ")"))


@pytest.mark.parametrize("name", ["latin1.csv", "utf16.csv", "xlsx_named_csv.csv", "semicolon.csv"])
def test_wrong_format_messages_say_how_to_save_the_file(name):
    (problem,) = problems_of(BAD / name)
    assert "CSV" in problem.message and ("UTF-8" in problem.message or "comma" in problem.message)


def test_all_problems_are_reported_together_not_only_the_first():
    problems = problems_of(BAD / "all_problems.csv")
    found = {(p.row, p.column, p.message.split(";")[0].split(" (")[0]) for p in problems}
    assert found == {
        (3, "relation", "this cell is empty"),
        (7, "source", "this cell is empty"),
        (4, "target", "this link connects 'C' to itself"),
        (5, None, "this row repeats row 2 exactly"),
        (6, "sources", "'one' is not a list of source numbers"),
        (6, "target_type", "'A' is given type 'condition' here but 'cause' in row 2"),
    }


def test_report_lists_every_problem_with_file_row_and_column():
    error = ValidationError(
        [Problem("edges.csv", 3, "relation", "this cell is empty."), Problem("edges.csv", None, None, "the file is empty.")]
    )
    assert error.report() == (
        "2 problems found:\n- edges.csv, row 3, column 'relation': this cell is empty.\n- edges.csv: the file is empty."
    )
    assert str(error) == error.report()


def test_report_of_a_real_file_names_each_problem_once():
    with pytest.raises(ValidationError) as caught:
        load_graph(BAD / "all_problems.csv")
    report = caught.value.report().splitlines()
    assert report[0] == "6 problems found:"
    assert report[1:] == [f"- {p}" for p in caught.value.problems]
    assert "- all_problems.csv, row 4, column 'target': this link connects 'C' to itself" in caught.value.report()


def test_a_long_report_is_cut_and_says_how_many_more():
    rows = "".join(f"A{i},cause,,B{i},symptom,,,\n" for i in range(MAX_PROBLEMS + 50))
    with pytest.raises(ValidationError) as caught:
        load_text(HEADER + rows)
    error = caught.value
    assert error.total == MAX_PROBLEMS + 50
    assert len(error.problems) == MAX_PROBLEMS
    assert error.report().splitlines()[-1] == "- … and 50 more of the same kinds."


def test_missing_file_is_a_validation_error(tmp_path):
    (problem,) = problems_of(tmp_path / "nowhere.csv")
    assert problem.file == "nowhere.csv" and "cannot be read" in problem.message


# --- what must load -----------------------------------------------------------


def test_a_plain_file_loads_with_spreadsheet_rows_and_link_ids():
    kg = load_text(HEADER + "A,cause,leads to,B,condition,Causes,why,1;2\nB,condition,causes,C,symptom,,,\n")
    assert list(kg.links.index) == [0, 1] and kg.links.index.name == "link_id"
    assert list(kg.links["file_row"]) == [2, 3]
    assert kg.links.loc[0, ["source", "relation", "target", "section", "explanation", "sources"]].tolist() == [
        "A",
        "leads to",
        "B",
        "Causes",
        "why",
        "1;2",
    ]
    assert dict(kg.concepts["type"]) == {"A": "cause", "B": "condition", "C": "symptom"}
    assert sorted(kg.graph.edges(keys=True)) == [("A", "B", 0), ("B", "C", 1)]
    assert kg.graph.edges["A", "B", 0] == {"relation": "leads to"}
    assert kg.graph.nodes["C"] == {"type": "symptom", "group": "", "description": ""}


def test_optional_columns_may_be_left_out():
    kg = load_text("source,source_type,relation,target,target_type\nA,cause,leads to,B,condition\n")
    assert kg.links.loc[0, ["section", "explanation", "sources"]].tolist() == ["", "", ""]
    assert kg.link(0).sources == ()


def test_columns_may_come_in_any_order():
    kg = load_text("target,relation,source,target_type,source_type\nB,leads to,A,condition,cause\n")
    assert kg.link(0).sentence == "A → leads to → B"


def test_utf8_with_bom_loads():
    kg = load_graph_bytes(codecs.BOM_UTF8 + (HEADER + "Café,cause,leads to,Über,condition,,,\n").encode(), "edges.csv")
    assert list(kg.links.columns[:2]) == ["file_row", "source"]
    assert kg.link(0).sentence == "Café → leads to → Über"


def test_line_break_inside_a_quoted_cell_loads_and_keeps_later_rows_right():
    text = HEADER + 'A,cause,leads to,B,condition,Causes,"one line\nand another",1\nB,condition,causes,C,symptom,,,\n'
    kg = load_text(text)
    assert kg.link(0).explanation == "one line\nand another"
    assert list(kg.links["file_row"]) == [2, 4]


def test_blank_lines_are_skipped_and_rows_still_counted():
    kg = load_text(HEADER + "\nA,cause,leads to,B,condition,,,\n\n\nB,condition,causes,C,symptom,,,\n\n")
    assert list(kg.links["file_row"]) == [3, 6]


def test_a_row_of_only_commas_is_skipped():
    kg = load_text(HEADER + "A,cause,leads to,B,condition,,,\n,,,,,,,\nB,condition,causes,C,symptom,,,\n")
    assert len(kg.links) == 2
    assert list(kg.links["file_row"]) == [2, 4]


def test_windows_line_ends_load():
    kg = load_text((HEADER + "A,cause,leads to,B,condition,,,\nB,condition,causes,C,symptom,,,\n").replace("\n", "\r\n"))
    assert kg.link(1).sentence == "B → causes → C"
    assert list(kg.links["file_row"]) == [2, 3]


def test_very_long_labels_load():
    long_label = "Dopamine " * 2000
    kg = load_text(HEADER + f"{long_label},cause,leads to,B,condition,,{'x' * 50_000},\n")
    assert long_label.strip() in kg.graph
    assert len(kg.link(0).explanation) == 50_000


def test_whitespace_is_trimmed_and_case_is_kept():
    kg = load_text(
        " source , source_type,relation,target,target_type\n  Levodopa , treatment ,  may raise ,Dopamine levels  ,concept\n"
    )
    assert kg.link(0).sentence == "Levodopa → may raise → Dopamine levels"
    assert kg.concept("Levodopa")["type"] == "treatment"
    assert "levodopa" not in kg.graph


def test_same_concept_with_different_spacing_is_one_concept():
    kg = load_text(HEADER + "A,cause,leads to,B,condition,,,\n A ,cause,also leads to,C,symptom,,,\n")
    assert sorted(kg.graph.nodes) == ["A", "B", "C"]


def test_labels_differing_in_case_are_different_concepts():
    kg = load_text(HEADER + "Stress,cause,leads to,stress,condition,,,\n")
    assert sorted(kg.graph.nodes) == ["Stress", "stress"]


def test_extra_columns_are_kept_even_one_called_row():
    kg = load_text("source,source_type,relation,target,target_type,row,note\nA,cause,leads to,B,condition,7,mine\n")
    assert kg.links.loc[0, ["row", "note", "file_row"]].tolist() == ["7", "mine", 2]


def test_nodes_and_sources_companions_fill_in_concepts():
    kg = load_text(
        HEADER + "A,cause,leads to,B,condition,,,1\n",
        nodes=(b"concept,type,group,description\nB,condition,body,What B is\nLonely,concept,,Not linked\n", "nodes.csv"),
        sources=(b"number,title,publisher,date,note\n1,The one,Pub,2020,\n", "sources.csv"),
    )
    assert kg.concept("B") == {"type": "condition", "group": "body", "description": "What B is"}
    assert kg.concept("A") == {"type": "cause", "group": "", "description": ""}
    # A concept only described in nodes.csv is still content.
    assert "Lonely" in kg.graph and kg.concept("Lonely")["type"] == "concept"
    assert kg.source_label(1) == "[1] The one (Pub, 2020)"
    assert kg.source_label(9) == "[9]"


def test_problems_in_several_files_are_reported_together():
    problems = problems_in(
        HEADER + "A,cause,leads to,B,condition,,,1;4\n",
        nodes=(b"concept,type,group,description\nA,cause,,\nA,cause,,\n", "nodes.csv"),
        sources=(b"number,title\n1,One\n", "sources.csv"),
    )
    assert {(p.file, p.row, p.column) for p in problems} == {("edges.csv", 2, "sources"), ("nodes.csv", 3, "concept")}


def test_companion_files_are_found_beside_the_edges_file(tmp_path):
    (tmp_path / "edges.csv").write_text(HEADER + "A,cause,leads to,B,condition,,,3\n")
    (tmp_path / "sources.csv").write_text("number,title\n1,One\n")
    (problem,) = problems_of(tmp_path / "edges.csv")
    assert (problem.file, problem.row, problem.column) == ("edges.csv", 2, "sources")
    assert "source 3 is not listed in sources.csv" in problem.message


def test_a_formula_guard_apostrophe_is_removed_on_load():
    # The export's guard: quoted, an apostrophe, then a character a spreadsheet would run.
    kg = load_text(HEADER + '"\'=A",cause,"\'+leads","\'-B",condition,,"\'@x, y",\n')
    assert kg.link(0).sentence == "=A → +leads → -B"
    assert kg.link(0).explanation == "@x, y"


def test_an_apostrophe_a_person_typed_is_kept():
    kg = load_text(HEADER + "'+' operator,concept,'-' is,'=' sign,concept,,'quoted',\n")
    assert kg.link(0).sentence == "'+' operator → '-' is → '=' sign"
    assert kg.link(0).explanation == "'quoted'"


def test_read_table_trims_and_reports():
    table = read_table(b" number , title \n 1 ,  One \n", "sources.csv")
    assert list(table.columns) == ["number", "title"]
    assert table.loc[2].tolist() == ["1", "One"]
    with pytest.raises(ValidationError):
        read_table(b"", "sources.csv")


# --- never anything but a graph or a ValidationError ------------------------------

CSV_ALPHABET = ["a", "B", " ", ",", ",", '"', '"', "\n", "\n", "\r", ";", "\t", "'", "=", "1", "\ufeff", "é", "\x00"]


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=400), st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass"))))
def test_any_bytes_give_a_graph_or_a_validation_error(data):
    _graph_or_validation_error(data)


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.sampled_from([HEADER, HEADER.replace(",sources", ""), "source,source_type,relation,target,target_type\n", ""]),
    body=st.lists(st.sampled_from(CSV_ALPHABET + ["A", "B", "cause", "symptom", "leads to"]), max_size=120).map("".join),
    bom=st.booleans(),
)
def test_any_csv_like_text_gives_a_graph_or_a_validation_error(header, body, bom):
    _graph_or_validation_error((("\ufeff" if bom else "") + header + body).encode("utf-8"))


def _graph_or_validation_error(data: bytes) -> None:
    try:
        kg = load_graph_bytes(data, "edges.csv")
    except ValidationError as err:
        assert err.problems and all(isinstance(p, Problem) for p in err.problems)
        assert all(p.row is None or p.row >= 1 for p in err.problems)
        assert err.report().startswith(f"{counted(err.total, 'problem')} found:")
        return
    assert isinstance(kg, KnowledgeGraph)
    assert kg.graph.number_of_edges() == len(kg.links)
    assert set(kg.graph.nodes) == set(kg.concepts.index)
    assert (kg.links["file_row"] >= 2).all()


def test_a_missing_column_does_not_hide_empty_cells_in_the_others():
    problems = problems_in("source,source_type,relation,target\nA,idea,,B\n")
    assert [(p.row, p.column) for p in problems] == [(1, "target_type"), (2, "relation")]


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_the_fast_reader_for_big_files_reports_exactly_what_the_careful_one_does(name, monkeypatch):
    import graph.files.table

    careful = [str(p) for p in problems_of(BAD / name)]
    monkeypatch.setattr(graph.files.table, "_FAST_READ_BYTES", 0)  # every file counts as big
    assert [str(p) for p in problems_of(BAD / name)] == careful


def test_the_fast_reader_loads_the_same_graph(monkeypatch):
    import graph.files.table

    careful = load_graph(ARTICLE)
    text = HEADER + '"A, with comma",x,"says ""hi""\nthen",B,y,,,\n\nB,y,r,C,z,,,\n'
    careful_small = load_text(text)
    monkeypatch.setattr(graph.files.table, "_FAST_READ_BYTES", 0)
    for before, after in ((careful, load_graph(ARTICLE)), (careful_small, load_text(text))):
        assert before.links.equals(after.links)
        assert before.concepts.equals(after.concepts)
        assert sorted(before.graph.edges(keys=True)) == sorted(after.graph.edges(keys=True))


def test_files_as_uploaded_are_recognised_by_name():
    from graph.files.load import load_files

    kg = load_files(
        [
            ("nodes.csv", b"concept,type,group,description\nA,idea,,The first.\n"),
            ("mine.csv", (HEADER + "A,idea,r,B,idea,,,\n").encode()),
        ]
    )
    assert kg.concept("A")["description"] == "The first."
    with pytest.raises(ValidationError, match="is a links file too"):
        load_files([("one.csv", (HEADER + "A,x,r,B,y,,,\n").encode()), ("two.csv", (HEADER + "C,x,r,D,y,,,\n").encode())])
    with pytest.raises(ValidationError, match="no links file"):
        load_files([("nodes.csv", b"concept,type\nA,idea\n")])


def test_column_names_match_whatever_their_capitals():
    kg = load_graph_bytes(b"Source,Source_Type,RELATION,Target,target_type\nA,idea,r,B,idea\n", "caps.csv")
    assert list(kg.graph.edges(keys=True)) == [("A", "B", 0)]


def test_read_tables_validates_as_load_graph_does_without_building_the_graph():
    """``python -m graph check`` reads the tables only: the same tables, the same problems, no networkx graph."""
    tables, kg = read_tables(ARTICLE), load_graph(ARTICLE)
    assert tables.links.equals(kg.links) and tables.concepts.equals(kg.concepts) and tables.sources.equals(kg.sources)
    assert len(tables.concepts) == kg.graph.number_of_nodes() and len(tables.links) == kg.graph.number_of_edges()
    for name in ("two_types.csv", "unknown_source/edges.csv", "nodes_type_conflict/edges.csv", "all_problems.csv"):
        with pytest.raises(ValidationError) as caught:
            read_tables(BAD / name)
        assert caught.value.problems == problems_of(BAD / name)


# --- the CSV's structure, found from what was read --------------------------------------
#
# Both readers are checked: the csv module's (files under 1 MB) and pyarrow's, for which every
# file is made to count as big. What pyarrow objects to, the careful reader names.

BOTH_READERS = pytest.mark.parametrize("fast", [False, True], ids=["careful", "fast"])


def read_with(data: bytes, fast: bool):
    import graph.files.table

    with mock.patch.object(graph.files.table, "_FAST_READ_BYTES", 0 if fast else graph.files.table._FAST_READ_BYTES):
        return read_table(data, "table.csv")


def problems_reading(data: bytes, fast: bool) -> list[tuple[int | None, str]]:
    with pytest.raises(ValidationError) as caught:
        read_with(data, fast)
    return [(p.row, p.message) for p in caught.value.problems]


@BOTH_READERS
def test_every_row_with_too_many_cells_is_reported_not_only_the_first(fast):
    problems = problems_reading(b"a,b\n1,2\n1,2,3\n4,5\n6,7,8,9\n", fast)
    assert [row for row, _ in problems] == [3, 5]
    assert "this row has 4 cells but the header has 2 columns" in problems[1][1]


@BOTH_READERS
def test_a_row_with_fewer_cells_reads_with_empty_cells_at_its_end(fast):
    table = read_with(b"a,b,c\n1\n2,3\n", fast)
    assert table.to_dict("index") == {2: {"a": "1", "b": "", "c": ""}, 3: {"a": "2", "b": "3", "c": ""}}


@BOTH_READERS
@pytest.mark.parametrize(
    "text, row",
    [
        ('a,b\n1,"2', 2),  # on the last line, with no line end
        ('a,b\n1,"2\n', 2),  # on the last line: only its line end is swallowed
        ('a,b\n1,"2\n3,4\n\n5,6\n', 2),  # early: the rest of the file is in its cell
        ('a,b\n"x\ny",2\n3,"4\n', 4),  # after a line break in a quoted cell
    ],
)
def test_a_quote_never_closed_is_reported_at_the_row_it_opens_in(fast, text, row):
    assert problems_reading(text.encode(), fast) == [
        (row, "the CSV cannot be read: a double quote is opened but never closed; check the quotes in the row named.")
    ]


def test_a_quote_never_closed_in_the_header_is_reported():
    (problem,) = problems_in('source,"source_type\nA,b\n')
    assert (problem.row, problem.column) == (1, None) and "never closed" in problem.message


@BOTH_READERS
def test_quotes_inside_a_cell_are_read_as_a_spreadsheet_writes_them(fast):
    table = read_with(b'a,b\nx"y,"p""q"\n"r"s,t\n', fast)
    assert table.values.tolist() == [['x"y', 'p"q'], ["rs", "t"]]


@BOTH_READERS
def test_lines_of_spaces_are_blank_lines(fast):
    table = read_with(b"a,b\n   \n1,2\n\t\n\n3,4\n", fast)
    assert table.index.tolist() == [3, 6] and table.values.tolist() == [["1", "2"], ["3", "4"]]


def test_a_cell_longer_than_the_csv_modules_default_limit_is_read():
    explanation = "x" * 200_000  # the csv module refuses cells of over 131,072 characters unless told otherwise
    kg = load_text(HEADER + f'A,cause,leads to,B,condition,,"{explanation}",\n')
    assert kg.link(0).explanation == explanation


def test_a_cell_pyarrow_cannot_hold_in_one_block_is_read_by_the_careful_reader():
    # pyarrow reads a big file in blocks of 1 MB and raises ArrowInvalid for a cell that straddles two.
    import pyarrow as pa
    from pyarrow import csv as pa_csv

    data = ('a,b\n1,"' + "x" * 3_000_000 + '"\n2,3\n').encode()
    with pytest.raises(pa.ArrowInvalid):
        pa_csv.read_csv(pa.py_buffer(data), parse_options=pa_csv.ParseOptions(newlines_in_values=True))
    table = read_with(data, fast=True)
    assert table.index.tolist() == [2, 3] and len(table.loc[2, "b"]) == 3_000_000


# --- property: a malformed CSV is read right or reported at the right row ----------------

CELL = st.text(alphabet=["x", "Y", "é", " ", ",", '"', "\n", ";"], max_size=6)
DEFECTS = ["none", "too many cells", "too few cells", "quote never closed"]


@st.composite
def csv_files(draw):
    """A CSV file as a spreadsheet (Python's csv writer) would write it, with blank lines and lines of spaces
    between its records, and perhaps one defect; and what reading it must give: each record's cells
    and spreadsheet row, or the row and wording of the one problem."""
    width = draw(st.integers(2, 4))
    records = draw(st.lists(st.lists(CELL, min_size=width, max_size=width), min_size=1, max_size=8))
    defect = draw(st.sampled_from(DEFECTS))
    broken = draw(st.integers(0, len(records) - 1)) if defect != "quote never closed" else len(records) - 1
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=ending, quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    writer.writerow(["one", "two", "three", "four"][:width])
    expected = []
    for position, cells in enumerate(records):
        out.write(draw(st.sampled_from(["", "", ending, "  " + ending])))  # a blank line, or spaces, before some
        row = out.getvalue().count("\n") + 1
        if position == broken and defect == "too many cells":
            writer.writerow(cells + ["extra"])
            expected = [(row, f"this row has {width + 1} cells but the header has {width} columns")]
        elif position == broken and defect == "too few cells":
            writer.writerow(cells[:1])
            records[position] = cells[:1] + [""] * (width - 1)
        elif position == broken and defect == "quote never closed":
            out.write(',"never closed' + ending)  # a quote opened, and no quote after it
            expected = [(row, "a double quote is opened but never closed")]
        else:
            writer.writerow(cells)
        records[position] = (row, records[position])
    if rest := draw(st.sampled_from(["", ending, ending + ending])):
        out.write(rest)
    return out.getvalue().encode("utf-8"), width, records, expected


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(csv_files(), st.booleans())
def test_a_generated_csv_is_read_right_or_reported_at_the_right_row(case, fast):
    data, width, records, expected = case
    if expected:
        problems = problems_reading(data, fast)
        assert [(row, fragment) for (row, message), (_, fragment) in zip(problems, expected) if fragment in message] == expected
        assert len(problems) == len(expected)
        return
    table = read_with(data, fast)
    # What a person wrote, trimmed; a row of empty cells carries nothing and is dropped.
    kept = [(row, [cell.strip() for cell in cells]) for row, cells in records if any(cell.strip() for cell in cells)]
    assert list(table.columns) == ["one", "two", "three", "four"][:width]
    assert table.index.tolist() == [row for row, _ in kept]
    assert table.values.tolist() == [cells for _, cells in kept]


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(CSV_ALPHABET[:-1] + ["A", "B"]), max_size=80).map("".join))
def test_both_readers_read_any_csv_like_text_alike(body):
    data = ("one,two\n" + body).encode("utf-8")
    outcomes = []
    for fast in (False, True):
        try:
            table = read_with(data, fast)
        except ValidationError as err:
            outcomes.append([str(p) for p in err.problems])
        else:
            outcomes.append((table.index.tolist(), table.columns.tolist(), table.values.tolist()))
    assert outcomes[0] == outcomes[1]


def test_a_link_said_twice_with_other_evidence_is_not_a_repeated_row():
    """Rows are compared whole: the same link may be stated in two sections, and only an exact copy is refused."""
    rows = [
        "A,cause,can cause,B,symptom,Causes,One reason.,",
        "A,cause,can cause,B,symptom,Symptoms,Another reason.,",
        "A,cause,can cause,B,symptom,Causes,One reason.,",
        "A,cause,can cause,B,symptom,Symptoms,Another reason,",
    ]
    problems = problems_in(HEADER + "\n".join(rows) + "\n")
    assert [(p.row, p.message) for p in problems] == [(4, "this row repeats row 2 exactly; delete one of them.")]
    kg = load_text(HEADER + "\n".join(rows[:2] + rows[3:]) + "\n")
    assert kg.graph.number_of_edges("A", "B") == 3
