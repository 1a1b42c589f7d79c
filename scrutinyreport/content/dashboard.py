"""The dashboard as printed: one row of formatted strings per indicator, read from the analysis and shared by
the `summary` command, the Word dashboard and the regional return."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..analysis import Analysis, IndicatorAnalysis
from ..analysis.assessment import Assessment
from ..analysis.benchmarks import Comparison
from ..analysis.spc import SignalKind
from ..analysis.year_end import YearFigure
from ..formatting import Printer
from ..model import Frequency, Indicator, Polarity
from .figure_names import IndicatorFigure

SUMMARY_COLUMNS = ("theme", "id", "title", "previous", "latest", "target", "rag", "direction",
                   "latest_period", "previous_period", "variation", "assurance", "england", "comparison")
YEAR_COLUMNS = ("theme", "id", "title", "last_year", "this_year", "target", "rag", "direction", "basis")
NO_TARGET = "No target"
NO_NEW_DATA = "no new data"


@dataclass(frozen=True)
class DashboardRow:
    """One indicator as every output prints it."""

    theme: str
    id: str
    title: str
    ascof: str
    previous: str            # '82.8%', or 'No data'
    previous_period: str     # 'August 2026', 'Q1 2026/27', '2024/25'; '' without a figure
    latest: str
    latest_period: str
    no_new_data: bool        # the latest figure is older than the period the report expects
    target: str              # '77.5%', or 'No target'
    rag: str
    arrow: str
    direction: str           # 'Improving' ...; 'No earlier figure'; 'No data'
    variation: str           # 'Common cause variation' ...; '' where SPC does not apply
    assurance: str
    variation_note: str      # why there is no variation reading: 'Too few points', 'Annual figure', ...
    assurance_note: str      # why there is no assurance reading: 'No target', 'Not judged: process changing' ...
    commentary: str
    england: str             # England's figure in the latest published comparison; '' without one
    comparison: str          # how the council compares, as printed: 'Better', 'Similar', 'Higher (not tested)'
    analysis: IndicatorAnalysis

    @property
    def name(self) -> str:
        """The indicator as the tables name it (with its ASCOF code)."""
        return indicator_name(self.analysis.indicator)

    @property
    def assessment(self) -> Assessment:
        return self.analysis.assessment

    def summary_cells(self, with_arrow: bool) -> list[str]:
        direction = f"{self.arrow} {self.direction}".strip() if with_arrow else self.direction
        latest = f"{self.latest} ({NO_NEW_DATA})" if self.no_new_data else self.latest
        return [self.theme, self.id, self.title, self.previous, latest, self.target, self.rag, direction,
                self.latest_period, self.previous_period, self.variation, self.assurance, self.england,
                self.comparison]

    def latest_cell(self, header: str) -> str:
        """The latest value for a table whose column is headed ``header`` (e.g. 'September 2026'): its own
        period is added where it differs ('Q2 2026/27'), with 'no new data' where the figure is late."""
        return _with_period(self.latest, self.latest_period, header, self.no_new_data)

    def previous_cell(self, header: str) -> str:
        return _with_period(self.previous, self.previous_period, header, False)


def _with_period(value: str, period: str, header: str, late: bool) -> str:
    notes = [period] if period and period != header else []
    if late:
        notes.append(NO_NEW_DATA)
    return f"{value} ({', '.join(notes)})" if notes else value


def _direction_word(assessment: Assessment) -> str:
    if assessment.direction is not None:
        return assessment.direction.word
    return "No data" if assessment.latest is None else "No earlier figure"


def _spc_note(item: IndicatorAnalysis) -> str:
    indicator = item.indicator
    if item.assessment.latest is None:
        return "No data"
    if indicator.frequency is Frequency.ANNUAL:
        return "Annual figure"
    if indicator.cumulative:
        return "Year-to-date total"
    if indicator.rolling_months:
        return "Rolling figure"
    if item.spc_result is not None and item.spc_result.trial:
        return "Too few points since the change"
    if not item.judged:
        return "Too few points"
    return ""


def _assurance_note(item: IndicatorAnalysis) -> str:
    indicator = item.indicator
    if indicator.target is None or indicator.polarity is Polarity.NEUTRAL:
        return "No target"
    result = item.spc_result
    if item.judged and result is not None and result.assurance_withheld:
        return "Not judged while the process is changing"
    return _spc_note(item)


def _assurance_text(item: IndicatorAnalysis) -> str:
    return item.assurance.label.split(":")[0] if item.assurance else ""


def dashboard_row(item: IndicatorAnalysis, printer: Printer) -> DashboardRow:
    assessment, indicator = item.assessment, item.indicator
    latest, previous = assessment.latest_figure, assessment.previous_figure
    return DashboardRow(
        theme=indicator.theme, id=indicator.id, title=indicator.title, ascof=indicator.ascof,
        previous=printer.indicator_value(indicator, assessment.previous),
        previous_period=printer.reporting_period(previous.period) if previous else "",
        latest=printer.indicator_value(indicator, assessment.latest),
        latest_period=printer.reporting_period(latest.period) if latest else "",
        no_new_data=assessment.no_new_data,
        target=NO_TARGET if indicator.target is None else printer.indicator_value(indicator, indicator.target),
        rag=assessment.rag.value,
        arrow=assessment.direction.arrow if assessment.direction else "",
        direction=_direction_word(assessment),
        variation=item.variation.label if item.variation else "",
        assurance=_assurance_text(item),
        variation_note=_spc_note(item), assurance_note=_assurance_note(item),
        commentary=assessment.commentary,
        england=printer.indicator_value(indicator, item.benchmark.england) if item.benchmark else "",
        comparison=verdict(item) if item.benchmark else "", analysis=item)


def dashboard_rows(analysis: Analysis, printer: Printer) -> list[DashboardRow]:
    """Every indicator, in catalogue (and so theme) order."""
    return [dashboard_row(item, printer) for item in analysis.indicators]


def column_headers(analysis: Analysis, printer: Printer) -> tuple[str, str]:
    """The previous and latest columns' headers: the previous report's month and the reporting month."""
    previous = printer.month(analysis.previous_period) if analysis.previous_period else "Previous"
    return previous, printer.month(analysis.period)



# ---------------------------------------------------------------- the Word table's columns, defined once

Headers = tuple[str, str]   # the previous and latest columns' headers


@dataclass(frozen=True)
class Column:
    """One column of the dashboard's theme tables: its header ('{previous}' and '{latest}' are filled with
    the months), relative width, alignment, and the text of a row's cell. ``icon`` names the figure shown
    instead of the text where the figure exists; ``rag`` cells are shaded by RAG."""

    header: str
    width_cm: float
    align: str | None
    text: Callable[[DashboardRow, Headers], str]
    icon: IndicatorFigure | None = None
    rag: bool = False

    def heading(self, headers: Headers) -> str:
        return self.header.format(previous=headers[0], latest=headers[1])


def indicator_name(indicator: Indicator) -> str:
    """The indicator as tables name it: its title, with its ASCOF code where it has one."""
    return f"{indicator.title} (ASCOF {indicator.ascof})" if indicator.ascof else indicator.title


COLUMNS: tuple[Column, ...] = (
    Column("Indicator", 10.6, None, lambda row, _: indicator_name(row.analysis.indicator)),
    Column("Direction of travel", 2.3, None, lambda row, _: f"{row.arrow} {row.direction}".strip()),
    Column("RAG", 1.6, "center", lambda row, _: row.rag, rag=True),
    Column("Target", 1.7, "right", lambda row, _: row.target),
    Column("{previous}", 2.5, "right", lambda row, headers: row.previous_cell(headers[0])),
    Column("{latest}", 2.5, "right", lambda row, headers: row.latest_cell(headers[1])),
    Column("Variation", 2.0, "center", lambda row, _: row.variation_note, icon=IndicatorFigure.VARIATION_ICON),
    Column("Assurance", 2.4, "center", lambda row, _: row.assurance_note, icon=IndicatorFigure.ASSURANCE_ICON),
)


ANALYSIS_LABEL = "Analysis: "     # printed before a row's analysis, under the indicator's name


def split_indicator_cell(text: str) -> tuple[str, str]:
    """The indicator cell's text as read back (paragraphs joined by newlines): its name, and its analysis
    without the label ('' when there is none)."""
    name, _, rest = text.partition("\n")
    rest = " ".join(rest.split())
    if rest.startswith(ANALYSIS_LABEL.strip()):
        rest = rest[len(ANALYSIS_LABEL.strip()):].strip()
    return " ".join(name.split()), rest


def generated_note(row: DashboardRow, printer: Printer) -> str:
    """The part of the analysis the dashboard writes itself: for a year-to-date figure, what it is and what
    it is compared with ('' for other figures)."""
    assessment = row.assessment
    indicator = assessment.indicator
    if not indicator.cumulative or assessment.latest is None:
        return ""

    def text(value: float | None) -> str:
        return printer.describe(value, indicator.unit, indicator.decimals)
    month = "" if assessment.month_only is None else \
        f", of which {text(assessment.month_only)} in {printer.month(assessment.period)}"
    earlier = f" ({row.previous_period}: {text(assessment.previous)})" if row.previous_period else ""
    return (f"Year to date from April: {text(assessment.latest)}{month}. Direction compares with the "
            f"same month last year{earlier}.")


def analysis_note(row: DashboardRow, printer: Printer) -> str:
    """The analysis printed under the indicator: the officer's commentary, and for a year-to-date figure what
    it is compared with."""
    commentary = row.assessment.commentary
    return " ".join(part for part in (commentary, generated_note(row, printer)) if part)


def printed_analysis(row: DashboardRow, printer: Printer) -> str:
    """The analysis as the dashboard prints it after its label: the note, without an "Analysis:" label the
    officer typed into the commentary ('' when there is none)."""
    note = analysis_note(row, printer)
    label, _, rest = note.partition(":")
    if label.strip().lower() == "analysis" and rest:
        return rest.strip()
    return note


# ---------------------------------------------------------------- sentences for the charts

_STATUS = {"Green": "on target", "Amber": "close to target", "Red": "off target"}
_READING = {
    SignalKind.COMMON: "within the usual ups and downs",
    SignalKind.IMPROVEMENT: "a real improvement, not chance",
    SignalKind.CONCERN: "a real change for the worse, not chance",
    SignalKind.NEITHER: "a real change, not chance",
}


def chart_reading(row: DashboardRow, headers: Headers) -> str:
    """One sentence a councillor can read under the chart: where the figure is against its target, how it
    moved, and whether the movement is real. Periods are named only where they are not the columns' months:
    'Red (off target): 352 against a target of 300, worsening from 341; within the usual ups and downs.'"""
    assessment = row.assessment
    if assessment.latest is None:
        return "No figure for this period."
    status = f"{row.rag} ({_STATUS[row.rag]})" if row.rag in _STATUS else "No target"
    where = row.latest_cell(headers[1])
    target = f" against a target of {row.target}" if row.rag in _STATUS else ""
    movement = ""
    if assessment.direction is not None and row.previous_period:
        verb = row.direction.lower() if row.direction != "No change" else "unchanged"
        movement = f", {verb} from {row.previous_cell(headers[0])}"
    reading = f"; {_READING[row.analysis.variation.kind]}" if row.analysis.variation is not None else ""
    return f"{status}: {where}{target}{movement}{reading}."


# ---------------------------------------------------------------- comparisons with England

_VERDICT = {Comparison.BETTER: "Better", Comparison.SIMILAR: "Similar", Comparison.WORSE: "Worse",
            Comparison.HIGHER: "Higher", Comparison.LOWER: "Lower", Comparison.SAME: "Same"}
NOT_TESTED = " (not tested)"


def verdict(item: IndicatorAnalysis) -> str:
    """How the council compares with England, as every table prints it: 'Better', 'Similar' or 'Worse' only
    where judged with an interval ('Higher' or 'Lower' for a measure where neither is better); without one,
    'Higher (not tested)', 'Lower (not tested)' or 'Same (not tested)'; 'Not compared' without England's
    figure."""
    if item.england is None:
        return "Not compared"
    word = _VERDICT[item.england.comparison]
    return word if item.england.statistical else word + NOT_TESTED


@dataclass(frozen=True)
class ComparisonRow:
    """One benchmarked indicator as the comparison table prints it."""

    id: str
    title: str
    year: str
    council: str
    england: str
    region: str
    comparator: str
    rank: str            # '74 of 153'; '' without a rank
    verdict: str         # 'Better', 'Similar', 'Worse' than England ('Higher'/'Lower' where neither is better)
    worse: bool
    analysis: IndicatorAnalysis


def comparison_rows(analysis: Analysis, printer: Printer) -> list[ComparisonRow]:
    """Every benchmarked indicator, in catalogue order, with its most recent comparison."""
    rows = []
    for item in analysis.indicators:
        benchmark = item.benchmark
        if benchmark is None:
            continue
        indicator = item.indicator

        def text(value: float | None) -> str:
            return printer.indicator_value(indicator, value)  # noqa: B023 - called within this iteration only
        rank = f"{printer.number(benchmark.rank)} of {printer.number(benchmark.rank_of)}" \
            if benchmark.rank and benchmark.rank_of else ""
        rows.append(ComparisonRow(
            id=indicator.id, title=indicator_name(indicator), year=benchmark.year,
            council=text(benchmark.council), england=text(benchmark.england), region=text(benchmark.region),
            comparator=text(benchmark.comparator), rank=rank,
            verdict=verdict(item),
            worse=item.worse_than_england, analysis=item))
    return rows


# ---------------------------------------------------------------- the year's position (summary --year)

@dataclass(frozen=True)
class YearRow:
    """One indicator's financial year against the year before, as ``summary --year`` prints it."""

    theme: str
    id: str
    title: str
    last_year: str
    this_year: str
    target: str
    rag: str
    direction: str
    basis: str

    def cells(self) -> list[str]:
        return [self.theme, self.id, self.title, self.last_year, self.this_year, self.target, self.rag,
                self.direction, self.basis]


def year_rows(analysis: Analysis, year: str, printer: Printer) -> list[YearRow]:
    """Every indicator's year ('2025/26') by its year basis, in catalogue order; values as printed, with the
    period a figure covers where it is not the whole year ('61.2% (April 2025 to September 2026 ...)')."""
    measures = analysis.at_year_end(year)
    rows = []
    for item in analysis.indicators:
        indicator = item.indicator
        measure = measures[indicator.id]

        def text(figure: YearFigure, _i: Indicator = indicator) -> str:
            value = printer.indicator_value(_i, figure.value)
            if not figure.partial or figure.value is None:
                return value
            words = figure.words(printer.locale)   # '... to March 2026 (11 of 12 months)': one level of brackets
            return f"{value} ({words.replace(' (', ': ').removesuffix(')')})" if words.endswith(")") \
                else f"{value} ({words})"
        rows.append(YearRow(
            theme=indicator.theme, id=indicator.id, title=indicator.title, last_year=text(measure.last),
            this_year=text(measure.this),
            target=NO_TARGET if measure.target is None else printer.indicator_value(indicator, measure.target),
            rag=measure.rag.value, direction=measure.direction.word if measure.direction else "",
            basis=measure.basis.value))
    return rows
