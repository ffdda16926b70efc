"""Problems with input files, and the checks every CSV file's header gets.

Links, concepts, sources, relation vocabularies and tours are all CSV files that a person
writes. Whatever is wrong with one is a :class:`Problem` naming the file, the row (as a
spreadsheet shows it: the header is row 1) and the column, and all of a file's problems are
raised together as one :class:`ValidationError`, so the person can fix them in one go.

The header checks live here, once, so that each kind of file reports a missing or repeated
column the same way (:func:`missing_columns`, :func:`repeated_columns`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from graph.core.sentences import counted
from graph.core.spelling import close_matches

__all__ = [
    "MAX_PROBLEMS",
    "Problem",
    "ValidationError",
    "known_columns_in_lower_case",
    "missing_columns",
    "raise_problems",
    "repeated_columns",
    "unreadable",
]

MAX_PROBLEMS = 200
"""A report lists at most this many problems (and says how many more)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, where a person can find it.

    Example
    -------
    >>> str(Problem("edges.csv", 3, "target", "this cell is empty."))
    "edges.csv, row 3, column 'target': this cell is empty."
    """

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class ValidationError(ValueError):
    """The input could not be loaded; ``problems`` says every reason (at most :data:`MAX_PROBLEMS`
    of them), ``total`` how many there were."""

    def __init__(self, problems: list[Problem], total: int | None = None):
        self.problems = problems
        self.total = total if total is not None else len(problems)
        super().__init__(self.report())

    def report(self) -> str:
        """Every problem on its own line, under a count."""
        lines = [f"{counted(self.total, 'problem')} found:"]
        lines += [f"- {p}" for p in self.problems]
        if self.total > len(self.problems):
            lines.append(f"- … and {self.total - len(self.problems)} more of the same kinds.")
        return "\n".join(lines)


def raise_problems(problems: list[Problem]) -> NoReturn:
    """Raise :class:`ValidationError` with the first :data:`MAX_PROBLEMS` problems, counting them all."""
    raise ValidationError(problems[:MAX_PROBLEMS], total=len(problems))


def unreadable(path: Path, err: OSError) -> ValidationError:
    """The error for a file that cannot be opened (missing, a folder, not allowed), naming the file.

    Example
    -------
    >>> print(unreadable(Path("data/none.csv"), FileNotFoundError(2, "No such file or directory")))
    1 problem found:
    - none.csv: cannot be read (No such file or directory).
    """
    return ValidationError([Problem(path.name, None, None, f"cannot be read ({err.strerror}).")])


def known_columns_in_lower_case(columns: Iterable[str], known: Iterable[str]) -> list[str]:
    """The header with each known column in lower case: "Source" or "SOURCE" in a spreadsheet means source.

    Example
    -------
    >>> known_columns_in_lower_case(["Step", "CONCEPT", "Notes"], ["step", "concept"])
    ['step', 'concept', 'Notes']
    """
    known = set(known)
    return [c.lower() if c.lower() in known else c for c in columns]


def missing_columns(
    name: str, columns: Sequence[str], required: Sequence[str], known: Iterable[str], needs: str
) -> list[Problem]:
    """A problem for each required column the header lacks, suggesting an unknown column spelt like it.

    Parameters
    ----------
    name : the file's name, for the report.
    columns : the header as read (trimmed).
    required : the columns the file must have.
    known : every column this kind of file uses; only the others are offered as suggestions.
    needs : the sentence that ends each message, saying which columns the file needs.

    Example
    -------
    >>> [str(p) for p in missing_columns("tour.csv", ["step", "concpet"], ["step", "concept"], ["step", "concept"], "")]
    ["tour.csv, row 1, column 'concept': the required column is missing (is 'concpet' meant to be 'concept'?)."]
    """
    known = set(known)
    unknown = [c for c in columns if c not in known]
    problems = []
    for column in required:
        if column in columns:
            continue
        guess = close_matches(column, unknown, n=1, cutoff=0.6)
        hint = f" (is '{guess[0]}' meant to be '{column}'?)" if guess else ""
        problems.append(Problem(name, 1, column, f"the required column is missing{hint}. {needs}".rstrip()))
    return problems


def repeated_columns(name: str, columns: Sequence[str]) -> list[Problem]:
    """A problem for each column named twice in the header, named as written.

    A column is repeated when two header cells are equal once trimmed (``step`` and `` step``), or
    when pandas renamed the second of two equal cells (``step``, ``step.1``).

    Example
    -------
    >>> [str(p) for p in repeated_columns("tour.csv", ["step", "concept", "caption", "step"])]
    ["tour.csv, row 1, column 'step': this column appears twice in the header."]
    >>> repeated_columns("tour.csv", ["step", "concept", "step.1"])[0].column
    'step'
    """
    counts = Counter(columns)
    repeated = {c for c in columns if counts[c] > 1}
    repeated |= {c[:-2] for c in columns if c.endswith(".1") and c[:-2] in counts}
    return [Problem(name, 1, column, "this column appears twice in the header.") for column in sorted(repeated)]
