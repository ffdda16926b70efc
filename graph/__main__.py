"""Command line: ``python -m graph check|show|path|export``.

Bad input exits non-zero with a message for a person, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.export import FORMATS, export, to_html, vis_assets
from graph.load import ValidationError, load_graph
from graph.model import KnowledgeGraph
from graph.query import ConceptNotFound, explain_paths, find_concept, links_of, neighbourhood
from graph.view import build_view


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graph", description="Check, explore and export a knowledge graph CSV.")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate a graph and summarise it")
    check.add_argument("path", help="the edges CSV file")

    show = commands.add_parser("show", help="a concept, its description and its links as sentences")
    show.add_argument("path")
    show.add_argument("concept")
    show.add_argument("--depth", type=int, default=1, choices=(1, 2, 3), help="also list concepts this many links away")

    path = commands.add_parser("path", help="how two concepts are connected, explained")
    path.add_argument("path")
    path.add_argument("start", metavar="FROM")
    path.add_argument("end", metavar="TO")

    out = commands.add_parser("export", help="write the graph as GraphML, GEXF, JSON, CSV or a standalone HTML page")
    out.add_argument("path")
    out.add_argument("--format", required=True, choices=FORMATS)
    out.add_argument("-o", "--output", required=True, help="the file to write")

    args = parser.parse_args(argv)
    try:
        kg = load_graph(args.path)
        return {"check": _check, "show": _show, "path": _path, "export": _export}[args.command](kg, args)
    except ValidationError as err:
        print(f"{args.path} cannot be used as it is.\n{err.report()}", file=sys.stderr)
        return 1
    except ConceptNotFound as err:
        print(err, file=sys.stderr)
        return 2
    except OSError as err:
        print(f"Cannot write {getattr(args, 'output', '')}: {err.strerror}.", file=sys.stderr)
        return 1


def _check(kg: KnowledgeGraph, args) -> int:
    # Counted from the tables: networkx counts a MultiDiGraph's links one adjacency dict at a time (2 s at 1M links).
    print(f"{args.path} is valid: {len(kg.concepts)} concepts, {len(kg.links)} links.")
    print("Concepts per type:")
    for kind, count in kg.concepts["type"].value_counts().items():
        print(f"  {kind:<14}{count:>6}")
    print("Links per relation (top 10):")
    for relation, count in kg.links["relation"].value_counts().head(10).items():
        print(f"  {relation:<28}{count:>6}")
    return 0


def _show(kg: KnowledgeGraph, args) -> int:
    concept = find_concept(kg, args.concept)
    info = kg.concept(concept)
    group = f", {info['group']}" if info["group"] else ""
    print(f"{concept} ({info['type']}{group})")
    if info["description"]:
        print(f"  {info['description']}")
    outgoing, incoming = links_of(kg, concept)
    for heading, links in (("Links out", outgoing), ("Links in", incoming)):
        print(f"\n{heading} ({len(links)}):")
        for link in links:
            print(f"  {link.sentence}")
            _evidence(kg, link)
    if args.depth > 1:
        around = neighbourhood(kg, concept, depth=args.depth)
        for level in range(2, args.depth + 1):
            names = sorted(n for n, d in around.distance.items() if d == level)
            print(f"\n{level} links away ({len(names)}): {', '.join(names)}")
    return 0


def _path(kg: KnowledgeGraph, args) -> int:
    start, end = find_concept(kg, args.start), find_concept(kg, args.end)
    result = explain_paths(kg, start, end)
    if start == end:
        print(f"'{start}' and '{end}' are the same concept.")
        return 0
    print(result.summary())
    if not result.found:
        print(f"  From '{start}' one can reach: {', '.join(result.reach_from) or 'nothing'}")
        print(f"  From '{end}' one can reach: {', '.join(result.reach_to) or 'nothing'}")
        return 3
    for number, chain in enumerate(result.paths, 1):
        print(f"\nPath {number}:")
        for link in chain:
            print(f"  {link.sentence}")
            _evidence(kg, link)
    return 0


def _export(kg: KnowledgeGraph, args) -> int:
    if args.format == "html":
        view = build_view(kg, kg.default_focus, depth=None)
        data = to_html(view.to_vis(), Path(args.path).name, *vis_assets())
    else:
        data = export(kg, args.format)
    Path(args.output).write_bytes(data)
    print(f"Wrote {args.output} ({args.format}, {len(data):,} bytes).")
    return 0


def _evidence(kg: KnowledgeGraph, link) -> None:
    where = [f"section: {link.section}"] if link.section else []
    if link.sources:
        where.append("sources: " + "; ".join(kg.source_label(n) for n in link.sources))
    if where:
        print(f"      {' | '.join(where)}")
    if link.explanation:
        print(f"      {link.explanation}")


if __name__ == "__main__":
    sys.exit(main())
