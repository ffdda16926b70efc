"""Questions a learner asks of the graph, answered with networkx.

- :func:`find_concept` / :func:`search`: typo-tolerant lookup of a concept by name, on one index
  per graph built at the first search (rapidfuzz for spelling, instead of difflib over every name);
- :func:`named_concept` / :func:`similarity`: the one concept a name someone typed means (a tour's
  step, a learner's map), or none: the same label or alias (:mod:`graph.core.aliases`) up to case,
  spacing, punctuation or a small typo, never a name as close to another concept;
- :func:`links_of`: a concept's links in and out, as sentences with their evidence;
- :func:`neighbourhood`: the concepts around a focus, by depth, with type filters and a cap;
- :func:`explain_paths`: the shortest paths between two concepts, each a chain of sentences;
- :func:`key_concepts`: the most connected concepts (degree and betweenness, by igraph).
"""

from __future__ import annotations

import heapq
import itertools
import random
import threading
import weakref
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz, process, utils

from graph.core.aliases import concept_aliases
from graph.core.build import collector_paused
from graph.core.model import KnowledgeGraph, Link
from graph.core.relations import HEDGES, Vocabulary
from graph.core.sentences import agree, is_plural
from graph.core.spelling import spelt_alike

__all__ = [
    "EXACT_BETWEENNESS_UP_TO",
    "NAME_CUTOFF",
    "ConceptNotFound",
    "LinkGroup",
    "Neighbourhood",
    "PathExplanation",
    "explain_paths",
    "find_concept",
    "key_concepts",
    "link_groups",
    "links_of",
    "named_concept",
    "neighbourhood",
    "search",
    "similarity",
]


NAME_CUTOFF = 0.85
"""How alike (:func:`similarity`) a typed name and a concept's label must be for the name to mean that concept."""
NAME_MARGIN = 0.05
"""How much nearer one concept must be than any other for a misspelt name to mean it (:func:`named_concept`)."""


class ConceptNotFound(nx.NodeNotFound):
    """No concept has that name; ``suggestions`` lists the closest names."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"No concept is called '{name}'.{hint}")


def search(kg: KnowledgeGraph, text: str, limit: int = 8) -> list[str]:
    """Concept labels matching ``text``, best first: ignoring case, by whole name, prefix,
    substring, then by spelling (so "levadopa" finds "Levodopa").

    Example
    -------
    >>> search(kg, "levadopa")
    ['Levodopa']
    """
    found = [label for tier in _matches(kg, text, limit) for label in tier]
    return list(dict.fromkeys(found))[:limit]


def find_concept(kg: KnowledgeGraph, name: str) -> str:
    """The one concept ``name`` most likely means, tolerating case and typos.

    Raises
    ------
    ConceptNotFound
        When nothing is close; ``suggestions`` then holds the nearest names, if any.
    """
    if name in kg.graph:
        return name
    for tier in _matches(kg, name, limit=5):
        if tier:
            return tier[0]
    index = _index(kg)
    near = spelt_alike(_fold(name), index.keys, limit=3, cutoff=0.45)
    raise ConceptNotFound(name, list(dict.fromkeys(index.labels[i] for i in near)))


def named_concept(kg: KnowledgeGraph, name: str) -> str | None:
    """The concept a typed ``name`` means, or None: its exact label or one of its aliases (``nodes.csv``'s
    ``aliases``), or one differing from it only by case or spacing, else the label or alias most like it
    if that is at least :data:`NAME_CUTOFF` alike (:func:`similarity`, so "L dopa" is "L-dopa" and
    "levadopa" is "Levodopa") and no other concept's is nearly as alike (within :data:`NAME_MARGIN`):
    forgiving a typo never makes one concept of the map into another.

    Stricter than :func:`find_concept`, which also takes a prefix or one word of a longer name: a name
    used without asking (a tour's step, a learner's proposition) must not point somewhere its writer
    did not mean.

    Example
    -------
    >>> named_concept(kg, "parkinsons  disease"), named_concept(kg, "disease")
    ("Parkinson's disease", None)
    """
    if name in kg.graph:
        return name
    index = _index(kg)
    folded = _fold(name)
    if folded in index.exact:
        return index.exact[folded][0]
    if not _NAME_KEY(folded):  # punctuation alone: rapidfuzz would find two empty names 100% alike
        return None
    found = process.extract(folded, index.keys, scorer=fuzz.ratio, processor=_NAME_KEY, score_cutoff=NAME_CUTOFF * 100, limit=8)
    if not found:
        return None
    best, score = index.labels[found[0][2]], found[0][1]
    rivals = {index.labels[i] for _, other, i in found if other >= score - NAME_MARGIN * 100} - {best}
    return None if rivals else best


def similarity(a: str, b: str) -> float:
    """How alike two names are, from 0 to 1, ignoring case, spacing and punctuation (the ratio difflib
    also gives, on the names' words).

    Example
    -------
    >>> similarity("Levadopa", "levodopa"), similarity("Parkinson's", "parkinsons")
    (0.875, 0.952...)
    """
    return fuzz.ratio(_fold(a), _fold(b), processor=_NAME_KEY) / 100


@dataclass(frozen=True)
class _SearchIndex:
    """A graph's names, ready for searching: built once per graph, on its first search."""

    keys: list[str]
    """Casefolded labels, shortest first (then by label), then aliases: the order the tiers list them in."""
    labels: list[str]
    """The label of each key (an alias's concept)."""
    exact: dict[str, list[str]]
    """Casefolded label → its labels; casefolded alias → its concept (a label wins over an alias)."""
    words: list[str]
    """Each word of the labels ("parkinsons" finds "Parkinson's disease")..."""
    word_labels: list[str]
    """...and the first label it was seen in."""


_indexes: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_indexes_lock = threading.Lock()  # sessions run in threads: the first two searches must not both build it


def _index(kg: KnowledgeGraph) -> _SearchIndex:
    """The graph's search index, made at its first search and dropped with the graph."""
    with _indexes_lock:
        index = _indexes.get(kg)
        if index is None:
            index = _indexes[kg] = _build_index(kg)
        return index


def _build_index(kg: KnowledgeGraph) -> _SearchIndex:
    # Strings only, and the collector paused (graph.core.build.collector_paused).
    with collector_paused():
        labels = list(kg.graph.nodes)
        keys = [_fold(label) for label in labels]
        order = np.lexsort((np.array(labels, dtype=object), np.fromiter(map(len, labels), int, len(labels)))).tolist()
        exact = {key: [label] for key, label in zip(reversed(keys), reversed(labels))}
        if len(exact) < len(keys):  # labels that differ only by case or spacing: all of them, in graph order
            exact = {}
            for key, label in zip(keys, labels):
                exact.setdefault(key, []).append(label)
        words: dict[str, str] = {}
        for key, label in zip(keys, labels):  # graph order: the first label seen keeps a word, as it always did
            for word in key.replace("(", " ").replace(")", " ").split():
                words.setdefault(word.strip("'s"), label)
        keys, labels = [keys[i] for i in order], [labels[i] for i in order]
        aliases = [(_fold(alias), concept) for alias, concept in concept_aliases(kg.concepts) if concept in kg.graph]
        if aliases:
            for key, concept in aliases:
                exact.setdefault(key, [concept])
            # Searched after the labels: a concept's own name comes first in every tier.
            keys, labels = keys + [key for key, _ in aliases], labels + [concept for _, concept in aliases]
        return _SearchIndex(keys, labels, exact, list(words), list(words.values()))


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


# How typed names are compared, after _fold: rapidfuzz's own folding (punctuation as spaces), which it
# runs in C++ over a graph's every label (a Python function there takes three times as long).
_NAME_KEY = utils.default_process


def _matches(kg: KnowledgeGraph, text: str, limit: int) -> list[list[str]]:
    """Matching labels in tiers, each at most ``limit`` long: same name, starts with, contains, spelt alike."""
    query = _fold(text)
    if not query:
        return []
    index = _index(kg)
    exact = index.exact.get(query, [])
    prefix: list[str] = []
    inside: list[str] = []
    # Keys come shortest first, so the first ``limit`` found of each tier are its best.
    for key, label in zip(index.keys, index.labels):
        if query in key and key != query:
            tier = prefix if key.startswith(query) else inside
            if len(tier) < limit:
                tier.append(label)
                if len(prefix) == len(inside) == limit:
                    break
    tiers = [exact, prefix, inside]
    if sum(map(len, tiers)) < limit:
        close = [index.labels[i] for i in spelt_alike(query, index.keys, limit, cutoff=0.75)]
        close += [index.word_labels[i] for i in spelt_alike(query.strip("'s"), index.words, limit, cutoff=0.8)]
        tiers.append(close)
    return tiers


def links_of(kg: KnowledgeGraph, concept: str) -> tuple[list[Link], list[Link]]:
    """The links going out of ``concept`` and coming into it, in file order.

    Raises ``ConceptNotFound`` for an unknown concept.
    """
    _require(kg, concept)
    outgoing = sorted(key for _, _, key in kg.graph.out_edges(concept, keys=True))
    incoming = sorted(key for _, _, key in kg.graph.in_edges(concept, keys=True))
    return [kg.link(i) for i in outgoing], [kg.link(i) for i in incoming]


@dataclass(frozen=True)
class LinkGroup:
    """A focus's links that say the same thing in the same direction ("Dopamine deficiency may cause …")."""

    outgoing: bool | None
    """Links out of the focus, into it, or None for the group of other links (both ways)."""
    relation: str | None
    """The relation the heading names: the group's most hedged one, then its most common."""
    links: tuple[Link, ...]

    def heading(self, focus: str) -> str:
        """The question the group answers, with the blank as "…": "… can lead to Dopamine deficiency"."""
        if self.relation is None:
            return "Other links"
        # The blank before the relation stands for every concept of the group: more than one is plural.
        first = self.links[0]
        plural = is_plural(first.source) if first.plural is None else first.plural
        said = agree(self.relation, plural or (not self.outgoing and len(self.links) > 1))
        return f"{focus} {said} …" if self.outgoing else f"… {said} {focus}"


def link_groups(kg: KnowledgeGraph, concept: str, vocabulary: Vocabulary | None = None) -> list[LinkGroup]:
    """The links of ``concept`` grouped by direction and meaning, biggest group first.

    With a ``vocabulary`` relations of one family share a group ("can cause" and "may cause"), and
    its heading names the group's most hedged relation, so that it never states more firmly than
    any of its links; without one each relation is its own group. The biggest groups come first because
    they answer a concept's main questions (what leads to it, what it leads to); on a tie links in
    come before links out, as causes are read before effects. Relations used by one link each are
    gathered last as "Other links" rather than each given a heading of its own.

    Example
    -------
    >>> [g.heading("Dopamine deficiency") for g in link_groups(kg, "Dopamine deficiency")][:2]
    ['Dopamine deficiency may cause …', 'Dopamine deficiency can cause …']
    """
    outgoing, incoming = links_of(kg, concept)
    family = vocabulary.family if vocabulary is not None else (lambda relation: relation)
    groups: dict[tuple[bool, str], list[Link]] = {}
    for is_out, links in ((False, incoming), (True, outgoing)):
        for link in links:
            groups.setdefault((is_out, family(link.relation)), []).append(link)
    made = []
    for (is_out, _), links in groups.items():
        counts = Counter(link.relation for link in links)
        relation = max(counts, key=lambda r: (_hedging(vocabulary, r), counts[r], r))
        made.append(LinkGroup(is_out, relation, tuple(links)))
    made.sort(key=lambda g: (-len(g.links), g.outgoing))
    single = [g for g in made if len(g.links) == 1]
    if len(single) < 2:
        return made
    others = tuple(sorted((g.links[0] for g in single), key=lambda link: link.link_id))
    return [g for g in made if len(g.links) > 1] + [LinkGroup(None, None, others)]


def _hedging(vocabulary: Vocabulary | None, relation: str) -> int:
    """How hedged ``relation`` is on the vocabulary's scale (higher: less sure); 0 if it is not known."""
    known = vocabulary.get(relation) if vocabulary is not None else None
    return HEDGES.index(known.hedge) if known is not None and known.hedge in HEDGES else 0


@dataclass
class Neighbourhood:
    """The concepts shown around a focus: each with its distance, and what was left out."""

    focus: str
    distance: dict[str, int]
    not_drawn: dict[str, int] = field(default_factory=dict)
    """For a concept whose neighbours did not all fit: how many were left out (its "+N more").
    (Not ``hidden``, which names the kinds of concept a learner chose not to see.)"""

    @property
    def concepts(self) -> list[str]:
        return list(self.distance)


def neighbourhood(
    kg: KnowledgeGraph,
    focus: str,
    depth: int | None = 1,
    types: set[str] | None = None,
    cap: int | None = None,
    page: int = 0,
) -> Neighbourhood:
    """The concepts within ``depth`` links of ``focus``, in either direction.

    Parameters
    ----------
    depth : 1, 2, 3, or ``None`` for the whole connected part of the graph.
    types : only concepts of these types are shown (and walked through); the focus always is.
    cap : at most this many concepts. Each concept's neighbours are taken most connected
        first, and the search stops as soon as the cap is reached, so a hub with a million
        links costs no more than a small concept. ``not_drawn`` counts, for each concept
        inside ``depth``, the neighbours left out.
    page : with a cap, skip this many pages (``cap - 1`` each) of the focus's own neighbours,
        to page through a hub's neighbours.

    Example
    -------
    >>> sorted(neighbourhood(kg, "Cocaine use", depth=1).concepts)
    ['Cocaine use', 'Dopamine deficiency', 'Initial dopamine build-up', 'Nerve cell receptor problems']
    """
    _require(kg, focus)
    # Every type allowed (what the app passes unless a type is hidden) filters nothing: skip the per-concept checks.
    allowed = None if types is None or set(kg.types) <= set(types) else set(types)

    def shown_kind(n: str) -> bool:
        return allowed is None or n == focus or kg.graph.nodes[n]["type"] in allowed

    if cap is None:
        graph = kg.undirected if allowed is None else nx.subgraph_view(kg.undirected, filter_node=shown_kind)
        distance = {
            n: level
            for level, layer in enumerate(nx.bfs_layers(graph, [focus]))
            if depth is None or level <= depth
            for n in layer
        }
        return Neighbourhood(focus, distance)

    distance = _bounded_search(kg, focus, depth, shown_kind, cap, skip=page * max(cap - 1, 1))
    not_drawn: dict[str, int] = {}
    for concept, level in distance.items():
        # Concepts on the outermost ring have their other neighbours beyond ``depth``: not shown, but not hidden by the cap.
        if depth is not None and level >= depth:
            continue
        if allowed is None:
            missing = kg.neighbour_count(concept) - sum(1 for n in distance if n != concept and _adjacent(kg, concept, n))
        else:
            missing = sum(1 for n in kg.ranked_neighbours(concept) if n not in distance and shown_kind(n))
        if missing:
            not_drawn[concept] = missing
    return Neighbourhood(focus, distance, not_drawn)


def _bounded_search(kg, focus, depth, shown_kind, cap, skip=0) -> dict[str, int]:
    """Breadth-first, keeping the most connected concepts of each layer, never looking past ``cap``.

    networkx's ``bfs_layers`` builds each whole layer before yielding it, which around a hub
    means visiting every one of its neighbours. Here each concept's neighbours come most
    connected first, so the best ``room`` of a layer are among the first ``room`` new
    neighbours of each concept before it: the search reads no more than that.
    """
    distance = {focus: 0}
    frontier = [focus] if cap > 1 else []
    level = 0
    degree = kg.degree
    while frontier and (depth is None or level < depth):
        level += 1
        room = cap - len(distance)
        candidates: dict[str, None] = {}
        for concept in frontier:
            neighbours = kg.ranked_neighbours(concept)
            if concept == focus and skip:
                neighbours = neighbours[skip:]
            taken = 0
            for neighbour in neighbours:
                if taken >= room:
                    break
                if neighbour in distance or not shown_kind(neighbour):
                    continue
                if neighbour not in candidates:
                    candidates[neighbour] = None
                    taken += 1
        layer = list(candidates)
        if len(layer) > room:
            layer = heapq.nlargest(room, layer, key=lambda n: (degree[n], n))
        distance.update((n, level) for n in layer)
        if len(distance) >= cap:
            break
        frontier = layer
    return distance


def _adjacent(kg: KnowledgeGraph, a: str, b: str) -> bool:
    return b in kg.graph._succ[a] or b in kg.graph._pred[a]


@dataclass
class PathExplanation:
    """How two concepts are connected.

    ``paths`` holds each shortest path as its chain of links. ``directed`` is False
    when the links only connect the two when read against their direction.
    When there is no connection, ``reach_from`` and ``reach_to`` name the nearest
    concepts each side can reach.
    """

    start: str
    end: str
    paths: list[list[Link]]
    directed: bool = True
    reach_from: list[str] = field(default_factory=list)
    reach_to: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.paths)

    def summary(self) -> str:
        if not self.paths:
            return f"'{self.start}' and '{self.end}' are not connected in this graph."
        steps = len(self.paths[0])
        count = len(self.paths)
        text = f"{count} shortest path{'s' if count > 1 else ''} of {steps} link{'s' if steps > 1 else ''}"
        if not self.directed:
            text += f"; no chain of links leads from '{self.start}' to '{self.end}' in the links' direction, so some links are read backwards"
        return text + "."


def explain_paths(kg: KnowledgeGraph, start: str, end: str, limit: int = 5) -> PathExplanation:
    """The shortest paths from ``start`` to ``end``, each as a chain of sentences.

    Paths that follow the links' direction are preferred, since they read as a
    chain of sentences; only when there is none are links followed either way.

    Example
    -------
    >>> [link.sentence for link in explain_paths(kg, "Cocaine use", "Tremors").paths[0]]
    ['Cocaine use → may cause → Dopamine deficiency', 'Dopamine deficiency → can cause → Tremors']
    """
    _require(kg, start)
    _require(kg, end)
    if start == end:
        return PathExplanation(start, end, [])
    for graph, directed in ((kg.graph, True), (kg.undirected, False)):
        try:
            node_paths = list(itertools.islice(nx.all_shortest_paths(graph, start, end), limit))
        except nx.NetworkXNoPath:
            continue
        chains = [[_link_between(kg, u, v, directed) for u, v in nx.utils.pairwise(path)] for path in node_paths]
        return PathExplanation(start, end, chains, directed)
    return PathExplanation(
        start,
        end,
        [],
        reach_from=_nearest(kg, start),
        reach_to=_nearest(kg, end),
    )


EXACT_BETWEENNESS_UP_TO = 2000
"""Up to this many concepts betweenness is exact; beyond, it is estimated from a sample of them."""
SAMPLE_WORK = 5_000_000
"""Beyond that size, concepts + links visited in all (one breadth-first search from each sampled concept):
under a second, whatever the graph's size (16 concepts at 200,000 links)."""
MIN_SAMPLE = 16


def key_concepts(kg: KnowledgeGraph, top: int = 10) -> pd.DataFrame:
    """The most connected concepts: ``links`` (degree) and ``betweenness``, best first.

    ``attrs["sample"]`` is the number of concepts betweenness was estimated from, or None when exact.

    Betweenness (the share of shortest routes between two other concepts that pass through a
    concept, links read either way) is exact up to ``EXACT_BETWEENNESS_UP_TO`` concepts. Beyond, it
    is estimated from the shortest routes starting at a fixed random sample of concepts, as many as
    ``SAMPLE_WORK`` allows (at least ``MIN_SAMPLE``), so the cost stays about the same at any size.
    igraph does the counting (in C): networkx's own took minutes at 200,000 links.

    Example
    -------
    >>> key_concepts(kg, top=1).to_dict("records")
    [{'concept': 'Dopamine deficiency', 'type': 'condition', 'links': 26, 'betweenness': 0.682}]
    """
    concepts = list(kg.graph.nodes)
    betweenness, sample = _betweenness(kg, concepts)
    degree = kg.degree
    table = pd.DataFrame(
        {
            "concept": concepts,
            "type": kg.concepts["type"].reindex(concepts).tolist(),
            "links": [degree[n] for n in concepts],
            "betweenness": betweenness.round(3),
        }
    )
    table = (
        table.sort_values(["links", "betweenness", "concept"], ascending=[False, False, True]).head(top).reset_index(drop=True)
    )
    table.attrs["sample"] = sample
    return table


def _betweenness(kg: KnowledgeGraph, concepts: list[str]) -> tuple[np.ndarray, int | None]:
    """Normalised betweenness of each of ``concepts`` (all the graph's), on its links as an undirected simple
    graph, and the number of concepts it was estimated from (None: exact)."""
    count = len(concepts)
    if count < 3:
        return np.zeros(count), None
    # Imported only when asked for: igraph brings its drawing modules and matplotlib with it, which cost
    # every command that reads a file (python -m graph check) about a second before it had begun.
    import igraph

    # Each link's ends as positions in ``concepts``: pyarrow's hash lookup, three times faster than
    # pandas' get_indexer between Arrow strings and a list of names.
    position = pa.array(concepts, type=pa.string())
    ends = [
        pc.index_in(pa.array(kg.links[end], type=pa.string()), value_set=position).to_pylist() for end in ("source", "target")
    ]
    graph = igraph.Graph(n=count, directed=False)
    # Plain tuples: igraph reads them several times faster than a numpy array.
    graph.add_edges(zip(*ends))
    graph.simplify()  # two links between the same concepts are one step, as in networkx's nx.Graph
    if count <= EXACT_BETWEENNESS_UP_TO:
        raw, scale, size = graph.betweenness(directed=False), 1.0, None
    else:
        size = max(MIN_SAMPLE, min(count, SAMPLE_WORK // (count + graph.ecount())))
        sample = random.Random(7).sample(range(count), size)
        # Routes from the sample reach every concept: scaled up by count / size, they estimate all routes.
        raw, scale = graph.betweenness(directed=False, sources=sample), count / size
    pairs = (count - 1) * (count - 2) / 2
    return np.asarray(raw) * scale / pairs, size


def _require(kg: KnowledgeGraph, concept: str) -> None:
    if concept not in kg.graph:
        raise ConceptNotFound(concept, search(kg, concept, limit=3))


def _link_between(kg: KnowledgeGraph, u: str, v: str, directed: bool) -> Link:
    keys = sorted(kg.graph[u][v]) if kg.graph.has_edge(u, v) else []
    if not keys and not directed:
        keys = sorted(kg.graph[v][u])
    return kg.link(keys[0])


def _nearest(kg: KnowledgeGraph, concept: str, limit: int = 5) -> list[str]:
    distances = nx.single_source_shortest_path_length(kg.undirected, concept, cutoff=2)
    ranked = sorted((d, -kg.degree[n], n) for n, d in distances.items() if n != concept)
    return [n for _, _, n in ranked[:limit]]
