"""CSV tables with a header row, read with their spreadsheet line numbers (the header is line 1)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from ..errors import Problems, Reason, UnreadableInput
from .limits import MAX_CSV_ROWS
from .table import Row, Table, check_header, left_out, normalise_column
from .text import SAVE_AS_CSV, read_text

_OTHER_DELIMITERS = {";": "semicolon-separated", "\t": "tab-separated", "|": "separated by '|'"}


def _other_delimiter(header: Sequence[str] | None, required: tuple[str, ...]) -> str | None:
    """'semicolon-separated' when the header is one cell holding the columns split by something else."""
    if not header or len(header) != 1 or normalise_column(header[0]) in required:
        return None
    return next((kind for mark, kind in _OTHER_DELIMITERS.items() if mark in header[0]), None)


def read_csv_table(path: Path, label: str, required: tuple[str, ...], problems: Problems,
                   optional: bool = False) -> Table | None:
    """Read a CSV file; record problems (and return None) when it cannot be used at all. An optional file
    (benchmarks, finance, activity) that is empty or has no rows is a warning: its part is left out."""
    try:
        source = read_text(path)
    except UnreadableInput as error:
        problems.error(label, str(error), reason=Reason.UNREADABLE)
        return None
    reader = csv.reader(io.StringIO(source.text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as error:
        problems.error(label, f"is not a readable CSV file ({error})", line=1, reason=Reason.UNREADABLE)
        return None
    kind = _other_delimiter(header, required)
    if kind is not None:
        problems.error(label, f"this file looks {kind}, not comma-separated: {SAVE_AS_CSV}", line=1,
                       reason=Reason.UNREADABLE)
        return None
    columns = check_header(label, header, required, problems, optional)
    if columns is None:
        return None
    rows: list[Row] = []
    line = reader.line_num
    try:
        for record in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(rows) == MAX_CSV_ROWS:
                problems.error(label, f"has more than {MAX_CSV_ROWS:,} rows, far more than a pack needs: is it "
                                      "the right file?", line=start, reason=Reason.TOO_LARGE)
                return None
            if len(record) > len(columns) and any(cell.strip() for cell in record[len(columns):]):
                problems.error(label, f"has {len(record)} cells but the header names {len(columns)} columns; "
                                      "is there an unquoted comma in a value?", line=start, reason=Reason.BAD_HEADER)
                continue
            rows.append(Row(start, {name: record[i] if i < len(record) else ""
                                    for i, name in enumerate(columns) if name}))
    except csv.Error as error:
        problems.error(label, f"is not a readable CSV file ({error})", line=reader.line_num, reason=Reason.UNREADABLE)
        return None
    if not rows:
        empty = problems.warning if optional else problems.error
        empty(label, f"has a header but no data rows{left_out(optional)}", line=1, reason=Reason.LEFT_OUT)
        return None
    return Table(label, source, columns, tuple(rows))
