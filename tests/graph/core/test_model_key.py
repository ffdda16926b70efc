"""A graph's content key (``KnowledgeGraph.key``, graph/core/model.py): the same for the same content, in any
process; different as soon as one cell of a table, a notice or the vocabulary differs."""

from __future__ import annotations

import dataclasses
import functools
import string
import subprocess
import sys

from hypothesis import assume, given
from hypothesis import strategies as st

from graph.core.relations import Relation, Vocabulary
from graph.files.load import ValidationError
from tests.conftest import ARTICLE, PATH, REPO, kg_from

ROWS = PATH.splitlines()
COLUMNS = ROWS[0].split(",")
NODES = "concept,type,group,description\nA,cause,Start,Where it begins\nE,condition,,\n"
SOURCES = "number,title,publisher,date,url\n1,First study,Journal,2020,\n2,Second study,,,\n"


@functools.cache
def _unedited_key() -> str:
    return kg_from(PATH, NODES, SOURCES).key


def test_the_same_file_loaded_twice_has_the_same_key(article):
    from graph.files.load import load_graph

    again = load_graph(ARTICLE)
    assert again is not article and again.key == article.key
    assert len(article.key) == 32 and set(article.key) <= set(string.hexdigits)


def test_the_key_is_the_same_in_another_process(article):
    # Python's own str hashes change from one process to the next: the key must not depend on them.
    code = "from graph.files.load import load_graph; from tests.conftest import ARTICLE; print(load_graph(ARTICLE).key)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "PYTHONHASHSEED": "12345"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == article.key


def _edited(row: int, column: int, value: str) -> str:
    cells = ROWS[row].split(",")
    assume(cells[column] != value)
    cells[column] = value
    return "\n".join([*ROWS[:row], ",".join(cells), *ROWS[row + 1 :]]) + "\n"


@given(
    row=st.integers(1, len(ROWS) - 1),
    column=st.integers(0, len(COLUMNS) - 1),
    value=st.text(string.ascii_letters + " ", min_size=1, max_size=12).map(str.strip).filter(bool),
)
def test_changing_any_one_cell_of_the_links_changes_the_key(row, column, value):
    if COLUMNS[column] == "sources":
        value = str(len(value))  # a sources cell holds numbers
    try:
        edited = kg_from(_edited(row, column, value), NODES, SOURCES)
    except ValidationError:
        assume(False)  # an edit the loader refuses makes no graph to compare
    assert edited.key != _unedited_key()


@given(
    table=st.sampled_from(["nodes", "sources"]),
    row=st.integers(1, 2),
    column=st.integers(1, 3),
    value=st.text(string.ascii_letters, min_size=1, max_size=12),
)
def test_changing_one_cell_of_the_concepts_or_sources_changes_the_key(table, row, column, value):
    text = {"nodes": NODES, "sources": SOURCES}[table]
    lines = text.splitlines()
    cells = lines[row].split(",")
    assume(cells[column] != value)
    cells[column] = value
    edited = "\n".join([*lines[:row], ",".join(cells), *lines[row + 1 :]]) + "\n"
    files = {"nodes": NODES, "sources": SOURCES, table: edited}
    try:
        kg = kg_from(PATH, files["nodes"], files["sources"])
    except ValidationError:
        assume(False)
    assert kg.key != _unedited_key()


def test_two_links_swapping_places_or_a_link_reversed_changes_the_key():
    original = kg_from(PATH).key
    swapped = "\n".join([ROWS[0], ROWS[2], ROWS[1], *ROWS[3:]]) + "\n"
    reversed_first = PATH.replace("A,cause,leads to,B,condition", "B,condition,leads to,A,cause")
    assert kg_from(swapped).key != original
    assert kg_from(reversed_first).key != original
    assert kg_from(PATH).key == original


def test_a_different_vocabulary_or_notice_changes_the_key(path_kg):
    words = Vocabulary([Relation("leads to", "is led to by", "may", "causes", "One leads to the other.")])
    other = Vocabulary([Relation("leads to", "is led to by", "does", "causes", "One leads to the other.")])
    with_words = dataclasses.replace(path_kg, vocabulary=words)
    assert len({path_kg.key, with_words.key, dataclasses.replace(path_kg, vocabulary=other).key}) == 3
    assert dataclasses.replace(path_kg, vocabulary=words).key == with_words.key
    # PATH cites sources 1 and 2 and lists none: noticed, not refused.
    assert path_kg.notices and path_kg.key != dataclasses.replace(path_kg, notices=()).key
