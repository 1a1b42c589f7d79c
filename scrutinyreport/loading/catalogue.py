"""indicators.csv: the indicator catalogue (title, theme, unit, polarity, target, tolerance, decimals,
frequency, SPC rebase months, the basis of the year's figure)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TypeVar

from ..errors import Problems, Reason, ValueProblem
from ..model import Frequency, Indicator, Period, Polarity, Tolerance, Unit, YearBasis
from .limits import MAX_ID_CHARS
from .table import Row, SourceFile, Table, read_table
from .values import is_missing, parse_number

_Choice = TypeVar("_Choice", Unit, Polarity)

REQUIRED = ("id", "title", "theme", "unit", "polarity")
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_YES = {"yes", "y", "true", "1"}
_NO = {"", "no", "n", "false", "0"}


def _choice(row: Row, column: str, allowed: type[_Choice], label: str, problems: Problems) -> _Choice | None:
    text = row.get(column)
    try:
        return allowed(text.lower())
    except ValueError:
        problems.error(label, "expected one of: " + ", ".join(m.value for m in allowed),
                       line=row.line, column=column, found=text, reason=Reason.NOT_A_CHOICE)
        return None


def _number(row: Row, column: str, unit: Unit | None, label: str, problems: Problems) -> float | None:
    text = row.get(column)
    if is_missing(text):
        return None
    try:
        return parse_number(text, unit)
    except ValueProblem as error:
        problems.error(label, str(error), line=row.line, column=column, found=text, reason=Reason.NOT_A_NUMBER)
        return None


def _tolerance(row: Row, label: str, problems: Problems) -> Tolerance | None:
    text = row.get("amber_tolerance")
    if not text:
        return None
    relative = text.endswith("%")
    try:
        amount = parse_number(text[:-1] if relative else text)
    except ValueProblem:
        amount = -1.0
    if amount < 0:
        problems.error(label, "expected blank (no amber band), a number in the indicator's unit (e.g. 5) "
                              "or a share of the target with % (e.g. 5%)",
                       line=row.line, column="amber_tolerance", found=text, reason=Reason.NOT_A_NUMBER)
        return None
    return Tolerance(amount, relative)


def _decimals(row: Row, label: str, problems: Problems) -> int:
    text = row.get("decimals")
    if not text:
        return 0
    if text.isdigit() and int(text) <= 4:
        return int(text)
    problems.error(label, "expected a whole number of decimals from 0 to 4",
                   line=row.line, column="decimals", found=text, reason=Reason.OUT_OF_RANGE)
    return 0


def _cumulative(row: Row, label: str, problems: Problems) -> bool:
    text = row.get("cumulative").lower()
    if text in _YES:
        return True
    if text not in _NO:
        problems.error(label, "expected 'yes' for year-to-date figures, or blank",
                       line=row.line, column="cumulative", found=row.get("cumulative"), reason=Reason.NOT_A_CHOICE)
    return False


def _rolling(row: Row, label: str, problems: Problems) -> int | None:
    """How many months each figure covers, for a rolling measure ('12'); None (blank) for the period's own."""
    text = row.get("rolling_months")
    if not text:
        return None
    if text.isdigit() and 2 <= int(text) <= 60:
        return int(text)
    problems.error(label, "expected how many months each figure covers, a whole number from 2 to 60 (12 for a "
                          "rolling twelve months), or blank", line=row.line, column="rolling_months", found=text,
                   reason=Reason.OUT_OF_RANGE)
    return None


def _frequency(row: Row, label: str, problems: Problems) -> Frequency:
    text = row.get("frequency").lower()
    if not text:
        return Frequency.MONTHLY
    try:
        return Frequency(text)
    except ValueError:
        problems.error(label, "expected monthly (or blank), quarterly (financial quarters, the figure in the file "
                              "of the quarter's last month) or annual (financial year, in the March file)",
                       line=row.line, column="frequency", found=row.get("frequency"), reason=Reason.NOT_A_CHOICE)
        return Frequency.MONTHLY


YEAR_BASES = ("ratio (the year's numerators over its denominators), sum (a monthly flow's total), mean (the "
              "average month), end (the year-end figure, for stocks, year-to-date and rolling measures)")


def _year_basis(row: Row, label: str, problems: Problems) -> YearBasis | None:
    """How the financial year's figure is made; None (blank) for the default."""
    text = row.get("year_basis").lower()
    if not text:
        return None
    try:
        return YearBasis(text)
    except ValueError:
        problems.error(label, f"expected {YEAR_BASES}, or blank for the default (ratio for a percentage with "
                       "numerators and denominators, end otherwise)", line=row.line, column="year_basis",
                       found=row.get("year_basis"), reason=Reason.NOT_A_CHOICE)
        return None


# a target beyond what its unit can be: a percentage outside 0 to 100, a negative count, rate, cost, number of
# days or ratio (a score may be anything)
_TARGET_RANGES: dict[Unit, tuple[float | None, float | None, str]] = {
    Unit.PERCENT: (0.0, 100.0, "expected a percent target from 0 to 100 (percentage points, e.g. 27 for 27%)"),
    Unit.COUNT: (0.0, None, "expected a count target of zero or more"),
    Unit.RATE_PER_100K: (0.0, None, "expected a rate target of zero or more (per 100,000)"),
    Unit.CURRENCY: (0.0, None, "expected a money target of zero or more"),
    Unit.DAYS: (0.0, None, "expected a target of zero or more days"),
    Unit.RATIO: (0.0, None, "expected a ratio target of zero or more"),
}


def _check_target(unit: Unit | None, target: float | None, row: Row, label: str, problems: Problems) -> None:
    if unit is None or target is None or unit not in _TARGET_RANGES:
        return
    low, high, expected = _TARGET_RANGES[unit]
    if (low is not None and target < low) or (high is not None and target > high):
        problems.error(label, expected, line=row.line, column="target", found=row.get("target"),
                       reason=Reason.OUT_OF_RANGE)


def _spc_rebase(row: Row, label: str, problems: Problems) -> tuple[Period, ...]:
    """Months where the process changed on purpose, separated by ';' (e.g. 2025-04;2026-04)."""
    text = row.get("spc_rebase")
    months: list[Period] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        try:
            months.append(Period.parse(part))
        except ValueError:
            problems.error(label, "expected months as YYYY-MM separated by ';' (e.g. 2025-04;2026-04), where "
                                  "the process changed on purpose", line=row.line, column="spc_rebase", found=text,
                           reason=Reason.BAD_PERIOD)
            return ()
    return tuple(sorted(set(months)))


def load_catalogue(path: Path, label: str, problems: Problems
                   ) -> tuple[tuple[Indicator, ...], frozenset[str], SourceFile | None]:
    """Read and check every row (see catalogue_from_table)."""
    table = read_table(path, label, REQUIRED, problems)
    if table is None:
        return (), frozenset(), None
    return catalogue_from_table(table, problems)


def catalogue_from_table(table: Table, problems: Problems
                         ) -> tuple[tuple[Indicator, ...], frozenset[str], SourceFile | None]:
    """Check every row. Rows with errors are left out (the errors are recorded); their ids are returned
    too, so that monthly rows for them are not reported a second time as unknown."""
    label = table.label
    rejected: set[str] = set()
    indicators: list[Indicator] = []
    first_line: dict[str, int] = {}
    folded: dict[str, str] = {}   # lower-case id -> the id as first given
    for row in table.rows:
        errors_before = len(problems.errors)
        indicator_id = row.get("id")
        if not _ID.match(indicator_id):
            problems.error(label, "expected an id of letters, digits and underscores, starting with a letter",
                           line=row.line, column="id", found=indicator_id, reason=Reason.WRONG_TYPE)
        elif len(indicator_id) > MAX_ID_CHARS:
            problems.error(label, f"the id has {len(indicator_id)} characters; at most {MAX_ID_CHARS} (it names its "
                                  "charts' files, and Windows refuses long paths): shorten it",
                           line=row.line, column="id", found=indicator_id, reason=Reason.TOO_LARGE)
        elif indicator_id in first_line:
            problems.error(label, f"duplicate indicator id; it is already on line {first_line[indicator_id]}",
                           line=row.line, column="id", found=indicator_id, reason=Reason.DUPLICATE)
        elif indicator_id.lower() in folded:
            other = folded[indicator_id.lower()]
            problems.error(label, f"this id differs from {other!r} (line {first_line[other]}) only in capital "
                                  "letters: their charts would share a file (and Windows and macOS do not tell "
                                  "such names apart); choose another id", line=row.line, column="id",
                           found=indicator_id, reason=Reason.DUPLICATE)
        else:
            first_line[indicator_id] = row.line
            folded[indicator_id.lower()] = indicator_id
        for column in ("title", "theme"):
            if not row.get(column):
                problems.error(label, f"expected a {column}; it is printed in the dashboard",
                               line=row.line, column=column, found="", reason=Reason.MISSING_VALUE)
        unit = _choice(row, "unit", Unit, label, problems)
        polarity = _choice(row, "polarity", Polarity, label, problems)
        target = _number(row, "target", unit, label, problems)
        tolerance = _tolerance(row, label, problems)
        decimals = _decimals(row, label, problems)
        cumulative = _cumulative(row, label, problems)
        rolling = _rolling(row, label, problems)
        frequency = _frequency(row, label, problems)
        rebase = _spc_rebase(row, label, problems)
        basis = _year_basis(row, label, problems)
        if cumulative and basis not in (None, YearBasis.END):
            problems.error(label, "expected end (or blank) for a year-to-date (cumulative) indicator: its March "
                                  "figure is the year's total", line=row.line, column="year_basis",
                           found=row.get("year_basis"), reason=Reason.INCONSISTENT)
        elif frequency is Frequency.ANNUAL and basis not in (None, YearBasis.END) \
                and len(problems.errors) == errors_before:
            problems.warning(label, "ignored: an annual indicator's figure is its own year's",
                             line=row.line, column="year_basis", found=row.get("year_basis"), reason=Reason.IGNORED)
        if rolling is not None and cumulative:
            problems.error(label, "expected a rolling measure (rolling_months) or a year-to-date one (cumulative), "
                                  "not both", line=row.line, column="rolling_months", found=row.get("rolling_months"),
                           reason=Reason.INCONSISTENT)
        elif rolling is not None and frequency is not Frequency.MONTHLY:
            problems.error(label, "expected a rolling measure (rolling_months) to be monthly: its figure each month "
                                  "covers the months before", line=row.line, column="frequency",
                           found=row.get("frequency"), reason=Reason.INCONSISTENT)
        elif rolling is not None and basis not in (None, YearBasis.END):
            problems.error(label, f"expected end (or blank) for a rolling measure: each figure already covers "
                                  f"{rolling} months, so its March figure is the year's", line=row.line,
                           column="year_basis", found=row.get("year_basis"), reason=Reason.INCONSISTENT)
        if cumulative and frequency is not Frequency.MONTHLY:
            problems.error(label, "expected a year-to-date (cumulative) indicator to be monthly",
                           line=row.line, column="frequency", found=row.get("frequency"), reason=Reason.INCONSISTENT)
        if tolerance is not None and target is None and len(problems.errors) == errors_before:
            problems.warning(label, "an amber tolerance without a target has no effect",
                             line=row.line, column="amber_tolerance", found=row.get("amber_tolerance"),
                             reason=Reason.INCONSISTENT)
        _check_target(unit, target, row, label, problems)
        if len(problems.errors) > errors_before:
            rejected.add(indicator_id)
            continue
        assert isinstance(unit, Unit) and isinstance(polarity, Polarity)
        indicators.append(Indicator(
            id=indicator_id, title=" ".join(row.get("title").split()), theme=" ".join(row.get("theme").split()),
            unit=unit, polarity=polarity, target=target, tolerance=tolerance, decimals=decimals,
            ascof=row.get("ascof"), cumulative=cumulative, rolling_months=rolling,
            population_group=row.get("population_group"), frequency=frequency, spc_rebase=rebase,
            spc_rebase_reason=" ".join(row.get("spc_rebase_reason").split()) if rebase else "",
            year_basis=None if frequency is Frequency.ANNUAL else basis))
    return tuple(indicators), frozenset(rejected - {i.id for i in indicators}), table.source
