"""The content audit's cases for the map scorer (issue 22), as regression tests on the article's graph.

Category reasoning goes up only; siblings never support each other; inverse phrasings read backwards;
a relation entailed by the reference's counts; a link surer than the reference is overstated; the
article's own short names (as aliases in a nodes.csv written here) name their concepts.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from graph.files.load import load_graph
from graph.teaching.score import Proposition, Reference, score_map

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def reference(article):
    return Reference(article)


def verdict_of(reference, source, relation, target):
    return reference.judge(Proposition(source, relation, target))


@pytest.mark.parametrize(
    ("source", "relation", "target"),
    [
        ("Sertraline", "is an example of", "SNRIs"),  # an SSRI; both are antidepressants
        ("Venlafaxine", "is an example of", "SSRIs"),
        ("Levodopa", "is an example of", "Dopamine agonists"),  # both Parkinson's medications
        ("Restless legs syndrome", "is an example of", "Parkinson's disease"),  # both movement disorders
        ("Exercise", "is an example of", "Meditation"),  # both things that make you happy
        ("Chicken", "is part of", "Almonds"),  # both part of the diet
        ("SSRIs", "is an example of", "SNRIs"),
    ],
)
def test_two_members_of_one_category_never_support_each_other(reference, source, relation, target):
    verdict = verdict_of(reference, source, relation, target)
    assert verdict.verdict == "not in the reference", verdict
    assert verdict.note.startswith(f"The reference has both {source} and {target} in ")


def test_the_note_says_why_siblings_do_not_support_each_other(reference):
    verdict = verdict_of(reference, "Sertraline", "is an example of", "SNRIs")
    assert verdict.note == "The reference has both Sertraline and SNRIs in Antidepressants, but neither is one of the other."


@pytest.mark.parametrize(
    ("source", "relation", "target", "chain"),
    [
        ("Sertraline", "is an example of", "Antidepressants", ["SSRIs", "Antidepressants"]),
        ("Meditation", "can help raise", "Dopamine levels", ["Doing things that make you happy", "Dopamine levels"]),
        (
            "Chicken",
            "may help raise",
            "Dopamine levels",
            ["Diet rich in magnesium and tyrosine", "Natural ways to boost dopamine", "Dopamine levels"],
        ),
        ("Venlafaxine", "may be recommended for", "Depression", ["SNRIs", "Antidepressants", "Depression"]),
        ("Parkinson's disease", "can be managed with", "Dopamine agonists", ["Parkinson's medications", "Parkinson's disease"]),
    ],
)
def test_a_member_inherits_what_its_categories_links_say(reference, source, relation, target, chain):
    verdict = verdict_of(reference, source, relation, target)
    assert verdict.verdict == "match"
    assert [link.target for link in verdict.evidence] == chain


@pytest.mark.parametrize(
    ("source", "relation", "target"),
    [
        ("Antidepressants", "is an example of", "Sertraline"),  # down the hierarchy: the other way round
        ("Parkinson's medications", "is an example of", "Levodopa"),
    ],
)
def test_a_category_is_not_its_member(reference, source, relation, target):
    assert verdict_of(reference, source, relation, target).verdict == "reversed"


@pytest.mark.parametrize(
    ("source", "relation", "target"),
    [
        ("Tremors", "is a symptom of", "Dopamine deficiency"),
        ("Muscle cramps", "is a sign of", "Dopamine deficiency"),
        ("Tremors", "are symptoms of", "Parkinson's disease"),
        ("Dopamine deficiency", "may be caused by", "Cocaine use"),
        ("Depression", "may be treated with", "Antidepressants"),
    ],
)
def test_inverse_phrasings_match(reference, source, relation, target):
    verdict = verdict_of(reference, source, relation, target)
    assert verdict.verdict == "match", verdict
    assert (verdict.evidence[-1].source, verdict.evidence[-1].target) == (target, source)


def test_an_inverse_phrasing_the_wrong_way_is_reversed(reference):
    assert verdict_of(reference, "Dopamine deficiency", "is a symptom of", "Tremors").verdict == "reversed"


@pytest.mark.parametrize(
    ("source", "relation", "target", "hedge"),
    [
        ("Cocaine use", "causes", "Dopamine deficiency", "may"),
        ("Cocaine use", "can cause", "Dopamine deficiency", "may"),
        ("Dopamine deficiency", "causes", "Sleepiness", "may"),
        ("Sleepiness", "is a symptom of", "Dopamine deficiency", "may"),  # as sure as "can cause": surer than may
        ("Supplements", "help with", "Dopamine production", "thought"),
        ("Cocaine use", "plays a role in", "Dopamine deficiency", "may"),  # entailed, but said surer
        ("Levodopa", "raises", "Dopamine levels", "may"),
    ],
)
def test_a_link_surer_than_the_reference_is_overstated_showing_the_references_hedge(reference, source, relation, target, hedge):
    verdict = verdict_of(reference, source, relation, target)
    assert (verdict.verdict, verdict.hedge) == ("overstated", hedge)
    assert f"less surely ({hedge})" in verdict.note


@pytest.mark.parametrize(
    ("source", "relation", "target"),
    [
        ("Cocaine use", "may cause", "Dopamine deficiency"),
        ("Cocaine use", "might lead to", "Dopamine deficiency"),
        ("Dopamine deficiency", "may cause", "Tremors"),  # less sure than "can": still true
        ("Supplements", "are thought to help with", "Dopamine production"),
    ],
)
def test_a_link_as_sure_or_less_sure_than_the_reference_matches(reference, source, relation, target):
    assert verdict_of(reference, source, relation, target).verdict == "match"


@pytest.mark.parametrize(
    ("source", "relation", "target"),
    [
        ("Natural ways to boost dopamine", "can affect", "Dopamine levels"),  # can help raise ⊨ can affect
        ("Doing things that make you happy", "may affect", "Dopamine levels"),
        ("Injury to dopamine-making brain areas", "may affect", "Dopamine production"),  # may reduce ⊨ may affect
        ("Dopamine deficiency", "can affect", "Tremors"),  # can cause ⊨ can affect
        ("Cocaine use", "may contribute to", "Dopamine deficiency"),  # causes ⊨ contributes to
        ("Healthcare professional", "plays a role in", "Treatment plan"),  # helps with ⊨ plays a role in
    ],
)
def test_what_the_reference_entails_matches(reference, source, relation, target):
    verdict = verdict_of(reference, source, relation, target)
    assert verdict.verdict == "match"
    assert verdict.note.startswith("The reference says more, which includes this: ")


@pytest.mark.parametrize(
    ("source", "relation", "target"),
    [
        ("Dopamine levels", "can affect", "Natural ways to boost dopamine"),  # backwards: what is affected does not affect
        ("Natural ways to boost dopamine", "can reduce", "Dopamine levels"),  # raising does not entail reducing
        ("Dopamine transporters", "can cause", "Memory"),  # plays a role in does not entail causes
    ],
)
def test_what_the_reference_does_not_entail_does_not_match(reference, source, relation, target):
    assert verdict_of(reference, source, relation, target).verdict != "match"


def article_with_aliases(tmp_path: Path, aliases: dict[str, str]):
    """The article's graph, with a nodes.csv that adds these aliases (written here, not data/nodes.csv)."""
    for name in ("edges.csv", "sources.csv", "relations.csv"):
        (tmp_path / name).write_bytes((ROOT / "data" / name).read_bytes())
    rows = list(csv.DictReader(io.StringIO((ROOT / "data" / "nodes.csv").read_text("utf-8"))))
    for row in rows:
        row["aliases"] = ";".join(filter(None, [row.get("aliases") or "", aliases.get(row["concept"], "")]))
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (tmp_path / "nodes.csv").write_text(text.getvalue(), "utf-8")
    return load_graph(tmp_path / "edges.csv")


def test_the_articles_own_short_names_are_understood_and_not_charged_as_missing(tmp_path):
    kg = article_with_aliases(
        tmp_path,
        {"Parkinson's disease": "Parkinson's", "Dopamine deficiency": "low dopamine", "Major depressive disorder": "MDD"},
    )
    drawn = [
        Proposition("Parkinson's", "can cause", "tremors"),
        Proposition("low dopamine", "can cause", "tremors"),
        Proposition("MDD", "is an example of", "depression"),
    ]
    result = score_map(Reference(kg), drawn)
    assert [(v.source, v.target, v.verdict) for v in result.verdicts] == [
        ("Parkinson's disease", "Tremors", "match"),
        ("Dopamine deficiency", "Tremors", "match"),
        ("Major depressive disorder", "Depression", "match"),
    ]
    # What was drawn is not also charged as missing; what is missing is only what was not drawn.
    drawn_pairs = {frozenset((v.source, v.target)) for v in result.verdicts}
    assert result.missing
    assert not [m for m in result.missing if frozenset((m.source, m.target)) in drawn_pairs]


def test_a_teachers_vocabulary_is_the_one_the_reference_reads(make_kg):
    from graph.files.load import load_files

    words = (
        "relation,inverse,hedge,family,meaning,inverse_synonyms,entails\n"
        "warms,is warmed by,states,warms,Makes warmer.,gets heat from,changes\n"
        "changes,is changed by,states,changes,Makes different.,,\n"
    )
    links = "source,source_type,relation,target,target_type\nSun,star,warms,Sea,water\n"
    kg = load_files([("ocean.csv", links.encode()), ("relations.csv", words.encode())])
    reference = Reference(kg)
    assert reference.vocabulary is kg.vocabulary
    assert verdict_of(reference, "Sea", "gets heat from", "Sun").verdict == "match"
    assert verdict_of(reference, "Sun", "changes", "Sea").verdict == "match"
    assert verdict_of(reference, "Sea", "changes", "Sun").verdict == "reversed"
