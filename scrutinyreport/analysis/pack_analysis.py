"""The analysis stage: every result the pack prints, worked out once from the pack data.

``analyse(pack)`` returns one frozen ``Analysis``; figures, documents, the summary, live figures and the
regional return read it and compute nothing of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import Problem
from ..model import Benchmark, Indicator, PackData, Period
from .assessment import Assessment, StatusCounts, assess, count_statuses
from .benchmarks import Comparison, EnglandComparison, compare_with_england
from .exceptions import Reason, exception_reasons
from .self_assessment import IndicativeRating, indicative_rating
from .series import Series, SpcView, own_series, spc_view
from .spc import Assurance, SpcResult, SpcRules, Variation
from .year_end import YearEnd, year_end_measures


@dataclass(frozen=True)
class IndicatorAnalysis:
    """One indicator: its assessment, the series its charts show, SPC, and its comparison with England."""

    assessment: Assessment
    trend: Series
    spc: SpcView | None
    benchmark: Benchmark | None
    england: EnglandComparison | None
    exception: tuple[Reason, ...] = ()     # why the committee should see it charted; empty when it need not

    @property
    def indicator(self) -> Indicator:
        return self.assessment.indicator

    @property
    def spc_result(self) -> SpcResult | None:
        return self.spc.result if self.spc else None

    @property
    def judged(self) -> bool:
        """SPC speaks of the latest figure: there are enough points (in the latest stage too, after a rebase)
        and the latest figure is one of them."""
        result = self.spc_result
        if result is None or result.trial or self.assessment.latest_figure is None or self.spc is None:
            return False
        latest = self.assessment.latest_figure.period.end
        points = [p for (p, _), v in zip(self.spc.series, result.values) if v is not None]
        return bool(points) and points[-1] == latest

    @property
    def worse_than_england(self) -> bool:
        """The latest published comparison says the council does worse than England (beyond chance)."""
        return self.england is not None and self.england.comparison is Comparison.WORSE

    @property
    def variation(self) -> Variation | None:
        result = self.spc_result
        return result.variation if self.judged and result else None

    @property
    def assurance(self) -> Assurance | None:
        result = self.spc_result
        return result.assurance if self.judged and result else None


@dataclass(frozen=True)
class Analysis:
    """Everything worked out for one pack, in catalogue order."""

    pack: PackData
    indicators: tuple[IndicatorAnalysis, ...]
    counts: StatusCounts
    rating: IndicativeRating | None
    _by_id: Mapping[str, IndicatorAnalysis] = field(repr=False, compare=False, default_factory=dict)
    # the pack data's warnings (what validate prints as warnings), so a notebook that holds the analysis has them
    warnings: list[Problem] = field(default_factory=list, compare=False, repr=False)

    @property
    def period(self) -> Period:
        return self.pack.period

    @property
    def previous_period(self) -> Period | None:
        return self.pack.previous_period

    @property
    def assessments(self) -> list[Assessment]:
        return [item.assessment for item in self.indicators]

    def indicator(self, indicator_id: str) -> IndicatorAnalysis:
        return self._by_id[indicator_id]

    @property
    def exceptions(self) -> list[IndicatorAnalysis]:
        """The indicators the committee should see charted, in catalogue order."""
        return [item for item in self.indicators if item.exception]

    @property
    def charted(self) -> list[IndicatorAnalysis]:
        """The indicators whose chart the dashboard shows, by pack.yaml's ``dashboard_charts``: the exceptions
        (the default), every indicator with a figure (``all``: the exceptions, then an annex of every chart),
        or none."""
        mode = self.pack.settings.dashboard_charts
        if mode == "none":
            return []
        if mode == "all":
            return [item for item in self.indicators if any(v is not None for _, v in item.trend)]
        return self.exceptions

    @property
    def compared_charted(self) -> list[IndicatorAnalysis]:
        """The indicators whose comparison with England the dashboard charts: those where the council does
        worse than England (the rest are in the comparisons table only); none under ``dashboard_charts:
        none``."""
        if self.pack.settings.dashboard_charts == "none":
            return []
        return [item for item in self.indicators if item.worse_than_england]

    def at_year_end(self, year: str | Period | int) -> dict[str, YearEnd]:
        """Every indicator's financial year against the year before, by id: the Local Account's 'this year'
        and 'last year' and ``summary --year``. ``year`` is '2025/26', the year it starts in, or a month of
        it (its months are counted up to that month, and never past the pack's period). Each year's figure
        is made by the measure's ``year_basis`` (see analysis/year_end.py), with RAG against the year's
        target and direction against last year by the dashboard's rules, and ``YearEnd.words(locale)`` says what
        the figure is ('April 2025 to March 2026', 'at the end of March 2026')."""
        return year_end_measures(self.pack, year)

    def to_frame(self) -> Any:
        """One row per indicator as a pandas DataFrame (see analysis/frame.py for the columns)."""
        from .frame import analysis_frame
        return analysis_frame(self)

    def by_theme(self) -> dict[str, list[IndicatorAnalysis]]:
        """Indicators grouped by theme, themes in order of first appearance."""
        groups: dict[str, list[IndicatorAnalysis]] = {}
        for item in self.indicators:
            groups.setdefault(item.indicator.theme, []).append(item)
        return groups


def chosen_benchmark(pack: PackData, indicator: Indicator) -> Benchmark | None:
    """The indicator's most recent published comparison (by year)."""
    found = sorted((b for b in pack.benchmarks if b.indicator_id == indicator.id), key=lambda b: b.year)
    return found[-1] if found else None


def spc_rules(pack: PackData) -> SpcRules:
    """The special-cause rules' run lengths from pack.yaml's ``spc:`` (7 and 7 by default)."""
    settings = pack.settings.spc
    return SpcRules(shift_run=settings.shift_run, trend_run=settings.trend_run)


def analyse_indicator(pack: PackData, indicator: Indicator) -> IndicatorAnalysis:
    assessment = assess(pack, indicator)
    trend = own_series(pack, indicator, pack.period)
    benchmark = chosen_benchmark(pack, indicator)
    population = pack.settings.population.get(indicator.population_group) if indicator.population_group else None
    item = IndicatorAnalysis(
        assessment=assessment, trend=trend, spc=spc_view(indicator, trend, spc_rules(pack)), benchmark=benchmark,
        england=compare_with_england(indicator, benchmark, population) if benchmark else None)
    return replace(item, exception=exception_reasons(assessment, item.variation,
                                                     frozenset(pack.settings.spotlight)))


def analyse(pack: PackData) -> Analysis:
    """The pack analysed: computed once, read by everything downstream."""
    items = tuple(analyse_indicator(pack, indicator) for indicator in pack.indicators)
    statements = pack.self_assessment.statements if pack.self_assessment else ()
    return Analysis(pack=pack, indicators=items, counts=count_statuses([i.assessment for i in items]),
                    rating=indicative_rating(statements) if statements else None,
                    _by_id={item.indicator.id: item for item in items}, warnings=list(pack.warnings))
