"""Fixtures for the unit tests of ``graph/``: tiny canonical graphs written as CSV text, and the article.

Browser tests keep their own fixtures in ``tests/browser/conftest.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from graph.core.model import KnowledgeGraph
from graph.files.load import load_graph, load_graph_bytes

# Property tests check what is true, not how fast: on a loaded machine (CI, or tests run side by side)
# an example can take several times hypothesis' default 200 ms deadline, which then fails the test.
settings.register_profile("kg", deadline=None)
settings.load_profile("kg")

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO / "data" / "edges.csv"
HEADER = "source,source_type,relation,target,target_type,section,explanation,sources\n"
SHORT_HEADER = "source,source_type,relation,target,target_type\n"
"""Only the five columns a links file must have."""

# A → B → C → D → E: one chain, each link read forwards.
PATH = (
    HEADER
    + """\
A,cause,leads to,B,condition,Causes,A starts it,1
B,condition,causes,C,symptom,Signs,B brings C,2
C,symptom,worsens,D,symptom,Signs,C makes D worse,
D,symptom,may lead to,E,condition,Signs,,1;2
"""
)

# Hub → L01 … L10: one concept linked to ten leaves.
STAR = HEADER + "".join(f"Hub,condition,can cause,L{i:02},symptom,,,\n" for i in range(1, 11))

# A → B → C → A
CYCLE = (
    HEADER
    + """\
A,concept,feeds,B,concept,,,
B,concept,feeds,C,concept,,,
C,concept,feeds,A,concept,,,
"""
)

# A → B and, apart, C → D
TWO_COMPONENTS = (
    HEADER
    + """\
A,cause,leads to,B,condition,,,
C,cause,leads to,D,condition,,,
"""
)


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


# --- classroom maps: the same tests against SQLite and PostgreSQL ----------

MAP_TABLES = ("hand_ins", "learners", "map_files", "map_versions", "maps", "alembic_version")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """An empty maps database: an SQLite file, then the PostgreSQL in ``KG_TEST_POSTGRES_URL``.

    Start one with ``eval "$(.ci/postgres.sh start)"``. Without it the PostgreSQL runs are
    skipped, loudly; under CI (``CI`` set) they fail instead, so a CI run always covers both.
    """
    from graph.classroom import store

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'maps.db'}"
    else:
        url = os.environ.get("KG_TEST_POSTGRES_URL")
        if not url:
            message = 'POSTGRESQL TESTS NOT RUN: set KG_TEST_POSTGRES_URL (eval "$(.ci/postgres.sh start)").'
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        worker = os.environ.get("PYTEST_XDIST_WORKER")  # gw0, gw1, … when the tests run on several processes
        if worker:
            url = _database_of_its_own(url, worker)
        _drop_map_tables(url)  # so that every test, migrations included, starts from an empty database
    yield url
    store.dispose(url)


def _database_of_its_own(url: str, worker: str) -> str:
    """A database for one pytest-xdist process (``kg_test_gw0``, …) in the same cluster, made the first time:
    processes sharing one would empty each other's tables mid-test."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    own = make_url(url).set(database=f"{make_url(url).database}_{worker}")
    engine = create_engine(url, isolation_level="AUTOCOMMIT")  # CREATE DATABASE cannot run in a transaction
    with engine.connect() as connection:
        if not connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": own.database}).scalar():
            connection.execute(text(f'CREATE DATABASE "{own.database}"'))
    engine.dispose()
    return own.render_as_string(hide_password=False)


def _drop_map_tables(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        for table in MAP_TABLES:
            connection.execute(text(f"DROP TABLE IF EXISTS {table} CASCADE"))
    engine.dispose()
