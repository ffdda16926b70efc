"""The quiz: questions made from the graph, each with exactly one answer the graph supports."""

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.load import load_graph, load_graph_bytes
from graph.quiz import KINDS, OPTIONS, Question, check, make_quiz

ROOT = Path(__file__).resolve().parents[1]


def graph_of(rows: list[tuple[str, str, str, str, str]]):
    """A KnowledgeGraph from (source, source_type, relation, target, target_type) rows."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["source", "source_type", "relation", "target", "target_type"])
    writer.writerows(rows)
    return load_graph_bytes(text.getvalue().encode(), "edges.csv")


@pytest.fixture(scope="module")
def article():
    return load_graph(ROOT / "data" / "edges.csv")


# A path a → b → c → d → e, one type, a different relation on each link.
PATH5 = [
    ("a", "x", "feeds", "b", "x"),
    ("b", "x", "warms", "c", "x"),
    ("c", "x", "lights", "d", "x"),
    ("d", "x", "guards", "e", "x"),
]

SOLAR = [
    ("Earth", "planet", "orbits", "Sun", "star"),
    ("Mars", "planet", "orbits", "Sun", "star"),
    ("Jupiter", "planet", "orbits", "Sun", "star"),
    ("Saturn", "planet", "orbits", "Sun", "star"),
    ("Moon", "moon", "circles", "Earth", "planet"),
    ("Phobos", "moon", "circles", "Mars", "planet"),
    ("Io", "moon", "circles", "Jupiter", "planet"),
    ("Titan", "moon", "circles", "Saturn", "planet"),
    ("Europa", "moon", "circles", "Jupiter", "planet"),
    ("Jupiter", "planet", "is mostly", "Hydrogen", "element"),
    ("Saturn", "planet", "is mostly", "Hydrogen", "element"),
    ("Sun", "star", "fuses", "Hydrogen", "element"),
    ("Sun", "star", "makes", "Helium", "element"),
    ("Earth", "planet", "holds", "Oxygen", "element"),
    ("Mars", "planet", "has thin air of", "Carbon", "element"),
    ("Titan", "moon", "has lakes of", "Carbon", "element"),
    ("Proxima", "star", "lights", "Proxima b", "planet"),
]


# --- an independent check of a question: recomputed from kg.graph, not from the generator ---


def relations_between(kg, source, target) -> set[str]:
    return {data["relation"] for data in kg.graph.get_edge_data(source, target, default={}).values()}


def linked(kg, a, b) -> bool:
    return kg.graph.has_edge(a, b) or kg.graph.has_edge(b, a)


def right_options(kg, question: Question) -> list[str]:
    """The options that satisfy the question's condition, read from its prompt and the graph."""
    options = question.options
    if question.kind in ("target", "source", "relation"):
        found = re.fullmatch(r"Which (?:of these|relation) completes the link: (.+) → (.+) → (.+)", question.prompt)
        assert found, question.prompt
        left, middle, right = found.groups()
        if question.kind == "target":
            assert right == "?"
            return [o for o in options if middle in relations_between(kg, left, o)]
        if question.kind == "source":
            assert left == "?"
            return [o for o in options if middle in relations_between(kg, o, right)]
        assert middle == "?"
        return [o for o in options if o in relations_between(kg, left, right)]
    found = re.fullmatch(r"Of these concepts of type '(.+)', which one is linked directly to (.+)\?", question.prompt)
    assert found, question.prompt
    kind_of, concept = found.groups()
    assert {kg.graph.nodes[o]["type"] for o in options} == {kind_of}
    return [o for o in options if linked(kg, concept, o)]


def assert_sound(kg, question: Question) -> None:
    assert question.kind in KINDS
    assert len(question.options) == OPTIONS == len(set(question.options))
    assert question.answer in question.options
    assert right_options(kg, question) == [question.answer], question
    assert check(question, question.answer)
    assert not any(check(question, o) for o in question.options if o != question.answer)

    evidence = question.evidence
    assert kg.graph.has_edge(evidence.source, evidence.target, key=evidence.link_id)
    assert kg.graph.edges[evidence.source, evidence.target, evidence.link_id]["relation"] == evidence.relation
    assert kg.link(evidence.link_id) == evidence
    assert question.focus in kg.graph
    ends = (evidence.source, evidence.target)
    expected = {
        "target": (question.focus, question.answer),
        "source": (question.answer, question.focus),
        "relation": (question.focus, ends[1]),
    }
    if question.kind == "relation":
        assert evidence.relation == question.answer and evidence.source == question.focus
    elif question.kind == "neighbour":
        assert set(ends) == {question.focus, question.answer}
    else:
        assert ends == expected[question.kind]

    wrong = [o for o in question.options if o != question.answer]
    if question.kind == "relation":
        # No distractor links the two concepts, in either direction.
        assert not set(wrong) & (relations_between(kg, *ends) | relations_between(kg, *ends[::-1]))
    else:
        # No distractor is linked to the focus at all, so none can be argued to be right.
        assert not any(linked(kg, question.focus, o) for o in wrong)
        assert question.focus not in question.options


# --- the article graph -------------------------------------------------------


def test_the_same_seed_gives_the_same_quiz(article):
    assert make_quiz(article, 42) == make_quiz(article, 42)
    again = load_graph(ROOT / "data" / "edges.csv")
    assert make_quiz(again, 7, count=10) == make_quiz(article, 7, count=10)


def test_the_quiz_does_not_depend_on_hash_order():
    script = (
        "from graph.load import load_graph; from graph.quiz import make_quiz\n"
        "kg = load_graph('data/edges.csv')\n"
        "print([(q.prompt, q.options) for seed in range(5) for q in make_quiz(kg, seed)])\n"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        )
        for hash_seed in ("1", "2")
    ]
    outputs = {run.communicate(timeout=60)[0] for run in runs}
    assert all(run.returncode == 0 for run in runs)
    assert len(outputs) == 1


def test_different_seeds_give_different_quizzes(article):
    quizzes = [[(q.prompt, q.answer) for q in make_quiz(article, seed)] for seed in range(10)]
    assert quizzes[1] != quizzes[2]
    assert len({tuple(quiz) for quiz in quizzes}) == 10


def test_every_question_over_many_seeds_has_exactly_one_right_option(article):
    seen_kinds = set()
    for seed in range(200):
        quiz = make_quiz(article, seed)
        assert len(quiz) == 5
        assert len({q.prompt for q in quiz}) == 5
        for question in quiz:
            assert_sound(article, question)
            seen_kinds.add(question.kind)
    assert seen_kinds == set(KINDS)


def test_questions_use_the_graphs_own_phrases(article):
    for question in make_quiz(article, 3, count=20):
        if question.kind in ("target", "source"):
            assert f"→ {question.evidence.relation} →" in question.prompt
        if question.kind == "neighbour":
            assert f"'{article.graph.nodes[question.answer]['type']}'" in question.prompt


def test_a_long_quiz_mixes_kinds_and_never_repeats_a_question(article):
    quiz = make_quiz(article, 11, count=40)
    assert len(quiz) == 40
    assert len({q.prompt for q in quiz}) == 40
    assert {q.kind for q in quiz[:4]} == set(KINDS)


def test_relation_distractors_are_not_near_synonyms(article):
    # "may cause" or "can lead to" next to "can cause" would be unfair: both read as true.
    for seed in range(100):
        for question in make_quiz(article, seed, count=8):
            if question.kind == "relation" and question.answer == "can cause":
                unfair = {"may cause", "can lead to", "may lead to", "may contribute to", "is linked to"}
                assert not unfair & set(question.options)


# --- small and unusual graphs ------------------------------------------------


def test_a_graph_too_small_for_distractors_gives_no_questions():
    kg = graph_of(PATH5[:3])  # a → b → c → d: never three concepts unlinked to the one asked about
    assert make_quiz(kg, 0) == []


def test_a_small_graph_gives_only_the_questions_it_supports():
    kg = graph_of(PATH5)
    expected = {
        "Which of these completes the link: a → feeds → ?",
        "Which of these completes the link: ? → guards → e",
        "Of these concepts of type 'x', which one is linked directly to a?",
        "Of these concepts of type 'x', which one is linked directly to e?",
        "Which relation completes the link: a → ? → b",
        "Which relation completes the link: b → ? → c",
        "Which relation completes the link: c → ? → d",
        "Which relation completes the link: d → ? → e",
    }
    for seed in range(20):
        quiz = make_quiz(kg, seed, count=20)
        assert {q.prompt for q in quiz} == expected
        for question in quiz:
            assert_sound(kg, question)


def test_a_teachers_graph_with_its_own_types_works():
    kg = graph_of(SOLAR)
    kinds = set()
    for seed in range(50):
        for question in make_quiz(kg, seed):
            assert_sound(kg, question)
            kinds.add(question.kind)
    assert kinds == set(KINDS)


def test_count_is_respected():
    kg = graph_of(SOLAR)
    assert make_quiz(kg, 1, count=0) == []
    assert len(make_quiz(kg, 1, count=3)) == 3
    with pytest.raises(ValueError):
        make_quiz(kg, 1, count=-1)


def test_check_compares_with_the_answer():
    question = make_quiz(graph_of(SOLAR), 5, count=1)[0]
    assert check(question, question.answer)
    assert not check(question, next(o for o in question.options if o != question.answer))
    assert not check(question, "")


CONCEPTS = [f"c{i}" for i in range(10)]
RELATIONS = ["can cause", "may cause", "is linked to", "is", "is part of", "is an example of", "feeds", "orbits", "measures"]


@st.composite
def random_graphs(draw):
    types = draw(st.lists(st.sampled_from(["p", "q", "r"]), min_size=len(CONCEPTS), max_size=len(CONCEPTS)))
    kind_of = dict(zip(CONCEPTS, types, strict=True))
    links = draw(
        st.sets(
            st.tuples(st.sampled_from(CONCEPTS), st.sampled_from(RELATIONS), st.sampled_from(CONCEPTS)).filter(
                lambda link: link[0] != link[2]
            ),
            min_size=1,
            max_size=25,
        )
    )
    return graph_of([(s, kind_of[s], r, t, kind_of[t]) for s, r, t in sorted(links)])


@settings(max_examples=60, deadline=None)
@given(kg=random_graphs(), seed=st.integers(0, 2**32))
def test_any_graph_gives_sound_questions(kg, seed):
    quiz = make_quiz(kg, seed, count=8)
    assert len({q.prompt for q in quiz}) == len(quiz) <= 8
    for question in quiz:
        assert_sound(kg, question)
    assert quiz == make_quiz(kg, seed, count=8)
