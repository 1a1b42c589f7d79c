"""Excel copies of an inputs folder, as an analyst's workbooks hold the figures: numbers as numbers,
percentages as percent-formatted fractions, money with a pound format. Used by the tests and the loading
benchmark."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import shutil
import zipfile
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


def _records(path: Path) -> list[dict[str, str]]:
    text = read_text(path).text
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return [{key.strip().strip("\ufeff").strip().lower(): (value or "") for key, value in row.items() if key}
            for row in reader]


def _put(sheet, row: int, column: int, text: str) -> None:
    value, number_format = _cell(text)
    if value == "":
        return
    cell = sheet.cell(row=row, column=column, value=value)
    if number_format:
        cell.number_format = number_format


TITLE = ["Fenmoor City Council: adult social care performance", "Exported from the performance system"]


def long_copy(inputs: Path, target: Path) -> Path:
    """The inputs folder with monthly.xlsx holding one long sheet: two title rows and a blank row above the
    header Period, Indicator_ID, Value, Numerator, Denominator, Commentary; the period a date cell (shown as
    Sep-26) in most rows and the text 'Sep 2026' in the latest month's."""
    shutil.copytree(inputs, target, ignore=shutil.ignore_patterns("monthly"))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Figures"
    sheet.append([TITLE[0]])
    sheet.append([TITLE[1]])
    sheet.append([])
    sheet.append(["Period", "Indicator_ID", "Value", "Numerator", "Denominator", "Commentary"])
    months = sorted((inputs / "monthly").glob("*.csv"))
    for path in months:
        year, month = (int(part) for part in path.stem.split("-"))
        for record in _records(path):
            row = sheet.max_row + 1
            if path == months[-1]:
                sheet.cell(row=row, column=1, value=dt.date(year, month, 1).strftime("%b %Y"))
            else:
                sheet.cell(row=row, column=1, value=dt.datetime(year, month, 1)).number_format = "mmm-yy"
            for column, key in enumerate(("indicator_id", "value", "numerator", "denominator", "commentary"),
                                         start=2):
                _put(sheet, row, column, record.get(key, ""))
    workbook.save(target / "monthly.xlsx")
    return target


def wide_copy(inputs: Path, target: Path) -> Path:
    """The inputs folder with monthly.xlsx holding one wide sheet: a title row, then the header
    indicator_id, title and a column a month (date cells shown as Oct-24), a figure in each cell; and a notes
    sheet, which is read past."""
    shutil.copytree(inputs, target, ignore=shutil.ignore_patterns("monthly"))
    months = sorted((inputs / "monthly").glob("*.csv"))
    ids = [row["id"] for row in _records(inputs / "indicators.csv")]
    titles = {row["id"]: row["title"] for row in _records(inputs / "indicators.csv")}
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Dashboard data"
    sheet.append([TITLE[0]])
    sheet.append(["indicator_id", "Title"])
    for column, path in enumerate(months, start=3):
        year, month = (int(part) for part in path.stem.split("-"))
        sheet.cell(row=2, column=column, value=dt.datetime(year, month, 1)).number_format = "mmm-yy"
    for row, indicator_id in enumerate(ids, start=3):
        sheet.cell(row=row, column=1, value=indicator_id)
        sheet.cell(row=row, column=2, value=titles[indicator_id])
    rows = {indicator_id: row for row, indicator_id in enumerate(ids, start=3)}
    for column, path in enumerate(months, start=3):
        for record in _records(path):
            _put(sheet, rows[record["indicator_id"]], column, record.get("value", ""))
    notes = workbook.create_sheet("Notes")
    notes["A1"] = "Figures as reported to the committee."
    workbook.save(target / "monthly.xlsx")
    return target


def empty_rows_workbook(path: Path, rows: int, header: tuple[str, ...] = ("indicator_id", "value")) -> Path:
    """A workbook whose one sheet has a header, one data row and then ``rows`` empty rows (<row/> elements,
    which compress to almost nothing: 50 million fit in under half a megabyte)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(list(header))
    sheet.append(["reablement", 80.5])
    workbook.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    head, tail = parts.pop("xl/worksheets/sheet1.xml").split(b"</sheetData>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name, data in parts.items():
            target.writestr(name, data)
        with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(head)
            chunk = b"<row/>" * 100_000
            for _ in range(rows // 100_000):
                out.write(chunk)
            out.write(b"<row/>" * (rows % 100_000))
            out.write(b"</sheetData>" + tail)
    return path


def without_places(pack):
    """The pack data without where it was read from (file hashes, the narrative's folder)."""
    introduction = pack.local_account_introduction
    return dataclasses.replace(pack, files=(), narrative=tuple((n.key, n.text) for n in pack.narrative),
                               local_account_introduction=introduction.text if introduction else None)
