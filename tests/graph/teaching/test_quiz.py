"""The quiz: fill-the-gap questions made from the graph, each with exactly one option the graph supports.

"Supported" is recomputed here with plain networkx (category closure, then a path of links with
an equivalent relation), not taken from the generator, so the property tests check it.
"""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.__main__ import main
from graph.core.relations import ARTICLE_RELATIONS, BACKWARDS
from graph.files.load import load_graph, load_graph_bytes
from graph.files.vocabulary import load_vocabulary
from graph.teaching.quiz import KINDS, OPTIONS, Question, check, make_quiz, worksheet

ROOT = Path(__file__).resolve().parents[3]
VOCABULARY = load_vocabulary(ARTICLE_RELATIONS)


def graph_of(rows: list[tuple[str, str, str, str, str]]):
    """A KnowledgeGraph from (source, source_type, relation, target, target_type) rows."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["source", "source_type", "relation", "target", "target_type"])
    writer.writerows(rows)
    return load_graph_bytes(text.getvalue().encode(), "edges.csv")


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


# --- an independent check of a question ------------------------------------------------


_ORACLES: dict[int, tuple] = {}
_TWO_WAY = {VOCABULARY.family(r.name) for r in VOCABULARY if r.inverse == r.name}


def _oracle(kg):
    """Per graph: each concept's categories (itself included), and a graph of links per relation family."""
    if id(kg) not in _ORACLES:
        links = list(zip(kg.links["source"], kg.links["relation"], kg.links["target"], strict=True))
        categories = VOCABULARY.category_families
        member_of = nx.DiGraph([(s, t) for s, r, t in links if VOCABULARY.family(r) in categories])
        ups = {c: {c} | (nx.descendants(member_of, c) if c in member_of else set()) for c in kg.graph}
        downs = {c: nx.ancestors(member_of, c) if c in member_of else set() for c in kg.graph}
        _ORACLES[id(kg)] = (kg, links, ups, downs, {})
    return _ORACLES[id(kg)]


def _backwards(family: str) -> str:
    if family in _TWO_WAY:
        return family
    return family.removesuffix(BACKWARDS) if family.endswith(BACKWARDS) else family + BACKWARDS


def supported(kg, source, relation, target) -> bool:
    """Whether the graph says ``source relation target``: with a relation of the same family or one
    that entails it, read backwards through an inverse, through a chain of such links, starting from
    the subject or any category above it (never from a category above the object)."""
    _, links, ups, _, families = _oracle(kg)
    family = VOCABULARY.family(relation)
    if family in _TWO_WAY:
        readings = [(source, target, family), (target, source, family)]
    elif family.endswith(BACKWARDS):
        readings = [(target, source, family.removesuffix(BACKWARDS))]
    else:
        readings = [(source, target, family)]
    for subject, other, forward in readings:
        if forward not in families:
            graph = nx.DiGraph()
            for s, r, t in links:
                if VOCABULARY.family_entails(VOCABULARY.family(r), forward):
                    graph.add_edge(s, t)
                if VOCABULARY.family_entails(_backwards(VOCABULARY.family(r)), forward):
                    graph.add_edge(t, s)
            families[forward] = {c: nx.descendants(graph, c) for c in graph}
        reach = families[forward]
        if any(other in reach.get(a, ()) and a != other for a in ups.get(subject, {subject})):
            return True
    return False


def linked(kg, a, b) -> bool:
    return kg.graph.has_edge(a, b) or kg.graph.has_edge(b, a)


def in_one_category_line(kg, a, b) -> bool:
    """Whether ``a`` is a category of ``b`` or ``b`` of ``a`` (a learner could take either for the other)."""
    _, _, ups, downs, _ = _oracle(kg)
    return a in ups.get(b, {b}) or a in downs.get(b, set())


def right_options(kg, question: Question) -> list[str]:
    """The options a careful learner could defend: supported, linked, or in one category line with one of those."""
    link = question.evidence
    if question.kind == "target":
        right = [o for o in question.options if supported(kg, link.source, link.relation, o) or linked(kg, link.source, o)]
    elif question.kind == "source":
        right = [o for o in question.options if supported(kg, o, link.relation, link.target) or linked(kg, o, link.target)]
    else:
        between = {
            VOCABULARY.family(r)
            for a, b in ((link.source, link.target), (link.target, link.source))
            for r in (d["relation"] for d in kg.graph.get_edge_data(a, b, default={}).values())
        }
        return [
            o
            for o in question.options
            if supported(kg, link.source, o, link.target)
            or any(
                VOCABULARY.family_entails(VOCABULARY.family(o), f) or VOCABULARY.family_entails(f, VOCABULARY.family(o))
                for f in between
            )
        ]
    arguable = [o for o in question.options if o not in right and any(in_one_category_line(kg, o, r) for r in right)]
    return [o for o in question.options if o in right or o in arguable]


def assert_sound(kg, question: Question) -> None:
    assert question.kind in KINDS and question.blank == question.kind
    assert len(question.options) == OPTIONS == len(set(question.options))
    assert right_options(kg, question) == [question.answer], question
    assert check(question, question.answer)
    assert not any(check(question, o) for o in question.options if o != question.answer)
    link = question.evidence
    assert kg.link(link.link_id) == link
    assert question.answer == {"target": link.target, "source": link.source, "relation": link.relation}[question.kind]
    # A plain sentence with one gap, in the graph's own words: no arrows, no type names.
    assert "→" not in question.prompt and "type '" not in question.prompt
    assert question.prompt.count("…") == 1
    filled = question.prompt.removeprefix("Fill the gap: ").replace("…", question.shown(question.answer))
    # The verb agrees with a subject the learner sees; before a gap it is left as written, giving nothing away.
    assert filled == (f"{link.source} {link.relation} {link.target}" if question.kind == "source" else link.read())


def assert_no_give_away(quiz: list[Question]) -> None:
    answers = [q.answer.casefold() for q in quiz]
    assert len(answers) == len(set(answers)), quiz  # no two questions with the same answer
    for i, one in enumerate(quiz):
        for other in quiz[i + 1 :]:
            assert {one.evidence.source, one.evidence.target} != {other.evidence.source, other.evidence.target}
            for a, b in ((one, other), (other, one)):
                if a.kind != "relation":
                    assert a.answer.casefold() not in b.prompt.casefold(), (a, b)


# --- the article graph -------------------------------------------------------


def test_the_same_seed_gives_the_same_quiz(article):
    assert make_quiz(article, 42) == make_quiz(article, 42)
    again = load_graph(ROOT / "data" / "edges.csv")
    assert make_quiz(again, 7, count=10) == make_quiz(article, 7, count=10)


def test_the_quiz_does_not_depend_on_hash_order():
    script = (
        "from graph.files.load import load_graph; from graph.teaching.quiz import make_quiz\n"
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
    quizzes = [tuple((q.prompt, q.answer) for q in make_quiz(article, seed)) for seed in range(10)]
    assert len(set(quizzes)) == 10


def test_over_many_seeds_every_question_has_exactly_one_supported_option_and_none_gives_another_away(article):
    kinds = set()
    for seed in range(100):
        quiz = make_quiz(article, seed)
        assert len(quiz) == 5
        for question in quiz:
            assert_sound(article, question)
            kinds.add(question.kind)
        assert_no_give_away(quiz)
    assert kinds == set(KINDS)


def test_exercise_is_never_a_wrong_answer_to_what_raises_dopamine_levels(article):
    # Exercise is an example of doing things that make you happy, which can help raise dopamine levels;
    # likewise the diet and its foods are examples of natural ways to raise them. The article lists so many
    # things that help raise them that "… can help raise Dopamine levels" is not asked at all (a list of a kind).
    raising = [i for i, row in article.links.iterrows() if row["target"] == "Dopamine levels" and "help raise" in row["relation"]]
    assert len(raising) >= 3
    barred = {
        "Exercise",
        "Meditation",
        "Chicken",
        "Almonds",
        "Diet rich in magnesium and tyrosine",
        "Doing things that make you happy",
        "Natural ways to boost dopamine",
        "Levodopa",
    }
    questions = [q for seed in range(60) for q in make_quiz(article, seed, favour=tuple(raising))]
    assert any(q.evidence.link_id in raising for q in questions)  # its links are asked about, as relations
    for question in questions:
        link = question.evidence
        assert not (question.kind == "source" and link.target == "Dopamine levels" and "raise" in link.relation)
        if link.target == "Dopamine levels":
            assert not barred & (set(question.options) - {question.answer}), question


def test_a_relation_said_of_a_list_of_one_kind_is_not_asked_with_others_of_that_kind(article):
    # "Healthcare professional can assess" Tremors, Loss of balance, Muscle stiffness, …: the article says a
    # professional assesses "both psychological and physical symptoms", so "can assess Avoiding social situations"
    # was no fair wrong answer (a newcomer found it). That gap is not asked; the relation still is.
    questions = [q for seed in range(80) for q in make_quiz(article, seed)]
    assert not [q for q in questions if q.kind == "target" and q.focus == "Healthcare professional" and "assess" in q.prompt]
    assert any(q.kind == "relation" and q.evidence.source == "Healthcare professional" for q in questions)


def test_a_list_of_two_is_still_asked_and_a_list_of_three_is_not():
    others = [(f"Illness {n}", "condition", "can cause", f"Sign {n}", "symptom") for n in range(6)]
    two = graph_of(
        [
            ("Doctor", "person", "can assess", "Tremors", "symptom"),
            ("Doctor", "person", "can assess", "Fever", "symptom"),
            *others,
        ]
    )
    three = graph_of([*two_rows(two), ("Doctor", "person", "can assess", "Cough", "symptom")])
    for kg, asked in ((two, True), (three, False)):
        questions = [q for seed in range(40) for q in make_quiz(kg, seed, favour=(0, 1))]
        doctor = [q for q in questions if q.kind == "target" and q.focus == "Doctor"]
        assert bool(doctor) is asked, (asked, doctor)


def two_rows(kg) -> list[tuple[str, str, str, str, str]]:
    return [
        (r.source, kg.graph.nodes[r.source]["type"], r.relation, r.target, kg.graph.nodes[r.target]["type"])
        for r in kg.links.itertuples()
    ]


def test_a_member_of_a_category_is_never_a_wrong_answer_for_what_the_category_does(article):
    # "… can help manage Parkinson's disease": Levodopa and the other Parkinson's medications are right too.
    manage = int(article.links.index[article.links["relation"] == "can help manage"][0])
    for seed in range(40):
        question = make_quiz(article, seed, count=1, favour=(manage,))[0]
        if question.evidence.link_id == manage and question.kind == "source":
            assert not {"Levodopa", "Dopamine agonists", "Dopamine metabolism blockers"} & set(question.options)


def test_a_catch_all_concept_is_never_a_wrong_option_nor_an_answer_among_its_kind(article):
    # "Other medical problems" holds any condition: offered as wrong for a cause of Slower movements it is
    # arguable, and as the answer to "… is a reason to see Healthcare professional" every other condition is right too.
    for seed in range(60):
        for question in make_quiz(article, seed):
            wrong = set(question.options) - {question.answer}
            assert "Other medical problems" not in wrong, question
            if question.kind != "relation":
                assert question.answer != "Other medical problems", question


def test_a_reason_to_see_a_professional_never_has_depression_or_its_kind_as_wrong(article):
    # The article: depression is a mental health problem, and mental health problems are a reason to see a professional.
    assert article.graph.has_edge("Depression", "Mental health problems")
    see = [int(i) for i in article.links.index[article.links["relation"] == "is a reason to see"]]
    for seed in range(40):
        for question in make_quiz(article, seed, favour=tuple(see)):
            if question.evidence.link_id in see and question.kind == "source":
                wrong = set(question.options) - {question.answer}
                assert not {"Depression", "Major depressive disorder", "Other medical problems"} & wrong, question


def test_no_wrong_option_is_linked_to_a_category_of_the_answer(article):
    from graph.teaching.score import Reference

    reference = Reference(article)
    for seed in range(60):
        for question in make_quiz(article, seed, reference=reference):
            if question.kind == "relation":
                continue
            for category in reference.categories(question.answer):
                around = set(article.graph.successors(category)) | set(article.graph.predecessors(category))
                assert not around & (set(question.options) - {question.answer}), (question, category)


def test_questions_spread_over_causes_symptoms_and_treatments(article):
    for seed in range(100):
        quiz = make_quiz(article, seed)
        types = {article.graph.nodes[c]["type"] for q in quiz for c in (q.evidence.source, q.evidence.target)}
        assert {"cause", "symptom", "treatment"} <= types
        groups = [g for q in quiz for g in {article.graph.nodes[c]["group"] for c in (q.evidence.source, q.evidence.target)}]
        assert max(groups.count(g) for g in set(groups)) <= 2, quiz


def test_vague_links_are_not_asked_about(article):
    for seed in range(50):
        for question in make_quiz(article, seed):
            assert question.evidence.relation not in {
                "is linked to",
                "is connected to",
                "is",
                "has",
                "is discussed together with",
            }
            if question.kind == "relation":
                assert not {"is linked to", "is connected to", "is", "has"} & set(question.options)


def test_favoured_links_are_asked_first_when_they_make_questions(article):
    links = article.links
    favour = tuple(
        int(links.index[(links["source"] == s) & (links["target"] == t)][0])
        for s, t in (("Parkinson's disease", "Tremors"), ("Exercise", "Doing things that make you happy"))
    )
    asked = {q.evidence.link_id for q in make_quiz(article, 5, favour=favour)}
    assert set(favour) <= asked


def test_to_dict_has_the_cli_json_shape(article):
    question = make_quiz(article, 3, count=1)[0]
    data = question.to_dict()
    assert list(data) == ["prompt", "source", "relation", "target", "blank", "options", "answer"]
    link = question.evidence
    assert (data["source"], data["relation"], data["target"]) == (link.source, link.relation, link.target)
    assert data[data["blank"]] == data["answer"] in data["options"]


def test_the_worksheet_lists_the_questions_then_the_answer_key_with_evidence(article):
    quiz = make_quiz(article, 3)
    text = worksheet(quiz, "Quiz 3")
    questions, key = text.split("## Answer key")
    for number, question in enumerate(quiz, 1):
        assert f"{number}. {question.prompt}\n" in questions
        letter = "abcd"[question.options.index(question.answer)]
        assert f"    - {letter}) {question.answer}\n" in questions
        assert f"{number}. {letter}) {question.answer}: " in key
    assert "Section: " in key


# --- small and unusual graphs ------------------------------------------------


def test_a_graph_too_small_for_distractors_gives_no_questions():
    kg = graph_of([("a", "x", "feeds", "b", "x"), ("b", "x", "warms", "c", "x")])
    assert make_quiz(kg, 0) == []


def test_a_teachers_graph_with_its_own_types_works():
    kg = graph_of(SOLAR)
    kinds = set()
    for seed in range(50):
        quiz = make_quiz(kg, seed)
        for question in quiz:
            assert_sound(kg, question)
            kinds.add(question.kind)
        assert_no_give_away(quiz)
    assert kinds == set(KINDS)


def test_count_is_respected():
    kg = graph_of(SOLAR)
    assert make_quiz(kg, 1, count=0) == []
    assert len(make_quiz(kg, 1, count=3)) == 3
    with pytest.raises(ValueError):
        make_quiz(kg, 1, count=-1)


CONCEPTS = [f"c{i}" for i in range(10)]
RELATIONS = [
    "can cause",
    "may cause",
    "may lead to",
    "is linked to",
    "is",
    "is part of",
    "is an example of",
    "feeds",
    "orbits",
    "measures",
    "is caused by",
]


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
def test_any_graph_gives_sound_questions_that_give_nothing_away(kg, seed):
    quiz = make_quiz(kg, seed, count=8)
    assert len(quiz) <= 8
    for question in quiz:
        assert_sound(kg, question)
    assert_no_give_away(quiz)
    assert quiz == make_quiz(kg, seed, count=8)


# --- the command line ----------------------------------------------------------


def test_cli_quiz_prints_a_worksheet_with_its_answer_key(article, capsys):
    assert main(["quiz", str(ROOT / "data" / "edges.csv"), "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert out == worksheet(make_quiz(article, 3), "Quiz 3 on edges.csv")


def test_cli_quiz_json_is_a_list_of_questions(article, capsys):
    assert main(["quiz", str(ROOT / "data" / "edges.csv"), "--seed", "8", "--json", "--count", "4"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == [q.to_dict() for q in make_quiz(article, 8, 4)]
    assert len(data) == 4


def test_cli_quiz_of_a_bad_file_names_the_problem(tmp_path, capsys):
    bad = tmp_path / "links.csv"
    bad.write_text("source,relation\na,b\n")
    assert main(["quiz", str(bad), "--seed", "1"]) == 1
    err = capsys.readouterr().err
    assert "links.csv, row 1, column 'target'" in err and "Traceback" not in err


def test_every_kind_of_question_has_a_way_to_be_asked(article):
    """The quiz asks each kind in KINDS through its own method; a kind added without one is caught here."""
    import random

    from graph.teaching.quiz import _Quizmaster
    from graph.teaching.score import Reference

    master = _Quizmaster(article, Reference(article), random.Random(0))
    assert set(master.ask) == set(KINDS)


def test_a_category_relation_is_never_a_wrong_option_where_another_is_the_answer(article):
    # "Levodopa is part of Parkinson's medications" is arguable where the answer is "is an example of".
    for seed in range(60):
        for question in make_quiz(article, seed):
            if question.kind == "relation" and VOCABULARY.is_category(question.answer):
                for option in set(question.options) - {question.answer}:
                    family = VOCABULARY.family(option).removesuffix(BACKWARDS)
                    assert family not in VOCABULARY.category_families, (question, option)


def test_what_is_said_of_a_namesake_of_the_focus_is_never_a_wrong_option():
    # A mental health professional can assess low mood: "Healthcare professional can assess Low mood" is no fair
    # wrong answer. (The article's own cases, the professionals and the dopamine deficiencies, are lists of a kind
    # now, and not asked: see the test above.)
    kg = graph_of(
        [
            ("Healthcare professional", "person", "can assess", "Tremors", "symptom"),
            ("Mental health professional", "person", "can assess", "Low mood", "symptom"),
            *[(f"Illness {n}", "condition", "can cause", f"Sign {n}", "symptom") for n in range(6)],
        ]
    )
    asked = 0
    for seed in range(60):
        for question in make_quiz(kg, seed, favour=(0,)):
            if question.kind == "target" and question.focus == "Healthcare professional":
                asked += 1
                assert "Low mood" not in question.options, question
    assert asked
