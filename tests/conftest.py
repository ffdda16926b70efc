"""Fixtures for the unit tests of ``graph/``: tiny canonical graphs written as CSV text, and the article.

Browser tests keep their own fixtures in ``tests/browser/conftest.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.load import load_graph, load_graph_bytes
from graph.model import KnowledgeGraph

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO / "data" / "edges.csv"
HEADER = "source,source_type,relation,target,target_type,section,explanation,sources\n"

# A → B → C → D → E: one chain, each link read forwards.
PATH = HEADER + """\
A,cause,leads to,B,condition,Causes,A starts it,1
B,condition,causes,C,symptom,Signs,B brings C,2
C,symptom,worsens,D,symptom,Signs,C makes D worse,
D,symptom,may lead to,E,condition,Signs,,1;2
"""

# Hub → L01 … L10: one concept linked to ten leaves.
STAR = HEADER + "".join(f"Hub,condition,can cause,L{i:02},symptom,,,\n" for i in range(1, 11))

# A → B → C → A
CYCLE = HEADER + """\
A,concept,feeds,B,concept,,,
B,concept,feeds,C,concept,,,
C,concept,feeds,A,concept,,,
"""

# A → B and, apart, C → D
TWO_COMPONENTS = HEADER + """\
A,cause,leads to,B,condition,,,
C,cause,leads to,D,condition,,,
"""


def kg_from(edges: str, nodes: str | None = None, sources: str | None = None) -> KnowledgeGraph:
    """A graph from CSV text (and optional nodes.csv / sources.csv text)."""
    return load_graph_bytes(
        edges.encode("utf-8"),
        "edges.csv",
        nodes=(nodes.encode("utf-8"), "nodes.csv") if nodes is not None else None,
        sources=(sources.encode("utf-8"), "sources.csv") if sources is not None else None,
    )


@pytest.fixture
def make_kg():
    """``make_kg(edges_text, nodes=None, sources=None)``: a graph from CSV text written in the test."""
    return kg_from


@pytest.fixture
def path_kg() -> KnowledgeGraph:
    return kg_from(PATH)


@pytest.fixture
def star_kg() -> KnowledgeGraph:
    return kg_from(STAR)


@pytest.fixture
def cycle_kg() -> KnowledgeGraph:
    return kg_from(CYCLE)


@pytest.fixture
def two_components_kg() -> KnowledgeGraph:
    return kg_from(TWO_COMPONENTS)


@pytest.fixture(scope="session")
def article() -> KnowledgeGraph:
    """The article's graph, loaded once (tests must not change it)."""
    return load_graph(ARTICLE)
