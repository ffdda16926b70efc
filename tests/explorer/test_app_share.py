"""Classroom maps in the app (AppTest), against a real database: SQLite, then PostgreSQL (see ``database_url``).

Publishing goes through the real "Save and share" form; links are opened as a new session would
open them (``AppTest`` with the link's query parameters), so what a learner and a teacher can do
is what is tested.
"""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import networkx as nx
import pytest
from streamlit.testing.v1 import AppTest

from graph.classroom import store
from graph.files.export import to_graphml
from graph.files.load import load_files
from tests.apptest import picture, run, start, texts, unescape, uploader, url

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "app"
WATER = (FIXTURES / "water_cycle.csv").read_bytes()
ARTICLE_TITLE = "Dopamine deficiency: how the ideas connect"
SMALL = b"source,source_type,relation,target,target_type\nSeed,stage,grows into,Plant,stage\n"


@pytest.fixture
def database(database_url, monkeypatch):
    """The app's maps database: SQLite, then PostgreSQL."""
    monkeypatch.setenv("KG_DATABASE_URL", database_url)
    monkeypatch.delenv("KG_PUBLIC_URL", raising=False)
    return database_url


@pytest.fixture
def sqlite_database(tmp_path, monkeypatch):
    """For the tests about uploads, where the database is not what is tested: SQLite only."""
    url = f"sqlite:///{tmp_path / 'maps.db'}"
    monkeypatch.setenv("KG_DATABASE_URL", url)
    monkeypatch.delenv("KG_PUBLIC_URL", raising=False)
    yield url
    store.dispose(url)


def title(at: AppTest) -> str:
    return unescape(at.title[0].value)


def concepts(at: AppTest) -> set[str]:
    return {node["id"] for node in picture(at)["nodes"]}


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    return run(uploader(at).set_value([(name, data, "application/octet-stream") for name, data in files]))


def publish(at: AppTest, name: str, description: str = "") -> tuple[AppTest, str, str]:
    """Fill in and send the publish form; return the app and the learner and teacher links it shows."""
    at.text_input(key="publish_title").input(name)
    at.text_area(key="publish_description").input(description)
    (button,) = [b for b in at.button if b.label == "Publish"]
    at = run(button.click())
    links = [c.value for c in at.code]
    return at, links[0], links[1]


def params_of(link: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(link).query).items()}


def button(at: AppTest, label: str):
    (found,) = [b for b in at.button if b.label == label]
    return found


def published_water(name: str = "The water cycle") -> tuple[AppTest, str, str]:
    return publish(upload(start(), ("water_cycle.csv", WATER)), name, "Where rain comes from")


@pytest.mark.usefixtures("database")
def test_publishing_gives_a_learner_link_that_opens_the_map_in_a_new_session():
    teacher, learner_link, teacher_link = published_water()
    assert [e.value for e in teacher.success][0].startswith("Published as version 1")
    assert learner_link.startswith("http://localhost:8501/?map=") and "key=" not in learner_link
    assert params_of(teacher_link) == params_of(learner_link) | {"key": params_of(teacher_link)["key"]}
    assert title(teacher) == "The water cycle" and url(teacher)["map"] == params_of(learner_link)["map"]

    learner = start(**params_of(learner_link))
    assert title(learner) == "The water cycle"
    assert {"Evaporation", "Sun"} <= concepts(learner)
    assert url(learner)["map"] == params_of(learner_link)["map"] and "graph" not in url(learner)
    assert any("shared read-only" in e.value for e in learner.info)
    assert not [b for b in learner.button if b.label.startswith("Save this graph") or b.label == "Restore"]


@pytest.mark.usefixtures("database")
def test_a_learner_cannot_change_the_map_even_after_editing_it():
    _, learner_link, teacher_link = published_water()
    map_id = params_of(learner_link)["map"]
    learner = start(**params_of(learner_link))
    learner = upload(learner, ("water_cycle.csv", SMALL))  # their own change, in their own tab
    assert not [b for b in learner.button if b.label.startswith("Save this graph")]
    assert store.open_map(map_id).latest == 1
    assert title(start(**params_of(learner_link))) == "The water cycle"


@pytest.mark.usefixtures("database")
def test_the_teacher_link_saves_new_versions_and_restores_old_ones():
    _, learner_link, teacher_link = published_water()
    map_id, key = params_of(teacher_link)["map"], params_of(teacher_link)["key"]
    teacher = start(**params_of(teacher_link))
    assert "key" not in url(teacher) and url(teacher)["map"] == map_id  # the key leaves the address bar
    assert "You can change **The water cycle**: this page holds its teacher link (keep it private)." in texts(teacher)
    teacher = upload(teacher, ("water_cycle.csv", SMALL))
    teacher.text_input(key="save_note").input("Seeds only")  # a save asks what changed (tests/explorer/test_app_versions.py)
    teacher = run(button(teacher, "Save this graph as version 2").click())
    assert [e.value for e in teacher.success] == ["Saved as version 2. The learner link now opens it."]
    assert concepts(start(**params_of(learner_link))) == {"Seed", "Plant"}
    assert [v.number for v in store.versions(map_id, key)] == [2, 1]

    (restore,) = [b for b in teacher.button if b.label == "Restore"]
    assert restore.key == "restore_1"
    teacher = run(restore.click())
    assert store.open_map(map_id).latest == 3 and store.open_map(map_id).files == store.open_map(map_id, 1).files
    assert "Evaporation" in concepts(teacher)
    assert "Evaporation" in concepts(start(**params_of(learner_link)))


@pytest.mark.usefixtures("database")
def test_restoring_over_a_version_the_teacher_has_not_seen_is_refused_then_allowed():
    _, _, teacher_link = published_water()
    map_id, key = params_of(teacher_link)["map"], params_of(teacher_link)["key"]
    store.add_version(map_id, key, [("small.csv", SMALL)], "Seeds")
    teacher = start(**params_of(teacher_link))  # sees versions 2 and 1
    store.add_version(map_id, key, [("small.csv", SMALL)], "Seeds again")  # a colleague saves version 3 meanwhile
    teacher = run(button(teacher, "Restore").click())
    assert [e.value for e in [*teacher.error, *teacher.warning]] == [
        "Someone saved version 3 of this map after you opened version 2, so version 1 was not restored over it. "
        "Look at version 3 in the list below; to restore version 1 anyway, press its Restore again: it becomes version 4."
    ]
    assert store.open_map(map_id).latest == 3  # nothing stored
    (again,) = [b for b in teacher.button if b.key == "restore_1"]
    teacher = run(again.click())
    assert store.open_map(map_id).latest == 4 and store.open_map(map_id, 4).files == store.open_map(map_id, 1).files


@pytest.mark.usefixtures("database")
def test_a_pinned_version_stays_pinned():
    _, learner_link, teacher_link = published_water()
    map_id, key = params_of(teacher_link)["map"], params_of(teacher_link)["key"]
    store.add_version(map_id, key, [("small.csv", SMALL)], "Seeds")
    pinned = start(map=map_id, v="1")
    assert title(pinned) == "The water cycle" and url(pinned)["v"] == "1"
    assert any("an older one" in m for m in texts(pinned))
    newest = start(map=map_id)
    assert title(newest) == "Seeds" and "v" not in url(newest)


@pytest.mark.parametrize(
    "params, says",
    [
        ({"map": "doesNotExist1234"}, "No map has this link"),
        ({"map": "x"}, "No map has this link"),
        ({"map": "<script>alert(1)</script>"}, "No map has this link"),
        ({"v": "two"}, "version “two”, which is not a number"),
        ({"v": "9"}, "no version 9"),
        ({"key": "wrong-key"}, "the edit key is wrong"),
    ],
)
@pytest.mark.usefixtures("database")
def test_a_link_that_opens_nothing_shows_the_article_and_says_why(params, says):
    _, learner_link, _ = published_water()
    at = start(**(params_of(learner_link) | params))
    assert title(at) == ARTICLE_TITLE
    assert any(says in w.value for w in at.warning), [w.value for w in at.warning]
    assert "map" not in url(at)


@pytest.mark.usefixtures("database")
def test_a_wrong_key_reads_the_same_for_a_map_that_exists_and_one_that_does_not():
    _, learner_link, _ = published_water()
    real = start(map=params_of(learner_link)["map"], key="guess")
    made_up = start(map="madeUpMapId12345", key="guess")
    assert [w.value for w in real.warning] == [w.value for w in made_up.warning]


@pytest.mark.usefixtures("database")
def test_saves_per_minute_are_limited(monkeypatch):
    monkeypatch.setenv("KG_MAX_SAVES_PER_MINUTE", "2")  # read when used
    at = upload(start(), ("water_cycle.csv", WATER))
    for name in ("One", "Two"):
        at, *_ = publish(at, name)
    at.text_input(key="publish_title").input("Three")
    at = run(button(at, "Publish").click())
    assert any("saved 2 times in the last minute" in w.value for w in at.warning)
    assert sorted(m.title for m in store.list_maps()) == ["One", "Two"]


@pytest.mark.usefixtures("database")
def test_a_publish_without_a_title_is_refused_and_stores_nothing():
    at = upload(start(), ("water_cycle.csv", WATER))
    at.text_input(key="publish_title").input("   ")
    at = run(button(at, "Publish").click())
    assert any("needs a title" in w.value for w in at.warning)
    assert store.list_maps() == []


@pytest.mark.usefixtures("sqlite_database")
def test_the_article_itself_is_not_offered_for_publishing():
    at = start()
    assert not [b for b in at.button if b.label == "Publish"]
    assert any("Upload or edit a graph first" in c.value for c in at.caption)


@pytest.mark.usefixtures("sqlite_database")
def test_a_corrected_file_chosen_again_under_the_same_name_replaces_the_first():
    at = upload(start(), ("water_cycle.csv", WATER), ("water_cycle.csv", SMALL))
    assert not at.error, [e.value for e in at.error]
    assert concepts(at) == {"Seed", "Plant"}
    assert title(at) == "Your graph: water_cycle.csv"


@pytest.mark.usefixtures("sqlite_database")
def test_the_title_of_an_upload_names_its_links_file_only():
    nodes = b"concept,type,group,description\nSeed,stage,,A seed\n"
    at = upload(start(), ("nodes.csv", nodes), ("growth.csv", SMALL))
    assert title(at) == "Your graph: growth.csv"


@pytest.mark.usefixtures("sqlite_database")
def test_a_graphml_file_from_gephi_or_a_download_can_be_uploaded_and_published():
    water = load_files([("water_cycle.csv", WATER)])
    at = upload(start(), ("water.graphml", to_graphml(water)))
    assert concepts(at) >= {"Evaporation", "Sun"} and title(at) == "Your graph: water.graphml"
    at, learner_link, _ = publish(at, "Water from GraphML")
    assert concepts(start(**params_of(learner_link))) >= {"Evaporation", "Sun"}


@pytest.mark.usefixtures("sqlite_database")
def test_a_broken_graphml_upload_is_refused_with_its_name():
    graph = nx.DiGraph()
    graph.add_edge("A", "B")  # no relation
    out = io.BytesIO()
    nx.write_graphml(graph, out)
    at = upload(start(), ("lesson.graphml", out.getvalue()))
    assert title(at) == ARTICLE_TITLE
    assert any("lesson.graphml, row 2, column 'relation'" in m for m in texts(at))
