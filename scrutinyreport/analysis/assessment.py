"""Each indicator assessed for the reporting period: latest, previous, year-ago, RAG and direction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import Indicator, PackData, Period
from .change import difference, monthly_from_year_to_date, year_ago
from .direction import Direction, direction_of_travel
from .rag import RAG_RULES, Rag, RagRule, target_rag


@dataclass(frozen=True)
class Assessment:
    """What the dashboard says about one indicator in one period (values still numbers)."""

    indicator: Indicator
    period: Period
    latest: float | None
    previous: float | None
    year_ago: float | None
    rag: Rag
    direction: Direction | None
    month_only: float | None
    commentary: str

    @property
    def change_on_previous(self) -> float | None:
        return difference(self.latest, self.previous, self.indicator.decimals)

    @property
    def change_on_year(self) -> float | None:
        return difference(self.latest, self.year_ago, self.indicator.decimals)


def assess(pack: PackData, indicator: Indicator, period: Period | None = None,
           rule: RagRule | None = None) -> Assessment:
    """Direction compares with the previous month; for a year-to-date (cumulative) indicator it compares
    with the same month a year earlier, since year-to-date totals only grow within a year."""
    period = period or pack.period
    rule = rule or RAG_RULES.get(pack.settings.rag_rule, target_rag)
    latest = pack.value(indicator.id, period)
    previous = pack.value(indicator.id, period.shift(-1))
    last_year = pack.value(indicator.id, year_ago(period))
    compared = last_year if indicator.cumulative else previous
    direction = direction_of_travel(indicator, latest, compared)
    observation = pack.observation(indicator.id, period)
    values = {p: pack.value(indicator.id, p) for p in (period, period.shift(-1))}
    return Assessment(
        indicator=indicator, period=period, latest=latest, previous=previous, year_ago=last_year,
        rag=rule(indicator, latest, direction.improving if direction else None), direction=direction,
        month_only=monthly_from_year_to_date(indicator, values, period),
        commentary=observation.commentary if observation else "")


def assess_all(pack: PackData, period: Period | None = None) -> list[Assessment]:
    """Every indicator in catalogue order."""
    return [assess(pack, indicator, period) for indicator in pack.indicators]


@dataclass(frozen=True)
class StatusCounts:
    red: int
    amber: int
    green: int
    no_target: int
    no_data: int
    improving: int
    worsening: int
    total: int


def count_statuses(assessments: list[Assessment]) -> StatusCounts:
    rags = Counter(a.rag for a in assessments)
    return StatusCounts(
        red=rags[Rag.RED], amber=rags[Rag.AMBER], green=rags[Rag.GREEN], no_target=rags[Rag.NO_TARGET],
        no_data=rags[Rag.NO_DATA], improving=sum(1 for a in assessments if a.direction and a.direction.improving),
        worsening=sum(1 for a in assessments if a.direction and a.direction.worsening), total=len(assessments))
