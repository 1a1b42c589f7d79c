"""Changes over time, rates and year-to-date figures: small pure functions over values and periods."""

from __future__ import annotations

from collections.abc import Sequence

from ..formatting import round_half_up
from ..model import Indicator, Period


def difference(latest: float | None, earlier: float | None, decimals: int) -> float | None:
    """The change between two values as printed (each rounded to the decimals shown), so that the words
    never contradict the figures beside them: 9.96 to 10.04 at one decimal is no change."""
    if latest is None or earlier is None:
        return None
    return float(round_half_up(latest, decimals) - round_half_up(earlier, decimals))


def year_ago(period: Period) -> Period:
    return period.shift(-12)


def monthly_from_year_to_date(indicator: Indicator, values: dict[Period, float | None], period: Period) -> float | None:
    """For a cumulative (year-to-date from April) indicator, the figure for the month alone."""
    latest = values.get(period)
    if latest is None or not indicator.cumulative:
        return latest
    if period.month == 4:
        return latest
    before = values.get(period.shift(-1))
    return None if before is None else latest - before


def month_by_month(indicator: Indicator, series: Sequence[tuple[Period, float | None]]
                   ) -> list[tuple[Period, float | None]]:
    """A series with each month's own figure: year-to-date totals of a cumulative indicator are turned back
    into monthly figures (April stands alone); other series are returned as they are."""
    if not indicator.cumulative:
        return list(series)
    values = dict(series)
    return [(period, monthly_from_year_to_date(indicator, values, period)) for period, _ in series]
