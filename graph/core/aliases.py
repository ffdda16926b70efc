"""The other names of a concept: what learners and the source itself call it ("Parkinson's", "MDD").

A ``nodes.csv`` may have an ``aliases`` column: a concept's other names, separated by ``;``. The
one name matcher, :func:`graph.core.query.named_concept` (and search), takes an alias as the
concept's own name, so a learner's map, a fill-in answer, a search and a tour's step all
understand it. An alias names one concept only: one that is another concept's name, or another
concept's alias too, is reported when the graph is loaded (:func:`check_aliases`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import pandas as pd

from graph.core.problems import Problem

__all__ = ["ALIAS_COLUMN", "aliases_of", "check_aliases", "concept_aliases"]

ALIAS_COLUMN = "aliases"


def aliases_of(cell: object) -> list[str]:
    """The aliases in one ``aliases`` cell, in order, without blanks or repeats.

    Example
    -------
    >>> aliases_of("Parkinson's; PD ;;Parkinson's")
    ["Parkinson's", 'PD']
    """
    if not isinstance(cell, str):
        return []
    names = (" ".join(unicodedata.normalize("NFC", part).split()) for part in cell.split(";"))
    return list(dict.fromkeys(name for name in names if name))


def concept_aliases(concepts: pd.DataFrame) -> list[tuple[str, str]]:
    """``(alias, concept)`` for every alias of a concepts table (indexed by concept), in table order;
    none when the table has no ``aliases`` column."""
    if ALIAS_COLUMN not in concepts.columns:
        return []
    cells = concepts[ALIAS_COLUMN]
    cells = cells[cells.astype(bool)]
    return [(alias, concept) for concept, cell in zip(cells.index.tolist(), cells.tolist()) for alias in aliases_of(cell)]


def check_aliases(nodes: pd.DataFrame, names: Iterable[str], nodes_name: str) -> list[Problem]:
    """The problems of the ``aliases`` column of a ``nodes.csv`` table (index: spreadsheet rows).

    Parameters
    ----------
    nodes : the table as read, with the columns ``concept`` and ``aliases``.
    names : every concept of the graph (in the links and in ``nodes``).
    nodes_name : the file's name, for the report.

    Example
    -------
    >>> nodes = pd.DataFrame({"concept": ["SSRIs", "SNRIs"], "aliases": ["SNRIs", ""]}, index=[2, 3])
    >>> [str(p) for p in check_aliases(nodes, ["SSRIs", "SNRIs"], "nodes.csv")]
    ["nodes.csv, row 2, column 'aliases': 'SNRIs' is the name of another concept; an alias may name only its own concept (remove it here)."]
    """
    if ALIAS_COLUMN not in nodes.columns:
        return []
    nodes = nodes[nodes[ALIAS_COLUMN].astype(bool)]  # most concepts have none: only those with aliases are read
    if nodes.empty:
        return []
    concepts = {_fold(name): name for name in names}
    owner: dict[str, tuple[str, int]] = {}
    problems = []
    for row, concept, cell in zip(nodes.index.tolist(), nodes["concept"].tolist(), nodes[ALIAS_COLUMN].tolist()):
        for alias in aliases_of(cell):
            key = _fold(alias)
            named = concepts.get(key)
            if named is not None and named != concept:
                message = f"'{alias}' is the name of another concept; an alias may name only its own concept (remove it here)."
                problems.append(Problem(nodes_name, int(row), ALIAS_COLUMN, message))
                continue
            first = owner.setdefault(key, (concept, int(row)))
            if first[0] != concept:
                message = (
                    f"'{alias}' is also an alias of '{first[0]}' (row {first[1]}); an alias may name one concept only, "
                    "or a learner who writes it could mean either."
                )
                problems.append(Problem(nodes_name, int(row), ALIAS_COLUMN, message))
    return problems


def _fold(text: str) -> str:
    """As :mod:`graph.core.query` compares names exactly: case and spacing aside."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()
