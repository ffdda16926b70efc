"""The app's work at the largest graph it accepts (KG_MAX_ROWS, 200,000 links), measured in a fresh process.

``python -m bench.app_scale EDGES_CSV`` prints one JSON object. What the app does for each step,
through the same library calls (its panels only draw what they return):

- upload → picture: ``load_files`` on the uploaded bytes (as ``explorer/panels/graphs.py`` does), then the
  first view's payload (``build_view(...).to_vis()`` around the default focus);
- click → details: a new focus's view payload and its links as sentences (``links_of``);
- search: ``search`` as typed in the search box: the first (which builds the graph's index) and
  the median of the rest;
- key concepts: ``key_concepts`` (betweenness), the first time (the app keeps it per graph);
- export: each whole-graph download.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

from graph.core.query import key_concepts, links_of, search
from graph.files.export import export
from graph.files.load import load_files
from graph.picture.view import DEFAULT_CAP, build_view

__all__ = ["main", "measure_app_scale"]

SEARCHES = (
    "serotonin",
    "Gut supplement 0",
    "stres activty",
    "vitamin therapy 12",
    "memory",
    "zzqx",
    "iron pathway 3",
    "mood damage",
    "dopamine respons",
    "blood",
)


def measure_app_scale(edges: Path, clicks: int = 20, seed: int = 7) -> dict:
    files = [(edges.name, edges.read_bytes())]
    if (sources := edges.with_name("sources.csv")).exists():
        files.append((sources.name, sources.read_bytes()))
    result: dict = {"links": None}

    began, cpu = time.perf_counter(), time.process_time()
    kg = load_files(tuple(files), max_rows=None)
    loaded = time.perf_counter() - began
    payload = build_view(kg, kg.default_focus, 1, cap=DEFAULT_CAP).to_vis()
    result["upload_to_picture_s"] = time.perf_counter() - began
    result["upload_to_picture_cpu_s"] = time.process_time() - cpu
    result["upload_load_s"] = loaded
    result["links"], result["concepts"] = len(kg.links), len(kg.concepts)
    result["first_view_concepts"] = len(payload["nodes"])

    rng = random.Random(seed)
    concepts = rng.sample(list(kg.graph.nodes), clicks)
    click_times = []
    for concept in concepts:
        began = time.perf_counter()
        build_view(kg, concept, 1, cap=DEFAULT_CAP).to_vis()
        links_of(kg, concept)
        click_times.append(time.perf_counter() - began)
    result["click_median_s"] = statistics.median(click_times)
    result["click_max_s"] = max(click_times)

    search_times = []
    cpu = time.process_time()
    for text in SEARCHES:
        began = time.perf_counter()
        search(kg, text)
        search_times.append(time.perf_counter() - began)
        if len(search_times) == 1:
            result["search_first_cpu_s"] = time.process_time() - cpu
    result["search_first_s"] = search_times[0]
    result["search_median_s"] = statistics.median(search_times[1:])
    result["search_max_s"] = max(search_times[1:])

    began, cpu = time.perf_counter(), time.process_time()
    key_concepts(kg, top=10)
    result["key_concepts_s"] = time.perf_counter() - began
    result["key_concepts_cpu_s"] = time.process_time() - cpu

    result["export_s"], result["export_cpu_s"], result["export_mb"] = {}, {}, {}
    for fmt in ("csv", "json", "graphml", "gexf"):
        began, cpu = time.perf_counter(), time.process_time()
        data = export(kg, fmt)
        result["export_s"][fmt] = time.perf_counter() - began
        result["export_cpu_s"][fmt] = time.process_time() - cpu
        result["export_mb"][fmt] = len(data) / 1024 / 1024
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.app_scale")
    parser.add_argument("edges", type=Path)
    args = parser.parse_args(argv)
    json.dump(measure_app_scale(args.edges), sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
