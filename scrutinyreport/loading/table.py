"""Tables of inputs, whatever they were saved as: rows of text cells by column name, each row with its place
in the file (a CSV line, or a worksheet row whose cells problems name as B7). The loaders check rows the
same way whichever reader made them."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from ..errors import Problems, Reason

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")


class SourceFile(Protocol):
    """A file that was read: its path and the hash of its bytes, for the manifest."""

    @property
    def path(self) -> Path: ...

    @property
    def sha256(self) -> str: ...


@dataclass(frozen=True)
class Row:
    """One data row: its line (CSV) or row number (worksheet), the header being 1, and its cells as text by
    normalised column name."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()


@dataclass(frozen=True)
class Table:
    label: str
    source: SourceFile
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    line_name: str = "line"   # what a row's number counts: a CSV file's lines, a worksheet's rows


def sheet_label(file_label: str, sheet: str) -> str:
    """How problems name a worksheet: "2026-09.xlsx, sheet 'Data'"."""
    return f"{file_label}, sheet {sheet!r}"


def normalise_column(name: str) -> str:
    """Column names match case-insensitively with surrounding spaces ignored."""
    return name.strip().strip("\ufeff").strip().lower()


def check_header(label: str, header: Sequence[str] | None, required: tuple[str, ...], problems: Problems,
                 optional: bool, line: int = 1) -> tuple[str, ...] | None:
    """The normalised column names, or None (with the problem recorded) when the table cannot be used.
    ``line`` is where the header is (a worksheet's header may sit below title rows)."""
    empty = problems.warning if optional else problems.error
    if header is None or not any(cell.strip() for cell in header):
        empty(label, "is empty: expected a header row naming the columns "
                     f"({', '.join(required)}) and one row per record{left_out(optional)}",
              line=line if header else None, reason=Reason.BAD_HEADER)
        return None
    columns = tuple(normalise_column(cell) for cell in header)
    seen: set[str] = set()
    for name in columns:
        if name and name in seen:
            problems.error(label, f"the column {name!r} appears twice in the header", line=line, column=name,
                           reason=Reason.BAD_HEADER)
        seen.add(name)
    missing = [name for name in required if name not in columns]
    if missing:
        problems.error(label, "missing required column(s): " + ", ".join(missing)
                       + f"; the header has: {', '.join(c for c in columns if c) or 'nothing'}", line=line,
                       reason=Reason.BAD_HEADER)
        return None
    return columns


def left_out(optional: bool) -> str:
    return "; that part of the pack is left out" if optional else ""


def _plain(number: float | int) -> str:
    """A number as plain decimal text, never in exponent form (1924, 82.8, 0.00001)."""
    if isinstance(number, int):
        return str(number)
    if not math.isfinite(number):
        return str(number)
    return format(Decimal(repr(round(number, 10))).normalize(), "f")


def cell_text(value: Any, number_format: str | None = None) -> str:
    """A spreadsheet cell or DataFrame value as the text a CSV export would hold (0.27 formatted as a
    percentage: "27%")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        if number_format and "%" in number_format:
            return _plain(value * 100) + "%"
        return _plain(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def read_table(path: Path, label: str, required: tuple[str, ...], problems: Problems, optional: bool = False,
               sheet: str | None = None) -> Table | None:
    """A CSV file, or a worksheet of a workbook (the named sheet, else the first); None (with the problems
    recorded) when it cannot be used at all. An optional table that is empty is a warning."""
    if path.suffix.lower() in SPREADSHEET_SUFFIXES:
        from .workbook import read_sheet_table  # openpyxl is imported only for workbooks
        return read_sheet_table(path, label, required, problems, optional, sheet)
    from .csvfile import read_csv_table
    return read_csv_table(path, label, required, problems, optional)
