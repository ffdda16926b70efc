"""The hostile-input audit (issue 15), kept in the suite: each defect it found is a test here.

The hostile files live in ``tests/fixtures/hostile/``. Each test failed before its fix: small files
that burned minutes of CPU, numbers that crashed pages, data changed or lost silently, links made from
data, and a command line that let data drive the terminal.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from graph.__main__ import main
from graph.core.text import WORD_JOINER, plain
from graph.files.export import to_csv, to_csv_zip
from graph.files.load import MAX_COLUMNS, ValidationError, load_files, load_graph, load_graph_bytes
from graph.params import read_params, whole_number
from graph.teaching.tours import load_tour
from tests.apptest import unescape
from tests.conftest import HEADER
from tests.explorer.test_app_share import (
    ARTICLE_TITLE,
    SMALL,
    button,
    database,  # noqa: F401 (a fixture)
    params_of,
    published_water,
    title,
)
from tests.explorer.test_app_share import upload as upload_files

REPO = Path(__file__).resolve().parents[1]
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
HUGE = "9" * 5000  # Python refuses int() of more than 4,300 digits


def problems_of(path: Path) -> list:
    with pytest.raises(ValidationError) as caught:
        load_graph(path)
    return caught.value.problems


def where(problem) -> tuple:
    return problem.file, problem.row, problem.column


# --- resource exhaustion ----------------------------------------------------------------------


def test_a_header_of_ten_thousand_columns_is_refused_before_parsing():
    (problem,) = problems_of(HOSTILE / "many_columns.csv")
    assert where(problem) == ("many_columns.csv", 1, None)
    assert f"the header has 10,000 columns; a graph needs at most {MAX_COLUMNS}" in problem.message


def test_a_header_of_sixty_four_columns_is_still_read():
    columns = ["source", "source_type", "relation", "target", "target_type"] + [f"extra{i}" for i in range(MAX_COLUMNS - 5)]
    kg = load_graph_bytes((",".join(columns) + "\n" + "A,cause,leads to,B,condition" + ",x" * (MAX_COLUMNS - 5) + "\n").encode())
    assert kg.links.loc[0, "extra58"] == "x"


@pytest.mark.parametrize("device", ["/dev/zero", "fifo", "symlink to /dev/zero"])
def test_the_command_line_refuses_what_is_not_a_regular_file(device, tmp_path, capsys):
    if device == "fifo":
        path = tmp_path / "pipe.csv"
        os.mkfifo(path)  # opening it would wait for a writer for ever
    elif device.startswith("symlink"):
        path = tmp_path / "zero.csv"
        path.symlink_to("/dev/zero")
    else:
        path = Path(device)
    assert main(["check", str(path)]) == 1
    assert f"{path.name}: is not a regular file" in capsys.readouterr().err


def test_the_command_line_refuses_a_file_over_its_size_limit(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KG_MAX_FILE_MB", "0.01")  # read when the file is read, not when the module was imported
    big = tmp_path / "big.csv"
    big.write_text(HEADER + "A,cause,leads to,B,condition,,,\n" * 400)  # 13 kB, over 0.01 MiB
    assert main(["check", str(big)]) == 1
    assert "big.csv: the file is 0.0 MB; the limit is 0 MB." in capsys.readouterr().err


# --- crashes: numbers of thousands of digits, a crafted click --------------------------------


def test_a_number_of_five_thousand_digits_in_a_sources_cell_is_refused():
    (problem,) = problems_of(HOSTILE / "huge_number_in_sources_cell.csv")
    assert where(problem) == ("huge_number_in_sources_cell.csv", 2, "sources")
    assert "a number of more than 18 digits" in problem.message
    assert len(problem.message) < 200  # the cell is shortened, not echoed whole


def test_a_source_number_of_five_thousand_digits_is_refused():
    (problem,) = problems_of(HOSTILE / "huge_source_number" / "edges.csv")
    assert where(problem) == ("sources.csv", 3, "number")
    assert "has more than 18 digits" in problem.message


def test_a_tour_step_of_five_thousand_digits_is_refused_with_its_row():
    kg = load_graph(HOSTILE / "huge_step" / "edges.csv")
    with pytest.raises(ValidationError) as caught:
        load_tour(HOSTILE / "huge_step" / "tour-long.csv", None, kg)
    (problem,) = caught.value.problems
    assert where(problem) == ("tour-long.csv", 3, "step")
    assert "is not a step number" in problem.message


@pytest.mark.parametrize("text", [HUGE, "²", "-1", "1e3", "", " 12x"])
def test_whole_number_refuses_what_int_would_choke_on(text):
    assert whole_number(text) is None


def test_a_url_with_a_page_number_of_five_thousand_digits_shows_the_first_page():
    kg = load_graph(REPO / "data" / "edges.csv")
    state, _ = read_params({"page": HUGE}, kg)
    assert state.page == 0


def test_the_app_survives_urls_with_huge_numbers():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params.update(page=HUGE, quiz=HUGE, step=HUGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.run()  # the next rerun of that session too
    assert not at.exception, [e.value for e in at.exception]


def _click_an_edge_called_superscript_two():
    from pathlib import Path

    import streamlit as st

    from explorer.panels import explore
    from graph.files.load import load_graph

    kg = load_graph(Path.cwd() / "data" / "edges.csv")
    explore.handle_click(kg, {"kind": "edge", "id": "²"})  # "²".isdigit() is True, int("²") raises
    st.write("click handled")


def test_a_crafted_edge_click_does_not_raise(monkeypatch):
    monkeypatch.chdir(REPO)
    at = AppTest.from_function(_click_an_edge_called_superscript_two, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.markdown[0].value == "click handled"


# --- data changed or lost silently ------------------------------------------------------------


def test_sources_written_with_a_space_or_a_tab_are_refused_not_misread():
    problems = problems_of(HOSTILE / "sources_with_space.csv")
    assert [where(p) for p in problems] == [("sources_with_space.csv", 2, "sources"), ("sources_with_space.csv", 3, "sources")]
    assert all("is not a list of source numbers" in p.message for p in problems)


def test_sources_lists_with_semicolons_and_spaces_still_load():
    kg = load_graph_bytes((HEADER + "A,cause,leads to,B,condition,,,1 ; 5\nB,condition,leads to,C,symptom,,,3;\n").encode())
    assert [kg.link(0).sources, kg.link(1).sources] == [(1, 5), (3,)]


def test_apostrophes_a_person_typed_are_kept_through_load_edit_and_export():
    kg = load_graph(HOSTILE / "typed_apostrophes.csv")
    assert kg.link(0).sentence == "'+' operator → adds → '=' sign"
    assert kg.link(0).explanation == "'quoted' on purpose"
    # A table edit writes the links with pandas and loads them again: nothing is stripped, however often.
    edited = kg.links.drop(columns="file_row").to_csv(index=False).encode()
    again = load_files([("edited-links.csv", edited)])
    assert again.link(0).sentence == kg.link(0).sentence
    # The export guards them (a spreadsheet would run "=..." as a formula), and loading undoes exactly that.
    exported = to_csv(kg)
    assert b"\"''+' operator\"" in exported and b"\"'=' sign\"" not in exported
    assert load_graph_bytes(exported).link(0).sentence == kg.link(0).sentence


def test_extra_columns_are_kept_through_load_edit_and_export_even_one_called_file_row():
    kg = load_graph(HOSTILE / "extra_columns.csv")
    assert kg.links.loc[0, "file_row"] == 2  # the loader's own: the row the link came from
    exported = pd.read_csv(io.BytesIO(to_csv(kg)), dtype=str, keep_default_na=False)
    assert exported.loc[0, ["file_row", "notes"]].tolist() == ["r-7", "check this"]
    again = load_graph_bytes(to_csv(kg))
    assert pd.read_csv(io.BytesIO(to_csv(again)), dtype=str, keep_default_na=False).equals(exported)


def test_the_whole_graph_csv_zip_keeps_descriptions_groups_lone_concepts_and_sources():
    kg = load_graph_bytes(
        (HEADER + "A,cause,leads to,B,condition,,,1\n").encode(),
        nodes=(b"concept,type,group,description\nA,cause,body,What A is\nLonely,idea,,Not linked\n", "nodes.csv"),
        sources=(b"number,title\n1,The one source\n", "sources.csv"),
    )
    archive = to_csv_zip(kg)
    assert sorted(zipfile.ZipFile(io.BytesIO(archive)).namelist()) == ["edges.csv", "nodes.csv", "sources.csv"]
    again = load_files([("graph-csv.zip", archive)])
    assert again.concepts.to_dict() == kg.concepts.to_dict()
    assert again.source_label(1) == kg.source_label(1)
    assert "Lonely" in again.graph


def test_a_zip_that_unpacks_to_too_much_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("edges.csv", HEADER + " " * 2_000_000)
    from graph.files.load import unzip_files

    with pytest.raises(ValidationError, match="unpacked, the zip holds more than"):
        unzip_files([("bomb.zip", out.getvalue())], max_bytes=1_000_000)


def test_control_characters_in_names_are_refused_so_xml_cannot_merge_two_concepts():
    problems = problems_of(HOSTILE / "control_in_names.csv")
    assert [where(p) for p in problems] == [("control_in_names.csv", 2, "source"), ("control_in_names.csv", 2, "target")]
    assert "contains a control character ('\\x01')" in problems[0].message


def test_a_nul_byte_late_in_the_file_is_refused():
    (problem,) = problems_of(HOSTILE / "late_nul.csv")
    assert "this is not a text file (it contains binary data)" in problem.message


def test_nfc_and_nfd_spellings_are_one_concept():
    kg = load_graph(HOSTILE / "nfc_and_nfd.csv")
    assert sorted(kg.graph.nodes) == ["Café", "Coffee", "Tea"]
    assert kg.graph.degree("Café") == 2


def test_invisible_names_are_refused():
    problems = problems_of(HOSTILE / "invisible_name.csv")
    assert [where(p) for p in problems] == [("invisible_name.csv", 2, "source"), ("invisible_name.csv", 3, "target")]
    assert "has no visible character ('\\u200b')" in problems[0].message


# --- the picture and the panel: no links made from data --------------------------------------


@pytest.mark.parametrize(
    "text, broken",
    [
        ("https://example.com/x", "https" + WORD_JOINER),
        ("see WWW.example.org", "WWW" + WORD_JOINER),
        ("a.b@example.com", "b" + WORD_JOINER + "@"),
        ("mailto:a@b.c", "mailto" + WORD_JOINER),
    ],
)
def test_plain_breaks_what_markdown_would_autolink(text, broken):
    assert broken in plain(text)


def test_plain_leaves_ordinary_text_alone():
    assert plain("Dopamine deficiency: what it is, and why (2 ways)") == "Dopamine deficiency: what it is, and why \\(2 ways\\)"


# --- the command line -------------------------------------------------------------------------


def cli(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "graph", *args],
        cwd=REPO,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        **kwargs,
    )


def test_show_on_a_windows_console_falls_back_to_ascii_arrows():
    done = cli("show", "data/edges.csv", "Dopamine deficiency", env={"PYTHONIOENCODING": "cp1252"})
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("cp1252")
    assert "Dopamine deficiency -> " in out and "→" not in out


def test_escape_sequences_in_data_are_printed_escaped(capsys):
    assert main(["show", str(HOSTILE / "escape_sequences.csv"), "A"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "clear \\x1b[2J title \\x1b]0;pwned\\x07 csi \\x9b2J" in out


def test_output_piped_into_head_ends_silently():
    # A reader that stops after one line, as `| head -1` does.
    command = [sys.executable, "-m", "graph", "show", "data/edges.csv", "Dopamine deficiency", "--depth", "3"]
    producer = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    producer.stdout.readline()
    producer.stdout.close()
    err = producer.stderr.read().decode()
    producer.wait(timeout=120)
    assert err == ""


def test_export_onto_its_own_input_is_refused(tmp_path, capsys):
    edges = tmp_path / "edges.csv"
    edges.write_bytes((REPO / "data" / "edges.csv").read_bytes())
    before = edges.read_bytes()
    for output in (edges, tmp_path / "." / "edges.csv"):
        assert main(["export", str(edges), "--format", "json", "-o", str(output)]) == 1
    assert "is the graph's own file edges.csv" in capsys.readouterr().err
    assert edges.read_bytes() == before


def test_export_csv_to_a_folder_or_zip_keeps_the_whole_graph(tmp_path, capsys):
    article = load_graph(REPO / "data" / "edges.csv")
    for output in (tmp_path / "folder", tmp_path / "graph.zip"):
        assert main(["export", "data/edges.csv", "--format", "csv", "-o", str(output)]) == 0
        again = load_graph(output)
        assert again.concepts.to_dict() == article.concepts.to_dict()
        assert again.sources.equals(article.sources)
    assert main(["export", "data/edges.csv", "--format", "csv", "-o", str(tmp_path / "links.csv")]) == 0
    assert "the links only" in capsys.readouterr().out


def test_export_html_holds_every_part_of_a_graph(tmp_path, capsys):
    page = tmp_path / "parts.html"
    assert main(["export", str(HOSTILE / "two_parts.csv"), "--format", "html", "-o", str(page)]) == 0
    text = page.read_text("utf-8")
    assert all(f'"name": "{name}"' in text for name in "ABCD")  # the page keys nodes by opaque ids, each with its name
    assert "view of" not in capsys.readouterr().out


def test_export_html_of_a_hub_says_plainly_that_it_is_a_view(tmp_path, capsys):
    page = tmp_path / "hub.html"
    assert main(["export", str(HOSTILE / "hub.csv"), "--format", "html", "-o", str(page)]) == 0
    note = "a view of 150 of the 401 concepts, around 'Hub'"
    assert note in capsys.readouterr().out
    assert note.replace("'", "&#x27;") in page.read_text("utf-8")


# --- the same through the app -----------------------------------------------------------------


def test_the_app_takes_back_its_whole_graph_zip_and_keeps_typed_apostrophes_through_an_edit():
    from tests.apptest import start
    from tests.explorer.test_app_your_graph import concepts, open_editor, report, upload

    kg = load_graph_bytes(
        (HEADER + "'+' operator,operator,adds,'=' sign,operator,,,1\n").encode(),
        nodes=(b"concept,type,group,description\nLonely,idea,,Not linked\n", "nodes.csv"),
        sources=(b"number,title\n1,The one source\n", "sources.csv"),
    )
    at = start()
    upload(at, ("graph-csv.zip", to_csv_zip(kg)))
    assert report(at) == ([], [])
    assert sorted(concepts(at)) == ["'+' operator", "'=' sign", "Lonely"]
    at = open_editor(at)
    for _ in range(2):  # each edit once stripped one more apostrophe
        at = at.button(key="apply_edits").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert sorted(concepts(at)) == ["'+' operator", "'=' sign", "Lonely"]


def test_a_first_row_of_twenty_thousand_cells_is_refused_before_pandas_reads_it():
    # pandas took 6 s for this 40 KB file (and 395 s for a row of a million cells): its time grows with the square.
    (problem,) = problems_of(HOSTILE / "long_first_row.csv")
    assert where(problem) == ("long_first_row.csv", 2, None)
    assert "this row has 20000 cells but the header has 8 columns" in problem.message


# --- round three (issue 26): spreadsheet bombs, unbounded work before expanding ----------------


def bounded_run(code: str, memory_mb: int = 700, timeout: int = 120) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh Python whose address space may grow by ``memory_mb`` after its imports, so that a
    file that asks for gigabytes fails the test (MemoryError) instead of taking the machine down."""
    prelude = (
        "import resource, graph.files.formats, graph.files.load\n"
        "size = int(open('/proc/self/status').read().split('VmSize:')[1].split()[0]) * 1024\n"
        f"resource.setrlimit(resource.RLIMIT_AS, (size + {memory_mb} * 2**20, resource.RLIM_INFINITY))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", prelude + code],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=timeout,
    )


def workbook_bytes(rows: list[list[str]], far_cells: dict[str, str] | None = None, sheets: dict | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for where_, value in (far_cells or {}).items():
        sheet[where_] = value
    for sheet_title, extra in (sheets or {}).items():
        other = book.create_sheet(sheet_title)
        for row in extra:
            other.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def replaced_member(xlsx: bytes, member: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, data if item.filename == member else old.read(item.filename))
    return out.getvalue()


def with_shared_strings(xlsx: bytes, table: bytes) -> bytes:
    """The workbook with ``table`` as its shared strings (openpyxl writes its strings inline, so it has none)."""
    override = (
        b'<Override PartName="/xl/sharedStrings.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            new.writestr(item.filename, data.replace(b"</Types>", override) if item.filename == "[Content_Types].xml" else data)
        new.writestr("xl/sharedStrings.xml", table)
    return out.getvalue()


SHEET = [HEADER.strip().split(",")[:5], ["Rain", "cause", "can cause", "Flood", "effect"]]


def converted_problem(files, **kwargs) -> str:
    from graph.files.formats import to_csv_files

    with pytest.raises(ValidationError) as caught:
        load_files(to_csv_files(files, **kwargs))
    (problem,) = caught.value.problems
    return str(problem)


def test_an_xlsx_with_one_far_cell_is_refused_without_expanding_the_sheet(tmp_path):
    # Case 1: A1-E2 and one cell at XFD1048576, 1.7 KB; the sheet reader padded every row to 16,384 columns.
    path = tmp_path / "far.xlsx"
    path.write_bytes(workbook_bytes(SHEET, {"XFD1048576": "x"}))
    done = bounded_run(
        "from graph.files.formats import to_csv_files\n"
        "from graph.files.load import ValidationError\n"
        f"data = open({str(path)!r}, 'rb').read()\n"
        "try:\n    to_csv_files([('far.xlsx', data)])\n"
        "except ValidationError as err:\n    print(err.problems[0])\n"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "far.xlsx, row 1048576: the sheet 'Sheet' has a cell in row 1,048,576; the limit here is 200,000 rows" in done.stdout


def test_an_xlsx_with_a_cell_right_of_the_limit_is_refused_naming_its_column():
    message = converted_problem([("wide.xlsx", workbook_bytes(SHEET, {"BM2": "x"}))])
    assert message.startswith(
        "wide.xlsx, row 2: the sheet 'Sheet' has a cell in column BM; a graph's sheet has at most 64 columns"
    )


def test_an_xlsx_row_limit_counts_rows_after_the_header_and_keeps_empty_rows_for_row_numbers():
    from graph.files.formats import to_csv_files

    rows = SHEET + [[], ["Flood", "effect", "can cause", "Damage", "effect"]]  # row 3 empty: the link is row 4
    (name, data), *_ = to_csv_files([("rows.xlsx", workbook_bytes(rows))], max_rows=3)
    assert load_files([(name, data)]).links["file_row"].tolist() == [2, 4]
    message = converted_problem([("rows.xlsx", workbook_bytes(rows))], max_rows=2)
    assert "rows.xlsx, row 4: the sheet 'Sheet' has a cell in row 4; the limit here is 2 rows after the header" in message


def test_an_xlsx_with_a_bloated_table_of_shared_strings_is_refused_before_it_is_read():
    # Case 2: 875 KB holding 20 million tiny strings took 137 s and 3.2 GB, then loaded; 200,000 show it.
    strings = b"<si><t>a</t></si>" * 200_000
    table = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + strings + b"</sst>"
    bloated = with_shared_strings(workbook_bytes(SHEET), table)
    assert len(table) > 3_000_000 and len(bloated) < 100_000
    message = converted_problem([("strings.xlsx", bloated)])
    assert "the workbook lists 200,000 shared strings for 10 cells" in message


def test_an_xlsx_whose_sheet_does_not_parse_is_reported():
    # Case 11: a ParseError traceback.
    broken = replaced_member(workbook_bytes(SHEET), "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row r='1'><c")
    message = converted_problem([("broken.xlsx", broken)])
    assert message.startswith("broken.xlsx: ") and "save it again as .xlsx, or as 'CSV UTF-8'" in message


def test_a_workbook_that_unpacks_to_too_much_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.xml", b" " * 120_000_000)
    assert "unpacked, the workbook holds 120 MB; the limit is 105 MB" in converted_problem([("big.xlsx", out.getvalue())])


def graphml_bytes(graph) -> bytes:
    import networkx as nx

    out = io.BytesIO()
    nx.write_graphml(graph, out)
    return out.getvalue()


def test_undirected_graphml_and_gexf_are_refused_rather_than_read_backwards():
    # Case 8: an undirected edge Rest -> Flu "helps treat" was read as "Flu helps treat Rest".
    import networkx as nx

    graph = nx.Graph()
    graph.add_node("Flu")
    graph.add_edge("Rest", "Flu", relation="helps treat")
    gexf = io.BytesIO()
    nx.write_gexf(graph, gexf)
    for name, data in (("gephi.graphml", graphml_bytes(graph)), ("gephi.gexf", gexf.getvalue())):
        message = converted_problem([(name, data)])
        assert "links have no direction (its graph is undirected)" in message and message.startswith(name)


def test_a_graphml_edge_id_that_only_looks_like_a_number_is_read_in_file_order():
    # Case 11: "²".isdigit() is True and int("²") raised.
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_edge("Rest", "Flu", key="²", relation="helps treat")
    graph.add_edge("Flu", "Fever", key="1", relation="can cause")
    kg = load_files(__import__("graph.files.formats", fromlist=["x"]).to_csv_files([("ids.graphml", graphml_bytes(graph))]))
    assert kg.links["relation"].tolist() == ["can cause", "helps treat"]  # numbered ids first, then the others


def nested_gexf(depth: int) -> bytes:
    nodes = "".join(f'<node id="{i}" label="N{i}"><nodes>' for i in range(depth)) + "</nodes></node>" * depth
    return (
        '<?xml version="1.0" encoding="UTF-8"?><gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">'
        f'<graph defaultedgetype="directed"><nodes>{nodes}</nodes><edges/></graph></gexf>'
    ).encode()


def test_a_gexf_nested_a_thousand_deep_is_reported():
    # Case 11: a RecursionError traceback.
    assert "nests its nodes too deeply" in converted_problem([("deep.gexf", nested_gexf(1000))])


def test_concepts_are_bounded_like_links():
    # Case 6: one link and a million concepts loaded (812 MB).
    nodes = "concept,type\n" + "".join(f"C{i},idea\n" for i in range(5))
    with pytest.raises(ValidationError, match="nodes.csv: the file has 5 concepts; the limit here is 4"):
        load_files([("edges.csv", (HEADER + "A,idea,leads to,B,idea,,,\n").encode()), ("nodes.csv", nodes.encode())], max_rows=4)
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_nodes_from(f"C{i}" for i in range(5))
    graph.add_edge("C0", "C1", relation="leads to")
    assert "the file has 5 concepts; the limit here is 4" in converted_problem(
        [("many.graphml", graphml_bytes(graph))], max_rows=4
    )
    assert "the file has 1 links" not in converted_problem([("many.graphml", graphml_bytes(graph))], max_rows=4)


# --- round three: the classroom store and the command line ------------------------------------

STORE_EDGES = [("edges.csv", (HEADER + "A,idea,leads to,B,idea,,,\nB,idea,leads to,C,idea,,,\n").encode())]


def tour_file(number: int, padding: int) -> tuple[str, bytes]:
    return (f"tour-{number}.csv", f"step,concept,caption\n1,A,{'x' * padding}\n".encode())


def test_a_publish_cannot_fill_the_disk_with_tours_or_versions(database_url, monkeypatch):
    # Case 3: each file was capped, but not the number of tours in one publish, nor a map's versions.
    from graph.classroom import store

    monkeypatch.setenv("KG_MAX_MAP_MB", "0.05")  # 52 KB for one map, all its versions and tours (read when used)
    with pytest.raises(ValidationError, match="a map keeps at most 0.05 MB, all its versions and tours together"):
        store.publish(STORE_EDGES + [tour_file(n, 10_000) for n in range(10)], "Tours", url=database_url)
    assert store.list_maps(url=database_url) == []
    saved = store.publish(STORE_EDGES + [tour_file(1, 20_000)], "Tours", url=database_url)
    store.add_version(saved.map_id, saved.key, STORE_EDGES + [tour_file(1, 20_000)], url=database_url)
    with pytest.raises(ValidationError, match="with this version the map would hold"):
        store.add_version(saved.map_id, saved.key, STORE_EDGES + [tour_file(1, 20_000)], url=database_url)
    with pytest.raises(ValidationError, match="with this version the map would hold"):
        store.restore(saved.map_id, saved.key, 1, url=database_url)
    assert [v.number for v in store.versions(saved.map_id, saved.key, url=database_url)] == [2, 1]


def test_all_maps_together_have_a_budget(database_url, monkeypatch):
    from graph.classroom import store

    monkeypatch.setenv("KG_MAX_STORAGE_MB", "0.05")
    store.publish(STORE_EDGES + [tour_file(1, 30_000)], "First", url=database_url)
    with pytest.raises(ValidationError, match="this server keeps at most 0.05 MB of maps"):
        store.publish(STORE_EDGES + [tour_file(1, 30_000)], "Second", url=database_url)
    with pytest.raises(ValidationError, match="a map holds at most 100 files"):
        store.publish(STORE_EDGES + [tour_file(n, 1) for n in range(100)], "Many", url=database_url)


def test_a_stale_save_is_a_conflict_not_a_silent_overwrite(database_url):
    # Case 14: the second teacher's button said "as version 2" and saved version 3 over the first's change.
    from graph.classroom import store

    saved = store.publish(STORE_EDGES, "Shared", url=database_url)
    assert store.add_version(saved.map_id, saved.key, STORE_EDGES, url=database_url, on_top_of=1) == 2
    with pytest.raises(store.StaleVersion, match="Someone saved version 2 of this map after you opened version 1"):
        store.add_version(saved.map_id, saved.key, STORE_EDGES, url=database_url, on_top_of=1)
    assert store.add_version(saved.map_id, saved.key, STORE_EDGES, url=database_url, on_top_of=2) == 3


def test_a_stale_restore_is_a_conflict_too(database_url):
    # Restoring version 1 while someone else saved version 3 would hide their version unseen.
    from graph.classroom import store

    saved = store.publish(STORE_EDGES, "Shared", url=database_url)
    store.add_version(saved.map_id, saved.key, STORE_EDGES, url=database_url)
    store.add_version(saved.map_id, saved.key, STORE_EDGES, url=database_url)
    with pytest.raises(store.StaleVersion, match="after you opened version 2, so version 1 was not restored over it"):
        store.restore(saved.map_id, saved.key, 1, url=database_url, on_top_of=2)
    assert [v.number for v in store.versions(saved.map_id, saved.key, url=database_url)] == [3, 2, 1]
    assert store.restore(saved.map_id, saved.key, 1, url=database_url, on_top_of=3) == 4


_SAVER = """
import sys, time
from graph.classroom import store
url, map_id, key, start = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
files = [("edges.csv", open(sys.argv[5], "rb").read())]
store.engine(url)
time.sleep(max(0.0, start - time.time()))  # every process saves at the same moment
for _ in range(3):
    store.add_version(map_id, key, files, url=url)
"""


def test_simultaneous_saves_on_sqlite_are_never_lost(tmp_path):
    # Case 15: 16 processes saving one map on SQLite lost one save (IntegrityError after 3 retries).
    import time

    from graph.classroom import store

    url = f"sqlite:///{tmp_path / 'maps.db'}"
    edges = tmp_path / "edges.csv"
    edges.write_bytes(STORE_EDGES[0][1])
    saved = store.publish(STORE_EDGES, "Busy", url=url)
    start = time.time() + 12
    savers = [
        subprocess.Popen(
            [sys.executable, "-c", _SAVER, url, saved.map_id, saved.key, str(start), str(edges)],
            cwd=REPO,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        for _ in range(12)
    ]
    errors = [saver.communicate(timeout=180)[1] for saver in savers]
    assert [saver.returncode for saver in savers] == [0] * 12, [e[-300:] for e in errors if e]
    assert len(store.versions(saved.map_id, saved.key, url=url)) == 1 + 12 * 3
    store.dispose(url)


@pytest.mark.parametrize(
    "title, description, message",
    [
        ("\u200b", "", "the map needs a title"),
        ("Nul\x00title", "", "title: remove the NUL character"),
        ("Fine", "a\x00b", "description: remove the NUL character"),
    ],
)
def test_titles_that_postgresql_refuses_or_nobody_can_see_are_refused_everywhere(database_url, title, description, message):
    # Cases 18 and 21: a NUL read as an outage on PostgreSQL while SQLite stored it; a zero-width title was accepted.
    from graph.classroom import store

    with pytest.raises(ValidationError, match=message):
        store.publish(STORE_EDGES, title, description, url=database_url)


def test_a_file_name_over_255_characters_is_refused_everywhere(database_url):
    from graph.classroom import store

    with pytest.raises(ValidationError, match="a file's name must be at most 255 characters"):
        store.publish(STORE_EDGES + [("tour-" + "x" * 260 + ".csv", b"step,concept,caption\n1,A,a\n")], "Long", url=database_url)


@pytest.mark.parametrize("version", [9223372036854775808, 2**31, 0])
def test_a_version_number_out_of_range_is_no_such_version(database_url, version):
    # Case 10: an OverflowError on SQLite, "database cannot be reached" on PostgreSQL.
    from graph.classroom import store

    saved = store.publish(STORE_EDGES, "Numbers", url=database_url)
    with pytest.raises(store.MapNotFound, match=f"This map has no version {version}; it has versions 1 to 1"):
        store.open_map(saved.map_id, version, url=database_url)


def map_cli(url: str, *args: str) -> subprocess.CompletedProcess:
    return cli(*args, env={"KG_DATABASE_URL": url, "PYTHONPATH": str(REPO)})


@pytest.mark.parametrize(
    "url, reason",
    [
        ("postgresql+psycopg://teacher:s3cret@db.example:port/maps", "the address cannot be read"),
        ("mysql://teacher:s3cret@db.example/maps", "the driver it names is not installed here (No module named 'MySQLdb')"),
        ("postgresql+psycopg://teacher:p@s3cret#1@127.0.0.1:1/maps", "it does not answer"),
        ("postgresql+psycopg://teacher@127.0.0.1:1/maps?password=s3cret", "it does not answer"),
    ],
)
def test_a_bad_database_url_is_one_clear_message_without_its_password(url, reason):
    # Cases 12 and 13: ValueError and ModuleNotFoundError tracebacks; "?password=" and a password with '@' or '#' printed.
    done = map_cli(url, "maps")
    assert done.returncode == 1
    err = done.stderr.decode()
    assert "Traceback" not in err and "s3cret" not in err
    assert err.startswith("The maps database at ") and reason in err and err.rstrip().endswith("Check KG_DATABASE_URL.")


def test_a_database_set_up_by_newer_code_is_a_clear_message(tmp_path):
    # Case 12: Alembic's CommandError was a traceback on every map link and publish.
    import sqlalchemy

    from graph.classroom import store

    url = f"sqlite:///{tmp_path / 'maps.db'}"
    store.engine(url)
    store.dispose(url)
    with sqlalchemy.create_engine(url).begin() as connection:
        connection.execute(sqlalchemy.text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    with pytest.raises(store.DatabaseUnavailable, match="it was set up by a newer version of this app"):
        store.open_map("A" * 16, url=url)
    done = map_cli(url, "maps")
    assert done.returncode == 1 and "set up by a newer version of this app" in done.stderr.decode()
    assert "Traceback" not in done.stderr.decode()


def test_publish_reads_only_regular_files(tmp_path):
    # Case 17: /dev/zero gave a MemoryError traceback; a FIFO hung.
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo)):
        done = map_cli(f"sqlite:///{tmp_path / 'maps.db'}", "publish", path, "--title", "Devices")
        assert done.returncode == 1
        assert "is not a regular file" in done.stderr.decode() and "Traceback" not in done.stderr.decode()


def test_non_utf8_title_or_key_is_a_message(tmp_path):
    # Case 19: a UnicodeEncodeError traceback.
    edges = tmp_path / "edges.csv"
    edges.write_bytes(STORE_EDGES[0][1])
    command = [sys.executable.encode(), b"-m", b"graph", b"publish", str(edges).encode(), b"--title", b"Caf\xe9"]
    done = subprocess.run(
        command,
        cwd=REPO,
        capture_output=True,
        timeout=120,
        env={**os.environ, "KG_DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}"},
    )
    assert done.returncode == 2, done.stderr.decode(errors="replace")
    assert b"--title is not UTF-8 text" in done.stderr and b"Traceback" not in done.stderr


def formula_cells(data: bytes) -> list[str]:
    import csv as csv_module

    rows = list(csv_module.reader(io.StringIO(data.decode("utf-8"))))
    return [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@")]


def test_score_results_and_learner_maps_are_written_without_formulas(tmp_path):
    # Case 7: learner file names ("=1+2.csv") and cells were written unguarded.
    from graph.teaching.score import Proposition, read_learner_map, write_learner_map

    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "=1+2.csv").write_text('source,relation,target\n=HYPERLINK("http://x"),@SUM(1),+cmd\nLevodopa,treats,-Tremors\n')
    out = tmp_path / "results.csv"
    assert main(["score", str(REPO / "data" / "edges.csv"), str(folder), "-o", str(out)]) == 0
    data = out.read_bytes()
    assert formula_cells(data) == [] and b'"\'=1+2"' in data and b'"\'=HYPERLINK(""http://x"")"' in data
    links = [Proposition('=HYPERLINK("http://x")', "@SUM(1)", "+cmd")]
    written = write_learner_map(links)
    assert formula_cells(written) == []
    assert read_learner_map(written, "my-map.csv") == links  # the guard comes off when it is opened again


def test_a_saved_learner_map_is_bounded_before_it_is_read():
    # Case 5: a 3.7 MB learner map of 100,000 links took 57 s to draw and 114 s to check.
    from graph.teaching.score import MAX_LEARNER_LINKS, read_learner_map

    many = ("source,relation,target\n" + "A,leads to,B\n" * (MAX_LEARNER_LINKS + 1)).encode()
    with pytest.raises(ValidationError, match=f"the file has {MAX_LEARNER_LINKS + 1:,} rows; a learner's map has at most"):
        read_learner_map(many, "big-map.csv")
    with pytest.raises(ValidationError, match="the file is 3.9 MB; a learner's map has at most"):
        read_learner_map(b"source,relation,target\n" + b"A,leads to,B\n" * 300_000, "huge-map.csv")


# --- round three: the same in the app -----------------------------------------------------------


@pytest.mark.parametrize(
    "version, says",
    [
        ("1_0", "version “1_0”, which is not a number"),
        ("٣", "version “٣”, which is not a number"),
        ("9223372036854775808", "This map has no version 9223372036854775808"),
    ],
)
@pytest.mark.usefixtures("database")
def test_odd_or_huge_version_numbers_in_a_link_are_said_plainly(version, says):
    # Case 10: int() took "1_0" and "٣"; 2**63 crashed the page on SQLite and read as an outage on PostgreSQL.
    from tests.apptest import start

    _, learner_link, _ = published_water()
    at = start(**(params_of(learner_link) | {"v": version}))
    assert not at.exception, [e.value for e in at.exception]
    assert title(at) == ARTICLE_TITLE
    assert any(says in unescape(w.value) for w in at.warning), [w.value for w in at.warning]


def test_a_bad_database_url_is_a_message_in_the_app_without_its_password(monkeypatch):
    # Case 12: every map link and Publish crashed (ValueError, ModuleNotFoundError).
    from tests.apptest import start

    monkeypatch.setenv("KG_DATABASE_URL", "postgresql+psycopg://teacher:s3cret@db.example:port/maps")
    at = start(map="abcdefgh12345678")
    assert not at.exception, [e.value for e in at.exception]
    (warning,) = [unescape(w.value) for w in at.warning if "maps database" in w.value]
    assert (
        "Maps cannot be opened or saved on this server just now: the maps database cannot be used (the address cannot be read"
        in warning
    )
    at = upload_files(at, ("water_cycle.csv", SMALL))
    at.text_input(key="publish_title").input("Seeds")
    at = button(at, "Publish").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = unescape(" ".join(e.value for e in [*at.warning, *at.error, *at.success]))
    assert "Nothing was published. Maps cannot be opened or saved" in shown and "s3cret" not in shown


@pytest.mark.usefixtures("database")
def test_a_second_teacher_saving_a_stale_version_gets_a_conflict_to_resolve():
    # Case 14: the button said "as version 2" and saved version 3 over the first teacher's change, unseen.
    from graph.classroom import store
    from tests.apptest import start

    _, _, teacher_link = published_water()
    first, second = start(**params_of(teacher_link)), start(**params_of(teacher_link))
    first = upload_files(first, ("water_cycle.csv", SMALL))
    first.text_input(key="save_note").input("The water cycle")  # a save says what changed
    first = button(first, "Save this graph as version 2").click().run()
    assert [e.value for e in first.success] == ["Saved as version 2. The learner link now opens it."]
    second = upload_files(second, ("seeds.csv", SMALL.replace(b"Plant", b"Tree")))
    second.text_input(key="save_note").input("Trees, not plants")
    second = button(second, "Save this graph as version 2").click().run()
    assert not second.exception
    assert any("Someone saved version 2 of this map after you opened version 1" in unescape(w.value) for w in second.warning)
    assert store.open_map(params_of(teacher_link)["map"]).latest == 2
    second = button(second, "Save this graph as version 3").click().run()  # having seen it, they choose to save
    assert [e.value for e in second.success] == ["Saved as version 3. The learner link now opens it."]


# --- round three: memory (case 4) -------------------------------------------------------------


def test_work_that_would_pass_the_memory_budget_is_refused_as_busy(monkeypatch):
    from graph import memory

    monkeypatch.setenv("KG_MEMORY_BUDGET_MB", str((memory.resident_bytes() + 100 * 2**20) // 2**20))
    with memory.reserved(60 * 2**20, "first.csv"):
        with pytest.raises(memory.ServerBusy, match="second.csv: the server is busy just now"):
            memory.check(60 * 2**20, "second.csv")  # the first is still loading: its share counts
    memory.check(60 * 2**20, "second.csv")  # once it is done, its estimate is no longer held


def test_an_upload_past_the_memory_budget_is_refused_as_busy_and_the_graph_stays(monkeypatch):
    # Case 4: 30 sessions each holding an upload grew the server linearly, with no overall cap.
    from tests.apptest import start
    from tests.explorer.test_app_your_graph import report

    at = start()
    monkeypatch.setenv("KG_MEMORY_BUDGET_MB", "64")  # less than this test process already holds
    # A graph of its own: one some other test loaded is cached, and a cached graph costs nothing more.
    unique = SMALL.replace(b"Plant", f"Plant {os.getpid()}-{id(at)}".encode())
    at = upload_files(at, ("seeds.csv", unique))
    assert not at.exception, [e.value for e in at.exception]
    assert title(at) == ARTICLE_TITLE
    errors, problems = report(at)
    assert any("the server is busy just now" in unescape(p) for p in problems), (errors, problems)


def test_streamlit_refuses_uploads_over_the_apps_own_limit():
    # Case 4: Streamlit's limit (50 MB) was above the app's (20 MB), so a refused file still sat in server memory.
    import tomllib

    from deploy.local import streamlit_command
    from graph import settings

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["maxUploadSize"] == settings.SETTINGS["KG_MAX_UPLOAD_MB"].default
    command = streamlit_command(REPO / "app.py", "127.0.0.1", 8501)
    assert command[command.index("--server.maxUploadSize") + 1] == "20"


# --- round three: the server setup --------------------------------------------------------------


def test_a_second_deployment_on_a_port_in_use_is_refused_and_leaves_the_first_ones_pid_file(tmp_path):
    # Case 16: a second `make serve` "succeeded" (HAProxy binds with SO_REUSEPORT) and its exit deleted the pid file.
    import socket

    from deploy.serve import Deployment

    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        port = listening.getsockname()[1]
        (tmp_path / "pids").write_text("12345\n")  # the running one's
        with pytest.raises(RuntimeError, match=f"port {port} on 127.0.0.1 is in use"):
            Deployment(processes=1, port=port, run_dir=tmp_path).start()
        assert (tmp_path / "pids").read_text() == "12345\n"


def test_the_app_processes_listen_only_behind_haproxy(tmp_path):
    # Case 21: `deploy.serve --host 0.0.0.0` would also have exposed each Streamlit process past HAProxy.
    import shutil

    from deploy.serve import Deployment

    if shutil.which("haproxy") is None and not Path("/usr/sbin/haproxy").exists():
        pytest.skip("HAProxy is not installed")
    with Deployment(processes=1, host="0.0.0.0", run_dir=tmp_path) as running:
        config = (tmp_path / "haproxy.cfg").read_text()
        (process, port) = running.apps[0]
        assert f"server app1 127.0.0.1:{port} " in config
        assert "--server.address 127.0.0.1 " in " ".join(process.args) + " "


def test_the_proxy_says_which_sites_may_frame_the_explorer(tmp_path, monkeypatch):
    # Case 20: no X-Frame-Options or CSP frame-ancestors, so any site could frame any page.
    import shutil
    import urllib.request

    from deploy.serve import Deployment

    if shutil.which("haproxy") is None and not Path("/usr/sbin/haproxy").exists():
        pytest.skip("HAProxy is not installed")
    monkeypatch.setenv("KG_FRAME_ANCESTORS", "'self' https://moodle.school.example")
    with Deployment(processes=1, run_dir=tmp_path) as running:
        with urllib.request.urlopen(running.url + "/", timeout=30) as response:
            headers = response.headers
    assert headers["Content-Security-Policy"] == "frame-ancestors 'self' https://moodle.school.example"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.parametrize(
    "name, raw",
    [
        ("KG_FRAME_ANCESTORS", "https://moodle.example; script-src *"),
        ("KG_FRAME_ANCESTORS", "'self'\r\nSet-Cookie: x=1"),
        ("KG_FRAME_ANCESTORS", "javascript:alert(1)"),
        ("KG_PUBLIC_URL", "https://maps.school.example/?lang=en"),
        ("KG_PUBLIC_URL", "https://maps.school.example/#top"),
    ],
)
def test_settings_that_would_break_a_header_or_every_shared_link_are_refused(name, raw):
    # Cases 20 and 21: a KG_PUBLIC_URL with a query string made broken links.
    from graph import settings

    assert settings.value(name, {name: raw}) == settings.SETTINGS[name].default
    (message,) = settings.problems({name: raw})
    assert message.startswith(f"{name} is ")


def test_the_frame_ancestors_setting_takes_origins():
    from graph import settings

    raw = " 'self'  https://moodle.school.example https://*.canvas.example:8443 "
    assert settings.value("KG_FRAME_ANCESTORS", {"KG_FRAME_ANCESTORS": raw}) == (
        "'self' https://moodle.school.example https://*.canvas.example:8443"
    )


def test_open_a_saved_map_refuses_a_huge_learner_map_in_the_app():
    # Case 5: "Open a saved map" had no size or row limit (100,000 links: 57 s to draw, 114 s to check, 3.3 GB).
    from tests.apptest import run, start, texts
    from tests.explorer.test_app_practice import map_uploader, practice

    at = start()
    practice(at).radio[0].set_value("Build a map")
    at = run(at)
    run(at.button(key="map_start").click())
    huge = b"source,relation,target\n" + b"Cocaine use,may lead to,Tremors\n" * 100_000
    run(map_uploader(at).set_value([("huge-map.csv", huge, "text/csv")]))
    assert not at.exception, [e.value for e in at.exception]
    (error,) = texts(practice(at), "error")
    assert error.startswith("huge-map.csv cannot be opened as a map.") and "a learner's map has at most 2,000 links" in error


@pytest.mark.parametrize(
    "name, data",
    [
        ("deep.gexf", None),
        ("ids.graphml", b'<graphml><graph edgedefault="directed"><edge id="\xc2\xb2" source="a" target="b"/></graph></graphml>'),
    ],
)
def test_publish_reports_files_that_used_to_crash_it(tmp_path, name, data):
    # Case 11: publish printed tracebacks (RecursionError, ValueError) for these.
    path = tmp_path / name
    path.write_bytes(data if data is not None else nested_gexf(1000))
    done = map_cli(f"sqlite:///{tmp_path / 'maps.db'}", "publish", str(path), "--title", "Crash")
    err = done.stderr.decode()
    assert "Traceback" not in err and "cannot be published as it is; nothing was stored" in err


def test_each_process_of_a_deployment_gets_its_share_of_the_memory_budget(tmp_path, monkeypatch):
    import shutil

    from deploy.serve import Deployment
    from graph import memory

    if shutil.which("haproxy") is None and not Path("/usr/sbin/haproxy").exists():
        pytest.skip("HAProxy is not installed")
    monkeypatch.delenv("KG_MEMORY_BUDGET_MB", raising=False)
    with Deployment(processes=2, run_dir=tmp_path) as running:
        shares = [Path(f"/proc/{process.pid}/environ").read_bytes().split(b"\0") for process, _ in running.apps]
    expected = f"KG_MEMORY_BUDGET_MB={memory.budget_bytes() // 2 // 2**20}".encode()
    assert all(expected in environ for environ in shares)
