"""Scoring a learner's concept map proposition by proposition against a reference graph.

A proposition is one link a learner draws: ``source → relation → target``. Comparing each
proposition with an expert's map is the most reliable way to score a map (McClure, Sonak &
Suen 1999), so every proposition gets one of these verdicts, each with its evidence:

``"match"``
    The reference says the same: same ends, same direction, an equivalent relation
    ("causes" ≈ "can cause" ≈ "may lead to", as the relation vocabulary says), or the same
    read backwards ("is treated by" for "treats" with the ends swapped). A proposition the
    reference supports through a category is a match too: "Levodopa can help manage
    Parkinson's disease" holds because Levodopa is an example of Parkinson's medications,
    which can help manage it; the evidence then is the whole chain of links.
``"reversed"``
    The reference has the link the other way round.
``"different relation"``
    The reference links the two concepts, with a relation that means something else.
``"not in the reference"``
    The reference does not say it (or does not have one of the concepts).
``"missing"``
    A reference link between concepts the learner used that no proposition covers.

Concept names typed by a learner are matched to the reference's tolerating case, spacing,
punctuation and typos (:func:`graph.core.query.named_concept`, as a tour's steps are), so
"parkinsons disease" is Parkinson's disease.

:class:`Reference` also answers "does the graph support this?" for :mod:`graph.teaching.quiz`, so that
a quiz never offers as wrong what the map scorer would count as right.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import networkx as nx
import pandas as pd

from graph.core.model import KnowledgeGraph, Link
from graph.core.problems import Problem, ValidationError, missing_columns, raise_problems, repeated_columns
from graph.core.query import named_concept
from graph.core.relations import ARTICLE_RELATIONS, BACKWARDS, Vocabulary, load_vocabulary
from graph.files.export import safe_csv
from graph.files.load import read_table

__all__ = [
    "CATEGORY_RELATIONS",
    "LEARNER_COLUMNS",
    "MAX_LEARNER_BYTES",
    "MAX_LEARNER_LINKS",
    "MapScore",
    "Proposition",
    "Reference",
    "VERDICTS",
    "Verdict",
    "read_learner_map",
    "is_vague",
    "score_map",
    "write_learner_map",
]

VERDICTS = ("match", "reversed", "different relation", "not in the reference", "missing")
"""The verdict words, as they appear in the app, the CLI and the results CSV."""

CATEGORY_RELATIONS = ("is an example of", "is a form of", "is part of", "is a kind of", "is a type of")
"""Relations that put a concept in a category; what holds of a category is taken to hold of its members."""

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
        return f"{self.source} {self.relation} {self.target}"


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
    """

    written: Proposition
    source: str
    target: str
    verdict: str
    evidence: tuple[Link, ...] = ()
    note: str = ""

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

    ``score`` is the share of matches among all propositions counted: the learner's own plus
    the missing ones, so that neither drawing every link nor drawing very few scores well.
    """

    verdicts: list[Verdict]
    missing: list[Link] = field(default_factory=list)

    @property
    def matches(self) -> int:
        return sum(v.verdict == "match" for v in self.verdicts)

    @property
    def score(self) -> float:
        counted = len(self.verdicts) + len(self.missing)
        return round(self.matches / counted, 2) if counted else 0.0

    def to_dict(self) -> dict:
        """The JSON shape of ``python -m graph score --json``."""
        return {
            "score": self.score,
            "propositions": [
                {"source": v.source, "relation": v.relation, "target": v.target, "verdict": v.verdict, "reference": v.reference}
                for v in self.verdicts
            ],
            "missing": [{"source": link.source, "relation": link.relation, "target": link.target} for link in self.missing],
        }


class Reference:
    """A reference graph and what it supports, directly, through equivalent relations or categories.

    Parameters
    ----------
    kg : the reference graph (the expert's map).
    vocabulary : which relations are equivalent and which reverse each other; the article's
        by default, whose normalising fallback also serves relations it does not list.

    Example
    -------
    >>> reference = Reference(kg)
    >>> [link.relation for link in reference.support("Levodopa", "can help manage", "Parkinson's disease")]
    ['is an example of', 'can help manage']
    """

    def __init__(self, kg: KnowledgeGraph, vocabulary: Vocabulary | None = None):
        self.kg = kg
        self.vocabulary = vocabulary if vocabulary is not None else _article_vocabulary()

    # --- concepts ------------------------------------------------------------

    def canonical(self, name: str) -> str | None:
        """The reference's concept that ``name`` means (tolerating case, spacing, punctuation and
        typos, as a tour's steps are read: :func:`graph.core.query.named_concept`), or None."""
        return named_concept(self.kg, name)

    def categories(self, concept: str) -> list[str]:
        """The categories ``concept`` belongs to, nearest first, through any number of category links."""
        if concept not in self._category_graph:
            return []
        if concept not in self._categories:
            self._categories[concept] = [c for c in nx.bfs_tree(self._category_graph, concept) if c != concept]
        return self._categories[concept]

    def is_category(self, relation: str) -> bool:
        return self.vocabulary.family(relation) in self._category_families

    def backwards_family(self, relation: str) -> str:
        """The family of ``relation`` read backwards ("treats" → that of "is treated by"), also
        for a name the vocabulary does not list ("may lead to"); a two-way family is its own."""
        family = self.vocabulary.family(relation)
        if family in self._two_way:
            return family
        return family.removesuffix(BACKWARDS) if family.endswith(BACKWARDS) else family + BACKWARDS

    # --- support -------------------------------------------------------------

    def support(self, source: str, relation: str, target: str, chains: bool = False) -> tuple[Link, ...]:
        """The links of the reference that say ``source relation target``; empty when none do.

        They may go up from ``source`` to a category of it, then take one link whose relation
        is equivalent to ``relation`` (or, read backwards, its inverse), and end at ``target``
        or a category of it. With ``chains``, any number of such links in a row count too
        ("A can cause B, which can cause C" supports "A can cause C"): what a quiz must not
        offer as wrong, though a scorer should not count it as what the reference says.
        """
        graph = self._family_graph(self.vocabulary.family(relation))
        ends = [target, *self.categories(target)]
        for start in (source, *self.categories(source)):
            if start not in graph:
                continue
            if chains:
                paths = nx.single_source_shortest_path(graph, start)
                reached = [(len(paths[end]), end) for end in ends if end in paths and end != start]
                path = paths[min(reached)[1]] if reached else None
            else:
                path = next(([start, end] for end in ends if graph.has_edge(start, end)), None)
            if path:
                return tuple(self._category_path(source, start) + self._walk(graph, path) + self._category_path(target, path[-1]))
        return ()

    def supported_targets(self, source: str, relation: str, among: Iterable[str] | None = None) -> set[str]:
        """The concepts ``c`` (of ``among``, or all) for which ``support(source, relation, c, chains=True)`` finds links."""
        return self._chained(source, relation, among, nx.descendants)

    def supported_sources(self, relation: str, target: str, among: Iterable[str] | None = None) -> set[str]:
        """The concepts ``c`` (of ``among``, or all) for which ``support(c, relation, target, chains=True)`` finds links."""
        return self._chained(target, relation, among, nx.ancestors)

    def _chained(self, concept: str, relation: str, among: Iterable[str] | None, reach) -> set[str]:
        """The concepts (of ``among``, or all) that chains of ``relation``'s family join to ``concept`` or one of
        its categories, themselves or through one of theirs: ``reach`` is ``nx.descendants`` for the chains'
        far ends, ``nx.ancestors`` for their near ones."""
        graph = self._family_graph(self.vocabulary.family(relation))
        reached: set[str] = set()
        for end in (concept, *self.categories(concept)):
            if end in graph:
                reached |= reach(graph, end)
        return {c for c in (self.kg.graph if among is None else among) if reached & {c, *self.categories(c)}}

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
            return Verdict(proposition, source, target, "match", tuple(said[:1]), "The reference says the same.")
        backwards = [link for link in direct if self._says(link, target, relation, source)]
        if backwards:
            return Verdict(
                proposition, source, target, "reversed", tuple(backwards[:1]), "The reference has this link the other way round."
            )
        chain = self.support(source, relation, target)
        if chain:
            return Verdict(proposition, source, target, "match", chain, _through(chain))
        if direct:
            return Verdict(
                proposition,
                source,
                target,
                "different relation",
                tuple(direct),
                "The reference links these two concepts with a relation that means something else.",
            )
        chain = self.support(target, relation, source)
        if chain:
            return Verdict(proposition, source, target, "reversed", chain, "The reference supports this the other way round.")
        return Verdict(
            proposition, source, target, "not in the reference", note="The reference does not link these two concepts."
        )

    # --- helpers -------------------------------------------------------------

    def _says(self, link: Link, source: str, relation: str, target: str) -> bool:
        if (link.source, link.target) == (source, target):
            return self.vocabulary.equivalent(link.relation, relation)
        if (link.source, link.target) == (target, source):
            return self.backwards_family(link.relation) == self.vocabulary.family(relation)
        return False

    def _keys(self, a: str, b: str) -> list[int]:
        data = self.kg.graph.get_edge_data(a, b, default={}) if a in self.kg.graph and b in self.kg.graph else {}
        return list(data)

    @cached_property
    def _two_way(self) -> set[str]:
        return {self.vocabulary.family(r.name) for r in self.vocabulary if r.inverse == r.name}

    @cached_property
    def _category_families(self) -> set[str]:
        return {self.vocabulary.family(r) for r in CATEGORY_RELATIONS}

    @cached_property
    def _category_graph(self) -> nx.DiGraph:
        """Member → category, one edge per category link (its ``link_id`` kept)."""
        graph = nx.DiGraph()
        for link_id, source, target, relation in self._link_rows:
            if self.is_category(relation):
                graph.add_edge(source, target, link_id=link_id, forward=True)
        return graph

    def _family_graph(self, family: str) -> nx.DiGraph:
        """The links that say ``family``, read forwards, or backwards through their inverse."""
        graphs = self._family_graphs
        if family not in graphs:
            graph = nx.DiGraph()
            for link_id, source, target, relation in self._link_rows:
                if self._family_of[relation] == family:
                    graph.add_edge(source, target, link_id=link_id, forward=True)
                elif self._inverse_family_of[relation] == family and not graph.has_edge(target, source):
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

    @cached_property
    def _family_of(self) -> dict[str, str]:
        return {r: self.vocabulary.family(r) for r in set(self.kg.links["relation"])}

    @cached_property
    def _inverse_family_of(self) -> dict[str, str]:
        return {r: self.backwards_family(r) for r in set(self.kg.links["relation"])}

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
    >>> result = score_map(kg, [Proposition("Parkinsons disease", "causes", "Tremors")])
    >>> result.verdicts[0].verdict, result.verdicts[0].source
    ('match', "Parkinson's disease")
    """
    if not isinstance(reference, Reference):
        reference = Reference(reference)
    verdicts = [reference.judge(p) for p in propositions]
    used = {end for v in verdicts for end in (v.source, v.target) if end in reference.kg.graph}
    concepts = used if scope is None else {c for c in (reference.canonical(name) for name in scope) if c}
    covered = {
        link.link_id for v in verdicts if v.verdict != "not in the reference" and len(v.evidence) == 1 for link in v.evidence
    }
    # A link drawn between the same two concepts, whatever its verdict, is not missing: its verdict says what is wrong.
    drawn = {frozenset((v.source, v.target)) for v in verdicts}
    subgraph = reference.kg.graph.subgraph(concepts)
    missing = sorted(k for a, b, k in subgraph.edges(keys=True) if k not in covered and frozenset((a, b)) not in drawn)
    return MapScore(verdicts, [reference.kg.link(k) for k in missing])


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
    """Whether a relation says nothing definite: a two-way "is linked to" or a bare "is" or "has"."""
    vocabulary = vocabulary if vocabulary is not None else _article_vocabulary()
    words = set(relation.casefold().split()) - {"is", "are", "has", "have", "a", "an", "the", "can", "may"}
    return not words or vocabulary.family(relation) == vocabulary.family("is linked to")


def _sentence(link: Link) -> str:
    return f"{link.source} {link.relation} {link.target}"


def _through(chain: tuple[Link, ...]) -> str:
    return "The reference supports this through a category: " + "; ".join(_sentence(link) for link in chain) + "."


_VOCABULARY: list[Vocabulary] = []


def _article_vocabulary() -> Vocabulary:
    if not _VOCABULARY:
        _VOCABULARY.append(load_vocabulary(Path(ARTICLE_RELATIONS)))
    return _VOCABULARY[0]
