"""Guided tours: a teacher's ordered walk through a graph's concepts, one caption per step.

A tour is a small CSV file (one per tour, usually in ``data/tours/``) with the columns
``step, concept, caption``::

    step,concept,caption
    1,Dopamine,"A chemical messenger ..."
    2,Dopamine deficiency,"Having too little of it ..."

Steps are numbered 1, 2, 3, … from the top. The tour's title comes from the file
name (``from-causes-to-symptoms.csv`` → "From causes to symptoms") unless the file
has a ``title`` column, whose first non-empty cell is then the title.

Concept names are checked against the graph. A name is accepted when it is a
concept's exact label, or differs from one only in case, spacing, punctuation or a small
typo ("levadopa" → "Levodopa"; :func:`graph.core.query.named_concept`, as a learner's map is
read); the tour then holds the real label. Looser matches (a prefix, or one word of a
longer label, as :func:`graph.core.query.find_concept` finds) are reported with that label as
a suggestion rather than used, so that a tour never silently points at a concept its
author did not mean.

Problems are reported like the graph's own files (see :mod:`graph.files.load`): all at
once, each naming the file, the row (the header is row 1) and the column.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.core.model import KnowledgeGraph
from graph.core.problems import (
    Problem,
    ValidationError,
    known_columns_in_lower_case,
    missing_columns,
    raise_problems,
    repeated_columns,
    unreadable,
)
from graph.core.query import ConceptNotFound, find_concept, named_concept
from graph.files.load import MAX_DIGITS, is_tour_file, read_table

__all__ = [
    "TOUR_COLUMNS",
    "Tour",
    "TourStep",
    "list_tours",
    "load_tour",
    "tours_from_files",
]

TOUR_COLUMNS = ("step", "concept", "caption")
"""The columns every tour file needs; ``title`` is optional, other columns are ignored."""


@dataclass(frozen=True)
class TourStep:
    """One stop on a tour: the concept to show and what to tell the learner about it."""

    number: int
    concept: str
    caption: str


@dataclass
class Tour:
    """A guided tour.

    Attributes
    ----------
    name : the file name without ``.csv`` (``"from-causes-to-symptoms"``); a stable id for the tour.
    title : what learners see (``"From causes to symptoms"``).
    steps : the stops in order; ``steps[i].number == i + 1``.
    """

    name: str
    title: str
    steps: list[TourStep] = field(default_factory=list)

    @property
    def concepts(self) -> list[str]:
        """The concept of each step, in order."""
        return [step.concept for step in self.steps]


def load_tour(path_or_bytes: str | os.PathLike | bytes, name: str | None, kg: KnowledgeGraph) -> Tour:
    """Read one tour and check it against a graph.

    Parameters
    ----------
    path_or_bytes : a path to the CSV file, or its bytes (an upload, say).
    name : the file name, used in problem reports and for the tour's name and title.
        May be ``None`` when a path is given (its file name is used then).
    kg : the graph the tour walks through.

    Returns
    -------
    Tour
        With each step's concept as the graph's exact label.

    Raises
    ------
    ValidationError
        With every problem found (file, row, column, message): a file that is not
        UTF-8 CSV, missing columns, empty cells, a step that is not a whole number,
        steps that are not 1, 2, 3, … in order, a concept the graph does not have.

    Example
    -------
    >>> tour = load_tour("data/tours/from-causes-to-symptoms.csv", None, kg)
    >>> tour.title, tour.steps[0].number
    ('From causes to symptoms', 1)
    """
    if isinstance(path_or_bytes, bytes | bytearray):
        if not name:
            raise ValueError("a name is needed when a tour is given as bytes")
        data = bytes(path_or_bytes)
    else:
        path = Path(path_or_bytes)
        name = name or path.name
        try:
            data = path.read_bytes()
        except OSError as err:
            raise unreadable(Path(name), err) from None
    return _load(data, name, kg)


def tours_from_files(files, kg: KnowledgeGraph) -> tuple[list[Tour], list[Problem]]:
    """The tours among uploaded ``(file name, bytes)`` pairs (see :func:`graph.files.load.is_tour_file`),
    and every problem of those that do not fit the graph (which are left out), as :func:`list_tours`."""
    tours: list[Tour] = []
    problems: list[Problem] = []
    for name, data in files:
        if not is_tour_file(name):
            continue
        try:
            tours.append(load_tour(data, name, kg))
        except ValidationError as err:
            problems.extend(err.problems)
    return tours, problems


def list_tours(folder: str | os.PathLike, kg: KnowledgeGraph) -> tuple[list[Tour], list[Problem]]:
    """Every tour in a folder (each ``*.csv`` file, by file name), checked against a graph.

    A tour with problems is left out and its problems are returned, so one broken
    file does not hide the others. A folder that does not exist holds no tours.

    Returns
    -------
    (tours, problems)

    Example
    -------
    >>> tours, problems = list_tours("data/tours", kg)
    >>> [tour.name for tour in tours]
    ['from-causes-to-symptoms', 'raising-dopamine-and-seeing-a-professional']
    """
    folder = Path(folder)
    if not folder.is_dir():
        return [], []
    tours: list[Tour] = []
    problems: list[Problem] = []
    for path in sorted(p for p in folder.glob("*.csv") if p.is_file()):
        try:
            tours.append(load_tour(path, path.name, kg))
        except ValidationError as err:
            problems.extend(err.problems)
            if err.total > len(err.problems):
                problems.append(Problem(path.name, None, None, f"… and {err.total - len(err.problems)} more problems."))
    return tours, problems


# --- checking --------------------------------------------------------------


def _load(data: bytes, name: str, kg: KnowledgeGraph) -> Tour:
    table = read_table(data, name)
    table.columns = known_columns_in_lower_case(table.columns, _KNOWN)
    problems = _check_columns(table, name)
    if problems:
        raise_problems(problems)

    steps: list[TourStep] = []
    previous = 0
    first_row: dict[int, int] = {}
    for row, cells in table.iterrows():
        row = int(row)
        for column in TOUR_COLUMNS:
            if cells[column] == "":
                problems.append(Problem(name, row, column, f"this cell is empty; every step needs a {_WHAT[column]}."))
        number = _check_step(cells["step"], row, name, previous, first_row, problems)
        # A step that is not a number is taken to be the next one, so the rows after it are not blamed too.
        previous = previous + 1 if number is None else max(previous, number)
        concept = _check_concept(cells["concept"], row, name, kg, problems) if cells["concept"] else None
        if number is not None and concept is not None and cells["caption"]:
            steps.append(TourStep(number, concept, cells["caption"]))
    if problems:
        raise_problems(problems)

    stem = name[:-4] if name.lower().endswith(".csv") else name
    return Tour(name=stem, title=_title(table, stem), steps=steps)


_WHAT = {
    "step": "number (1, 2, 3, …)",
    "concept": "concept from the graph",
    "caption": "caption for learners",
}


_KNOWN = (*TOUR_COLUMNS, "title")


def _check_columns(table, name: str) -> list[Problem]:
    columns = list(table.columns)
    needs = f"A tour needs the columns {', '.join(TOUR_COLUMNS)}."
    problems = missing_columns(name, columns, TOUR_COLUMNS, _KNOWN, needs) + repeated_columns(name, columns)
    if not problems and len(table) == 0:
        problems.append(Problem(name, None, None, "the file has a header but no steps."))
    return problems


def _check_step(cell: str, row: int, name: str, previous: int, first_row: dict[int, int], problems: list[Problem]) -> int | None:
    """The step number, or None (with a problem) when it is not a whole number; also checks the order."""
    if cell == "":
        return None
    if not re.fullmatch(r"[0-9]+", cell) or len(cell) > MAX_DIGITS:
        # Length first: Python refuses to read an integer of over 4,300 digits.
        shown, what = (cell, "a whole number") if len(cell) <= 20 else (cell[:19] + "…", "a step number")
        problems.append(Problem(name, row, "step", f"'{shown}' is not {what}; number the steps 1, 2, 3, … from the top."))
        return None
    number = int(cell)
    if number in first_row:
        message = f"step {number} is used twice (also in row {first_row[number]}); give each step its own number."
        problems.append(Problem(name, row, "step", message))
        return number
    first_row[number] = row
    if number < previous:
        problems.append(Problem(name, row, "step", f"step {number} comes after step {previous}; put the rows in step order."))
    elif number > previous + 1:
        if previous == 0:
            problems.append(Problem(name, row, "step", f"the first step is {number}; the steps should start at 1."))
        else:
            message = f"the steps jump from {previous} to {number}; number them 1, 2, 3, … without gaps."
            problems.append(Problem(name, row, "step", message))
    return number


def _check_concept(written: str, row: int, name: str, kg: KnowledgeGraph, problems: list[Problem]) -> str | None:
    """The graph's label for a written concept name, or None (with a problem) when there is none close enough."""
    meant = named_concept(kg, written)
    if meant is not None:
        return meant
    try:
        suggestions = [find_concept(kg, written)]
    except ConceptNotFound as err:
        suggestions = err.suggestions
    quoted = " or ".join(f"'{s}'" for s in suggestions)
    hint = f" Did you mean {quoted}?" if suggestions else ""
    message = f"the graph has no concept called '{written}'.{hint} Write the concept's name as the graph spells it."
    problems.append(Problem(name, row, "concept", message))
    return None


def _title(table, stem: str) -> str:
    if "title" in table.columns:
        given = [cell for cell in table["title"] if cell]
        if given:
            return given[0]
    # "tour-water-cycle" (the name that marks an uploaded tour) is titled "Water cycle".
    words = " ".join(re.split(r"[-_\s]+", re.sub(r"(?i)^tour[-_\s]+(?=\S)", "", stem))).strip()
    return words[:1].upper() + words[1:] if words else stem
