"""Excel workbooks (.xlsx) read as tables: a worksheet's first row is the header, each later row a record.

Cells are read through openpyxl as Excel last calculated them (a formula gives its cached value) and turned
into the text a CSV export would hold, so the same checks apply: 0.27 formatted as a percentage reads as
"27%", a whole number as "1924". A cell showing an error such as #DIV/0! is an error naming its cell, whatever
its column.
Problems name the sheet and cell: "2026-09.xlsx, sheet 'Data', cell B7".
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from ..errors import Problems, Reason, UnreadableInput
from .limits import MAX_CSV_ROWS
from .table import Row, Table, cell_text, check_header, left_out, sheet_label
from .text import CONTROL, read_input_bytes
from .values import SPREADSHEET_ERRORS, spreadsheet_error


@dataclass(frozen=True)
class WorkbookFile:
    """A workbook that was read: its path and the hash of its bytes, for the manifest."""

    path: Path
    sha256: str


@dataclass(frozen=True)
class OpenWorkbook:
    """A workbook opened once for reading any of its sheets, with the record of its file."""

    book: Any
    file: WorkbookFile
    label: str

    @property
    def sheet_names(self) -> list[str]:
        return list(self.book.sheetnames)


@contextlib.contextmanager
def opened(path: Path, label: str, problems: Problems) -> Iterator[OpenWorkbook | None]:
    """The workbook, open for the block; None (with the problem recorded) when it cannot be read."""
    try:
        data = read_input_bytes(path)
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UnreadableInput as error:
        problems.error(label, str(error), reason=Reason.UNREADABLE)
        yield None
        return
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as error:
        problems.error(label, f"is not a readable Excel workbook (.xlsx): {error}; save it from Excel as an "
                              "Excel Workbook", reason=Reason.UNREADABLE)
        yield None
        return
    except OSError as error:
        problems.error(label, f"cannot be read: {error.strerror or error}", reason=Reason.UNREADABLE)
        yield None
        return
    try:
        yield OpenWorkbook(book, WorkbookFile(path, hashlib.sha256(data).hexdigest()), label)
    finally:
        book.close()


def read_sheet_table(path: Path, file_label: str, required: tuple[str, ...], problems: Problems,
                     optional: bool = False, sheet: str | None = None) -> Table | None:
    """Read one worksheet (the named one, else the first) as a table; None (with the problems recorded) when
    it cannot be used at all."""
    with opened(path, file_label, problems) as workbook:
        return None if workbook is None else sheet_table(workbook, sheet, required, problems, optional)


def sheet_table(workbook: OpenWorkbook, sheet: str | None, required: tuple[str, ...], problems: Problems,
                optional: bool = False) -> Table | None:
    """One worksheet of an open workbook (the named one, else the first) as a table."""
    book, file_label = workbook.book, workbook.label
    if sheet is not None and sheet not in book.sheetnames:
        problems.error(file_label, f"has no sheet {sheet!r}; its sheets are: {', '.join(book.sheetnames)}",
                       reason=Reason.NOT_FOUND)
        return None
    worksheet = book[sheet] if sheet is not None else book.worksheets[0]
    label = sheet_label(file_label, worksheet.title)
    if hasattr(worksheet, "reset_dimensions"):
        worksheet.reset_dimensions()   # read to the last row, whatever size the file claims
    records = worksheet.iter_rows()
    header_cells = next(records, None)
    header = None if header_cells is None else [cell_text(c.value, None) for c in header_cells]
    columns = check_header(label, header, required, problems, optional)
    if columns is None:
        return None
    letters = {name: get_column_letter(i + 1) for i, name in enumerate(columns) if name}
    problems.name_places(label, lambda line, column: f"cell {letters[column]}{line}" if column in letters
                         else f"row {line}")
    rows: list[Row] = []
    for number, cells in enumerate(records, start=2):
        texts = [cell_text(c.value, getattr(c, "number_format", None)) for c in cells]
        if not any(text.strip() for text in texts):
            continue
        if len(rows) == MAX_CSV_ROWS:
            problems.error(label, f"has more than {MAX_CSV_ROWS:,} rows, far more than a pack needs: is it the "
                                  "right sheet?", line=number, reason=Reason.TOO_LARGE)
            return None
        if any(CONTROL.search(text) for text in texts):
            problems.error(label, "holds control characters that Word cannot show: remove them", line=number,
                           reason=Reason.CONTROL_CHARACTERS)
            continue
        if len(texts) > len(columns) and any(text.strip() for text in texts[len(columns):]):
            extra = next(i for i in range(len(columns), len(texts)) if texts[i].strip())
            problems.error(label, f"has a value in column {get_column_letter(extra + 1)}, beyond the "
                                  f"{len(columns)} columns the header names", line=number, reason=Reason.BAD_HEADER)
            continue
        for index, cell in enumerate(cells[:len(columns)]):
            if getattr(cell, "data_type", None) == "e" or texts[index] in SPREADSHEET_ERRORS:
                problems.error(label, spreadsheet_error(texts[index]), line=number, column=columns[index],
                               found=texts[index], reason=Reason.SPREADSHEET_ERROR)
        rows.append(Row(number, {name: texts[i] if i < len(texts) else ""
                                 for i, name in enumerate(columns) if name}))
    if not rows:
        empty = problems.warning if optional else problems.error
        empty(label, f"has a header but no data rows{left_out(optional)}", line=1, reason=Reason.LEFT_OUT)
        return None
    return Table(label, workbook.file, columns, tuple(rows))
