"""CSV tables with a header row, read with their spreadsheet line numbers (the header is line 1)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .problems import Problems
from .table import Row, Table, check_header, left_out
from .text import UndecodableFile, read_text


def read_csv_table(path: Path, label: str, required: tuple[str, ...], problems: Problems,
                   optional: bool = False) -> Table | None:
    """Read a CSV file; record problems (and return None) when it cannot be used at all. An optional file
    (benchmarks, finance, activity) that is empty or has no rows is a warning: its part is left out."""
    try:
        source = read_text(path)
    except UndecodableFile as error:
        problems.error(label, str(error))
        return None
    except OSError as error:
        problems.error(label, f"cannot be read: {error.strerror}")
        return None
    reader = csv.reader(io.StringIO(source.text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as error:
        problems.error(label, f"is not a readable CSV file ({error})", line=1)
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
            if len(record) > len(columns) and any(cell.strip() for cell in record[len(columns):]):
                problems.error(label, f"has {len(record)} cells but the header names {len(columns)} columns; "
                                      "is there an unquoted comma in a value?", line=start)
                continue
            rows.append(Row(start, {name: record[i] if i < len(record) else ""
                                    for i, name in enumerate(columns) if name}))
    except csv.Error as error:
        problems.error(label, f"is not a readable CSV file ({error})", line=reader.line_num)
        return None
    if not rows:
        empty = problems.warning if optional else problems.error
        empty(label, f"has a header but no data rows{left_out(optional)}", line=1)
        return None
    return Table(label, source, columns, tuple(rows))
