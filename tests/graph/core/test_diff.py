"""graph/core/diff.py: the differences between two versions of a graph, exactly."""

from __future__ import annotations

from graph.core.diff import Change, diff_graphs
from tests.conftest import HEADER, PATH, kg_from

OLD = PATH
NODES = "concept,type,group,description\nA,cause,,Where it starts\nB,condition,,\n"


def test_the_same_graph_has_no_differences():
    assert diff_graphs(kg_from(OLD), kg_from(OLD)).empty
    assert diff_graphs(kg_from(OLD), kg_from(OLD)).lines() == []


def test_every_kind_of_change_is_listed_and_nothing_else():
    new = (
        HEADER
        + """\
A,cause,leads to,B,condition,Causes,A starts it,1
B,condition,may cause,C,symptom,Signs,B brings C,2
C,symptom,worsens,D,symptom,Signs,C makes D much worse,
D,symptom,may lead to,F,condition,Signs,,1;2
F,condition,ends in,A,cause,,,
"""
    )
    old_kg, new_kg = kg_from(OLD), kg_from(new)
    diff = diff_graphs(old_kg, new_kg)
    assert diff.concepts_added == ["F"]
    assert diff.concepts_removed == ["E"]
    assert diff.concepts_changed == []
    assert diff.links_added == [("D", "may lead to", "F"), ("F", "ends in", "A")]
    assert diff.links_removed == [("D", "may lead to", "E")]
    assert diff.links_changed == [
        Change("C → worsens → D", "explanation", "C makes D worse", "C makes D much worse"),
        Change("B → C", "relation", "causes", "may cause"),
    ]
    assert not diff.empty


def test_a_concepts_type_group_and_description_are_compared():
    new = OLD.replace("A,cause,leads to", "A,trigger,leads to")
    diff = diff_graphs(kg_from(OLD), kg_from(new))
    assert diff.concepts_changed == [Change("A", "type", "cause", "trigger")]
    assert diff.links_changed == [] and diff.links_added == [] and diff.links_removed == []
    assert diff.lines() == ["Concept A: type 'cause' → 'trigger'"]
    described = NODES.replace("Where it starts", "The first cause").replace("B,condition,,", "B,condition,middle,")
    assert diff_graphs(kg_from(OLD, NODES), kg_from(OLD, described)).concepts_changed == [
        Change("A", "description", "Where it starts", "The first cause"),
        Change("B", "group", "", "middle"),
    ]


def test_a_repeated_link_counts_each_copy():
    doubled = OLD + "A,cause,leads to,B,condition,Causes,A starts it again,1\n"
    diff = diff_graphs(kg_from(OLD), kg_from(doubled))
    assert diff.links_added == [("A", "leads to", "B")]
    assert diff.links_changed == [] and diff.links_removed == []
    assert diff_graphs(kg_from(doubled), kg_from(OLD)).links_removed == [("A", "leads to", "B")]
