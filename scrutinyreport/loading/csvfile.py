"""CSV tables with a header row, read with their spreadsheet line numbers (the header is line 1)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .limits import MAX_CSV_ROWS
from .problems import Problems
from .text import SAVE_AS_CSV, TextFile, UnreadableInput, read_text

_OTHER_DELIMITERS = {";": "semicolon-separated", "\t": "tab-separated", "|": "separated by '|'"}


@dataclass(frozen=True)
class CsvRow:
    """One data row: the line it starts on and its cells by normalised column name."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()


@dataclass(frozen=True)
class CsvTable:
    label: str
    source: TextFile
    columns: tuple[str, ...]
    rows: tuple[CsvRow, ...]


def normalise_column(name: str) -> str:
    """Column names match case-insensitively with surrounding spaces ignored."""
    return name.strip().strip("\ufeff").strip().lower()


def read_csv_table(path: Path, label: str, required: tuple[str, ...], problems: Problems,
                   optional: bool = False) -> CsvTable | None:
    """Read a CSV file; record problems (and return None) when it cannot be used at all. An optional file
    (benchmarks, finance, activity) that is empty or has no rows is a warning: its part is left out."""
    empty = problems.warning if optional else problems.error
    left_out = "; that part of the pack is left out" if optional else ""
    try:
        source = read_text(path)
    except UnreadableInput as error:
        problems.error(label, str(error))
        return None
    reader = csv.reader(io.StringIO(source.text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as error:
        problems.error(label, f"is not a readable CSV file ({error})", line=1)
        return None
    if header is None or not any(cell.strip() for cell in header):
        empty(label, "is empty: expected a header row naming the columns "
                     f"({', '.join(required)}) and one row per record{left_out}", line=1 if header else None)
        return None
    columns = tuple(normalise_column(cell) for cell in header)
    seen: set[str] = set()
    for name in columns:
        if name and name in seen:
            problems.error(label, f"the column {name!r} appears twice in the header", line=1, column=name)
        seen.add(name)
    missing = [name for name in required if name not in columns]
    if missing and len(header) == 1:
        kind = next((kind for mark, kind in _OTHER_DELIMITERS.items() if header[0].count(mark) >= 1), None)
        if kind is not None:
            problems.error(label, f"this file looks {kind}, not comma-separated: {SAVE_AS_CSV}", line=1)
            return None
    if missing:
        problems.error(label, "missing required column(s): " + ", ".join(missing)
                       + f"; the header has: {', '.join(c for c in columns if c) or 'nothing'}", line=1)
        return None
    rows: list[CsvRow] = []
    line = reader.line_num
    try:
        for record in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(rows) == MAX_CSV_ROWS:
                problems.error(label, f"has more than {MAX_CSV_ROWS:,} rows, far more than a pack needs: is it "
                                      "the right file?", line=start)
                return None
            if len(record) > len(columns) and any(cell.strip() for cell in record[len(columns):]):
                problems.error(label, f"has {len(record)} cells but the header names {len(columns)} columns; "
                                      "is there an unquoted comma in a value?", line=start)
                continue
            rows.append(CsvRow(start, {name: record[i] if i < len(record) else ""
                                       for i, name in enumerate(columns) if name}))
    except csv.Error as error:
        problems.error(label, f"is not a readable CSV file ({error})", line=reader.line_num)
        return None
    if not rows:
        empty(label, f"has a header but no data rows{left_out}", line=1)
        return None
    return CsvTable(label, source, columns, tuple(rows))
