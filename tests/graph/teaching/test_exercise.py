"""Fill in the map: seeded blanks among a focus's links, each checked against its links."""

from pathlib import Path

import pytest

from graph.files.load import load_graph
from graph.picture.view import build_view
from graph.teaching.exercise import check_blank, make_exercise
from graph.teaching.score import Reference, is_vague

ROOT = Path(__file__).resolve().parents[3]
PARKINSONS = "Parkinson's disease"


@pytest.fixture(scope="module")
def kg():
    return load_graph(ROOT / "data" / "edges.csv")


@pytest.fixture(scope="module")
def reference(kg):
    return Reference(kg)


def shown(kg, focus):
    return build_view(kg, focus, 1, cap=40).link_ids


def test_the_same_seed_gives_the_same_blanks_and_others_differ(kg):
    links = shown(kg, kg.default_focus)
    assert make_exercise(kg, kg.default_focus, links, 7) == make_exercise(kg, kg.default_focus, links, 7)
    assert len({make_exercise(kg, kg.default_focus, links, seed).blanks for seed in range(10)}) > 5


@pytest.mark.parametrize("seed", range(30))
def test_blanks_are_answerable_from_what_is_still_shown(kg, seed):
    focus = kg.default_focus if seed % 2 else PARKINSONS
    links = shown(kg, focus)
    exercise = make_exercise(kg, focus, links, seed)
    assert len(exercise.blanks) == 4
    assert [b.number for b in exercise.blanks] == [1, 2, 3, 4]
    assert {b.kind for b in exercise.blanks} == {"concept", "relation"}
    assert sorted(exercise.parking_lot) == sorted(set(b.answer for b in exercise.blanks))
    concepts = exercise.concept_blanks()
    assert focus not in concepts
    for blank in exercise.blanks:
        assert all(link.link_id in links for link in blank.links)
        if blank.kind == "relation":
            (link,) = blank.links
            assert focus in (link.source, link.target) and link.relation == blank.answer
            assert not {link.source, link.target} & set(concepts)  # a link never loses both its words and an end
            assert not is_vague(link.relation)
        else:
            # Every link ending at a hidden concept is in the blank, and none of them has its words hidden too.
            assert {li.link_id for li in blank.links} == {
                i for i in links if blank.answer in (kg.link(i).source, kg.link(i).target)
            }
            assert not {li.link_id for li in blank.links} & set(exercise.relation_blanks())


def test_a_concept_blank_forgives_case_and_typos_and_accepts_what_fits_every_link(kg, reference):
    exercise = make_exercise(kg, PARKINSONS, shown(kg, PARKINSONS), 2)
    by_answer = {b.answer: b for b in exercise.blanks}
    balance = by_answer["Loss of balance"]  # Parkinson's disease and dopamine deficiency can both cause it
    assert check_blank(reference, balance, "loss of  balence")
    assert check_blank(reference, balance, "Tremors")  # both can cause tremors too
    assert not check_blank(reference, balance, "Slower movements")  # only Parkinson's is said to
    assert not check_blank(reference, balance, "")
    assert not check_blank(reference, balance, "can cause")


def test_a_relation_blank_accepts_words_that_mean_the_same(kg, reference):
    exercise = make_exercise(kg, PARKINSONS, shown(kg, PARKINSONS), 2)
    cause = next(b for b in exercise.blanks if b.answer == "can cause")
    assert check_blank(reference, cause, "can cause")
    assert check_blank(reference, cause, "Causes")
    assert check_blank(reference, cause, "may lead to")
    assert not check_blank(reference, cause, "treats")
    assert not check_blank(reference, cause, "Tremors")


def test_favoured_links_are_blanked_first(kg):
    links = shown(kg, PARKINSONS)
    manage = int(kg.links.index[(kg.links["source"] == "Parkinson's medications") & (kg.links["target"] == PARKINSONS)][0])
    for seed in range(6):
        exercise = make_exercise(kg, PARKINSONS, links, seed, favour=(manage,))
        assert manage in {link.link_id for b in exercise.blanks for link in b.links}


def test_a_concept_with_few_links_gives_fewer_blanks(kg):
    exercise = make_exercise(kg, "Levodopa", shown(kg, "Levodopa"), 1)
    assert len(exercise.blanks) == 2
    assert make_exercise(kg, "Levodopa", [], 1).blanks == ()
