"""What the library's docstring examples assume (``pytest --doctest-modules graph``, run by ``make lint``).

An example names the article's graph ``kg`` and its files by their paths from the repository
(``data/edges.csv``), as a reader following the README at the repository's root would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def _example_graph():
    from graph.files.load import load_graph

    return load_graph(REPO / "data" / "edges.csv")


@pytest.fixture(autouse=True)
def _examples_read_the_article(request, monkeypatch):
    """In docstring examples, ``kg`` is the article's graph and paths start at the repository."""
    if isinstance(request.node, pytest.DoctestItem):
        request.getfixturevalue("doctest_namespace")["kg"] = request.getfixturevalue("_example_graph")
        monkeypatch.chdir(REPO)
