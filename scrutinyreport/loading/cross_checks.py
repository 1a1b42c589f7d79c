"""Checks across the tables once each is read, the same for an inputs folder and for DataFrames: the
reporting period and the indicators without a figure in it, population groups, public summary ids."""

from __future__ import annotations

from typing import Callable, Mapping

from ..model import Indicator, Observation, PackSettings, Period, Unit
from .monthly import closest_id
from .problems import Problems


def reporting_period(period: Period | None, settings: PackSettings | None, indicators: tuple[Indicator, ...],
                     observations: Mapping[str, Mapping[Period, Observation]],
                     month_labels: Mapping[Period, str], missing: tuple[str, str], catalogue_label: str,
                     problems: Problems) -> Period | None:
    """The reporting period: as given, else pack.yaml's, else the latest month. An error when it has no
    figures at all (missing: where, and what was expected, {p} standing for the period); a warning for each
    indicator without a figure in it, and for rates whose population group pack.yaml does not give."""
    chosen = period or (settings.period if settings else None) or (max(month_labels) if month_labels else None)
    if chosen is None:
        return None
    if month_labels and chosen not in month_labels:
        expected = missing[1].format(p=chosen)
        problems.error(missing[0], f"no file for the reporting period {chosen}: expected {expected}", found=str(chosen))
        return chosen
    for indicator in indicators:
        observation = observations[indicator.id].get(chosen)
        if observation is None or observation.value is None:
            where = "has no row" if observation is None else "has no figure"
            problems.warning(month_labels[chosen], f"{where} for indicator {indicator.id!r} "
                             f"({indicator.title}): the dashboard will show 'No data'")
    for indicator in indicators:
        if indicator.unit is Unit.RATE_PER_100K and indicator.population_group and settings and \
                indicator.population_group not in settings.population:
            problems.warning(catalogue_label, f"population group {indicator.population_group!r} "
                             "is not in pack.yaml's population, so rates cannot be worked out from counts",
                             column="population_group", found=indicator.population_group)
    return chosen


def public_summary_ids(settings: PackSettings, catalogue: Mapping[str, Indicator], rejected: frozenset[str],
                       label: str, line_of: Callable[[int], int | None], problems: Problems) -> None:
    """Every indicator the public summary names is in the catalogue."""
    for index, indicator_id in enumerate(settings.public_summary_indicators):
        if indicator_id not in catalogue and indicator_id not in rejected:
            problems.error(label, "unknown indicator id in public_summary: expected an id from indicators.csv"
                           + closest_id(indicator_id, list(catalogue)), line=line_of(index),
                           column="public_summary.indicators", found=indicator_id)
