"""Excel copies of an inputs folder, as an analyst's workbooks hold the figures: numbers as numbers,
percentages as percent-formatted fractions, money with a pound format. Used by the tests and the loading
benchmark."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import openpyxl

from scrutinyreport.loading.text import read_text
from scrutinyreport.loading.values import is_missing, parse_number


def _cell(text: str) -> tuple[object, str | None]:
    """A CSV cell as a spreadsheet holds it: the value and its number format."""
    try:
        number = parse_number(text)
    except ValueError:
        return text, None
    if is_missing(text):
        return text, None
    if text.strip().endswith("%"):
        return number / 100, "0.0%"
    if "£" in text:
        return number, '"£"#,##0'
    return (int(number) if number == int(number) and "." not in text else number), None


def _fill(sheet, path: Path) -> None:
    text = read_text(path).text    # the sample has UTF-8 and Windows-1252 files, as Excel saves them
    for row_number, record in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        for column, cell_text in enumerate(record, start=1):
            value, number_format = (cell_text, None) if row_number == 1 else _cell(cell_text)
            if value == "":
                continue
            cell = sheet.cell(row=row_number, column=column, value=value)
            if number_format:
                cell.number_format = number_format


def excel_copy(inputs: Path, target: Path, one_workbook: bool) -> Path:
    """The inputs folder with indicators.xlsx and either monthly/YYYY-MM.xlsx (a sheet 'Data' each) or one
    monthly.xlsx with a sheet per month (and a notes sheet, which is ignored)."""
    shutil.copytree(inputs, target, ignore=shutil.ignore_patterns("indicators.csv", "monthly"))
    catalogue = openpyxl.Workbook()
    catalogue.active.title = "Indicators"
    _fill(catalogue.active, inputs / "indicators.csv")
    catalogue.save(target / "indicators.xlsx")
    months = sorted((inputs / "monthly").glob("*.csv"))
    if one_workbook:
        workbook = openpyxl.Workbook()
        workbook.active.title = "Notes"
        workbook.active["A1"] = "One sheet per month, named YYYY-MM."
        for path in months:
            _fill(workbook.create_sheet(path.stem), path)
        workbook.save(target / "monthly.xlsx")
    else:
        (target / "monthly").mkdir()
        for path in months:
            workbook = openpyxl.Workbook()
            workbook.active.title = "Data"
            _fill(workbook.active, path)
            workbook.save(target / "monthly" / f"{path.stem}.xlsx")
    return target
