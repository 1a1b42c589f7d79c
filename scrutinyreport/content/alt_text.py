"""Alt text and longer descriptions for every figure, written from the data (no matplotlib here).

Each function returns ``(alt_text, description)``: the alt text says what the figure shows, the period and
the key figures in one or two sentences, kept under ``ALT_TEXT_LIMIT`` characters for Word's alt text box
(the subject is shortened first, the figures last); the description adds the detail a reader of the
document body may want. Every number and month is printed by ``scrutinyreport.formatting``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from ..analysis.spc import LOCKED_POINTS, Rule, SignalKind, SpcResult
from ..formatting import (
    describe_value,
    format_money_compact,
    format_month,
    format_number,
    format_reporting_period,
    format_value,
    round_half_up,
)
from ..model import MONTHS_IN, Amount, Benchmark, Frequency, Indicator, Period, Polarity, ReportingPeriod, Unit

ALT_TEXT_LIMIT = 250
Series = Sequence[tuple[Period, float | None]]


# ---------------------------------------------------------------- small pieces

def frequency_word(indicator: Indicator) -> str:
    """'monthly', 'quarterly' or 'yearly': how often the chart has a point."""
    return {Frequency.QUARTERLY: "quarterly", Frequency.ANNUAL: "yearly"}.get(indicator.frequency, "monthly")


def subject(title: str) -> str:
    """A title as it reads inside a sentence: 'People who ...' -> 'people who ...'; 'ASCOF 2D' unchanged."""
    title = title.strip()
    if len(title) > 1 and title[0].isupper() and not title[1].isupper():
        return title[0].lower() + title[1:]
    return title


def point_label(period: Period, locale: str, frequency: Frequency = Frequency.MONTHLY) -> str:
    """A point of a series as its period reads: 'July 2025', 'Q2 2026/27' or '2025/26'."""
    if frequency is Frequency.MONTHLY:
        return format_month(period, locale)
    return format_reporting_period(ReportingPeriod(period, frequency), locale)


def month_range(periods: Sequence[Period], locale: str, frequency: Frequency = Frequency.MONTHLY) -> str:
    """'August 2023 to July 2025', 'Q3 2024/25 to Q2 2026/27', or one period."""
    if not periods:
        return ""
    first, last = point_label(periods[0], locale, frequency), point_label(periods[-1], locale, frequency)
    return first if first == last else f"{first} to {last}"


def fit(template: str, title: str, limit: int = ALT_TEXT_LIMIT) -> str:
    """Fill '{subject}' in the template, shortening the subject at a word boundary if the text is too long."""
    text = template.replace("{subject}", title, 1)
    if len(text) <= limit:
        return text
    room = limit - (len(text) - len(title)) - 1
    if room < 12:
        return text
    cut = title[:room].rsplit(" ", 1)[0].rstrip(",;:(")
    return template.replace("{subject}", cut + "\u2026", 1)


def value_text(indicator: Indicator, value: float | None, locale: str) -> str:
    return describe_value(value, indicator.unit, indicator.decimals, locale)


def latest_point(series: Series) -> tuple[int, Period, float] | None:
    """The last month with a value."""
    for index in range(len(series) - 1, -1, -1):
        period, value = series[index]
        if value is not None:
            return index, period, value
    return None


def compared_point(indicator: Indicator, series: Series, period: Period) -> tuple[Period, float] | None:
    """The point before the latest on the chart: the previous month, quarter or year, or for a year-to-date
    indicator the same month a year earlier."""
    wanted = period.shift(-12 if indicator.cumulative else -MONTHS_IN[indicator.frequency])
    for p, value in series:
        if p == wanted and value is not None:
            return p, value
    return None


def against_target(indicator: Indicator, value: float, locale: str) -> str:
    """'above the target of 77.5%' (compared at printed precision); '' with no target."""
    if indicator.target is None:
        return ""
    a, t = round_half_up(value, indicator.decimals), round_half_up(indicator.target, indicator.decimals)
    where = "on" if a == t else "above" if a > t else "below"
    return f"{where} the target of {value_text(indicator, indicator.target, locale)}"


def movement(indicator: Indicator, latest: float, earlier: float, period: Period, locale: str) -> str:
    """'up from 81.9% in June 2025' ('unchanged from' when equal at printed precision)."""
    a, b = round_half_up(latest, indicator.decimals), round_half_up(earlier, indicator.decimals)
    word = "unchanged from" if a == b else "up from" if a > b else "down from"
    return f"{word} {value_text(indicator, earlier, locale)} in {point_label(period, locale, indicator.frequency)}"


def _latest_sentence(indicator: Indicator, series: Series, locale: str) -> str:
    """'Latest 82.8% in July 2025, above the target of 77.5%; up from 81.9% in June 2025.'"""
    found = latest_point(series)
    if found is None:
        return "There is no data for any month."
    index, period, value = found
    parts = f"Latest {value_text(indicator, value, locale)} in {point_label(period, locale, indicator.frequency)}"
    target = against_target(indicator, value, locale)
    if target:
        parts += f", {target}"
    earlier = compared_point(indicator, series, period)
    if earlier is not None:
        parts += f"; {movement(indicator, value, earlier[1], earlier[0], locale)}"
    prefix = ""
    if index != len(series) - 1:
        prefix = f"No data for {point_label(series[-1][0], locale, indicator.frequency)}. "
    return prefix + parts + "."


def _range_sentence(indicator: Indicator, series: Series, locale: str) -> str:
    points = [(p, v) for p, v in series if v is not None]
    if len(points) < 2:
        return ""
    high = max(points, key=lambda pv: pv[1])
    low = min(points, key=lambda pv: pv[1])
    when = indicator.frequency
    return (f"The highest value was {value_text(indicator, high[1], locale)} in {point_label(high[0], locale, when)} "
            f"and the lowest {value_text(indicator, low[1], locale)} in {point_label(low[0], locale, when)}.")


def _gaps_sentence(series: Series, locale: str, frequency: Frequency = Frequency.MONTHLY) -> str:
    missing = [p for p, v in series if v is None]
    if not missing or len(missing) == len(series):
        return ""
    months = ", ".join(point_label(p, locale, frequency) for p in missing[:6])
    more = f" and {len(missing) - 6} more" if len(missing) > 6 else ""
    unit = {Frequency.QUARTERLY: "quarter", Frequency.ANNUAL: "year"}.get(frequency, "month")
    noun = f"{unit} has" if len(missing) == 1 else f"{unit}s have"
    return f"{len(missing)} {noun} no data ({months}{more}), left blank on the chart rather than shown as zero."


def _notes(indicator: Indicator) -> str:
    notes = []
    if indicator.cumulative:
        notes.append("Figures are year-to-date totals from April, so each is compared with the same month a "
                     "year earlier.")
    if indicator.target is None and indicator.polarity is not Polarity.NEUTRAL:
        notes.append("There is no target.")
    if indicator.polarity is Polarity.HIGHER_IS_BETTER:
        notes.append("Higher is better.")
    elif indicator.polarity is Polarity.LOWER_IS_BETTER:
        notes.append("Lower is better.")
    return " ".join(notes)


def _join(*sentences: str) -> str:
    return " ".join(s for s in sentences if s)


# ---------------------------------------------------------------- per chart kind

def trend_text(indicator: Indicator, series: Series, locale: str) -> tuple[str, str]:
    periods = [p for p, _ in series]
    when = month_range(periods, locale, indicator.frequency)
    latest = _latest_sentence(indicator, series, locale)
    alt = fit("Line chart of {subject}, " + when + ". " + latest, subject(indicator.title))
    description = _join(f"Line chart of {subject(indicator.title)}, {frequency_word(indicator)} from {when}.", latest,
                        _range_sentence(indicator, series, locale), _gaps_sentence(series, locale, indicator.frequency),
                        _notes(indicator))
    return alt, description


def spc_text(indicator: Indicator, series: Series, result: SpcResult | None, locale: str) -> tuple[str, str]:
    periods = [p for p, _ in series]
    when = month_range(periods, locale, indicator.frequency)
    if result is None:
        points = sum(1 for _, v in series if v is not None)
        few = (f"There are {points} points with data, too few for process limits (at least 13 are needed).")
        alt = fit("Statistical process control chart of {subject}, " + when + ". " + few,
                  subject(indicator.title))
        return alt, _join(alt, _latest_sentence(indicator, series, locale))
    found = latest_point(series)
    assert found is not None
    _, period, value = found
    reading = result.variation.label if result.variation is not None else _trial_reading(
        result, periods, locale, indicator.frequency)
    status = reading[0].lower() + reading[1:]
    if result.assurance is not None:
        status += "; " + result.assurance.label.split(":")[0].lower()
    alt = fit("Statistical process control chart of {subject}, " + when + ". Latest "
              + f"{value_text(indicator, value, locale)} in "
              + f"{point_label(period, locale, indicator.frequency)}: {status}.",
              subject(indicator.title))
    limits = _limits_sentence(indicator, result, periods, locale)
    target = ""
    if indicator.target is not None:
        target = f"The target is {value_text(indicator, indicator.target, locale)}."
        if result.assurance is not None:
            target += f" {result.assurance.label}."
        elif result.assurance_withheld:
            target += (" Whether the target will be met is not judged while the latest point shows special cause "
                       "variation: the process is changing.")
    episodes = signal_episodes(result, periods, locale, indicator.frequency)
    signals = ("Special cause variation: " + "; ".join(episodes[:6])
               + (f"; and {len(episodes) - 6} more" if len(episodes) > 6 else "") + ".") if episodes else \
        "Every point shows common cause variation."
    description = _join(f"Statistical process control (XmR) chart of {subject(indicator.title)}, "
                        f"{frequency_word(indicator)} from {when}.", _latest_sentence(indicator, series, locale),
                        f"{reading}.", limits, target, signals,
                        _gaps_sentence(series, locale, indicator.frequency))
    return alt, description


def _trial_reading(result: SpcResult, periods: Sequence[Period], locale: str, frequency: Frequency) -> str:
    """Why a rebased chart gives no reading: its latest stage has too few points for limits to judge by."""
    stage = result.latest_stage
    return (f"Not judged, with {stage.points} points since {point_label(periods[stage.start], locale, frequency)}, "
            f"too few for limits to judge by (at least {LOCKED_POINTS} are needed)")


def _limits_sentence(indicator: Indicator, result: SpcResult, periods: Sequence[Period], locale: str) -> str:
    """The latest stage's mean and limits (and from when, after a rebase), and any limit shown at the edge of
    what the measure can be."""
    stage = result.latest_stage
    lead = "The mean is"
    if result.rebased:
        why = f" ({indicator.spc_rebase_reason})" if indicator.spc_rebase_reason else ""
        lead = (f"The process was changed on purpose{why}, so its limits are worked out separately for each stage. "
                f"Since {point_label(periods[stage.start], locale, indicator.frequency)} the mean is")
    sentence = (f"{lead} {value_text(indicator, stage.mean, locale)}, with process limits from "
                f"{value_text(indicator, stage.lower_limit, locale)} to "
                f"{value_text(indicator, stage.upper_limit, locale)}.")
    cut = [f"the {side} limit would be {value_text(indicator, raw, locale)}, which the measure cannot reach, so it "
           f"is shown at {value_text(indicator, shown, locale)}"
           for side, raw, shown, truncated in (("lower", stage.raw_lower, stage.lower_limit, stage.lower_truncated),
                                               ("upper", stage.raw_upper, stage.upper_limit, stage.upper_truncated))
           if truncated]
    if cut:
        text = "; ".join(cut)
        sentence += " " + text[0].upper() + text[1:] + "."
    return sentence


def signal_episodes(result: SpcResult, periods: Sequence[Period], locale: str,
                    frequency: Frequency = Frequency.MONTHLY) -> list[str]:
    """Runs of consecutive special-cause points with the same meaning and side, in words:
    '10 points showing improvement (high), December 2025 to September 2026: a trend, a shift'."""
    runs: list[tuple[SignalKind, bool, list[Period], list[Rule]]] = []
    previous = None
    for period, signal in zip(periods, result.signals):
        if signal is None:
            continue  # a missing month does not break a run
        if signal.rule is None:  # common cause (not special)
            previous = None
            continue
        marker = (signal.kind, bool(signal.high))
        if marker != previous:
            runs.append((signal.kind, bool(signal.high), [], []))
        runs[-1][2].append(period)
        if signal.rule not in runs[-1][3]:
            runs[-1][3].append(signal.rule)
        previous = marker
    words = []
    for kind, high, months, rules in runs:
        count = "1 point" if len(months) == 1 else f"{len(months)} points"
        meaning = {SignalKind.IMPROVEMENT: "showing improvement", SignalKind.CONCERN: "showing concern",
                   SignalKind.NEITHER: "of special cause"}.get(kind, "")
        found = ", ".join(_RULE_WORDS[rule] for rule in sorted(rules, key=list(Rule).index))
        words.append(f"{count} {meaning} ({'high' if high else 'low'}), "
                     f"{month_range([months[0], months[-1]], locale, frequency)}: {found}")
    return words


_RULE_WORDS = {Rule.BEYOND_LIMITS: "beyond a process limit", Rule.TREND: "a trend of rising or falling points",
               Rule.TWO_OF_THREE: "two of three points close to a limit", Rule.SHIFT: "a run on one side of the mean"}


COMPARISON_LABELS = {"england": "England", "region": "region", "comparator": "comparator average"}


def comparison_text(indicator: Indicator, benchmark: Benchmark, council: str, locale: str) -> tuple[str, str]:
    values = [f"{council} {value_text(indicator, benchmark.council, locale)}"]
    for field, label in COMPARISON_LABELS.items():
        value = getattr(benchmark, field)
        values.append(f"{label} {format_value(value, indicator.unit, indicator.decimals, locale)}")
    rank = ""
    if benchmark.rank is not None and benchmark.rank_of is not None:
        rank = (f" Rank {format_number(benchmark.rank, 0, locale)} of {format_number(benchmark.rank_of, 0, locale)}"
                " councils.")
    alt = fit("Bar chart comparing {subject}, " + benchmark.year + ": " + ", ".join(values) + "." + rank,
              subject(indicator.title))
    notes = _notes(indicator) if indicator.polarity is not Polarity.NEUTRAL else ""
    description = _join(f"Bar chart comparing {council} with England, its region and its comparator councils "
                        f"on {subject(indicator.title)} in {benchmark.year}.",
                        ", ".join(values)[0].upper() + ", ".join(values)[1:] + ".", rank.strip(), notes)
    return alt, description


def amount_text(value: float | None, kind: str, locale: str) -> str:
    if value is None:
        return "no data"
    if kind == "money":
        return format_money_compact(value, locale)
    return format_number(value, 0, locale)


def breakdown_text(title: str, kind: str, years: Sequence[str], rows: Sequence[tuple[str, list[float | None]]],
                   locale: str, by: str = "", withheld: Mapping[tuple[str, str], str] | None = None,
                   total_texts: Sequence[str] = (), largest_first: bool = True) -> tuple[str, str]:
    """rows: (category, [value per year]) in the order drawn; withheld: (category, year) -> the text printed
    for a figure that is not published; total_texts: the published total of each year, when given."""
    what = by or ("by category" if kind == "money" else "by client group")
    if subject(title).endswith(what):
        what = ""
    withheld = withheld or {}

    def shown(category: str, year: str, value: float | None) -> str:
        if value is None and (category, year) in withheld:
            return withheld[(category, year)]
        return amount_text(value, kind, locale)

    if not rows:
        alt = f"Bar chart of {subject(title)}: no data."
        return alt, alt
    totals = [sum(v for _, values in rows if (v := values[i]) is not None) for i in range(len(years))]
    latest_year = years[-1]
    total = f"Total {amount_text(totals[-1], kind, locale)} in {latest_year}"
    if len(years) > 1:
        total += f", compared with {amount_text(totals[0], kind, locale)} in {years[0]}"
    if len(total_texts) == len(years):
        total = f"Total {total_texts[-1]} in {latest_year}"
        if len(years) > 1:
            total += f", compared with {total_texts[0]} in {years[0]}"
    elif withheld:
        total = "Figures shown add up to" + total[len("Total"):]
    largest = max(rows, key=lambda row: row[1][-1] if row[1][-1] is not None else float("-inf"))
    alt = fit("Bar chart of {subject}" + (f" {what}" if what else "") + ", " + " and ".join(years) + ". " + total
              + ". Largest: " + f"{largest[0]} {amount_text(largest[1][-1], kind, locale)}.", subject(title))
    lines = [f"{category}: " + ", ".join(f"{shown(category, year, v)} in {year}"
                                         for year, v in zip(years, values)) for category, values in rows]
    order = ", largest first" if largest_first else ""
    description = _join(f"Bar chart of {subject(title)}{f' {what}' if what else ''}, {' and '.join(years)}{order}.",
                        total + ".", "; ".join(lines) + ".")
    return alt, description


SCORE_WORDS = {1: "significant shortfalls", 2: "some shortfalls", 3: "a good standard", 4: "an exceptional standard"}


def self_assessment_text(statements: Sequence[tuple[str, str, int]], locale: str) -> tuple[str, str]:
    if not statements:
        alt = "Bar chart of self-assessment scores: no quality statements."
        return alt, alt
    themes = list(dict.fromkeys(theme for theme, _, _ in statements))
    counts = {score: sum(1 for *_, s in statements if s == score) for score in (4, 3, 2, 1)}
    spread = ", ".join(f"{format_number(n, 0, locale)} scored {score}" for score, n in counts.items() if n)
    statement_word = "statement" if len(statements) == 1 else "statements"
    theme_word = "theme" if len(themes) == 1 else "themes"
    alt = (f"Bar chart of the self-assessment scores (1 to 4) for {format_number(len(statements), 0, locale)} quality "
           f"{statement_word} in {format_number(len(themes), 0, locale)} {theme_word}: {spread}.")
    parts = []
    for theme in themes:
        items = "; ".join(f"{name} {score}" for t, name, score in statements if t == theme)
        parts.append(f"{theme}: {items}.")
    description = _join(alt, "Scores: 1 evidence shows significant shortfalls, 2 some shortfalls, 3 a good "
                             "standard, 4 an exceptional standard.", *parts)
    return alt, description


def icon_text(label: str, title: str) -> tuple[str, str]:
    alt = fit(label + " ({subject}).", title)
    return alt, alt


def unit_phrase(unit: Unit) -> str:
    """What the value axis measures, for chart subtitles."""
    return {Unit.PERCENT: "Percentage", Unit.COUNT: "Number", Unit.RATE_PER_100K: "Rate per 100,000",
            Unit.CURRENCY: "Pounds", Unit.DAYS: "Days", Unit.SCORE: "Score", Unit.RATIO: "Ratio"}[unit]


def amounts_by_year(amounts: Sequence[Amount], years: Sequence[str]) -> list[tuple[str, list[float | None]]]:
    """Categories (in first-appearance order) with their value in each year (None where absent)."""
    table: dict[str, dict[str, float]] = {}
    for amount in amounts:
        if amount.year in years:
            table.setdefault(amount.category, {})[amount.year] = \
                table.get(amount.category, {}).get(amount.year, 0.0) + amount.value
    return [(category, [by_year.get(year) for year in years]) for category, by_year in table.items()]


class MeasureBar(Protocol):
    """A council's bar in the region's measure chart (content.charts.Bar)."""

    @property
    def label(self) -> str: ...
    @property
    def values(self) -> tuple[float | None, ...]: ...
    @property
    def texts(self) -> tuple[str, ...]: ...


def measure_text(title: str, month: str, bars: Sequence[MeasureBar], median_text: str | None) -> tuple[str, str]:
    """(alt text, description): what the chart shows, the highest and lowest councils and the median."""
    present = [bar for bar in bars if bar.values[0] is not None]
    description = (f"Bar chart of {title}, {month}, for {len(bars)} councils: "
                   + "; ".join(f"{bar.label} {bar.texts[0]}" for bar in bars) + "."
                   + (f" The region's median is {median_text}." if median_text else ""))
    if not present:
        return f"Bar chart of {title}: no council has a figure."[:ALT_TEXT_LIMIT], description
    high = max(present, key=lambda bar: bar.values[0] or 0)
    low = min(present, key=lambda bar: bar.values[0] or 0)
    figures = f"highest {high.label} {high.texts[0]}, lowest {low.label} {low.texts[0]}"
    if median_text:
        figures += f", region's median {median_text}"
    alt = f"Bar chart of {title}, {month}, {len(bars)} councils: {figures}."
    if len(alt) > ALT_TEXT_LIMIT:
        alt = f"Bar chart of this measure, {month}, {len(bars)} councils: {figures}."
    return alt[:ALT_TEXT_LIMIT], description
