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
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

import networkx as nx

from graph.core.aliases import ALIAS_COLUMN
from graph.files.cxl import from_cxl
from graph.files.load import EDGE_COLUMNS, NODE_COLUMNS, Problem, ValidationError

__all__ = ["GRAPH_SUFFIXES", "UPLOAD_SUFFIXES", "DEFAULT_TYPE", "to_csv_files"]

GRAPH_SUFFIXES = (".graphml", ".gexf")
UPLOAD_SUFFIXES = ("csv", "graphml", "gexf", "xlsx", "cxl")
"""What the uploader and ``python -m graph publish`` accept."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DEFAULT_TYPE = "concept"
"""The type of a concept whose GraphML or GEXF node has none (Gephi's files often carry no types)."""


def to_csv_files(files) -> tuple[tuple[str, bytes], ...]:
    """The ``(file name, bytes)`` pairs with every GraphML, GEXF and Excel file turned into CSV files.

    Parameters
    ----------
    files : iterable of (name, bytes)
        As uploaded; names ending in ``.csv`` (and anything else) are kept as they are, for
        :func:`graph.files.load.load_files` to judge.

    Returns
    -------
    tuple of (name, bytes)

    Raises
    ------
    ValidationError
        When a file of these formats cannot be read at all (not XML, not a workbook).

    Example
    -------
    >>> from graph.files.export import to_graphml
    >>> from graph.files.load import load_files, load_graph
    >>> kg = load_graph("data/edges.csv")
    >>> again = load_files(to_csv_files([("map.graphml", to_graphml(kg))]))
    >>> len(again.links) == len(kg.links)
    True
    """
    converted: list[tuple[str, bytes]] = []
    for name, data in files:
        suffix = Path(name).suffix.lower()
        if suffix in GRAPH_SUFFIXES:
            converted += _from_graph(name, data, suffix)
        elif suffix == ".xlsx":
            converted += _from_workbook(name, data)
        elif suffix == ".cxl":  # CmapTools (graph.files.cxl)
            converted += from_cxl(name, data)
        else:
            converted.append((name, data))
    return tuple(converted)


# --- GraphML and GEXF ------------------------------------------------------


def _from_graph(name: str, data: bytes, suffix: str) -> list[tuple[str, bytes]]:
    graph = _read_graph(name, data, suffix)
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


def _read_graph(name: str, data: bytes, suffix: str) -> nx.MultiDiGraph:
    try:
        if suffix == ".graphml":
            graph = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
            # GraphML keeps an edge's id as its key; give it to the edge, as GEXF does.
            for *_, key, info in graph.edges(keys=True, data=True):
                info.setdefault("id", key)
            return graph
        return nx.read_gexf(io.BytesIO(data))
    except (ParseError, nx.NetworkXError, ValueError, KeyError, IndexError) as err:
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
    return (0, int(text)) if text.lstrip("-").isdigit() else (1, position)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- Excel -----------------------------------------------------------------


def _from_workbook(name: str, data: bytes) -> list[tuple[str, bytes]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as err:
        raise ValidationError(
            [
                Problem(
                    name,
                    None,
                    None,
                    f"this is not an Excel workbook that can be read ({type(err).__name__}); save it again as .xlsx, or as 'CSV UTF-8'.",
                )
            ]
        ) from None
    try:
        files = []
        for position, sheet in enumerate(book.worksheets):
            role = sheet.title.strip().lower()
            if role in ("nodes", "sources"):
                files.append((f"{role}.csv", _sheet_csv(sheet)))
            elif position == 0:
                files.append((name, _sheet_csv(sheet)))
        return files
    finally:
        book.close()


def _sheet_csv(sheet) -> bytes:
    # Every row is written, empty ones too, so that a problem's row number is the sheet's own.
    rows = [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    width = max((len(row) for row in rows), default=0)
    while width and all(len(row) < width or row[width - 1] == "" for row in rows):
        width -= 1  # formatting can stretch a sheet with empty columns on the right
    # No guard added: a sheet holds what the CSV export wrote (its apostrophes included), read as that CSV would be.
    return _csv(None, [row[:width] + [""] * (width - len(row)) for row in rows], guard=False)


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
