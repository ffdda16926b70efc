"""The article's data (data/edges.csv, nodes.csv, sources.csv): valid, connected, and faithful to the article."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest

from graph.load import load_graph

ARTICLE = Path(__file__).resolve().parent.parent / "data" / "edges.csv"

TYPES = {"cause", "condition", "symptom", "treatment", "concept"}

# The article's headings, in its order ("Introduction" stands for the text before the first heading).
HEADINGS = [
    "Introduction",
    "What Is Dopamine Deficiency?",
    "Causes of Dopamine Transporter Deficiency",
    "Low Production of Dopamine: Signs and Symptoms",
    "How Can I Raise My Dopamine to Normal Levels?",
    "How to Treat Dopamine Deficiency",
    "How Do Dopamine Levels Connect With Mental Health?",
]
SOURCE_NUMBERS = set(range(1, 9))


def read_rows(name: str) -> list[dict]:
    with open(ARTICLE.parent / name, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_article_passes_the_check():
    kg = load_graph(ARTICLE)  # raises ValidationError, listing every problem, if not
    assert len(kg.links) == len(read_rows("edges.csv"))


def test_every_concept_has_a_link(article):
    assert [concept for concept in article.graph if article.graph.degree(concept) == 0] == []


def test_the_graph_is_one_connected_piece(article):
    assert nx.number_weakly_connected_components(article.graph) == 1


def test_every_concept_is_described_once_in_nodes_csv(article):
    rows = read_rows("nodes.csv")
    described = [row["concept"] for row in rows]
    assert len(described) == len(set(described))
    assert set(described) == set(article.concepts.index)
    assert [row["concept"] for row in rows if not row["description"].strip()] == []
    assert [row["concept"] for row in rows if not row["group"].strip()] == []


def test_every_type_is_one_of_the_five(article):
    assert set(article.concepts["type"]) <= TYPES
    assert set(article.links["source_type"]) | set(article.links["target_type"]) <= TYPES


def test_dopamine_deficiency_is_a_condition(article):
    assert article.concept("Dopamine deficiency")["type"] == "condition"


def test_every_section_is_a_heading_of_the_article(article):
    assert set(article.links["section"]) <= set(HEADINGS)
    # Every part of the article contributes links.
    assert set(article.links["section"]) == set(HEADINGS)


def test_every_link_is_explained(article):
    assert (article.links["explanation"].str.len() > 0).all()


def test_sources_are_numbered_one_to_eight(article):
    assert {int(n) for n in article.sources["number"]} == SOURCE_NUMBERS
    cited = {number for link_id in article.links.index for number in article.link(link_id).sources}
    assert cited <= SOURCE_NUMBERS
    for link_id in article.links.index:
        cell = article.links.at[link_id, "sources"]
        assert cell == "" or all(part.strip().isdigit() for part in cell.split(";")), (link_id, cell)


@pytest.mark.parametrize(
    ("source", "relation", "target"),
    [
        ("Dopamine deficiency", "is", "Not a formal medical diagnosis"),
        ("Dopamine deficiency", "has", "No specific test"),
        ("Blood test", "cannot show", "Brain's response to dopamine"),
        ("Healthcare professional", "is best placed to diagnose", "Dopamine deficiency"),
        ("Mental health problems", "are a reason to see", "Healthcare professional"),
    ],
)
def test_the_article_caveats_are_linked_into_the_graph(article, source, relation, target):
    relations = [data["relation"] for data in article.graph.get_edge_data(source, target, default={}).values()]
    assert relation in relations


def test_caveat_concepts_are_grouped_and_reachable_from_the_hub(article):
    caveats = {"Not a formal medical diagnosis", "No specific test", "Blood test", "Brain's response to dopamine"}
    assert caveats <= set(article.concepts.index[article.concepts["group"] == "caveats"])
    reachable = nx.node_connected_component(article.undirected, "Dopamine deficiency")
    assert caveats | {"Healthcare professional"} <= reachable
