"""Command line: ``python -m graph check|show|path|export|quiz|score|publish|maps|draft|submit|results``.

Bad input exits non-zero with a message for a person, never a traceback. What it prints is made
safe for a terminal: control characters from the data are shown escaped (an escape sequence in a
concept's name must not clear the screen), and a console that cannot show "→" gets "->".
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from graph import settings
from graph.classroom import commands as class_commands
from graph.core.model import KnowledgeGraph
from graph.core.query import ConceptNotFound, explain_paths, find_concept, links_of, neighbourhood
from graph.core.sentences import sentence
from graph.files.export import FORMATS, export, to_csv_zip, to_html, vis_assets, whole_graph_payload
from graph.files.load import Problem, Tables, ValidationError, load_graph, read_file, read_tables
from graph.teaching.quiz import make_quiz, worksheet
from graph.teaching.score import Reference, read_learner_map, score_map


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

    quiz = commands.add_parser("quiz", help="a quiz made from the graph: a Markdown worksheet with its answer key, or JSON")
    quiz.add_argument("path")
    quiz.add_argument("--seed", type=int, required=True, help="the same seed gives the same quiz")
    quiz.add_argument("--count", type=int, default=5, help="how many questions (fewer if the graph does not support more)")
    quiz.add_argument("--json", action="store_true", help="print the questions as a JSON list")

    score = commands.add_parser(
        "score", help="score a learner's map (CSV: source,relation,target) against the graph, link by link"
    )
    score.add_argument("path", metavar="REFERENCE", help="the reference graph's edges CSV")
    score.add_argument("learner", metavar="LEARNER", help="a learner's map CSV, or a folder of them (one results CSV for all)")
    score.add_argument("--json", action="store_true", help="print the verdicts as JSON (one map only)")
    score.add_argument("-o", "--output", help="with a folder: write the results CSV here (default: print it)")

    _add_map_commands(commands)
    _add_draft_command(commands)
    class_commands.add_commands(commands)
    args = parser.parse_args(argv)
    with _TerminalSafe():
        if unreadable := _not_utf8(args):
            print(f"{unreadable} is not UTF-8 text; type it again (file names may be in any encoding).", file=sys.stderr)
            return 2
        if args.command == "draft":
            return _draft(args)
        if args.command in ("publish", "maps"):
            return _map_command(args)
        if args.command in class_commands.COMMANDS:
            return class_commands.run(args, max_file_bytes())
        return _run(args)


_PATHS = {"command", "path", "learner", "files", "output"}
"""Arguments that name files: a file name need not be UTF-8 (Python keeps its bytes), the rest is text."""


def _not_utf8(args) -> str | None:
    """The option whose text came in an encoding other than UTF-8 (Python keeps such bytes as surrogates,
    which cannot be stored, printed or compared), or None."""
    for name, given in vars(args).items():
        if name in _PATHS or not isinstance(given, str):
            continue
        try:
            given.encode("utf-8")
        except UnicodeEncodeError:
            return "--" + name.replace("map_id", "map") if name in {"title", "description", "key", "map_id"} else name.upper()
    return None


def max_file_bytes() -> int:
    """The largest file the command line reads: ``KG_MAX_FILE_MB`` as it is set when a file is read."""
    return int(settings.value("KG_MAX_FILE_MB") * 1024 * 1024)


# Control characters (but line breaks and tabs), and the invisible marks that reverse the order text is shown in.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FALLBACKS = {"→": "->", "…": "...", "–": "-", "—": "-", "·": "-"}


class _TerminalSafe:
    """While active, ``sys.stdout`` and ``sys.stderr`` escape control characters, fall back to ASCII
    for what the console's encoding lacks, and a closed pipe (``| head``) ends the program silently."""

    def __enter__(self):
        self.saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = _SafeStream(sys.stdout), _SafeStream(sys.stderr)
        return self

    def __exit__(self, kind, error, traceback):
        sys.stdout, sys.stderr = self.saved
        if kind is None:
            try:  # output to a pipe is buffered: the reader may be gone by the last write
                sys.stdout.flush()
            except BrokenPipeError:
                kind = BrokenPipeError
        if kind is not None and issubclass(kind, BrokenPipeError):
            _silence_stdout()
            raise SystemExit(1)
        return False


class _SafeStream:
    def __init__(self, stream):
        self.stream = stream
        self.encoding = getattr(stream, "encoding", None) or "utf-8"

    def write(self, text: str) -> int:
        text = _UNSAFE.sub(lambda m: ascii(m.group(0))[1:-1], text)
        try:
            text.encode(self.encoding)
        except (UnicodeEncodeError, LookupError):
            for wide, narrow in _FALLBACKS.items():
                text = text.replace(wide, narrow)
            text = text.encode(self.encoding, "backslashreplace").decode(self.encoding)
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name):
        return getattr(self.stream, name)


def _silence_stdout() -> None:
    """After a reader such as ``head`` has gone, Python's last flush would complain: point stdout at /dev/null."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _run(args) -> int:
    try:
        if Path(args.path).suffix.lower() in _CONVERTED:  # CmapTools' CXL, read into the CSV schema
            kg = _load_converted(args.path)
            if args.command == "check":
                return _check(kg, args)
        elif args.command == "check":  # the tables say all it prints: the networkx graph is not built
            return _check(read_tables(args.path, max_bytes=max_file_bytes()), args)
        else:
            kg = load_graph(args.path, max_bytes=max_file_bytes())
        commands = {"show": _show, "path": _path, "export": _export, "quiz": _quiz, "score": _score}
        return commands[args.command](kg, args)
    except BrokenPipeError:
        raise
    except ValidationError as err:
        print(f"{args.path} cannot be used as it is.\n{err.report()}", file=sys.stderr)
        return 1
    except ConceptNotFound as err:
        print(err, file=sys.stderr)
        return 2
    except OSError as err:
        print(f"Cannot write {getattr(args, 'output', '')}: {err.strerror}.", file=sys.stderr)
        return 1


_CONVERTED = (".cxl",)
"""Formats read into the CSV schema first (graph.files.formats), as the uploader reads them."""


def _load_converted(path: str) -> KnowledgeGraph:
    from graph.files.formats import to_csv_files
    from graph.files.load import load_files

    file = Path(path)
    size, limit = file.stat().st_size if file.is_file() else 0, max_file_bytes()
    if not file.is_file() or size > limit:
        why = (
            "is not a regular file"
            if not file.is_file()
            else f"the file is {size / 1e6:,.1f} MB; the limit is {limit / 1e6:,.0f} MB"
        )
        raise ValidationError([Problem(file.name, None, None, f"{why}.")])
    return load_files(to_csv_files([(file.name, _read(file))]))


def _check(kg: Tables | KnowledgeGraph, args) -> int:
    # Every concept is a row of the concepts table and every link a row of the links table, as in the graph.
    print(f"{args.path} is valid: {len(kg.concepts)} concepts, {len(kg.links)} links.")
    if kg.notices:
        print("To put right (the graph loads, but these links cite sources it does not list):")
        for notice in kg.notices:
            print(f"  {notice}")
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
    output = Path(args.output)
    if clash := _own_input(output, Path(args.path)):
        print(
            f"{args.output} is the graph's own file {clash}; choose another output, or the graph would be overwritten.",
            file=sys.stderr,
        )
        return 1
    note = None
    if args.format == "html":
        payload, note = whole_graph_payload(kg)
        title = Path(args.path).name + (f" ({note})" if note else "")
        data = to_html(payload, title, *vis_assets())
    elif args.format == "csv" and output.suffix.lower() == ".zip":
        data = to_csv_zip(kg)
    elif args.format == "csv" and output.suffix.lower() != ".csv":
        return _export_folder(kg, output)
    else:
        data = export(kg, args.format)
        if args.format == "csv":
            note = "the links only; for concepts' descriptions and groups and the sources too, write to a folder or a .zip"
    output.write_bytes(data)
    print(f"Wrote {args.output} ({args.format}, {len(data):,} bytes){f': {note}' if note else ''}.")
    return 0


def _export_folder(kg: KnowledgeGraph, folder: Path) -> int:
    """edges.csv, nodes.csv and sources.csv in ``folder``: the whole graph, which ``check FOLDER`` reads back."""
    from graph.files.export import to_nodes_csv, to_sources_csv

    folder.mkdir(exist_ok=True)
    files = {"edges.csv": export(kg, "csv"), "nodes.csv": to_nodes_csv(kg)}
    if len(kg.sources):
        files["sources.csv"] = to_sources_csv(kg)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    print(f"Wrote {', '.join(files)} in {folder} (csv, {sum(map(len, files.values())):,} bytes).")
    return 0


def _own_input(output: Path, source: Path) -> str | None:
    """The name of the input file that ``output`` is (edges, or nodes.csv or sources.csv beside them), or None."""
    edges = source / "edges.csv" if source.is_dir() else source
    inputs = [edges, edges.with_name("nodes.csv"), edges.with_name("sources.csv")]
    targets = [output] if not output.is_dir() else [output / name for name in ("edges.csv", "nodes.csv", "sources.csv")]
    for target in targets:
        for candidate in inputs:
            try:
                if target.exists() and candidate.exists() and os.path.samefile(target, candidate):
                    return candidate.name
            except OSError:
                continue
    return None


def _evidence(kg: KnowledgeGraph, link) -> None:
    where = [f"section: {link.section}"] if link.section else []
    if link.sources:
        where.append("sources: " + "; ".join(kg.source_label(n) for n in link.sources))
    if where:
        print(f"      {' | '.join(where)}")
    if link.explanation:
        print(f"      {link.explanation}")


def _quiz(kg: KnowledgeGraph, args) -> int:
    if args.count < 0:
        print(f"--count must be 0 or more, not {args.count}.", file=sys.stderr)
        return 2
    questions = make_quiz(kg, args.seed, args.count)
    if args.json:
        print(json.dumps([q.to_dict() for q in questions], indent=2, ensure_ascii=False))
    else:
        print(worksheet(questions, f"Quiz {args.seed} on {Path(args.path).name}"), end="")
    return 0


def _score(kg: KnowledgeGraph, args) -> int:
    reference = Reference(kg)
    learner = Path(args.learner)
    if learner.is_dir():
        return _score_folder(reference, learner, args)
    try:
        result = score_map(reference, read_learner_map(_read(learner), learner.name))
    except ValidationError as err:
        print(f"{learner} cannot be scored as it is.\n{err.report()}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return 0
    verb = "is" if result.matches == 1 else "are"
    print(
        f"Score: {result.score:.2f}: {result.headline} {verb} right ({len(result.verdicts)} drawn, {len(result.missing)} missing)."
    )
    for verdict in result.verdicts:
        said = sentence(verdict.source, verdict.relation, verdict.target, plural=reference.kg.is_plural(verdict.source))
        print(f"\n{said}: {verdict.verdict}")
        print(f"      {verdict.note}")
        if verdict.reference:
            print(f"      Reference: {verdict.reference}")
    if result.missing:
        print("\nMissing (in the reference, between concepts you used):")
        for link in result.missing:
            print(f"  {link.read()}")
    return 0


def _score_folder(reference: Reference, folder: Path, args) -> int:
    """One results CSV for a folder of maps: a row per proposition and per missing link.

    Written as the graph's CSV export is (:func:`graph.files.export.safe_csv`): a learner's file name or cell
    such as ``=HYPERLINK(…)`` is text in a spreadsheet, never a formula."""
    import pandas as pd

    from graph.files.export import safe_csv

    rows = []
    failed = 0
    for path in sorted(folder.glob("*.csv")):
        try:
            result = score_map(reference, read_learner_map(_read(path), path.name))
        except ValidationError as err:
            print(f"{path.name} was skipped.\n{err.report()}", file=sys.stderr)
            failed += 1
            continue
        for row in result.to_dict()["propositions"]:
            rows.append(
                [path.stem, result.score, row["source"], row["relation"], row["target"], row["verdict"], row["reference"]]
            )
        for link in result.missing:
            rows.append([path.stem, result.score, link.source, link.relation, link.target, "missing", link.read()])
    columns = ["learner", "score", "source", "relation", "target", "verdict", "reference"]
    data = safe_csv(pd.DataFrame(rows, columns=columns).astype(str))
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.write(data.decode("utf-8"))
    return 1 if failed else 0


def _read(path: Path) -> bytes:
    """A regular file of at most KG_MAX_FILE_MB (not /dev/zero, not a FIFO), or a ValidationError saying why."""
    return read_file(path, max_file_bytes())


def _add_map_commands(commands) -> None:
    publish = commands.add_parser("publish", help="save a graph as a classroom map and print its learner and teacher links")
    publish.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="the links file (CSV, GraphML, GEXF or .xlsx), with nodes.csv, sources.csv and tour….csv if any",
    )
    publish.add_argument("--title", help="what learners see as the map's name (required for a new map)")
    publish.add_argument("--description", help="a line or two about the map")
    publish.add_argument("--map", dest="map_id", metavar="ID", help="add a new version to this map (needs --key)")
    publish.add_argument("--key", help="the map's edit key, from its teacher link")
    publish.add_argument("--note", default="", help="what this version changes (shown in the list of versions)")
    commands.add_parser("maps", help="list the classroom maps in the database (KG_DATABASE_URL)")


def _map_command(args) -> int:
    """``publish`` and ``maps``: the database is opened only here, so that checking a file never needs one."""
    from sqlalchemy.exc import SQLAlchemyError

    from graph.classroom import store

    try:
        return _publish(args, store) if args.command == "publish" else _maps(store)
    except SQLAlchemyError as err:  # store.DatabaseUnavailable among them: every one said the same way, password hidden
        print(store.database_error(err), file=sys.stderr)
        return 1


def _publish(args, store) -> int:
    from graph.files.formats import to_csv_files

    if args.map_id is None and not args.title:
        print('A new map needs a title: add --title "…" (or --map ID --key KEY to add a version).', file=sys.stderr)
        return 2
    if (args.map_id is None) != (args.key is None):
        print("--map and --key go together: both are in the map's teacher link (…?map=ID&key=KEY).", file=sys.stderr)
        return 2
    files = []
    for name in args.files:
        try:
            files.append((Path(name).name, _read(Path(name))))
        except ValidationError as err:
            print(f"Cannot read {name}: {err.problems[0].message} Nothing was published.", file=sys.stderr)
            return 1
    names = ", ".join(args.files)
    try:
        csv_files = to_csv_files(files)
        if args.map_id is None:
            saved = store.publish(csv_files, args.title, args.description or "", note=args.note)
            map_id, key, number = saved.map_id, saved.key, saved.version
        else:
            map_id, key = args.map_id, args.key
            number = store.add_version(
                map_id, key, csv_files, args.title, args.description, note=args.note, refuse_unchanged=True
            )
    except ValidationError as err:
        print(f"{names} cannot be published as it is; nothing was stored.\n{err.report()}", file=sys.stderr)
        return 1
    except (store.WrongKey, store.NothingChanged) as err:
        print(err, file=sys.stderr)
        return 1
    print(f"Saved version {number} of map {map_id}.")
    print("Learner link (read-only; give it to the class):")
    print(store.learner_link(map_id))
    print("Teacher link (keep it private: it can change the map):")
    print(store.teacher_link(map_id, key))
    return 0


def _maps(store) -> int:
    maps = store.list_maps()
    if not maps:
        print('No maps yet. Publish one with: python -m graph publish FILE --title "…"')
        return 0
    print(f"{'map id':<18}{'versions':>9}{'links':>8}  {'last saved (UTC)':<18}title")
    for item in maps:
        print(f"{item.map_id:<18}{item.versions:>9}{item.links:>8}  {item.updated_at:%Y-%m-%d %H:%M}  {item.title}")
    return 0


def _add_draft_command(commands) -> None:
    draft = commands.add_parser(
        "draft", help="draft a map from a text (.txt, .md, .html or .docx): links to review, as a links CSV"
    )
    draft.add_argument("text", metavar="TEXT", help="the text file")
    draft.add_argument("-o", "--output", required=True, help="the links CSV to write (check it with `check`)")


def _draft(args) -> int:
    """``draft``: the links a text states (graph.teaching.draft), each with its sentence, for a teacher to review."""
    from graph.teaching.draft import draft_file

    if _own_input(Path(args.output), Path(args.text)) or Path(args.output).resolve() == Path(args.text).resolve():
        print(f"{args.output} is the text itself; choose another output.", file=sys.stderr)
        return 1
    try:
        draft = draft_file(args.text)
    except ValidationError as err:
        print(f"{args.text} cannot be drafted.\n{err.report()}", file=sys.stderr)
        return 1
    if not draft.links:
        print(
            f"No links found in {args.text}: none of its {draft.sentences} sentences joins two concepts with a relation "
            "the vocabulary knows (data/relations.csv), and it has no lists under headings. Nothing was written.",
            file=sys.stderr,
        )
        return 1
    try:
        Path(args.output).write_bytes(draft.to_csv())
    except OSError as err:
        print(f"Cannot write {args.output}: {err.strerror}.", file=sys.stderr)
        return 1
    print(
        f"Wrote {args.output}: {len(draft.links)} links between {len(draft.concepts)} concepts, from {draft.sentences} sentences."
    )
    print("Each link's explanation is the sentence it was read from: review every one before using the map.")
    if draft.key_phrases:
        print("Other key phrases of the text: " + ", ".join(draft.key_phrases[:12]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
