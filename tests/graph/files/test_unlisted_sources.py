"""A links file citing source numbers with no sources.csv to list them: it loads, and says where (KnowledgeGraph.notices)."""

from __future__ import annotations

from graph.__main__ import main
from graph.files.load import MAX_PROBLEMS, load_graph
from tests.conftest import HEADER

CITED = HEADER + "A,x,causes,B,y,,,1\nB,y,causes,C,y,,,\nC,y,causes,D,y,,, 2 ; 3\n"


def test_each_link_citing_an_unlisted_source_is_a_notice_naming_file_row_and_column(make_kg):
    kg = make_kg(CITED)
    assert [(n.file, n.row, n.column) for n in kg.notices] == [("edges.csv", 2, "sources"), ("edges.csv", 4, "sources")]
    assert "cites source 1, but the graph lists no sources" in kg.notices[0].message
    assert "cites sources 2 and 3," in kg.notices[1].message
    assert "add sources.csv" in kg.notices[0].message


def test_with_sources_listed_or_nothing_cited_there_is_no_notice(make_kg, article):
    assert make_kg(CITED, sources="number,title\n1,One\n2,Two\n3,Three\n").notices == ()
    assert make_kg(HEADER + "A,x,causes,B,y,,,\n").notices == ()
    assert article.notices == ()


def test_a_huge_file_keeps_a_bounded_list(make_kg):
    kg = make_kg(HEADER + "".join(f"A{i},x,causes,B{i},y,,,1\n" for i in range(MAX_PROBLEMS + 5)))
    assert len(kg.notices) == MAX_PROBLEMS + 1
    assert kg.notices[-1].row is None and "5 more links cite sources" in kg.notices[-1].message


def test_the_command_line_check_says_it_too(tmp_path, capsys):
    path = tmp_path / "edges.csv"
    path.write_text(CITED)
    assert load_graph(path).notices
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path.name}, row 2, column 'sources': this link cites source 1" in out
