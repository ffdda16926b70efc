"""The loaded knowledge graph: its tables and its networkx graph, side by side."""

from __future__ import annotations

import hashlib
import heapq
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from graph.core.sentences import agree, is_plural, sentence

if TYPE_CHECKING:
    from graph.core.relations import Vocabulary

__all__ = ["LINKS_KEPT", "RANKED_KEPT", "KnowledgeGraph", "Link"]

RANKED_KEPT = 20_000
"""How many concepts' ranked neighbours a graph keeps (the most recently used)."""
LINKS_KEPT = 50_000
"""How many links a graph keeps read as :class:`Link` (the most recently used)."""


@dataclass(frozen=True)
class Link:
    """One link, read as a sentence: ``source relation target``, with its evidence."""

    link_id: int
    source: str
    relation: str
    target: str
    section: str = ""
    explanation: str = ""
    sources: tuple[int, ...] = ()
    plural: bool | None = field(default=None, compare=False)
    """Whether ``source`` is plural (None: decided from its name, see :mod:`graph.core.sentences`)."""

    @property
    def sentence(self) -> str:
        """The link with its parts apart, the relation agreeing with the source: "SSRIs → are examples of → Antidepressants"."""
        return self.read(" → ")

    def read(self, joiner: str = " ") -> str:
        """The link as a sentence whose relation agrees with its source: "SSRIs are examples of Antidepressants"."""
        return sentence(self.source, self.relation, self.target, plural=self.plural, joiner=joiner)

    @property
    def said(self) -> str:
        """The relation as said of this link's source ("are examples of" after "SSRIs")."""
        return self.agreeing(self.relation)

    def agreeing(self, relation: str) -> str:
        """Any ``relation`` as said of this link's source (a quiz's options for the gap between its ends)."""
        return agree(relation, is_plural(self.source) if self.plural is None else self.plural)


@dataclass(eq=False)
class KnowledgeGraph:
    """A validated graph.

    Attributes
    ----------
    links : DataFrame, one row per link (index ``link_id``), the input's columns.
    concepts : DataFrame indexed by concept label: ``type``, ``group``, ``description``, ``aliases``
        (other names, separated by ``;``: :mod:`graph.core.aliases`), and ``number`` (``singular``,
        ``plural`` or empty) when ``nodes.csv`` has that column.
    sources : DataFrame of the numbered sources (may be empty).
    graph : nx.MultiDiGraph whose nodes are concept labels and whose edge keys are ``link_id``s.
        Nodes carry ``type``, ``group`` and ``description``; edges carry ``relation``.
        The rest of a link's evidence stays in ``links`` and is read with :meth:`link`.
    notices : problems found on loading that did not stop it, each naming file, row and column:
        links that cite source numbers when the graph lists no sources.
    vocabulary : the graph's own relation vocabulary (its ``relations.csv``), or None when it brings none.
    key : a digest of the content (see :attr:`key`): what a cache of anything worked out from the graph is keyed by.
    """

    links: pd.DataFrame
    concepts: pd.DataFrame
    sources: pd.DataFrame
    graph: nx.MultiDiGraph
    notices: tuple = ()
    vocabulary: Vocabulary | None = None

    @cached_property
    def key(self) -> str:
        """A digest of what the graph is made of: its three tables (every cell, its index, its columns' names and
        types), its notices and its vocabulary; the networkx graph is built from the tables, so it is not read again.

        Two graphs with the same content have the same key, in any process (pandas' row hashes use a fixed key),
        and a change to one cell changes it. Worked out once, on first use: 0.14 s for 200,000 links (the
        benchmark's graph). A graph's tables are never changed once it is built (an edit makes a new graph),
        so the key is kept.

        Example
        -------
        >>> len(kg.key), kg.key == kg.key
        (32, True)
        """
        digest = hashlib.blake2b(digest_size=16)
        for table in (self.links, self.concepts, self.sources):
            shape = (table.index.name, table.index.dtype, list(table.columns), list(table.dtypes), len(table))
            digest.update(repr(shape).encode())
            digest.update(pd.util.hash_pandas_object(table, index=True).to_numpy().tobytes())
        digest.update(repr(self.notices).encode())
        digest.update(repr(None if self.vocabulary is None else list(self.vocabulary)).encode())
        return digest.hexdigest()

    def link(self, link_id: int) -> Link:
        """The link ``link_id`` as a sentence with its evidence (KeyError if there is none)."""
        return self._kept_links(int(link_id))

    @cached_property
    def _kept_links(self):
        # Reading a row from the table costs about a millisecond (pandas), and every move reads the
        # focus's links again: the LINKS_KEPT most recently read are kept (a Link is immutable).
        return lru_cache(maxsize=LINKS_KEPT)(self._read_link)

    def _read_link(self, link_id: int) -> Link:
        row = self.links.loc[link_id]
        numbers = tuple(int(n) for n in str(row["sources"]).replace(" ", "").split(";") if n.isdigit())
        source = row["source"]
        return Link(
            link_id, source, row["relation"], row["target"], row["section"], row["explanation"], numbers, self.is_plural(source)
        )

    def is_plural(self, concept: str) -> bool:
        """Whether a concept is plural: as ``nodes.csv``'s ``number`` column says, else judged from its name."""
        number = self._numbers.get(concept, "")
        return number == "plural" if number else is_plural(concept)

    @cached_property
    def _numbers(self) -> dict[str, str]:
        if "number" not in self.concepts.columns:
            return {}
        given = self.concepts["number"]
        given = given[given != ""]
        return dict(zip(given.index.tolist(), given.tolist(), strict=True))

    def concept(self, label: str) -> dict:
        """``type``, ``group`` and ``description`` of a concept, and its ``number`` when the graph gives
        numbers (KeyError if unknown)."""
        columns = ["type", "group", "description", *(["number"] if "number" in self.concepts.columns else [])]
        return dict(self.concepts.loc[label, columns])

    @cached_property
    def undirected(self) -> nx.MultiGraph:
        """An undirected *view* (no copy) for questions where direction does not matter."""
        return self.graph.to_undirected(as_view=True)

    @cached_property
    def sorted_labels(self) -> list[str]:
        """Every concept, in alphabetical order regardless of case."""
        return sorted(self.graph.nodes, key=str.casefold)

    @cached_property
    def degree(self) -> dict[str, int]:
        """Each concept's number of links (computed once, from the table: three times faster than the graph)."""
        ends = pd.concat([self.links["source"], self.links["target"]]).value_counts()
        counts = dict(zip(ends.index.tolist(), ends.tolist(), strict=True))
        return {concept: counts.get(concept, 0) for concept in self.graph}

    def ranked_neighbours(self, concept: str) -> list[str]:
        """The concepts linked to ``concept`` either way, most connected first (then by name).

        Worked out once per concept and kept (the ``RANKED_KEPT`` most recently asked for), so a
        hub's order is paid for on its first view only, and a class wandering over a million-link
        graph does not keep a ranking for every concept it ever saw.
        """
        with self._ranked_lock:
            ranked = self._ranked.get(concept)
            if ranked is not None:
                self._ranked.move_to_end(concept)
                return ranked
        neighbours = set(self.graph._succ[concept]) | set(self.graph._pred[concept])
        degree = self.degree
        ranked = sorted(neighbours, key=lambda n: (-degree[n], n))
        with self._ranked_lock:
            self._ranked[concept] = ranked
            while len(self._ranked) > RANKED_KEPT:
                self._ranked.popitem(last=False)
        return ranked

    def neighbour_count(self, concept: str) -> int:
        return len(self.ranked_neighbours(concept))

    @cached_property
    def _ranked(self) -> OrderedDict[str, list[str]]:
        return OrderedDict()

    @cached_property
    def _ranked_lock(self) -> threading.Lock:
        return threading.Lock()

    @cached_property
    def examples(self) -> list[str]:
        """Two short names among the ten most connected concepts: what to show as an example search."""
        degree = self.degree
        top = heapq.nsmallest(10, degree, key=lambda n: (-degree[n], n))
        return sorted(top, key=lambda n: (len(n), n))[:2]

    @cached_property
    def default_focus(self) -> str:
        """Where exploring starts: the most connected concept (ties broken by name)."""
        degree = self.degree
        return min(degree, key=lambda n: (-degree[n], n))

    @cached_property
    def types(self) -> list[str]:
        """The concept types, most common first."""
        return list(self.concepts["type"].value_counts().index)

    def source_label(self, number: int) -> str:
        """``[1] Title (publisher, date)``, or ``[1]`` for a number the sources do not list."""
        return self._source_labels.get(str(number), f"[{number}]")

    @cached_property
    def _source_labels(self) -> dict[str, str]:
        """Each listed source's label, made once: the Sources list and every link's evidence read them."""
        labels: dict[str, str] = {}
        for row in self.sources.to_dict("records"):
            details = ", ".join(part for part in (row.get("publisher", ""), row.get("date", "")) if part)
            labels.setdefault(str(row["number"]), f"[{row['number']}] {row['title']}" + (f" ({details})" if details else ""))
        return labels
