"""Read the formats teachers already have — GraphML, GEXF (Gephi, or this app's exports) and Excel —
into the project's CSV schema, so that the one validation in :mod:`graph.files.load` checks them all.

Each file becomes the CSV files :func:`graph.files.load.load_files` reads: a GraphML or GEXF file gives
its links (under the file's own name, so that a problem names the file the teacher has) and a
``nodes.csv`` with every concept's type, group and description; an ``.xlsx`` workbook gives its
first sheet as the links, and sheets named ``nodes`` or ``sources`` as those files. CSV files pass
through unchanged. A row number in a problem about a GraphML or GEXF file counts its links as a
spreadsheet would count rows: the first link is row 2.

The app's own exports come back whole: links in their order (the edge ids), with relation,
section, explanation and sources, and concepts with type, group and description.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import networkx as nx

from graph import settings
from graph.core.aliases import ALIAS_COLUMN
from graph.files.cxl import from_cxl
from graph.files.load import EDGE_COLUMNS, MAX_COLUMNS, MAX_UNZIPPED_BYTES, NODE_COLUMNS, Problem, ValidationError

__all__ = ["GRAPH_SUFFIXES", "UPLOAD_SUFFIXES", "DEFAULT_TYPE", "to_csv_files"]

GRAPH_SUFFIXES = (".graphml", ".gexf")
UPLOAD_SUFFIXES = ("csv", "graphml", "gexf", "xlsx", "cxl")
"""What the uploader and ``python -m graph publish`` accept."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DEFAULT_TYPE = "concept"
"""The type of a concept whose GraphML or GEXF node has none (Gephi's files often carry no types)."""
_SPARE_STRINGS = 10_000
"""Shared strings a workbook may list beyond its cells (Excel keeps some of deleted cells)."""
# Counted in the bytes before a parser expands anything (a tag inside a comment counts too: that only errs
# towards refusing a crafted file).
_NODE_TAG = re.compile(rb"<(?:[\w.-]+:)?node[\s/>]")
_EDGE_TAG = re.compile(rb"<(?:[\w.-]+:)?edge[\s/>]")
_CELL_TAG = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")
_STRING_TAG = re.compile(rb"<(?:[\w.-]+:)?si[\s/>]")


def to_csv_files(files, max_rows: int | None = None) -> tuple[tuple[str, bytes], ...]:
    """The ``(file name, bytes)`` pairs with every GraphML, GEXF and Excel file turned into CSV files.

    Parameters
    ----------
    files : iterable of (name, bytes)
        As uploaded; names ending in ``.csv`` (and anything else) are kept as they are, for
        :func:`graph.files.load.load_files` to judge.
    max_rows : int, optional
        The most links (and concepts) a file may hold; default ``KG_MAX_ROWS``. Checked before a file is
        expanded: a sheet's rows and columns as they are read, a GraphML or GEXF file's nodes and edges
        counted in its bytes.

    Returns
    -------
    tuple of (name, bytes)

    Raises
    ------
    ValidationError
        When a file of these formats cannot be read at all (not XML, not a workbook, links without a
        direction), or holds more than the limits allow.

    Example
    -------
    >>> from graph.files.export import to_graphml
    >>> from graph.files.load import load_files, load_graph
    >>> kg = load_graph("data/edges.csv")
    >>> again = load_files(to_csv_files([("map.graphml", to_graphml(kg))]))
    >>> len(again.links) == len(kg.links)
    True
    """
    max_rows = settings.value("KG_MAX_ROWS") if max_rows is None else max_rows
    converted: list[tuple[str, bytes]] = []
    for name, data in files:
        suffix = Path(name).suffix.lower()
        if suffix in GRAPH_SUFFIXES:
            converted += _from_graph(name, data, suffix, max_rows)
        elif suffix == ".xlsx":
            converted += _from_workbook(name, data, max_rows)
        elif suffix == ".cxl":  # CmapTools (graph.files.cxl)
            converted += from_cxl(name, data)
        else:
            converted.append((name, data))
    return tuple(converted)


# --- GraphML and GEXF ------------------------------------------------------


def _from_graph(name: str, data: bytes, suffix: str, max_rows: int) -> list[tuple[str, bytes]]:
    _check_counts(name, data, max_rows)
    graph = _read_graph(name, data, suffix)
    if not graph.is_directed():
        raise _refusal(
            name,
            f"this {_kind(suffix)} file's links have no direction (its graph is undirected), so which concept each link starts "
            "from cannot be told. Make the graph directed (in Gephi: Edges, Directed; in yEd: arrows) and save it again, or export it as CSV.",
        )
    label = {node: _concept_name(node, info) for node, info in graph.nodes(data=True)}
    kind = {node: _text(info.get("type")) or DEFAULT_TYPE for node, info in graph.nodes(data=True)}
    links = []
    for position, (source, target, info) in enumerate(graph.edges(data=True)):
        # The app's exports number links in their order (GraphML keys, GEXF ids); other files keep theirs.
        order = info.get("id", "")
        links.append(
            (
                _number_or(order, position),
                position,
                [
                    label[source],
                    kind[source],
                    _text(info.get("relation") or info.get("label")),
                    label[target],
                    kind[target],
                    _text(info.get("section")),
                    _text(info.get("explanation")),
                    _text(info.get("sources")),
                ],
            )
        )
    links.sort(key=lambda item: item[:2])
    concepts = [
        [label[node], kind[node], _text(info.get("group")), _text(info.get("description")), _text(info.get("aliases"))]
        for node, info in graph.nodes(data=True)
    ]
    nodes = _csv((*NODE_COLUMNS, ALIAS_COLUMN), concepts)
    return [(name, _csv(EDGE_COLUMNS, [row for *_, row in links])), ("nodes.csv", nodes)]


def _check_counts(name: str, data: bytes, max_rows: int) -> None:
    """Refuse a file with more links or concepts than ``max_rows`` before networkx builds them in memory."""
    for tag, what in ((_EDGE_TAG, "links"), (_NODE_TAG, "concepts")):
        count = sum(1 for _ in tag.finditer(data))
        if count > max_rows:
            raise _refusal(
                name,
                f"the file has {count:,} {what}; the limit here is {max_rows:,}. Split it into smaller graphs, "
                "or ask whoever runs this app to raise KG_MAX_ROWS.",
            )


def _kind(suffix: str) -> str:
    return "GraphML" if suffix == ".graphml" else "GEXF"


def _refusal(name: str, message: str, row: int | None = None, column: str | None = None) -> ValidationError:
    return ValidationError([Problem(name, row, column, message)])


def _read_graph(name: str, data: bytes, suffix: str) -> nx.MultiDiGraph:
    try:
        if suffix == ".graphml":
            graph = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
            # GraphML keeps an edge's id as its key; give it to the edge, as GEXF does.
            for *_, key, info in graph.edges(keys=True, data=True):
                info.setdefault("id", key)
            return graph
        return nx.read_gexf(io.BytesIO(data))
    except RecursionError:
        raise _refusal(
            name,
            f"this {_kind(suffix)} file nests its nodes too deeply to be read; save it again without nested nodes, or as CSV.",
        ) from None
    except (SyntaxError, nx.NetworkXError, ValueError, KeyError, IndexError, TypeError) as err:  # SyntaxError: XML's ParseError
        kind = "GraphML" if suffix == ".graphml" else "GEXF"
        detail = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ValidationError(
            [
                Problem(
                    name,
                    None,
                    None,
                    f"this {kind} file cannot be read ({detail}). Save it again from Gephi or yEd, or export it as CSV.",
                )
            ]
        ) from None


def _concept_name(node, info: dict) -> str:
    # Gephi numbers its nodes and keeps the name in the label; this app's exports use the name for both.
    return _text(info.get("label")) or _text(node)


def _number_or(value, position: int) -> tuple[int, int]:
    text = _text(value)
    # Not str.isdigit: it takes "²", which int() refuses.
    return (0, int(text)) if re.fullmatch(r"-?[0-9]{1,18}", text) else (1, position)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- Excel -----------------------------------------------------------------


def _from_workbook(name: str, data: bytes, max_rows: int) -> list[tuple[str, bytes]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _check_workbook(name, data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError, SyntaxError, TypeError) as err:
        raise _refusal(
            name,
            f"this is not an Excel workbook that can be read ({type(err).__name__}); save it again as .xlsx, or as 'CSV UTF-8'.",
        ) from None
    try:
        files = []
        for position, sheet in enumerate(book.worksheets):
            role = sheet.title.strip().lower()
            if role in ("nodes", "sources"):
                files.append((f"{role}.csv", _sheet_csv(name, sheet, max_rows)))
            elif position == 0:
                files.append((name, _sheet_csv(name, sheet, max_rows)))
        return files
    finally:
        book.close()


def _check_workbook(name: str, data: bytes) -> None:
    """Refuse a workbook that unpacks to too much, or whose table of shared strings is out of all proportion
    to its cells (openpyxl reads that whole table on opening: 20 million strings took minutes and gigabytes)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip at all: openpyxl says so, in the words the user gets for that
    cells = strings = 0
    try:
        with archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            unpacked = sum(m.file_size for m in members)
            if unpacked > MAX_UNZIPPED_BYTES:
                raise _refusal(
                    name,
                    f"unpacked, the workbook holds {unpacked / 1e6:,.0f} MB; the limit is {MAX_UNZIPPED_BYTES / 1e6:,.0f} MB. "
                    "Save it as 'CSV UTF-8' instead.",
                )
            for member in members:
                with archive.open(member) as file:
                    found_cells, found_strings = _count_tags(file, (_CELL_TAG, _STRING_TAG))
                cells, strings = cells + found_cells, strings + found_strings
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as err:
        raise _refusal(
            name, f"this workbook cannot be unpacked ({type(err).__name__}); save it again as .xlsx, or as 'CSV UTF-8'."
        ) from None
    if strings > cells + _SPARE_STRINGS:
        raise _refusal(
            name,
            f"the workbook lists {strings:,} shared strings for {cells:,} cells, far more than it can use; it may be damaged. "
            "Save it again from Excel, or as 'CSV UTF-8'.",
        )


def _count_tags(file, tags, keep: int = 32) -> list[int]:
    """How often each tag occurs in ``file``, read a MB at a time (zipfile stops at a member's stated size and
    checks its CRC). A match that starts in a chunk's last ``keep`` bytes is counted with the next chunk."""
    counts = [0] * len(tags)
    pending = b""
    while True:
        chunk = file.read(1 << 20)
        part = pending + chunk
        limit = max(len(part) - keep, 0) if chunk else len(part)
        for i, tag in enumerate(tags):
            counts[i] += sum(1 for match in tag.finditer(part) if match.start() < limit)
        if not chunk:
            return counts
        pending = part[limit:]


def _sheet_csv(name: str, sheet, max_rows: int) -> bytes:
    rows = _sheet_rows(name, sheet, max_rows)
    width = max((max(row) for row in rows.values()), default=0)
    last = max(rows, default=0)
    # Every row is written, empty ones too, so that a problem's row number is the sheet's own; no wider than
    # the rightmost cell that holds something (formatting can stretch a sheet with empty columns on the right).
    table = [[rows.get(index, {}).get(column, "") for column in range(1, width + 1)] for index in range(1, last + 1)]
    # No guard added: a sheet holds what the CSV export wrote (its apostrophes included), read as that CSV would be.
    return _csv(None, table, guard=False)


def _sheet_rows(name: str, sheet, max_rows: int) -> dict[int, dict[int, str]]:
    """The cells that hold something, by row and column, refusing a cell past the limits as soon as it is read.

    openpyxl's own ``iter_rows`` pads every row to the sheet's widest and fills every missing row up to
    the last one named, before anything could be checked: one cell at XFD1048576 in a 1.7 KB file asked
    for 137 GB. Its parser yields only the cells the file holds, so that is what is read here.
    """
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet._reader import WorkSheetParser

    book = sheet.parent
    last_row = max_rows + 1  # the header, then one link (or concept) a row
    rows: dict[int, dict[int, str]] = {}
    try:
        with sheet._get_source() as source:
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            for index, cells in parser.parse():
                values = {cell["column"]: text for cell in cells if (text := _cell(cell["value"])) != ""}
                if not values:
                    continue
                if not 1 <= index <= last_row:
                    raise _refusal(
                        name,
                        f"the sheet '{sheet.title}' has a cell in row {index:,}; the limit here is {max_rows:,} rows "
                        "after the header. Delete what lies below the table, split the graph, or ask whoever runs "
                        "this app to raise KG_MAX_ROWS.",
                        row=index if index >= 1 else None,
                    )
                if max(values) > MAX_COLUMNS or min(values) < 1:
                    column = max(values)
                    raise _refusal(
                        name,
                        f"the sheet '{sheet.title}' has a cell in column {get_column_letter(column) if 1 <= column <= 18278 else column}; "
                        f"a graph's sheet has at most {MAX_COLUMNS} columns. Delete what lies right of the table.",
                        row=index,
                    )
                rows.setdefault(index, {}).update(values)
    except ValidationError:
        raise
    except (
        SyntaxError,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
        AttributeError,
        zipfile.BadZipFile,
        OSError,
        EOFError,
    ) as err:
        # SyntaxError: XML that does not parse (ElementTree's ParseError is one).
        raise _refusal(
            name,
            f"the sheet '{sheet.title}' cannot be read ({type(err).__name__}); save the workbook again as .xlsx, or as 'CSV UTF-8'.",
        ) from None
    return rows


def _cell(value) -> str:
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return _text(value)


def _csv(header, rows, guard: bool = True) -> bytes:
    out = io.StringIO()
    # Every cell quoted, as the CSV export quotes a guarded one: the loader removes a formula guard only
    # from a quoted cell, and a sheet's "'+plus" came from that export (typed in a spreadsheet, the
    # apostrophe is a marker the sheet does not keep).
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    if header is not None:
        writer.writerow(header)
    writer.writerows([[_guarded(cell) for cell in row] for row in rows] if guard else rows)
    return out.getvalue().encode("utf-8")


def _guarded(cell: str) -> str:
    # The loader takes a leading apostrophe before =, +, -, @ or another apostrophe as the CSV export's formula
    # guard and removes it; adding one here keeps such a cell as it was written (a relation "-> causes", say).
    return "'" + cell if cell.startswith(_FORMULA_START) or cell.startswith("'") else cell
