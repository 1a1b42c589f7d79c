"""Monthly figures, checked against the catalogue, from any of:

- monthly/YYYY-MM.csv or .xlsx: one file a month (the file named as the month; "Sep 2026.xlsx" reads too);
- monthly.xlsx, whose sheets may be of three layouts, mixed as one likes (a month given twice is an error):
  - a sheet a month, named as the month ("2026-09", "Sep 2026", "September 2026", "Sept 26" ...), with the
    columns of a monthly file;
  - one long sheet: a ``period`` column beside the monthly file's columns, a row an indicator and month;
  - one wide sheet: ``indicator_id`` and a column a month headed with the month, a value in each cell.
  A header row may sit below title rows. Other sheets (notes, lookups) are read past with a warning; one
  whose name is a near miss for a month ("Setp 2026") is an error saying which month it might be.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problems, Reason, ValueProblem
from ..files import from_spreadsheet_cell
from ..formatting import round_half_up
from ..model import Frequency, Indicator, Observation, Period, Unit, is_period_end, rate_per_100k
from .limits import MAX_FIGURE, MAX_LONG_ROWS, MAX_MONTH_FILES, MAX_NUMBER
from .month_names import EXAMPLES, did_you_mean, month_in, shown
from .table import Row, SourceFile, Table, read_table, sheet_label
from .values import is_missing, parse_number

if TYPE_CHECKING:
    from .workbook import OpenWorkbook

REQUIRED = ("indicator_id", "value")
LONG = ("period", "indicator_id", "value")
MONTH_SUFFIXES = (".csv", ".xlsx")
MONTHLY_WORKBOOK = "monthly.xlsx"
SCALE = {Unit.PERCENT: 100.0, Unit.RATE_PER_100K: 100_000.0}


OWN_PERIOD_END = {Frequency.QUARTERLY: "quarter's last month (June, September, December or March)",
                  Frequency.ANNUAL: "financial year's last month (March)"}


@dataclass(frozen=True)
class MonthSource:
    """Where one month's figures are: a file in monthly/, or a sheet of monthly.xlsx."""

    period: Period
    path: Path
    label: str
    sheet: str | None = None
    table: Table | None = None   # from a sheet of monthly.xlsx, read when the workbook was opened
    value_column: str = "value"  # a wide sheet's column for the month

    @property
    def where(self) -> str:
        return self.label if self.sheet is None else sheet_label(self.label, self.sheet)


def closest_id(unknown: str, known: list[str]) -> str:
    """' Did you mean ...?' for a mistyped indicator id, or nothing."""
    lowered = {k.lower(): k for k in known}
    match = difflib.get_close_matches(unknown.lower(), list(lowered), n=1, cutoff=0.6)
    return f"; did you mean {lowered[match[0]]!r}?" if match else ""


def _optional(row: Row, column: str, label: str, problems: Problems) -> float | None:
    text = row.get(column)
    if is_missing(text):
        return None
    try:
        return parse_number(text)
    except ValueProblem:
        problems.error(label, f"expected the {column} as a number, or blank",
                       line=row.line, column=column, found=text, reason=Reason.NOT_A_NUMBER)
        return None


def _same_when_printed(computed: float, value: float, decimals: int) -> bool:
    """The figure worked out from a numerator and denominator prints as the value given (a result too large to
    round, such as a count over a denominator of 1e-300, does not)."""
    if not abs(computed) < MAX_NUMBER:
        return False
    return round_half_up(computed, decimals) == round_half_up(value, decimals)


def _check_ratio(indicator: Indicator, value: float, numerator: float | None, denominator: float | None,
                 row: Row, label: str, problems: Problems, population: Mapping[str, float]) -> None:
    if numerator is None and denominator is None:
        return
    if indicator.unit is Unit.RATE_PER_100K and denominator is None and numerator is not None \
            and indicator.population_group in population:
        # a count alone: the rate is worked out from pack.yaml's population for the indicator's group
        computed = rate_per_100k(numerator, population[indicator.population_group])
        if not _same_when_printed(computed, value, indicator.decimals):
            shown = float(round_half_up(computed, indicator.decimals)) if abs(computed) < MAX_NUMBER else computed
            problems.error(label, f"the value disagrees with the count in numerator per 100,000 of the "
                                  f"{indicator.population_group} population in pack.yaml (which gives {shown:g})",
                           line=row.line, column="value", found=row.get("value"), reason=Reason.INCONSISTENT)
        return
    if numerator is None or denominator is None:
        problems.error(label, "give both numerator and denominator, or neither", line=row.line,
                       column="numerator" if numerator is None else "denominator", found="",
                       reason=Reason.MISSING_VALUE)
        return
    if denominator == 0:
        problems.error(label, "expected a denominator above zero", line=row.line, column="denominator",
                       found=row.get("denominator"), reason=Reason.OUT_OF_RANGE)
        return
    computed = numerator / denominator * SCALE.get(indicator.unit, 1.0)
    if not _same_when_printed(computed, value, indicator.decimals):
        shown = float(round_half_up(computed, indicator.decimals)) if abs(computed) < MAX_NUMBER else computed
        problems.error(label, f"the value disagrees with numerator / denominator "
                              f"({row.get('numerator')} / {row.get('denominator')} gives {shown:g})",
                       line=row.line, column="value", found=row.get("value"), reason=Reason.INCONSISTENT)


def load_month(month: MonthSource, catalogue: dict[str, Indicator], rejected: frozenset[str], problems: Problems,
               population: Mapping[str, float] | None = None) -> tuple[list[Observation], SourceFile | None]:
    """One month's observations; rows with errors are left out (the errors are recorded)."""
    table = month.table if month.sheet is not None else read_table(month.path, month.label, REQUIRED, problems)
    if table is None:
        return [], None
    return (observations_from_table(table, month.period, catalogue, rejected, problems, population,
                                    month.value_column), table.source)


def observations_from_table(table: Table, period: Period, catalogue: dict[str, Indicator], rejected: frozenset[str],
                            problems: Problems, population: Mapping[str, float] | None = None,
                            value_column: str = "value") -> list[Observation]:
    """Check one month's rows against the catalogue; rows with errors are left out (the errors are recorded).
    ``value_column`` names the column of figures (a wide sheet's column for the month)."""
    label = table.label
    observations: list[Observation] = []
    seen: dict[str, int] = {}
    percent_values: list[float] = []
    for row in table.rows:
        indicator_id = row.get("indicator_id")
        indicator = catalogue.get(indicator_id)
        if indicator_id in rejected:
            continue  # its catalogue row has errors, already reported
        if indicator is None:
            problems.error(label, "unknown indicator id: expected an id from indicators.csv"
                           + closest_id(indicator_id, list(catalogue)),
                           line=row.line, column="indicator_id", found=indicator_id, reason=Reason.UNKNOWN_ID)
            continue
        if indicator_id in seen:
            problems.error(label, f"this indicator already has a value in this month on {table.line_name} "
                                  f"{seen[indicator_id]}",
                           line=row.line, column="indicator_id", found=indicator_id, reason=Reason.DUPLICATE)
            continue
        seen[indicator_id] = row.line
        text = row.get(value_column)
        if not is_period_end(indicator.frequency, period):
            if not is_missing(text):
                problems.warning(label, f"ignored: {indicator_id!r} is {indicator.frequency.value}, so its figure "
                                 f"is read from the file of the {OWN_PERIOD_END[indicator.frequency]}",
                                 line=row.line, column=value_column, found=text, reason=Reason.IGNORED)
            continue
        try:
            value = None if is_missing(text) else parse_number(text, indicator.unit)
        except ValueProblem as error:
            problems.error(label, str(error), line=row.line, column=value_column, found=text,
                           reason=Reason.NOT_A_NUMBER)
            continue
        numerator = _optional(row, "numerator", label, problems)
        denominator = _optional(row, "denominator", label, problems)
        if value is not None and not math.isfinite(value):
            problems.error(label, "expected a finite number", line=row.line, column=value_column, found=text,
                           reason=Reason.NOT_A_NUMBER)
            continue
        cap = MAX_FIGURE[indicator.unit.value]
        if value is not None and indicator.unit is not Unit.PERCENT and not abs(value) <= cap:
            problems.error(label, f"expected a {indicator.unit.value.replace('_', ' ')} of at most {cap:,.0f} "
                                  f"(either side of zero): a {indicator.unit.value.replace('_', ' ')} this large "
                                  "cannot be a council's figure", line=row.line, column="value", found=text,
                           reason=Reason.OUT_OF_RANGE)
            continue
        if value is not None and indicator.unit is Unit.PERCENT:
            if not 0 <= value <= 100:
                problems.error(label, "expected a percentage from 0 to 100 (percentage points: 27 or 27% "
                                      "for twenty-seven per cent)", line=row.line, column=value_column, found=text,
                               reason=Reason.OUT_OF_RANGE)
                continue
            percent_values.append(value)
        if value is not None:
            _check_ratio(indicator, value, numerator, denominator, row, label, problems, population or {})
        observations.append(Observation(indicator_id, period, value, numerator, denominator,
                                        " ".join(from_spreadsheet_cell(row.get("commentary")).split()), line=row.line))
    if len(percent_values) >= 2 and all(v <= 1 for v in percent_values):
        problems.error(label, "every percent value is at or below 1, which looks like fractions (0.27); "
                              "expected percentage points (27 or 27%)", column=value_column,
                       reason=Reason.OUT_OF_RANGE)
    return observations


def _month_files(folder: Path, label: str, problems: Problems) -> list[MonthSource]:
    """monthly/YYYY-MM.csv or .xlsx (its first sheet); a name that is not a real YYYY-MM is an error."""
    found: list[MonthSource] = []
    for path in sorted(folder.iterdir()):
        file_label = f"{label}/{path.name}"
        if path.is_dir() or path.name.startswith((".", "~$")):
            continue
        if path.suffix.lower() not in MONTH_SUFFIXES:
            problems.warning(file_label, "ignored: only YYYY-MM.csv and YYYY-MM.xlsx files are read from this folder",
                             reason=Reason.IGNORED)
            continue
        period = month_in(path.stem)
        if period is None:
            guess = did_you_mean(path.stem)
            problems.error(file_label, "the file name must be the month it holds, as a real YYYY-MM (e.g. "
                                       "2025-07.csv) or a month such as Sep 2026"
                           + (f"; did you mean {guess}?" if guess else ""), found=path.name,
                           reason=Reason.BAD_PERIOD)
            continue
        found.append(MonthSource(period, path, file_label))
    return found


def _is_long(names: Sequence[str]) -> bool:
    return all(name in names for name in LONG)


def _is_wide(names: Sequence[str]) -> bool:
    return "indicator_id" in names and "value" not in names and any(month_in(name) for name in names)


def _long_months(workbook: OpenWorkbook, name: str, problems: Problems) -> list[MonthSource]:
    """One long sheet: a row an indicator and month, split into a table a month."""
    from .workbook import sheet_table
    table = sheet_table(workbook, name, LONG, problems, max_rows=MAX_LONG_ROWS)
    if table is None:
        return []
    months: dict[Period, list[Row]] = {}
    for row in table.rows:
        text = row.get("period")
        period = month_in(text)
        if period is None:
            guess = did_you_mean(text)
            problems.error(table.label, f"expected a month, such as {EXAMPLES}, or a date"
                           + (f"; did you mean {guess}?" if guess else ""), line=row.line, column="period",
                           found=text, reason=Reason.BAD_PERIOD)
            continue
        months.setdefault(period, []).append(row)
    return [MonthSource(period, workbook.file.path, workbook.label, name, replace(table, rows=tuple(rows)))
            for period, rows in sorted(months.items())]


def _wide_months(workbook: OpenWorkbook, name: str, problems: Problems) -> list[MonthSource]:
    """One wide sheet: indicator_id and a column a month; each month's column becomes that month's table (its
    figures in the column named as the heading, so a problem names the cell where it is)."""
    from .workbook import sheet_table
    table = sheet_table(workbook, name, ("indicator_id",), problems, wanted=_is_wide)
    if table is None:
        return []
    found: list[MonthSource] = []
    columns: dict[Period, str] = {}
    empty: list[str] = []
    for column in table.columns:
        period = month_in(column) if column else None
        if period is None:
            guess = did_you_mean(column) if column else None
            if guess:
                problems.error(table.label, f"this column's heading is not a month I can read: did you mean {guess}?",
                               line=table.rows[0].line, column=column, found=column, reason=Reason.BAD_PERIOD)
            continue
        if period in columns:
            problems.error(table.label, f"the month {period} has a column already (headed {columns[period]!r}): "
                                        "keep one of them", column=column, reason=Reason.DUPLICATE)
            continue
        columns[period] = column
        rows = tuple(Row(row.line, {"indicator_id": row.cells.get("indicator_id", ""), column: row.cells[column]})
                     for row in table.rows)
        if not any(row.get(column) for row in rows):
            empty.append(shown(period))
            continue
        month_table = Table(table.label, table.source, ("indicator_id", column), rows, line_name=table.line_name)
        found.append(MonthSource(period, workbook.file.path, workbook.label, name, month_table, value_column=column))
    if empty:
        problems.warning(table.label, f"ignored: the column(s) for {', '.join(empty)} have no figures",
                         reason=Reason.IGNORED)
    return found


def _workbook_sheets(path: Path, label: str, problems: Problems) -> list[MonthSource]:
    """monthly.xlsx: its visible sheets, each a month's table (named as the month), a long sheet or a wide
    one, read from one opening of the workbook; other sheets are ignored with a warning."""
    from .workbook import find_header, opened, peek, sheet_table
    found: list[MonthSource] = []
    with opened(path, label, problems) as workbook:
        if workbook is None:
            return found
        for name in workbook.sheet_names:
            period = month_in(name)
            if period is not None:
                found.append(MonthSource(period, path, label, name, sheet_table(workbook, name, REQUIRED, problems)))
                continue
            top = peek(workbook, name)
            if find_header(top, _is_long):
                found += _long_months(workbook, name, problems)
            elif find_header(top, _is_wide):
                found += _wide_months(workbook, name, problems)
            elif guess := did_you_mean(name):
                problems.error(sheet_label(label, name), f"the sheet's name is not a month I can read: did you mean "
                               f"{guess}? Name each month's sheet as the month ({EXAMPLES})",
                               reason=Reason.BAD_PERIOD)
            else:
                problems.warning(sheet_label(label, name), "ignored: not named as a month (such as "
                                 f"{EXAMPLES}), and no header row (in its first rows) of a long sheet "
                                 f"({', '.join(LONG)}) or a wide one (indicator_id and a column a month)",
                                 reason=Reason.IGNORED)
    return found


def month_sources(inputs: Path, label: str, problems: Problems) -> list[MonthSource]:
    """Every month's table in period order: files in monthly/ and sheets of monthly.xlsx; a month given
    twice is an error."""
    found: list[MonthSource] = []
    if (inputs / "monthly").is_dir():
        found += _month_files(inputs / "monthly", f"{label}/monthly", problems)
    if (inputs / MONTHLY_WORKBOOK).is_file():
        found += _workbook_sheets(inputs / MONTHLY_WORKBOOK, f"{label}/{MONTHLY_WORKBOOK}", problems)
    chosen: dict[Period, MonthSource] = {}
    for month in found:
        if month.period in chosen:
            problems.error(month.where, f"the month {month.period} is also in {chosen[month.period].where}: "
                                        "keep one of them", reason=Reason.DUPLICATE)
        else:
            chosen[month.period] = month
    if not found:
        problems.error(f"{label}/monthly", "no monthly data: expected a folder monthly/ of YYYY-MM.csv (or .xlsx) "
                                           f"files, or a workbook {MONTHLY_WORKBOOK} with a sheet per month, one "
                                           "long sheet or one wide sheet", reason=Reason.NOT_FOUND)
    if len(chosen) > MAX_MONTH_FILES:
        problems.error(f"{label}/monthly", f"has {len(chosen)} months; a pack reads at most {MAX_MONTH_FILES}: "
                                           "move the oldest ones to another folder", reason=Reason.TOO_LARGE)
        return []
    return [chosen[period] for period in sorted(chosen)]
