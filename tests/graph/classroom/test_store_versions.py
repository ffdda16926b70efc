"""Versions a teacher can tell apart (issue 25): a note on each save, "nothing changed" refused, and a diff."""

from __future__ import annotations

import pytest

from graph.classroom import store
from graph.core.diff import Change
from tests.conftest import PATH

EDGES = [("edges.csv", PATH.encode())]
TOUR = b"step,concept,caption\n1,A,Where it starts\n"


def test_each_version_keeps_its_note(database_url):
    saved = store.publish(EDGES, "Causes", url=database_url, note="First draft")
    changed = [("edges.csv", PATH.replace("C makes D worse", "C makes D far worse").encode())]
    assert store.add_version(saved.map_id, saved.key, changed, url=database_url, note="  Clearer\nexplanation ") == 2
    notes = [(v.number, v.note) for v in store.versions(saved.map_id, saved.key, url=database_url)]
    assert notes == [(2, "Clearer explanation"), (1, "First draft")]


def test_a_save_that_changes_nothing_is_refused_and_stores_nothing(database_url):
    saved = store.publish(EDGES, "Causes", url=database_url)
    # The same graph in other bytes (a line ending, the columns' quoting) is still the same graph.
    same = [("lesson.csv", PATH.replace("\n", "\r\n").encode())]
    with pytest.raises(store.NothingChanged, match="Nothing changed: this graph is version 1 as it is"):
        store.add_version(saved.map_id, saved.key, same, url=database_url, refuse_unchanged=True)
    assert store.open_map(saved.map_id, url=database_url).latest == 1
    # A new title, or a tour, is a change.
    assert store.add_version(saved.map_id, saved.key, same, "Renamed", url=database_url, refuse_unchanged=True) == 2
    toured = [*same, ("tour-start.csv", TOUR)]
    assert store.add_version(saved.map_id, saved.key, toured, url=database_url, refuse_unchanged=True) == 3


def test_compare_lists_what_changed_between_two_versions(database_url):
    saved = store.publish(EDGES, "Causes", url=database_url)
    edited = PATH.replace("B,condition,causes,C", "B,condition,may cause,C") + "E,condition,ends in,F,outcome,,,\n"
    store.add_version(saved.map_id, saved.key, [("edges.csv", edited.encode())], url=database_url, note="Hedged")
    diff = store.compare(saved.map_id, 1, 2, url=database_url)
    assert diff.links_added == [("E", "ends in", "F")]
    assert diff.concepts_added == ["F"]
    assert diff.links_changed == [Change("B → C", "relation", "causes", "may cause")]
    assert diff.links_removed == diff.concepts_removed == diff.concepts_changed == []
    assert store.compare(saved.map_id, 2, 2, url=database_url).empty
    with pytest.raises(store.MapNotFound):
        store.compare(saved.map_id, 1, 7, url=database_url)


def test_cli_publish_takes_a_note_and_refuses_a_version_that_changes_nothing(database_url, monkeypatch, capsys, tmp_path):
    from graph.__main__ import main

    monkeypatch.setenv("KG_DATABASE_URL", database_url)
    edges = tmp_path / "lesson.csv"
    edges.write_text(PATH, "utf-8")
    assert main(["publish", str(edges), "--title", "Lesson", "--note", "First"]) == 0
    teacher_link = capsys.readouterr().out.splitlines()[-1]
    map_id, key = teacher_link.split("map=")[1].split("&key=")
    assert main(["publish", str(edges), "--map", map_id, "--key", key, "--note", "Again"]) == 1
    assert "Nothing changed: this graph is version 1 as it is" in capsys.readouterr().err
    edges.write_text(PATH.replace("A starts it", "A begins it"), "utf-8")
    assert main(["publish", str(edges), "--map", map_id, "--key", key, "--note", "Reworded"]) == 0
    assert [v.note for v in store.versions(map_id, key, url=database_url)] == ["Reworded", "First"]
