"""The dashboard as a table for `summary`: text as printed, or figures as numbers for a spreadsheet (CSV with
--numbers, or an Excel workbook), read from the same rows as the Word dashboard.

Numbers are the figures rounded as printed, in the indicator's unit (percentages in percentage points: 61.5,
not 0.615); a cell with no figure is blank. In a CSV, text cells that a spreadsheet would take for a formula
(starting with = + - @, a tab or a carriage return) are written with a leading apostrophe, as OWASP advises;
in a workbook every text cell is stored as text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from ..analysis import Analysis
from ..content.dashboard import SUMMARY_COLUMNS, YEAR_COLUMNS, DashboardRow, dashboard_rows, year_rows
from ..files import csv_text
from ..formatting import Printer, round_half_up

NUMBER_COLUMNS = ("previous", "latest", "target", "england")
EXTRA_COLUMNS = ("unit", "no_new_data")   # with numbers: what the figures are in, and whether the latest is late

Cell = str | Decimal | None


def _number(value: float | None, decimals: int) -> Decimal | None:
    return None if value is None else round_half_up(value, decimals)


def records(analysis: Analysis, printer: Printer, numbers: bool) -> tuple[tuple[str, ...], list[list[Cell]]]:
    """The summary's columns and rows: printed text, or (numbers) the figures as numbers with two columns more."""
    rows = dashboard_rows(analysis, printer)
    if not numbers:
        return SUMMARY_COLUMNS, [list(row.summary_cells(with_arrow=False)) for row in rows]
    return SUMMARY_COLUMNS + EXTRA_COLUMNS, [_numeric(row) for row in rows]


def _numeric(row: DashboardRow) -> list[Cell]:
    indicator, assessment = row.analysis.indicator, row.assessment
    benchmark = row.analysis.benchmark
    figures = {"previous": _number(assessment.previous, indicator.decimals),
               "latest": _number(assessment.latest, indicator.decimals),
               "target": _number(indicator.target, indicator.decimals),
               "england": _number(benchmark.england if benchmark else None, indicator.decimals)}
    printed = dict(zip(SUMMARY_COLUMNS, row.summary_cells(with_arrow=False)))
    cells: list[Cell] = [figures[c] if c in figures else printed[c] for c in SUMMARY_COLUMNS]
    return cells + [indicator.unit.value, "yes" if row.no_new_data else "no"]


def year_records(analysis: Analysis, year: str, printer: Printer) -> tuple[tuple[str, ...], list[list[Cell]]]:
    """The year view's columns and rows (``summary --year``), as printed."""
    return YEAR_COLUMNS, [list(row.cells()) for row in year_rows(analysis, year, printer)]


def to_csv(columns: Sequence[str], rows: list[list[Cell]]) -> str:
    """The columns and rows as CSV that a spreadsheet never runs as a formula."""
    return csv_text([columns, *rows])


def to_table(columns: Sequence[str], rows: list[list[str]]) -> str:
    """Columns padded to their widest cell, with a rule under the header."""
    table = [list(columns)] + rows
    widths = [max(len(row[i]) for row in table) for i in range(len(columns))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in table]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def to_xlsx(columns: Sequence[str], rows: list[list[Cell]], title: str) -> bytes:
    """An Excel workbook of one sheet: a bold header row that stays in view, a filter, figures as numbers
    shown to their printed decimals, column widths to fit."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([float(cell) if isinstance(cell, Decimal) else None if not cell else cell for cell in row])
        for value, cell in zip(row, sheet[sheet.max_row]):
            if isinstance(value, Decimal):
                places = max(0, -int(value.as_tuple().exponent))
                cell.number_format = "#,##0" + ("." + "0" * places if places else "")
            elif isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"   # text, never a formula
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, name in enumerate(columns, start=1):
        width = max([len(name)] + [len(str(r[index - 1] or "")) for r in rows])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, width + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
