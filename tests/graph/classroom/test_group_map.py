"""graph/classroom/group_map.py: the group map's counts are the learners' verdicts from the scorer, added up."""

from __future__ import annotations

import dataclasses

from graph.classroom.group_map import COUNTED, group_map, items_by_difficulty
from graph.teaching.score import Proposition, Reference, score_map
from tests.conftest import PATH, kg_from

P = Proposition
ANN = [P("A", "leads to", "B"), P("C", "causes", "B")]
BOB = [P("a", "leads to", "b"), P("B", "worsens", "C"), P("D", "may lead to", "E")]
CY = [P("X", "causes", "Y"), P("A", "leads to", "C")]


def counts(group) -> dict[str, dict[str, int]]:
    return {f"{c.link.source}>{c.link.target}": {k: v for k, v in c.counts.items() if v} for c in group.links}


def test_each_link_counts_the_learners_by_their_verdict():
    group = group_map(kg_from(PATH), {"Ann": (ANN, None), "Bob": (BOB, None), "Cy": (CY, None)})
    assert group.learners == ["Ann", "Bob", "Cy"]
    assert counts(group) == {
        "A>B": {"match": 2},
        "B>C": {"reversed": 1, "different relation": 1},
        "C>D": {"missing": 1},  # Bob used C and D, and drew no link between them
        "D>E": {"match": 1},
    }
    assert group.links[1].learners == {"Ann": "reversed", "Bob": "different relation"}
    assert [(e.source, e.relation, e.target, list(e.learners)) for e in group.extra] == [
        ("A", "leads to", "C", ["Cy"]),
        ("X", "causes", "Y", ["Cy"]),
    ]
    assert [c.link.target for c in group.most_missed()] == ["C", "D"]


def test_the_counts_are_the_sum_of_each_learners_own_verdicts(article):
    maps = {
        "Ann": (
            [P("Parkinson's disease", "can cause", "Tremors"), P("Levodopa", "can help manage", "Parkinson's disease")],
            None,
        ),
        "Bob": ([P("Tremors", "can cause", "Parkinson's disease"), P("Levodopa", "causes", "Tremors")], None),
        "Cy": ([P("parkinsons disease", "may cause", "tremors"), P("Stress", "cures", "Aging")], None),
    }
    reference = Reference(article)
    together = group_map(reference, maps)
    alone = {name: group_map(reference, {name: work}) for name, work in maps.items()}
    for index, link in enumerate(together.links):
        for verdict in COUNTED:
            assert link.count(verdict) == sum(g.links[index].count(verdict) for g in alone.values())
    # …and each learner's verdicts are the scorer's own.
    for name, (links, scope) in maps.items():
        assert [v.verdict for v in together.scores[name].verdicts] == [
            v.verdict for v in score_map(reference, links, scope).verdicts
        ]
    tremors = next(c for c in together.links if (c.link.source, c.link.target) == ("Parkinson's disease", "Tremors"))
    assert tremors.learners == {"Ann": "match", "Bob": "reversed", "Cy": "match"}


def test_a_learner_counts_once_per_link_with_the_best_verdict():
    group = group_map(kg_from(PATH), {"Ann": ([P("B", "causes", "A"), P("A", "leads to", "B")], None)})
    assert group.links[0].counts["match"] == 1 and group.links[0].counts["reversed"] == 0


class _Overstating(Reference):
    """The scorer of branch ``scoring`` says "overstated" where today's says "different relation"."""

    def judge(self, proposition):
        verdict = super().judge(proposition)
        return dataclasses.replace(verdict, verdict="overstated") if verdict.verdict == "different relation" else verdict


def test_overstated_is_counted_as_its_own_verdict():
    group = group_map(_Overstating(kg_from(PATH)), {"Bob": (BOB, None)})
    assert group.links[1].counts["overstated"] == 1 and group.links[1].missed == 1
    assert group.to_dict()["links"][1] == {
        "source": "B",
        "relation": "causes",
        "target": "C",
        "match": 0,
        "overstated": 1,
        "reversed": 0,
        "different relation": 0,
        "missing": 0,
    }


def test_items_are_ordered_hardest_first_with_each_learners_latest_answer():
    answers = [
        ("Ann", "quiz", "Q1", "a", False),
        ("Ann", "quiz", "Q1", "a", True),  # tried again: the latest counts
        ("Bob", "quiz", "Q1", "a", True),
        ("Ann", "fill", "Q2", "b", False),
        ("Bob", "fill", "Q2", "b", True),
    ]
    assert [(i.question, i.right, len(i.learners)) for i in items_by_difficulty(answers)] == [("Q2", 1, 2), ("Q1", 2, 2)]
