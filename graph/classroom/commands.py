"""Command line for a class's work: ``python -m graph submit`` and ``python -m graph results``.

``submit LINK_OR_MAP_ID LEARNER.csv --name NICKNAME`` hands in a learner's map (``source, relation,
target``) on the map's newest version; ``results TEACHER_LINK`` (or ``MAP_ID --key KEY``) prints
the class's group map, the links learners added and the quiz items, as a table or ``--json``.
The database is opened only when one of these runs (:mod:`graph.classroom.results`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from graph import params
from graph.core.sentences import counted

__all__ = ["COMMANDS", "add_commands", "run"]

COMMANDS = ("submit", "results")


def add_commands(commands) -> None:
    """Register ``submit`` and ``results`` on the ``python -m graph`` subcommands."""
    submit = commands.add_parser(
        "submit", help="hand in a learner's map (CSV: source,relation,target) to a classroom map, under a nickname"
    )
    submit.add_argument("map", metavar="LINK_OR_MAP_ID", help="the map's learner link, or its id")
    submit.add_argument("learner", metavar="LEARNER.csv", help="the learner's map")
    submit.add_argument("--name", required=True, metavar="NICKNAME", help="the learner's nickname in this class")
    submit.add_argument("--key", help="the map's edit key, to hand in for a nickname already in the class")
    results = commands.add_parser("results", help="a classroom map's results: its group map, added links and quiz items")
    results.add_argument("map", metavar="TEACHER_LINK_OR_MAP_ID", help="the teacher link, or the map's id with --key")
    results.add_argument("--key", help="the map's edit key (in its teacher link): only its teacher reads results")
    results.add_argument("--version", type=int, help="the map's version (default: the newest)")
    results.add_argument("--json", action="store_true", help="print the results as JSON")


def run(args, max_bytes: int) -> int:
    """Run ``submit`` or ``results``; a message for a person and a non-zero exit on any problem."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from graph.classroom import results, store
    from graph.core.problems import ValidationError

    map_id, key = _map_and_key(args.map)
    key = args.key or key
    try:
        if args.command == "submit":
            return _submit(args, map_id, key, max_bytes)
        return _results(args, map_id, key)
    except ValidationError as err:
        print(f"Nothing was handed in.\n{err.report()}", file=sys.stderr)
        return 1
    except (store.MapNotFound, store.WrongKey, results.NicknameTaken, results.TooManyHandIns) as err:
        print(_no_article(str(err)), file=sys.stderr)
        return 1
    except SQLAlchemyError as err:
        where = make_url(store.database_url()).render_as_string(hide_password=True)
        reason = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
        print(f"The maps database at {where} cannot be used: {reason}. Check KG_DATABASE_URL.", file=sys.stderr)
        return 1


def _map_and_key(given: str) -> tuple[str, str | None]:
    """The map id and edit key in a link (``…?map=ID&key=KEY``), or the id itself."""
    if "map=" not in given:
        return given.strip(), None
    address = params.parse(dict(parse_qsl(urlsplit(given.strip()).query)))
    return address.map_id or "", address.key


def _submit(args, map_id: str, key: str | None, max_bytes: int) -> int:
    from graph.classroom import results
    from graph.core.problems import Problem, ValidationError
    from graph.teaching.score import read_learner_map

    path = Path(args.learner)
    try:
        if not path.is_file():
            raise OSError(2, "no such file")
        if path.stat().st_size > max_bytes:
            raise ValidationError([Problem(path.name, None, None, f"the file is larger than {max_bytes // 2**20} MB.")])
        data = path.read_bytes()
    except OSError as err:
        print(f"Cannot read {args.learner}: {err.strerror}. Nothing was handed in.", file=sys.stderr)
        return 1
    try:
        links = read_learner_map(data, path.name)
    except ValidationError as err:
        print(f"{args.learner} cannot be handed in as it is; nothing was handed in.\n{err.report()}", file=sys.stderr)
        return 1
    try:
        version, score = results.submit_map(map_id, args.name, links, key=key)
    except results.NicknameTaken as err:
        print(
            f"{err} To hand in for that learner, give the map's edit key (--key KEY, from the teacher link).",
            file=sys.stderr,
        )
        return 1
    name = results.check_nickname(args.name)
    print(f"Handed in {counted(len(links), 'link')} as {name} on version {version} of map {map_id}: score {score:.2f}.")
    return 0


def _results(args, map_id: str, key: str | None) -> int:
    from graph.classroom import results

    if not key:
        print(
            "Results are for the map's teacher: give the teacher link (…?map=ID&key=KEY), or the map's id and --key KEY.",
            file=sys.stderr,
        )
        return 2
    found = results.class_results(map_id, key, args.version)
    if args.json:
        print(json.dumps(found.to_dict(), indent=2, ensure_ascii=False))
        return 0
    print(f"{found.title} (map {found.map_id}), version {found.version} of {found.latest}: {len(found.learners)} learner(s).")
    columns = ("match", "overstated", "reversed", "different relation", "missing")
    shape = found.to_dict()
    sentences = [f"{link['source']} {link['relation']} {link['target']}" for link in shape["links"]]
    width = min(max((len(s) for s in sentences), default=10), 60)
    print("\nLinks of the map: learners with each verdict")
    print(f"  {'link':<{width}}  " + "  ".join(f"{c:>{max(len(c), 5)}}" for c in columns))
    for sentence, link in zip(sentences, shape["links"], strict=True):
        print(f"  {sentence[:width]:<{width}}  " + "  ".join(f"{link[c]:>{max(len(c), 5)}}" for c in columns))
    if shape["extra"]:
        print("\nLinks learners added that the map does not have")
        for extra in shape["extra"]:
            print(f"  {extra['source']} {extra['relation']} {extra['target']}: {extra['learners']} learner(s)")
    if found.items:
        print("\nQuiz questions and fill-in blanks, hardest first")
        for item in found.items:
            print(f"  {item.right} of {len(item.learners)} right  ({item.kind}) {item.question} — {item.answer}")
    return 0


def _no_article(message: str) -> str:
    # The store's messages are written for the page, which then shows the article's graph.
    for tail in (" Showing the article's graph instead.", " Ask for the link again; meanwhile, here is the article's graph."):
        message = message.replace(tail, "" if "Ask" not in tail else " Check the map's link or id.")
    return message
