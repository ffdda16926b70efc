"""A teacher's own graph in the app, through Streamlit's AppTest: upload, edit, download, and sessions kept apart.

Uploads go through the real ``st.file_uploader`` (``AppTest.file_uploader(...).set_value``) and edits through
the real ``st.data_editor`` (its edit state, set on ``at.session_state`` before the run, as the browser would send
it), so the app's own callbacks and validation are what is tested.
"""

from __future__ import annotations

import hashlib
import html
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.files.load import load_graph
from graph.picture.styles import type_styles
from tests.apptest import HUB, focus, link_buttons, open_tab, picture, run, start, texts, unescape, uploader, url
from tests.conftest import SHORT_HEADER

REPO = Path(__file__).resolve().parents[2]
ARTICLE = REPO / "data" / "edges.csv"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
WATER = FIXTURES / "app" / "water_cycle.csv"
WATER_BAD = FIXTURES / "app" / "water_cycle_bad.csv"
ARTICLE_TITLE = "Dopamine deficiency: how the ideas connect"
HEADER = SHORT_HEADER.encode()
EDITED_ARTICLE = "Dopamine deficiency: how the ideas connect (your edit)"


# --- helpers -------------------------------------------------------------------


def title(at: AppTest) -> str:
    return unescape(at.title[0].value)


def report(at: AppTest) -> tuple[list[str], list[str]]:
    """The rejection report: its error line(s) and its list of problems (one per line)."""
    errors = texts(at, "error")
    problems = [line[2:] for m in texts(at) if m.startswith("- ") for line in m.split("\n")]
    return errors, problems


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    return run(uploader(at).set_value([(name, data, "text/csv") for name, data in files]))


def concepts(at: AppTest) -> list[str]:
    """Every concept of the graph on screen (the Connect two list holds them all; the tab is opened to see it)."""
    return open_tab(at, "Connect two").selectbox(key="path_from").options


def snapshot(at: AppTest) -> dict:
    """What a learner sees of the graph: title, picture (payload version), focus, URL, concept list."""
    return {"title": title(at), "version": picture(at)["version"], "focus": focus(at), "url": url(at), "concepts": concepts(at)}


def open_editor(at: AppTest) -> AppTest:
    """Open "Edit the links in a table" as a teacher would: its table is made only while it is open."""
    if not at.data_editor:
        at.session_state["kg_editor"] = True
        run(at)
    return at


def edit(at: AppTest, edited_rows=None, added_rows=None, deleted_rows=None) -> AppTest:
    """Change the links table as the browser would (the data editor's edit state), then press Apply changes."""
    (editor,) = open_editor(at).data_editor
    at.session_state[editor.key] = {
        "edited_rows": edited_rows or {},
        "added_rows": added_rows or [],
        "deleted_rows": deleted_rows or [],
    }
    return run(at.button(key="apply_edits").click())


def rows_of(at: AppTest, concept: str) -> list[int]:
    table = open_editor(at).data_editor[0].value
    return [int(i) for i in table.index[(table["source"] == concept) | (table["target"] == concept)]]


POPOVER_KEYS = {"Sources": "kg_sources", "Sources and disclaimer": "kg_sources", "Download": "kg_downloads"}
"""The popovers whose content is made only while they are open (the others always hold theirs)."""


def popover(at: AppTest, label: str):
    """The popover ``label``, opened as a person would (a click on it)."""
    if label in POPOVER_KEYS:
        at.session_state[POPOVER_KEYS[label]] = True
        run(at)
    (found,) = [b for b in at.main if getattr(b, "type", None) == "popover" and b.proto.popover.label == label]
    return found


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def article_view() -> dict:
    """A fresh session's view of the article, before any test uploads or edits anything."""
    return snapshot(start())


# --- upload ----------------------------------------------------------------------


def test_a_valid_upload_becomes_this_sessions_graph(article_view):
    before = sha(ARTICLE)
    at = start()
    assert snapshot(at) == article_view
    upload(at, ("water_cycle.csv", WATER.read_bytes()))

    own = load_graph(WATER)
    assert title(at) == "Your graph: water_cycle.csv"
    assert own.default_focus == "Evaporation"  # the most connected concept
    assert focus(at) == "Evaporation" and picture(at)["focus"] == "Evaporation"
    assert {n["id"] for n in picture(at)["nodes"]} == {"Evaporation", "Sun", "Ocean", "Lake", "Water vapour", "Change of state"}
    assert set(link_buttons(at)) == {
        "makes → Water vapour",
        "is a kind of → Change of state",
        "Sun → drives → Evaporation",
        "Ocean → feeds → Evaporation",
        "Lake → feeds → Evaporation",
    }
    assert concepts(at) == sorted(own.graph.nodes, key=str.casefold)
    assert url(at) == {"focus": "Evaporation", "graph": "yours"}  # a view of a graph only this session has
    assert not at.error and not at.warning
    assert "not medical advice" not in " ".join(texts(at, "caption"))  # the article's disclaimer is the article's
    assert open_tab(at, "Quiz").button(key="quiz_start")  # the teaching tools work on it too
    assert at.text_input(key="search_text").placeholder == "e.g. " + ", ".join(n.lower() for n in own.examples)
    assert "dopamine" not in at.text_input(key="search_text").placeholder
    assert texts(open_tab(at, "Tour"), "caption") == [
        "No guided tours for this graph yet. A tour is a small CSV with the columns step, concept, caption "
        "and a name starting with “tour” (tour-water-cycle.csv, say): upload it with your links."
    ]

    # The article's graph is untouched: its file, and what a new session sees.
    assert sha(ARTICLE) == before
    assert snapshot(start()) == article_view


def test_types_the_article_does_not_have_get_their_own_colours_in_picture_and_legend():
    at = start()
    upload(at, ("water_cycle.csv", WATER.read_bytes()))
    own = load_graph(WATER)
    styles = type_styles(own.types)
    assert sorted(own.types) == ["concept", "energy", "place", "process", "state"]
    colours = [style.colour for style in styles.values()]
    assert len(set(colours)) == len(colours)  # every type told apart
    assert styles["concept"] == type_styles(["concept"])["concept"]  # an article type keeps its look
    assert not {styles[t].colour for t in ("energy", "place", "process", "state")} & set(
        s.colour for s in type_styles(["condition", "cause", "symptom", "treatment", "concept"]).values()
    )

    drawn = picture(at)["nodes"]
    groups = picture(at)["options"]["groups"]
    for node in drawn:
        style = styles[node["group"]]
        look = (
            (node["color"]["background"], node["shape"])
            if "shape" in node
            else (groups[node["group"]]["color"]["background"], groups[node["group"]]["shape"])
        )
        assert look == (style.fill, style.shape), node["id"]
    (legend,) = [m.value for m in at.markdown if "kg-legend" in m.value]
    for kind in own.types:
        count = sum(node["group"] == kind for node in drawn)
        item = (
            f'<span style="color:{styles[kind].colour}" aria-hidden="true">{styles[kind].mark}</span> '
            f"{html.escape(kind)} <small>({count})</small>"
        )
        assert item in legend, kind
    assert at.pills(key="shown_types").options == [f"{styles[kind].mark} {kind}" for kind in own.types]


def test_back_to_the_article_after_an_upload(article_view):
    at = start()
    upload(at, ("water_cycle.csv", WATER.read_bytes()))
    (back,) = [b for b in at.button if unescape(b.label) == "Back to the article's graph"]
    run(back.click())
    assert snapshot(at) == article_view
    assert not [b for b in at.button if unescape(b.label) == "Back to the article's graph"]


def test_an_upload_with_nodes_and_sources_files_uses_them():
    edges = HEADER[:-1] + b",sources\nA,idea,leads to,B,idea,1\nB,idea,leads to,C,idea,\n"
    nodes = b"concept,type,group,description\nA,idea,start,Where it begins.\n"
    sources = b"number,title\n1,A book about A\n"
    at = start()
    upload(at, ("abc.csv", edges), ("nodes.csv", nodes), ("sources.csv", sources))
    assert title(at) == "Your graph: abc.csv"
    assert focus(at) == "B"
    run(link_buttons(at)["A → leads to → B"].click())
    assert focus(at) == "A"
    assert "Where it begins." in texts(at)
    assert "Source: [1]" in texts(at, "caption")
    assert "[1] A book about A" in texts(popover(at, "Sources"))


def test_an_invalid_upload_is_reported_and_changes_nothing():
    at = start()
    run(link_buttons(at)["Cocaine use → may cause → Dopamine deficiency"].click())
    before = snapshot(at)
    upload(at, ("water_cycle_bad.csv", WATER_BAD.read_bytes()))
    assert report(at) == (
        ["water_cycle_bad.csv: not loaded, 2 problems found. The graph on screen has not changed."],
        [
            "water_cycle_bad.csv, row 3, column 'relation': this cell is empty; every link needs a value here.",
            "water_cycle_bad.csv, row 4, column 'target': this link connects 'Rain' to itself; "
            "a link needs two different concepts.",
        ],
    )
    assert snapshot(at) == before
    assert at.button(key="back")  # the history is kept too

    run(at.button(key="dismiss_report").click())
    assert report(at) == ([], [])
    assert snapshot(at) == before


def test_an_invalid_upload_after_a_valid_one_keeps_the_uploaded_graph():
    at = start()
    upload(at, ("water_cycle.csv", WATER.read_bytes()))
    run(link_buttons(at)["Sun → drives → Evaporation"].click())
    before = snapshot(at)
    assert before["title"] == "Your graph: water_cycle.csv" and before["focus"] == "Sun"
    upload(at, ("water_cycle_bad.csv", WATER_BAD.read_bytes()))
    assert report(at)[0] == ["water_cycle_bad.csv: not loaded, 2 problems found. The graph on screen has not changed."]
    assert snapshot(at) == before


def test_every_kind_of_bad_file_is_reported_without_an_exception():
    """Each file under tests/fixtures/bad (a folder is uploaded as its files together), one after another."""
    cases = sorted(p for p in (FIXTURES / "bad").iterdir() if p.is_dir() or p.suffix == ".csv")
    assert len(cases) > 20
    at = start()
    before = snapshot(at)
    for case in cases:
        files = sorted(case.iterdir()) if case.is_dir() else [case]
        upload(at, *[(f.name, f.read_bytes()) for f in files])
        errors, problems = report(at)
        names = ", ".join(f.name for f in files)
        assert errors and errors[0].startswith(f"{names}: not loaded, "), case.name
        assert problems and all(any(p.startswith(f.name) for f in files) for p in problems), (case.name, problems)
        assert snapshot(at) == before, case.name


def test_an_upload_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setenv("KG_MAX_UPLOAD_MB", "0.01")  # 10 KB, the least it takes (read when used)
    at = start()
    before = snapshot(at)
    data = WATER.read_bytes() + b"\n" * 11_000
    upload(at, ("water_cycle.csv", data))
    size = len(data)
    assert size > 0.01 * 1024 * 1024
    assert report(at) == (
        ["water_cycle.csv: not loaded, 1 problem found. The graph on screen has not changed."],
        [
            f"water_cycle.csv: the file is {size / 1e6:.1f} MB; the limit here is 0.01 MB. Split the graph or ask whoever "
            "runs this app to raise KG_MAX_UPLOAD_MB."
        ],
    )
    assert snapshot(at) == before


def test_an_upload_over_the_row_limit_is_refused(monkeypatch):
    monkeypatch.setenv("KG_MAX_ROWS", "3")  # read when used
    at = start()
    before = snapshot(at)
    rows = b"".join(b"A%d,idea,leads to,B%d,idea\n" % (i, i) for i in range(4))
    upload(at, ("four.csv", HEADER + rows))
    assert report(at)[1] == [
        "four.csv: the file has 4 links; the limit here is 3. Split it into smaller graphs, or ask "
        "whoever runs this app to raise the limit."
    ]
    assert snapshot(at) == before


def test_only_a_nodes_file_is_refused():
    at = start()
    before = snapshot(at)
    upload(at, ("nodes.csv", b"concept,type\nA,idea\n"))
    assert report(at)[1] == ["nodes.csv: no links file: add the CSV of links (nodes.csv and sources.csv only describe them)."]
    assert snapshot(at) == before


def test_two_links_files_are_not_silently_half_loaded():
    at = start()
    before = snapshot(at)
    upload(at, ("part1.csv", HEADER + b"A,idea,leads to,B,idea\n"), ("part2.csv", HEADER + b"C,idea,leads to,D,idea\n"))
    loaded_both = {"A", "B", "C", "D"} <= set(concepts(at))
    refused = bool(report(at)[0]) and snapshot(at) == before
    assert loaded_both or refused, (title(at), concepts(at))


# --- sessions ----------------------------------------------------------------------


def test_two_sessions_at_once_do_not_see_each_others_upload_or_quiz(article_view):
    one, two = start(), start()
    upload(one, ("water_cycle.csv", WATER.read_bytes()))
    run(two)
    assert title(one) == "Your graph: water_cycle.csv"
    assert snapshot(two) == article_view

    upload(two, ("abc.csv", HEADER + b"A,idea,leads to,B,idea\nB,idea,leads to,C,idea\n"))
    run(one)
    assert title(one) == "Your graph: water_cycle.csv" and focus(one) == "Evaporation"
    assert title(two) == "Your graph: abc.csv" and focus(two) == "B"

    three = start()
    run(open_tab(three, "Quiz").button(key="quiz_start").click())
    seed = url(three)["quiz"]
    assert f"**Quiz {seed}** · 5 questions · none answered yet" in texts(three)
    four = start()
    run(four)
    assert "quiz" not in url(four)
    assert open_tab(four, "Quiz").button(key="quiz_start") and not [r for r in four.radio if (r.key or "").startswith("quiz_")]
    run(three)
    assert url(three)["quiz"] == seed
    assert [r for r in three.radio if (r.key or "").startswith(f"quiz_{seed}_")]


# --- edit ----------------------------------------------------------------------------


def test_the_editor_holds_the_links_of_the_graph_on_screen():
    at = start()
    assert not at.data_editor  # closed, the table is not made
    (editor,) = open_editor(at).data_editor
    assert editor.key.startswith("editor_article:")
    assert editor.editing_mode == "dynamic"
    table = editor.value
    article = load_graph(ARTICLE)
    assert list(table.columns) == [
        "source",
        "source_type",
        "relation",
        "target",
        "target_type",
        "section",
        "explanation",
        "sources",
    ]
    assert table.to_dict("records") == article.links[list(table.columns)].to_dict("records")


def test_an_edit_becomes_this_sessions_graph_and_keeps_descriptions_and_sources(article_view):
    before = sha(ARTICLE)
    at = start()
    (row,) = [i for i in rows_of(at, "Tremors") if at.data_editor[0].value.at[i, "source"] == HUB]
    edit(at, {row: {"relation": "often causes"}})

    assert title(at) == EDITED_ARTICLE
    assert not at.error
    assert focus(at) == HUB
    buttons = link_buttons(at)
    assert "often causes → Tremors" in buttons and "can cause → Tremors" not in buttons
    assert len(buttons) == len(link_buttons(start()))
    assert {e["id"]: e["title"] for e in picture(at)["edges"]}[str(row)] == f"{HUB} → often causes → Tremors"
    assert at.data_editor[0].key.startswith("editor_own:")
    assert len(at.data_editor[0].value) == len(load_graph(ARTICLE).links)
    # What the article's files said about concepts and sources is still there.
    run(buttons["often causes → Tremors"].click())
    assert focus(at) == "Tremors"
    assert "symptom · physical signs" in texts(at, "caption")
    assert load_graph(ARTICLE).concept("Tremors")["description"] in texts(at)
    assert "Section: Low Production of Dopamine: Signs and Symptoms · Source: [1]" in texts(at, "caption")
    assert sha(ARTICLE) == before
    assert snapshot(start()) == article_view


def test_an_added_row_adds_a_link():
    at = start()
    edit(
        at,
        added_rows=[
            {
                "source": "Tremors",
                "source_type": "symptom",
                "relation": "can disturb",
                "target": "Handwriting",
                "target_type": "skill",
            }
        ],
    )
    assert title(at) == EDITED_ARTICLE
    assert "Handwriting" in concepts(at)
    run(at.text_input(key="search_text").input("handwriting"))
    assert focus(at) == "Handwriting"
    assert list(link_buttons(at)) == ["Tremors → can disturb → Handwriting"]


def test_an_invalid_edit_is_reported_and_changes_nothing():
    at = start()
    run(link_buttons(at)["Cocaine use → may cause → Dopamine deficiency"].click())
    before = snapshot(at)
    (row,) = [i for i in rows_of(at, "Tremors") if at.data_editor[0].value.at[i, "source"] == HUB]
    edit(at, {row: {"target": ""}, row + 1: {"target": HUB, "target_type": "condition"}})
    assert report(at) == (
        ["Your edits: not loaded, 2 problems found. The graph on screen has not changed."],
        [
            f"edited-links.csv, row {row + 2}, column 'target': this cell is empty; every link needs a value here.",
            f"edited-links.csv, row {row + 3}, column 'target': this link connects '{HUB}' to itself; "
            "a link needs two different concepts.",
        ],
    )
    assert snapshot(at) == before
    assert at.data_editor[0].key.startswith("editor_article:")


def test_changing_a_concepts_type_in_the_table_is_accepted():
    at = open_editor(start())
    table = at.data_editor[0].value
    edits = {i: {"source_type": "sign"} for i in rows_of(at, "Tremors") if table.at[i, "source"] == "Tremors"}
    edits |= {i: {"target_type": "sign"} for i in rows_of(at, "Tremors") if table.at[i, "target"] == "Tremors"}
    edit(at, edits)
    assert report(at) == ([], [])
    assert title(at) == EDITED_ARTICLE
    assert "sign" in [option.split(" ", 1)[1] for option in at.pills(key="shown_types").options]
    run(at.text_input(key="search_text").input("Tremors"))
    assert focus(at) == "Tremors"
    assert "sign · physical signs" in texts(at, "caption")  # its group and description are kept
    assert load_graph(ARTICLE).concept("Tremors")["description"] in texts(at)


@pytest.mark.parametrize("change", ["delete", "rename"])
def test_a_concept_whose_links_are_all_deleted_or_renamed_is_gone(change):
    at = start()
    rows = rows_of(at, "Tremors")
    table = at.data_editor[0].value
    if change == "delete":
        edit(at, deleted_rows=rows)
    else:
        edit(at, {i: {"source" if table.at[i, "source"] == "Tremors" else "target": "Shaking"} for i in rows})
        assert "Shaking" in concepts(at)
    assert title(at) == EDITED_ARTICLE
    assert "Tremors" not in concepts(at)


# --- downloads -------------------------------------------------------------------------


DOWNLOADS = [
    ("GraphML (Gephi, yEd, Cytoscape)", "graphml"),
    ("GEXF (Gephi)", "gexf"),
    ("JSON (node-link)", "json"),
    ("CSV (same columns as the input)", "csv"),
    ("CXL (CmapTools)", "cxl"),
]
# The picture as a handout (explorer/panels/handout.py), after the data downloads.
HANDOUTS = [
    ("Picture for print (PNG)", "handout_png"),
    ("Picture to edit (SVG)", "handout_svg"),
    ("Picture as PDF", "handout_pdf"),
]


def test_the_download_popover_offers_every_format_for_the_view_and_the_whole_graph():
    at = start()
    menu = popover(at, "Download")
    page = ("Interactive web page (works offline)", "dl_html")
    assert [(b.label, b.key) for b in menu.download_button] == [(label, f"dl_view.{ext}") for label, ext in DOWNLOADS] + [
        page
    ] + HANDOUTS
    assert at.radio(key="download_scope").value == "This view"
    run(at.radio(key="download_scope").set_value("The whole graph"))
    menu = popover(at, "Download")
    # The whole graph's CSV is a zip of links, nodes.csv and sources.csv (issue 15), which the uploader takes back.
    zipped = ("CSV files, zipped (links, nodes.csv, sources.csv; upload the zip again)", "dl_graph-csv.zip")
    assert [(b.label, b.key) for b in menu.download_button] == [(label, f"dl_graph.{ext}") for label, ext in DOWNLOADS[:3]] + [
        zipped,
        ("CXL (CmapTools)", "dl_graph.cxl"),
        page,
    ] + HANDOUTS
    assert [b.label for b in popover(at, "Your graph").download_button] == ["Download a template CSV"]


def test_the_downloads_are_offered_for_an_uploaded_graph_too():
    at = start()
    upload(at, ("water_cycle.csv", WATER.read_bytes()))
    menu = popover(at, "Download")
    assert [b.key for b in menu.download_button] == [f"dl_view.{ext}" for _, ext in DOWNLOADS] + ["dl_html"] + [
        k for _, k in HANDOUTS
    ]


def test_an_edit_of_the_article_keeps_its_disclaimer_sources_tours_and_the_learners_place():
    at = open_editor(start(focus="Levodopa", depth="2"))
    run(at.button(key="apply_edits").click())
    assert title(at) == EDITED_ARTICLE
    assert focus(at) == "Levodopa" and at.query_params["depth"] in ("2", ["2"])
    assert "not medical advice" in " ".join(c.value for c in at.caption)
    assert any("Cleveland Clinic" in unescape(m.value) for m in popover(at, "Sources and disclaimer").markdown)
    assert "From causes to symptoms" in open_tab(at, "Tour").selectbox(key="tour_choice").options


def test_the_same_file_can_be_uploaded_again_after_going_back_to_the_article():
    at = start()
    upload(at, ("water_cycle.csv", WATER.read_bytes()))
    assert title(at) == "Your graph: water_cycle.csv"
    run(at.button(key=next(b.key for b in at.button if "Back to the article" in b.label)).click())
    assert focus(at) == HUB
    upload(at, ("water_cycle.csv", WATER.read_bytes()))
    assert title(at) == "Your graph: water_cycle.csv"


def test_a_link_to_an_upload_opened_in_another_session_says_why_it_shows_the_article():
    """Uploads are private to their session: a reload or a shared link gets the article, and is told so."""
    at = start(focus="Evaporation", quiz="42", tour="from-causes-to-symptoms", graph="yours")
    assert title(at) == "Dopamine deficiency: how the ideas connect"
    assert focus(at) == HUB
    assert texts(at, "warning") == [
        "This link was made for an uploaded graph that this page no longer has: uploads stay private to the "
        "browser session that made them, and a reload starts a new one. So this is the article's graph; upload "
        "the file again under “Your graph” to carry on."
    ]
    assert url(at) == {"focus": HUB}  # neither the other graph's quiz nor its tour is started here


TOUR = (
    b"step,concept,caption\n"
    b"1,Sun,Everything starts with the sun's warmth.\n"
    b"2,evaporation,Warm water rises as vapour.\n"  # case and typos are forgiven, as in the article's tours
    b"3,Rain,And it comes back down.\n"
)


def test_a_tour_uploaded_with_the_links_can_be_taken():
    at = start()
    upload(at, ("water_cycle.csv", WATER.read_bytes()), ("tour-round-and-round.csv", TOUR))
    assert title(at) == "Your graph: water_cycle.csv"
    assert open_tab(at, "Tour").selectbox(key="tour_choice").options == ["Round and round"]
    run(at.selectbox(key="tour_choice").set_value("Round and round"))
    assert focus(at) == "Sun"
    run(at.button(key="tour_next").click())
    assert focus(at) == "Evaporation"
    assert url(at)["tour"] == "tour-round-and-round" and url(at)["step"] == "2"
    # An edit of the graph keeps its tour.
    edit(
        at,
        added_rows=[
            {"source": "Snow", "source_type": "state", "relation": "melts into", "target": "Lake", "target_type": "place"}
        ],
    )
    assert title(at) == "Your edited graph"
    assert open_tab(at, "Tour").selectbox(key="tour_choice").options == ["Round and round"]


def test_an_edit_that_removes_a_toured_concept_is_kept_and_the_tour_problem_shown():
    """As with the article's tours: the edit is the teacher's to make; the tour that no longer fits says why."""
    at = start()
    upload(at, ("water_cycle.csv", WATER.read_bytes()), ("tour-round-and-round.csv", TOUR))
    rain = [i for i, row in enumerate(WATER.read_text().splitlines()[1:]) if "Rain" in row.split(",")[:4:3]]
    edit(at, deleted_rows=rain)
    assert title(at) == "Your edited graph"
    assert "Rain" not in concepts(at)
    tour = open_tab(at, "Tour")
    assert "tour_choice" not in [box.key for box in tour.selectbox]  # no tour left to take
    problems = " ".join(texts(tour, "markdown"))
    assert "tour-round-and-round.csv, row 4, column 'concept'" in problems and "Rain" in problems


def test_a_links_file_whose_name_starts_with_tour_letters_is_still_the_links(article_view):
    at = start()
    upload(at, ("tourism.csv", WATER.read_bytes()))
    assert title(at) == "Your graph: tourism.csv"
    assert focus(at) == "Evaporation"


def test_a_tour_that_does_not_fit_the_graph_refuses_the_upload_and_says_where(article_view):
    at = start()
    bad = TOUR.replace(b"3,Rain", b"3,Snowflakes").replace(b"2,evaporation,Warm water rises as vapour.", b"2,Clouds,")
    upload(at, ("water_cycle.csv", WATER.read_bytes()), ("tour-bad.csv", bad))
    assert snapshot(at) == article_view  # nothing half-applied: no graph without its tour
    report = texts(at, "markdown")
    assert any("tour-bad.csv, row 3, column 'caption': this cell is empty" in text for text in report)
    assert any("tour-bad.csv, row 4, column 'concept'" in text and "Snowflakes" in text for text in report)
