"""monthly/YYYY-MM.csv: one file per month of indicator values, checked against the catalogue."""

from __future__ import annotations

import difflib
import math
from pathlib import Path
from typing import Mapping

from ..analysis.change import rate_per_100k
from ..formatting import round_half_up
from ..model import Frequency, Indicator, Observation, Period, Unit, is_period_end
from .csvfile import CsvRow, read_csv_table
from .problems import Problems
from .text import TextFile
from .values import ValueProblem, is_missing, parse_number

REQUIRED = ("indicator_id", "value")
SCALE = {Unit.PERCENT: 100.0, Unit.RATE_PER_100K: 100_000.0}


OWN_PERIOD_END = {Frequency.QUARTERLY: "quarter's last month (June, September, December or March)",
                  Frequency.ANNUAL: "financial year's last month (March)"}


def closest_id(unknown: str, known: list[str]) -> str:
    """' Did you mean ...?' for a mistyped indicator id, or nothing."""
    lowered = {k.lower(): k for k in known}
    match = difflib.get_close_matches(unknown.lower(), list(lowered), n=1, cutoff=0.6)
    return f"; did you mean {lowered[match[0]]!r}?" if match else ""


def _optional(row: CsvRow, column: str, label: str, problems: Problems) -> float | None:
    text = row.get(column)
    if is_missing(text):
        return None
    try:
        return parse_number(text)
    except ValueProblem:
        problems.error(label, f"expected the {column} as a number, or blank",
                       line=row.line, column=column, found=text)
        return None


def _check_ratio(indicator: Indicator, value: float, numerator: float | None, denominator: float | None,
                 row: CsvRow, label: str, problems: Problems, population: Mapping[str, float]) -> None:
    if numerator is None and denominator is None:
        return
    if indicator.unit is Unit.RATE_PER_100K and denominator is None and indicator.population_group in population:
        # a count alone: the rate is worked out from pack.yaml's population for the indicator's group
        computed = rate_per_100k(numerator, population[indicator.population_group])
        if round_half_up(computed, indicator.decimals) != round_half_up(value, indicator.decimals):
            shown = float(round_half_up(computed, indicator.decimals))
            problems.error(label, f"the value disagrees with the count in numerator per 100,000 of the "
                                  f"{indicator.population_group} population in pack.yaml (which gives {shown:g})",
                           line=row.line, column="value", found=row.get("value"))
        return
    if numerator is None or denominator is None:
        problems.error(label, "give both numerator and denominator, or neither", line=row.line,
                       column="numerator" if numerator is None else "denominator", found="")
        return
    if denominator == 0:
        problems.error(label, "expected a denominator above zero", line=row.line, column="denominator",
                       found=row.get("denominator"))
        return
    computed = numerator / denominator * SCALE.get(indicator.unit, 1.0)
    if round_half_up(computed, indicator.decimals) != round_half_up(value, indicator.decimals):
        shown = float(round_half_up(computed, indicator.decimals))
        problems.error(label, f"the value disagrees with numerator / denominator "
                              f"({row.get('numerator')} / {row.get('denominator')} gives {shown:g})",
                       line=row.line, column="value", found=row.get("value"))


def load_month(path: Path, label: str, period: Period, catalogue: dict[str, Indicator],
               rejected: frozenset[str], problems: Problems, population: Mapping[str, float] | None = None) -> tuple[list[Observation], TextFile | None]:
    """One month's observations; rows with errors are left out (the errors are recorded)."""
    table = read_csv_table(path, label, REQUIRED, problems)
    if table is None:
        return [], None
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
                           line=row.line, column="indicator_id", found=indicator_id)
            continue
        if indicator_id in seen:
            problems.error(label, f"this indicator already has a value in this month on line {seen[indicator_id]}",
                           line=row.line, column="indicator_id", found=indicator_id)
            continue
        seen[indicator_id] = row.line
        text = row.get("value")
        if not is_period_end(indicator.frequency, period):
            if not is_missing(text):
                problems.warning(label, f"ignored: {indicator_id!r} is {indicator.frequency.value}, so its figure "
                                 f"is read from the file of the {OWN_PERIOD_END[indicator.frequency]}",
                                 line=row.line, column="value", found=text)
            continue
        try:
            value = None if is_missing(text) else parse_number(text, indicator.unit)
        except ValueProblem as error:
            problems.error(label, str(error), line=row.line, column="value", found=text)
            continue
        numerator = _optional(row, "numerator", label, problems)
        denominator = _optional(row, "denominator", label, problems)
        if value is not None and not math.isfinite(value):
            problems.error(label, "expected a finite number", line=row.line, column="value", found=text)
            continue
        if value is not None and indicator.unit is Unit.PERCENT:
            if not 0 <= value <= 100:
                problems.error(label, "expected a percentage from 0 to 100 (percentage points: 27 or 27% "
                                      "for twenty-seven per cent)", line=row.line, column="value", found=text)
                continue
            percent_values.append(value)
        if value is not None:
            _check_ratio(indicator, value, numerator, denominator, row, label, problems, population or {})
        observations.append(Observation(indicator_id, period, value, numerator, denominator,
                                        " ".join(row.get("commentary").split())))
    if len(percent_values) >= 2 and all(v <= 1 for v in percent_values):
        problems.error(label, "every percent value is at or below 1, which looks like fractions (0.27); "
                              "expected percentage points (27 or 27%)", column="value")
    return observations, table.source


def month_files(folder: Path, label: str, problems: Problems) -> list[tuple[Period, Path, str]]:
    """The monthly files in period order; a CSV whose name is not a real YYYY-MM is an error."""
    found: list[tuple[Period, Path, str]] = []
    for path in sorted(folder.iterdir()):
        file_label = f"{label}/{path.name}"
        if path.is_dir() or path.name.startswith("."):
            continue
        if path.suffix.lower() != ".csv":
            problems.warning(file_label, "ignored: only YYYY-MM.csv files are read from this folder")
            continue
        try:
            period = Period.parse(path.stem)
        except ValueError:
            problems.error(file_label, "the file name must be the month it holds, as a real YYYY-MM "
                                       "(e.g. 2025-07.csv)", found=path.name)
            continue
        found.append((period, path, file_label))
    if not found:
        problems.error(label, "no monthly files: expected one YYYY-MM.csv file per month")
    return found
