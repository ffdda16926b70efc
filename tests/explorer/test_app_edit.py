"""Editing a map in the app (AppTest): the forms beside the picture add, change and delete concepts and links,
undo and redo; a change the map cannot take is refused with its reason and the map stays as it was; a teacher
saves the edited map as a new version with a note. (Drawing a link with the mouse: tests/browser/test_edit_browser.py.)"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from graph.classroom import store
from graph.files.load import load_files
from tests.apptest import run, session, start, texts
from tests.explorer.test_app_share import WATER, button, database, params_of, published_water, upload  # noqa: F401

RELATIONS = (
    b"relation,inverse,hedge,family,meaning\n"
    b"grows into,grows from,states,grows,The first becomes the second.\n"
    b"needs,is needed by,states,needs,The first cannot do without the second.\n"
)
SEED = b"source,source_type,relation,target,target_type\nSeed,stage,grows into,Plant,stage\n"


def opened(at: AppTest) -> AppTest:
    at.session_state["kg_edit"] = True  # the expander, opened: its content is made only while open
    return run(at)


def links(at: AppTest) -> set[tuple[str, str, str]]:
    """The links of the graph on screen, as the session holds its files."""
    kg = load_files(session(at).uploads.own_graph[1])
    return {(link.source, link.relation, link.target) for link in kg.links.itertuples()}


def concepts(at: AppTest) -> set[str]:
    return set(load_files(session(at).uploads.own_graph[1]).graph)


def add_concept(at: AppTest, name: str, kind: str, description: str = "") -> AppTest:
    at.text_input(key="edit_new_name").input(name)
    at.selectbox(key="edit_new_kind").set_value(kind)  # a kind typed anew: AppTest sets listed options only
    at.text_area(key="edit_new_description").input(description)
    return run(button(at, "Add the concept").click())


def add_link(at: AppTest, source: str, relation: str, target: str) -> AppTest:
    at.selectbox(key="edit_link_from").set_value(source)
    at.selectbox(key="edit_link_relation").set_value(relation)
    at.selectbox(key="edit_link_to").set_value(target)
    return run(button(at, "Add the link").click())


def seed_map(*more) -> AppTest:
    return opened(upload(start(), ("seeds.csv", SEED), *more))


def test_a_concept_and_a_link_added_by_keyboard_then_undone_and_redone():
    at = add_concept(seed_map(), "Water", "stage", "What every plant drinks")
    assert [e.value for e in at.success] == ["Added the concept “Water”."]
    assert concepts(at) == {"Seed", "Plant", "Water"}
    at = add_link(at, "Plant", "requires", "Water")
    assert links(at) == {("Seed", "grows into", "Plant"), ("Plant", "requires", "Water")}
    assert any("Plant" in m and "Water" in m for m in texts(at, "caption") + [t.value for t in at.success])
    at = run(at.button(key="edit_undo").click())
    assert links(at) == {("Seed", "grows into", "Plant")} and concepts(at) == {"Seed", "Plant", "Water"}
    at = run(at.button(key="edit_undo").click())
    assert concepts(at) == {"Seed", "Plant"}
    assert at.button(key="edit_undo").disabled
    at = run(at.button(key="edit_redo").click())
    at = run(at.button(key="edit_redo").click())
    assert links(at) == {("Seed", "grows into", "Plant"), ("Plant", "requires", "Water")}
    assert at.button(key="edit_redo").disabled


def test_the_relations_offered_are_the_maps_vocabulary_with_how_sure_each_is():
    at = seed_map(("relations.csv", RELATIONS))
    relation = at.selectbox(key="edit_link_relation")
    assert relation.options == ["grows into (said plainly)", "needs (said plainly)"]
    article = opened(upload(start(), ("seeds.csv", SEED)))
    offered = article.selectbox(key="edit_link_relation").options
    assert "may cause (may: uncertain, or research suggests)" in offered
    assert "grows into (used in this map)" in offered


def test_a_change_the_map_cannot_take_is_refused_with_its_reason_and_changes_nothing():
    at = seed_map(("relations.csv", RELATIONS))
    before = session(at).uploads.own_graph[:2]  # digest and files
    at = add_concept(at, "seed", "stage")
    (refusal,) = at.error
    assert "already has a concept called 'Seed'" in refusal.value and "stays as it was" in refusal.value
    at = add_link(at, "Plant", "needs", "Seed")
    at = add_link(at, "Plant", "needs", "Seed")
    (refusal,) = at.error
    assert "already has the link Plant → needs → Seed" in refusal.value
    at = run(at.button(key="edit_undo").click())
    assert session(at).uploads.own_graph[:2] == before
    assert at.button(key="edit_undo").disabled  # nothing was done, so nothing to undo


def test_a_concept_is_renamed_and_its_links_follow_then_a_link_is_deleted():
    at = seed_map()
    at.selectbox(key="edit_concept_choice").set_value("Plant")
    at = run(at)
    (name,) = [box for box in at.text_input if box.label == "Name" and box.value == "Plant"]
    name.input("Seedling")
    at = run(button(at, "Save the concept").click())
    assert links(at) == {("Seed", "grows into", "Seedling")}
    at = add_concept(at, "Tree", "stage")
    at = add_link(at, "Seedling", "grows into", "Tree")
    at.selectbox(key="edit_link_choice").set_value(0)
    at = run(at)
    at = run(button(at, "Delete the link").click())
    assert links(at) == {("Seedling", "grows into", "Tree")}
    assert "Seed" in concepts(at)  # deleting a link leaves its concepts


def test_deleting_a_concept_takes_its_links_and_the_last_link_cannot_go():
    at = add_concept(seed_map(), "Tree", "stage")
    at = add_link(at, "Plant", "grows into", "Tree")
    at.selectbox(key="edit_concept_choice").set_value("Tree")
    at = run(at)
    at = run(button(at, "Delete the concept and its links").click())
    assert links(at) == {("Seed", "grows into", "Plant")} and "Tree" not in concepts(at)
    at.selectbox(key="edit_concept_choice").set_value("Seed")
    at = run(at)
    at = run(button(at, "Delete the concept and its links").click())
    assert at.error and "seeds.csv" in at.error[0].value
    assert links(at) == {("Seed", "grows into", "Plant")}


def test_a_map_too_big_to_edit_here_says_where_to_edit_it(monkeypatch):
    from explorer.panels import edit

    monkeypatch.setattr(edit, "MAX_EDITED_LINKS", 0)
    at = seed_map()
    assert not [b for b in at.button if b.label == "Add the concept"]
    assert any("edit it in a spreadsheet" in i.value for i in at.info)


def test_the_articles_graph_and_a_learner_link_offer_no_editing():
    at = opened(start())
    assert not [b for b in at.button if b.label == "Add the concept"]
    assert any("Upload a graph" in c for c in texts(at, "caption"))


@pytest.mark.usefixtures("database")
def test_a_teacher_edits_the_map_and_saves_it_as_a_version_with_a_note():
    _, learner_link, teacher_link = published_water()
    map_id, key = params_of(teacher_link)["map"], params_of(teacher_link)["key"]
    teacher = opened(start(**params_of(teacher_link)))
    teacher = add_concept(teacher, "Snow", "state")
    teacher = add_link(teacher, "Clouds", "release", "Snow")
    teacher.text_input(key="save_note").input("Snow falls too")
    teacher = run(button(teacher, "Save this graph as version 2").click())
    assert [e.value for e in teacher.success][-1] == "Saved as version 2. The learner link now opens it."
    assert [(v.number, v.note) for v in store.versions(map_id, key)] == [(2, "Snow falls too"), (1, "")]
    learner = opened(start(**params_of(learner_link)))
    assert ("Clouds", "release", "Snow") in links(learner)
    assert not [b for b in learner.button if b.label in ("Add the concept", "Undo")]
    assert "Edit the map in a picture" not in [e.label for e in learner.expander]
