"""Reading one CSV file's table: its structure first, then its cells.

The header is read alone (a header wider than :data:`MAX_COLUMNS`, or one separated by semicolons
or tabs, is refused before the rest is read); then a well-formed file from 128 KB is read by pyarrow,
and smaller files and any file pyarrow objects to by Python's csv module, which names each problem's
row as a spreadsheet shows it. No message is made by reading a parser's error text. What the table
must hold (its columns, its cells) is checked by :mod:`graph.files.load`.
"""

from __future__ import annotations

import collections
import csv
import functools
import io
import itertools
import re
import unicodedata
from collections.abc import Iterator

import pandas as pd
import pyarrow as pa
from pyarrow import csv as pa_csv

from graph.core.problems import Problem, ValidationError, raise_problems

__all__ = ["MAX_COLUMNS", "parse_table", "read_table"]

MAX_COLUMNS = 64
"""No graph needs more columns; a wider header is refused before pandas spends minutes on it."""
_FAST_READ_BYTES = 1 << 17  # from 128 KB (about 800 links) pyarrow reads first: below, the csv module is as fast


@functools.cache
def _allow_long_cells() -> None:
    """A cell may be as long as its file (a long explanation): the csv module's limit of 131,072
    characters would refuse what pyarrow reads. The csv module has no limit per reader, so it is
    lifted for the process, on the first read (never on import), and only ever lifted."""
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


def read_table(data: bytes, name: str) -> pd.DataFrame:
    """Read CSV bytes as a table of trimmed strings (the header is trimmed too).

    Raises :class:`ValidationError` when the bytes are not a UTF-8 CSV file.
    """
    try:
        return parse_table(data, name)
    except ValidationError as unreadable:
        raise_problems(unreadable.problems)


# --- reading ---------------------------------------------------------------
#
# The structure of a file is read before its cells: the csv module reads the header, and then either
# pyarrow reads a well-formed file of over 128 KB fast or the csv module reads the file record by
# record. Each problem comes from what was read (how many cells a record has, a record that swallowed
# the end of the file), never from the words of a parser's error message.


_END = "\x00"
"""A line the csv module reads after a file's last one, to learn whether every double quote was closed:
read as a record of its own, they were; a quote left open swallows it into its cell. No file that gets
this far holds a NUL."""
_QUOTE_LEFT_OPEN = "the CSV cannot be read: a double quote is opened but never closed; check the quotes in the row named."


class _QuoteLeftOpen(Exception):
    """The double quote opened in the record that starts at ``row`` is never closed: the rest of the file is in its cell."""

    def __init__(self, row: int):
        super().__init__(row)
        self.row = row


def parse_table(data: bytes, name: str) -> pd.DataFrame:
    """The table in a CSV file's bytes: trimmed strings, indexed by spreadsheet row.

    Raises :class:`ValidationError` with every problem that keeps the file from being read
    (all of them: callers cap the count).
    """
    text, utf8 = _decoded(data, name)
    header = _header(text, name)
    table = _read_fast(utf8, header, text) if len(data) >= _FAST_READ_BYTES else None
    if table is None:
        table = _read_careful(text, len(header), name)
    table.columns = [cell.strip() for cell in header]
    return _tidied(table, text)


def _unreadable(name: str, row: int | None, message: str) -> ValidationError:
    return ValidationError([Problem(name, row, None, message)])


def _decoded(data: bytes, name: str) -> tuple[str, bytes]:
    """The text of a CSV file's bytes (NFC), and that text as UTF-8 bytes for pyarrow.

    Raises :class:`ValidationError` when the bytes are empty, or not UTF-8 text.
    """
    if not data or data.isspace():  # not data.strip(): that copies the file
        raise _unreadable(name, None, "the file is empty; it needs a header row and at least one link.")
    if data[:4] == b"PK\x03\x04":
        message = "this is a spreadsheet (.xlsx) file, not CSV; in your spreadsheet program use 'Save as… CSV UTF-8'."
        raise _unreadable(name, None, message)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise _unreadable(name, None, "the file is UTF-16 text; save it again as 'CSV UTF-8'.")
    if b"\x00" in data:  # anywhere: a NUL late in a file is as binary as one at the start
        raise _unreadable(name, None, "this is not a text file (it contains binary data); choose a CSV file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        message = "the file is not UTF-8 text (perhaps Latin-1 or Windows-1252); save it again as 'CSV UTF-8'."
        raise _unreadable(name, data[: err.start].count(b"\n") + 1, message) from None
    if not unicodedata.is_normalized("NFC", text):
        # "é" typed as one character or as "e" and an accent is one name: compare names as spelled, not as encoded.
        text = unicodedata.normalize("NFC", text)
        data = text.encode("utf-8")
    return text, data


def _header(text: str, name: str) -> list[str]:
    """The header's cells: the first record that is not blank.

    It is read from only as much of the start of the text as it needs, eight times more each time:
    the csv module reads a copy, and a copy of a whole big file costs a second at a million links.
    A header wider than :data:`MAX_COLUMNS` is refused before anything reads the rest, as is one
    whose cells are separated by semicolons or tabs.
    """
    length = 1 << 16
    while True:
        records = _records(text[:length])
        try:
            header = next(records, None)
            if length >= len(text) or next(records, None) is not None:  # another record follows: the header is whole
                break
        except _QuoteLeftOpen as open_quote:
            if length >= len(text):
                raise _unreadable(name, open_quote.row, _QUOTE_LEFT_OPEN) from None
        length *= 8
    if header is None:
        raise _unreadable(name, None, "the file is empty; it needs a header row and at least one link.")
    cells = header[1]
    if len(cells) > MAX_COLUMNS:
        message = f"the header has {len(cells):,} columns; a graph needs at most {MAX_COLUMNS}. Is this the right file?"
        raise _unreadable(name, 1, message)
    if len(cells) == 1 and any(separator in cells[0] for separator in ";\t"):
        separators = "semicolons" if ";" in cells[0] else "tabs"
        message = f"the columns are separated by {separators}, not commas; save the file as comma-separated CSV (UTF-8)."
        raise _unreadable(name, 1, message)
    return cells


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each record the csv module reads in ``text``, with the spreadsheet row it starts on. Blank lines and
    lines of spaces are skipped (pyarrow skips them too) but counted, as a spreadsheet shows them.

    Raises :class:`_QuoteLeftOpen` once the records before it are read, when a double quote is never closed.
    """
    # newline="": a lone "\r" (an old Mac's line end) ends a line too, and a line break in a quoted cell is kept.
    _allow_long_cells()
    reader = csv.reader(itertools.chain(io.StringIO(text, newline=""), [_END]))
    row = 1
    for cells in reader:
        if cells == [_END]:
            return
        if cells and _END in cells[-1]:  # the end line was read into a cell: that cell's quote was never closed
            raise _QuoteLeftOpen(row)
        if len(cells) > 1 or (cells and cells[0].strip()):
            yield row, cells
        row = reader.line_num + 1


def _read_careful(text: str, width: int, name: str) -> pd.DataFrame:
    """The rows under the header as the csv module reads them, each indexed by its spreadsheet row.

    A row with fewer cells than the header has empty cells at its end (a spreadsheet leaves them off);
    a row with more, or a double quote never closed, is a problem, and every such problem is raised
    together as :class:`ValidationError`.
    """
    rows: list[int] = []
    lines: list[list[str]] = []
    problems: list[Problem] = []
    records = _records(text)
    try:
        next(records)  # the header, read already
        for row, cells in records:
            if len(cells) > width:
                message = (
                    f"the CSV cannot be read: this row has {len(cells)} cells but the header has {width} columns. "
                    "Put cells that contain commas in double quotes."
                )
                problems.append(Problem(name, row, None, message))
            else:
                rows.append(row)
                lines.append(cells if len(cells) == width else cells + [""] * (width - len(cells)))
    except _QuoteLeftOpen as open_quote:
        problems.append(Problem(name, open_quote.row, None, _QUOTE_LEFT_OPEN))
    if problems:
        raise ValidationError(problems)
    columns = zip(*lines) if lines else [()] * width
    return pd.DataFrame(dict(enumerate(columns)), index=pd.Index(rows, name="row"), dtype="str")


def _read_fast(data: bytes, header: list[str], text: str) -> pd.DataFrame | None:
    """pyarrow's reading of a file of over 128 KB (a third of the csv module's time at 5,000 links), for the
    careful reader to stand in for whenever it objects: to a row wider or narrower than the header (its
    ``InvalidRow``), to a quote left open, to input it cannot split. For a well-formed file both read
    the same table."""
    names = [str(position) for position in range(len(header))]
    objections: list[pa_csv.InvalidRow] = []

    def object_to(row: pa_csv.InvalidRow) -> str:
        if row.text.strip():  # a line of spaces is a blank line, which both readers skip
            objections.append(row)
        return "skip"

    try:
        arrow = pa_csv.read_csv(
            pa.py_buffer(data),
            read_options=pa_csv.ReadOptions(column_names=names),  # the header is read as a row, to check it is the csv module's
            # newlines_in_values: pyarrow cuts the file into blocks, and must not cut one inside a quoted cell.
            parse_options=pa_csv.ParseOptions(newlines_in_values=True, invalid_row_handler=object_to),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False, quoted_strings_can_be_null=False
            ),
        )
    except pa.ArrowInvalid:
        # What pyarrow raises for input it cannot split into blocks (a cell longer than a block, say):
        # the careful reader reads it, or names what is wrong with it.
        return None
    if objections or arrow.num_rows == 0 or list(arrow.slice(0, 1).to_pylist()[0].values()) != header:
        return None
    rows = _spreadsheet_rows(text, arrow.num_rows - 1)
    return None if rows is None else arrow.slice(1).to_pandas().set_axis(rows, axis=0)


def _spreadsheet_rows(text: str, count: int) -> pd.Index | None:
    """The row of each of the ``count`` records after the header as a spreadsheet shows it (the header is row 1);
    None when the csv module does not read ``count`` records there, or finds a double quote never closed.

    When every line is one record (the usual case) that is plain counting; files with blank lines,
    line breaks inside quoted cells or old Mac line ends need the csv module.
    """
    lines = text.count("\n") + (not text.endswith("\n"))
    old_mac = "\r" in text and text.count("\r") != text.count("\r\n")  # counted only when there is one: it takes time
    if lines == count + 1 and not old_mac and _quotes_closed(_last_line(text)):
        # A quote left open on any line but the last would have joined lines into one record.
        return pd.RangeIndex(2, count + 2, name="row")
    try:
        rows = [row for row, _ in _records(text)][1:]
    except _QuoteLeftOpen:
        return None
    return pd.Index(rows, name="row") if len(rows) == count else None


def _last_line(text: str) -> str:
    return text[text.rfind("\n", 0, len(text) - 1) + 1 :]


def _quotes_closed(text: str) -> bool:
    try:
        collections.deque(_records(text), maxlen=0)
    except _QuoteLeftOpen:
        return False
    return True


def _tidied(table: pd.DataFrame, text: str) -> pd.DataFrame:
    """Cells trimmed, the export's formula guards removed, and rows of empty cells dropped."""
    guarded = _guarded_cells(text) if "\"'" in text else set()
    # By position: trimmed header names may repeat (" source" and "source"), which _read reports.
    for position in range(len(table.columns)):
        cells = table.iloc[:, position].str.strip()
        if guarded and cells.str.startswith("'").any():
            # Undo the export's formula guard (graph.files.export), and only that: a quoted cell the export wrote.
            cells = cells.where(~cells.isin(guarded), cells.str[1:])
        table.isetitem(position, cells)
    # Spreadsheets often save empty rows as a line of commas: they carry nothing, so drop them.
    if not len(table.columns):
        return table
    kept = (table != "").any(axis=1)
    return table if kept.all() else table[kept]  # selecting copies every column, even when every row is kept


_GUARDED = re.compile(r"""(?:^|(?<=,))"('[=+\-@\t\r'](?:[^"]|"")*)"(?=,|\r|\n|$)""", re.MULTILINE)


def _guarded_cells(text: str) -> set[str]:
    """The cells the export guarded against formulas: quoted, an apostrophe, then what a spreadsheet would
    run (``"'=1+1"``; :func:`graph.files.export.to_csv` writes them so). An apostrophe a person typed, as in
    ``'+' operator``, is not quoted by a spreadsheet and is kept."""
    return {match.group(1).replace('""', '"').strip() for match in _GUARDED.finditer(text)}
