"""The year's position: each indicator's figure for a financial year (April to March), made by the measure's
nature (indicators.csv's ``year_basis``), against the year before, judged by the same RAG and direction
rules as the dashboard. The Local Account's "this year" and "last year" and ``summary --year`` read it;
March never stands in for a year whose months were counted.

The bases:

- ``ratio``: the year's numerators summed over its denominators summed, scaled as the unit is (x100 for a
  percentage, x100,000 for a rate): 41 of 47 in March and 531 of 554 over the year is 95.8%, not March's
  87.2%. The default for a percentage whose figures come with numerators and denominators.
- ``sum``: the year's total of a monthly (or quarterly) flow. Its target is the catalogue's target, which is
  a month's (or a quarter's), times the periods in a year, and so is an absolute amber tolerance.
- ``mean``: the average month (or quarter), judged against the target as it stands.
- ``end``: the figure at the year's end (March's, Q4's): stocks (people waiting at the end of the year),
  year-to-date measures (March's figure is the year's total) and rolling ones. The default for everything
  else; a year-to-date measure always takes it.
- Annual measures (one figure a year, in the March file) are their own year, whatever the basis.

A year with missing figures (a month marked "n/a", or a year still under way at the pack's period):

- ``ratio`` and ``mean`` are worked out over the periods that have figures (for a ratio, both numerator and
  denominator), marked partial, and their words say how many: "April 2025 to March 2026 (11 of 12 months)".
- ``sum`` gives no figure: a total of fewer months is not the year's total, and would read as a fall.
- ``end`` takes the year's latest figure ("at the end of February 2026"), marked partial when it is not the
  year's last period.

A year the monthly files cover only in part (or not at all) whose figure the council has published
(benchmarks.csv's ``council`` column, an ASCOF return's say) takes the published figure: one measure and
year has one figure in the pack, and the Local Account would otherwise print a part-year figure beside the
published one in its comparison with other councils. A whole year the files cover is kept, and the input
check warns where it disagrees with the published figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..formatting import format_financial_year, format_month
from ..model import Benchmark, Frequency, Indicator, Observation, PackData, Period, Tolerance, Unit, YearBasis
from .direction import Direction, direction_of_travel
from .rag import RAG_RULES, Rag, RagRule, target_rag

SCALE = {Unit.PERCENT: 100.0, Unit.RATE_PER_100K: 100_000.0}
PERIODS_IN_YEAR = {Frequency.MONTHLY: 12, Frequency.QUARTERLY: 4, Frequency.ANNUAL: 1}
_NOUN = {Frequency.MONTHLY: ("month", "months"), Frequency.QUARTERLY: ("quarter", "quarters"),
         Frequency.ANNUAL: ("year", "years")}


def resolved_basis(indicator: Indicator, observations: Mapping[Period, Observation]) -> YearBasis:
    """The basis an indicator's years are made on: END for annual, year-to-date and rolling measures; the
    catalogue's where it gives one; else RATIO for a percentage any of whose figures has a numerator and a
    denominator, END otherwise. One basis for every year of an indicator, so that two years always compare like with
    like."""
    if indicator.frequency is Frequency.ANNUAL or indicator.cumulative or indicator.rolling_months:
        return YearBasis.END
    if indicator.year_basis is not None:
        return indicator.year_basis
    if indicator.unit is Unit.PERCENT and any(
            o.numerator is not None and o.denominator is not None for o in observations.values()):
        return YearBasis.RATIO
    return YearBasis.END


def year_periods(frequency: Frequency, start: int) -> list[Period]:
    """The months whose files hold the financial year's figures (all twelve; the quarters' last months;
    March), oldest first."""
    april = Period(start, 4)
    step = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.ANNUAL: 12}[frequency]
    return [april.shift(k + step - 1) for k in range(0, 12, step)]


def _first_month(frequency: Frequency, end: Period) -> Period:
    """The first month of the period (month, quarter, year) that ends in ``end``."""
    return end.shift(-{Frequency.MONTHLY: 0, Frequency.QUARTERLY: 2, Frequency.ANNUAL: 11}[frequency])


@dataclass(frozen=True)
class YearFigure:
    """One indicator's figure for one financial year, with what it was made from."""

    start: int                       # the calendar year the financial year starts in: 2025 for 2025/26
    basis: YearBasis
    frequency: Frequency
    cumulative: bool
    value: float | None
    counted: tuple[Period, ...]      # the periods (by their last month) whose figures it was made from
    available: int                   # the year's periods up to the pack's period (12 for a finished year)
    numerator: float | None = None   # a ratio's summed numerator and denominator; an end figure's own
    denominator: float | None = None
    published: bool = False          # the council's published figure for the year, not one made from its months

    @property
    def year(self) -> str:
        """'2025/26'."""
        return format_financial_year(self.start)

    @property
    def periods_in_year(self) -> int:
        return PERIODS_IN_YEAR[self.frequency]

    @property
    def year_end(self) -> Period:
        return Period(self.start + 1, 3)

    @property
    def partial(self) -> bool:
        """Not the whole year: periods without a figure, a year still under way, or (for an end figure) a
        figure from before the year's last period."""
        if self.published:
            return False
        if self.basis is YearBasis.END:
            return not self.counted or self.counted[-1] != self.year_end
        return len(self.counted) < self.periods_in_year

    def words(self, locale: str) -> str:
        """What the figure is, in plain words a resident can read beside it: 'April 2025 to March 2026',
        'the average month, April 2025 to March 2026 (11 of 12 months)', 'at the end of March 2026', 'the
        year 2025/26'; or why there is none."""
        singular, plural = _NOUN[self.frequency]
        if self.published:
            return f"the year {self.year}, as published"
        if self.frequency is Frequency.ANNUAL:
            return f"the year {self.year}" if self.value is not None else f"no figure for {self.year}"
        if not self.counted:
            return f"no figure for {self.year}"
        first = format_month(_first_month(self.frequency, self.counted[0]), locale)
        last = format_month(self.counted[-1], locale)
        span = first if first == last else f"{first} to {last}"
        share = f" ({len(self.counted)} of {self.periods_in_year} {plural})" if self.partial else ""
        if self.basis is YearBasis.END:
            if self.cumulative:   # a year-to-date figure counts every month since April
                april = format_month(Period(self.start, 4), locale)
                return april if april == last else f"{april} to {last}"
            return f"at the end of {last}"
        if self.basis is YearBasis.SUM:
            if self.value is None:
                return (f"no total for {self.year}: {len(self.counted)} of {self.periods_in_year} {plural} "
                        "have figures")
            return f"the total for {span}"
        if self.basis is YearBasis.MEAN:
            return f"the average {singular}, {span}{share}"
        return f"{span}{share}"


def year_figure(indicator: Indicator, observations: Mapping[Period, Observation], start: int,
                through: Period | None = None, basis: YearBasis | None = None) -> YearFigure:
    """The indicator's figure for the financial year starting in April of ``start``, from its observations by
    month, counting no month after ``through`` (the pack's period). ``basis`` defaults to the indicator's
    resolved one (see the module's notes for a year with missing figures)."""
    basis = basis or resolved_basis(indicator, observations)
    frequency = indicator.frequency
    periods = [p for p in year_periods(frequency, start) if through is None or p <= through]
    figures = [(p, o) for p in periods if (o := observations.get(p)) is not None and o.value is not None]

    def made(value: float | None, counted: list[Period], numerator: float | None = None,
             denominator: float | None = None) -> YearFigure:
        return YearFigure(start, basis, frequency, indicator.cumulative, value, tuple(counted), len(periods),
                          numerator, denominator)

    if frequency is Frequency.ANNUAL or basis is YearBasis.END:
        if not figures:
            return made(None, [])
        period, observation = figures[-1]
        assert observation.value is not None
        return made(observation.value, [period], observation.numerator, observation.denominator)
    if basis is YearBasis.RATIO:
        counts = [(p, o) for p, o in figures if o.numerator is not None and o.denominator is not None]
        numerator = sum(o.numerator for _, o in counts if o.numerator is not None)
        denominator = sum(o.denominator for _, o in counts if o.denominator is not None)
        if not counts or denominator <= 0:
            return made(None, [p for p, _ in counts])
        return made(numerator / denominator * SCALE.get(indicator.unit, 1.0), [p for p, _ in counts],
                    numerator, denominator)
    values = [o.value for _, o in figures if o.value is not None]
    counted = [p for p, _ in figures]
    if basis is YearBasis.SUM:
        complete = len(counted) == PERIODS_IN_YEAR[frequency]
        return made(sum(values) if complete else None, counted)
    return made(sum(values) / len(values) if values else None, counted)


def year_target(indicator: Indicator, basis: YearBasis) -> Indicator:
    """The indicator as its year is judged: a sum's target (and absolute amber tolerance) is a month's or a
    quarter's, so it is multiplied by the periods in a year; every other basis keeps its own."""
    if basis is not YearBasis.SUM or indicator.frequency is Frequency.ANNUAL or indicator.target is None:
        return indicator
    times = PERIODS_IN_YEAR[indicator.frequency]
    tolerance = indicator.tolerance
    if tolerance is not None and not tolerance.relative:
        tolerance = Tolerance(tolerance.amount * times)
    return replace(indicator, target=indicator.target * times, tolerance=tolerance)


@dataclass(frozen=True)
class YearEnd:
    """One indicator's year against the year before, judged as the dashboard judges a month."""

    indicator: Indicator
    end: Period                    # the year's last month counted: its March, or the pack's period if earlier
    this: YearFigure
    last: YearFigure
    target: float | None           # what the year's figure is judged against (a sum's: a year's worth)
    rag: Rag                       # this year's figure against that target
    direction: Direction | None    # this year against last year (none without both figures)

    @property
    def this_year(self) -> float | None:
        return self.this.value

    @property
    def last_year(self) -> float | None:
        return self.last.value

    @property
    def basis(self) -> YearBasis:
        return self.this.basis

    @property
    def year(self) -> str:
        return self.this.year

    def words(self, locale: str) -> str:
        """What 'this year' means for this measure: 'April 2025 to March 2026', 'at the end of March 2026'."""
        return self.this.words(locale)


def with_published(figure: YearFigure, published: Benchmark | None) -> YearFigure:
    """The year's figure, or the council's published one where the months give only part of the year (or
    none of it) and one was published."""
    if published is None or published.council is None or not (figure.partial or figure.value is None):
        return figure
    counted = tuple(year_periods(figure.frequency, figure.start))
    return replace(figure, value=published.council, counted=counted, available=len(counted),
                   numerator=published.council_numerator, denominator=published.council_denominator,
                   published=True)


def year_position(indicator: Indicator, observations: Mapping[Period, Observation], start: int,
                  through: Period | None = None, rule: RagRule = target_rag,
                  published: Mapping[str, Benchmark] | None = None) -> YearEnd:
    """The indicator's financial year starting in ``start`` against the year before, on one basis;
    ``published``: the council's published figures for the indicator, by year ('2024/25')."""
    basis = resolved_basis(indicator, observations)
    found = published or {}
    this = year_figure(indicator, observations, start, through, basis)
    this = with_published(this, found.get(this.year))
    last = year_figure(indicator, observations, start - 1, through, basis)
    last = with_published(last, found.get(last.year))
    judged = year_target(indicator, basis)
    direction = direction_of_travel(indicator, this.value, last.value)
    end = Period(start + 1, 3) if through is None else min(Period(start + 1, 3), through)
    return YearEnd(indicator, end, this, last, judged.target,
                   rule(judged, this.value, direction.improving if direction else None), direction)


def financial_year_start(year: str | Period | int) -> int:
    """The calendar year a financial year starts in, from '2025/26' (or '2025-26'), a month of it, or 2025."""
    if isinstance(year, Period):
        return year.financial_year_start
    if isinstance(year, int):
        return year
    text = year.strip().replace("-", "/")
    head, _, tail = text.partition("/")
    if not head.isdigit() or len(head) != 4 or (tail and (not tail.isdigit() or len(tail) != 2
                                                          or int(tail) != (int(head) + 1) % 100)):
        raise ValueError(f"not a financial year such as 2025/26: {year!r}")
    return int(head)


def year_end_measures(pack: PackData, year: str | Period | int) -> dict[str, YearEnd]:
    """Every indicator's year (a financial year as '2025/26', its start, or a month of it, counted no
    further than the pack's period) against the year before, by id, judged by the pack's RAG rule."""
    start = financial_year_start(year)
    through = pack.period if not isinstance(year, Period) else min(year, pack.period)
    rule = RAG_RULES.get(pack.settings.rag_rule, target_rag)
    published: dict[str, dict[str, Benchmark]] = {}
    for benchmark in pack.benchmarks:
        if benchmark.council is not None:
            published.setdefault(benchmark.indicator_id, {})[benchmark.year] = benchmark
    return {indicator.id: year_position(indicator, pack.observations.get(indicator.id, {}), start, through, rule,
                                        published.get(indicator.id))
            for indicator in pack.indicators}
