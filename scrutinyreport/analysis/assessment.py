"""Each indicator assessed for the reporting period: its latest available figure, the figure it is compared
with, RAG and direction of travel (DESIGN section 4).

- **Latest available**: the figure for the period the report expects (the month itself; the latest quarter
  or financial year that has ended), or else the latest earlier one within the window, marked as no new data.
- **Compared with**: a monthly indicator's figure as the committee saw it at its previous report (a
  non-adjacent month when the committee meets every few months); a quarterly or annual indicator's own
  previous quarter or year; a year-to-date indicator's same month a year earlier (year-to-date totals only
  grow within a year).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from ..model import (
    Figure,
    Frequency,
    Indicator,
    PackData,
    Period,
    ReportingPeriod,
    last_complete,
    latest_available,
)
from .change import difference, monthly_from_year_to_date
from .direction import Direction, direction_of_travel
from .rag import RAG_RULES, Rag, RagRule, target_rag


class Basis(StrEnum):
    """What the latest figure is compared with, in words that can follow 'compared with'."""

    PREVIOUS_REPORT = "the previous report"
    PREVIOUS_MONTH = "the month before"
    PREVIOUS_QUARTER = "the previous quarter"
    PREVIOUS_YEAR = "the previous year"
    SAME_MONTH_LAST_YEAR = "the same month last year"


@dataclass(frozen=True)
class Assessment:
    """What the dashboard says about one indicator (values still numbers)."""

    indicator: Indicator
    expected: ReportingPeriod          # the period the report wants a figure for
    latest_figure: Figure | None
    previous_figure: Figure | None
    year_ago_figure: Figure | None
    basis: Basis
    rag: Rag
    direction: Direction | None
    month_only: float | None           # a year-to-date indicator's latest month on its own
    commentary: str

    @property
    def latest(self) -> float | None:
        return self.latest_figure.value if self.latest_figure else None

    @property
    def previous(self) -> float | None:
        return self.previous_figure.value if self.previous_figure else None

    @property
    def year_ago(self) -> float | None:
        return self.year_ago_figure.value if self.year_ago_figure else None

    @property
    def latest_period(self) -> ReportingPeriod:
        """The latest figure's period; the expected period when there is no figure."""
        return self.latest_figure.period if self.latest_figure else self.expected

    @property
    def period(self) -> Period:
        """The month whose file holds the latest figure (or would have held it)."""
        return self.latest_period.end

    @property
    def no_new_data(self) -> bool:
        """The latest figure is for an earlier period than the report expects."""
        return self.latest_figure is not None and self.latest_figure.period < self.expected

    @property
    def change_on_previous(self) -> float | None:
        return difference(self.latest, self.previous, self.indicator.decimals)

    @property
    def change_on_year(self) -> float | None:
        return difference(self.latest, self.year_ago, self.indicator.decimals)


def figure_at(pack: PackData, indicator: Indicator, period: ReportingPeriod) -> Figure | None:
    value = pack.value(indicator.id, period.end)
    return None if value is None else Figure(value, period)


def _latest(pack: PackData, indicator: Indicator, as_at: Period, window: int) -> Figure | None:
    return latest_available(pack.observations.get(indicator.id, {}), indicator.frequency, as_at, window)


def _compared(pack: PackData, indicator: Indicator, latest: Figure, window: int) -> tuple[Figure | None, Basis]:
    if indicator.cumulative:
        same_month = ReportingPeriod(latest.period.end.shift(-12), latest.period.frequency)
        return figure_at(pack, indicator, same_month), Basis.SAME_MONTH_LAST_YEAR
    before = latest.period.end.shift(-1)
    if indicator.frequency is Frequency.QUARTERLY:
        return _latest(pack, indicator, before, window), Basis.PREVIOUS_QUARTER
    if indicator.frequency is Frequency.ANNUAL:
        return _latest(pack, indicator, before, window), Basis.PREVIOUS_YEAR
    if pack.previous_period is not None:
        seen = _latest(pack, indicator, pack.previous_period, window)
        if seen is not None and seen.period < latest.period:
            return seen, Basis.PREVIOUS_REPORT
    # no new figure since the previous report: the latest figure against the one before it
    return _latest(pack, indicator, before, window), Basis.PREVIOUS_MONTH


def _month_only(pack: PackData, indicator: Indicator, latest: Figure | None) -> float | None:
    if latest is None:
        return None
    end = latest.period.end
    return monthly_from_year_to_date(indicator, {p: pack.value(indicator.id, p) for p in (end, end.shift(-1))}, end)


def assess(pack: PackData, indicator: Indicator, rule: RagRule | None = None) -> Assessment:
    """The indicator's assessment for the pack's reporting period."""
    rule = rule or RAG_RULES.get(pack.settings.rag_rule, target_rag)
    window = pack.settings.latest_window_months
    expected = last_complete(indicator.frequency, pack.period)
    latest = _latest(pack, indicator, pack.period, window)
    previous, basis = _compared(pack, indicator, latest, window) if latest else (None, Basis.PREVIOUS_REPORT)
    year_ago = figure_at(pack, indicator, ReportingPeriod(latest.period.end.shift(-12), latest.period.frequency)) \
        if latest else None
    direction = direction_of_travel(indicator, latest.value if latest else None, previous.value if previous else None)
    observation = pack.observation(indicator.id, latest.period.end) if latest else None
    return Assessment(
        indicator=indicator, expected=expected, latest_figure=latest, previous_figure=previous,
        year_ago_figure=year_ago, basis=basis,
        rag=rule(indicator, latest.value if latest else None, direction.improving if direction else None),
        direction=direction, month_only=_month_only(pack, indicator, latest),
        commentary=observation.commentary if observation else "")


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
