"""The parts of the Local Account: its tables, sentences and charts, already formatted for print.

Counts about people pass through disclosure control (analysis/disclosure.py) when the pack applies it to the
Local Account; money does not (it is not about people). The year is the latest year of activity.csv or
finance.csv; each key measure's figure is its figure for that financial year, made by the measure's nature
(the analysis' year position: a proportion over the year's months, a flow's total, the average month, or
the position at the year's end), against the year before, with words saying which.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..analysis import Analysis, disclosure
from ..analysis.benchmarks import Comparison, EnglandComparison
from ..analysis.rag import Rag
from ..analysis.year_end import YearEnd, YearFigure
from ..formatting import (
    Printer,
    format_financial_year,
    format_money_compact,
    format_number,
    format_percentage,
    format_value,
)
from ..model import Amount, Benchmark, DisclosureSettings, Indicator, PackData, Polarity, YearBasis
from .charts import BarChart, breakdown_chart
from .live_figures import totals_by_year

DOCUMENT = "local_account"
NO_CONTROL = DisclosureSettings(threshold=1, rounding=None, apply_to=())   # exact figures
BETTER, SIMILAR, WORSE = ("Where we do better than England", "Where we are similar to England",
                          "Where we do worse than England")
NEITHER = "Where higher or lower is neither better nor worse"
UNTESTED = "Where we cannot yet say if we do better or worse"
NO_ENGLAND = "Where there is no England figure to compare with"
GROUP_ORDER = (BETTER, SIMILAR, WORSE, NEITHER, UNTESTED, NO_ENGLAND)


AGE_FIGURE = "local-account-age"
NEED_FIGURE = "local-account-need"
SPEND_FIGURE = "local-account-spend"
INCOME_FIGURE = "local-account-income"


def control(pack: PackData) -> DisclosureSettings:
    """The disclosure settings in force for the Local Account (exact figures when the pack turns it off)."""
    settings = pack.settings.disclosure
    return settings if disclosure.applies(settings, DOCUMENT) else NO_CONTROL


def account_year(pack: PackData) -> str:
    """'2025/26': the latest year of activity or finance, else the financial year before the period's."""
    years = sorted({a.year for a in pack.activity + pack.activity_by_age + pack.finance + pack.income})
    return years[-1] if years else format_financial_year(pack.period.financial_year_start - 1)


def title(pack: PackData) -> str:
    settings = pack.settings
    if settings.local_account.title:
        return settings.local_account.title
    area = settings.local_account.area or settings.council
    return f"Adult social care in {area} {account_year(pack)}: our Local Account"


# ------------------------------------------------------------------------------------ who we supported

@dataclass(frozen=True)
class PeopleTable:
    """People supported by one breakdown, two years side by side, as published."""

    label: str                       # 'Age group'
    years: list[str]
    rows: list[list[str]]            # category, then one text per year
    total: list[str]                 # 'Total', then one text per year
    shown: disclosure.ProtectedTable
    categories: list[str]


def people_table(amounts: tuple[Amount, ...], label: str, settings: DisclosureSettings,
                 locale: str) -> PeopleTable | None:
    """The two latest years of ``amounts`` with a total per year; small counts protected."""
    years = sorted({a.year for a in amounts})[-2:]
    if not years:
        return None
    categories = list(dict.fromkeys(a.category for a in amounts if a.year in years))
    values: dict[tuple[str, str], float] = {}
    for amount in amounts:
        if amount.year in years:
            values[(amount.category, amount.year)] = values.get((amount.category, amount.year), 0.0) + amount.value
    grid = [[values.get((c, y)) for y in years] for c in categories]
    shown = disclosure.protect_table(grid, settings, locale, row_totals=False, column_totals=True)
    rows = [[category, *(cell.text for cell in cells)] for category, cells in zip(categories, shown.cells)]
    total = ["Total", *(cell.text for cell in shown.column_totals or [])]
    return PeopleTable(label, years, rows, total, shown, categories)


def people_sentence(table: PeopleTable) -> str:
    """'We supported 2,320 people with long-term care in 2025/26, compared with 2,290 in 2024/25.'"""
    totals = table.shown.column_totals or []
    now = totals[-1].text
    sentence = f"We supported {now} people with long-term care and support in {table.years[-1]}"
    if len(totals) > 1:
        sentence += f", compared with {totals[0].text} in {table.years[0]}"
    return sentence + "."


def chart_data(table: PeopleTable) -> tuple[tuple[Amount, ...], tuple[tuple[str, str, str], ...]]:
    """The published figures for a breakdown chart: shown counts as drawn, hidden ones as notes."""
    amounts, withheld = [], []
    for category, cells in zip(table.categories, table.shown.cells):
        for year, cell in zip(table.years, cells):
            if cell.value is not None:
                amounts.append(Amount(year, category, float(cell.value)))
            elif cell.text != "No data":
                amounts.append(Amount(year, category, 0.0))
                withheld.append((category, year, cell.text))
    return tuple(amounts), tuple(withheld)


# ------------------------------------------------------------------------------------ money

def money_sentence(amounts: tuple[Amount, ...], template: str, locale: str) -> str | None:
    """The template filled with the latest year's total ({now}, {year}) and the year before's ({earlier},
    {earlier_year}); with one year, the template up to its first full stop."""
    totals = totals_by_year(amounts)
    if not totals:
        return None
    years = list(totals)
    values = {"now": format_money_compact(totals[years[-1]], locale), "year": years[-1]}
    if len(years) < 2:
        first = template.split(". ")[0].split(" (in {earlier_year}")[0].rstrip(".")
        return first.format(**values) + "."
    values.update(earlier=format_money_compact(totals[years[-2]], locale), earlier_year=years[-2])
    return template.format(**values)


def lower_first(text: str) -> str:
    """'Care packages' -> 'care packages', leaving acronyms ('NHS funded') and names, whose other words are
    capitalised too ('Better Care Fund'), as written."""
    names = any(word[:1].isupper() for word in text.split()[1:])
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and not names:
        return text[0].lower() + text[1:]
    return text


def largest_part(amounts: tuple[Amount, ...], locale: str) -> tuple[str, str] | None:
    """The largest category of the latest year and its amount: ('Care packages (net of income)', '£56.6m')."""
    totals = totals_by_year(amounts)
    if not totals:
        return None
    year = list(totals)[-1]
    top = sorted((a for a in amounts if a.year == year), key=lambda a: (-a.value, a.category))[0]
    return top.category, format_money_compact(top.value, locale)


def split_sentence(amounts: tuple[Amount, ...], lead: str, first: str, then: str,
                   locale: str) -> str | None:
    """The latest year's total split by category in words, largest first, each part with its share: ``lead``
    with '{total}' and '{year}' filled in, the largest part linked by ``first`` and the others by ``then``:
    'Of the £78.2m we spent in 2025/26, £56.6m (72%) was for care packages, £10.9m (14%) for staffing ... and
    £1.6m (2%) for commissioning.' None with fewer than two parts."""
    totals = totals_by_year(amounts)
    if not totals:
        return None
    year = list(totals)[-1]
    total = totals[year]
    found = sorted((a for a in amounts if a.year == year), key=lambda a: (-a.value, a.category))
    if len(found) < 2 or total <= 0:
        return None

    def part(amount: Amount, link: str) -> str:
        share = format_percentage(amount.value / total * 100, 0, locale)
        return f"{format_money_compact(amount.value, locale)} ({share}) {link} {lower_first(amount.category)}"

    rest = [part(a, then) for a in found[1:]]
    listed = ", ".join(rest[:-1]) + " and " + rest[-1] if len(rest) > 1 else rest[0]
    joiner = ", " if len(rest) > 1 else " and "
    opening = lead.format(total=format_money_compact(total, locale), year=year)
    return f"{opening} {part(found[0], first)}{joiner}{listed}."


# ------------------------------------------------------------------------------------ how we are doing

@dataclass(frozen=True)
class MeasureRow:
    indicator: Indicator
    last_year: str
    target: str
    this_year: str
    meaning: str        # one plain sentence on what the measure means
    result: str         # one sentence on how we did
    period: str         # what "this year" is for this measure: 'April 2025 to March 2026', 'at the end of ...'
    last_period: str    # what "last year" is, where it is not the whole year ('' when it is)


def _year_figure(indicator: Indicator, figure: YearFigure, settings: DisclosureSettings,
                 locale: str) -> tuple[float | None, str]:
    """A year's figure as published: a percentage of fewer people than the threshold (the year's summed
    denominator) is withheld, a count (a year's total) is protected like any count. A count's average month
    is not a count: it is printed at the indicator's decimals (rounding it to the nearest 5 would move it
    across its target, 39.2 a month printed as 40 beside a target of 40), and withheld only when it is below
    the threshold, where a month's count could be."""
    if figure.value is None:
        return None, "No data"
    if figure.basis is YearBasis.MEAN and figure.value >= settings.threshold:
        return figure.value, format_value(figure.value, indicator.unit, indicator.decimals, locale)
    shown = disclosure.protect_indicator(indicator.unit.value, figure.value, figure.denominator, settings, locale)
    if shown is None:
        return figure.value, format_value(figure.value, indicator.unit, indicator.decimals, locale)
    return (None if shown.hidden else shown.value), shown.text


_CHANGE = {"Improving": "better than last year", "Worsening": "not as good as last year",
           "No change": "the same as last year", "Increased": "higher than last year",
           "Decreased": "lower than last year"}


def result_sentence(measure: YearEnd, published: bool) -> str:
    """'We met our target, and the figure was better than last year.' (from the analysis' RAG and direction
    of this year's figure against last year's); nothing about a figure that cannot be published."""
    if measure.this_year is None or not published:
        return "There is no figure we can publish for this year."
    target = None
    if measure.rag in (Rag.GREEN, Rag.AMBER, Rag.RED):
        target = "We met our target" if measure.rag is Rag.GREEN else "We did not meet our target"
    change = _CHANGE.get(measure.direction.word) if measure.direction else None
    if target and change:
        return f"{target}, and the figure was {change}."
    if target:
        return target + "."
    if change:
        return f"The figure was {change}."
    return "There is no target and no figure for last year to compare with."


def default_meaning(indicator: Indicator) -> str:
    if indicator.polarity is Polarity.HIGHER_IS_BETTER:
        return "A higher figure is better."
    if indicator.polarity is Polarity.LOWER_IS_BETTER:
        return "A lower figure is better."
    return "This figure shows how much of this work we do."


def _years(analysis: Analysis, year: str, ids: Sequence[str]) -> list[YearEnd]:
    """The named indicators' financial years (in the order named; ids not in the catalogue skipped: loading
    has reported them)."""
    measures = analysis.at_year_end(year)
    return [measures[indicator_id] for indicator_id in ids if indicator_id in measures]


def measure_rows(analysis: Analysis, year: str, printer: Printer) -> list[MeasureRow]:
    """The key measures for the financial year ``year`` ('2025/26'), each by its year basis, against the year
    before, judged by the dashboard's rules."""
    pack = analysis.pack
    settings, locale = control(pack), printer.locale
    rows = []
    for measure in _years(analysis, year, pack.settings.local_account.indicators):
        indicator = measure.indicator
        latest, latest_text = _year_figure(indicator, measure.this, settings, locale)
        _, earlier_text = _year_figure(indicator, measure.last, settings, locale)
        rows.append(MeasureRow(
            indicator=indicator, last_year=earlier_text,
            target="No target" if measure.target is None else
            format_value(measure.target, indicator.unit, indicator.decimals, locale),
            this_year=latest_text,
            meaning=meaning_of(indicator, pack) or default_meaning(indicator),
            result=result_sentence(measure, published=latest is not None), period=measure.words(locale),
            last_period=measure.last.words(locale) if measure.last.partial and measure.last.value is not None
            else ""))
    return rows


# ------------------------------------------------------------------------------------ the year's activity

# What a national measure means, for a measure the pack gives no sentence for (by its ASCOF code).
ASCOF_MEANINGS = {
    "1A": "The quality of life score comes from a national survey of people who use care and support. It "
          "brings together what they say about eight parts of their lives: having control over daily life, "
          "personal care, food and drink, a clean and comfortable home, feeling safe, seeing people, spending "
          "time doing things they value, and being treated with dignity. The highest possible score is 24.",
}


def meaning_of(indicator: Indicator, pack: PackData) -> str:
    """The pack's plain sentence on what the measure means, else the national one for its ASCOF code, else
    nothing."""
    return pack.settings.local_account.meanings.get(indicator.id) or ASCOF_MEANINGS.get(indicator.ascof, "")


@dataclass(frozen=True)
class ActivityRow:
    """One of the year's activity measures, the year before beside it, as published."""

    indicator: Indicator
    last_year: str
    this_year: str
    period: str          # what the figure is: 'the total for April 2025 to March 2026', 'the average month, ...'
    last_period: str     # what last year's is, where it is a part of the year ('' when it is the whole)
    meaning: str


def activity_ids(analysis: Analysis) -> tuple[str, ...]:
    """The activity measures: pack.yaml's ``local_account: activity:``, else every catalogue indicator whose
    year is a total (``year_basis`` sum: contacts, concerns and the like)."""
    chosen = analysis.pack.settings.local_account.activity
    if chosen is not None:
        return chosen
    return tuple(i.id for i in analysis.pack.indicators if i.year_basis is YearBasis.SUM)


def activity_rows(analysis: Analysis, year: str, printer: Printer) -> list[ActivityRow]:
    """The year's activity, each measure by its year basis (a year's total, the average month, the position
    at the year's end), against the year before; counts protected like any count."""
    pack = analysis.pack
    settings, locale = control(pack), printer.locale
    rows = []
    for measure in _years(analysis, year, activity_ids(analysis)):
        indicator = measure.indicator
        _, this_text = _year_figure(indicator, measure.this, settings, locale)
        _, last_text = _year_figure(indicator, measure.last, settings, locale)
        rows.append(ActivityRow(
            indicator, last_text, this_text, measure.words(locale),
            measure.last.words(locale) if measure.last.partial and measure.last.value is not None else "",
            meaning_of(indicator, pack)))
    return rows


# ------------------------------------------------------------------------------------ the local care market

def care_market_sentences(analysis: Analysis, year: str, printer: Printer) -> list[str]:
    """A sentence for each care market measure (the share of care homes rated Good or Outstanding): its
    figure for the year and what it is, the year before, and the target and how we did."""
    pack = analysis.pack
    settings, locale = control(pack), printer.locale
    sentences = []
    for measure in _years(analysis, year, pack.settings.local_account.care_market):
        indicator = measure.indicator
        this, this_text = _year_figure(indicator, measure.this, settings, locale)
        if this is None:
            sentences.append(f"{indicator.title}: there is no figure we can publish for {year}.")
            continue
        sentence = f"{indicator.title}: {this_text} ({measure.words(locale)})"
        last, last_text = _year_figure(indicator, measure.last, settings, locale)
        if last is not None:
            sentence += f", compared with {last_text} a year before"
        sentence += "."
        if measure.target is not None:
            sentence += (f" Our target is {format_value(measure.target, indicator.unit, indicator.decimals, locale)}"
                         f". {result_sentence(measure, published=True)}")
        sentences.append(sentence)
    return sentences


# ------------------------------------------------------------------------------------ how we compare

@dataclass(frozen=True)
class CompareRow:
    indicator: Indicator
    benchmark: Benchmark
    ours: str
    england: str
    rank: str            # '52 of 153', or 'Not ranked'
    group: str           # the heading it is listed under (BETTER ... NO_ENGLAND)


def compare_rows(analysis: Analysis, printer: Printer) -> tuple[str | None, list[tuple[str, list[CompareRow]]]]:
    """Every indicator with a published comparison (its latest, as the analysis chose it), grouped better /
    similar / worse than England (and neither, for neutral measures), each group in rank order (best first);
    with the latest benchmark year."""
    pack = analysis.pack
    settings, locale = control(pack), printer.locale
    rows = []
    for item in analysis.indicators:
        indicator, benchmark = item.indicator, item.benchmark
        if benchmark is None:
            continue

        def text(value: float | None, _i: Indicator = indicator) -> str:
            return format_value(value, _i.unit, _i.decimals, locale)

        shown = disclosure.protect_indicator(indicator.unit.value, benchmark.council,
                                             benchmark.council_denominator, settings, locale)
        ours = text(benchmark.council) if shown is None else shown.text
        rank = (f"{format_number(benchmark.rank, 0, locale)} of {format_number(benchmark.rank_of, 0, locale)}"
                if benchmark.rank is not None and benchmark.rank_of is not None else "Not ranked")
        rows.append(CompareRow(indicator, benchmark, ours, text(benchmark.england), rank,
                               group_of(indicator, item.england)))
    if not rows:
        return None, []
    groups = []
    for heading in GROUP_ORDER:
        found = [r for r in rows if r.group == heading]
        if heading != NO_ENGLAND:
            found.sort(key=lambda r: (r.benchmark.rank is None, r.benchmark.rank or 0, r.indicator.title))
        if found:
            groups.append((heading, found))
    return max(r.benchmark.year for r in rows), groups


def group_of(indicator: Indicator, england: EnglandComparison | None) -> str:
    """Where a measure is listed: better, similar or worse only where the analysis judged it with an interval;
    a measure where neither way is better; one without an interval (higher or lower, not tested)."""
    if england is None:
        return NO_ENGLAND
    if indicator.polarity is Polarity.NEUTRAL:
        return NEITHER
    if not england.statistical:
        return UNTESTED
    return {Comparison.BETTER: BETTER, Comparison.SIMILAR: SIMILAR, Comparison.WORSE: WORSE}[england.comparison]


def compare_summary(groups: list[tuple[str, list[CompareRow]]], locale: str) -> str:
    """'Of 10 measures, we do better than England on 3, similar on 3 and worse on 4.'"""
    count = {heading: len(rows) for heading, rows in groups}
    total = sum(count.values())
    better, similar, worse = (count.get(heading, 0) for heading in (BETTER, SIMILAR, WORSE))

    def n(value: int) -> str:
        return format_number(value, 0, locale)

    untested = count.get(UNTESTED, 0)
    cannot = (f" For {n(untested)}, there is not enough published detail to test whether the difference is more "
              "than chance." if untested else "")
    return (f"Of these {n(total)} measures, we do better than the England average on {n(better)}, about the same "
            f"on {n(similar)} and worse on {n(worse)}.{cannot}")


# ------------------------------------------------------------------------------------------------ charts

def people_tables(pack: PackData, printer: Printer) -> tuple[PeopleTable | None, PeopleTable | None]:
    """People supported by age group and by main support need, as published."""
    settings, locale = control(pack), printer.locale
    return (people_table(pack.activity_by_age, "Age group", settings, locale),
            people_table(pack.activity, "Main support need", settings, locale))


def local_account_charts(pack: PackData, printer: Printer) -> list[BarChart]:
    """The Local Account's charts, from the published (disclosure-controlled) figures: people by age group
    and by support need, spending by area and money received."""
    charts = []
    age, need = people_tables(pack, printer)
    for table, name, title, by, largest_first in (
            (age, AGE_FIGURE, "People supported by age group", "by age group", False),
            (need, NEED_FIGURE, "People supported by their main support need", "by their main support need",
             True)):
        if table is not None:
            amounts, withheld = chart_data(table)
            totals = tuple(cell.text for cell in table.shown.column_totals or [])
            charts.append(breakdown_chart(amounts, title, "people", printer, name=name, by=by, withheld=withheld,
                                          largest_first=largest_first, total_texts=totals))
    if pack.finance:
        charts.append(breakdown_chart(tuple(pack.finance), "What we spent", "money", printer, name=SPEND_FIGURE,
                                      by="by area of spending"))
    if pack.income:
        charts.append(breakdown_chart(tuple(pack.income), "Money we received", "money", printer, name=INCOME_FIGURE,
                                      by="by where it came from", measure="Money received, £ million"))
    return charts
