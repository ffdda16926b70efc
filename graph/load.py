"""Read a knowledge graph's CSV files with pandas and validate them.

Every problem found is reported at once, each naming the file, the row (as a
spreadsheet shows it: the header is row 1) and the column, so that a person
can open the file and fix it. Nothing is half-loaded: either a whole
:class:`~graph.model.KnowledgeGraph` comes back or :class:`ValidationError`
is raised.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import unicodedata
import warnings
import zipfile
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from graph.build import build_graph
from graph.model import KnowledgeGraph
from graph.problems import MAX_PROBLEMS, Problem, ValidationError, missing_columns, repeated_columns
from graph.problems import raise_problems as _raise

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
MAX_COLUMNS = 64
"""No graph needs more columns; a wider header is refused before pandas spends minutes on it."""
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
_FAST_READ_BYTES = 1 << 20  # from 1 MB (about 6,000 links) pyarrow reads first


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
    companions = {}
    for name in ("nodes", "sources", "relations"):
        companion = path.with_name(f"{name}.csv")
        if companion.is_file() and companion != path:
            companions[name] = (_read_file(companion, max_bytes), companion.name)
    return _bytes_tables(data, path.name, **companions)


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
    ``relations`` (a vocabulary, see :mod:`graph.relations`) every link's relation must be one
    it lists. ``max_rows`` refuses a links file with more rows than that (an app's limit for uploads).
    Raises :class:`ValidationError` listing every problem.
    """
    return _built(_bytes_tables(data, name, nodes, sources, max_rows, relations))


def _bytes_tables(data, name="edges.csv", nodes=None, sources=None, max_rows=None, relations=None) -> Tables:
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
    concepts = _read(*nodes, NODE_COLUMNS, ("concept", "type"), problems) if nodes else None
    source_table = _read(*sources, SOURCE_COLUMNS, ("number", "title"), problems) if sources else None
    if problems:
        _raise(problems)

    problems += _check_links(links, name)
    if source_table is not None:
        problems += _check_sources(source_table, sources[1], links, name)
    if concepts is not None:
        problems += _check_nodes(concepts, nodes[1])
    # Every concept named in the links, with its type (and its first mention): checked, then the concepts table.
    mentions = _concept_types(links)
    first, other_type = _first_mentions(mentions)
    problems += _check_types(mentions[other_type], first, concepts, name, nodes[1] if nodes else "")
    if relations is not None:
        # Imported here: graph.relations reads its file with this module's reader.
        from graph.relations import check_relations

        problems += check_relations(links, name, *relations)
    if problems:
        _raise(problems)

    return _assemble(links, first, concepts, source_table)


def load_files(files, max_rows: int | None = None) -> KnowledgeGraph:
    """Load a graph from ``(file name, bytes)`` pairs, as a person uploads them: one links file,
    and optionally ``nodes.csv``, ``sources.csv`` and ``relations.csv`` (recognised by name, as beside ``edges.csv``).
    Files whose name starts with ``tour`` are guided tours (:func:`is_tour_file`), read by
    :mod:`graph.tours` once the graph is built; they are left out here.

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
        if by_role[role] is not None:
            kind = "links" if role == "edges" else role
            message = f"'{by_role[role][1]}' is a {kind} file too; upload one file of links (with nodes.csv, sources.csv and relations.csv if you have them)."
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
    (as :func:`graph.export.to_csv_zip` writes a whole graph). At most ``max_bytes`` are unpacked in all,
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


def read_table(data: bytes, name: str) -> pd.DataFrame:
    """Read CSV bytes as a table of trimmed strings (the header is trimmed too).

    Raises :class:`ValidationError` when the bytes are not a UTF-8 CSV file.
    """
    problems: list[Problem] = []
    table = _parse(data, name, problems)
    if problems:
        _raise(problems)
    return table


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


# --- reading ---------------------------------------------------------------


def _parse(data: bytes, name: str, problems: list[Problem]) -> pd.DataFrame | None:
    if not data or not data.strip():
        problems.append(Problem(name, None, None, "the file is empty; it needs a header row and at least one link."))
        return None
    if data[:4] == b"PK\x03\x04":
        problems.append(
            Problem(
                name,
                None,
                None,
                "this is a spreadsheet (.xlsx) file, not CSV; in your spreadsheet program use 'Save as… CSV UTF-8'.",
            )
        )
        return None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        problems.append(Problem(name, None, None, "the file is UTF-16 text; save it again as 'CSV UTF-8'."))
        return None
    if b"\x00" in data:  # anywhere: a NUL late in a file is as binary as one at the start
        problems.append(Problem(name, None, None, "this is not a text file (it contains binary data); choose a CSV file."))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        row = data[: err.start].count(b"\n") + 1
        problems.append(
            Problem(
                name, row, None, "the file is not UTF-8 text (perhaps Latin-1 or Windows-1252); save it again as 'CSV UTF-8'."
            )
        )
        return None
    if not unicodedata.is_normalized("NFC", text):
        # "é" typed as one character or as "e" and an accent is one name: compare names as spelled, not as encoded.
        text = unicodedata.normalize("NFC", text)
        data = text.encode("utf-8")
    width, (row, cells) = _first_widths(text)
    if width > MAX_COLUMNS:
        problems.append(
            Problem(
                name, 1, None, f"the header has {width:,} columns; a graph needs at most {MAX_COLUMNS}. Is this the right file?"
            )
        )
        return None
    if cells > max(width, MAX_COLUMNS):
        # pandas spends time growing with the square of the cells on a first row this long (6 s for 20,000).
        problems.append(
            Problem(
                name, row, None, f"the CSV cannot be read: {_parser_hint(f'Expected {width} fields in line {row}, saw {cells}')}"
            )
        )
        return None
    first_line = text.split("\n", 1)[0]
    if "," not in first_line and any(sep in first_line for sep in (";", "\t")):
        sep = "semicolons" if ";" in first_line else "tabs"
        problems.append(
            Problem(
                name, 1, None, f"the columns are separated by {sep}, not commas; save the file as comma-separated CSV (UTF-8)."
            )
        )
        return None
    table = _read_fast(data) if len(data) >= _FAST_READ_BYTES else None
    try:
        # index_col=False: a first row longer than the header must not shift its cells into an index;
        # pandas only warns then (and drops the extra cells), so the warning is made an error.
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            if table is None:
                table = pd.read_csv(
                    io.StringIO(text),
                    dtype=str,
                    keep_default_na=False,
                    skip_blank_lines=True,
                    engine="c",
                    on_bad_lines="error",
                    index_col=False,
                )
    except pd.errors.EmptyDataError:
        problems.append(Problem(name, None, None, "the file is empty; it needs a header row and at least one link."))
        return None
    except pd.errors.ParserWarning:
        # Only the first row can cause this: pandas raises ParserError for any later row that is too long.
        (_, header), (row, cells) = (_filled_records(text) + [(None, [])] * 2)[:2]
        message = f"Expected {len(header)} fields in line {row}, saw {len(cells)}"
        problems.append(Problem(name, row, None, f"the CSV cannot be read: {_parser_hint(message)}"))
        return None
    except (pd.errors.ParserError, csv.Error) as err:
        problems.append(Problem(name, _error_row(str(err), text), None, f"the CSV cannot be read: {_parser_hint(str(err))}"))
        return None
    table.columns = [str(c).strip() for c in table.columns]
    table.index = _spreadsheet_rows(text, len(table))
    guarded = _guarded_cells(text) if "\"'" in text else set()
    # By position: trimmed header names may repeat (" source" and "source"), which _read reports.
    for position in range(len(table.columns)):
        cells = table.iloc[:, position].str.strip()
        if guarded and cells.str.startswith("'").any():
            # Undo the export's formula guard (graph.export), and only that: a quoted cell the export wrote.
            cells = cells.where(~cells.isin(guarded), cells.str[1:])
        table.isetitem(position, cells)
    # Spreadsheets often save empty rows as a line of commas: they carry nothing, so drop them.
    return table[(table != "").any(axis=1)] if len(table.columns) else table


def _first_widths(text: str) -> tuple[int, tuple[int, int]]:
    """How many cells the header has, and the first row's spreadsheet row and cell count, in one pass over
    those two records: pandas would spend minutes on 50,000 columns, time that grows with the square of the count."""
    start = re.search(r"\S", text)
    if start is None:
        return 0, (0, 0)
    line_start = text.rfind("\n", 0, start.start()) + 1
    skipped = text.count("\n", 0, line_start)  # blank lines before the header, which pandas skips too
    # The csv module reads from the start of the text only, but a copy of a whole big file for it costs a
    # second at a million links: it reads a slice, eight times longer each time until the two records are whole.
    length = 1 << 16
    while True:
        end = line_start + length
        widths, whole = _widths_in(text[line_start:end], skipped)
        if whole or end >= len(text):
            return widths
        length *= 8


def _widths_in(head: str, skipped: int) -> tuple[tuple[int, tuple[int, int]], bool]:
    """:func:`_first_widths` in ``head``, the start of the text; and whether the records read are whole there
    (another record follows them, so neither was cut by the end of ``head``)."""
    reader = csv.reader(io.StringIO(head, newline=""))
    width = 0
    try:
        width = len(next(reader))
        row = reader.line_num + 1
        for record in reader:
            if len(record) > 1 or "".join(record).strip():
                return (width, (skipped + row, len(record))), next(reader, None) is not None
            row = reader.line_num + 1
    except (csv.Error, StopIteration):
        pass  # pandas names the problem (an unclosed quote, say)
    return (width, (0, 0)), False


_GUARDED = re.compile(r"""(?:^|(?<=,))"('[=+\-@\t\r'](?:[^"]|"")*)"(?=,|\r|\n|$)""", re.MULTILINE)


def _guarded_cells(text: str) -> set[str]:
    """The cells the export guarded against formulas: quoted, an apostrophe, then what a spreadsheet would
    run (``"'=1+1"``; :func:`graph.export.to_csv` writes them so). An apostrophe a person typed, as in
    ``'+' operator``, is not quoted by a spreadsheet and is kept."""
    return {match.group(1).replace('""', '"').strip() for match in _GUARDED.finditer(text)}


def _read_fast(data: bytes) -> pd.DataFrame | None:
    """pyarrow's CSV reader: four times as fast as pandas' own on a big file (0.45 s against 1.8 s
    at 1M links). None when it objects to anything, so that the careful reader names the problem
    and its row; for a well-formed file both give the same table."""
    try:
        return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, engine="pyarrow")
    except Exception:
        return None


def _read(data, name, known, required, problems) -> pd.DataFrame | None:
    table = _parse(data, name, problems)
    if table is None:
        return None
    # "Source" or "SOURCE" in a spreadsheet's header means the column source.
    table.columns = [c.lower() if c.lower() in known else c for c in table.columns]
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


def _spreadsheet_rows(text: str, count: int) -> pd.Index:
    """The row of each record as a spreadsheet shows it (the header is row 1).

    When every line is one record (the usual case) that is plain counting; only
    files with blank lines, line breaks inside quoted cells or old Mac line ends
    need the csv module.
    """
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if lines == count + 1 and "\r" not in text.replace("\r\n", ""):
        return pd.RangeIndex(2, count + 2, name="row")
    rows = [start for start, _ in _filled_records(text)[1:]]
    if len(rows) != count:  # the csv module and pandas disagreed; fall back to plain numbering
        rows = list(range(2, count + 2))
    return pd.Index(rows, name="row")


def _filled_records(text: str) -> list[tuple[int, list[str]]]:
    """The records pandas reads, header first: it skips blank (and blank-looking) lines, before the header too."""
    return [(start, record) for start, record in _records(text) if len(record) > 1 or "".join(record).strip()]


def _records(text: str) -> list[tuple[int, list[str]]]:
    """Every record the csv module reads (blank lines included), with the line it starts on."""
    found = []
    reader = csv.reader(io.StringIO(text, newline=""))  # newline="": a lone "\r" ends a line, as in pandas
    line = 0
    try:
        for record in reader:
            found.append((line + 1, record))
            line = reader.line_num
    except csv.Error:
        pass
    return found


def _error_row(message: str, text: str) -> int | None:
    """The spreadsheet row a pandas parser error is about.

    pandas counts records and blank lines, not lines ("line" from 1, "row" from 0), so a
    line break inside a quoted cell would throw the count off; the csv module maps it back.
    """
    for marker, first in (("line ", 1), ("row ", 0)):
        if marker in message:
            digits = "".join(ch for ch in message.split(marker, 1)[1][:12] if ch.isdigit() or ch == " ").split()
            if digits:
                records = _records(text)
                index = int(digits[0]) - first
                return records[index][0] if 0 <= index < len(records) else int(digits[0]) + 1 - first
    return None


def _parser_hint(message: str) -> str:
    counts = re.search(r"Expected (\d+) fields in line \d+, saw (\d+)", message)
    if counts:
        return (
            f"this row has {counts[2]} cells but the header has {counts[1]} columns. "
            "Put cells that contain commas in double quotes."
        )
    if "EOF" in message or "quote" in message.lower():
        return "a double quote is opened but never closed; check the quotes in the row named."
    return message.strip()


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
    # Rows repeated anywhere (pandas compares the columns' codes, faster than hashing every row), and then,
    # among those few only, which row each repeats: equal rows hash alike.
    suspects = links[links.duplicated(keep=False).to_numpy()]
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
    bad_cells = {cell: _source_list_problem(cell) for cell in links["sources"].unique()}
    bad_cells = {cell: message for cell, message in bad_cells.items() if message}
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
    return problems


# --- assembling ------------------------------------------------------------


class Tables(NamedTuple):
    """A validated graph's tables, as :class:`~graph.model.KnowledgeGraph` holds them, before its networkx graph is built."""

    links: pd.DataFrame
    concepts: pd.DataFrame
    sources: pd.DataFrame


def _built(tables: Tables) -> KnowledgeGraph:
    return KnowledgeGraph(*tables, graph=build_graph(tables.links, tables.concepts))


def _assemble(links: pd.DataFrame, first: pd.DataFrame, concepts: pd.DataFrame | None, sources: pd.DataFrame | None) -> Tables:
    # file_row is the loader's own column (the row each link came from); a column of that name in the file is kept beside it.
    links = links.rename(columns={FILE_ROW: _OWN_FILE_ROW}).rename_axis(FILE_ROW).reset_index()
    links.index.name = "link_id"
    table = first[["type"]].copy()  # each concept's type, from its first mention
    table["group"] = ""
    table["description"] = ""
    if concepts is not None:
        described = concepts.drop_duplicates("concept").set_index("concept")
        # Concepts described in nodes.csv but not linked are kept: a lone concept is still content.
        table = table.combine_first(described[["type"]]).astype(str)
        table["group"] = described["group"].reindex(table.index).fillna("")
        table["description"] = described["description"].reindex(table.index).fillna("")
    if sources is None:
        sources = pd.DataFrame(columns=list(SOURCE_COLUMNS))
    sources = sources.reset_index(drop=True)
    return Tables(links, table, sources)
