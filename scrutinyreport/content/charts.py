"""Chart specs: what each chart shows, built once from the analysis, drawn by any renderer.

A spec is plain frozen data: the series with their periods, the SPC stages and limits, each point's meaning
(common cause, special cause improvement or concern), the target, the value axis's range and unit, the
title and subtitle, and the alt text and longer description, with every number already printed as text
by the pack's printer. Renderers decide only how a chart looks: ``figures/`` draws a spec as a PNG today
(matplotlib), and can draw the same spec as a native Word chart or as SVG, with the same words.

The rules for what a chart holds live here too: a year-to-date indicator's line breaks each April; the value
axis shows every value and the target, never dipping below zero for data that cannot; a chart with too few
points for process limits says so in its subtitle.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..analysis import IndicatorAnalysis
from ..analysis.spc import LOCKED_POINTS, Assurance, SignalKind, SpcResult, SpcRules, Variation
from ..formatting import Printer
from ..model import Amount, Benchmark, Frequency, Indicator, Period, Polarity, Unit
from .alt_text import (
    amount_text,
    amounts_by_year,
    breakdown_text,
    comparison_text,
    icon_text,
    latest_point,
    self_assessment_text,
    spc_text,
    trend_text,
    unit_phrase,
)
from .figure_names import IndicatorFigure, indicator_figure, main_chart, safe_name

PORTRAIT_WIDTH_CM = 16.0     # a chart across a portrait page's text
PAIR_WIDTH_CM = 12.2         # one of two charts side by side on a landscape page
PAIR_HEIGHT_CM = 6.0
LINE_HEIGHT_CM = 8.5         # a line chart's height unless its text needs more
ICON_SIZE_CM = 1.0


class Meaning(StrEnum):
    """What a point means, so that every renderer colours, shapes and names it alike."""

    COMMON = "common_cause"
    IMPROVEMENT = "improvement"
    CONCERN = "concern"
    NEITHER = "neither"

    @property
    def legend(self) -> str:
        return _LEGEND[self]


_LEGEND = {
    Meaning.COMMON: "Common cause",
    Meaning.IMPROVEMENT: "Special cause: improvement",
    Meaning.CONCERN: "Special cause: concern",
    Meaning.NEITHER: "Special cause (neither better nor worse)",
}
NOT_JUDGED = "Monthly value (not yet judged)"   # the legend of points on a chart with too few for limits
_MEANING = {SignalKind.COMMON: Meaning.COMMON, SignalKind.IMPROVEMENT: Meaning.IMPROVEMENT,
            SignalKind.CONCERN: Meaning.CONCERN, SignalKind.NEITHER: Meaning.NEITHER}


@dataclass(frozen=True)
class Stage:
    """One stage of an SPC chart (the whole series, or the part between two deliberate changes): positions
    ``start`` to ``stop`` (one past the last), its mean and process limits (kept within what the measure
    can be) and the three as printed."""

    start: int
    stop: int
    mean: float
    upper: float
    lower: float
    mean_text: str
    upper_text: str
    lower_text: str


@dataclass(frozen=True)
class LineChart:
    """An indicator's series: a trend chart (the line and its target) or, with ``stages``, an SPC chart
    (points by meaning, mean and process limits for each stage, the target)."""

    name: str
    title: str
    subtitle: str
    alt_text: str
    description: str
    unit: Unit
    decimals: int
    frequency: Frequency
    printer: Printer
    periods: tuple[Period, ...]
    values: tuple[float | None, ...]
    texts: tuple[str, ...]                    # each value as printed ('' where there is none)
    meanings: tuple[Meaning, ...]             # each point's meaning (COMMON where not judged)
    spc: bool                                 # an SPC chart (judged or not) rather than a trend chart
    stages: tuple[Stage, ...]                 # empty for a trend chart, or too few points for limits
    target: float | None
    target_text: str
    restarts: tuple[int, ...]                 # positions where a year-to-date line starts again (April)
    value_range: tuple[float, float] | None   # None: no value to show
    latest: int | None                        # the position of the latest point with a value
    width_cm: float
    height_cm: float

    @property
    def rebased(self) -> bool:
        return len(self.stages) > 1

    def point_label(self, index: int) -> str:
        """A point's period as an axis names it: 'Sept 2026', 'Q2 2026/27', '2025/26'."""
        from ..model import ReportingPeriod  # periods are months, quarters or years ending in that month

        if self.frequency is Frequency.MONTHLY:
            return self.printer.short_month(self.periods[index])
        return self.printer.reporting_period(ReportingPeriod(self.periods[index], self.frequency))


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: a value for each series (None where there is no bar, ``texts`` saying why),
    each as printed; ``highlight`` for the council's own bar; ``heading`` for a row that only names a group
    (a theme of the self-assessment)."""

    label: str
    values: tuple[float | None, ...]
    texts: tuple[str, ...]
    highlight: bool = False
    heading: bool = False


@dataclass(frozen=True)
class Reference:
    """A line across the bars (the region's median) and its label."""

    value: float
    label: str


class BarKind(StrEnum):
    COMPARISON = "comparison"     # the council against England, its region and its comparators
    BREAKDOWN = "breakdown"       # money or people by category, two years side by side
    SCORES = "scores"             # self-assessment scores (1 to 4) by quality statement, grouped by theme
    MEASURE = "measure"           # one measure across the councils of a region


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, top to bottom as given."""

    name: str
    kind: BarKind
    title: str
    subtitle: str
    alt_text: str
    description: str
    series: tuple[str, ...]                   # one name per series ('2024/25', '2025/26'); ('',) for one
    bars: tuple[Bar, ...]
    unit: Unit | None                         # None: money or people (see the subtitle)
    decimals: int
    printer: Printer
    reference: Reference | None = None
    scale: tuple[tuple[int, str], ...] = ()   # named points of the value axis (a score's words)
    width_cm: float = PORTRAIT_WIDTH_CM


class IconKind(StrEnum):
    VARIATION = "variation"
    ASSURANCE = "assurance"


@dataclass(frozen=True)
class Icon:
    """An SPC icon of the dashboard: variation (the latest point's meaning, high or low) or assurance (the
    target met, missed, or hit and miss)."""

    name: str
    kind: IconKind
    state: str                 # Variation or Assurance value
    meaning: Meaning           # variation: the point's meaning
    high: bool | None          # variation: special cause high or low; None for common cause
    alt_text: str
    description: str
    size_cm: float = ICON_SIZE_CM


Chart = LineChart | BarChart
Figure = LineChart | BarChart | Icon


def width_of(figure: Figure) -> float:
    """The width a figure is drawn at, in cm."""
    return figure.size_cm if isinstance(figure, Icon) else figure.width_cm


# ------------------------------------------------------------------------------------------------ line charts

def padded_limits(values: Sequence[float], unit: Unit, pad: float = 0.12) -> tuple[float, float]:
    """A value range that shows every value with some room, not dipping below zero for data that cannot."""
    low, high = min(values), max(values)
    span = high - low
    if span == 0:
        span = abs(high) * 0.1 or 1.0
    bottom, top = low - span * pad, high + span * pad * 1.6
    if low >= 0 > bottom:
        bottom = 0.0
    if unit is Unit.PERCENT and high <= 100 < top:
        top = max(100.0, high + span * 0.05)
    return bottom, top


def frequency_word(indicator: Indicator) -> str:
    return {Frequency.QUARTERLY: "quarterly", Frequency.ANNUAL: "yearly"}.get(indicator.frequency, "monthly")


def subtitle_for(indicator: Indicator, periods: Sequence[Period], printer: Printer, extra: str = "") -> str:
    """'Monthly, Oct 2023 to Sept 2026. Percentage. Higher is better.' (and ``extra``)."""
    from ..model import ReportingPeriod

    parts = []
    if periods:
        if indicator.frequency is Frequency.MONTHLY:
            first, last = printer.short_month(periods[0]), printer.short_month(periods[-1])
        else:
            first = printer.reporting_period(ReportingPeriod(periods[0], indicator.frequency))
            last = printer.reporting_period(ReportingPeriod(periods[-1], indicator.frequency))
        kind = "Year-to-date totals, restarting each April" if indicator.cumulative else \
            frequency_word(indicator).capitalize()
        parts.append(f"{kind}, {first} to {last}" if first != last else f"{kind}, {last}")
    parts.append(unit_phrase(indicator.unit))
    if indicator.polarity is Polarity.HIGHER_IS_BETTER:
        parts.append("higher is better")
    elif indicator.polarity is Polarity.LOWER_IS_BETTER:
        parts.append("lower is better")
    if extra:
        parts.append(extra)
    return ". ".join(p[0].upper() + p[1:] for p in parts if p) + "."


def gap_inside(values: Sequence[float | None]) -> bool:
    """True when a missing point sits between points with data (a visible gap in the line)."""
    seen = [v is not None for v in values]
    if True not in seen:
        return False
    first, last = seen.index(True), len(seen) - 1 - seen[::-1].index(True)
    return not all(seen[first:last + 1])


def year_restarts(indicator: Indicator, periods: Sequence[Period]) -> tuple[int, ...]:
    """For a year-to-date indicator, the positions of each April after the first point (the total restarts)."""
    if not indicator.cumulative:
        return ()
    return tuple(i for i, period in enumerate(periods) if i and period.month == 4)


def _finite(values: Sequence[float | None]) -> list[float]:
    return [float(v) for v in values if v is not None and not math.isnan(v)]


def trend_chart(indicator: Indicator, series: Sequence[tuple[Period, float | None]], printer: Printer,
                name: str | None = None, width_cm: float = PORTRAIT_WIDTH_CM,
                height_cm: float = LINE_HEIGHT_CM) -> LineChart:
    """A line chart of the series (up to three years): gaps for missing periods, the target, the latest
    value marked."""
    series = list(series)
    periods = tuple(p for p, _ in series)
    values = tuple(None if v is None else float(v) for _, v in series)
    alt, description = trend_text(indicator, series, printer.locale)
    gaps = "gaps are months with no data" if gap_inside(values) else ""
    scale = _finite(values) + ([indicator.target] if indicator.target is not None else [])
    found = latest_point(series)
    return LineChart(
        name=name or indicator_figure(IndicatorFigure.TREND, indicator.id), title=indicator.title,
        subtitle=subtitle_for(indicator, periods, printer, gaps), alt_text=alt, description=description,
        unit=indicator.unit, decimals=indicator.decimals, frequency=indicator.frequency, printer=printer,
        periods=periods, values=values, texts=_texts(indicator, values, printer),
        meanings=tuple(Meaning.COMMON for _ in values), spc=False, stages=(), target=indicator.target,
        target_text=_text(indicator, indicator.target, printer),
        restarts=year_restarts(indicator, periods),
        value_range=padded_limits(scale, indicator.unit) if scale else None,
        latest=found[0] if found else None, width_cm=width_cm, height_cm=height_cm)


def spc_chart(indicator: Indicator, series: Sequence[tuple[Period, float | None]], result: SpcResult | None,
              printer: Printer, rules: SpcRules = SpcRules(), name: str | None = None,
              width_cm: float = PORTRAIT_WIDTH_CM, height_cm: float = LINE_HEIGHT_CM) -> LineChart:
    """An XmR chart of the series and its analysis (``result``, worked out on the same series; None with too
    few points: the points alone, and the subtitle says why). Each stage of a rebased process has its own
    mean and limits."""
    series = list(series)
    if result is not None and len(result.values) != len(series):
        raise ValueError("the SPC result was worked out on a different series from the one charted")
    periods = tuple(p for p, _ in series)
    values = tuple(None if v is None else float(v) for _, v in series)
    alt, description = spc_text(indicator, series, result, printer.locale)
    extra = "" if result is not None else f"Fewer than {rules.min_points} months of data, so no process limits"
    if result is not None and result.rebased:
        when = " and ".join(printer.month(periods[stage.start]) for stage in result.stages[1:])
        extra = f"Process changed {when}" + (f": {indicator.spc_rebase_reason}" if indicator.spc_rebase_reason
                                             else "") + "; limits worked out again from then"
        if result.trial:
            extra += (f" (trial limits: {result.latest_stage.points} points so far, "
                      f"{LOCKED_POINTS} needed for a reading)")
    signals = result.signals if result is not None else (None,) * len(values)
    meanings = tuple(Meaning.COMMON if signal is None else _MEANING[signal.kind] for signal in signals)
    stages = tuple(Stage(s.start, s.stop, s.mean, s.upper_limit, s.lower_limit,
                         _text(indicator, s.mean, printer), _text(indicator, s.upper_limit, printer),
                         _text(indicator, s.lower_limit, printer)) for s in (result.stages if result else ()))
    scale = _finite(values)
    if indicator.target is not None:
        scale.append(indicator.target)
    scale += [limit for stage in stages for limit in (stage.upper, stage.lower)]
    found = latest_point(series)
    return LineChart(
        name=name or indicator_figure(IndicatorFigure.SPC, indicator.id), title=indicator.title,
        subtitle=subtitle_for(indicator, periods, printer, extra), alt_text=alt, description=description,
        unit=indicator.unit, decimals=indicator.decimals, frequency=indicator.frequency, printer=printer,
        periods=periods, values=values, texts=_texts(indicator, values, printer), meanings=meanings, spc=True,
        stages=stages, target=indicator.target, target_text=_text(indicator, indicator.target, printer),
        restarts=year_restarts(indicator, periods),
        value_range=padded_limits(scale, indicator.unit, pad=0.08) if scale else None,
        latest=found[0] if found else None, width_cm=width_cm, height_cm=height_cm)


def _text(indicator: Indicator, value: float | None, printer: Printer) -> str:
    return "" if value is None else printer.value(value, indicator.unit, indicator.decimals)


def _texts(indicator: Indicator, values: Sequence[float | None], printer: Printer) -> tuple[str, ...]:
    return tuple(_text(indicator, value, printer) for value in values)


def indicator_chart(item: IndicatorAnalysis, printer: Printer, width_cm: float = PAIR_WIDTH_CM,
                    height_cm: float = PAIR_HEIGHT_CM) -> LineChart:
    """The one chart that stands for an indicator: its SPC chart where SPC can judge it, else its trend."""
    indicator = item.indicator
    if main_chart(item.spc_result is not None) is IndicatorFigure.SPC and item.spc is not None:
        return spc_chart(item.spc.indicator, item.spc.series, item.spc.result, printer,
                         name=indicator_figure(IndicatorFigure.SPC, indicator.id), width_cm=width_cm,
                         height_cm=height_cm)
    return trend_chart(indicator, item.trend, printer, name=indicator_figure(IndicatorFigure.TREND, indicator.id),
                       width_cm=width_cm, height_cm=height_cm)


# ------------------------------------------------------------------------------------------------ bar charts

def comparison_chart(indicator: Indicator, benchmark: Benchmark, council: str, printer: Printer,
                     name: str | None = None, width_cm: float = PORTRAIT_WIDTH_CM) -> BarChart:
    """The council (highlighted) against England, its region and its comparator average; the national rank
    in the subtitle where the benchmark gives it; missing values labelled 'No data', never drawn as zero."""
    rows = [(council, benchmark.council, True), ("England", benchmark.england, False),
            ("Region", benchmark.region, False), ("Comparator average", benchmark.comparator, False)]
    alt, description = comparison_text(indicator, benchmark, council, printer.locale)
    parts = [benchmark.year, unit_phrase(indicator.unit)]
    if benchmark.rank is not None and benchmark.rank_of is not None:
        parts.append(f"{council} ranked {printer.number(benchmark.rank)} of {printer.number(benchmark.rank_of)} "
                     "councils")
    if indicator.polarity is Polarity.HIGHER_IS_BETTER:
        parts.append("Higher is better")
    elif indicator.polarity is Polarity.LOWER_IS_BETTER:
        parts.append("Lower is better")
    bars = tuple(Bar(label, (value,), (_text(indicator, value, printer) if value is not None else "No data",),
                     highlight=highlight) for label, value, highlight in rows)
    return BarChart(name=name or indicator_figure(IndicatorFigure.COMPARISON, indicator.id),
                    kind=BarKind.COMPARISON, title=indicator.title, subtitle=". ".join(parts) + ".", alt_text=alt,
                    description=description, series=("",), bars=bars, unit=indicator.unit,
                    decimals=indicator.decimals, printer=printer, width_cm=width_cm)


BREAKDOWN_KINDS = ("money", "people")


def latest_years(amounts: Sequence[Amount], count: int = 2) -> list[str]:
    """The last ``count`` years present, oldest first ('2024/25' sorts before '2025/26')."""
    return sorted({a.year for a in amounts})[-count:]


def breakdown_chart(amounts: Sequence[Amount], title: str, kind: str, printer: Printer, *, name: str,
                    by: str = "", withheld: tuple[tuple[str, str, str], ...] = (), largest_first: bool = True,
                    measure: str = "", total_texts: tuple[str, ...] = (),
                    width_cm: float = PORTRAIT_WIDTH_CM) -> BarChart:
    """Bars for the two latest years in ``amounts``, categories largest first by the later year (or in the
    order given, ``largest_first`` False); values as £m (kind 'money') or counts (kind 'people'). ``by``
    names the breakdown in the alt text ('by age group'); ``withheld`` gives (category, year, text) for
    figures not published (disclosure control), printed where the bar would be; ``measure`` replaces
    'Spending, £ million' in the subtitle; ``total_texts`` are the totals as published, one per year."""
    if kind not in BREAKDOWN_KINDS:
        raise ValueError(f"kind must be one of {BREAKDOWN_KINDS}, not {kind!r}")
    years = latest_years(amounts)
    notes = {(category, year): text for category, year, text in withheld}
    rows = [(category, [None if (category, year) in notes else value for year, value in zip(years, values)])
            for category, values in amounts_by_year(amounts, years)]
    if largest_first:
        rows.sort(key=lambda row: (-(row[1][-1] if row[1][-1] is not None else float("-inf")), row[0]))
    alt, description = breakdown_text(title, kind, years, rows, printer.locale, by, notes, total_texts,
                                      largest_first)
    what = measure or ("Spending, £ million" if kind == "money" else "Number of people")
    subtitle = f"{what}, {' and '.join(years)}." if years else f"{what}."
    bars = tuple(Bar(category, tuple(values),
                     tuple(amount_text(value, kind, printer.locale) if value is not None else
                           notes.get((category, year), "No data") for year, value in zip(years, values)))
                 for category, values in rows)
    return BarChart(name=name, kind=BarKind.BREAKDOWN, title=title, subtitle=subtitle, alt_text=alt,
                    description=description, series=tuple(years), bars=bars, unit=None, decimals=0,
                    printer=printer, width_cm=width_cm)


SCORE_SCALE = ((1, "Significant\nshortfalls"), (2, "Some\nshortfalls"), (3, "Good\nstandard"),
               (4, "Exceptional\nstandard"))
SCORES_FIGURE = "self-assessment-scores"


def scores_chart(statements: Sequence[tuple[str, str, int]], printer: Printer,
                 title: str = "Self-assessment scores by quality statement", name: str = SCORES_FIGURE,
                 width_cm: float = PORTRAIT_WIDTH_CM) -> BarChart:
    """One bar per (theme, statement, score), themes in order of first appearance with a heading row each;
    scores outside 1 to 4 are refused."""
    scale = dict(SCORE_SCALE)
    for _, statement, score in statements:
        if score not in scale:
            raise ValueError(f"score for {statement!r} must be 1 to 4, not {score!r}")
    alt, description = self_assessment_text(statements, printer.locale)
    bars: list[Bar] = []
    for theme in dict.fromkeys(theme for theme, _, _ in statements):
        bars.append(Bar(theme, (None,), ("",), heading=True))
        bars += [Bar(statement, (float(score),), (str(score),)) for t, statement, score in statements if t == theme]
    return BarChart(name=name, kind=BarKind.SCORES, title=title,
                    subtitle="Scored on the Care Quality Commission's scale of 1 to 4.", alt_text=alt,
                    description=description, series=("",), bars=tuple(bars), unit=Unit.SCORE, decimals=0,
                    printer=printer, scale=SCORE_SCALE, width_cm=width_cm)


def measure_chart(title: str, subtitle: str, bars: Sequence[Bar], reference: Reference | None, alt_text: str,
                  description: str, unit: Unit, decimals: int, printer: Printer, name: str,
                  width_cm: float = PORTRAIT_WIDTH_CM) -> BarChart:
    """One bar per council, in the order given (the region's summary); missing figures labelled 'No data'."""
    return BarChart(name=name, kind=BarKind.MEASURE, title=title, subtitle=subtitle, alt_text=alt_text,
                    description=description, series=("",), bars=tuple(bars), unit=unit, decimals=decimals,
                    printer=printer, reference=reference, width_cm=width_cm)


# ------------------------------------------------------------------------------------------------ icons

def variation_icon(variation: Variation, title: str = "", name: str | None = None) -> Icon:
    alt, description = icon_text(variation.label, title) if title else (variation.label + ".",) * 2
    return Icon(name=name or f"icon-variation-{safe_name(variation.value)}", kind=IconKind.VARIATION,
                state=variation.value, meaning=_MEANING[variation.kind], high=variation.high, alt_text=alt,
                description=description)


def assurance_icon(assurance: Assurance, title: str = "", name: str | None = None) -> Icon:
    label = assurance.label.split(":")[0]
    alt, description = icon_text(label, title) if title else (label + ".",) * 2
    return Icon(name=name or f"icon-assurance-{safe_name(assurance.value)}", kind=IconKind.ASSURANCE,
                state=assurance.value, meaning=Meaning.COMMON, high=None, alt_text=alt, description=description)
