"""The relation vocabulary: which relations a graph may use, how each reads backwards, how sure
it is, and which relations mean the same thing.

A vocabulary is a CSV file with the columns ``relation, inverse, hedge, family, meaning`` and three
optional ones, each a list separated by ``;``:

``synonyms``
    other phrasings of the same meaning, read forwards ("lead to" for "can cause");
``inverse_synonyms``
    other phrasings of the same link read backwards, from target to source ("is a symptom of",
    "is a sign of" for "can cause"); such a phrasing is as sure as the row it is listed in;
``entails``
    relations (listed in the file) whose meaning this one includes: what "raises" says, "can
    affect" says too ("raises" entails "can affect"). Entailment goes from family to family and
    is transitive; entailments may not form a cycle (relations that entail each other mean the
    same: give them one family).

and one optional mark:

``category``
    ``yes`` when the relation puts the first concept in a group, as a member or a part ("is an
    example of", "is part of"): what holds of the group holds of its members, so the scorer and the
    quiz reason up through such links (:meth:`Vocabulary.is_category`), and a quiz never offers one
    of them as wrong where another is the answer. A family is a category family when any of its
    relations is marked.

The article's is ``data/relations.csv`` (:data:`ARTICLE_RELATIONS`); a teacher's graph may bring its
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
one as another (:meth:`Vocabulary.equivalent`), one family may include another
(:meth:`Vocabulary.entails`), and a phrasing says how sure it is (:meth:`Vocabulary.hedge`), so that a
scorer can tell a learner's link that states more firmly than the source (:meth:`Vocabulary.firmer`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

__all__ = [
    "ARTICLE_RELATIONS",
    "HEDGES",
    "HEDGE_MEANINGS",
    "HEDGE_WORDS",
    "OPTIONAL_RELATION_COLUMNS",
    "RELATION_COLUMNS",
    "Relation",
    "Vocabulary",
    "normalise",
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
OPTIONAL_RELATION_COLUMNS = ("synonyms", "inverse_synonyms", "entails", "category")
"""Columns a vocabulary may have: three lists separated by ``;``, and a ``yes`` mark (see the module's docstring)."""
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
    inverse_synonyms : other phrasings of it read backwards ("is a symptom of"), as sure as it is.
    entails : names of the relations whose meaning this one includes ("can affect" for "raises").
    category : whether it puts the first concept in a group the second names ("is an example of").
    """

    name: str
    inverse: str
    hedge: str
    family: str
    meaning: str
    synonyms: tuple[str, ...] = field(default=(), compare=False)
    inverse_synonyms: tuple[str, ...] = field(default=(), compare=False)
    entails: tuple[str, ...] = field(default=(), compare=False)
    category: bool = field(default=False, compare=False)


class Vocabulary:
    """A set of relations, looked up by name, with a forgiving match for names it does not list.

    Example
    -------
    >>> words = kg.vocabulary  # the article's graph's, read from ARTICLE_RELATIONS
    >>> words.equivalent("can cause", "Leads to")
    True
    >>> words.reverses("treats", "is treated by")
    True
    >>> words.entails("raises", "can affect"), words.entails("can affect", "raises")
    (True, False)
    >>> words.family("is a symptom of") == words.family("can be caused by")
    True
    """

    def __init__(self, relations: Iterable[Relation]) -> None:
        self._relations = {relation.name: relation for relation in relations}
        self._by_key: dict[str, str] = {}
        symmetric = {r.family for r in self._relations.values() if r.inverse == r.name}
        self._symmetric = symmetric
        # Later entries never overwrite earlier ones: a relation's own name wins over a synonym.
        for relation in self._relations.values():
            self._by_key.setdefault(normalise(relation.name), relation.family)
        for relation in self._relations.values():
            self._by_key.setdefault(normalise(relation.inverse), self._backwards(relation.family))
        # A phrasing read backwards is as sure as the row it is listed in (the least sure of them, if several).
        self._phrase_hedges: dict[str, str] = {}
        for relation in self._relations.values():
            for phrase in relation.inverse_synonyms:
                key = normalise(phrase)
                self._by_key.setdefault(key, self._backwards(relation.family))
                known = self._phrase_hedges.get(key, relation.hedge)
                self._phrase_hedges[key] = min(known, relation.hedge, key=_strength)
        for relation in self._relations.values():
            for phrase in (relation.family, *relation.synonyms):
                self._by_key.setdefault(normalise(phrase), relation.family)
        self._entailed = _entailed_families(self._relations.values())
        self.category_families = frozenset(r.family for r in self._relations.values() if r.category)
        """The families of the relations marked ``category`` (see the module's docstring)."""
        self.vague_families = frozenset(r.family for r in self._relations.values() if r.hedge == "linked")
        """The families hedged ``linked``: they say two concepts are connected, and nothing definite."""

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

    def knows(self, name: str) -> bool:
        """Whether ``name`` is a listed relation, or reads as one, its inverse or a synonym (hedges and verb forms
        aside); else the vocabulary cannot say what it means, and it is its own family."""
        return name in self._relations or normalise(name) in self._by_key

    def equivalent(self, a: str, b: str) -> bool:
        """True when ``a`` and ``b`` mean the same, hedges aside ("can cause", "may lead to")."""
        return self.family(a) == self.family(b)

    def entails(self, a: str, b: str) -> bool:
        """True when saying ``a`` says ``b`` too, hedges aside: the same family, or ``a``'s family
        entails ``b``'s (through the ``entails`` column, any number of steps). Read backwards the same:
        "is raised by" entails "can be affected by".
        """
        return self.family_entails(self.family(a), self.family(b))

    def family_entails(self, first: str, second: str) -> bool:
        """:meth:`entails` for two families (as :meth:`family` gives them)."""
        if first == second:
            return True
        if first.endswith(BACKWARDS) and second.endswith(BACKWARDS):
            first, second = first.removesuffix(BACKWARDS), second.removesuffix(BACKWARDS)
        elif first.endswith(BACKWARDS) or second.endswith(BACKWARDS):
            # Only a two-way family ("is linked to") reads the same backwards.
            if second not in self._symmetric:
                return False
            first, second = first.removesuffix(BACKWARDS), second
        return second in self._entailed.get(first, ())

    def is_category(self, name: str) -> bool:
        """Whether ``name`` puts its first concept in a group, as a member or a part (read forwards).

        >>> words = kg.vocabulary  # the article's graph's, read from ARTICLE_RELATIONS
        >>> words.is_category("is an example of"), words.is_category("is a type of"), words.is_category("can cause")
        (True, True, False)
        """
        return self.family(name) in self.category_families

    def hedge(self, name: str) -> str:
        """How sure a phrasing is, one of :data:`HEDGES`: a listed relation's or inverse's own hedge;
        else the hedge its words show ("might lead to": may); else, for a listed ``inverse_synonyms``
        phrasing ("is a symptom of"), its row's; else ``states`` (a bare "causes" says it always does).

        Example
        -------
        >>> words = kg.vocabulary  # the article's graph's, read from ARTICLE_RELATIONS
        >>> words.hedge("may cause"), words.hedge("causes"), words.hedge("could lead to"), words.hedge("is a symptom of")
        ('may', 'states', 'may', 'can')
        """
        for relation in self._relations.values():
            if name in (relation.name, relation.inverse):
                return relation.hedge
        shown = _hedge_of(name)
        if shown != "states":
            return shown
        return self._phrase_hedges.get(normalise(name), "states")

    @staticmethod
    def firmer(hedge: str, than: str) -> bool:
        """Whether ``hedge`` is surer than ``than`` on the scale :data:`HEDGES` (states > can > may > thought > linked)."""
        return _strength(hedge) > _strength(than)

    @staticmethod
    def strength(hedge: str) -> int:
        """How sure a hedge level is, higher for surer (``states`` highest); 0 for a level not on the scale."""
        return _strength(hedge)

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

    def _backwards(self, family: str) -> str:
        return family if family in self._symmetric else family + BACKWARDS

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


def _strength(hedge: str) -> int:
    """Higher for surer hedges; an unknown level counts as the least sure."""
    return len(HEDGES) - HEDGES.index(hedge) if hedge in HEDGES else 0


def _entailed_families(relations: Iterable[Relation]) -> dict[str, set[str]]:
    """For each family, every other family it entails, directly or through others."""
    families = {relation.name: relation.family for relation in relations}
    graph = nx.DiGraph()
    for relation in relations:
        for entailed in relation.entails:
            if entailed in families and families[entailed] != relation.family:
                graph.add_edge(relation.family, families[entailed])
    return {family: nx.descendants(graph, family) for family in graph}


def _stem(word: str) -> str:
    if len(word) <= 3 or word in _IRREGULAR.values():
        return word
    for suffix, replacement in (("ies", "y"), ("es", ""), ("ed", ""), ("s", ""), ("e", "")):
        if word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)] + replacement
    return word
