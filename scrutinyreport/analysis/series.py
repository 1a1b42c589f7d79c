"""The series each indicator is charted and judged on: its own periods (months, quarters or years), and
what statistical process control is run on."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Frequency, Indicator, PackData, Period, Unit, periods_between
from .spc import Bounds, SpcResult, SpcRules, xmr

Series = tuple[tuple[Period, float | None], ...]
MAX_POINTS = 36    # the most recent points charted and judged (three years of months)
UNIT_BOUNDS: dict[Unit, Bounds] = {
    Unit.PERCENT: (0.0, 100.0), Unit.COUNT: (0.0, None), Unit.RATE_PER_100K: (0.0, None),
    Unit.CURRENCY: (0.0, None), Unit.DAYS: (0.0, None), Unit.RATIO: (0.0, None), Unit.SCORE: (None, None),
}


def own_series(pack: PackData, indicator: Indicator, through: Period, limit: int = MAX_POINTS) -> Series:
    """The indicator's figures for each of its own periods from the first month of data to ``through``,
    oldest first, the last ``limit`` of them; None where a period has no figure."""
    first = pack.periods[0] if pack.periods else through
    ends = periods_between(first, through, indicator.frequency)[-limit:]
    return tuple((period.end, pack.value(indicator.id, period.end)) for period in ends)


@dataclass(frozen=True)
class SpcView:
    """Statistical process control for one indicator: what is charted (a year-to-date indicator as each
    month's own figure, without its year-to-date target), where the process was rebased, and the result
    (None with too few points)."""

    indicator: Indicator
    series: Series
    stage_starts: tuple[int, ...]
    result: SpcResult | None

    @property
    def bounds(self) -> Bounds:
        return UNIT_BOUNDS[self.indicator.unit]


def spc_view(indicator: Indicator, series: Series, rules: SpcRules = SpcRules()) -> SpcView | None:
    """SPC on the indicator's own series by ``rules`` (pack.yaml's run lengths); None for annual indicators
    (too few points ever to judge), for year-to-date ones and for rolling ones. A year-to-date total climbs
    all year and drops each April, which the rules would read as special causes; SPC on each month's own
    figure would judge another series than the one the dashboard prints, and call "a real change" on one
    month that the year-to-date figure does not show. Making Data Count plots no cumulative series; the
    dashboard judges a year-to-date figure against the same month last year, and charts the year-to-date curve.

    Nor for rolling measures (``rolling_months``): each figure shares all but one of its months with the one
    before, so the points are not independent, the moving ranges are small, the limits too narrow, and a
    single month's change runs on as a trend for a year. Making Data Count advises against SPC on rolling
    figures (plot each month's own figure instead); the dashboard judges them by RAG and direction alone."""
    if indicator.frequency is Frequency.ANNUAL or indicator.cumulative or indicator.rolling_months:
        return None
    charted, values = indicator, series
    starts = tuple(sorted({next(i for i, (p, _) in enumerate(values) if p >= month)
                           for month in indicator.spc_rebase if values and values[-1][0] >= month}))
    result = xmr([v for _, v in values], charted.polarity, charted.target, rules=rules, stage_starts=starts,
                 bounds=UNIT_BOUNDS[charted.unit])
    return SpcView(charted, values, starts, result)
