"""Scoring a learner's concept map proposition by proposition against a reference graph.

A proposition is one link a learner draws: ``source → relation → target``. Comparing each
proposition with an expert's map is the most reliable way to score a map (McClure, Sonak &
Suen 1999), so every proposition gets one of these verdicts, each with its evidence:

``"match"``
    The reference says the same, or more, and at least as surely: same ends, same direction,
    a relation of the same family ("may cause" ≈ "may lead to", as the relation vocabulary says)
    or one the reference's relation entails ("can affect" where it says "raises"), or the same
    read backwards ("is treated by" for "treats", "is a symptom of" for "can cause", with the
    ends swapped). What the reference says of a category holds of its members, up the
    hierarchy only (member → category → super-category): "Levodopa can help manage Parkinson's
    disease" holds because Levodopa is an example of Parkinson's medications, which can help
    manage it; the evidence then is the whole chain of links. Two members of one category never
    support each other (Sertraline is an SSRI, not an SNRI, though both are antidepressants).
``"overstated"``
    The reference supports it, but less surely than the learner says it: "Cocaine use causes
    dopamine deficiency" where the reference says it *may*. The verdict's ``hedge`` is the
    reference's (:data:`graph.core.relations.HEDGES`: states > can > may > thought > linked).
``"reversed"``
    The reference has the link the other way round.
``"different relation"``
    The reference links the two concepts, with a relation that means something else.
``"not in the reference"``
    The reference does not say it (or does not have one of the concepts).
``"missing"``
    A reference link between concepts the learner used that no proposition covers.

Concept names typed by a learner are matched to the reference's tolerating case, spacing,
punctuation and typos, and by their aliases (:func:`graph.core.query.named_concept`, as a tour's
steps are), so "parkinsons disease" is Parkinson's disease, and so is "Parkinson's" when
``nodes.csv`` gives it as an alias.

The relations' meanings (families, inverses, entailments, hedges) are the graph's own vocabulary
(its ``relations.csv``, :attr:`graph.core.model.KnowledgeGraph.vocabulary`), else the article's.

:class:`Reference` also answers "does the graph support this?" for :mod:`graph.teaching.quiz`, so that
a quiz never offers as wrong what the map scorer would count as right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import networkx as nx
import pandas as pd

from graph.core.model import KnowledgeGraph, Link
from graph.core.problems import Problem, ValidationError, missing_columns, raise_problems, repeated_columns
from graph.core.query import named_concept
from graph.core.relations import ARTICLE_RELATIONS, BACKWARDS, Vocabulary
from graph.core.sentences import sentence as _said
from graph.files.export import safe_csv
from graph.files.load import read_table
from graph.files.vocabulary import load_vocabulary

__all__ = [
    "LEARNER_COLUMNS",
    "MAX_LEARNER_BYTES",
    "MAX_LEARNER_LINKS",
    "MapScore",
    "Proposition",
    "Reference",
    "VERDICTS",
    "Verdict",
    "read_learner_map",
    "is_catch_all",
    "is_vague",
    "score_map",
    "write_learner_map",
]

VERDICTS = ("match", "overstated", "reversed", "different relation", "not in the reference", "missing")
"""The verdict words, as they appear in the app, the CLI and the results CSV."""

LEARNER_COLUMNS = ("source", "relation", "target")
"""The columns a learner's map CSV needs (others are ignored)."""
MAX_LEARNER_LINKS = 2000
"""The most links a learner's map may have: drawn by hand, a map has dozens; one of 100,000 took minutes to check."""
MAX_LEARNER_BYTES = 1024 * 1024
"""The largest learner's map file read (a thousand links take about 50 KB)."""


@dataclass(frozen=True)
class Proposition:
    """One link of a learner's map, as written."""

    source: str
    relation: str
    target: str

    @property
    def sentence(self) -> str:
        return _said(self.source, self.relation, self.target)


@dataclass(frozen=True)
class Verdict:
    """What the reference says about one proposition.

    Attributes
    ----------
    written : the proposition as the learner wrote it.
    source, target : the reference's names for its concepts (as written when not found).
    verdict : one of :data:`VERDICTS`.
    evidence : the reference links behind the verdict (a chain when through a category).
    note : one plain sentence saying why.
    hedge : for a match or an overstatement, how surely the reference says it (one of
        :data:`graph.core.relations.HEDGES`, the least sure of its evidence); otherwise "".
    """

    written: Proposition
    source: str
    target: str
    verdict: str
    evidence: tuple[Link, ...] = ()
    note: str = ""
    hedge: str = ""

    @property
    def relation(self) -> str:
        return self.written.relation

    @property
    def reference(self) -> str:
        """The evidence as text: the reference's links, as sentences, joined by "; "."""
        return "; ".join(_sentence(link) for link in self.evidence)


@dataclass
class MapScore:
    """A whole map's verdicts and the reference links it misses.

    ``score`` is the share of matches among all links counted (:attr:`counted`): the learner's
    own plus the missing ones, so that neither drawing every link nor drawing very few scores
    well. :attr:`headline` says so in words. ``among`` names the concepts whose reference links
    count: the ones the learner used, or a task's.
    """

    verdicts: list[Verdict]
    missing: list[Link] = field(default_factory=list)
    among: str = "the concepts you used"

    @property
    def matches(self) -> int:
        return sum(v.verdict == "match" for v in self.verdicts)

    @property
    def counted(self) -> int:
        """The links the score counts: those drawn and those missing."""
        return len(self.verdicts) + len(self.missing)

    @property
    def score(self) -> float:
        return round(self.matches / self.counted, 2) if self.counted else 0.0

    @property
    def headline(self) -> str:
        """What the score counts, in words: "12 of the 17 links among the concepts you used".

        Example
        -------
        >>> MapScore([], []).headline
        '0 of the 0 links among the concepts you used'
        """
        return f"{self.matches} of the {self.counted} link{'' if self.counted == 1 else 's'} among {self.among}"

    def to_dict(self) -> dict:
        """The JSON shape of ``python -m graph score --json``."""
        return {
            "score": self.score,
            "headline": self.headline,
            "propositions": [
                {
                    "source": v.source,
                    "relation": v.relation,
                    "target": v.target,
                    "verdict": v.verdict,
                    "reference": v.reference,
                    "note": v.note,
                }
                for v in self.verdicts
            ],
            "missing": [{"source": link.source, "relation": link.relation, "target": link.target} for link in self.missing],
        }


class Reference:
    """A reference graph and what it supports: directly, through equivalent or entailed relations,
    read backwards, or up through categories.

    Parameters
    ----------
    kg : the reference graph (the expert's map).
    vocabulary : which relations are equivalent, entail or reverse each other, and how sure each
        is; by default the graph's own (``kg.vocabulary``), else the article's, whose normalising
        fallback also serves relations it does not list.

    Example
    -------
    >>> reference = Reference(kg)
    >>> [link.relation for link in reference.support("Levodopa", "can help manage", "Parkinson's disease")]
    ['is an example of', 'can help manage']
    >>> reference.support("Sertraline", "is an example of", "SNRIs")
    ()
    """

    def __init__(self, kg: KnowledgeGraph, vocabulary: Vocabulary | None = None):
        self.kg = kg
        if vocabulary is None:
            vocabulary = getattr(kg, "vocabulary", None)
        self.vocabulary = vocabulary if vocabulary is not None else _article_vocabulary()

    # --- concepts ------------------------------------------------------------

    def canonical(self, name: str) -> str | None:
        """The reference's concept that ``name`` means (tolerating case, spacing, punctuation and
        typos, and by its aliases, as a tour's steps are read: :func:`graph.core.query.named_concept`), or None."""
        return named_concept(self.kg, name)

    def categories(self, concept: str) -> list[str]:
        """The categories ``concept`` belongs to, nearest first, through any number of category links."""
        if concept not in self._category_graph:
            return []
        if concept not in self._categories:
            self._categories[concept] = [c for c in nx.bfs_tree(self._category_graph, concept) if c != concept]
        return self._categories[concept]

    def members(self, category: str) -> set[str]:
        """The concepts that belong to ``category``, through any number of category links."""
        return nx.ancestors(self._category_graph, category) if category in self._category_graph else set()

    def is_category(self, relation: str) -> bool:
        """Whether ``relation`` puts a concept in a category (the vocabulary's ``category`` mark): what holds
        of a category is taken to hold of its members."""
        return self.vocabulary.is_category(relation)

    def backwards_family(self, relation: str) -> str:
        """The family of ``relation`` read backwards ("treats" → that of "is treated by"), also
        for a name the vocabulary does not list ("may lead to"); a two-way family is its own."""
        family = self.vocabulary.family(relation)
        if family in self._two_way:
            return family
        return family.removesuffix(BACKWARDS) if family.endswith(BACKWARDS) else family + BACKWARDS

    def hedge(self, links: Iterable[Link]) -> str:
        """How surely a chain of links says what it says: its least sure link's hedge."""
        hedges = [self.vocabulary.hedge(link.relation) for link in links]
        return min(hedges, key=self.vocabulary.strength, default="states")

    # --- support -------------------------------------------------------------

    def support(self, source: str, relation: str, target: str, chains: bool = False) -> tuple[Link, ...]:
        """The links of the reference that say ``source relation target``; empty when none do.

        They may go up from the subject (``source``, or ``target`` when ``relation`` reads
        backwards) to a category of it, any number of steps, then take one link whose relation
        says ``relation`` (the same family, or one that entails it; read backwards through an
        inverse when that is how the link is written) and end at the other concept itself: what
        the reference says of a category holds of its members, not of the category's other members.
        With ``chains``, any number of such links in a row count too ("A can cause B, which can
        cause C" supports "A can cause C"): what a quiz must not offer as wrong, though a scorer
        should not count it as what the reference says.
        """
        for subject, other, family in self._readings(source, relation, target):
            graph = self._family_graph(family)
            for start in (subject, *self.categories(subject)):
                if start not in graph or other not in graph or start == other:
                    continue
                if chains:
                    path = nx.shortest_path(graph, start, other) if nx.has_path(graph, start, other) else None
                else:
                    path = [start, other] if graph.has_edge(start, other) else None
                if path:
                    return tuple(self._category_path(subject, start) + self._walk(graph, path))
        return ()

    def supported_targets(self, source: str, relation: str, among: Iterable[str] | None = None) -> set[str]:
        """The concepts ``c`` (of ``among``, or all) for which ``support(source, relation, c, chains=True)`` finds links."""
        return self._chained(source, relation, among, as_source=True)

    def supported_sources(self, relation: str, target: str, among: Iterable[str] | None = None) -> set[str]:
        """The concepts ``c`` (of ``among``, or all) for which ``support(c, relation, target, chains=True)`` finds links."""
        return self._chained(target, relation, among, as_source=False)

    def _chained(self, concept: str, relation: str, among: Iterable[str] | None, as_source: bool) -> set[str]:
        """The concepts (of ``among``, or all) that ``concept`` says ``relation`` of (``as_source``) or
        that say it of ``concept``, through chains of links and up through the subject's categories."""
        candidates = list(self.kg.graph if among is None else among)
        found: set[str] = set()
        for reading_forwards, family in self._families_read(relation):
            graph = self._family_graph(family)
            if reading_forwards == as_source:
                # ``concept`` is the subject: it or one of its categories reaches the candidate.
                reached: set[str] = set()
                for start in (concept, *self.categories(concept)):
                    if start in graph:
                        reached |= nx.descendants(graph, start)
                found |= {c for c in candidates if c in reached and c != concept}
            else:
                # The candidate is the subject: it or one of its categories reaches ``concept``.
                reaching = nx.ancestors(graph, concept) if concept in graph else set()
                found |= {c for c in candidates if c != concept and reaching & {c, *self.categories(c)}}
        return found

    def links_between(self, a: str, b: str) -> list[Link]:
        """The reference links joining ``a`` and ``b``, either way, in file order."""
        return [self.kg.link(k) for k in sorted(set(self._keys(a, b) + self._keys(b, a)))]

    # --- verdicts ------------------------------------------------------------

    def judge(self, proposition: Proposition) -> Verdict:
        """The verdict on one proposition, with its evidence."""
        source, target = self.canonical(proposition.source), self.canonical(proposition.target)
        if source is None or target is None:
            unknown = proposition.source if source is None else proposition.target
            return Verdict(
                proposition,
                source or proposition.source,
                target or proposition.target,
                "not in the reference",
                note=f"The reference has no concept called '{unknown}'.",
            )
        relation = proposition.relation
        direct = self.links_between(source, target)
        said = [link for link in direct if self._says(link, source, relation, target)]
        if said:
            # The surest of the links that say it: a learner is overstating only if every one of them is less sure.
            firmest = max(said, key=lambda link: self.vocabulary.strength(self.vocabulary.hedge(link.relation)))
            same = self._says_exactly(firmest, source, relation, target)
            note = (
                "The reference says the same." if same else f"The reference says more, which includes this: {_sentence(firmest)}."
            )
            return self._held(proposition, source, target, (firmest,), note)
        backwards = [link for link in direct if self._says(link, target, relation, source)]
        chain = self.support(source, relation, target)
        weaker = [link for link in direct if self._says_more_than(relation, link, source, target)]
        if backwards and not chain and not weaker:
            return Verdict(
                proposition, source, target, "reversed", tuple(backwards[:1]), "The reference has this link the other way round."
            )
        if chain:
            return self._held(proposition, source, target, chain, _through(chain))
        if weaker:
            # "Dopamine deficiency causes Depression": the reference says they are linked (and that depression may
            # cause low dopamine); "reversed" would tell the learner that their direction is wrong.
            # "Aging causes Parkinson's disease" where the reference says only that they are linked: true that they
            # are connected, but more than the reference says.
            hedge = self.vocabulary.hedge(weaker[0].relation)
            note = f"The reference says less than this: {_sentence(weaker[0])}."
            return Verdict(proposition, source, target, "overstated", (weaker[0],), note, hedge)
        if direct:
            # Words the relation list does not know ("becomes" on a teacher's map without synonyms) may mean the same:
            # the learner is asked to compare, not told that they mean something else.
            note = (
                "The reference links these two concepts with a relation that means something else."
                if self.vocabulary.knows(relation)
                else f"The reference links these two concepts in other words; its list of relations does not say "
                f"whether “{relation}” means the same: compare them."
            )
            return Verdict(proposition, source, target, "different relation", tuple(direct), note)
        chain = self.support(target, relation, source)
        if chain:
            return Verdict(proposition, source, target, "reversed", chain, "The reference supports this the other way round.")
        shared = [c for c in self.categories(source) if c in self.categories(target)]
        if shared:
            # Siblings: what makes the claim tempting, and why it does not hold.
            note = f"The reference has both {source} and {target} in {shared[0]}, but neither is one of the other."
        else:
            note = "The reference does not link these two concepts."
        return Verdict(proposition, source, target, "not in the reference", note=note)

    def _held(self, proposition: Proposition, source: str, target: str, evidence: tuple[Link, ...], note: str) -> Verdict:
        """A match, or an overstatement when the learner's relation is surer than the evidence."""
        hedge = self.hedge(evidence)
        if self.vocabulary.firmer(self.vocabulary.hedge(proposition.relation), hedge):
            said = "; ".join(_sentence(link) for link in evidence)
            note = f"The reference says this less surely ({hedge}): {said}."
            return Verdict(proposition, source, target, "overstated", evidence, note, hedge)
        return Verdict(proposition, source, target, "match", evidence, note, hedge)

    # --- helpers -------------------------------------------------------------

    def _families_read(self, relation: str) -> list[tuple[bool, str]]:
        """How ``relation`` is looked for among the links: ``(True, family)`` from its source to its target,
        ``(False, family)`` from its target to its source (an inverse: "is a symptom of"); a two-way relation both."""
        family = self.vocabulary.family(relation)
        if family in self._two_way:
            return [(True, family), (False, family)]
        if family.endswith(BACKWARDS):
            return [(False, family.removesuffix(BACKWARDS))]
        return [(True, family)]

    def _readings(self, source: str, relation: str, target: str) -> list[tuple[str, str, str]]:
        """``(subject, object, forward family)`` for each way ``source relation target`` may be read."""
        return [(source, target, f) if forwards else (target, source, f) for forwards, f in self._families_read(relation)]

    def _says(self, link: Link, source: str, relation: str, target: str) -> bool:
        """Whether ``link`` itself says ``source relation target`` (as it is written, or read backwards)."""
        for subject, other, family in self._readings(source, relation, target):
            if (link.source, link.target) == (subject, other) and self._forwards_says(link.relation, family):
                return True
            if (link.source, link.target) == (other, subject) and self._backwards_says(link.relation, family):
                return True
        return False

    def _says_more_than(self, relation: str, link: Link, source: str, target: str) -> bool:
        """Whether ``source relation target`` says all that ``link`` says and more (its relation entails the link's)."""
        if (link.source, link.target) == (source, target):
            return self.vocabulary.family_entails(self.vocabulary.family(relation), self._family_of(link.relation))
        if (link.source, link.target) == (target, source):
            return self.vocabulary.family_entails(self.backwards_family(relation), self._family_of(link.relation))
        return False

    def _says_exactly(self, link: Link, source: str, relation: str, target: str) -> bool:
        """Whether ``link`` says ``source relation target`` with a relation of the same family (not one it entails)."""
        for subject, other, family in self._readings(source, relation, target):
            if (link.source, link.target) == (subject, other) and self._family_of(link.relation) == family:
                return True
            if (link.source, link.target) == (other, subject) and self._inverse_family_of(link.relation) == family:
                return True
        return False

    def _forwards_says(self, link_relation: str, family: str) -> bool:
        return self.vocabulary.family_entails(self._family_of(link_relation), family)

    def _backwards_says(self, link_relation: str, family: str) -> bool:
        return self.vocabulary.family_entails(self._inverse_family_of(link_relation), family)

    def _keys(self, a: str, b: str) -> list[int]:
        data = self.kg.graph.get_edge_data(a, b, default={}) if a in self.kg.graph and b in self.kg.graph else {}
        return list(data)

    @cached_property
    def _two_way(self) -> set[str]:
        return {self.vocabulary.family(r.name) for r in self.vocabulary if r.inverse == r.name}

    @cached_property
    def _category_graph(self) -> nx.DiGraph:
        """Member → category, one edge per category link (its ``link_id`` kept)."""
        graph = nx.DiGraph()
        categorising = {r for r in set(self.kg.links["relation"]) if self.is_category(r)}
        for link_id, source, target, relation in self._link_rows:
            if relation in categorising:
                graph.add_edge(source, target, link_id=link_id, forward=True)
        return graph

    def _family_graph(self, family: str) -> nx.DiGraph:
        """The links that say ``family`` (a forward family), read forwards, or backwards through their inverse."""
        graphs = self._family_graphs
        if family not in graphs:
            graph = nx.DiGraph()
            # Decided once per distinct relation: a big graph repeats a few relations many times.
            relations = set(self.kg.links["relation"])
            forwards = {r for r in relations if self._forwards_says(r, family)}
            backwards = {r for r in relations if self._backwards_says(r, family)}
            for link_id, source, target, relation in self._link_rows:
                if relation in forwards and not graph.has_edge(source, target):
                    graph.add_edge(source, target, link_id=link_id, forward=True)
                if relation in backwards and not graph.has_edge(target, source):
                    graph.add_edge(target, source, link_id=link_id, forward=False)
            graphs[family] = graph
        return graphs[family]

    @cached_property
    def _family_graphs(self) -> dict[str, nx.DiGraph]:
        return {}

    @cached_property
    def _categories(self) -> dict[str, list[str]]:
        return {}

    @cached_property
    def _link_rows(self) -> list[tuple[int, str, str, str]]:
        links = self.kg.links
        return list(zip(links.index.tolist(), links["source"], links["target"], links["relation"], strict=True))

    def _family_of(self, relation: str) -> str:
        if relation not in self._families:
            self._families[relation] = self.vocabulary.family(relation)
        return self._families[relation]

    def _inverse_family_of(self, relation: str) -> str:
        if relation not in self._inverse_families:
            self._inverse_families[relation] = self.backwards_family(relation)
        return self._inverse_families[relation]

    @cached_property
    def _families(self) -> dict[str, str]:
        return {}

    @cached_property
    def _inverse_families(self) -> dict[str, str]:
        return {}

    def _walk(self, graph: nx.DiGraph, path: list[str]) -> list[Link]:
        return [self.kg.link(graph.edges[a, b]["link_id"]) for a, b in zip(path, path[1:])]

    def _category_path(self, member: str, category: str) -> list[Link]:
        if member == category:
            return []
        path = nx.shortest_path(self._category_graph, member, category)
        return self._walk(self._category_graph, path)


def score_map(
    reference: Reference | KnowledgeGraph, propositions: Iterable[Proposition], scope: Iterable[str] | None = None
) -> MapScore:
    """Score a learner's map against a reference, proposition by proposition.

    Parameters
    ----------
    reference : the expert's map (a :class:`Reference`, or a graph to make one of).
    propositions : the learner's links.
    scope : the concepts whose reference links the learner was asked to draw (a focus
        question's concepts, say); by default the concepts the learner used. Reference links
        between two of them that no proposition covers come back as ``missing``.

    Returns
    -------
    MapScore

    Example
    -------
    >>> result = score_map(kg, [Proposition("Parkinsons disease", "can cause", "Tremors")])
    >>> result.verdicts[0].verdict, result.verdicts[0].source
    ('match', "Parkinson's disease")
    >>> score_map(kg, [Proposition("Parkinsons disease", "causes", "Tremors")]).verdicts[0].verdict
    'overstated'
    """
    if not isinstance(reference, Reference):
        reference = Reference(reference)
    verdicts = [reference.judge(p) for p in propositions]
    among = "the concepts you used" if scope is None else "the concepts of the task"
    used = {end for v in verdicts for end in (v.source, v.target) if end in reference.kg.graph}
    concepts = used if scope is None else {c for c in (reference.canonical(name) for name in scope) if c}
    covered = {
        link.link_id for v in verdicts if v.verdict != "not in the reference" and len(v.evidence) == 1 for link in v.evidence
    }
    # A link drawn between the same two concepts, whatever its verdict, is not missing: its verdict says what is wrong.
    drawn = {frozenset((v.source, v.target)) for v in verdicts}
    subgraph = reference.kg.graph.subgraph(concepts)
    missing = sorted(k for a, b, k in subgraph.edges(keys=True) if k not in covered and frozenset((a, b)) not in drawn)
    return MapScore(verdicts, [reference.kg.link(k) for k in missing], among)


def read_learner_map(data: bytes, name: str) -> list[Proposition]:
    """A learner's map from CSV bytes with at least the columns ``source, relation, target``.

    At most :data:`MAX_LEARNER_BYTES` and :data:`MAX_LEARNER_LINKS` links: the size is checked before the file is read.

    Raises
    ------
    ValidationError
        Naming file, row and column for a missing column or an empty cell; or the file is too big.
    """
    too_big = f"a learner's map has at most {MAX_LEARNER_LINKS:,} links and {MAX_LEARNER_BYTES // 1024:,} KB"
    if len(data) > MAX_LEARNER_BYTES:
        raise ValidationError([Problem(name, None, None, f"the file is {len(data) / 1e6:,.1f} MB; {too_big}.")])
    table = read_table(data, name)
    if len(table) > MAX_LEARNER_LINKS:
        raise ValidationError([Problem(name, None, None, f"the file has {len(table):,} rows; {too_big}.")])
    table.columns = [c.lower() for c in table.columns]
    columns = list(table.columns)
    needs = f"A map needs the columns {', '.join(LEARNER_COLUMNS)}."
    header = missing_columns(name, columns, LEARNER_COLUMNS, LEARNER_COLUMNS, needs) + repeated_columns(name, columns)
    if header:
        raise_problems(header)
    problems = [
        Problem(name, int(row), column, "this cell is empty; every link of a map needs a source, a relation and a target.")
        for row, cells in table.iterrows()
        for column in LEARNER_COLUMNS
        if not cells[column]
    ]
    if problems:
        raise ValidationError(problems)
    return [Proposition(*cells) for cells in table[list(LEARNER_COLUMNS)].itertuples(index=False)]


def write_learner_map(propositions: Iterable[Proposition]) -> bytes:
    """A learner's map as CSV bytes (``source,relation,target``), as :func:`read_learner_map` reads it back.

    Guarded as the graph's CSV export is: a spreadsheet opening it runs no formula (``=HYPERLINK(…)``).
    """
    table = pd.DataFrame([(p.source, p.relation, p.target) for p in propositions], columns=list(LEARNER_COLUMNS), dtype=str)
    return safe_csv(table)


def is_vague(relation: str, vocabulary: Vocabulary | None = None) -> bool:
    """Whether a relation says nothing definite: one hedged ``linked`` ("is linked to", "is associated with"),
    or a bare "is" or "has"."""
    vocabulary = vocabulary if vocabulary is not None else _article_vocabulary()
    words = set(relation.casefold().split()) - {"is", "are", "has", "have", "a", "an", "the", "can", "may"}
    return not words or vocabulary.family(relation) in vocabulary.vague_families or vocabulary.hedge(relation) == "linked"


def is_catch_all(concept: str) -> bool:
    """Whether a concept's name makes it a catch-all ("Other medical problems", "Any other cause"), which a learner
    may fairly read as holding whatever the answer is: never a quiz's wrong option or a fill-in's distractor.

    >>> is_catch_all("Other medical problems"), is_catch_all("Any medical problem"), is_catch_all("Mother's diet")
    (True, True, False)
    """
    return bool(_CATCH_ALL.search(concept))


_CATCH_ALL = re.compile(r"\b(other|others|any|anything|everything)\b", re.IGNORECASE)


def _sentence(link: Link) -> str:
    return link.read()


def _through(chain: tuple[Link, ...]) -> str:
    return "The reference supports this through a category: " + "; ".join(_sentence(link) for link in chain) + "."


_VOCABULARY: list[Vocabulary] = []


def _article_vocabulary() -> Vocabulary:
    if not _VOCABULARY:
        _VOCABULARY.append(load_vocabulary(Path(ARTICLE_RELATIONS)))
    return _VOCABULARY[0]
