"""Links read as sentences whose verb agrees with the subject (graph/core/sentences.py), over the article's
own links and the names a teacher's map may use."""

from __future__ import annotations

import pytest

from graph.core.query import link_groups
from graph.core.sentences import agree, is_plural, sentence
from graph.files.load import ValidationError
from graph.picture.keyboard import keyboard_map
from graph.teaching.quiz import make_quiz, worksheet
from tests.conftest import HEADER

# --- which names are plural ----------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Dopamine levels",
        "SSRIs",
        "SNRIs",
        "Dopamine agonists",
        "Antidepressants",
        "Tremors",
        "Muscle cramps",
        "Almonds",
        "Greens",
        "Omega-3 fatty acids",
        "Natural ways to boost dopamine",  # the head comes before "to"
        "Nerve cell receptor problems",
        "Parkinson's medications",
        "Eating disorders",  # an -ing word describing a noun, not an activity
        "Dopamine-making brain areas",  # a hyphenated compound describing the areas, not an activity
        "Magnesium and tyrosine",
        "Women",
    ],
)
def test_a_plural_head_noun_makes_a_plural_name(name):
    assert is_plural(name)


@pytest.mark.parametrize(
    "name",
    [
        "Stress",
        "Parkinson's disease",
        "Parkinson's",
        "Restless legs syndrome",  # "legs" describes the syndrome
        "Brain's response to dopamine",
        "Mucuna pruriens",
        "Diagnosis",
        "Arthritis",
        "Virus",
        "Diabetes",
        "Lack of motivation",  # the head comes before "of"
        "Injury to dopamine-making brain areas",
        "Diet rich in magnesium and tyrosine",
        "Doing things that make you happy",  # an activity
        "Knowing the symptoms",
        "Avoiding social situations",
        "MDD",
        "Loss of balance",
        "Sleepiness",
        "L-theanine",
        "Aging",
        "",
    ],
)
def test_a_singular_head_noun_makes_a_singular_name(name):
    assert not is_plural(name)


# --- the relation said of a plural subject -------------------------------------


@pytest.mark.parametrize(
    ("relation", "plural"),
    [
        ("is an example of", "are examples of"),
        ("is a symptom of", "are symptoms of"),
        ("is a building block of", "are building blocks of"),
        ("is a reason to see", "are reasons to see"),
        ("is part of", "are part of"),
        ("is thought to help with", "are thought to help with"),
        ("is linked to", "are linked to"),
        ("stops the breakdown of", "stop the breakdown of"),
        ("requires", "require"),
        ("plays a role in", "play a role in"),
        ("has the caveat", "have the caveat"),
        ("means low", "mean low"),
        ("acts as a", "act as a"),
        ("comes before", "come before"),
        ("does not cause", "do not cause"),
        ("often leads to", "often lead to"),
        ("can cause", "can cause"),
        ("may be recommended for", "may be recommended for"),
        ("cannot show", "cannot show"),
        ("cause", "cause"),  # written for a plural subject already
    ],
)
def test_a_relation_agrees_with_a_plural_subject(relation, plural):
    assert agree(relation, True) == plural
    assert agree(relation, False) == relation


def test_every_article_link_reads_as_a_sentence_that_agrees(article):
    """What a teacher reads: every link of the article whose subject is plural, and that the rest are unchanged."""
    said = {}
    for link_id in article.links.index:
        link = article.link(link_id)
        said[link.source, link.relation, link.target] = link.read()
        if not article.is_plural(link.source):
            assert link.read() == f"{link.source} {link.relation} {link.target}"
    plural = sorted(s for (source, _, _), s in said.items() if article.is_plural(source))
    assert plural == [
        "Almonds are part of Diet rich in magnesium and tyrosine",
        "Antidepressants are examples of Treating the underlying condition",
        "Antidepressants may be recommended for Depression",
        "Antidepressants require Prescription",
        "Apples are part of Diet rich in magnesium and tyrosine",
        "Beets are part of Diet rich in magnesium and tyrosine",
        "Dopamine agonists are examples of Parkinson's medications",
        "Dopamine agonists can mimic Dopamine",
        "Dopamine levels are linked to Mental health",
        "Dopamine metabolism blockers are examples of Parkinson's medications",
        "Dopamine metabolism blockers stop the breakdown of Dopamine",
        "Dopamine transporters play a role in Learning",
        "Dopamine transporters play a role in Memory",
        "Dopamine transporters play a role in Motivation",
        "Dopamine-making brain areas provide Dopamine",
        "Greens are part of Diet rich in magnesium and tyrosine",
        "Mental health problems are reasons to see Healthcare professional",
        "Natural ways to boost dopamine can help raise Dopamine levels",
        "Nerve cell receptor problems can cause Dopamine deficiency",
        "Nerve cell receptor problems can reduce Brain's response to dopamine",
        "Omega-3 fatty acids are examples of Supplements",
        "Other medical problems are reasons to see Healthcare professional",
        "Parkinson's medications are examples of Treating the underlying condition",
        "Parkinson's medications can help manage Parkinson's disease",
        "SNRIs are examples of Antidepressants",
        "SSRIs are examples of Antidepressants",
        "Supplements are thought to help with Dopamine production",
    ]


def test_the_sentence_keeps_the_names_and_can_show_its_parts_apart():
    assert sentence("Dopamine agonists", "stops", "X") == "Dopamine agonists stop X"
    assert sentence("Dopamine agonists", "stops", "X", plural=False, joiner=" → ") == "Dopamine agonists → stops → X"


# --- the number column ---------------------------------------------------------

NODES = "concept,type,number\n"


def test_a_number_column_overrides_the_name(make_kg):
    edges = HEADER + "Sheep,animal,is an example of,Grazers,animal,,,\nGenetics,cause,plays a role in,Depression,condition,,,\n"
    plain = make_kg(edges)
    # What the names alone suggest: "sheep" is the same in both numbers, and "-ics" reads as a plural.
    assert plain.link(0).sentence == "Sheep → is an example of → Grazers"
    assert plain.link(1).read() == "Genetics play a role in Depression"
    told = make_kg(edges, nodes=NODES + "Sheep,animal,Plural\nGenetics,cause,singular\nDepression,condition,\n")
    assert told.link(0).sentence == "Sheep → are examples of → Grazers"
    assert told.link(1).read() == "Genetics plays a role in Depression"
    assert told.concept("Genetics")["number"] == "singular" and told.concept("Depression")["number"] == ""
    assert "number" not in plain.concepts.columns


def test_a_number_that_is_neither_singular_nor_plural_is_reported_where_it_is(make_kg):
    with pytest.raises(ValidationError) as caught:
        make_kg(HEADER + "A,x,causes,B,y,,,\n", nodes=NODES + "A,x,\nB,y,many\n")
    assert [(p.file, p.row, p.column) for p in caught.value.problems] == [("nodes.csv", 3, "number")]
    assert "write singular or plural" in caught.value.problems[0].message


def test_the_number_column_survives_the_csv_export(make_kg):
    from graph.files.export import to_csv, to_nodes_csv
    from graph.files.load import load_graph_bytes

    kg = make_kg(HEADER + "Sheep,animal,eats,Grass,plant,,,\n", nodes=NODES + "Sheep,animal,plural\n")
    again = load_graph_bytes(to_csv(kg), "edges.csv", nodes=(to_nodes_csv(kg), "nodes.csv"))
    assert again.link(0).read() == "Sheep eat Grass"


# --- every place that reads a link -------------------------------------------


def test_keyboard_announcements_agree(article):
    links = keyboard_map(article, ["SSRIs", "Antidepressants"])["SSRIs"]["links"]
    assert links == [{"to": "Antidepressants", "sentence": "SSRIs are examples of Antidepressants"}]


def test_the_pictures_tooltips_agree(article):
    from graph.picture.view import build_view

    payload = build_view(article, "Parkinson's medications", depth=1).to_vis()
    titles = {item.get("title") for item in payload["edges"] + payload["nodes"]}
    assert "Dopamine agonists → are examples of → Parkinson's medications" in titles
    assert "Levodopa → is an example of → Parkinson's medications" in titles
    # A linking phrase shared by several concepts speaks of them together.
    assert any(t and t.endswith("→ are examples of → Parkinson's medications") and "Levodopa, " in t for t in titles)


def test_a_group_heading_agrees_with_its_subject(article):
    headings = [g.heading("Dopamine transporters") for g in link_groups(article, "Dopamine transporters")]
    assert "Dopamine transporters play a role in …" in headings
    into = [g.heading("Parkinson's medications") for g in link_groups(article, "Parkinson's medications")]
    assert "… are examples of Parkinson's medications" in into  # three concepts fill that blank


def test_quiz_options_worksheet_and_score_feedback_agree(article):
    from graph.teaching.score import Proposition, Reference, score_map

    questions = [q for seed in range(40) for q in make_quiz(article, seed, 5) if article.is_plural(q.evidence.source)]
    relation = [q for q in questions if q.kind == "relation" and q.evidence.relation.startswith("is ")]
    assert relation, "no relation question about a plural subject in 40 quizzes"
    for question in relation:
        assert all(not question.shown(option).startswith("is ") for option in question.options)
        assert question.answer == question.evidence.relation  # the data keeps the relation as written
    text = worksheet(relation, "Quiz")
    assert f"{relation[0].shown(relation[0].answer)}: {relation[0].evidence.read()}." in text
    assert not [q for q in relation if f"{q.evidence.source} is " in text]
    result = score_map(Reference(article), [Proposition("Sertraline", "is an example of", "Antidepressants")])
    assert "SSRIs are examples of Antidepressants" in result.verdicts[0].reference
