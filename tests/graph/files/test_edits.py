"""Edits made in the picture (graph/files/edits.py): each gives files the upload's checks accept, or is refused."""

from __future__ import annotations

import pytest

from graph.files.cxl import to_cxl
from graph.files.edits import (
    AddConcept,
    AddLink,
    ChangeConcept,
    ChangeLink,
    DeleteConcept,
    DeleteLink,
    History,
    apply_edit,
    links_file_name,
)
from graph.files.formats import to_csv_files
from graph.files.load import ValidationError, load_files

CHAIN = b"source,source_type,relation,target,target_type\nRain,weather,feeds,River,place\nRiver,place,flows into,Sea,place\n"
RELATIONS = (
    b"relation,inverse,hedge,family,meaning\n"
    b"feeds,is fed by,states,feeds,The first gives water to the second.\n"
    b"flows into,receives,states,flows,The first empties into the second.\n"
)
TOUR = b"step,concept,caption\n1,Rain,Where it starts\n"


def chain(*more):
    files = (("water.csv", CHAIN), *more)
    return files, load_files(files)


def edges(kg):
    return sorted((link.source, link.relation, link.target) for link in kg.links.itertuples())


def test_a_new_concept_is_added_alone_with_its_kind_and_description():
    files, kg = chain()
    _, after = apply_edit(files, kg, AddConcept(" Cloud ", "weather", "Water in the air"))
    assert after.concept("Cloud") == {"type": "weather", "group": "", "description": "Water in the air"}
    assert after.graph.degree("Cloud") == 0
    assert edges(after) == edges(kg)


def test_a_drawn_link_takes_its_ends_kinds():
    files, kg = chain()
    files, kg = apply_edit(files, kg, AddConcept("Cloud", "weather"))
    files, kg = apply_edit(files, kg, AddLink("Cloud", "gives", "Rain", "Clouds rain."))
    assert ("Cloud", "gives", "Rain") in edges(kg)
    row = kg.links[kg.links["source"] == "Cloud"].iloc[0]
    assert (row["source_type"], row["target_type"], row["explanation"]) == ("weather", "weather", "Clouds rain.")
    assert [name for name, _ in files] == ["water.csv", "nodes.csv"]


def test_a_renamed_concept_keeps_its_links_and_a_new_kind_reaches_them():
    files, kg = chain()
    _, after = apply_edit(files, kg, ChangeConcept("River", "Stream", "water", "Small river"))
    assert edges(after) == [("Rain", "feeds", "Stream"), ("Stream", "flows into", "Sea")]
    assert after.concept("Stream")["type"] == "water" and "River" not in after.graph


def test_a_deleted_concept_takes_its_links_with_it():
    files, kg = chain()
    _, after = apply_edit(files, kg, DeleteConcept("Sea"))
    assert edges(after) == [("Rain", "feeds", "River")] and "Sea" not in after.graph


def test_a_link_is_changed_or_deleted_by_its_id():
    files, kg = chain()
    first = int(kg.links.index[kg.links["source"] == "Rain"][0])
    files2, changed = apply_edit(files, kg, ChangeLink(first, "fills", "After a storm"))
    assert edges(changed) == [("Rain", "fills", "River"), ("River", "flows into", "Sea")]
    _, deleted = apply_edit(files, kg, DeleteLink(first))
    assert edges(deleted) == [("River", "flows into", "Sea")]


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (AddConcept("river", "place"), "already has a concept called 'River'"),
        (AddConcept("  ", "place"), "The concept's name is empty"),
        (AddConcept("Lake", ""), "The concept's kind is empty"),
        (ChangeConcept("River", "SEA", "place"), "already has a concept called 'Sea'"),
        (AddLink("Rain", "feeds", "Lake"), "no concept called 'Lake'"),
        (AddLink("Rain", "feeds", "River"), "already has the link Rain → feeds → River"),
        (AddLink("Rain", "feeds", "Rain"), "two different concepts"),
        (AddLink("Rain", " ", "Sea"), "relation is empty"),
        (DeleteLink(99), "no longer in the map"),
    ],
)
def test_an_edit_the_map_cannot_take_is_refused_with_its_reason(edit, reason):
    files, kg = chain()
    with pytest.raises(ValidationError) as refused:
        apply_edit(files, kg, edit)
    assert reason in refused.value.report()


def test_the_uploads_checks_refuse_a_relation_the_maps_vocabulary_does_not_list():
    files, kg = chain(("relations.csv", RELATIONS))
    with pytest.raises(ValidationError) as refused:
        apply_edit(files, kg, AddLink("Rain", "warms", "Sea"))
    assert "'warms' is not a relation listed in relations.csv" in refused.value.report()
    files, kg = apply_edit(files, kg, AddLink("Rain", "flows into", "Sea"))
    assert ("Rain", "flows into", "Sea") in edges(kg)
    assert [name for name, _ in files] == ["water.csv", "nodes.csv", "relations.csv"]


def test_a_map_left_with_no_link_is_refused_by_the_uploads_checks():
    files, kg = chain()
    files, kg = apply_edit(files, kg, DeleteConcept("Sea"))
    with pytest.raises(ValidationError) as refused:
        apply_edit(files, kg, DeleteConcept("Rain"))
    assert "water.csv" in refused.value.report()


def test_tours_ride_along_and_a_tour_step_is_kept():
    files, kg = chain(("tour-water.csv", TOUR))
    files, _ = apply_edit(files, kg, AddConcept("Cloud", "weather"))
    assert ("tour-water.csv", TOUR) in files
    assert links_file_name(files) == "water.csv"


def test_formula_like_names_are_written_as_text_and_read_back_as_typed():
    files, kg = chain()
    _, after = apply_edit(files, kg, AddConcept("=1+1", "place"))
    assert "=1+1" in after.graph


def test_undo_and_redo_walk_the_edits_back_and_forth():
    history = History()
    files, kg = chain()
    history.done(files)
    after, _ = apply_edit(files, kg, AddConcept("Cloud", "weather"))
    assert history.undo(after) == files
    assert history.undo(files) is None
    assert history.redo(files) == after
    assert history.redo(after) is None
    history.done(after)
    assert history.redone == [] and history.undone == [files, after]


def test_a_new_edit_forgets_what_could_be_redone_and_the_history_is_bounded():
    history = History(limit=3)
    for step in range(5):
        history.done((str(step),))
    assert history.undone == [("2",), ("3",), ("4",)]
    history.undo(("5",))
    history.done(("x",))
    assert history.redone == []


def test_a_cmaptools_maps_positions_survive_an_edit():
    files = tuple(to_csv_files([("water.cxl", to_cxl(chain()[1], None, "Water"))]))
    kg = load_files(files)
    placed = kg.concepts.loc["River", ["x", "y"]].tolist()
    assert all(placed)
    files, kg = apply_edit(files, kg, AddConcept("Cloud", "weather"))
    files, kg = apply_edit(files, kg, ChangeConcept("River", "Stream", "place"))
    assert kg.concepts.loc["Stream", ["x", "y"]].tolist() == placed
    assert kg.concepts.loc["Cloud", ["x", "y"]].tolist() == ["", ""]
