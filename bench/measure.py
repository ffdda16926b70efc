"""One size, measured in a fresh process: load, first view and clicks. Prints one JSON object.

Run by ``python -m bench`` as ``python -m bench.measure EDGES_CSV --reps N`` so that each
size's peak memory is its own. Peak memory is ``resource.getrusage(RUSAGE_SELF).ru_maxrss``
(the process's peak resident set size), reported as the peak itself and as the growth over
the peak before loading (after the imports).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import math
import pstats
import resource
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

import graph.files.load as load_module
from graph.files.load import load_graph
from graph.picture.view import DEFAULT_CAP, build_view

__all__ = ["main", "summarise"]

# Stages of graph.files.load, timed by wrapping the module's own functions (never edited); a name
# that has gone (the library changes) simply drops out of the split.
_VALIDATE = ("_check_links", "_check_sources", "_check_nodes", "_concept_types", "_first_mentions", "_check_types")
_ASSEMBLE = "_assemble"
_BUILD = "build_graph"
MIN_REPS = 11


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.measure")
    parser.add_argument("edges", type=Path)
    parser.add_argument("--reps", type=int, default=51, help="timed repetitions of each click")
    parser.add_argument(
        "--budget", type=float, default=10.0, help=f"seconds of repetitions per click, after at least {MIN_REPS} (default 10)"
    )
    parser.add_argument("--cap", type=int, default=DEFAULT_CAP)
    parser.add_argument("--profile", type=Path, help="also write cProfile reports (load, hub click) to this folder")
    args = parser.parse_args(argv)
    result = measure(args.edges, args.reps, args.cap, args.budget)
    if args.profile:
        result["profiles"] = profile(args.edges, result, args.cap, args.profile)
    json.dump(result, sys.stdout)
    return 0


def measure(edges: Path, reps: int, cap: int, budget_s: float = 10.0) -> dict:
    before = _maxrss_mb()
    stages, restore = _time_stages()
    started, cpu = time.perf_counter(), time.process_time()
    kg = load_graph(edges)
    load_s = time.perf_counter() - started
    load_cpu_s = time.process_time() - cpu
    restore()
    peak = _maxrss_mb()
    split = _split(load_s, stages)
    # The content key every cached view of the graph is keyed by: worked out once, on first use.
    started = time.perf_counter()
    _ = kg.key
    key_s = time.perf_counter() - started

    started = time.perf_counter()
    focus = kg.default_focus
    first = build_view(kg, focus, depth=1, cap=cap).to_vis()
    first_view_s = time.perf_counter() - started

    degree = dict(kg.graph.degree())
    hub = max(degree, key=lambda n: (degree[n], n))
    ranked = sorted(degree, key=lambda n: (degree[n], n))
    ordinary = ranked[len(ranked) // 2]
    # The app passes the types shown (all of them unless some are hidden) rather than None.
    every_type = set(kg.concepts["type"])
    cases = [
        ("hub", hub, 1, None),
        ("hub", hub, 2, None),
        ("median", ordinary, 1, None),
        ("median", ordinary, 2, None),
        ("hub, all types passed (as the app)", hub, 1, every_type),
    ]
    clicks = []
    for role, concept, depth, types in cases:
        clicks.append(
            {
                "role": role,
                "concept": concept,
                "degree": degree[concept],
                "neighbours": len(set(nx.all_neighbors(kg.graph, concept))),
                "depth": depth,
                **_time_click(kg, concept, depth, types, cap, reps, budget_s),
            }
        )
    return {
        "edges": str(edges),
        "links": len(kg.links),
        "concepts": kg.graph.number_of_nodes(),
        "load_s": load_s,
        "load_cpu_s": load_cpu_s,
        "load_split_s": split,
        "key_s": key_s,
        "rss_before_mb": before,
        "peak_rss_mb": peak,
        "peak_growth_mb": peak - before,
        "first_view": {"focus": focus, "seconds": first_view_s, "bytes": _size(first), "nodes": len(first["nodes"])},
        "load_and_first_view_s": load_s + first_view_s,
        "clicks": clicks,
        "reps": reps,
        "cap": cap,
    }


def summarise(times: list[float]) -> dict:
    """Median and p90 (nearest rank) of ``times`` in milliseconds."""
    ordered = sorted(times)
    p90 = ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]
    return {"median_ms": statistics.median(ordered) * 1000, "p90_ms": p90 * 1000, "min_ms": ordered[0] * 1000}


def _time_click(kg, concept: str, depth: int, types: set | None, cap: int, reps: int, budget_s: float) -> dict:
    started = time.perf_counter()
    view = build_view(kg, concept, depth=depth, types=types, cap=cap)
    payload = view.to_vis()
    first_s = time.perf_counter() - started
    times: list[float] = []
    cpu_times: list[float] = []
    deadline = time.perf_counter() + budget_s
    for _ in range(reps):
        if len(times) >= MIN_REPS and time.perf_counter() > deadline:
            break  # enough for a median; a slow click should not hold up the whole run
        started, cpu = time.perf_counter(), time.process_time()
        build_view(kg, concept, depth=depth, types=types, cap=cap).to_vis()
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu)
    return {
        "first_ms": first_s * 1000,
        **summarise(times),
        "cpu_median_ms": statistics.median(cpu_times) * 1000,
        "reps": len(times),
        "bytes": _size(payload),
        "nodes": len(payload["nodes"]),
        "edges": len(payload["edges"]),
        "left_out": view.left_out,
        "more_marks": len(view.around.not_drawn),
        "more_total": sum(view.around.not_drawn.values()),
    }


def _size(payload: dict) -> int:
    return len(json.dumps(payload).encode("utf-8"))


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _time_stages():
    """Wrap graph.files.load's stage functions to add up the time spent in each; return (totals, restore)."""
    totals: dict[str, float] = {}
    originals = {}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                totals[name] = totals.get(name, 0.0) + time.perf_counter() - started

        return wrapper

    for name in (*_VALIDATE, _ASSEMBLE, _BUILD):
        function = getattr(load_module, name, None)
        if callable(function):
            originals[name] = function
            setattr(load_module, name, timed(name, function))

    def restore():
        for name, function in originals.items():
            setattr(load_module, name, function)

    return totals, restore


def _split(total: float, stages: dict[str, float]) -> dict | None:
    if _ASSEMBLE not in stages or _BUILD not in stages:
        return None
    validate = sum(stages.get(name, 0.0) for name in _VALIDATE)
    return {
        "read": total - validate - stages[_ASSEMBLE] - stages[_BUILD],  # file read, decode, parse, trim
        "validate": validate,
        "tables": stages[_ASSEMBLE],  # links and concepts tables (the graph is built after them)
        "graph": stages[_BUILD],  # networkx MultiDiGraph
    }


@contextmanager
def _profiled(path: Path):
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        yield
    finally:
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
        path.write_text(out.getvalue())


def profile(edges: Path, result: dict, cap: int, folder: Path) -> dict:
    """cProfile reports (top 30 by cumulative time) of loading and of the hub and median clicks."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"profile-{result['links']}"
    written = {}
    gc.collect()
    with _profiled(folder / f"{stem}-load.txt"):
        kg = load_graph(edges)
    written["load"] = str(folder / f"{stem}-load.txt")
    for click in result["clicks"][:4]:
        name = f"{stem}-{click['role']}-depth{click['depth']}.txt"
        with _profiled(folder / name):
            build_view(kg, click["concept"], depth=click["depth"], cap=cap).to_vis()
        written[f"{click['role']}-depth{click['depth']}"] = str(folder / name)
    return written


if __name__ == "__main__":
    raise SystemExit(main())
