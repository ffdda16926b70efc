"""``graph.picture.keyboard.keyboard_map``: each concept shown, with its links to the others shown, as sentences."""

from __future__ import annotations

from graph.picture.keyboard import keyboard_map


def test_links_both_ways_among_the_concepts_shown_only(path_kg):
    moves = keyboard_map(path_kg, ["B", "C", "D"])
    assert set(moves) == {"B", "C", "D"}
    assert moves["C"] == {
        "type": "symptom",
        "links": [{"to": "B", "sentence": "B causes C"}, {"to": "D", "sentence": "C worsens D"}],
    }
    assert moves["B"]["links"] == [{"to": "C", "sentence": "B causes C"}]  # A is not shown


def test_a_star_seen_from_its_hub_and_a_leaf(star_kg):
    moves = keyboard_map(star_kg, ["Hub", "L01", "L02", "Nowhere"])
    assert [link["to"] for link in moves["Hub"]["links"]] == ["L01", "L02"]
    assert moves["L02"]["links"] == [{"to": "Hub", "sentence": "Hub can cause L02"}]
    assert "Nowhere" not in moves  # not a concept of the graph (say, a linking phrase drawn in the picture)


def test_a_cycle_reads_round(cycle_kg):
    moves = keyboard_map(cycle_kg, ["A", "B", "C"])
    assert [link["sentence"] for link in moves["A"]["links"]] == ["A feeds B", "C feeds A"]
