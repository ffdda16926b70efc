"""graph/classroom/group_picture.py: the group map and a difference map as vis-network data."""

from __future__ import annotations

from graph.classroom.group_map import group_map
from graph.classroom.group_picture import (
    COLOURS,
    EXTRA_COLOUR,
    NOT_IN_MAP,
    base_picture,
    difference_payload,
    edge_of,
    group_payload,
)
from graph.teaching.score import Proposition
from tests.conftest import PATH, kg_from

P = Proposition


def test_links_are_coloured_by_the_verdict_most_learners_gave_and_widened_by_matches():
    kg = kg_from(PATH)
    group = group_map(
        kg,
        {
            "Ann": ([P("A", "leads to", "B"), P("C", "causes", "B"), P("X", "causes", "A")], None),
            "Bob": ([P("A", "leads to", "B"), P("C", "causes", "B")], None),
            "Cy": ([P("B", "causes", "C")], None),
        },
    )
    base = base_picture(kg)
    assert {node["id"] for node in base["nodes"]} == set(kg.graph)
    payload = group_payload(kg, group, base)
    edges = {edge["id"]: edge for edge in payload["edges"]}
    ab, bc, cd = edges["m0"], edges["m1"], edges["m2"]
    # Each link says its relation, its counts under it: "✓1 ≠1" alone did not say which link it was.
    assert (ab["label"], ab["color"]["color"], ab["width"]) == ("leads to\n✓2", COLOURS["match"], round(1 + 9 * 2 / 3, 2))
    assert (bc["label"], bc["color"]["color"]) == ("causes\n✓1 ⇄2", COLOURS["reversed"])
    assert cd["label"] == "worsens" and cd["width"] == 1  # no learner's map covers C → D
    added = edges["x0"]
    assert (added["from"], added["to"], added["label"], added["dashes"], added["color"]["color"]) == (
        "X",
        "A",
        "causes\n+1",
        True,
        EXTRA_COLOUR,
    )
    (apart,) = [node for node in payload["nodes"] if node["group"] == NOT_IN_MAP]
    assert apart["id"] == "X" and apart["x"] > max(node["x"] for node in base["nodes"])
    # Links and learners' added links are told apart by a field, and a click (by ``link``, else ``id``) finds each.
    assert (ab["kind"], ab["link"], added["kind"], added["added"]) == ("link", 0, "added", 0)
    assert edge_of(payload, "0") is ab and edge_of(payload, "x0") is added and edge_of(payload, "m0") is None
    assert all(node["kind"] == "concept" for node in payload["nodes"])
    mine = {edge["id"]: edge for edge in difference_payload(kg, group, "Cy", base)["edges"]}
    assert (mine["m1"]["label"], mine["m1"]["color"]["color"]) == ("causes\n✓ match", COLOURS["match"])
    assert "x0" not in mine  # Ann's added link is not Cy's


def test_only_the_links_added_most_are_drawn():
    kg = kg_from(PATH)
    maps = {f"L{i}": ([P(f"New {i}", "causes", "A")] + ([P("E", "causes", "A")] if i < 2 else []), None) for i in range(5)}
    group = group_map(kg, maps)
    payload = group_payload(kg, group, base_picture(kg), most_extra=2)
    added = [edge for edge in payload["edges"] if edge["kind"] == "added"]
    assert len(group.extra) == 6 and len(added) == 2
    assert (added[0]["from"], added[0]["label"]) == ("E", "causes\n+2")
    assert payload["aria_label"].endswith("6 links learners added (2 most added drawn).")


def test_two_links_between_the_same_concepts_are_curves_apart():
    # A map's "Sediment is compacted into Sedimentary rock" and "Sedimentary rock weathers into Sediment" read as one
    # line with arrowheads at both ends (found by a newcomer).
    kg = kg_from(PATH + "B,condition,slows,A,cause,Signs,,\n")
    group = group_map(kg, {"Ann": ([P("A", "leads to", "B")], None)})
    edges = group_payload(kg, group, base_picture(kg))["edges"]
    between = [e for e in edges if {e["from"], e["to"]} == {"A", "B"}]
    assert len(between) == 2
    assert {e["smooth"]["type"] for e in between} == {"curvedCW", "curvedCCW"}  # one each side
    assert all("smooth" not in e for e in edges if e not in between)
