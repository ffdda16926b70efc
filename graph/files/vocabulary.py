"""Reading a relation vocabulary from its CSV file, and checking a graph's links against it.

What a vocabulary means (:class:`graph.core.relations.Vocabulary`) is the model's; reading and
validating its file, with every problem named by file, row and column, is this module's.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import networkx as nx

from graph.core.problems import Problem, ValidationError, missing_columns, raise_problems, repeated_columns, unreadable
from graph.core.relations import (
    ARTICLE_RELATIONS,
    BACKWARDS,
    HEDGES,
    OPTIONAL_RELATION_COLUMNS,
    RELATION_COLUMNS,
    Relation,
    Vocabulary,
)
from graph.files.table import read_table

__all__ = ["ARTICLE_RELATIONS", "check_relations", "load_vocabulary", "vocabulary_from_bytes", "vocabulary_from_files"]


def load_vocabulary(path: str | os.PathLike) -> Vocabulary:
    """Read a vocabulary CSV file (see the module's docstring for its columns).

    Raises
    ------
    graph.files.load.ValidationError
        Listing every problem, each with file, row and column.

    Example
    -------
    >>> "may cause" in load_vocabulary(ARTICLE_RELATIONS)
    True
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise unreadable(path, err) from None
    return vocabulary_from_bytes(data, path.name)


def vocabulary_from_bytes(data: bytes, name: str = "relations.csv") -> Vocabulary:
    """A vocabulary from the bytes of its CSV file (an upload, say); raises ``ValidationError``."""
    table = read_table(data, name)
    table.columns = [column.lower() for column in table.columns]
    columns = list(table.columns)
    needs = f"Required columns: {', '.join(RELATION_COLUMNS)} (and optionally {', '.join(OPTIONAL_RELATION_COLUMNS)})."
    header = missing_columns(name, columns, RELATION_COLUMNS, (*RELATION_COLUMNS, *OPTIONAL_RELATION_COLUMNS), needs)
    header += repeated_columns(name, columns)
    if header:
        raise_problems(header)
    if len(table) == 0:
        raise ValidationError([Problem(name, None, None, "the file has a header but no relations.")])
    problems = []
    seen: dict[str, int] = {}
    # Plain dicts: a vocabulary is small, and pandas' iterrows costs a millisecond a row.
    rows = list(zip(table.index.tolist(), table.to_dict("records")))
    for row, cells in rows:
        for column in RELATION_COLUMNS:
            if not cells[column]:
                problems.append(Problem(name, int(row), column, "this cell is empty; every relation needs a value here."))
        if cells["hedge"] and cells["hedge"] not in HEDGES:
            problems.append(
                Problem(name, int(row), "hedge", f"'{cells['hedge']}' is not a hedge level; use one of {', '.join(HEDGES)}.")
            )
        if (cells.get("category") or "").strip().lower() not in ("", "yes", "no"):
            problems.append(
                Problem(
                    name,
                    int(row),
                    "category",
                    f"'{cells['category']}' is not a mark; write yes when the relation puts the first concept in "
                    "a group the second names (as 'is an example of' does), or leave the cell empty.",
                )
            )
        relation = cells["relation"]
        if relation in seen:
            problems.append(
                Problem(
                    name,
                    int(row),
                    "relation",
                    f"'{relation}' is listed twice (first in row {seen[relation]}); keep one row per relation.",
                )
            )
        elif relation:
            seen[relation] = int(row)
    relations = [
        Relation(
            cells["relation"],
            cells["inverse"],
            cells["hedge"],
            cells["family"],
            cells["meaning"],
            _phrases(cells.get("synonyms", "")),
            _phrases(cells.get("inverse_synonyms", "")),
            _phrases(cells.get("entails", "")),
            (cells.get("category") or "").strip().lower() == "yes",
        )
        for _, cells in rows
    ]
    problems += _meaning_problems(relations, [int(row) for row, _ in rows], name)
    if problems:
        raise_problems(problems)
    return Vocabulary(relations)


def _phrases(cell: str) -> tuple[str, ...]:
    return tuple(phrase.strip() for phrase in (cell or "").split(";") if phrase.strip())


def _meaning_problems(relations: list[Relation], rows: list[int], name: str) -> list[Problem]:
    """What makes a vocabulary contradict itself: an inverse or entailment naming a relation the file
    does not list (or one that reads another way), and entailments that go round in a cycle."""
    problems = []
    by_name = {relation.name: (relation, row) for relation, row in zip(relations, rows, strict=True)}
    listed = list(by_name)
    for relation, row in zip(relations, rows, strict=True):
        other = by_name.get(relation.inverse)
        if other is not None and other[0].inverse != relation.name and relation.inverse != relation.name:
            problems.append(
                Problem(
                    name,
                    row,
                    "inverse",
                    f"'{relation.inverse}' is listed as a relation of its own (row {other[1]}), whose inverse is "
                    f"'{other[0].inverse}', not '{relation.name}'; make the two rows name each other as inverse.",
                )
            )
        for phrase in relation.inverse_synonyms:
            if phrase in by_name and phrase != relation.inverse:
                problems.append(
                    Problem(
                        name,
                        row,
                        "inverse_synonyms",
                        f"'{phrase}' is listed as a relation of its own (row {by_name[phrase][1]}), read forwards; "
                        f"a phrasing cannot read '{relation.name}' backwards too. Remove it from one of the rows.",
                    )
                )
        for entailed in relation.entails:
            if entailed not in by_name:
                close = difflib.get_close_matches(entailed, listed, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'? " if close else ""
                problems.append(
                    Problem(
                        name,
                        row,
                        "entails",
                        f"'{entailed}' is not a relation listed in {name}; {hint}"
                        "an entailment names another row's relation (separate several with ;).",
                    )
                )
    if problems:
        return problems
    graph = nx.DiGraph()
    for relation, row in zip(relations, rows, strict=True):
        for entailed in relation.entails:
            target = by_name[entailed][0].family
            if target != relation.family and not graph.has_edge(relation.family, target):
                graph.add_edge(relation.family, target, relation=relation.name, entailed=entailed, row=row)
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return []
    steps = [graph.edges[a, b] for a, b, *_ in cycle]
    said = ", which entails ".join(
        f"'{step['relation']}' entails '{step['entailed']}' (row {step['row']})"
        if i == 0
        else f"'{step['entailed']}' (row {step['row']})"
        for i, step in enumerate(steps)
    )
    return [
        Problem(
            name,
            steps[0]["row"],
            "entails",
            f"the entailments go round in a cycle: {said}. Relations that entail each other mean the same: "
            "give them one family, or remove one of these entailments.",
        )
    ]


def check_relations(links, links_name: str, data: bytes, name: str = "relations.csv") -> list:
    """The problems of a links table against the vocabulary in ``data`` (a ``relations.csv``).

    Every link whose relation the vocabulary does not list is a problem naming the links file,
    the row and the ``relation`` column, with a suggestion: a listed relation of the same
    meaning, the same read the other way round (swap source and target), or a close spelling.
    A vocabulary file that cannot be read gives its own problems instead.

    Parameters
    ----------
    links : the links table as :mod:`graph.files.load` reads it (index: spreadsheet rows).
    links_name : the links file's name, for the report.
    data, name : the vocabulary file's bytes and name.

    Returns
    -------
    list of graph.core.problems.Problem
    """
    try:
        words = vocabulary_from_bytes(data, name)
    except ValidationError as err:
        return list(err.problems)
    # A big file repeats a few relations many times: judge each distinct relation once.
    advice = {
        relation: _advice(words, relation, name) for relation in links["relation"].unique() if relation and relation not in words
    }
    unknown = links["relation"].isin(list(advice))
    return [Problem(links_name, int(row), "relation", advice[relation]) for row, relation in links["relation"][unknown].items()]


def _advice(words: Vocabulary, relation: str, name: str) -> str:
    message = f"'{relation}' is not a relation listed in {name}"
    family = words.family(relation)
    if family.endswith(BACKWARDS):
        forwards = next(r.name for r in words if r.family + BACKWARDS == family)
        return f"{message}; it reads backwards: swap source and target and write '{forwards}'."
    suggestion = words.suggest(relation)
    if suggestion is not None:
        return f"{message}; did you mean '{suggestion}'? Use a listed relation, or add this one to {name}."
    return f"{message}. Use one of its relations, or add this one to {name}."


def vocabulary_from_files(files) -> Vocabulary:
    """The vocabulary among a graph's uploaded ``(file name, bytes)`` pairs: its ``relations.csv``
    (any case), or, when it brings none, an empty vocabulary, which still compares relation names
    by :func:`normalise` ("Causes" and "may cause" agree). Raises ``ValidationError`` for a bad file.

    Example
    -------
    >>> vocabulary_from_files([("edges.csv", b"...")]).equivalent("Causes", "may cause")
    True
    """
    for name, data in files:
        if Path(name).stem.lower() == "relations":
            return vocabulary_from_bytes(data, name)
    return Vocabulary([])
