"""Read a knowledge graph's CSV files (the csv module, and pyarrow for speed) and validate them with pandas.

Every problem found is reported at once, each naming the file, the row (as a
spreadsheet shows it: the header is row 1) and the column, so that a person
can open the file and fix it. Nothing is half-loaded: either a whole
:class:`~graph.core.model.KnowledgeGraph` comes back or :class:`ValidationError`
is raised.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from graph.core.aliases import ALIAS_COLUMN, check_aliases
from graph.core.build import build_graph
from graph.core.model import KnowledgeGraph
from graph.core.problems import (
    MAX_PROBLEMS,
    Problem,
    ValidationError,
    known_columns_in_lower_case,
    missing_columns,
    repeated_columns,
)
from graph.core.problems import raise_problems as _raise
from graph.core.relations import Vocabulary
from graph.core.sentences import NUMBERS
from graph.files.table import MAX_COLUMNS, parse_table, read_table
from graph.files.vocabulary import check_relations, vocabulary_from_bytes

__all__ = [
    "EDGE_COLUMNS",
    "REQUIRED_EDGE_COLUMNS",
    "NODE_COLUMNS",
    "SOURCE_COLUMNS",
    "MAX_PROBLEMS",
    "MAX_COLUMNS",
    "MAX_DIGITS",
    "FILE_ROW",
    "extra_columns",
    "Problem",
    "ValidationError",
    "load_files",
    "load_graph",
    "load_graph_bytes",
    "read_file",
    "read_table",
    "read_tables",
    "Tables",
    "unzip_files",
    "MAX_UNZIPPED_BYTES",
]

REQUIRED_EDGE_COLUMNS = ("source", "source_type", "relation", "target", "target_type")
EDGE_COLUMNS = REQUIRED_EDGE_COLUMNS + ("section", "explanation", "sources")
NODE_COLUMNS = ("concept", "type", "group", "description")
SOURCE_COLUMNS = ("number", "title", "publisher", "date", "note")
MAX_DIGITS = 18
"""Longest number read (source numbers, steps): Python refuses to read integers of over 4,300 digits."""
FILE_ROW = "file_row"
"""The loader's own column in ``KnowledgeGraph.links``: the spreadsheet row each link came from."""
_OWN_FILE_ROW = "file_row (in the file)"
"""Where a file's own column called ``file_row`` is kept, so that neither is lost (:func:`extra_columns`)."""
_NAME_COLUMNS = {
    "source": "concept",
    "target": "concept",
    "source_type": "type",
    "target_type": "type",
    "concept": "concept",
    "type": "type",
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# What cannot be seen: format characters (zero-width space, joiners, marks of direction), separators, controls.
_INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me", "Cn", "Co", "Cs"}
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
"""The most a zip of a graph's files may unpack to."""


def load_graph(path: str | os.PathLike, max_bytes: int | None = None) -> KnowledgeGraph:
    """Load ``edges.csv`` and, when present beside it, ``nodes.csv`` and ``sources.csv``.

    Parameters
    ----------
    path : path to the edges CSV file.
    max_bytes : refuse a file larger than this (a command line's guard; None: no limit).

    Returns
    -------
    KnowledgeGraph

    Raises
    ------
    ValidationError
        With every problem found, each naming file, row and column.

    Example
    -------
    >>> kg = load_graph("data/edges.csv")
    >>> "Dopamine deficiency" in kg.graph
    True
    """
    return _built(read_tables(path, max_bytes))


def read_tables(path: str | os.PathLike, max_bytes: int | None = None) -> Tables:
    """Read and validate a graph's files as :func:`load_graph` does, without building its networkx graph
    (at a million links that is half the time): what ``python -m graph check`` needs.

    Raises :class:`ValidationError` with every problem found, as :func:`load_graph` does.

    Example
    -------
    >>> len(read_tables("data/edges.csv").links) == len(load_graph("data/edges.csv").links)
    True
    """
    path = Path(path)
    if path.is_dir():  # a folder as the command line exports a whole graph: edges.csv and its companions
        path = path / "edges.csv"
    data = _read_file(path, max_bytes)
    if path.suffix.lower() == ".zip":
        return _files_tables(unzip_files([(path.name, data)]))
    companions: dict[str, tuple[bytes, str]] = {}
    for name in ("nodes", "sources", "relations"):
        companion = path.with_name(f"{name}.csv")
        if companion.is_file() and companion != path:
            companions[name] = (_read_file(companion, max_bytes), companion.name)
    nodes, sources, relations = (companions.get(name) for name in ("nodes", "sources", "relations"))
    return _bytes_tables(data, path.name, nodes=nodes, sources=sources, relations=relations)


def read_file(path: str | os.PathLike, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; :class:`ValidationError` for anything else
    (a device, a FIFO, a folder, a file too big or that cannot be opened), naming the file."""
    return _read_file(Path(path), max_bytes)


def _read_file(path: Path, max_bytes: int | None) -> bytes:
    """The bytes of a regular file: a device such as /dev/zero never ends and a FIFO may never answer,
    so both are refused before they are opened, as is a file over ``max_bytes``."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ValidationError(
                [
                    Problem(
                        path.name,
                        None,
                        None,
                        "is not a regular file (a device, a pipe or a folder); give the path of a CSV file.",
                    )
                ]
            )
        if max_bytes is not None and info.st_size > max_bytes:
            raise ValidationError(
                [
                    Problem(
                        path.name,
                        None,
                        None,
                        f"the file is {info.st_size / 1e6:,.1f} MB; the limit is {max_bytes / 1e6:,.0f} MB.",
                    )
                ]
            )
        with path.open("rb") as file:
            # Read at most one byte past the limit: the file may have grown since it was looked at.
            data = file.read() if max_bytes is None else file.read(max_bytes + 1)
    except OSError as err:
        raise ValidationError([Problem(path.name, None, None, f"cannot be read ({err.strerror}).")]) from None
    if max_bytes is not None and len(data) > max_bytes:
        raise ValidationError([Problem(path.name, None, None, f"the file is over the limit of {max_bytes / 1e6:,.0f} MB.")])
    return data


def load_graph_bytes(
    data: bytes,
    name: str = "edges.csv",
    nodes: tuple[bytes, str] | None = None,
    sources: tuple[bytes, str] | None = None,
    max_rows: int | None = None,
    relations: tuple[bytes, str] | None = None,
) -> KnowledgeGraph:
    """Load a graph from the bytes of its files (an upload, say).

    ``nodes``, ``sources`` and ``relations`` are optional ``(bytes, file name)`` pairs; with
    ``relations`` (a vocabulary, see :mod:`graph.core.relations`) every link's relation must be one
    it lists. ``max_rows`` refuses a links, concepts or sources file with more rows than that (an app's limit for uploads).
    Raises :class:`ValidationError` listing every problem.
    """
    return _built(_bytes_tables(data, name, nodes, sources, max_rows, relations))


def _bytes_tables(
    data: bytes,
    name: str = "edges.csv",
    nodes: tuple[bytes, str] | None = None,
    sources: tuple[bytes, str] | None = None,
    max_rows: int | None = None,
    relations: tuple[bytes, str] | None = None,
) -> Tables:
    problems: list[Problem] = []
    links = _read(data, name, EDGE_COLUMNS, REQUIRED_EDGE_COLUMNS, problems)
    if links is not None and max_rows is not None and len(links) > max_rows:
        _raise(
            [
                Problem(
                    name,
                    None,
                    None,
                    f"the file has {len(links):,} links; the limit here is {max_rows:,}. Split it into smaller graphs, or ask whoever runs this app to raise the limit.",
                )
            ]
        )
    # "number" (singular or plural) is optional: most names say it (graph.core.sentences).
    concepts = _read(*nodes, (*NODE_COLUMNS, ALIAS_COLUMN, "number"), ("concept", "type"), problems) if nodes else None
    source_table = _read(*sources, SOURCE_COLUMNS, ("number", "title"), problems) if sources else None
    # The limit on links bounds concepts and sources too: one link and a million concepts cost as much to build.
    for table, given, what in ((concepts, nodes, "concepts"), (source_table, sources, "sources")):
        if table is not None and given is not None and max_rows is not None and len(table) > max_rows:
            _raise([Problem(given[1], None, None, f"the file has {len(table):,} {what}; the limit here is {max_rows:,}.")])
    if problems or links is None:  # no links table without a problem saying why
        _raise(problems)

    problems += _check_links(links, name)
    if sources is not None and source_table is not None:
        problems += _check_sources(source_table, sources[1], links, name)
    if nodes is not None and concepts is not None:
        problems += _check_nodes(concepts, nodes[1])
    # Every concept named in the links, with its type (and its first mention): checked, then the concepts table.
    mentions = _concept_types(links)
    first, other_type = _first_mentions(mentions)
    problems += _check_types(mentions[other_type], first, concepts, name, nodes[1] if nodes else "")
    if nodes is not None and concepts is not None:
        problems += check_aliases(concepts, itertools.chain(first.index, concepts["concept"]), nodes[1])
    if relations is not None:
        problems += check_relations(links, name, *relations)
    if problems:
        _raise(problems)

    # Without sources.csv a cited number names nothing; the graph loads, and says so (KnowledgeGraph.notices).
    notices = _unlisted_sources(links, name) if sources is None else []
    # The graph's own vocabulary goes with it, for the scorer, the quiz and fill-in (checked above).
    vocabulary = vocabulary_from_bytes(*relations) if relations is not None else None
    return _assemble(links, first, concepts, source_table)._replace(notices=tuple(notices), vocabulary=vocabulary)


def load_files(files, max_rows: int | None = None) -> KnowledgeGraph:
    """Load a graph from ``(file name, bytes)`` pairs, as a person uploads them: one links file,
    and optionally ``nodes.csv``, ``sources.csv`` and ``relations.csv`` (recognised by name, as beside ``edges.csv``).
    Files whose name starts with ``tour`` are guided tours (:func:`is_tour_file`), read by
    :mod:`graph.teaching.tours` once the graph is built; they are left out here.

    Raises :class:`ValidationError` for a missing or second links file, or anything wrong inside.
    """
    return _built(_files_tables(files, max_rows))


def _files_tables(files, max_rows: int | None = None) -> Tables:
    by_role: dict[str, tuple[bytes, str] | None] = {"edges": None, "nodes": None, "sources": None, "relations": None}
    for name, data in unzip_files(files):
        if is_tour_file(name):
            continue
        stem = Path(name).stem.lower()
        role = stem if stem in ("nodes", "sources", "relations") else "edges"
        already = by_role[role]
        if already is not None:
            kind = "links" if role == "edges" else role
            message = (
                f"'{already[1]}' is a {kind} file too; upload one file of links (with nodes.csv, sources.csv and "
                f"relations.csv if you have them): remove '{already[1]}' or '{name}' from the upload and it loads."
            )
            raise ValidationError([Problem(name, None, None, message)])
        by_role[role] = (data, name)
    if by_role["edges"] is None:
        first = files[0][0] if files else "upload"
        raise ValidationError(
            [Problem(first, None, None, "no links file: add the CSV of links (nodes.csv and sources.csv only describe them).")]
        )
    data, name = by_role["edges"]
    return _bytes_tables(
        data, name, nodes=by_role["nodes"], sources=by_role["sources"], max_rows=max_rows, relations=by_role["relations"]
    )


def unzip_files(files, max_bytes: int = MAX_UNZIPPED_BYTES) -> list[tuple[str, bytes]]:
    """``(file name, bytes)`` pairs with each ``.zip`` among them replaced by the CSV files inside it
    (as :func:`graph.files.export.to_csv_zip` writes a whole graph). At most ``max_bytes`` are unpacked in all,
    so that a small zip cannot unpack to gigabytes; folders inside the zip are ignored, names are kept.

    Raises :class:`ValidationError` for a zip that cannot be read or is too big unpacked.
    """
    found = []
    for name, data in files:
        if not name.lower().endswith(".zip"):
            found.append((name, data))
            continue
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = [m for m in archive.infolist() if _is_csv_member(m.filename) and not m.is_dir()]
                budget = max_bytes
                message = f"unpacked, the zip holds more than {max_bytes / 1e6:,.0f} MB; upload its CSV files instead."
                too_big = ValidationError([Problem(name, None, None, message)])
                for member in members:
                    if member.file_size > budget:
                        raise too_big
                    with archive.open(member) as file:
                        content = file.read(budget + 1)  # the size a zip declares may be false
                    if len(content) > budget:
                        raise too_big
                    budget -= len(content)
                    found.append((member.filename.rsplit("/", 1)[-1], content))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as err:
            raise ValidationError([Problem(name, None, None, f"the zip file cannot be read ({err}).")]) from None
        if not members:
            raise ValidationError([Problem(name, None, None, "the zip file holds no CSV file.")])
    return found


def _is_csv_member(path: str) -> bool:
    base = path.rsplit("/", 1)[-1]
    return base.lower().endswith(".csv") and not base.startswith(".") and not path.startswith("__MACOSX/")


def is_tour_file(name: str) -> bool:
    """A guided tour among uploaded files: its name is ``tour`` then a separator (``tour-water-cycle.csv``,
    ``tour_1.csv``, ``tour.csv``); ``tourism.csv`` is not one."""
    return re.match(r"(?i)tours?[-_ .]", Path(name).name) is not None


def extra_columns(links: pd.DataFrame) -> dict[str, str]:
    """The links' columns beyond :data:`EDGE_COLUMNS` that came from the file (``notes``, say), each
    with its name as the file had it, so that an export or an edit writes them back.

    Example
    -------
    >>> extra_columns(load_graph_bytes(b"source,source_type,relation,target,target_type,file_row\\nA,t,r,B,t,x\\n").links)
    {'file_row (in the file)': 'file_row'}
    """
    own = {FILE_ROW, *EDGE_COLUMNS}
    return {c: (FILE_ROW if c == _OWN_FILE_ROW else c) for c in links.columns if c not in own}


def _read(data: bytes, name: str, known: Sequence[str], required: Sequence[str], problems: list[Problem]) -> pd.DataFrame | None:
    try:
        table = parse_table(data, name)
    except ValidationError as unreadable:
        problems += unreadable.problems
        return None
    table.columns = known_columns_in_lower_case(table.columns, known)
    columns = list(table.columns)
    missing = missing_columns(name, columns, required, known, f"Required columns: {', '.join(required)}.")
    duplicated = repeated_columns(name, columns)
    problems += missing + duplicated
    if len(table) == 0 and not missing:
        problems.append(Problem(name, None, None, "the file has a header but no rows."))
    if missing and not duplicated and len(table):
        # The other checks need every column; empty cells in the columns there can be reported now.
        problems += _blank_cells(table, [c for c in required if c in columns], name)
    if missing or duplicated or len(table) == 0:
        return None
    for column in known:
        if column not in table.columns:
            table[column] = ""
    return table


# --- checking --------------------------------------------------------------


def _blank_cells(table: pd.DataFrame, columns, name: str) -> list[Problem]:
    problems = []
    for column in columns:
        for row in table.index[table[column] == ""]:
            problems.append(Problem(name, int(row), column, "this cell is empty; every link needs a value here."))
    return problems


def _check_links(links: pd.DataFrame, name: str) -> list[Problem]:
    problems = _blank_cells(links, REQUIRED_EDGE_COLUMNS, name)
    complete = (links[list(REQUIRED_EDGE_COLUMNS)] != "").all(axis=1)
    # Rows repeated anywhere: only rows that repeat a link (source, relation, target) can, so pandas compares
    # those three columns' codes first and the whole rows of those few only (long explanations are slow to
    # compare); then, among them, which row each repeats: equal rows hash alike.
    same_link = links[links.duplicated(["source", "relation", "target"], keep=False).to_numpy()]
    suspects = same_link[same_link.duplicated(keep=False).to_numpy()]
    if len(suspects):
        same = pd.util.hash_pandas_object(suspects, index=False)
        first_row = pd.Series(suspects.index, index=suspects.index).groupby(same.values).transform("first")
        for row in suspects.index[suspects.duplicated(keep="first") & complete[suspects.index]]:
            problems.append(Problem(name, int(row), None, f"this row repeats row {first_row[row]} exactly; delete one of them."))
    for row in links.index[(links["source"] == links["target"]) & complete]:
        problems.append(
            Problem(
                name,
                int(row),
                "target",
                f"this link connects '{links.at[row, 'source']}' to itself; a link needs two different concepts.",
            )
        )
    # Checked once per distinct cell: a big file repeats the same few lists of numbers.
    bad_cells = {cell: message for cell in links["sources"].unique() if (message := _source_list_problem(cell))}
    for row in links.index[links["sources"].isin(list(bad_cells))]:
        problems.append(Problem(name, int(row), "sources", bad_cells[links.at[row, "sources"]]))
    problems += _check_names(links, name)
    return problems


_SOURCE_LIST = re.compile(r"[0-9]+(?: *; *[0-9]+)* *;?")
_TOO_LONG = re.compile(f"[0-9]{{{MAX_DIGITS + 1}}}")


def _source_list_problem(cell: str) -> str | None:
    """Why ``cell`` is not a list of source numbers ("1;5"), or None when it is one (or empty).
    "1 5" is not read as 15, nor "1<tab>5" as nothing: a list needs its semicolons."""
    too_long = _TOO_LONG.search(cell) is not None
    if cell == "" or _SOURCE_LIST.fullmatch(cell) and not too_long:
        return None
    if too_long:
        return f"'{_shorten(cell)}' holds a number of more than {MAX_DIGITS} digits, too long for a source number."
    return f"'{_shorten(cell)}' is not a list of source numbers; write numbers separated by ';', like 1;5."


def _shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters for a message (a cell may be megabytes long)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_names(table: pd.DataFrame, name: str) -> list[Problem]:
    """Concept names and types must be visible and free of control characters: a name of only a
    zero-width space cannot be seen or clicked, and GraphML and GEXF cannot hold "X\\x01" apart from "X\\x02"."""
    problems = []
    for column in [c for c in _NAME_COLUMNS if c in table.columns]:
        what = _NAME_COLUMNS[column]
        # Checked once per distinct value: names repeat across links.
        values = pd.Series(table[column].unique())
        bad = {}
        for value in values[values.str.contains(_CONTROL)]:
            bad[value] = f"this {what} contains a control character ({_escaped_control(value)}); remove it, names are plain text."
        for value in values[~values.str.isascii() & (values != "")]:
            if all(unicodedata.category(ch) in _INVISIBLE for ch in value):
                bad[value] = f"this {what} has no visible character ({ascii(value)}); give it a name people can read."
        for row in table.index[table[column].isin(list(bad))]:
            problems.append(Problem(name, int(row), column, bad[table.at[row, column]]))
    return problems


def _escaped_control(value: str) -> str:
    found = _CONTROL.search(value)
    return ascii(found.group(0)) if found else ""


def _check_sources(sources: pd.DataFrame, sources_name: str, links: pd.DataFrame, links_name: str) -> list[Problem]:
    problems = _blank_cells(sources, ("number", "title"), sources_name)
    # Length first: Python refuses to read an integer of over 4,300 digits, and no list has a billion billion sources.
    too_long = sources["number"].str.len() > MAX_DIGITS
    not_number = ~sources["number"].str.fullmatch(r"[0-9]+") & (sources["number"] != "")
    for row in sources.index[not_number | too_long]:
        number = _shorten(sources.at[row, "number"])
        detail = (
            f"has more than {MAX_DIGITS} digits, too long for a source number" if not not_number[row] else "is not a whole number"
        )
        problems.append(Problem(sources_name, int(row), "number", f"'{number}' {detail}."))
    for row in sources.index[sources["number"].duplicated() & (sources["number"] != "")]:
        problems.append(Problem(sources_name, int(row), "number", f"source number {sources.at[row, 'number']} is listed twice."))
    known = set(sources["number"])
    # A file has few distinct lists of source numbers however many links it has: check each list once.
    unknown = {}
    for cell in links["sources"].unique():
        missing = [n for n in (part.strip() for part in cell.split(";")) if n.isascii() and n.isdigit() and n not in known]
        if missing:
            unknown[cell] = missing
    for row, cell in links["sources"][links["sources"].isin(list(unknown))].items():
        for number in unknown[cell]:
            problems.append(Problem(links_name, int(row), "sources", f"source {number} is not listed in {sources_name}."))
    return problems


def _unlisted_sources(links: pd.DataFrame, links_name: str) -> list[Problem]:
    """The links that cite source numbers when there is no sources.csv to say what they are."""
    cited = links["sources"][links["sources"].str.contains(r"[0-9]", regex=True)]
    problems = []
    for row, cell in cited.head(MAX_PROBLEMS).items():
        numbers = [n for n in (part.strip() for part in cell.split(";")) if n]
        which = f"source {numbers[0]}" if len(numbers) == 1 else f"sources {', '.join(numbers[:-1])} and {numbers[-1]}"
        problems.append(
            Problem(
                links_name,
                int(row),
                "sources",
                f"this link cites {_shorten(which)}, but the graph lists no sources: add sources.csv (columns number, title) "
                "beside this file to say what each number is, or empty this cell.",
            )
        )
    if len(cited) > MAX_PROBLEMS:
        problems.append(Problem(links_name, None, "sources", f"…and {len(cited) - MAX_PROBLEMS:,} more links cite sources."))
    return problems


def _concept_types(links: pd.DataFrame) -> pd.DataFrame:
    """Every (concept, type, row, column) mention in the links, in file order (in a row, its target first)."""
    parts = []
    for end in ("target", "source"):
        part = links[[end, f"{end}_type"]].set_axis(["concept", "type"], axis=1)
        part = part.assign(row=links.index.to_numpy(), column=f"{end}_type")
        parts.append(part)
    # The links are in file order, so interleaving the two parts (target 1, source 1, target 2, ...) puts
    # the mentions in file order: what sorting by row would do, without sorting two million rows.
    order = np.arange(2 * len(links)).reshape(2, -1).T.ravel()
    mentions = pd.concat(parts, ignore_index=True).take(order)
    return mentions[(mentions["concept"] != "") & (mentions["type"] != "")]


def _first_mentions(mentions: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Each concept's first mention (indexed by concept, in file order), and which mentions give a concept
    another type than its first: compared as numbers (pandas' codes), not as strings looked up one by one."""
    concept_codes, _ = pd.factorize(mentions["concept"])
    type_codes, _ = pd.factorize(mentions["type"])
    _, first_positions = np.unique(concept_codes, return_index=True)  # codes number concepts in order of appearance
    other_type = type_codes != type_codes[first_positions][concept_codes]
    return mentions.iloc[first_positions].set_index("concept"), other_type


def _check_types(conflicting, first, concepts, links_name, nodes_name) -> list[Problem]:
    """A concept has one type: in every link and in ``nodes.csv``. ``conflicting``: the links' mentions
    that give a concept another type than its ``first`` (:func:`_first_mentions`)."""
    problems = []
    for item in conflicting.itertuples(index=False):
        origin = first.loc[item.concept]
        problems.append(
            Problem(
                links_name,
                int(item.row),
                item.column,
                f"'{item.concept}' is given type '{item.type}' here but '{origin.type}' in row {origin.row}; a concept has one type.",
            )
        )
    if concepts is not None:
        known = first["type"]
        listed = concepts.set_index("concept")["type"]
        clash = listed[listed.index.isin(known.index)]
        clash = clash[clash != known.reindex(clash.index)]
        for concept, kind in clash.items():
            row = concepts.index[concepts["concept"] == concept][0]
            problems.append(
                Problem(
                    nodes_name, int(row), "type", f"'{concept}' has type '{kind}' here but '{known[concept]}' in {links_name}."
                )
            )
    return problems


def _check_nodes(concepts: pd.DataFrame, name: str) -> list[Problem]:
    problems = _blank_cells(concepts, ("concept", "type"), name) + _check_names(concepts, name)
    for row in concepts.index[concepts["concept"].duplicated() & (concepts["concept"] != "")]:
        problems.append(
            Problem(name, int(row), "concept", f"'{concepts.at[row, 'concept']}' is described twice; keep one row per concept.")
        )
    number = concepts["number"].str.strip().str.casefold()
    for row in concepts.index[~number.isin(["", *NUMBERS])]:
        problems.append(
            Problem(
                name,
                int(row),
                "number",
                f"'{_shorten(concepts.at[row, 'number'])}' is not a number: write singular or plural (how sentences speak of "
                "the concept), or leave the cell empty to let its name decide.",
            )
        )
    return problems


# --- assembling ------------------------------------------------------------


class Tables(NamedTuple):
    """A validated graph's tables, as :class:`~graph.core.model.KnowledgeGraph` holds them, before its networkx graph is built."""

    links: pd.DataFrame
    concepts: pd.DataFrame
    sources: pd.DataFrame
    notices: tuple[Problem, ...] = ()
    """Problems that do not stop the graph loading (links citing sources it does not list)."""
    vocabulary: Vocabulary | None = None


def _built(tables: Tables) -> KnowledgeGraph:
    graph = build_graph(tables.links, tables.concepts)
    return KnowledgeGraph(
        tables.links, tables.concepts, tables.sources, graph=graph, notices=tables.notices, vocabulary=tables.vocabulary
    )


def _assemble(links: pd.DataFrame, first: pd.DataFrame, concepts: pd.DataFrame | None, sources: pd.DataFrame | None) -> Tables:
    # file_row is the loader's own column (the row each link came from); a column of that name in the file is kept beside it.
    links = links.rename(columns={FILE_ROW: _OWN_FILE_ROW}).rename_axis(FILE_ROW).reset_index()
    links.index.name = "link_id"
    table = first[["type"]].copy()  # each concept's type, from its first mention
    table["group"] = ""
    table["description"] = ""
    table[ALIAS_COLUMN] = ""
    if concepts is not None:
        described = concepts.drop_duplicates("concept").set_index("concept")
        # Concepts described in nodes.csv but not linked are kept: a lone concept is still content.
        table = table.combine_first(described[["type"]]).astype(str)
        table["group"] = described["group"].reindex(table.index).fillna("")
        table[ALIAS_COLUMN] = described[ALIAS_COLUMN].reindex(table.index).fillna("")
        table["description"] = described["description"].reindex(table.index).fillna("")
        number = described["number"].str.strip().str.casefold()
        if (number != "").any():  # only a graph that says so carries the column
            table["number"] = number.reindex(table.index).fillna("")
        for column in ("x", "y"):  # a map's own positions (a CmapTools file's), kept for writing it back
            if column in described:
                table[column] = described[column].reindex(table.index).fillna("")
    if sources is None:
        sources = pd.DataFrame(columns=list(SOURCE_COLUMNS))
    sources = sources.reset_index(drop=True)
    return Tables(links, table, sources)
