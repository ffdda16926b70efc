"""Synthetic knowledge graphs in the project's CSV schema, for the benchmark.

A graph with a given number of links is grown with :func:`networkx.scale_free_graph`
(directed, preferential attachment: a few hubs, many concepts with one or two links),
from a fixed seed, so the same size always gives the same file. Self-loops and repeated
``source, relation, target`` statements are dropped (the loader rejects both), and the
links left over beyond the size asked for are dropped at random (a seeded thinning of a
few per cent), so a file has exactly that many links.

Each concept gets one type (cause, condition, symptom, treatment or concept), a name
like ``"Dopamine receptor 4821"``, and each link a relation chosen by its source's type,
a section, a one-sentence explanation and one or two source numbers listed in the
``sources.csv`` written beside it.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

__all__ = ["GENERATOR_VERSION", "SEED", "TYPES", "generate_links", "graph_dir", "sources_table", "write_graph"]

SEED = 20240611
GENERATOR_VERSION = 1
"""Bumped whenever the output of :func:`generate_links` changes, so cached files are remade."""

TYPES = ("cause", "condition", "symptom", "treatment", "concept")
_TYPE_WEIGHTS = (0.15, 0.30, 0.20, 0.20, 0.15)
_RELATIONS = {
    "cause": ("can lead to", "raises the risk of"),
    "condition": ("can cause", "is linked to"),
    "symptom": ("is a sign of", "can come with"),
    "treatment": ("treats", "eases"),
    "concept": ("is part of", "helps explain"),
}
_SECTIONS = {
    "cause": "What causes it?",
    "condition": "What is it?",
    "symptom": "What are the symptoms?",
    "treatment": "How is it treated?",
    "concept": "Background",
}
_FIRST = (
    "Dopamine",
    "Serotonin",
    "Nerve",
    "Muscle",
    "Sleep",
    "Brain",
    "Blood",
    "Stress",
    "Mood",
    "Gut",
    "Hormone",
    "Memory",
    "Motor",
    "Iron",
    "Protein",
    "Vitamin",
)
_SECOND = (
    "deficiency",
    "receptor",
    "signalling",
    "disorder",
    "therapy",
    "fatigue",
    "tremor",
    "pathway",
    "level",
    "response",
    "damage",
    "balance",
    "training",
    "supplement",
    "loss",
    "activity",
)
_SOURCE_COUNT = 9
# scale_free_graph adds about 2.17 edges per node; self-loops and repeats take a few per cent.
_LINKS_PER_NODE = 2.0


def generate_links(links: int, seed: int = SEED) -> pd.DataFrame:
    """A scale-free graph with exactly ``links`` links, as an edges table in the CSV schema.

    Example
    -------
    >>> table = generate_links(100)
    >>> len(table), list(table.columns)[:3]
    (100, ['source', 'source_type', 'relation'])
    """
    if links < 1:
        raise ValueError("a graph needs at least one link")
    nodes = max(8, math.ceil(links / _LINKS_PER_NODE))
    while True:
        table = _grow(nodes, seed)
        if len(table) >= links:
            break
        nodes = math.ceil(nodes * links / len(table) * 1.02)
    rng = np.random.default_rng(seed + 1)
    keep = np.sort(rng.choice(len(table), size=links, replace=False))
    return table.iloc[keep].reset_index(drop=True)


def _grow(nodes: int, seed: int) -> pd.DataFrame:
    graph = nx.scale_free_graph(nodes, seed=seed)
    pairs = np.array([(u, v) for u, v in graph.edges() if u != v], dtype=np.int64)
    rng = np.random.default_rng(seed)
    count = graph.number_of_nodes()
    kind = rng.choice(len(TYPES), size=count, p=_TYPE_WEIGHTS)
    first = rng.integers(len(_FIRST), size=count)
    second = rng.integers(len(_SECOND), size=count)
    label = np.array([f"{_FIRST[a]} {_SECOND[b]} {i}" for i, (a, b) in enumerate(zip(first, second, strict=True))], dtype=object)

    source, target = pairs[:, 0], pairs[:, 1]
    variant = rng.integers(2, size=len(pairs))
    # One statement once: the same source, relation and target twice would be a repeated row.
    codes = pd.DataFrame({"s": source, "r": variant, "t": target})
    unique = ~codes.duplicated().to_numpy()
    source, target, variant = source[unique], target[unique], variant[unique]

    types = np.array(TYPES, dtype=object)
    relation_names = np.array([[_RELATIONS[t][0] for t in TYPES], [_RELATIONS[t][1] for t in TYPES]], dtype=object)
    relation = relation_names[variant, kind[source]]
    numbers = rng.integers(1, _SOURCE_COUNT + 1, size=(len(source), 2))
    cited = np.where(
        numbers[:, 0] == numbers[:, 1],
        numbers[:, 0].astype(str),
        pd.Series(numbers[:, 0].astype(str)) + ";" + pd.Series(numbers[:, 1].astype(str)),
    )
    src_label, dst_label = label[source], label[target]
    return pd.DataFrame(
        {
            "source": src_label,
            "source_type": types[kind[source]],
            "relation": relation,
            "target": dst_label,
            "target_type": types[kind[target]],
            "section": np.array([_SECTIONS[t] for t in TYPES], dtype=object)[kind[source]],
            "explanation": "In this made-up graph, " + src_label + " " + relation + " " + dst_label + ".",
            "sources": cited,
        }
    )


def sources_table() -> pd.DataFrame:
    """The numbered sources the synthetic links cite."""
    numbers = range(1, _SOURCE_COUNT + 1)
    return pd.DataFrame(
        {
            "number": [str(n) for n in numbers],
            "title": [f"Synthetic source {n}" for n in numbers],
            "publisher": "Benchmark",
            "date": "2024-01-01",
            "note": "made up for the benchmark",
        }
    )


def graph_dir(out: Path, links: int, seed: int = SEED) -> Path:
    return Path(out) / f"links-{links}-seed-{seed}"


def write_graph(links: int, out: Path, seed: int = SEED) -> Path:
    """Write ``edges.csv`` and ``sources.csv`` for a graph of ``links`` links; return the edges path.

    The files are kept in ``out`` and reused while the size, seed and generator version match.
    """
    folder = graph_dir(out, links, seed)
    edges, sources, meta_path = folder / "edges.csv", folder / "sources.csv", folder / "meta.json"
    meta = {"links": links, "seed": seed, "generator": GENERATOR_VERSION, "networkx": nx.__version__}
    if edges.is_file() and sources.is_file() and meta_path.is_file():
        try:
            if {k: v for k, v in json.loads(meta_path.read_text()).items() if k in meta} == meta:
                return edges
        except ValueError:
            pass
    folder.mkdir(parents=True, exist_ok=True)
    table = generate_links(links, seed)
    tmp = edges.with_suffix(".tmp")
    table.to_csv(tmp, index=False)
    tmp.replace(edges)
    sources_table().to_csv(sources, index=False)
    concepts = pd.unique(pd.concat([table["source"], table["target"]]))
    meta.update(concepts=len(concepts), bytes=edges.stat().st_size)
    meta_path.write_text(json.dumps(meta, indent=1))
    return edges
