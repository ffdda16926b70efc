"""The relation vocabulary: which relations a graph may use, how each reads backwards, how sure
it is, and which relations mean the same thing.

A vocabulary is a CSV file with the columns ``relation, inverse, hedge, family, meaning`` and an
optional ``synonyms`` column (other phrasings of the same meaning, separated by ``;``). The
article's is ``data/relations.csv`` (:data:`ARTICLE_RELATIONS`); a teacher's graph may bring its
own ``relations.csv``.

How sure a relation is — its *hedge* — is one of :data:`HEDGES`, strongest first:

``states``
    The article says it plainly: a definition, a fact, a piece of advice.
``can``
    The article says it *can* happen: possible, but not always and not for everyone.
``may``
    The article says it *may*, *might* or *could* happen, or that research suggests it: unsure.
``thought``
    The article reports a belief ("are thought to") without backing it.
``linked``
    The article says two things are connected, with no direction and no cause.

A link's hedge is never stronger than the article's wording. Relations in one *family* mean the
same apart from their hedge ("can cause", "may cause"): a quiz or a concept-map scorer may count
one as another (:meth:`Vocabulary.equivalent`).
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.core.problems import Problem, ValidationError, missing_columns, raise_problems, repeated_columns, unreadable

__all__ = [
    "ARTICLE_RELATIONS",
    "HEDGES",
    "HEDGE_MEANINGS",
    "HEDGE_WORDS",
    "RELATION_COLUMNS",
    "Relation",
    "Vocabulary",
    "check_relations",
    "load_vocabulary",
    "normalise",
    "vocabulary_from_bytes",
    "vocabulary_from_files",
]

ARTICLE_RELATIONS = Path(__file__).resolve().parents[2] / "data" / "relations.csv"
HEDGES = ("states", "can", "may", "thought", "linked")
"""The hedge levels, strongest first (see the module's docstring)."""
HEDGE_MEANINGS = {
    "states": "the article says it plainly: a definition, a fact or a piece of advice",
    "can": "the article says it can happen: possible, but not always and not for everyone",
    "may": "the article says it may, might or could happen, or that research suggests it",
    "thought": "the article reports a belief without backing it",
    "linked": "the article says the two are connected, without saying that one causes the other",
}
"""How to read each hedge level, for a teacher or a learner."""
HEDGE_WORDS = frozenset({"can", "may", "might", "could", "often", "sometimes", "usually", "possibly", "perhaps"})
"""Words that only say how sure a relation is: dropped when relation names are compared (so are
"thought to", "believed to" and "said to")."""
RELATION_COLUMNS = ("relation", "inverse", "hedge", "family", "meaning")
BACKWARDS = " (read backwards)"
"""Appended to a family's name for the family of its relations read backwards."""

# Irregular verb forms the crude suffix rule below cannot align.
_IRREGULAR = {
    "is": "be",
    "are": "be",
    "was": "be",
    "were": "be",
    "been": "be",
    "has": "have",
    "had": "have",
    "led": "lead",
    "does": "do",
    "did": "do",
    "doesn't": "do not",
    "an": "a",
}
_FILLER = {"be", "a", "the"}


@dataclass(frozen=True)
class Relation:
    """One relation of a vocabulary.

    Attributes
    ----------
    name : as written in the links' ``relation`` column, e.g. "may cause".
    inverse : the same link read from target to source, e.g. "may be caused by".
    hedge : how sure the source is, one of :data:`HEDGES`.
    family : the meaning shared by equivalent relations, e.g. "causes".
    meaning : one plain sentence.
    synonyms : other phrasings of the family's meaning (a learner's words, say).
    """

    name: str
    inverse: str
    hedge: str
    family: str
    meaning: str
    synonyms: tuple[str, ...] = field(default=(), compare=False)


class Vocabulary:
    """A set of relations, looked up by name, with a forgiving match for names it does not list.

    Example
    -------
    >>> words = load_vocabulary(ARTICLE_RELATIONS)
    >>> words.equivalent("can cause", "Leads to")
    True
    >>> words.reverses("treats", "is treated by")
    True
    """

    def __init__(self, relations: Iterable[Relation]) -> None:
        self._relations = {relation.name: relation for relation in relations}
        self._by_key: dict[str, str] = {}
        symmetric = {r.family for r in self._relations.values() if r.inverse == r.name}
        # Later entries never overwrite earlier ones: a relation's own name wins over a synonym.
        for relation in self._relations.values():
            self._by_key.setdefault(normalise(relation.name), relation.family)
        for relation in self._relations.values():
            backwards = relation.family if relation.family in symmetric else relation.family + BACKWARDS
            self._by_key.setdefault(normalise(relation.inverse), backwards)
        for relation in self._relations.values():
            for phrase in (relation.family, *relation.synonyms):
                self._by_key.setdefault(normalise(phrase), relation.family)
        self._symmetric = symmetric

    def __contains__(self, name: str) -> bool:
        return name in self._relations

    def __iter__(self):
        return iter(self._relations.values())

    def __len__(self) -> int:
        return len(self._relations)

    def get(self, name: str) -> Relation | None:
        """The relation written exactly ``name``, or None."""
        return self._relations.get(name)

    def family(self, name: str) -> str:
        """The family of a relation name, for comparing names (not for showing).

        A listed name gives its family; a listed relation's inverse gives the family followed by
        :data:`BACKWARDS` (the family itself for a two-way relation like "is linked to"). Any
        other name is normalised (:func:`normalise`: case, spaces, hedge words and simple verb
        forms) and matched to a family by a relation's name, inverse or synonyms; failing that,
        the normalised name is its own family, so "Leads to" and "lead to" still agree.
        """
        relation = self._relations.get(name)
        if relation is not None:
            return relation.family
        key = normalise(name)
        return self._by_key.get(key, key)

    def equivalent(self, a: str, b: str) -> bool:
        """True when ``a`` and ``b`` mean the same, hedges aside ("can cause", "may lead to")."""
        return self.family(a) == self.family(b)

    def reverses(self, a: str, b: str) -> bool:
        """True when ``b`` is ``a`` read backwards ("treats", "is treated by"), either way round."""
        first, second = self.family(a), self.family(b)
        if first in self._symmetric or second in self._symmetric:
            return first == second
        return first + BACKWARDS == second or second + BACKWARDS == first

    def inverse(self, name: str) -> str:
        """``name`` read backwards: a listed relation's inverse, or a listed inverse's relation.

        A name the vocabulary does not know is returned with :data:`BACKWARDS` after it.
        """
        relation = self._relations.get(name)
        if relation is not None:
            return relation.inverse
        for relation in self._relations.values():
            if relation.inverse == name:
                return relation.name
        return name + BACKWARDS

    def suggest(self, name: str) -> str | None:
        """A listed relation to use instead of ``name``: one of the same family, or the closest spelling."""
        family = self.family(name)
        same = [r for r in self._relations.values() if r.family == family]
        if same:
            # The one hedged as ``name`` is, or the nearest, weaker first: a suggestion never claims more.
            wanted = HEDGES.index(_hedge_of(name))
            return min(same, key=lambda r: (abs(HEDGES.index(r.hedge) - wanted), -HEDGES.index(r.hedge))).name
        close = difflib.get_close_matches(name.strip().lower(), list(self._relations), n=1, cutoff=0.6)
        return close[0] if close else None


def normalise(name: str) -> str:
    """A relation name reduced for comparison: lower case, spaces collapsed, hedge words dropped,
    and each word cut to a crude stem so that "causes", "caused" and "cause" agree.

    Example
    -------
    >>> normalise("  May  LEAD to ")
    'lead to'
    >>> normalise("is connected to") == normalise("connected to")
    True
    >>> normalise("causes") == normalise("caused") == normalise("can cause")
    True
    """
    text = name.lower().replace("’", "'")
    # "cannot" is a negation, not a hedge: it must not lose its "can" with the hedge words.
    text = re.sub(r"\bcan(\s*no|')t\b", "cannot", text)
    # "is thought to cause" reports a belief in causing: the report is a hedge, like "may".
    text = re.sub(r"\b(thought|believed|said) to\b", " ", text)
    words = re.sub(r"[^\w' ]+", " ", text).split()
    stems = [_stem(_IRREGULAR.get(word, word)) for word in words if word not in HEDGE_WORDS]
    # "is", "a" and "the" carry no meaning of their own in a relation ("is linked to", "linked to"),
    # unless nothing else is left ("is a").
    kept = [word for word in stems if word not in _FILLER]
    return " ".join(kept or stems or words)


def _hedge_of(name: str) -> str:
    """The hedge level a relation's wording shows ("might cause": may)."""
    words = set(name.lower().split())
    for level, markers in (
        ("may", {"may", "might", "could"}),
        ("can", {"can"}),
        ("thought", {"thought", "believed"}),
        ("linked", {"linked", "connected", "associated", "related", "tied"}),
    ):
        if words & markers:
            return level
    return "states"


def _stem(word: str) -> str:
    if len(word) <= 3 or word in _IRREGULAR.values():
        return word
    for suffix, replacement in (("ies", "y"), ("es", ""), ("ed", ""), ("s", ""), ("e", "")):
        if word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)] + replacement
    return word


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
    # graph.files.load calls into this module to check links, so it is imported here, not at the top.
    from graph.files.load import read_table

    table = read_table(data, name)
    table.columns = [column.lower() for column in table.columns]
    columns = list(table.columns)
    needs = f"Required columns: {', '.join(RELATION_COLUMNS)} (and optionally synonyms)."
    header = missing_columns(name, columns, RELATION_COLUMNS, (*RELATION_COLUMNS, "synonyms"), needs)
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
    if problems:
        raise_problems(problems)
    return Vocabulary(
        Relation(
            cells["relation"],
            cells["inverse"],
            cells["hedge"],
            cells["family"],
            cells["meaning"],
            tuple(s.strip() for s in cells.get("synonyms", "").split(";") if s.strip()),
        )
        for _, cells in rows
    )


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
