"""Excel as officers save it (real .xlsx files written with openpyxl): monthly.xlsx with a sheet a month
named as people name months, one long sheet, or one wide sheet; headers below title rows; hidden sheets
read past; formulas saved without their results refused; sheets that run on (empty rows and columns
counting) refused at once. Every error names the sheet and the cell."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import openpyxl
import pytest

from helpers.excel_factory import TITLE, _fill, empty_rows_workbook, long_copy, wide_copy, without_places
from helpers.inputs_factory import month_csv, write_inputs
from scrutinyreport.errors import Reason, Severity
from scrutinyreport.loading import load_inputs, validate_inputs
from scrutinyreport.loading.limits import MAX_SHEET_ROWS
from scrutinyreport.model import Period

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def from_csv():
    return load_inputs(ROOT / "inputs")


def errors_of(result) -> list[str]:
    return [str(p) for p in result.problems.errors]


def test_one_long_sheet_below_title_rows_gives_the_same_pack_data(tmp_path, from_csv):
    folder = long_copy(ROOT / "inputs", tmp_path / "inputs")
    result = validate_inputs(folder)
    assert result.pack is not None, result.problems.report()
    assert without_places(result.pack) == without_places(from_csv)
    assert "monthly.xlsx" in {f.path for f in result.pack.files}


def test_one_wide_sheet_gives_the_same_figures(tmp_path, from_csv):
    folder = wide_copy(ROOT / "inputs", tmp_path / "inputs")
    result = validate_inputs(folder)
    assert result.pack is not None, result.problems.report()
    pack = result.pack
    assert pack.periods == from_csv.periods and pack.period == from_csv.period
    for indicator in from_csv.indicators:
        for period in from_csv.periods:
            assert pack.value(indicator.id, period) == from_csv.value(indicator.id, period), (indicator.id, period)
    assert "monthly.xlsx, sheet 'Notes': ignored: not named as a month" in result.problems.report()


def month_sheets(path: Path, names: dict[str, str], title_rows: int = 0) -> Path:
    """monthly.xlsx with a sheet a month, named as given (name -> the month's CSV text)."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, text in names.items():
        sheet = workbook.create_sheet(name)
        source = path.parent / f".{name}.csv"
        source.write_text(text, encoding="utf-8")
        for row in range(title_rows):
            sheet.append([f"{TITLE[row % 2]}"])
        if title_rows:
            sheet.append([])
        start = sheet.max_row if title_rows else 0
        shift = openpyxl.Workbook().active
        _fill(shift, source)
        for row in shift.iter_rows():
            for cell in row:
                if cell.value is not None:
                    target = sheet.cell(row=start + cell.row, column=cell.column, value=cell.value)
                    target.number_format = cell.number_format
        source.unlink()
    workbook.save(path)
    return path


@pytest.mark.parametrize("june, july", [("Jun 2025", "July 2025"), ("2025-06", "Jul-25"), ("June 25", "07-2025"),
                                        ("2025 Jun", "Sept 2025"), ("JUN2025", "2025_07")])
def test_sheets_named_as_months_in_the_usual_forms(tmp_path, june, july):
    root = write_inputs(tmp_path / "in", months={})
    shutil.rmtree(root / "monthly")
    month_sheets(root / "monthly.xlsx", {june: month_csv(reablement="79.0"), july: month_csv()}, title_rows=2)
    result = validate_inputs(root)
    expected = Period(2025, 9) if july == "Sept 2025" else Period(2025, 7)
    assert result.pack is not None, result.problems.report()
    assert result.pack.periods == (Period(2025, 6), expected)
    assert result.pack.value("reablement", Period(2025, 6)) == 79.0
    assert result.pack.value("concerns", expected) == 1924


def test_a_sheet_named_nearly_as_a_month_is_an_error_that_says_which_month(tmp_path):
    root = write_inputs(tmp_path / "in", months={"2025-06": month_csv()})
    month_sheets(root / "monthly.xlsx", {"Jly 2025": month_csv(), "Lookups": "a,b\n1,2\n"})
    result = validate_inputs(root)
    report = result.problems.report()
    assert "monthly.xlsx, sheet 'Jly 2025': the sheet's name is not a month I can read: did you mean " \
           "Jul 2025 (2025-07)?" in report, report
    assert "monthly.xlsx, sheet 'Lookups': ignored" in report
    assert [p.reason for p in result.problems.errors] == [Reason.BAD_PERIOD]


def test_errors_in_a_long_sheet_name_the_cell(tmp_path):
    root = write_inputs(tmp_path / "in", months={})
    shutil.rmtree(root / "monthly")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Long"
    sheet.append(["Monthly figures"])
    sheet.append(["period", "indicator_id", "value"])
    sheet.append(["Jun 2025", "reablement", 79])
    sheet.append(["Spet 2025", "reablement", 80])
    sheet.append(["Jul 2025", "reablment", 80])
    sheet.append(["Jul 2025", "reablement", "eighty"])
    workbook.save(root / "monthly.xlsx")
    errors = errors_of(validate_inputs(root))
    where = "monthly.xlsx, sheet 'Long'"
    assert any(f"{where}, cell A4: found 'Spet 2025': expected a month" in e and "did you mean Sep 2025" in e
               for e in errors), errors
    assert any(f"{where}, cell B5: found 'reablment': unknown indicator id" in e for e in errors), errors
    assert any(f"{where}, cell C6: found 'eighty': expected a number" in e for e in errors), errors


def test_errors_in_a_wide_sheet_name_the_cell_once(tmp_path):
    root = write_inputs(tmp_path / "in", months={})
    shutil.rmtree(root / "monthly")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Wide"
    sheet.append(["indicator_id", "Jun 2025", "Jul 2025", "Aug 2025"])
    sheet.append(["reablement", 79, "eighty", None])
    sheet.append(["reablment", 79, 80, None])
    workbook.save(root / "monthly.xlsx")
    result = validate_inputs(root)
    errors = errors_of(result)
    assert any("sheet 'Wide', cell C2: found 'eighty': expected a number" in e for e in errors), errors
    unknown = [e for e in errors if "unknown indicator id" in e]
    assert len(unknown) == 1 and "sheet 'Wide', cell A3: found 'reablment'" in unknown[0], errors
    assert "the column(s) for Aug 2025 (2025-08) have no figures" in result.problems.report()


def test_a_formula_saved_without_its_result_is_an_error_naming_the_cell(tmp_path):
    """As openpyxl, XlsxWriter and R's openxlsx save formulas: no result stored, only Excel works it out."""
    root = write_inputs(tmp_path / "in", months={"2025-06": month_csv()})
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(["indicator_id", "value", "numerator", "denominator"])
    sheet.append(["reablement", "=C2/D2*100", 161, 200])
    sheet.append(["concerns", 1924])
    workbook.save(root / "monthly" / "2025-07.xlsx")
    result = validate_inputs(root)
    errors = [p for p in result.problems.errors]
    assert len(errors) == 1 and errors[0].reason is Reason.NO_RESULT, result.problems.report()
    assert str(errors[0]).startswith("error: ") and "2025-07.xlsx, sheet 'Data', cell B2: holds a formula saved " \
        "without its result" in str(errors[0]) and "open the file in Excel and save it" in str(errors[0])


def test_hidden_sheets_are_read_past_with_a_warning(tmp_path):
    root = write_inputs(tmp_path / "in", months={})
    shutil.rmtree(root / "monthly")
    month_sheets(root / "monthly.xlsx", {"2025-06": month_csv(reablement="79.0"), "2025-07": month_csv(),
                                         "2025-08": month_csv(reablement="90.0")})
    workbook = openpyxl.load_workbook(root / "monthly.xlsx")
    workbook["2025-08"].sheet_state = "hidden"
    workbook.save(root / "monthly.xlsx")
    catalogue = openpyxl.Workbook()
    catalogue.active.title = "Old catalogue"
    catalogue.active.append(["not", "the", "catalogue"])
    catalogue.active.sheet_state = "hidden"
    _fill(catalogue.create_sheet("Indicators"), root / "indicators.csv")
    catalogue.active = 1
    catalogue.save(root / "indicators.xlsx")
    (root / "indicators.csv").unlink()
    result = validate_inputs(root)
    assert result.pack is not None, result.problems.report()
    assert result.pack.periods == (Period(2025, 6), Period(2025, 7))
    warnings = [str(p) for p in result.problems.warnings if p.reason is Reason.IGNORED]
    assert any("monthly.xlsx, sheet '2025-08': ignored: the sheet is hidden" in w for w in warnings), warnings
    assert any("indicators.xlsx, sheet 'Old catalogue': ignored: the sheet is hidden" in w for w in warnings)


def test_a_header_below_title_rows_in_the_catalogue_and_a_monthly_file(tmp_path, from_csv):
    root = write_inputs(tmp_path / "in", months={"2025-06": month_csv()})
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["July 2025 figures"])
    sheet.append(["Checked by the performance team"])
    sheet.append([None, "indicator_id", "value"])      # the table starts in column B
    sheet.append([None, "reablement", 80.5])
    sheet.append([None, "concerns", "lots"])
    workbook.save(root / "monthly" / "2025-07.xlsx")
    errors = errors_of(validate_inputs(root))
    assert len(errors) == 1 and "2025-07.xlsx, sheet 'Sheet', cell C5: found 'lots'" in errors[0], errors


def test_fifty_million_empty_rows_are_refused_at_once_naming_the_row(tmp_path):
    root = write_inputs(tmp_path / "in", months={"2025-06": month_csv()})
    path = empty_rows_workbook(root / "monthly" / "2025-07.xlsx", 50_000_000)
    assert path.stat().st_size < 1_000_000
    started = time.perf_counter()
    result = validate_inputs(root)
    took = time.perf_counter() - started
    problems = [p for p in result.problems.errors]
    assert len(problems) == 1 and problems[0].reason is Reason.TOO_LARGE, result.problems.report()
    assert f"2025-07.xlsx, sheet 'Data': goes on to row {MAX_SHEET_ROWS + 1:,} (empty rows count)" in str(problems[0])
    print(f"refused in {took:.2f} s")   # (the scan stops at the limit: about 0.1 s here, against 130 s reading all)


def test_a_sheet_just_within_the_row_limit_is_read(tmp_path):
    root = write_inputs(tmp_path / "in", months={"2025-06": month_csv()})
    empty_rows_workbook(root / "monthly" / "2025-07.xlsx", MAX_SHEET_ROWS - 2)
    result = validate_inputs(root)
    assert not result.problems.errors, result.problems.report()
    assert result.pack.value("reablement", Period(2025, 7)) == 80.5


def test_a_cell_far_to_the_right_is_refused_naming_it(tmp_path):
    root = write_inputs(tmp_path / "in", months={"2025-06": month_csv()})
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(["indicator_id", "value"])
    sheet.append(["reablement", 80.5])
    sheet["XFD3"] = "x"
    workbook.save(root / "monthly" / "2025-07.xlsx")
    problems = validate_inputs(root).problems.errors
    assert len(problems) == 1 and "sheet 'Data': goes on to cell XFD3 (empty columns count)" in str(problems[0])
    assert problems[0].severity is Severity.ERROR and problems[0].reason is Reason.TOO_LARGE
