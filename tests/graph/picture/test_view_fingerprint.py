"""A set of views drawn exactly as they were recorded: the picture's speed-ups must not change a picture.

Each view's vis-network payload (``build_view(...).to_vis()``) is kept as a fingerprint in
``tests/fixtures/view_fingerprints.json``: every position (rounded to 1e-6 px), every line's bend, and a
hash of the whole payload with its numbers rounded the same way. A change that is meant to change
what is drawn (a new placement, say) records them again, in the same commit:

    PYTHONPATH=$PWD .venv/bin/python -m tests.graph.picture.test_view_fingerprint
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from functools import cache
from pathlib import Path

import pytest

from bench.synthetic import write_graph
from graph.core.model import KnowledgeGraph
from graph.files.load import load_graph
from graph.picture.view import build_view

REPO = Path(__file__).resolve().parents[3]
RECORD = REPO / "tests" / "fixtures" / "view_fingerprints.json"
_DIGITS = 6
_SYNTHETIC_LINKS = 1000


def _article() -> KnowledgeGraph:
    return load_graph(REPO / "data" / "edges.csv")


def _water_cycle() -> KnowledgeGraph:
    return load_graph(REPO / "tests" / "fixtures" / "app" / "water_cycle.csv")


def _synthetic() -> KnowledgeGraph:
    """A graph made as the benchmark makes its graphs (same generator, same seed)."""
    with tempfile.TemporaryDirectory() as folder:
        return load_graph(write_graph(_SYNTHETIC_LINKS, Path(folder)))


def _hub(kg: KnowledgeGraph) -> str:
    """The most connected concept, as the benchmark picks it."""
    degree = dict(kg.graph.degree())
    return max(degree, key=lambda n: (degree[n], n))


def _median(kg: KnowledgeGraph) -> str:
    """An ordinary concept, as the benchmark picks it."""
    degree = dict(kg.graph.degree())
    return sorted(degree, key=lambda n: (degree[n], n))[len(degree) // 2]


_GRAPHS = {"article": _article, "water cycle": _water_cycle, "synthetic": _synthetic}
# (graph, focus: a name or "hub" / "median", depth: None is the whole map)
VIEWS: list[tuple[str, str, int | None]] = [
    ("article", "hub", 1),
    ("article", "hub", 2),
    ("article", "hub", 3),
    ("article", "hub", None),
    ("article", "Parkinson's disease", 2),
    ("article", "Levodopa", 1),
    ("water cycle", "hub", 1),
    ("water cycle", "hub", None),
    ("synthetic", "hub", 1),
    ("synthetic", "hub", 2),
    ("synthetic", "median", 2),
]


@cache
def _graph(name: str) -> KnowledgeGraph:
    return _GRAPHS[name]()


def _key(graph: str, focus: str, depth: int | None) -> str:
    return f"{graph} | {focus} | {'all' if depth is None else depth}"


def _rounded(value):
    if isinstance(value, float):
        return round(value, _DIGITS) + 0.0  # + 0.0: -0.0 and 0.0 are one
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def fingerprint(graph: str, focus: str, depth: int | None) -> dict:
    """What a view draws: its payload's positions and bends, and a hash of the whole payload (numbers rounded)."""
    kg = _graph(graph)
    concept = {"hub": _hub, "median": _median}.get(focus, lambda _: focus)(kg)
    payload = _rounded(build_view(kg, concept, depth=depth).to_vis())
    text = json.dumps(payload, sort_keys=True, ensure_ascii=True)
    return {
        "focus": concept,
        "positions": {node["id"]: [node.get("x"), node.get("y")] for node in payload["nodes"]},
        "bends": {str(edge.get("id")): edge.get("smooth") for edge in payload["edges"]},
        "payload_sha256": hashlib.sha256(text.encode()).hexdigest(),
    }


@pytest.mark.parametrize(("graph", "focus", "depth"), VIEWS, ids=[_key(*v) for v in VIEWS])
def test_view_is_drawn_as_recorded(graph, focus, depth):
    recorded = json.loads(RECORD.read_text())[_key(graph, focus, depth)]
    now = fingerprint(graph, focus, depth)
    assert now["focus"] == recorded["focus"]
    moved = {k: (recorded["positions"].get(k), v) for k, v in now["positions"].items() if recorded["positions"].get(k) != v}
    assert not moved, f"{len(moved)} of {len(now['positions'])} items moved, e.g. {list(moved.items())[:3]}"
    assert now["positions"].keys() == recorded["positions"].keys()
    assert now["bends"] == recorded["bends"]
    assert now["payload_sha256"] == recorded["payload_sha256"]


def record() -> None:
    """Record every view's fingerprint (run on the code whose pictures are the reference)."""
    RECORD.write_text(json.dumps({_key(*v): fingerprint(*v) for v in VIEWS}, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    record()
    print(f"recorded {len(VIEWS)} views in {RECORD}", file=sys.stderr)
