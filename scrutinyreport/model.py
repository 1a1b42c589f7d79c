"""The typed pack data: what loading produces and what analysis, figures and documents consume."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from .errors import Problem

if TYPE_CHECKING:
    import pandas

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


class Unit(StrEnum):
    """How an indicator's values are measured (and so printed)."""

    PERCENT = "percent"
    COUNT = "count"
    RATE_PER_100K = "rate_per_100k"
    CURRENCY = "currency"
    DAYS = "days"
    SCORE = "score"
    RATIO = "ratio"


class Frequency(StrEnum):
    """How often an indicator has a figure: every month, every financial quarter (in the file of the
    quarter's last month), or every financial year (in the March file)."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"


class YearBasis(StrEnum):
    """How an indicator's figure for a financial year is made from its monthly (or quarterly) figures
    (indicators.csv's ``year_basis``; analysis/year_end.py works it out)."""

    RATIO = "ratio"    # the year's numerators summed over its denominators summed (a percentage of a flow)
    SUM = "sum"        # the year's total of a monthly flow
    MEAN = "mean"      # the average month (or quarter)
    END = "end"        # the figure at the year's end: stocks, year-to-date and rolling measures


class Polarity(StrEnum):
    """Which way is better for an indicator."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    NEUTRAL = "neutral"


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month, the unit of reporting."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1900 <= self.year <= 2999:
            raise ValueError(f"not a real month: {self.year:04d}-{self.month:02d}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse 'YYYY-MM'; raise ValueError for anything else, including month 13."""
        match = _PERIOD.match(text.strip())
        if not match:
            raise ValueError(f"not a YYYY-MM month: {text!r}")
        return cls(int(match.group(1)), int(match.group(2)))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def shift(self, months: int) -> Period:
        index = self.year * 12 + (self.month - 1) + months
        return Period(index // 12, index % 12 + 1)

    @property
    def financial_year_start(self) -> int:
        """The calendar year in which this month's financial year (April to March) began."""
        return self.year if self.month >= 4 else self.year - 1

    @property
    def financial_quarter(self) -> int:
        """The financial quarter this month falls in: 1 for April to June ... 4 for January to March."""
        return (self.month - 4) % 12 // 3 + 1

    def months_since(self, earlier: Period) -> int:
        """How many months after ``earlier`` this month is (negative when it is before)."""
        return (self.year - earlier.year) * 12 + self.month - earlier.month


MONTHS_IN = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.ANNUAL: 12}


@dataclass(frozen=True, order=True)
class ReportingPeriod:
    """One of an indicator's own periods, named by its last month."""

    end: Period
    frequency: Frequency

    def __post_init__(self) -> None:
        if not is_period_end(self.frequency, self.end):
            raise ValueError(f"{self.end} does not end a {self.frequency.value} period")

    @property
    def months(self) -> int:
        return MONTHS_IN[self.frequency]

    def shift(self, periods: int) -> ReportingPeriod:
        """The period ``periods`` of this frequency later (earlier when negative)."""
        return ReportingPeriod(self.end.shift(periods * self.months), self.frequency)


def is_period_end(frequency: Frequency, month: Period) -> bool:
    """Whether ``month``'s file holds the figure of a period of this frequency."""
    if frequency is Frequency.QUARTERLY:
        return month.month in (3, 6, 9, 12)
    if frequency is Frequency.ANNUAL:
        return month.month == 3
    return True


def last_complete(frequency: Frequency, month: Period) -> ReportingPeriod:
    """The latest period of this frequency that has ended by the end of ``month``: the period a report for
    ``month`` expects a figure for (September 2026: the month itself, Q2 2026/27, or 2025/26)."""
    end = month
    while not is_period_end(frequency, end):
        end = end.shift(-1)
    return ReportingPeriod(end, frequency)


def periods_between(first: Period, last: Period, frequency: Frequency) -> list[ReportingPeriod]:
    """Every period of this frequency that ends within ``first`` to ``last``, oldest first."""
    if last < first:
        return []
    found: list[ReportingPeriod] = []
    current = last_complete(frequency, last)
    while current.end >= first:
        found.append(current)
        current = current.shift(-1)
    return found[::-1]


DEFAULT_WINDOW_MONTHS = 12   # how far back a late figure may be shown as the latest ("no new data")


@dataclass(frozen=True)
class Figure:
    """A figure with the period it is for."""

    value: float
    period: ReportingPeriod


def latest_available(observations: Mapping[Period, Observation], frequency: Frequency, as_at: Period,
                     window_months: int = DEFAULT_WINDOW_MONTHS) -> Figure | None:
    """An indicator's figure (from its observations by month) for the latest of its periods ended by
    ``as_at``, or the latest earlier one ending no more than ``window_months`` before that period's end;
    None when there is none (DESIGN 4, "Latest available"). Validation uses it to say what the dashboard
    will show; the analysis, to choose the figure it shows."""
    expected = last_complete(frequency, as_at)
    candidate = expected
    while expected.end.months_since(candidate.end) <= window_months:
        observation = observations.get(candidate.end)
        if observation is not None and observation.value is not None:
            return Figure(observation.value, candidate)
        candidate = candidate.shift(-1)
    return None


def rate_per_100k(count: float, population: float) -> float:
    """A count as a rate per 100,000 of the population it is drawn from."""
    if population <= 0:
        raise ValueError("population must be above zero")
    return count / population * 100_000


@dataclass(frozen=True)
class Tolerance:
    """The amber band: an amount in the indicator's unit, or a share of the target when relative."""

    amount: float
    relative: bool = False

    def band(self, target: float) -> float:
        return abs(target) * self.amount / 100 if self.relative else self.amount


@dataclass(frozen=True)
class Indicator:
    """One row of the indicator catalogue."""

    id: str
    title: str
    theme: str
    unit: Unit
    polarity: Polarity
    target: float | None = None
    tolerance: Tolerance | None = None
    decimals: int = 0
    ascof: str = ""
    cumulative: bool = False
    rolling_months: int | None = None   # each figure covers the latest so many months (a rolling figure)
    population_group: str = ""
    frequency: Frequency = Frequency.MONTHLY
    spc_rebase: tuple[Period, ...] = ()
    spc_rebase_reason: str = ""           # why the process changed on purpose, as the charts say it
    year_basis: YearBasis | None = None     # None: the default, by the unit and the figures' numerators


@dataclass(frozen=True)
class Observation:
    """One indicator's figure for one month, as read from a monthly file."""

    indicator_id: str
    period: Period
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    commentary: str = ""
    line: int | None = field(default=None, compare=False)   # where it was read (a CSV line, a sheet's row)


@dataclass(frozen=True)
class Benchmark:
    """A published comparison for one indicator and year (e.g. ASCOF)."""

    indicator_id: str
    year: str
    council: float | None = None
    england: float | None = None
    region: float | None = None
    comparator: float | None = None
    rank: int | None = None
    rank_of: int | None = None
    council_numerator: float | None = None
    council_denominator: float | None = None
    council_lower: float | None = None     # the council's published 95% interval (a survey score's, say)
    council_upper: float | None = None
    line: int | None = field(default=None, compare=False)   # where it was read in benchmarks.csv


@dataclass(frozen=True)
class Amount:
    """A row of finance.csv (spend by category) or activity.csv (people by client group)."""

    year: str
    category: str
    value: float


DISCLOSURE_DOCUMENTS = ("local_account", "regional_return")   # the committee's own papers always show exact figures
DISCLOSURE_ROUNDINGS = (5, 10)


@dataclass(frozen=True)
class DisclosureSettings:
    """pack.yaml ``disclosure:``: how counts about people are protected in published documents."""

    threshold: int = 5                     # counts from 1 to threshold - 1 are shown as "fewer than 5"
    rounding: int | None = None            # round shown counts to the nearest 5 or 10
    apply_to: tuple[str, ...] = ("local_account",)


@dataclass(frozen=True)
class Forum:
    """pack.yaml ``local_account: forum:``: the group of people who use services and carers that the council
    plans with (co-production), what it is and its priorities."""

    name: str = ""                         # "the Fenmoor Care and Support Forum"
    about: str = ""                        # who is in it and what it does, a sentence or two
    priorities: tuple[str, ...] = ()       # one line each


@dataclass(frozen=True)
class LocalAccountSettings:
    """pack.yaml ``local_account:``: the public Local Account's own words."""

    title: str = ""                        # default: "Adult social care in <area> <year>: our Local Account"
    area: str = ""                         # the place residents know, e.g. "Fenmoor"; default: the council
    introduction: str = "local_account/introduction.md"
    introduction_by: str = ""              # "Jo Rivers, Director of Adult Social Services"
    indicators: tuple[str, ...] = ()       # key measures; default: public_summary's indicators
    meanings: Mapping[str, str] = field(default_factory=dict)   # indicator id -> one plain sentence
    contact: tuple[str, ...] = ()          # how to give your views, one line each
    priorities: tuple[str, ...] = ()       # the director's priorities, one line each
    activity: tuple[str, ...] | None = None   # the year's activity (indicator ids); None: the yearly totals
    care_market: tuple[str, ...] = ()      # indicator ids about the local care market (care homes' ratings)
    care_market_notes: tuple[str, ...] = ()   # lines about providers the catalogue does not count
    forum: Forum = Forum()
    views: tuple[str, ...] = ()            # how the council gathers people's views (surveys, questionnaires)
    aims: Mapping[str, str] = field(default_factory=dict)             # key measure id -> our aim for next year
    target_changes: Mapping[str, str] = field(default_factory=dict)   # key measure id -> why its target changed


@dataclass(frozen=True)
class SpcSettings:
    """pack.yaml ``spc:``: the run lengths of statistical process control's shift and trend rules. The Making
    Data Count tool uses 6 for both; NHSRplotthedots, and this package by default, 7."""

    shift_run: int = 7                     # points in a row on one side of the mean
    trend_run: int = 7                     # points in a row each higher, or each lower, than the one before


@dataclass(frozen=True)
class Author:
    name: str
    role: str = ""
    email: str = ""


@dataclass(frozen=True)
class PackSettings:
    """The meeting's details from pack.yaml."""

    council: str
    committee: str
    meeting_date: dt.date
    report_title: str
    author: Author
    cabinet_member: str = ""
    locale: str = "en_GB"
    population: Mapping[str, float] = field(default_factory=dict)
    period: Period | None = None
    previous_period: Period | None = None
    latest_window_months: int = 12
    narrative: str = "narrative"
    self_assessment: str = "self_assessment.yaml"
    missing_sections: str = "not_applicable"
    recommendations: tuple[str, ...] = ()
    recommendation_lines: tuple[int | None, ...] = ()
    major_policy_item: bool = False
    cabinet_date: dt.date | None = None
    background_documents: tuple[str, ...] = ()
    public_summary_indicators: tuple[str, ...] = ()
    dashboard_charts: str = "exceptions"
    charts: str = "native"                # how Word documents carry charts: native (editable) or picture
    spotlight: tuple[str, ...] = ()
    spotlight_lines: tuple[int | None, ...] = ()
    rag_rule: str = "target"
    disclosure: DisclosureSettings = DisclosureSettings()
    local_account: LocalAccountSettings = LocalAccountSettings()
    spc: SpcSettings = SpcSettings()


@dataclass(frozen=True)
class NarrativeSection:
    """One Markdown file of the committee report, keyed by its file name (e.g. 'background')."""

    key: str
    path: str
    text: str


@dataclass(frozen=True)
class InputFile:
    """A file that was read, for the manifest."""

    path: str
    sha256: str


@dataclass(frozen=True)
class PackData:
    """Everything loaded from an inputs folder, validated and typed."""

    settings: PackSettings
    indicators: tuple[Indicator, ...]
    observations: Mapping[str, Mapping[Period, Observation]]
    periods: tuple[Period, ...]
    period: Period
    previous_period: Period | None = None
    benchmarks: tuple[Benchmark, ...] = ()
    finance: tuple[Amount, ...] = ()
    activity: tuple[Amount, ...] = ()              # people by support need (activity.csv)
    activity_by_age: tuple[Amount, ...] = ()       # people by age group (activity.csv, breakdown age_group)
    income: tuple[Amount, ...] = ()                # money received (finance.csv, kind income)
    local_account_introduction: NarrativeSection | None = None
    narrative: tuple[NarrativeSection, ...] = ()
    self_assessment: SelfAssessment | None = None
    files: tuple[InputFile, ...] = ()
    # what validate prints as warnings (a figure missing in the month, an optional file left out ...)
    warnings: list[Problem] = field(default_factory=list, compare=False, repr=False)

    def indicator(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    def observation(self, indicator_id: str, period: Period) -> Observation | None:
        return self.observations.get(indicator_id, {}).get(period)

    def value(self, indicator_id: str, period: Period) -> float | None:
        observation = self.observation(indicator_id, period)
        return observation.value if observation else None

    def series(self, indicator_id: str, last: int | None = None) -> list[tuple[Period, float | None]]:
        """The indicator's monthly values up to the pack's period, oldest first; gaps are None."""
        periods = [p for p in self.periods if p <= self.period]
        if last is not None:
            periods = periods[-last:]
        return [(p, self.value(indicator_id, p)) for p in periods]

    @property
    def themes(self) -> list[str]:
        """Themes in order of first appearance in the catalogue."""
        return list(dict.fromkeys(indicator.theme for indicator in self.indicators))

    def observations_frame(self) -> pandas.DataFrame:
        """The observations as a pandas DataFrame in long format: indicator, period (monthly pandas Period),
        value, numerator, denominator (floats, NaN where there is none) and commentary; one row per indicator
        and month, in catalogue order then by month."""
        import pandas as pd

        rows = [(o.indicator_id, str(o.period), o.value, o.numerator, o.denominator, o.commentary)
                for indicator in self.indicators
                for _, o in sorted(self.observations.get(indicator.id, {}).items())]
        frame = pd.DataFrame(rows, columns=list(OBSERVATION_COLUMNS))
        frame["period"] = pd.PeriodIndex(frame["period"], freq="M")
        for column in ("value", "numerator", "denominator"):
            frame[column] = frame[column].astype("float64")
        return frame


OBSERVATION_COLUMNS = ("indicator", "period", "value", "numerator", "denominator", "commentary")


@dataclass(frozen=True)
class QualityStatement:
    """One CQC quality statement as the council assesses itself against it."""

    id: str
    name: str
    theme: str
    score: int
    i_statements: tuple[str, ...] = ()
    commitment: str = ""
    strengths: tuple[str, ...] = ()
    areas_for_development: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class AdassSummary:
    """The ADASS sector-led improvement lists of the regional self-assessment return."""

    risks_and_challenges: tuple[str, ...] = ()
    innovations_and_achievements: tuple[str, ...] = ()
    proud_of: tuple[str, ...] = ()
    working_to_improve: tuple[str, ...] = ()
    next_steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class SelfAssessment:
    """The self-assessment: quality statements in theme order, and the ADASS lists."""

    submitted: dt.date | None
    statements: tuple[QualityStatement, ...]
    adass: AdassSummary = AdassSummary()

    @property
    def themes(self) -> list[str]:
        return list(dict.fromkeys(statement.theme for statement in self.statements))
