"""Excel inputs: workbooks made from the sample's CSVs (numbers as numbers, percentages as percent-formatted
fractions, as an analyst's workbook holds them) load to the same pack data; bad cells are named by sheet
and cell; formulas are read as Excel last calculated them (the result it saves beside the formula)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from helpers.excel_factory import excel_copy, without_places
from helpers.inputs_factory import month_csv, write_inputs
from scrutinyreport.loading import load_inputs, validate_inputs
from scrutinyreport.model import Period

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("one_workbook", [False, True], ids=["workbook-a-month", "sheet-a-month"])
def test_excel_copies_of_the_sample_give_the_same_pack_data(tmp_path, one_workbook):
    from_csv = load_inputs(ROOT / "inputs")
    folder = excel_copy(ROOT / "inputs", tmp_path / "inputs", one_workbook)
    result = validate_inputs(folder)
    assert result.pack is not None, result.problems.report()
    assert without_places(result.pack) == without_places(from_csv)
    recorded = {f.path for f in result.pack.files}
    assert "indicators.xlsx" in recorded
    assert ("monthly.xlsx" in recorded) if one_workbook else ("monthly/2026-09.xlsx" in recorded)
    if one_workbook:
        assert "monthly.xlsx, sheet 'Notes': ignored" in result.problems.report()


def _month_workbook(path: Path, rows: list[list[object]], title: str = "Data") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in [["indicator_id", "value", "numerator", "denominator", "commentary"], *rows]:
        sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


GOOD_ROWS = [["reablement", 80.5], ["direct_payments", 27], ["admissions_65", 540.2], ["concerns", 1924],
             ["spend_per_client", 10080], ["reviews_ytd", 120]]


def test_bad_cells_are_named_by_sheet_and_cell(tmp_path):
    root = write_inputs(tmp_path / "in", months={})
    rows = [list(row) for row in GOOD_ROWS]
    rows[1][1] = "27 percent"
    rows[3][1] = "#DIV/0!"          # openpyxl stores it as an error cell, as Excel caches a failed formula
    rows[4] = ["spend_per_client", 10080, "#REF!"]
    _month_workbook(root / "monthly" / "2025-07.xlsx", rows)
    errors = sorted(str(p) for p in validate_inputs(root).problems.errors)
    where = f"{root.as_posix()}/monthly/2025-07.xlsx, sheet 'Data'"
    assert errors[0].startswith(f"error: {where}, cell B3: found '27 percent': expected a number")
    assert errors[1].startswith(f"error: {where}, cell B5: found '#DIV/0!': the cell shows the spreadsheet "
                                "error #DIV/0! (a division by zero)")
    assert errors[2].startswith(f"error: {where}, cell C6: found '#REF!': the cell shows the spreadsheet error")
    assert len(errors) == 3, errors      # one error a cell: no second complaint about the same #DIV/0!


def test_a_month_given_twice_and_a_catalogue_given_twice_are_errors(tmp_path):
    root = write_inputs(tmp_path / "in")
    _month_workbook(root / "monthly" / "2025-07.xlsx", GOOD_ROWS)
    shutil.copy(ROOT / "inputs" / "indicators.csv", root / "indicators.xlsx")
    report = validate_inputs(root).problems.report()
    assert "monthly/2025-07.xlsx: the month 2025-07 is also in" in report
    assert "indicators.xlsx: indicators.csv is there too: keep one indicator catalogue" in report


def test_a_file_that_is_not_a_workbook_is_named(tmp_path):
    root = write_inputs(tmp_path / "in", months={"2025-06": "indicator_id,value\nreablement,80\n"})
    (root / "monthly" / "2025-07.xlsx").write_text("indicator_id,value\n")
    errors = [str(p) for p in validate_inputs(root).problems.errors]
    assert len(errors) == 1 and "monthly/2025-07.xlsx: is not a readable Excel workbook (.xlsx)" in errors[0]


def _with_cached_results(path: Path, results: dict[str, str]) -> Path:
    """Store each formula's result in the file as Excel does when it saves (<f> and the cached <v>; t="e"
    for an error, and no longer asking to be calculated on opening), since openpyxl writes formulas without
    results."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b' fullCalcOnLoad="1"', b"")
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    for reference, result in results.items():
        kind = ' t="e"' if result.startswith("#") else ""
        sheet, count = re.subn(rf'<c r="{reference}"([^>]*)><f>([^<]*)</f><v\s*/?>(</v>)?',
                               rf'<c r="{reference}"\1{kind}><f>\2</f><v>{result}</v>', sheet)
        assert count == 1, reference
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def test_formulas_are_read_as_last_calculated(tmp_path):
    root = write_inputs(tmp_path / "in", months={})
    rows = [list(row) for row in GOOD_ROWS]
    rows[0] = ["reablement", "=C2/D2*100", 161, 200]
    rows[3] = ["concerns", "=1900+24"]
    path = _month_workbook(root / "monthly" / "2025-07.xlsx", rows)
    _with_cached_results(path, {"B2": "80.5", "B5": "1924"})
    pack = load_inputs(root)
    assert pack.value("reablement", Period(2025, 7)) == 80.5
    assert pack.value("concerns", Period(2025, 7)) == 1924

    rows[3] = ["concerns", "=C5/D5", 10, 0]
    _with_cached_results(_month_workbook(path, rows), {"B2": "80.5", "B5": "#DIV/0!"})
    errors = [str(p) for p in validate_inputs(root).problems.errors]
    assert len(errors) == 1 and "2025-07.xlsx, sheet 'Data', cell B5: found '#DIV/0!'" in errors[0], errors


def test_a_csv_saved_from_excel_with_an_error_cell_gets_the_same_message(tmp_path):
    root = write_inputs(tmp_path / "in", months={"2025-07": month_csv(concerns="#DIV/0!")})
    errors = [str(p) for p in validate_inputs(root).problems.errors]
    assert len(errors) == 1 and "2025-07.csv, line 5, column 'value': found '#DIV/0!': the cell shows the " \
                                "spreadsheet error #DIV/0! (a division by zero)" in errors[0], errors
