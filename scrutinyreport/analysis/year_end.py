"""Each indicator at the end of a financial year against the year before: what a Local Account reports
('this year' is March's figure, 'last year' the March before), judged by the same RAG and direction rules
as the dashboard."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Indicator, PackData, Period
from .direction import Direction, direction_of_travel
from .rag import Rag, target_rag


@dataclass(frozen=True)
class YearEnd:
    """One indicator's figure at a year's end and a year earlier (None where there is none)."""

    indicator: Indicator
    end: Period
    this_year: float | None
    last_year: float | None
    rag: Rag                       # this year's figure against target
    direction: Direction | None    # this year against last year


def year_end_measures(pack: PackData, end: Period) -> dict[str, YearEnd]:
    """Every indicator at ``end`` (a March, or the reporting month when that is earlier) and 12 months before."""
    found = {}
    for indicator in pack.indicators:
        this_year, last_year = pack.value(indicator.id, end), pack.value(indicator.id, end.shift(-12))
        found[indicator.id] = YearEnd(indicator, end, this_year, last_year, target_rag(indicator, this_year),
                                      direction_of_travel(indicator, this_year, last_year))
    return found
