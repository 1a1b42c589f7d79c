"""The dashboard as printed: one row of formatted strings per indicator, read from the analysis and shared by
the `summary` command, the Word dashboard and the regional return."""

from __future__ import annotations

from dataclasses import dataclass

from .analysis import Analysis, IndicatorAnalysis
from .analysis.assessment import Assessment
from .formatting import format_month, format_reporting_period, indicator_value
from .model import Frequency, Polarity

SUMMARY_COLUMNS = ("theme", "id", "title", "previous", "latest", "target", "rag", "direction",
                   "latest_period", "previous_period", "variation", "assurance")
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
    analysis: IndicatorAnalysis

    @property
    def assessment(self) -> Assessment:
        return self.analysis.assessment

    def summary_cells(self, with_arrow: bool) -> list[str]:
        direction = f"{self.arrow} {self.direction}".strip() if with_arrow else self.direction
        latest = f"{self.latest} ({NO_NEW_DATA})" if self.no_new_data else self.latest
        return [self.theme, self.id, self.title, self.previous, latest, self.target, self.rag, direction,
                self.latest_period, self.previous_period, self.variation, self.assurance]

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


def dashboard_row(item: IndicatorAnalysis, locale: str) -> DashboardRow:
    assessment, indicator = item.assessment, item.indicator
    latest, previous = assessment.latest_figure, assessment.previous_figure
    return DashboardRow(
        theme=indicator.theme, id=indicator.id, title=indicator.title, ascof=indicator.ascof,
        previous=indicator_value(indicator, assessment.previous, locale),
        previous_period=format_reporting_period(previous.period, locale) if previous else "",
        latest=indicator_value(indicator, assessment.latest, locale),
        latest_period=format_reporting_period(latest.period, locale) if latest else "",
        no_new_data=assessment.no_new_data,
        target=NO_TARGET if indicator.target is None else indicator_value(indicator, indicator.target, locale),
        rag=assessment.rag.value,
        arrow=assessment.direction.arrow if assessment.direction else "",
        direction=_direction_word(assessment),
        variation=item.variation.label if item.variation else "",
        assurance=_assurance_text(item),
        variation_note=_spc_note(item), assurance_note=_assurance_note(item),
        commentary=assessment.commentary, analysis=item)


def dashboard_rows(analysis: Analysis) -> list[DashboardRow]:
    """Every indicator, in catalogue (and so theme) order."""
    return [dashboard_row(item, analysis.pack.settings.locale) for item in analysis.indicators]


def column_headers(analysis: Analysis) -> tuple[str, str]:
    """The previous and latest columns' headers: the previous report's month and the reporting month."""
    locale = analysis.pack.settings.locale
    previous = format_month(analysis.previous_period, locale) if analysis.previous_period else "Previous"
    return previous, format_month(analysis.period, locale)

