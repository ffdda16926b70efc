"""Names learners use: nodes.csv's ``aliases`` column, read by the loader and understood by the one name
matcher (graph.core.query.named_concept), hence by search, tours, the scorer and fill-in."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.core.aliases import aliases_of
from graph.core.query import NAME_CUTOFF, NAME_MARGIN, find_concept, named_concept, search, similarity
from graph.files.export import to_csv_zip
from graph.files.load import ValidationError, load_files, load_graph
from tests.conftest import SHORT_HEADER, kg_from

ROOT = Path(__file__).resolve().parents[3]

LINKS = (
    SHORT_HEADER
    + """\
SSRIs,treatment,is an example of,Antidepressants,treatment
SNRIs,treatment,is an example of,Antidepressants,treatment
Dopamine deficiency,condition,means low,Dopamine levels,concept
Dopamine deficiency,condition,means low,Dopamine,concept
Parkinson's disease,condition,can cause,Tremors,symptom
"""
)
NODES = """\
concept,type,group,description,aliases
Parkinson's disease,condition,,,Parkinson's; PD
Dopamine deficiency,condition,,,low dopamine;dopamine shortage
SSRIs,treatment,,,selective serotonin reuptake inhibitors
"""


@pytest.fixture(scope="module")
def kg():
    return kg_from(LINKS, NODES)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Parkinson's", "Parkinson's disease"),
        ("parkinsons", "Parkinson's disease"),  # an alias forgives typos as a name does
        ("PD", "Parkinson's disease"),
        ("Low Dopamine", "Dopamine deficiency"),
        ("low  dopamine", "Dopamine deficiency"),
        ("selective serotonin reuptake inhibitors", "SSRIs"),
        ("Parkinson's disease", "Parkinson's disease"),
    ],
)
def test_an_alias_names_its_concept(kg, typed, meant):
    assert named_concept(kg, typed) == meant
    assert find_concept(kg, typed) == meant


def test_search_finds_a_concept_by_its_alias_once(kg):
    assert search(kg, "low dop") == ["Dopamine deficiency"]
    assert search(kg, "parkinson") == ["Parkinson's disease"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("SSRIs", "SSRIs"),
        ("SNRIs", "SNRIs"),
        ("ssri", "SSRIs"),
        ("Dopamine", "Dopamine"),
        ("Dopamine level", "Dopamine levels"),
        ("dopamine levels", "Dopamine levels"),
    ],
)
def test_typo_tolerance_never_makes_one_concept_into_another(kg, typed, meant):
    assert named_concept(kg, typed) == meant


def test_a_misspelling_as_near_to_two_concepts_means_neither(kg):
    # "SSNRIs" is one letter from SSRIs and one from SNRIs: guessing would merge two concepts of the map.
    assert named_concept(kg, "SSNRIs") is None


def test_aliases_are_optional_and_kept_through_export(kg, tmp_path):
    assert set(kg_from(LINKS).concepts["aliases"]) == {""}
    again = load_files([("graph.zip", to_csv_zip(kg))])
    assert again.concepts.at["Parkinson's disease", "aliases"] == "Parkinson's; PD"
    assert named_concept(again, "PD") == "Parkinson's disease"


def test_aliases_of_a_cell():
    assert aliases_of(" a ; b;;a ") == ["a", "b"]
    assert aliases_of("") == [] and aliases_of(None) == []


@pytest.mark.parametrize(
    ("nodes", "problem"),
    [
        (
            "concept,type,aliases\nSSRIs,treatment,SNRIs\n",
            "nodes.csv, row 2, column 'aliases': 'SNRIs' is the name of another concept; an alias may name only its own "
            "concept (remove it here).",
        ),
        (
            "concept,type,aliases\nSSRIs,treatment,dopamine\n",  # any case: 'Dopamine' is a concept
            "nodes.csv, row 2, column 'aliases': 'dopamine' is the name of another concept; an alias may name only its own "
            "concept (remove it here).",
        ),
        (
            "concept,type,aliases\nSSRIs,treatment,reuptake inhibitors\nSNRIs,treatment,Reuptake  inhibitors\n",
            "nodes.csv, row 3, column 'aliases': 'Reuptake inhibitors' is also an alias of 'SSRIs' (row 2); an alias may "
            "name one concept only, or a learner who writes it could mean either.",
        ),
    ],
)
def test_an_alias_that_could_mean_two_concepts_is_reported(nodes, problem):
    with pytest.raises(ValidationError) as caught:
        kg_from(LINKS, nodes)
    assert [str(p) for p in caught.value.problems] == [problem]


def test_the_articles_short_names_with_a_nodes_file_of_its_own(tmp_path):
    """The article says "Parkinson's", "low dopamine" and "MDD": with them as aliases, each names its concept."""
    for name in ("edges.csv", "sources.csv", "relations.csv"):
        (tmp_path / name).write_bytes((ROOT / "data" / name).read_bytes())
    rows = list(csv.DictReader(io.StringIO((ROOT / "data" / "nodes.csv").read_text("utf-8"))))
    short = {"Parkinson's disease": "Parkinson's", "Dopamine deficiency": "low dopamine", "Major depressive disorder": "MDD"}
    for row in rows:
        row["aliases"] = ";".join(filter(None, [row.get("aliases", ""), short.get(row["concept"], "")]))
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (tmp_path / "nodes.csv").write_text(text.getvalue(), "utf-8")
    kg = load_graph(tmp_path / "edges.csv")
    for concept, alias in short.items():
        assert named_concept(kg, alias) == concept
    assert named_concept(kg, "Dopamine") == "Dopamine" and named_concept(kg, "Dopamine levels") == "Dopamine levels"
    assert named_concept(kg, "SSRIs") == "SSRIs" and named_concept(kg, "SNRIs") == "SNRIs"


# --- property: forgiving a typo never makes one concept into another ---------------------------------

_WORDS = st.text(alphabet="abcdnrs", min_size=5, max_size=8)


@st.composite
def close_names(draw):
    """Names one letter apart from a common word, and a typed name: that word, or any of them misspelt."""
    base = draw(_WORDS)
    edits = draw(st.lists(st.tuples(st.integers(0, len(base) - 1), st.sampled_from("xyz")), min_size=2, max_size=5))
    names = list(dict.fromkeys(base[:i] + c + base[i + 1 :] for i, c in edits))
    typed = draw(st.sampled_from([base, *(name[:-1] + "q" for name in names)]))
    return names, typed


@settings(max_examples=80, deadline=None)
@given(case=close_names())
def test_a_typed_name_means_one_concept_clearly_or_none(case):
    names, typed = case
    links = SHORT_HEADER + "".join(f"{a},t,links to,{b},t\n" for a, b in zip(names, names[1:]))
    kg = kg_from(links if len(names) > 1 else SHORT_HEADER + f"{names[0]},t,links to,other,t\n")
    for name in names:
        assert named_concept(kg, name) == name  # a concept's own name is never taken for another's
    meant = named_concept(kg, typed)
    if meant is not None:
        assert similarity(typed, meant) >= NAME_CUTOFF
        for other in set(kg.graph) - {meant}:
            assert similarity(typed, other) < similarity(typed, meant) - NAME_MARGIN + 1e-9 < similarity(typed, meant)


def test_a_tours_step_and_fill_in_take_an_alias(kg):
    from graph.teaching.exercise import Blank, check_blank
    from graph.teaching.score import Reference
    from graph.teaching.tours import load_tour

    tour = load_tour(
        b"step,concept,caption\n1,PD,Start with the disease.\n2,low dopamine,Then what it may cause.\n", "tour-x.csv", kg
    )
    assert tour.concepts == ["Parkinson's disease", "Dopamine deficiency"]
    link = kg.link(int(kg.links.index[kg.links["source"] == "Parkinson's disease"][0]))
    blank = Blank(1, "concept", "Parkinson's disease", (link,))
    assert check_blank(Reference(kg), blank, "Parkinson's") and check_blank(Reference(kg), blank, "pd")
    assert not check_blank(Reference(kg), blank, "SSRIs")
