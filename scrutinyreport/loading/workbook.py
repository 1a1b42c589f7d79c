"""Excel workbooks (.xlsx) read as tables: a header row (the first row naming the columns wanted, below any
title rows), then a record a row.

Cells are read through openpyxl as Excel last calculated them (a formula gives its saved result) and turned
into the text a CSV export would hold, so the same checks apply: 0.27 formatted as a percentage reads as
"27%", a whole number as "1924". A cell showing an error such as #DIV/0! is an error naming its cell, whatever
its column; so is a formula saved without its result (openpyxl, XlsxWriter and R's openxlsx write formulas
that only Excel works out), which would otherwise read as blank or as 0.
Problems name the sheet and cell: "2026-09.xlsx, sheet 'Data', cell B7".

Within bounds: before openpyxl opens the workbook, each worksheet's XML is scanned once as a stream (sheet
names, visibility and parts read from the workbook's own XML), and a sheet whose extent, empty rows and
columns included, passes the limits is refused at the cell where it does so; every other part is unpacked
within a budget. openpyxl then reads lazily (read-only mode). Hidden sheets are never read: a warning names
each.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import openpyxl
from lxml import etree
from openpyxl.utils import get_column_letter

from ..errors import Problems, Reason, UnreadableInput, WorkbookRefused
from .limits import (
    MAX_CSV_ROWS,
    MAX_SHEET_CELLS,
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    MAX_UNPACKED_BYTES,
)
from .table import Row, Table, cell_text, check_header, left_out, normalise_column, sheet_label
from .text import CONTROL, read_input_bytes
from .values import SPREADSHEET_ERRORS, spreadsheet_error

HEADER_SEARCH_ROWS = 20   # a header is looked for in this many rows from the top (title rows above it)
NO_RESULT = ("holds a formula saved without its result ({how}), so its figure is not known: open the file in "
             "Excel and save it, or paste the values over the formulas")
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_RELATIONSHIPS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_REFERENCE = re.compile(r"([A-Z]{1,3})(\d+)$")


@dataclass(frozen=True)
class WorkbookFile:
    """A workbook that was read: its path and the hash of its bytes, for the manifest."""

    path: Path
    sha256: str


@dataclass(frozen=True)
class SheetScan:
    """What the scan of one worksheet's XML found: its last row, and the cells (row, column) holding a
    formula with no saved result (or whose saved result cannot be trusted)."""

    last_row: int
    unknown_results: frozenset[tuple[int, int]]


@dataclass(frozen=True)
class OpenWorkbook:
    """A workbook opened once for reading any of its sheets, with the record of its file."""

    book: Any
    file: WorkbookFile
    label: str
    scans: Mapping[str, SheetScan]
    how: str = ""   # why formula results cannot be trusted in this workbook; "" when they can

    @property
    def sheet_names(self) -> list[str]:
        """The worksheets that are read: visible ones (not hidden, not chart sheets), in order."""
        return [name for name in self.book.sheetnames if name in self.scans and _visible(self.book[name])]


def _visible(worksheet: Any) -> bool:
    return getattr(worksheet, "sheet_state", "visible") == "visible"


class _Budget:
    """Bytes unpacked from one workbook, counted as they are read, against MAX_UNPACKED_BYTES."""

    def __init__(self) -> None:
        self.left = MAX_UNPACKED_BYTES

    def reader(self, archive: zipfile.ZipFile, part: str, sheet: str | None = None) -> IO[bytes]:
        budget = self

        class Counted(io.RawIOBase):
            def __init__(self) -> None:
                self.stream = cast(io.BufferedIOBase, archive.open(part))   # a ZipExtFile

            def readable(self) -> bool:
                return True

            def readinto(self, buffer: Any) -> int:
                count = self.stream.readinto(buffer)
                budget.left -= count
                if budget.left < 0:
                    raise WorkbookRefused(f"unpacks to more than {MAX_UNPACKED_BYTES // 1_000_000} MB (at {part}), "
                                          "far more than a pack needs: is it the right file?", sheet)
                return count

            def close(self) -> None:
                self.stream.close()
                super().close()

        return io.BufferedReader(Counted())

    def drain(self, archive: zipfile.ZipFile, part: str) -> None:
        with self.reader(archive, part) as stream:
            while stream.read(1 << 20):
                pass


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _read_xml(archive: zipfile.ZipFile, part: str, budget: _Budget) -> Any:
    with budget.reader(archive, part) as stream:
        return etree.parse(stream, _parser()).getroot()


def _target(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _relationships(archive: zipfile.ZipFile, part: str, budget: _Budget) -> dict[str, str]:
    rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    if rels not in archive.namelist():
        return {}
    return {r.get("Id", ""): _target(part, r.get("Target", "")) for r in _read_xml(archive, rels, budget)
            if _local(r.tag) == "Relationship"}


def _workbook_part(archive: zipfile.ZipFile, budget: _Budget) -> str:
    for target in _relationships(archive, "", budget).values():
        if posixpath.basename(target).startswith("workbook"):
            return target
    return "xl/workbook.xml"


def _sheets(archive: zipfile.ZipFile, budget: _Budget) -> tuple[list[tuple[str, str]], bool]:
    """(name, part) of each worksheet, in order, and whether the workbook asks to be calculated when opened
    (written by programs that store formulas without working them out)."""
    part = _workbook_part(archive, budget)
    root = _read_xml(archive, part, budget)
    targets = _relationships(archive, part, budget)
    sheets: list[tuple[str, str]] = []
    recalculate = False
    for element in root.iter():
        name = _local(element.tag)
        if name == "sheet":
            rid = element.get(f"{{{_RELATIONSHIPS}}}id") or element.get(f"{{{_STRICT_RELATIONSHIPS}}}id") or ""
            target = targets.get(rid, "")
            if target in archive.namelist() and "/worksheets/" in f"/{target}":
                sheets.append((element.get("name", ""), target))
        elif name == "calcPr":
            recalculate = element.get("fullCalcOnLoad") in ("1", "true")
    return sheets, recalculate


def _column_number(reference: str | None, previous: int) -> int:
    """The column of a cell reference such as 'AB12' (28); without one, the column after the previous."""
    match = _REFERENCE.match(reference or "")
    if not match:
        return previous + 1
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - 64
    return column


def scan_sheet(archive: zipfile.ZipFile, part: str, sheet: str, budget: _Budget, recalculate: bool) -> SheetScan:
    """One pass over a worksheet's XML as a stream: refused (WorkbookRefused, naming the cell) as soon as the
    sheet goes past a limit, empty rows and columns counting; the cells whose formula has no saved result."""
    row_number = spanned = 0
    unknown: set[tuple[int, int]] = set()
    with budget.reader(archive, part, sheet) as stream:
        try:
            for _, row in etree.iterparse(stream, events=("end",), resolve_entities=False, no_network=True,
                                          huge_tree=False):
                if _local(row.tag) != "row":
                    continue
                given = row.get("r")
                row_number = int(given) if given and given.isdigit() else row_number + 1
                if row_number > MAX_SHEET_ROWS:
                    raise WorkbookRefused(f"goes on to row {row_number:,} (empty rows count): a sheet is read to "
                                          f"at most row {MAX_SHEET_ROWS:,}; delete the rows below the table (select "
                                          "them, right-click, Delete) or copy the table into a new workbook", sheet)
                column = 0
                for cell in row:
                    if _local(cell.tag) != "c":
                        continue
                    column = _column_number(cell.get("r"), column)
                    if column > MAX_SHEET_COLUMNS:
                        cell_name = f"{get_column_letter(min(column, 16384))}{row_number}"
                        raise WorkbookRefused(f"goes on to cell {cell_name} (empty columns count): a sheet is read to "
                                              f"at most column {get_column_letter(MAX_SHEET_COLUMNS)}; delete the "
                                              "columns to the right of the table", sheet)
                    formula = value = None
                    for child in cell:
                        formula = child if _local(child.tag) == "f" else formula
                        value = child if _local(child.tag) == "v" else value
                    if formula is not None:
                        text_result = cell.get("t") in ("str", "inlineStr")   # Excel saves a result "" as <v/>
                        if recalculate or value is None or (not value.text and not text_result):
                            unknown.add((row_number, column))
                spanned += column
                if spanned > MAX_SHEET_CELLS:
                    raise WorkbookRefused(f"spans more than {MAX_SHEET_CELLS:,} cells by row {row_number:,} (empty "
                                          "cells before the last one of each row count): is it the right sheet?",
                                          sheet)
                row.clear()
                while row.getprevious() is not None:
                    del row.getparent()[0]
        except etree.XMLSyntaxError as error:
            raise WorkbookRefused(f"is not readable: its sheet data is not well-formed ({error})",
                                  sheet) from error
    return SheetScan(row_number, frozenset(unknown))


def _scan(data: bytes) -> tuple[dict[str, SheetScan], bool]:
    """Every worksheet scanned and every other part unpacked within the budget, before openpyxl reads any."""
    budget = _Budget()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets, recalculate = _sheets(archive, budget)
        scans = {name: scan_sheet(archive, part, name, budget, recalculate) for name, part in sheets}
        parts = {part for _, part in sheets}
        for info in archive.infolist():
            if info.filename not in parts and not info.is_dir():
                budget.drain(archive, info.filename)
    return scans, recalculate


UNREADABLE = (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, TypeError, EOFError,
              etree.XMLSyntaxError, NotImplementedError)


@contextlib.contextmanager
def opened(path: Path, label: str, problems: Problems) -> Iterator[OpenWorkbook | None]:
    """The workbook, open for the block; None (with the problem recorded) when it cannot be read. Each hidden
    sheet is named in a warning: it is not read."""
    try:
        data = read_input_bytes(path)
        scans, recalculate = _scan(data)
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except WorkbookRefused as error:
        where = label if error.sheet is None else sheet_label(label, error.sheet)
        problems.error(where, str(error), reason=Reason.TOO_LARGE)
        yield None
        return
    except UnreadableInput as error:
        problems.error(label, str(error), reason=Reason.UNREADABLE)
        yield None
        return
    except UNREADABLE as error:
        problems.error(label, f"is not a readable Excel workbook (.xlsx): {error}; save it from Excel as an "
                              "Excel Workbook", reason=Reason.UNREADABLE)
        yield None
        return
    except OSError as error:
        problems.error(label, f"cannot be read: {error.strerror or error}", reason=Reason.UNREADABLE)
        yield None
        return
    how = ("the workbook asks to be calculated when it is opened, as programs that do not work formulas out "
           "save it" if recalculate else "no result is stored beside it")
    workbook = OpenWorkbook(book, WorkbookFile(path, hashlib.sha256(data).hexdigest()), label, scans, how)
    try:
        for name in book.sheetnames:
            if name in scans and not _visible(book[name]):
                problems.warning(sheet_label(label, name), "ignored: the sheet is hidden (unhide it in Excel if "
                                 "its figures should be read)", reason=Reason.IGNORED)
        yield workbook
    finally:
        book.close()


def read_sheet_table(path: Path, file_label: str, required: tuple[str, ...], problems: Problems,
                     optional: bool = False, sheet: str | None = None) -> Table | None:
    """Read one worksheet (the named one, else the first visible one) as a table; None (with the problems
    recorded) when it cannot be used at all."""
    with opened(path, file_label, problems) as workbook:
        return None if workbook is None else sheet_table(workbook, sheet, required, problems, optional)


Cells = tuple[Any, ...]
HeaderTest = Callable[[Sequence[str]], bool]


def _worksheet(workbook: OpenWorkbook, sheet: str | None, problems: Problems) -> Any:
    names = workbook.sheet_names
    if sheet is None:
        if not names:
            problems.error(workbook.label, "has no visible worksheet to read (its sheets are hidden, or charts)",
                           reason=Reason.NOT_FOUND)
            return None
        return workbook.book[names[0]]
    if sheet not in names:
        problems.error(workbook.label, f"has no sheet {sheet!r} to read; its sheets are: {', '.join(names)}",
                       reason=Reason.NOT_FOUND)
        return None
    return workbook.book[sheet]


def _rows(worksheet: Any) -> Iterator[tuple[int, Cells]]:
    """(row number, cells) of every row, empty ones included, read lazily to the sheet's last row."""
    worksheet.reset_dimensions()   # read to the last row, whatever size the file claims (the scan bounded it)
    return enumerate(worksheet.iter_rows(), start=1)


def header_texts(cells: Cells) -> list[str]:
    return [cell_text(c.value, None) for c in cells]


def peek(workbook: OpenWorkbook, sheet: str) -> list[tuple[int, list[str]]]:
    """The first rows of a sheet (where a header would be) as text, to tell which layout it holds."""
    worksheet = workbook.book[sheet]
    found: list[tuple[int, list[str]]] = []
    for number, cells in _rows(worksheet):
        if number > HEADER_SEARCH_ROWS:
            break
        found.append((number, header_texts(cells)))
    return found


def find_header(rows: Sequence[tuple[int, list[str]]], wanted: HeaderTest) -> tuple[int, list[str]] | None:
    """The first of the rows whose normalised cells pass the test."""
    for number, texts in rows:
        if wanted([normalise_column(text) for text in texts]):
            return number, texts
    return None


def sheet_table(workbook: OpenWorkbook, sheet: str | None, required: tuple[str, ...], problems: Problems,
                optional: bool = False, wanted: HeaderTest | None = None,
                max_rows: int = MAX_CSV_ROWS) -> Table | None:
    """One worksheet of an open workbook (the named one, else the first visible one) as a table: the header
    is the first row, among the top ones, naming every required column (or passing ``wanted``); rows above
    it (titles) are read past."""
    worksheet = _worksheet(workbook, sheet, problems)
    if worksheet is None:
        return None
    label = sheet_label(workbook.label, worksheet.title)
    scan = workbook.scans[worksheet.title]
    rows = _rows(worksheet)
    top: list[tuple[int, Cells]] = []
    for number, cells in rows:
        top.append((number, cells))
        if number == HEADER_SEARCH_ROWS:
            break
    test = wanted or (lambda names: all(name in names for name in required))
    found = find_header([(n, header_texts(c)) for n, c in top], test)
    if found is None:   # no row names the columns: the first that is not empty is checked as the header
        found = next(((n, header_texts(c)) for n, c in top if any(cell_text(x.value).strip() for x in c)),
                     (1, [] if not top else header_texts(top[0][1])))
    header_line, header = found
    columns = check_header(label, header, required, problems, optional, line=header_line)
    if columns is None:
        return None
    letters = {name: get_column_letter(i + 1) for i, name in enumerate(columns) if name}
    problems.name_places(label, lambda line, column: f"cell {letters[column]}{line}" if column in letters
                         else f"row {line}")
    after = [(n, c) for n, c in top if n > header_line]

    def remaining() -> Iterator[tuple[int, Cells]]:
        yield from after
        yield from rows

    records: list[Row] = []
    for number, cells in remaining():
        texts = [cell_text(c.value, getattr(c, "number_format", None)) for c in cells]
        unknown = [i for i in range(min(len(cells), len(columns)))
                   if columns[i] and (number, i + 1) in scan.unknown_results]
        if not any(text.strip() for text in texts) and not unknown:
            continue
        if len(records) == max_rows:
            problems.error(label, f"has more than {max_rows:,} rows, far more than a pack needs: is it the "
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
        for index in unknown:
            problems.error(label, NO_RESULT.format(how=workbook.how), line=number, column=columns[index],
                           reason=Reason.NO_RESULT)
        records.append(Row(number, {name: texts[i] if i < len(texts) else ""
                                    for i, name in enumerate(columns) if name}))
    if not records:
        empty = problems.warning if optional else problems.error
        empty(label, f"has a header but no data rows{left_out(optional)}", line=header_line, reason=Reason.LEFT_OUT)
        return None
    return Table(label, workbook.file, columns, tuple(records), line_name="row")
