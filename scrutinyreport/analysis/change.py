"""Changes over time, rates and year-to-date figures: small pure functions over values and periods."""

from __future__ import annotations

from ..model import Indicator, Period


def rate_per_100k(count: float, population: float) -> float:
    """A count as a rate per 100,000 of the population it is drawn from."""
    if population <= 0:
        raise ValueError("population must be above zero")
    return count / population * 100_000


def difference(latest: float | None, earlier: float | None) -> float | None:
    return None if latest is None or earlier is None else latest - earlier


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
