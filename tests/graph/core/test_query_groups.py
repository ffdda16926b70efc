"""``graph.core.query.link_groups``: a concept's links grouped by direction and meaning, main questions first."""

from __future__ import annotations

import pytest

from graph.core.query import link_groups
from graph.core.relations import ARTICLE_RELATIONS
from graph.files.vocabulary import load_vocabulary
from tests.conftest import HEADER


@pytest.fixture(scope="module")
def article_relations():
    return load_vocabulary(ARTICLE_RELATIONS)


def test_a_star_is_one_group_of_its_links_out(star_kg):
    (group,) = link_groups(star_kg, "Hub")
    assert group.outgoing is True and group.relation == "can cause"
    assert [link.target for link in group.links] == [f"L{i:02}" for i in range(1, 11)]
    assert group.heading("Hub") == "Hub can cause …"
    (into,) = link_groups(star_kg, "L03")
    assert into.outgoing is False and into.heading("L03") == "… can cause L03"


def test_biggest_group_first_links_in_before_links_out_on_a_tie(make_kg):
    kg = make_kg(
        HEADER
        + "".join(f"C{i},cause,can lead to,X,condition,,,\n" for i in range(3))
        + "".join(f"X,condition,can cause,S{i},symptom,,,\n" for i in range(3))
        + "".join(f"X,condition,can cause,T{i},symptom,,,\n" for i in range(2))
    )
    groups = link_groups(kg, "X")
    assert [(g.outgoing, g.relation, len(g.links)) for g in groups] == [(True, "can cause", 5), (False, "can lead to", 3)]
    kg = make_kg(
        HEADER + "A,cause,leads to,X,condition,,,\nB,cause,leads to,X,condition,,,\n"
        "X,condition,causes,S,symptom,,,\nX,condition,causes,T,symptom,,,\n"
    )
    assert [g.outgoing for g in link_groups(kg, "X")] == [False, True]


def test_relations_of_one_family_share_a_group_named_by_its_most_hedged(make_kg, article_relations):
    kg = make_kg(
        HEADER + "X,condition,can cause,A,symptom,,,\nX,condition,may cause,B,symptom,,,\nX,condition,can cause,C,symptom,,,\n"
    )
    (group,) = link_groups(kg, "X", article_relations)
    assert group.relation == "may cause" and {link.target for link in group.links} == {"A", "B", "C"}
    kg = make_kg(HEADER + "X,condition,can cause,A,symptom,,,\nX,condition,may cause,B,symptom,,,\n")
    (apart,) = link_groups(kg, "X")  # without a family each relation is its own: two of one link, so "Other links"
    assert apart.relation is None and len(apart.links) == 2


def test_one_link_relations_are_gathered_as_other_links_both_ways(make_kg):
    kg = make_kg(
        HEADER + "X,condition,can cause,A,symptom,,,\nX,condition,can cause,B,symptom,,,\n"
        "X,condition,is,C,concept,,,\nD,concept,describes,X,condition,,,\n"
    )
    groups = link_groups(kg, "X")
    assert [g.heading("X") for g in groups] == ["X can cause …", "Other links"]
    assert groups[1].outgoing is None and [(link.source, link.target) for link in groups[1].links] == [("X", "C"), ("D", "X")]


def test_the_article_answers_what_causes_its_hub_near_the_top(article, article_relations):
    groups = link_groups(article, "Dopamine deficiency", article_relations)
    top = [g for g in groups[:2] if g.outgoing is False]
    causes = {link.source for g in top for link in g.links}
    assert {"Cocaine use", "Parkinson's disease"} <= causes
    assert sum(len(g.links) for g in groups) == article.graph.degree("Dopamine deficiency")
