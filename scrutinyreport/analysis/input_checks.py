"""Checks of the inputs that need the analysis's own rules, run by ``validate`` after the inputs are read."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import Problems, Reason
from ..formatting import format_value, round_half_up
from ..model import PackData, Period, YearBasis
from .year_end import financial_year_start, year_figure


def _where(label: str, line: int | None) -> str:
    """'inputs/monthly/2025-03.csv line 17' (a worksheet's or frame's row for a table that is not a CSV)."""
    if line is None:
        return label
    return f"{label} line {line}" if label.lower().endswith(".csv") else f"{label} row {line}"


def benchmark_agreement(pack: PackData, benchmarks_label: str, month_label: Callable[[Period], str],
                        problems: Problems) -> None:
    """A warning for each benchmark whose council value disagrees, at printed precision, with the figure the
    monthly data give for the same financial year (by the indicator's year basis: an annual measure's March
    figure, a stock's at the year's end, a ratio's over the year's months). Only whole years are compared:
    a year with missing months, or one the monthly files cover only in part, says nothing of the published
    figure. One measure, one year, one figure: the pack would otherwise print two."""
    catalogue = {indicator.id: indicator for indicator in pack.indicators}
    for benchmark in pack.benchmarks:
        indicator = catalogue.get(benchmark.indicator_id)
        if indicator is None or benchmark.council is None or "/" not in benchmark.year:
            continue
        try:
            start = financial_year_start(benchmark.year)
        except ValueError:
            continue
        figures = pack.observations.get(indicator.id, {})
        figure = year_figure(indicator, figures, start)
        if figure.value is None or figure.partial:
            continue
        decimals = indicator.decimals
        if round_half_up(figure.value, decimals) == round_half_up(benchmark.council, decimals):
            continue
        first, last = figure.counted[0], figure.counted[-1]
        if len(figure.counted) == 1:
            observation = figures.get(last)
            where = _where(month_label(last), observation.line if observation else None)
        else:
            how = {YearBasis.RATIO: "numerators over denominators", YearBasis.SUM: "total",
                   YearBasis.MEAN: "average"}.get(figure.basis, "figure")
            where = f"{month_label(first)} to {month_label(last)} (the {len(figure.counted)} months' {how})"
        published = format_value(benchmark.council, indicator.unit, decimals, pack.settings.locale)
        monthly = format_value(figure.value, indicator.unit, decimals, pack.settings.locale)
        problems.warning(benchmarks_label, f"{indicator.id} for {benchmark.year} is {published} "
                         f"here but {monthly} in {where}: one measure and year should have one figure "
                         "in the pack; correct whichever is wrong (usually the monthly figure: the benchmark is the "
                         "published one)", line=benchmark.line, column="council", found=f"{benchmark.council:g}",
                         reason=Reason.INCONSISTENT)
