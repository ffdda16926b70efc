"""Fill in the map: seeded blanks among a focus's links, each checked against its links; a parking
lot whose distractors never fit a blank; a teacher's own synonyms accepted."""

from pathlib import Path

import pytest

from graph.core.relations import ARTICLE_RELATIONS, Vocabulary
from graph.files.load import load_files, load_graph
from graph.files.vocabulary import load_vocabulary, vocabulary_from_bytes
from graph.picture.view import build_view
from graph.teaching.exercise import Blank, blank_feedback, blank_verdict, check_blank, make_exercise
from graph.teaching.score import Proposition, Reference, is_vague

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
    answers = {b.answer for b in exercise.blanks}
    assert set(exercise.parking_lot) == answers | set(exercise.distractors)
    assert len(exercise.parking_lot) == len(answers) + len(exercise.distractors)  # each word once
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
    assert check_blank(reference, cause, "Can lead to")
    assert check_blank(reference, cause, "may lead to")  # weaker is right
    assert check_blank(reference, cause, "can affect")  # what "can cause" entails
    assert not check_blank(reference, cause, "treats")
    assert not check_blank(reference, cause, "Tremors")


def hedged_blank(kg, relation):
    """A relation blank on the first link of the article's graph with ``relation``."""
    link = next(kg.link(int(i)) for i in kg.links.index[kg.links["relation"] == relation])
    return Blank(1, "relation", relation, (link,))


def test_a_relation_blank_judges_hedges_as_the_scorer_does(kg, reference):
    may_cause = hedged_blank(kg, "may cause")
    assert blank_verdict(reference, may_cause, "causes") == "overstated"  # the graph only says "may"
    assert blank_verdict(reference, may_cause, "can cause") == "overstated"
    assert blank_verdict(reference, may_cause, "can lead to") == "overstated"
    assert not check_blank(reference, may_cause, "Causes")
    assert blank_verdict(reference, may_cause, "may cause") == "right"
    assert blank_verdict(reference, may_cause, "might lead to") == "right"
    assert blank_verdict(reference, may_cause, "may affect") == "right"  # entailed, no surer
    assert blank_verdict(reference, may_cause, "affects") == "overstated"  # entailed, but surer
    assert blank_verdict(reference, may_cause, "treats") == "wrong"
    can_cause = hedged_blank(kg, "can cause")
    assert blank_verdict(reference, can_cause, "causes") == "overstated"
    assert blank_verdict(reference, can_cause, "can cause") == "right"
    assert blank_verdict(reference, can_cause, "may cause") == "right"
    raises = hedged_blank(kg, "can help raise")
    assert blank_verdict(reference, raises, "can increase") == "right"
    assert blank_verdict(reference, raises, "can affect") == "right"  # raising is affecting
    assert blank_verdict(reference, raises, "raises") == "overstated"
    assert blank_verdict(reference, raises, "can reduce") == "wrong"
    # The scorer says the same of the same words on the same link.
    (link,) = may_cause.links
    for words in ("causes", "may cause", "might lead to", "can cause"):
        verdict = reference.judge(Proposition(link.source, words, link.target)).verdict
        assert {"match": "right"}.get(verdict, verdict) == blank_verdict(reference, may_cause, words), words


def test_the_learner_is_told_words_surer_than_the_graph_are_overstated_not_wrong(kg, reference):
    # Fill in the map said only "Not quite" to "causes" where the graph says "can cause" (a newcomer found it).
    can_cause = hedged_blank(kg, "can cause")
    (link,) = can_cause.links
    says = f"{link.source} can cause {link.target}"
    assert blank_feedback(reference, can_cause, "causes") == (
        "overstated",
        f"{can_cause.mark} Overstated: “causes” is surer than the graph, which says: {says}.",
    )
    assert blank_feedback(reference, can_cause, "may cause") == (
        "right",
        f"{can_cause.mark} Right: may cause. The graph says: {says}.",
    )
    assert blank_feedback(reference, can_cause, "treats") == (
        "wrong",
        f"{can_cause.mark} Not quite: “treats”. The graph says: {says}.",
    )
    assert blank_feedback(reference, can_cause, "  ") == ("blank", f"{can_cause.mark} Left blank. The graph says: {says}.")


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


# --- distractors ----------------------------------------------------------------------


def with_concept(link, hidden, concept):
    swap = {hidden: concept}
    return Proposition(swap.get(link.source, link.source), link.relation, swap.get(link.target, link.target))


@pytest.mark.parametrize("focus", ["Dopamine deficiency", PARKINSONS, "Depression", "Healthcare professional", "Levodopa"])
def test_distractors_never_fit_a_blank_of_their_kind(kg, reference, focus):
    links = shown(kg, focus)
    drawn = {end for i in links for end in (kg.link(i).source, kg.link(i).target)}
    for seed in range(12):
        exercise = make_exercise(kg, focus, links, seed, reference=reference)
        assert len(exercise.distractors) == len(exercise.blanks)  # one per blank: the article's graph has enough
        answers = {b.answer for b in exercise.blanks}
        assert not answers & set(exercise.distractors)
        concepts = [d for d in exercise.distractors if d in kg.graph]
        relations = [d for d in exercise.distractors if d not in kg.graph]
        assert len(concepts) == len(exercise.concept_blanks()) and len(relations) == len(exercise.relation_blanks())
        for blank in exercise.blanks:
            for word in concepts if blank.kind == "concept" else relations:
                assert not check_blank(reference, blank, word), (seed, blank.mark, word)
                for link in blank.links:
                    written = (
                        with_concept(link, blank.answer, word)
                        if blank.kind == "concept"
                        else Proposition(link.source, word, link.target)
                    )
                    assert reference.judge(written).verdict != "match", (seed, written)
                    assert not reference.support(written.source, written.relation, written.target, chains=True), written
        assert not drawn & set(concepts)  # a concept in the picture plainly is not a hidden one
        assert not any(is_vague(r) for r in relations)  # "is linked to" is true of any two linked concepts
        assert not any(reference.vocabulary.equivalent(r, b.answer) for r in relations for b in exercise.blanks)


def makes_a_true_link(reference, blank, concept) -> bool:
    """``concept`` in the blank's place: any of its links the graph supports, read either way, even along a chain."""
    for link in blank.links:
        written = with_concept(link, blank.answer, concept)
        if written.source == written.target or reference.judge(written).verdict == "match":
            return True
        inverse = reference.vocabulary.inverse(written.relation)
        if reference.support(written.source, written.relation, written.target, chains=True) or reference.support(
            written.target, inverse, written.source, chains=True
        ):
            return True
    return False


def test_concept_distractors_are_of_the_answers_types_as_far_as_the_graph_allows(kg, reference):
    links = shown(kg, PARKINSONS)
    drawn = {end for i in links for end in (kg.link(i).source, kg.link(i).target)}
    same_type = 0
    for seed in range(12):
        exercise = make_exercise(kg, PARKINSONS, links, seed, reference=reference)
        blanks = list(exercise.concept_blanks().values())
        kinds = [kg.graph.nodes[b.answer]["type"] for b in blanks]
        concepts = [d for d in exercise.distractors if d in kg.graph]
        assert not any(makes_a_true_link(reference, b, c) for b in blanks for c in concepts)
        for kind in set(kinds):
            # As many of the answers' type as there are blanks of it, unless the graph has fewer that fit.
            fit = [
                c
                for c in kg.graph
                if c not in drawn
                and c != "Other medical problems"  # a catch-all arguably fits any blank of its type
                and kg.graph.nodes[c]["type"] == kind
                and not any(makes_a_true_link(reference, b, c) for b in blanks)
            ]
            got = sum(kg.graph.nodes[c]["type"] == kind for c in concepts)
            assert got >= min(kinds.count(kind), len(fit)), (seed, kind, concepts, fit)
            same_type += got
    assert same_type > 0


TINY_LINKS = b"""source,source_type,relation,target,target_type
Storm,event,frightens,Dog,animal
Storm,event,brings,Rain,weather
Rain,weather,waters,Garden,place
Sun,weather,warms,Garden,place
Dog,animal,guards,Garden,place
"""
TINY_RELATIONS = b"""relation,inverse,hedge,family,meaning,synonyms
frightens,is frightened by,states,frightens,The first scares the second.,scares;makes afraid
brings,is brought by,states,brings,The first comes with the second.,carries
waters,is watered by,states,waters,The first gives water to the second.,
warms,is warmed by,states,warms,The first makes the second warmer.,heats
guards,is guarded by,states,guards,The first protects the second.,protects
"""


@pytest.fixture(scope="module")
def tiny():
    files = [("links.csv", TINY_LINKS), ("relations.csv", TINY_RELATIONS)]
    return load_files(files), vocabulary_from_bytes(TINY_RELATIONS)


def test_a_teachers_own_synonyms_fill_a_relation_blank(tiny):
    kg, words = tiny
    for seed in range(20):
        exercise = make_exercise(kg, "Storm", list(kg.links.index), seed, count=2, reference=Reference(kg, words))
        relation = next((b for b in exercise.blanks if b.answer == "frightens"), None)
        if relation is not None:
            break
    assert relation is not None
    assert check_blank(Reference(kg, words), relation, "scares")
    assert check_blank(Reference(kg, words), relation, "Makes afraid")
    assert not check_blank(Reference(kg, words), relation, "protects")
    article_words = load_vocabulary(ARTICLE_RELATIONS)
    assert not check_blank(Reference(kg, article_words), relation, "scares")  # the article's words do not know the teacher's


class Entailing(Vocabulary):
    """A vocabulary that says "warms" entails "brings" (as the article's says causing entails affecting)."""

    def entails(self, a: str, b: str) -> bool:
        return (self.family(a), self.family(b)) == ("warms", "brings")


def test_a_relation_the_blanks_words_entail_is_never_a_distractor(tiny):
    kg, words = tiny
    plain = Reference(kg, words)
    entailing = Reference(kg, Entailing(list(words)))
    sun = int(kg.links.index[kg.links["source"] == "Sun"][0])
    offered, offered_when_entailed = set(), set()
    for seed in range(40):
        for reference, seen in ((plain, offered), (entailing, offered_when_entailed)):
            exercise = make_exercise(kg, "Sun", [sun], seed, count=1, reference=reference)
            assert [b.kind for b in exercise.blanks] in (["relation"], ["concept"])
            if exercise.blanks[0].kind == "relation":
                seen.update(exercise.distractors)
    assert "brings" in offered  # a wrong answer, by the plain vocabulary
    assert "brings" not in offered_when_entailed and offered_when_entailed


@pytest.mark.parametrize("focus", [PARKINSONS, "Depression", "Healthcare professional"])
def test_a_catch_all_concept_is_never_a_distractor(kg, reference, focus):
    # "Parkinson's disease is an example of [2]": "Other medical problems" would arguably fit.
    links = shown(kg, focus)
    for seed in range(20):
        exercise = make_exercise(kg, focus, links, seed, reference=reference)
        assert "Other medical problems" not in exercise.distractors, (seed, exercise.blanks)
