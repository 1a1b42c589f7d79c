"""The optional tables beside the monthly data: benchmarks.csv, finance.csv and activity.csv."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Problems, Reason, ValueProblem
from ..formatting import round_half_up
from ..model import Amount, Benchmark, Indicator, Unit
from .limits import MAX_CHART_CATEGORIES
from .monthly import closest_id
from .table import Row, SourceFile, Table, read_table
from .values import is_missing, parse_number

BENCHMARK_COLUMNS = ("indicator_id", "year", "england")
FINANCE_COLUMNS = ("category", "amount")
ACTIVITY_COLUMNS = ("client_group", "people")
_YEAR = re.compile(r"^\d{4}(/\d{2}|-\d{2})?$")


def _number(row: Row, column: str, label: str, problems: Problems, whole: bool = False) -> float | None:
    text = row.get(column)
    if is_missing(text):
        return None
    try:
        value = parse_number(text)
    except ValueProblem as error:
        problems.error(label, str(error), line=row.line, column=column, found=text, reason=Reason.NOT_A_NUMBER)
        return None
    if whole and value != int(value):
        problems.error(label, "expected a whole number", line=row.line, column=column, found=text,
                       reason=Reason.NOT_A_NUMBER)
        return None
    return value


def _year(row: Row, label: str, problems: Problems) -> str | None:
    year = row.get("year").replace("-", "/")
    if not _YEAR.match(year):
        problems.error(label, "expected a year such as 2024/25 (or 2024)", line=row.line, column="year",
                       found=row.get("year"), reason=Reason.BAD_PERIOD)
        return None
    return year


def load_benchmarks(path: Path, label: str, catalogue: dict[str, Indicator],
                    problems: Problems) -> tuple[tuple[Benchmark, ...], SourceFile | None]:
    table = read_table(path, label, BENCHMARK_COLUMNS, problems, optional=True)
    if table is None:
        return (), None
    return benchmarks_from_table(table, catalogue, problems), table.source


def benchmarks_from_table(table: Table, catalogue: dict[str, Indicator], problems: Problems) -> tuple[Benchmark, ...]:
    label = table.label
    found: list[Benchmark] = []
    for row in table.rows:
        errors_before = len(problems.errors)
        indicator_id = row.get("indicator_id")
        if indicator_id not in catalogue:
            problems.error(label, "unknown indicator id: expected an id from indicators.csv"
                           + closest_id(indicator_id, list(catalogue)),
                           line=row.line, column="indicator_id", found=indicator_id, reason=Reason.UNKNOWN_ID)
        year = _year(row, label, problems)
        numbers = {c: _number(row, c, label, problems) for c in NUMBER_COLUMNS}
        rank = _number(row, "rank", label, problems, whole=True)
        rank_of = _number(row, "rank_of", label, problems, whole=True)
        if rank is not None and rank_of is not None and not 1 <= rank <= rank_of:
            problems.error(label, f"expected a rank from 1 to rank_of ({rank_of:g})", line=row.line,
                           column="rank", found=row.get("rank"), reason=Reason.OUT_OF_RANGE)
        if len(problems.errors) == errors_before:
            _check_counts(numbers, catalogue.get(indicator_id), row, label, problems)
            _check_interval(numbers, row, label, problems)
        if len(problems.errors) == errors_before and year:
            found.append(Benchmark(indicator_id, year, rank=None if rank is None else int(rank),
                                   rank_of=None if rank_of is None else int(rank_of), line=row.line, **numbers))
    return tuple(found)


NUMBER_COLUMNS = ("council", "england", "region", "comparator", "council_numerator", "council_denominator",
                  "council_lower", "council_upper")
_SCALE = {Unit.PERCENT: 100.0, Unit.RATE_PER_100K: 100_000.0}


def _check_counts(numbers: dict[str, float | None], indicator: Indicator | None, row: Row, label: str,
                  problems: Problems) -> None:
    """The council's counts, which a comparison with England is judged from: a denominator above zero, a
    numerator from zero (to the denominator, for a percentage), and, where the value is given too, a value
    they give at its printed precision (as for a monthly figure)."""
    numerator, denominator = numbers["council_numerator"], numbers["council_denominator"]
    if denominator is not None and denominator <= 0:
        problems.error(label, "expected a denominator above zero", line=row.line, column="council_denominator",
                       found=row.get("council_denominator"), reason=Reason.OUT_OF_RANGE)
        return
    if numerator is not None and numerator < 0:
        problems.error(label, "expected a numerator of zero or more", line=row.line, column="council_numerator",
                       found=row.get("council_numerator"), reason=Reason.OUT_OF_RANGE)
        return
    if indicator is None or numerator is None or denominator is None:
        return
    if indicator.unit is Unit.PERCENT and numerator > denominator:
        problems.error(label, "expected a numerator no larger than the denominator", line=row.line,
                       column="council_numerator", found=row.get("council_numerator"), reason=Reason.INCONSISTENT)
        return
    council = numbers["council"]
    if council is None or indicator.unit not in _SCALE:
        return
    computed = numerator / denominator * _SCALE[indicator.unit]
    if round_half_up(computed, indicator.decimals) != round_half_up(council, indicator.decimals):
        shown = float(round_half_up(computed, indicator.decimals))
        problems.error(label, f"the council's value disagrees with council_numerator / council_denominator "
                              f"({row.get('council_numerator')} / {row.get('council_denominator')} gives "
                              f"{shown:g})", line=row.line, column="council", found=row.get("council"),
                       reason=Reason.INCONSISTENT)


def _check_interval(numbers: dict[str, float | None], row: Row, label: str, problems: Problems) -> None:
    """A published interval has both ends, the lower first, with the council's value between them."""
    lower, upper, council = numbers["council_lower"], numbers["council_upper"], numbers["council"]
    if (lower is None) != (upper is None):
        problems.error(label, "give both council_lower and council_upper (the council's published 95% interval), "
                              "or neither", line=row.line,
                       column="council_upper" if upper is None else "council_lower", found="",
                       reason=Reason.MISSING_VALUE)
    elif lower is not None and upper is not None:
        if lower > upper:
            problems.error(label, "expected council_lower no higher than council_upper", line=row.line,
                           column="council_lower", found=row.get("council_lower"), reason=Reason.INCONSISTENT)
        elif council is not None and not lower <= council <= upper:
            problems.error(label, f"expected the council's value within its interval ({row.get('council_lower')} "
                                  f"to {row.get('council_upper')})", line=row.line, column="council",
                           found=row.get("council"), reason=Reason.INCONSISTENT)


FINANCE_KINDS = ("spend", "income")                    # finance.csv's optional kind column
ACTIVITY_BREAKDOWNS = ("support_need", "age_group")    # activity.csv's optional breakdown column
# what the pack leaves out without each optional table (said in a warning, as for any optional file)
LEFT_OUT = {"benchmarks": "the dashboard and the Local Account will have no comparisons with England",
            "finance": "the Local Account will have no section on what we spent and where the money came from",
            "activity": "the Local Account will have no section on who we supported"}
KIND_COLUMNS = {"category": ("kind", FINANCE_KINDS), "client_group": ("breakdown", ACTIVITY_BREAKDOWNS)}


def load_amounts(path: Path, label: str, category_column: str, value_column: str, problems: Problems,
                 kind_column: str = "", kinds: tuple[str, ...] = ("",)
                 ) -> tuple[dict[str, tuple[Amount, ...]], SourceFile | None]:
    """finance.csv (year, category, amount; optional kind: spend or income) or activity.csv (year,
    client_group, people; optional breakdown: support_need or age_group), as rows by kind. A file without
    the optional column (a v1 file), or a blank cell in it, gives the first kind."""
    table = read_table(path, label, ("year", category_column, value_column), problems, optional=True)
    if table is None:
        return {kind: () for kind in kinds}, None
    return amounts_by_kind(table, category_column, value_column, problems, kind_column, kinds), table.source


def amounts_by_kind(table: Table, category_column: str, value_column: str, problems: Problems,
                    kind_column: str = "", kinds: tuple[str, ...] = ("",)) -> dict[str, tuple[Amount, ...]]:
    label = table.label
    found: dict[str, list[Amount]] = {kind: [] for kind in kinds}
    for row in table.rows:
        year = _year(row, label, problems)
        category = " ".join(row.get(category_column).split())
        if not category:
            problems.error(label, f"expected a {category_column.replace('_', ' ')}", line=row.line,
                           column=category_column, found="", reason=Reason.MISSING_VALUE)
        value = _number(row, value_column, label, problems)
        if value is None and not row.get(value_column):
            problems.error(label, f"expected the {value_column} as a number", line=row.line,
                           column=value_column, found="", reason=Reason.MISSING_VALUE)
        kind = (row.get(kind_column).strip().lower() if kind_column else "") or kinds[0]
        if kind not in found:
            problems.error(label, "expected one of: " + ", ".join(kinds) + " (or blank for " + kinds[0] + ")",
                           line=row.line, column=kind_column, found=row.get(kind_column), reason=Reason.NOT_A_CHOICE)
            continue
        if year and category and value is not None:
            found[kind].append(Amount(year, category, value))
    for kind, amounts in found.items():
        by_year: dict[str, set[str]] = {}
        for amount in amounts:
            by_year.setdefault(amount.year, set()).add(amount.category)
        crowded = sorted(year for year, categories in by_year.items() if len(categories) > MAX_CHART_CATEGORIES)
        if crowded:
            problems.error(label, f"{len(by_year[crowded[0]])} kinds of {category_column.replace('_', ' ')} in "
                                  f"{crowded[0]}: a chart can show at most {MAX_CHART_CATEGORIES}; put the "
                                  "smaller ones together as 'Other'", column=category_column, reason=Reason.TOO_LARGE)
            found[kind] = []
    return {kind: tuple(rows) for kind, rows in found.items()}
