"""CmapTools' CXL (graph.files.cxl): files as CmapTools writes them, the round trip, and hostile files."""

from __future__ import annotations

import pytest

from graph.__main__ import main
from graph.files.cxl import DEFAULT_TYPE, MAX_DEPTH, from_cxl, to_cxl
from graph.files.formats import UPLOAD_SUFFIXES, to_csv_files
from graph.files.load import EDGE_COLUMNS, ValidationError, load_files, load_graph
from tests.conftest import PATH, kg_from

# A map as CmapTools saves it: its own ids, the namespace, labels with line breaks, appearances, and one
# linking phrase ("are") joined from one concept to two, and another ("can cause") from two concepts to one.
CMAPTOOLS = b"""<?xml version="1.0" encoding="UTF-8"?>
<cmap xmlns="http://cmap.ihmc.us/xml/cmap/" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <res-meta>
        <dc:title>Water</dc:title>
        <dc:format>x-cmap/x-storable</dc:format>
    </res-meta>
    <map width="600" height="400">
        <concept-list>
            <concept id="1JCK0VTLG-1FT6YS1-FV" label="Water&#10;cycle"/>
            <concept id="1JCK0VTLG-1FT6YS1-FW" label="Evaporation" short-comment="Water turning into vapour"/>
            <concept id="1JCK0VTLG-1FT6YS1-FX" label="Rain"/>
            <concept id="1JCK0VTLG-1FT6YS1-FY" label="Sun"/>
        </concept-list>
        <linking-phrase-list>
            <linking-phrase id="LP-1" label="includes"/>
            <linking-phrase id="LP-2" label="can cause"/>
        </linking-phrase-list>
        <connection-list>
            <connection id="C-1" from-id="1JCK0VTLG-1FT6YS1-FV" to-id="LP-1"/>
            <connection id="C-2" from-id="LP-1" to-id="1JCK0VTLG-1FT6YS1-FW"/>
            <connection id="C-3" from-id="LP-1" to-id="1JCK0VTLG-1FT6YS1-FX"/>
            <connection id="C-4" from-id="1JCK0VTLG-1FT6YS1-FY" to-id="LP-2"/>
            <connection id="C-5" from-id="1JCK0VTLG-1FT6YS1-FW" to-id="LP-2"/>
            <connection id="C-6" from-id="LP-2" to-id="1JCK0VTLG-1FT6YS1-FX"/>
        </connection-list>
        <concept-appearance-list>
            <concept-appearance id="1JCK0VTLG-1FT6YS1-FV" x="300" y="40" width="90" height="40"/>
            <concept-appearance id="1JCK0VTLG-1FT6YS1-FW" x="150" y="200"/>
        </concept-appearance-list>
    </map>
</cmap>
"""


def test_a_cmaptools_file_gives_one_link_per_concept_pair_of_each_linking_phrase():
    kg = load_files(from_cxl("water.cxl", CMAPTOOLS))
    assert kg.links[["source", "relation", "target"]].values.tolist() == [
        ["Water cycle", "includes", "Evaporation"],
        ["Water cycle", "includes", "Rain"],
        ["Sun", "can cause", "Rain"],
        ["Evaporation", "can cause", "Rain"],
    ]
    # CmapTools has no kinds of concept: each gets the default; a short comment is the description.
    assert set(kg.concepts["type"]) == {DEFAULT_TYPE}
    assert kg.concepts.at["Evaporation", "description"] == "Water turning into vapour"
    # Positions are kept where the file has them.
    assert kg.concepts.loc[["Water cycle", "Evaporation", "Rain"], ["x", "y"]].values.tolist() == [
        ["300", "40"],
        ["150", "200"],
        ["", ""],
    ]
    written = to_cxl(kg)
    assert b'<concept-appearance id="c1" x="300" y="40" />' in written  # and written back where they were


def test_export_then_import_gives_the_same_links_and_concepts():
    kg = load_graph("data/edges.csv")
    data = to_cxl(kg, title="The article")
    again = load_files(to_csv_files([("article.cxl", data)]))
    assert again.links[list(EDGE_COLUMNS)].equals(kg.links[list(EDGE_COLUMNS)])
    columns = ["type", "group", "description"]
    assert again.concepts[columns].sort_index().equals(kg.concepts[columns].sort_index())
    assert to_cxl(again, title="The article") == data  # and the positions it wrote are read back as they were


def test_a_view_is_written_with_its_own_links_and_concepts_only():
    kg = kg_from(PATH)
    view = load_files(from_cxl("view.cxl", to_cxl(kg, link_ids=[1, 2])))
    assert view.links[["source", "target", "section", "explanation", "sources"]].values.tolist() == [
        ["B", "C", "Signs", "B brings C", "2"],
        ["C", "D", "Signs", "C makes D worse", ""],
    ]
    assert set(view.concepts.index) == {"B", "C", "D"}


def test_names_that_look_like_formulas_or_markup_stay_text():
    csv = (
        "source,source_type,relation,target,target_type,explanation\n"
        '"\'=HYPERLINK(""x"")",cause,causes,<b>bold</b> & co,symptom,"line one\nline two"\n'
    )
    kg = load_files([("odd.csv", csv.encode())])
    again = load_files(from_cxl("odd.cxl", to_cxl(kg)))
    assert again.links[["source", "target", "explanation"]].values.tolist() == [
        ['=HYPERLINK("x")', "<b>bold</b> & co", "line one\nline two"]
    ]


def test_cxl_is_an_upload_format_and_a_check_export_and_publish_format(tmp_path, capsys):
    assert "cxl" in UPLOAD_SUFFIXES
    out = tmp_path / "map.cxl"
    assert main(["export", "data/edges.csv", "--format", "cxl", "-o", str(out)]) == 0
    assert main(["check", str(out)]) == 0
    article = load_graph("data/edges.csv")
    counts = f"{len(article.concepts)} concepts, {len(article.links)} links"
    assert f"{out} is valid: {counts}." in capsys.readouterr().out
    assert main(["export", str(out), "--format", "cxl", "-o", str(out)]) == 1  # never onto its own input
    back = tmp_path / "back.csv"
    assert main(["export", str(out), "--format", "csv", "-o", str(back)]) == 0
    assert load_graph(back).links[list(EDGE_COLUMNS)].equals(load_graph("data/edges.csv").links[list(EDGE_COLUMNS)])


# --- hostile files ------------------------------------------------------------------


def _cxl(body: str, head: str = "") -> bytes:
    return (f'<?xml version="1.0"?>{head}<cmap xmlns="http://cmap.ihmc.us/xml/cmap/"><map>{body}</map></cmap>').encode()


CONCEPTS = '<concept-list><concept id="a" label="A"/><concept id="b" label="B"/></concept-list>'
PHRASE = '<linking-phrase-list><linking-phrase id="p" label="causes"/></linking-phrase-list>'
LAUGHS = (
    '<!DOCTYPE cmap [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (_cxl(CONCEPTS.replace('label="A"', 'label="&lol3;"'), LAUGHS), "declares a DTD or entities"),
        (
            _cxl(CONCEPTS.replace('label="A"', 'label="&xxe;"'), '<!DOCTYPE cmap [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
            "declares a DTD or entities",
        ),
        (_cxl("<x>" * 200 + "</x>" * 200), f"nest more than {MAX_DEPTH} deep"),
        (
            _cxl(
                CONCEPTS + PHRASE + '<connection-list><connection id="k1" from-id="a" to-id="p"/>'
                '<connection id="k2" from-id="p" to-id="ghost"/></connection-list>'
            ),
            "connection 2 (id 'k2'): its to-id 'ghost' is no concept's or linking phrase's id.",
        ),
        (
            _cxl(CONCEPTS + '<connection-list><connection id="k1" from-id="a" to-id="b"/></connection-list>'),
            "connection 1 (id 'k1') joins two concepts with no linking phrase",
        ),
        (b"<cmap><map></map>", "not a readable XML file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a readable XML file"),
        (b'<?xml version="1.0"?><graphml><graph/></graphml>', "not a CmapTools map"),
    ],
    ids=[
        "billion laughs",
        "external entity",
        "deep nesting",
        "dangling id",
        "concept to concept",
        "unclosed",
        "binary",
        "not cmap",
    ],
)
def test_hostile_or_broken_cxl_is_refused_with_a_message_naming_the_file(data, says):
    with pytest.raises(ValidationError) as refused:
        to_csv_files([("map.cxl", data)])
    problem = refused.value.problems[0]
    assert problem.file == "map.cxl" and says in problem.message, problem.message


def test_the_command_line_reports_a_hostile_cxl_without_a_traceback(tmp_path, capsys):
    bad = tmp_path / "laughs.cxl"
    bad.write_bytes(_cxl(CONCEPTS.replace('label="A"', 'label="&lol3;"'), LAUGHS))
    assert main(["check", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "laughs.cxl: it declares a DTD or entities" in err and "Traceback" not in err


def test_publish_takes_a_cmaptools_map(database_url, monkeypatch, capsys, tmp_path):
    from graph.classroom import store

    cmap = tmp_path / "water.cxl"
    cmap.write_bytes(CMAPTOOLS)
    monkeypatch.setenv("KG_DATABASE_URL", database_url)
    assert main(["publish", str(cmap), "--title", "Water"]) == 0
    map_id = capsys.readouterr().out.splitlines()[2].split("map=")[1]
    opened = load_files(store.open_map(map_id, url=database_url).files)
    assert opened.links[["source", "relation", "target"]].values.tolist()[0] == ["Water cycle", "includes", "Evaporation"]
    store.dispose(database_url)
