"""The class at a glance in the app (AppTest), against a real database: SQLite, then PostgreSQL.

A learner opens the learner link, picks a nickname, checks a map and finishes a quiz (each is
handed in), reloads, and deletes what they handed in; the teacher opens the teacher link and reads
the Class view. Links are opened as a new session would open them (``AppTest`` with query parameters).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from explorer.components.learner_memory import memory_key
from explorer.panels import class_view
from graph.classroom import results, store
from graph.classroom.group_picture import COLOURS
from graph.teaching.score import Proposition
from tests.apptest import open_tab, run, start, texts, url

WATER = (Path(__file__).resolve().parents[1] / "fixtures" / "app" / "water_cycle.csv").read_bytes()
P = Proposition


@pytest.fixture
def water(database_url, monkeypatch) -> store.Published:
    monkeypatch.setenv("KG_DATABASE_URL", database_url)
    return store.publish([("water_cycle.csv", WATER)], "The water cycle", url=database_url)


def expander(at: AppTest, label_start: str):
    (found,) = [e for e in at.expander if e.label.startswith(label_start)]
    return found


def choose_nickname(at: AppTest, name: str) -> AppTest:
    at.text_input(key=class_view.NICKNAME).input(name)
    (button,) = [b for b in expander(at, "Your work for the class").button if b.label in ("Start handing in", "Save nickname")]
    return run(button.click())


def build_and_check(at: AppTest, links: list[tuple[str, str, str]]) -> AppTest:
    open_tab(at, "Practice").radio[0].set_value("Build a map")
    at = run(at)
    run(at.button(key="map_start").click())
    for source, words, target in links:
        at.selectbox(key="map_from").set_value(source)
        at.text_input(key="map_words").input(words)
        at.selectbox(key="map_to").set_value(target)
        run(at.button(key="map_add_link").click())
    return run(at.button(key="map_check").click())


def token(at: AppTest) -> str | None:
    return at.session_state[class_view.STATE_KEY].token


def reopen(map_id: str, held: str) -> AppTest:
    """The learner link opened again in a browser whose storage holds ``held`` for the map (as learner_memory.js answers)."""
    at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "app.py"), default_timeout=60)
    at.query_params["map"] = map_id
    at.session_state[memory_key(map_id)] = {"token": held}
    return run(at)


def kept(at: AppTest, map_id: str) -> dict:
    """What the page asked the browser to keep or forget for ``map_id``."""
    for element in at.get("bidi_component"):
        data = json.loads(element.proto.json)
        if element.proto.id.endswith(f"-{memory_key(map_id)}"):
            return data
    raise AssertionError("no learner memory on the page")


def sent(at: AppTest, key: str) -> dict:
    """What the graph view ``key`` was sent (ids made opaque for the browser; read back to names)."""
    from tests.apptest import by_name

    for element in at.get("bidi_component"):
        data = json.loads(element.proto.json)
        if "payload" in data and element.proto.id.endswith(f"-{key}"):
            return by_name(data["payload"])
    raise AssertionError(f"no graph view {key}")


def test_a_learner_picks_a_nickname_and_each_checked_map_is_handed_in(water, database_url):
    at = start(map=water.map_id)
    assert "Your nickname" in [t.label for t in at.text_input]
    at = choose_nickname(at, "  Ann  ")
    token = at.session_state[class_view.STATE_KEY].token
    assert "me" not in url(at)  # a copied address does not carry who the learner is
    assert kept(at, water.map_id) == {"map": water.map_id, "keep": token, "forget": False, "held": None}
    assert results.nickname_of(water.map_id, token, url=database_url) == "Ann"
    assert "You hand in as **Ann**." in texts(expander(at, "Your work for the class"))
    at = build_and_check(at, [("Sun", "heats", "Ocean"), ("Evaporation", "feeds", "Ocean")])
    assert "Your map was handed in to your teacher as Ann." in texts(at, "success")
    (mine,) = results.my_hand_ins(water.map_id, token, url=database_url)
    assert (mine.kind, mine.version, mine.work["links"]) == (
        "map",
        1,
        [["Sun", "heats", "Ocean"], ["Evaporation", "feeds", "Ocean"]],
    )
    # A reload (a new session, the browser holding the token) keeps the nickname, and lists what was handed in.
    again = reopen(water.map_id, token)
    assert "me" not in url(again)
    listed = texts(expander(again, "Your work for the class"))
    assert "You hand in as **Ann**." in listed and any(t.startswith("Map · 2 links") for t in listed)
    run(again.button(key=f"class_delete_{mine.id}").click())
    assert results.my_hand_ins(water.map_id, token, url=database_url) == []


def test_a_learner_on_a_shared_computer_can_make_the_browser_forget_them(water, database_url):
    ann = results.join(water.map_id, "Ann", url=database_url)
    at = reopen(water.map_id, ann)
    assert "You hand in as **Ann**." in texts(expander(at, "Your work for the class"))
    at = run(at.button(key="class_forget_me").click())
    assert token(at) is None and kept(at, water.map_id)["forget"] is True
    assert "Your nickname" in [t.label for t in at.text_input]
    at = run(at)  # the browser still answers with the old token until it has forgotten it: it is not taken up again
    assert token(at) is None
    at = build_and_check(at, [("Sun", "heats", "Ocean")])
    assert results.my_hand_ins(water.map_id, ann, url=database_url) == []


def test_a_token_the_browser_holds_that_is_no_learners_is_ignored_and_forgotten(water, database_url):
    at = reopen(water.map_id, "x" * 43)
    assert token(at) is None and "Your nickname" in [t.label for t in at.text_input]
    assert kept(at, water.map_id)["forget"] is True
    other = store.publish([("water_cycle.csv", WATER)], "Another class", url=database_url)
    elsewhere = results.join(other.map_id, "Ann", url=database_url)
    at = reopen(water.map_id, elsewhere)  # a token belongs to one map
    assert token(at) is None and not results.class_results(water.map_id, water.key, url=database_url).learners


def test_without_a_nickname_nothing_is_handed_in_and_the_learner_is_told_how(water, database_url):
    at = build_and_check(start(map=water.map_id), [("Sun", "heats", "Ocean")])
    assert any("Choose a nickname" in t for t in texts(at, "info"))
    teacher = results.class_results(water.map_id, water.key, url=database_url)
    assert teacher.learners == []


def test_a_nickname_is_plain_text_and_a_taken_one_is_refused(water, database_url):
    results.join(water.map_id, "Bob", url=database_url)
    at = choose_nickname(start(map=water.map_id), "bob")
    assert texts(expander(at, "Your work for the class"), "info")[0].startswith("Someone in this class is already called")
    assert "me" not in url(at)
    at = choose_nickname(at, "<img src=x onerror=alert(1)>**Eve**")
    shown = [m.value for m in expander(at, "Your work for the class").markdown]
    assert r"You hand in as **\<img src=x onerror=alert\(1\)\>\*\*Eve\*\***." in shown


def test_a_nickname_ending_with_a_full_stop_gets_no_second_one(water, database_url):
    at = choose_nickname(start(map=water.map_id), "Ann B.")
    assert "You hand in as **Ann B.**" in texts(expander(at, "Your work for the class"))
    at = build_and_check(at, [("Sun", "heats", "Ocean")])
    assert "Your map was handed in to your teacher as Ann B." in texts(at, "success")
    assert any(t.startswith("Map · 1 link · score") for t in texts(expander(at, "Your work for the class")))


def test_a_finished_quiz_is_handed_in_once(water, database_url):
    at = choose_nickname(start(map=water.map_id), "Cy")
    token = at.session_state[class_view.STATE_KEY].token
    open_tab(at, "Quiz")
    run(at.button(key="quiz_start").click())
    seed = at.session_state["kg_session"].teaching.quiz_seed
    count = len([r for r in at.radio if r.key and r.key.startswith(f"quiz_{seed}_")])
    for index in range(count):
        radio = at.radio(key=f"quiz_{seed}_{index}")
        radio.set_value(radio.options[0])
        at = run(at.button(key=f"quiz_check_{index}").click())
    assert "Your quiz was handed in to your teacher as Cy." in texts(at, "success")
    run(at)
    (quiz,) = results.my_hand_ins(water.map_id, token, url=database_url)
    assert quiz.kind == "quiz" and len(quiz.work["items"]) == count
    assert sum(item["right"] for item in quiz.work["items"]) == round(quiz.score * count)


def test_the_teacher_sees_the_class_view_with_counts_and_a_wrong_key_sees_nothing(water, database_url):
    for name, links in (
        ("Ann", [P("Sun", "heats", "Ocean"), P("Sun", "makes", "Rain")]),
        ("Bob", [P("Sun", "heats", "Ocean"), P("Evaporation", "feeds", "Ocean")]),
    ):
        token = results.join(water.map_id, name, url=database_url)
        results.hand_in(water.map_id, token, "map", results.map_work(links), 0.5, 1, url=database_url)
    wrong = start(map=water.map_id, key="x" * 43)
    assert not [e for e in wrong.expander if e.label.startswith("Class view")]
    learner = start(map=water.map_id)
    assert not [e for e in learner.expander if e.label.startswith("Class view")]

    at = start(map=water.map_id, key=water.key)
    assert expander(at, "Class view").label == "Class view · 2 learners"
    at.session_state["kg_class_view"] = True
    at = run(at)
    assert [(m.label, m.value) for m in at.metric][:1] == [("Learners", "2")]
    group = sent(at, "class_group")
    heats = next(e for e in group["edges"] if e["title"].startswith("Sun heats Ocean:"))
    feeds = next(e for e in group["edges"] if e["title"].startswith("Ocean feeds Evaporation:"))
    assert (heats["label"], heats["width"], heats["color"]["color"]) == ("heats\n✓2", 10, COLOURS["match"])
    assert (feeds["label"], feeds["color"]["color"]) == ("feeds\n⇄1", COLOURS["reversed"])
    assert heats["title"] == "Sun heats Ocean: match 2 (of 2 learners)"
    (added,) = [e for e in group["edges"] if e["id"].startswith("x")]
    assert (added["from"], added["to"], added["label"].split("\n")[1], added["dashes"]) == ("Sun", "Rain", "+1", True)
    tables = {tuple(df.value.columns): df.value for df in at.dataframe}
    missed = tables[("source", "relation", "target", "learners who missed it", "of")]
    assert ("Ocean", "feeds", "Evaporation", 1, 1) in [tuple(row) for row in missed.itertuples(index=False)]
    assert {b.label for b in at.get("download_button")} >= {"Group map (CSV)", "Everything (xlsx)"}
    assert not [c for c in at.get("bidi_component") if c.proto.id.endswith("-class_difference")]  # until a learner is chosen


def test_the_teacher_picks_a_link_and_a_learner(water, database_url):
    for name, links in (
        ("Ann", [P("Sun", "heats", "Ocean"), P("Sun", "makes", "Rain")]),
        ("Bob", [P("Ocean", "heats", "Sun")]),
    ):
        token = results.join(water.map_id, name, url=database_url)
        results.hand_in(water.map_id, token, "map", results.map_work(links), 0.5, 1, url=database_url)
    at = start(map=water.map_id, key=water.key)
    at.session_state["kg_class_view"] = True
    at = run(at)
    heats = next(e for e in sent(at, "class_group")["edges"] if e["title"].startswith("Sun heats Ocean:"))
    assert heats["kind"] == "link"
    at.session_state[class_view.STATE_KEY].picked_link = str(heats["link"])  # what a click on that link reports
    at = run(at)
    who = next(df.value for df in at.dataframe if list(df.value.columns) == ["learner", "verdict"])
    assert [tuple(row) for row in who.itertuples(index=False)] == [("Ann", "match"), ("Bob", "reversed")]
    at.selectbox(key="class_learner").set_value("Bob")
    at = run(at)
    difference = sent(at, "class_difference")
    bobs = next(e for e in difference["edges"] if e["id"] == heats["id"])
    assert bobs["label"] == "heats\n⇄ reversed" and not [e for e in difference["edges"] if e["id"].startswith("x")]


def test_a_map_whose_id_holds_two_underscores_opens_on_its_learner_link(database_url, monkeypatch):
    # A map id is random URL-safe text: about 1 in 250 holds "__", which Streamlit refuses in a component's key.
    monkeypatch.setenv("KG_DATABASE_URL", database_url)
    tokens, real = iter(["ab__cdEFghIJklMN", "k" * 43]), store.new_token
    monkeypatch.setattr(store, "new_token", lambda size: next(tokens, None) or real(size))
    saved = store.publish([("water_cycle.csv", WATER)], "The water cycle", url=database_url)
    assert "__" in saved.map_id
    at = choose_nickname(start(map=saved.map_id), "Ann")
    assert "You hand in as **Ann**." in texts(expander(at, "Your work for the class"))
