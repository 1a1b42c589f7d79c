"""Checks across the tables once each is read, the same for an inputs folder and for DataFrames: the
reporting and previous periods, the indicators without a figure for the period the report expects,
population groups, public summary ids, and benchmark years that disagree with the monthly figures."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..errors import Problems, Reason
from ..model import (
    DEFAULT_WINDOW_MONTHS,
    Indicator,
    Observation,
    PackSettings,
    Period,
    Unit,
    last_complete,
    latest_available,
)
from .monthly import closest_id


def reporting_period(period: Period | None, settings: PackSettings | None, periods: list[Period],
                     missing: tuple[str, str], problems: Problems) -> Period | None:
    """The reporting period: as given, else pack.yaml's, else the latest month; an error when it has no
    figures at all (missing: where, and what was expected, {p} standing for the period)."""
    chosen = period or (settings.period if settings else None) or (max(periods) if periods else None)
    if chosen is not None and periods and chosen not in periods:
        expected = missing[1].format(p=chosen)
        problems.error(missing[0], f"no file for the reporting period {chosen}: expected {expected}", found=str(chosen),
                       reason=Reason.NOT_FOUND)
    return chosen


def previous_period(settings: PackSettings | None, chosen: Period | None, periods: list[Period], label: str,
                    problems: Problems) -> Period | None:
    """The period of the committee's previous report: pack.yaml's, or the latest earlier month with figures."""
    if chosen is None:
        return None
    given = settings.previous_period if settings else None
    if given is not None:
        if given >= chosen:
            problems.error(label, f"expected previous_period before the reporting period {chosen}",
                           column="previous_period", found=str(given), reason=Reason.INCONSISTENT)
            return None
        if given not in periods:
            problems.warning(label, f"there is no monthly file for previous_period {given}: each "
                             "indicator is compared with its latest figure before then",
                             column="previous_period", found=str(given), reason=Reason.NOT_FOUND)
        return given
    earlier = [p for p in periods if p < chosen]
    return max(earlier) if earlier else None


def missing_figures(indicators: tuple[Indicator, ...], observations: Mapping[str, Mapping[Period, Observation]],
                    chosen: Period, settings: PackSettings | None, month_label: Callable[[Period], str],
                    problems: Problems) -> None:
    """A warning for each indicator without a figure for the period the report expects (a month, the latest
    quarter or the latest financial year), saying what the dashboard will show instead."""
    window = settings.latest_window_months if settings else DEFAULT_WINDOW_MONTHS
    for indicator in indicators:
        expected = last_complete(indicator.frequency, chosen)
        observation = observations[indicator.id].get(expected.end)
        if observation is not None and observation.value is not None:
            continue
        where = "has no row" if observation is None else "has no figure"
        earlier = latest_available(observations[indicator.id], indicator.frequency, chosen, window)
        shown = (f"its latest earlier figure ({earlier.period.end}) marked 'no new data'" if earlier
                 else "'No data'")
        problems.warning(month_label(expected.end), f"{where} for indicator {indicator.id!r} "
                         f"({indicator.title}): the dashboard will show {shown}", reason=Reason.NO_FIGURE)


def population_groups(indicators: tuple[Indicator, ...], settings: PackSettings | None, catalogue_label: str,
                      problems: Problems) -> None:
    """A warning for each rate whose population group pack.yaml does not give."""
    for indicator in indicators:
        if indicator.unit is Unit.RATE_PER_100K and indicator.population_group and settings and \
                indicator.population_group not in settings.population:
            problems.warning(catalogue_label, f"population group {indicator.population_group!r} "
                             "is not in pack.yaml's population, so rates cannot be worked out from counts",
                             column="population_group", found=indicator.population_group, reason=Reason.INCONSISTENT)


def public_summary_ids(settings: PackSettings, catalogue: Mapping[str, Indicator], rejected: frozenset[str],
                       label: str, line_of: Callable[[int], int | None], problems: Problems) -> None:
    """Every indicator the public summary names is in the catalogue."""
    for index, indicator_id in enumerate(settings.public_summary_indicators):
        if indicator_id not in catalogue and indicator_id not in rejected:
            problems.error(label, "unknown indicator id in public_summary: expected an id from indicators.csv"
                           + closest_id(indicator_id, list(catalogue)), line=line_of(index),
                           column="public_summary.indicators", found=indicator_id, reason=Reason.UNKNOWN_ID)
