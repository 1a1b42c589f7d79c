"""The figures behind a page's charts: as records (for the data table beside each chart) and as one CSV file.

``chart_records(chart)`` is the one place that reads a chart's data for a table; ``figures_csv(charts)`` writes
every chart's records as CSV that is safe to open in a spreadsheet (``files.csv_text``: a text cell that a
spreadsheet would read as a formula gets a leading apostrophe; numbers are bare numbers). Every figure is
the one the chart prints (disclosure control has already been applied to the spec).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..content.alt_text import month_range, point_label
from ..content.charts import NOT_JUDGED, BarChart, LineChart
from ..files import csv_text
from .svg import MEAN_LABEL, SERIES_LABEL

HEADER = ("Chart", "Category or period", "Series", "Value", "Text", "Note")


@dataclass(frozen=True)
class Record:
    """One figure of a chart. ``kind`` is 'value' (a point or a bar), 'target', 'mean', 'upper', 'lower' or
    'reference'; ``note`` holds an SPC point's meaning, or the heading a bar sits under."""

    chart: str
    category: str
    series: str
    value: float | None
    text: str
    note: str = ""
    kind: str = "value"


def chart_records(chart: LineChart | BarChart) -> list[Record]:
    """Every figure the chart shows, in the order it shows them: points or bars, then the target, each
    stage's mean and process limits, and the reference line."""
    return list(_line_records(chart) if isinstance(chart, LineChart) else _bar_records(chart))


def _line_records(chart: LineChart) -> Iterator[Record]:
    title = chart.title
    for i, value in enumerate(chart.values):
        note = "" if not chart.spc or value is None else chart.meanings[i].legend if chart.stages else NOT_JUDGED
        period = point_label(chart.periods[i], chart.printer.locale, chart.frequency)
        yield Record(title, period, SERIES_LABEL, value, chart.texts[i] or "No data", note)
    if chart.target is not None:
        yield Record(title, "Every period", "Target", chart.target, chart.target_text, kind="target")
    for stage in chart.stages:
        period = month_range(chart.periods[stage.start:stage.stop], chart.printer.locale, chart.frequency)
        yield Record(title, period, MEAN_LABEL, stage.mean, stage.mean_text, kind="mean")
        yield Record(title, period, "Upper process limit", stage.upper, stage.upper_text, kind="upper")
        yield Record(title, period, "Lower process limit", stage.lower, stage.lower_text, kind="lower")


def _bar_records(chart: BarChart) -> Iterator[Record]:
    title = chart.title
    heading = ""
    for bar in chart.bars:
        if bar.heading:
            heading = bar.label
            continue
        for series, value, text in zip(chart.series, bar.values, bar.texts):
            yield Record(title, bar.label, series or "Figure", value, text, heading)
    if chart.reference is not None:
        yield Record(title, "", "Reference line", chart.reference.value, chart.reference.label, kind="reference")


def figures_csv(charts: Sequence[LineChart | BarChart]) -> bytes:
    """The figures of every chart, a row each under a header row, as UTF-8 with a byte order mark (so that
    a spreadsheet shows '£' as it is) and Windows line endings."""
    rows = [(r.chart, r.category, r.series, r.value, r.text, r.note) for chart in charts for r in chart_records(chart)]
    return csv_text([HEADER, *rows], lineterminator="\r\n").encode("utf-8-sig")
