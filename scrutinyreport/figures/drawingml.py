"""Chart specs written as native Word charts (DrawingML): the chart part and the workbook behind Word's
"Edit Data", for ``word/charts.py`` to place. No matplotlib: a pack of native charts never imports it.

Every spec field is read in ``_line_plot`` and ``_bar_plot``, which turn a spec into a ``_Plot``: categories
and series with their colours, line styles, markers and labels, the value axis, the size. The XML and the
workbook are written from the ``_Plot`` alone.

What the charts hold, and why (LibreOffice draws the PDF, Word is where reviewers edit):

- Special-cause points are marker-only series, one per meaning, each with its own legend entry: LibreOffice
  ignores a per-point colour (``c:dPt``) on a line, and a legend names the meaning, so it is never colour
  alone. The mean and the process limits are series of their own for each stage, blank outside it, so the
  lines stop and restart at a deliberate change; the target is a dashed series.
- A line breaks only at a blank cell, so a year-to-date line that restarts each April is shared out among
  as few series as keep every break.
- The title is the spec's title only: LibreOffice draws a whole title in its first run's format, so the
  subtitle is left to the document.
- Colours are explicit RGB (LibreOffice does not resolve theme colours in chart parts); text is sized for
  print; elements come in the schema's order (Word repairs or refuses a part out of order); the same spec
  gives the same bytes (fixed axis ids, the workbook's zip re-written with fixed dates).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from ..content.alt_text import unit_phrase
from ..content.charts import NOT_JUDGED, SCORE_SCALE, BarChart, BarKind, LineChart, Meaning
from ..model import Unit
from . import palette
from .rendered import NativeChart

_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = {"c": _C, "a": _A, "r": _R}

SHEET = "Sheet1"
WORKBOOK_RID = "rId1"           # the chart part's relationship to its embedded workbook
FONT = "Arial"                  # metric-compatible stand-ins exist wherever Word or LibreOffice runs
BODY_PT = 8.0                   # tick labels, legend, data labels, axis titles
TITLE_PT = 10.0
EMU_PER_PT = 12700
AXIS_IDS = (510001, 510002)     # category axis, value axis: any fixed pair keeps the bytes stable
FIXED_TIME = dt.datetime(2000, 1, 1, 0, 0, 0)
CHAR_CM = BODY_PT * 0.019       # a character's average width in Arial at BODY_PT, for layout estimates

LineStyle = Literal["solid", "dash", "dot", "none"]


# ------------------------------------------------------------------------------------------ the plot model

@dataclass(frozen=True)
class _Marker:
    symbol: Literal["circle", "diamond", "square"]
    size: int
    colour: str
    filled: bool = True


@dataclass(frozen=True)
class _Label:
    index: int
    text: str
    bold: bool = False


@dataclass(frozen=True)
class _PointStyle:
    """A bar drawn apart from its series: its fill, and its outline ('none', or a colour and dash)."""

    index: int
    fill: str
    line: str = "none"
    dash: LineStyle = "solid"


@dataclass(frozen=True)
class _Series:
    name: str
    values: tuple[float | None, ...]
    colour: str
    line: LineStyle = "solid"
    width_pt: float = 1.5
    marker: _Marker | None = None
    labels: tuple[_Label, ...] = ()
    point_styles: tuple[_PointStyle, ...] = ()   # bars only
    in_legend: bool = True
    legend_name: str = ""    # the legend's words when they differ from the name (which heads its column)


@dataclass(frozen=True)
class _Axis:
    low: float
    high: float
    number_format: str
    step: float = 1.0
    title: str = ""
    shown: bool = True


@dataclass(frozen=True)
class _Plot:
    kind: Literal["line", "bar"]
    title: str
    category_header: str
    categories: tuple[str, ...]
    series: tuple[_Series, ...]
    axis: _Axis
    width_cm: float
    height_cm: float
    language: str


def native_chart(chart: LineChart | BarChart) -> NativeChart:
    """The spec as a native chart: its part, its workbook, its words and its size."""
    plot = _line_plot(chart) if isinstance(chart, LineChart) else _bar_plot(chart)
    return NativeChart(name=chart.name, chart_xml=_chart_xml(plot), workbook=_workbook(plot),
                       alt_text=chart.alt_text, description=chart.description, title=chart.title,
                       subtitle=chart.subtitle, width_cm=plot.width_cm, height_cm=plot.height_cm)


# ------------------------------------------------------------------------------------------- line charts

_MEANING_MARKERS = {
    Meaning.COMMON: _Marker("circle", 4, palette.COMMON, filled=False),   # LibreOffice: a small filled circle
    Meaning.IMPROVEMENT: _Marker("circle", 6, palette.IMPROVEMENT),
    Meaning.CONCERN: _Marker("diamond", 7, palette.CONCERN),
    Meaning.NEITHER: _Marker("square", 5, palette.NEITHER),
}


def _spans(count: int, restarts: Sequence[int]) -> list[tuple[int, int]]:
    """The parts of a line that join: the whole series, or each year of a year-to-date one."""
    edges = [0, *(r for r in restarts if 0 < r < count), count]
    return [(a, b) for a, b in zip(edges, edges[1:]) if b > a]


def _share_out(spans: Sequence[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Spans shared out among as few series as keep every break: spans that touch (one stops where the next
    starts) cannot share a series, since only a blank cell breaks a line."""
    series: list[list[tuple[int, int]]] = []
    for start, stop in spans:
        for group in series:
            if group[-1][1] < start:
                group.append((start, stop))
                break
        else:
            series.append([(start, stop)])
    return series


def _line_plot(chart: LineChart) -> _Plot:
    """Trend chart: the value line (with small markers, so a point between two gaps still shows), its latest
    value labelled, and the dashed target. SPC chart: the mean and process limits of each stage, the target,
    the value line in grey, and a marker-only series for each meaning present."""
    count = len(chart.values)
    values = chart.values

    def only(positions: Sequence[int] | range, value: float | None = None) -> tuple[float | None, ...]:
        keep = set(positions)
        return tuple((values[i] if value is None else value) if i in keep else None for i in range(count))

    series: list[_Series] = []
    for number, stage in enumerate(chart.stages, start=1):
        span = range(stage.start, min(stage.stop, count))
        suffix, first = ("", True) if number == 1 else (f" (stage {number})", False)
        series += [
            _Series("Mean" + suffix, only(span, stage.mean), palette.DARK_GREY, "solid", 1.0, in_legend=first),
            _Series("Upper process limit" + suffix, only(span, stage.upper), palette.DARK_GREY, "dot", 1.0,
                    in_legend=first, legend_name="Process limits" if first else ""),   # one entry for both
            _Series("Lower process limit" + suffix, only(span, stage.lower), palette.DARK_GREY, "dot", 1.0,
                    in_legend=False),
        ]
    if chart.target is not None:
        series.append(_Series(f"Target {chart.target_text}", only(range(count), chart.target), palette.TARGET,
                              "dash", 1.25))
    name = unit_phrase(chart.unit)   # the value line's name and the value axis's title
    colour, width, marker = (palette.MID_GREY, 1.0, None) if chart.spc else \
        (palette.SERIES, 1.75, _Marker("circle", 4, palette.SERIES))
    for part, spans in enumerate(_share_out(_spans(count, chart.restarts)), start=1):
        positions = [i for start, stop in spans for i in range(start, stop)]
        latest = (_Label(chart.latest, chart.texts[chart.latest], True),) \
            if chart.latest is not None and chart.latest in positions else ()
        series.append(_Series(name if part == 1 else f"{name} (part {part})", only(positions), colour, "solid",
                              width, marker, latest, in_legend=False))
    if chart.spc:
        present = [i for i, v in enumerate(values) if v is not None]
        for meaning, point in _MEANING_MARKERS.items():
            positions = [i for i in present if chart.meanings[i] is meaning]
            if positions:
                label = meaning.legend if chart.stages else NOT_JUDGED
                series.append(_Series(label, only(positions), point.colour, "none", 0.0, point))
    low, high = chart.value_range or (0.0, 1.0)
    step = _major_unit(low, high)
    # the ticks start at the axis's minimum, so the range is widened to whole steps (never below zero for a
    # range that was not)
    low, high = math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step
    axis = _Axis(low, high, _number_format(chart.unit, step), step, name)
    categories = tuple(chart.point_label(i) for i in range(count))
    in_legend = [s.legend_name or s.name for s in series if s.in_legend]
    height = max(chart.height_cm, _title_cm(chart.title, chart.width_cm) + _legend_cm(in_legend, chart.width_cm)
                 + 1.4 + 2.8)
    return _Plot("line", chart.title, "Period", categories, tuple(series), axis, chart.width_cm, round(height, 2),
                 _language(chart.printer.locale))


def _number_format(unit: Unit, step: float) -> str:
    """The value axis's tick format: the unit's, with as many decimals as the step needs."""
    decimals = 0
    while decimals < 3 and abs(step * 10 ** decimals - round(step * 10 ** decimals)) > 1e-9:
        decimals += 1
    number = "#,##0" + ("." + "0" * decimals if decimals else "")
    if unit is Unit.PERCENT:
        return number + '"%"'
    if unit is Unit.CURRENCY:
        return '"£"' + number
    return number


# -------------------------------------------------------------------------------------------- bar charts

def _bar_plot(chart: BarChart) -> _Plot:
    """One series per spec series. A comparison colours the council's bar and the others grey; two series
    are the earlier and the later year. Every bar is labelled with its printed text; a missing value's text
    joins its category's label (a label on a blank point is not drawn). Heading rows are categories without
    bars. A reference value is a last row named by its label, its bar outlined with a dash, since a bar chart
    has no line across its bars. The value axis is shown only for scores (1 to 4); elsewhere the labels
    carry the values."""
    if len(chart.series) > 2:
        raise ValueError(f"chart {chart.name!r}: at most two series, not {len(chart.series)}")
    single = len(chart.series) == 1
    colours = (palette.HIGHLIGHT,) if single else (palette.EARLIER, palette.HIGHLIGHT)
    grey_others = chart.kind is BarKind.COMPARISON and any(bar.highlight for bar in chart.bars)
    categories: list[str] = []
    for bar in chart.bars:
        if bar.heading:     # a category label takes one format, so a group's heading is told apart by its case
            categories.append(bar.label.upper())
            continue
        missing = [(name, text) for name, value, text in zip(chart.series, bar.values, bar.texts)
                   if value is None and text and not bar.heading]
        notes = [text if single or not name else f"{name}: {text}" for name, text in missing]
        categories.append(f"{bar.label} ({'; '.join(notes)})" if notes else bar.label)
    if chart.reference is not None:
        categories.append(chart.reference.label)
    series: list[_Series] = []
    for number, (name, colour) in enumerate(zip(chart.series, colours)):
        values: list[float | None] = []
        labels: list[_Label] = []
        styles: list[_PointStyle] = []
        bold_all = chart.kind in (BarKind.MEASURE, BarKind.SCORES) or number == len(chart.series) - 1 > 0
        for index, bar in enumerate(chart.bars):
            value = None if bar.heading else bar.values[number]
            values.append(value)
            if value is None:
                continue
            labels.append(_Label(index, bar.texts[number], bar.highlight or bold_all))
            if grey_others and not bar.highlight:
                styles.append(_PointStyle(index, palette.LIGHT_GREY))
        if chart.reference is not None:
            last = number == len(chart.series) - 1
            values.append(chart.reference.value if last else None)
            if last:
                styles.append(_PointStyle(len(chart.bars), "none", palette.TARGET, "dash"))
        series.append(_Series(name or chart.title, tuple(values), colour, labels=tuple(labels),
                              point_styles=tuple(styles), in_legend=not single))
    plotted = [v for s in series for v in s.values if v is not None]
    if chart.kind is BarKind.SCORES:
        scale = "; ".join(f"{score} {words.replace(chr(10), ' ').lower()}" for score, words in SCORE_SCALE)
        axis = _Axis(0.0, float(len(SCORE_SCALE)), "0", 1.0, f"Score: {scale}")
    else:
        low, high = min([0.0, *plotted]), max([0.0, *plotted])
        span = (high - low) or 1.0
        axis = _Axis(low - (span * 0.2 if low < 0 else 0.0), high + span * 0.2, "General", shown=False)
    rows = len(categories)
    row_cm = (0.62 if chart.kind is BarKind.SCORES else 0.72) if single else 1.05
    label_lines = max((_lines(c, chart.width_cm * 0.3) for c in categories), default=1)
    row_cm = max(row_cm, label_lines * 0.36 + 0.15)
    legend = [] if single else list(chart.series)
    height = _title_cm(chart.title, chart.width_cm) + rows * row_cm + _legend_cm(legend, chart.width_cm) + \
        (1.2 if axis.shown else 0.4)
    return _Plot("bar", chart.title, "Category", tuple(categories), tuple(series), axis,
                 chart.width_cm, round(height, 2), _language(chart.printer.locale))


# ----------------------------------------------------------------------------------------------- layout

def _lines(text: str, width_cm: float, char_cm: float = CHAR_CM) -> int:
    """How many lines the text wraps into at that width (an estimate from its length)."""
    per_line = max(1, int(width_cm / char_cm))
    lines, length = 1, 0
    for word in text.split():
        if length and length + 1 + len(word) > per_line:
            lines, length = lines + 1, len(word)
        else:
            length += (1 if length else 0) + len(word)
    return lines


def _title_cm(title: str, width_cm: float) -> float:
    return _lines(title, width_cm - 0.6, CHAR_CM * TITLE_PT / BODY_PT * 1.1) * 0.48 + 0.35


def _legend_cm(names: Sequence[str], width_cm: float) -> float:
    """The height of a legend at the bottom holding these entries (each with its key)."""
    if not names:
        return 0.0
    rows, used = 1, 0.0
    for name in names:
        entry = len(name) * CHAR_CM + 0.9
        if used and used + entry > width_cm - 0.6:
            rows, used = rows + 1, entry
        else:
            used += entry
    return rows * 0.4 + 0.2


def _major_unit(low: float, high: float) -> float:
    """A round step giving three to six intervals across the axis."""
    span = high - low
    if span <= 0:
        return 1.0
    step = 10.0 ** math.floor(math.log10(span / 5))
    for factor in (1, 2, 2.5, 5, 10):
        if span / (step * factor) <= 6:
            return step * factor
    return step * 10


def _language(locale: str) -> str:
    return locale.replace("_", "-")


# ---------------------------------------------------------------------------------------------- the XML

def _q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{_NS[prefix]}}}{local}"


def _sub(parent: etree._Element, tag: str, val: str | float | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, _q(tag))
    if val is not None:
        element.set("val", str(val))
    for name, value in attrs.items():
        element.set(name, value)
    return element


def _number(value: float) -> str:
    """A value to 15 significant digits, as a spreadsheet holds it (the workbook holds the same)."""
    return f"{value:.15g}"


def _fill(parent: etree._Element, colour: str) -> None:
    if colour == "none":
        _sub(parent, "a:noFill")
    else:
        _sub(_sub(parent, "a:solidFill"), "a:srgbClr", colour.lstrip("#").upper())


def _outline(parent: etree._Element, colour: str, width_pt: float = 0.75, dash: LineStyle = "solid") -> None:
    line = _sub(parent, "a:ln", w=str(round(width_pt * EMU_PER_PT)))
    _fill(line, "none" if dash == "none" else colour)
    if dash in ("dash", "dot"):
        _sub(line, "a:prstDash", "dash" if dash == "dash" else "sysDot")
    _sub(line, "a:round")


def _shape(parent: etree._Element, fill: str | None, line: str | None, width_pt: float = 0.75,
           dash: LineStyle = "solid") -> None:
    """``c:spPr``: the fill and the outline each a colour, 'none', or None (left out)."""
    properties = _sub(parent, "c:spPr")
    if fill is not None:
        _fill(properties, fill)
    if line is not None:
        _outline(properties, line, width_pt, dash)


def _run_properties(parent: etree._Element, tag: str, plot: _Plot, size_pt: float, colour: str,
                    bold: bool = False) -> None:
    props = _sub(parent, tag, lang=plot.language, sz=str(round(size_pt * 100)), b="1" if bold else "0")
    _fill(props, colour)
    _sub(props, "a:latin", typeface=FONT)
    _sub(props, "a:cs", typeface=FONT)


def _body(parent: etree._Element, rotation: int | None) -> None:
    body = _sub(parent, "a:bodyPr")
    if rotation is not None:
        body.set("rot", str(rotation))
        body.set("vert", "horz")
    _sub(parent, "a:lstStyle")


def _text_properties(parent: etree._Element, plot: _Plot, colour: str = palette.TEXT,
                     rotation: int | None = None) -> None:
    text = _sub(parent, "c:txPr")
    _body(text, rotation)
    paragraph = _sub(text, "a:p")
    _run_properties(_sub(paragraph, "a:pPr"), "a:defRPr", plot, BODY_PT, colour)
    _sub(paragraph, "a:endParaRPr", lang=plot.language)


def _rich(parent: etree._Element, plot: _Plot, text: str, size_pt: float, bold: bool, colour: str,
          rotation: int | None = None) -> None:
    """``c:tx/c:rich``: one paragraph of one run."""
    rich = _sub(_sub(parent, "c:tx"), "c:rich")
    _body(rich, rotation)
    paragraph = _sub(rich, "a:p")
    _run_properties(_sub(paragraph, "a:pPr"), "a:defRPr", plot, size_pt, colour, bold)
    run = _sub(paragraph, "a:r")
    _run_properties(run, "a:rPr", plot, size_pt, colour, bold)
    _sub(run, "a:t").text = text


def _column(index: int) -> str:
    """Spreadsheet column letters for a 0-based column index."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _ref(column: int, first: int, last: int | None = None) -> str:
    letter = _column(column)
    return f"{SHEET}!${letter}${first}" + (f":${letter}${last}" if last is not None else "")


def _string_ref(parent: etree._Element, formula: str, texts: Sequence[str]) -> None:
    ref = _sub(parent, "c:strRef")
    _sub(ref, "c:f").text = formula
    cache = _sub(ref, "c:strCache")
    _sub(cache, "c:ptCount", len(texts))
    for index, text in enumerate(texts):
        _sub(_sub(cache, "c:pt", idx=str(index)), "c:v").text = text


def _number_ref(parent: etree._Element, formula: str, values: Sequence[float | None]) -> None:
    ref = _sub(parent, "c:numRef")
    _sub(ref, "c:f").text = formula
    cache = _sub(ref, "c:numCache")
    _sub(cache, "c:formatCode").text = "General"
    _sub(cache, "c:ptCount", len(values))
    for index, value in enumerate(values):
        if value is not None:           # a blank cell: no point (the line breaks here)
            _sub(_sub(cache, "c:pt", idx=str(index)), "c:v").text = _number(value)


_FLAGS = ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent", "showBubbleSize")


def _labels(parent: etree._Element, plot: _Plot, labels: Sequence[_Label], position: str) -> None:
    """Data labels with the printed text of the given points only (custom rich text per point)."""
    if not labels:
        return
    group = _sub(parent, "c:dLbls")
    for label in labels:
        item = _sub(group, "c:dLbl")
        _sub(item, "c:idx", label.index)
        _rich(item, plot, label.text, BODY_PT, label.bold, palette.TEXT)
        _shape(item, "none", "none")
        _sub(item, "c:dLblPos", position)
        for flag in _FLAGS:
            _sub(item, f"c:{flag}", 1 if flag == "showVal" else 0)
    _shape(group, "none", "none")
    _text_properties(group, plot)
    for flag in _FLAGS:
        _sub(group, f"c:{flag}", 0)


def _series(parent: etree._Element, plot: _Plot, index: int, item: _Series) -> None:
    element = _sub(parent, "c:ser")
    _sub(element, "c:idx", index)
    _sub(element, "c:order", index)
    if item.legend_name:      # the legend's own words, not the column's header
        _sub(_sub(element, "c:tx"), "c:v").text = item.legend_name
    else:
        _string_ref(_sub(element, "c:tx"), _ref(index + 1, 1), [item.name])
    last_row = len(plot.categories) + 1
    if plot.kind == "line":
        _shape(element, None, item.colour, item.width_pt, item.line)
        marker = _sub(element, "c:marker")
        if item.marker is None:
            _sub(marker, "c:symbol", "none")
        else:
            _sub(marker, "c:symbol", item.marker.symbol)
            _sub(marker, "c:size", item.marker.size)
            _shape(marker, item.marker.colour if item.marker.filled else "none", item.marker.colour, 1.0)
        _labels(element, plot, item.labels, "t")
    else:
        _shape(element, item.colour, "none")
        _sub(element, "c:invertIfNegative", 0)
        for style in item.point_styles:     # every c:dPt before c:dLbls
            point = _sub(element, "c:dPt")
            _sub(point, "c:idx", style.index)
            _sub(point, "c:invertIfNegative", 0)
            _sub(point, "c:bubble3D", 0)
            _shape(point, style.fill, style.line, 1.25, style.dash)
        _labels(element, plot, item.labels, "outEnd")
    _string_ref(_sub(element, "c:cat"), _ref(0, 2, last_row), plot.categories)
    _number_ref(_sub(element, "c:val"), _ref(index + 1, 2, last_row), item.values)
    if plot.kind == "line":
        _sub(element, "c:smooth", 0)


def _axes(plot_area: etree._Element, plot: _Plot) -> None:
    category_id, value_id = AXIS_IDS
    bar = plot.kind == "bar"
    grey = palette.SECONDARY_TEXT

    axis = _sub(plot_area, "c:catAx")
    _sub(axis, "c:axId", category_id)
    _sub(_sub(axis, "c:scaling"), "c:orientation", "maxMin" if bar else "minMax")
    _sub(axis, "c:delete", 0)
    _sub(axis, "c:axPos", "l" if bar else "b")
    _sub(axis, "c:numFmt", formatCode="General", sourceLinked="1")
    _sub(axis, "c:majorTickMark", "none")
    _sub(axis, "c:minorTickMark", "none")
    _sub(axis, "c:tickLblPos", "low")
    _shape(axis, None, palette.MID_GREY, 0.75)
    # bars: rot="0" makes LibreOffice wrap a long label rather than hide every other one; lines: no rotation
    # given, so LibreOffice turns month labels that do not fit and Word skips some (tickLblSkip)
    _text_properties(axis, plot, rotation=0 if bar else None)
    _sub(axis, "c:crossAx", value_id)
    _sub(axis, "c:crosses", "autoZero")
    _sub(axis, "c:auto", 1)
    _sub(axis, "c:lblAlgn", "ctr")
    _sub(axis, "c:lblOffset", 100)
    if not bar:
        skip = _label_skip(plot.categories, plot.width_cm)
        _sub(axis, "c:tickLblSkip", skip)
        _sub(axis, "c:tickMarkSkip", skip)
    _sub(axis, "c:noMultiLvlLbl", 1)

    axis = _sub(plot_area, "c:valAx")
    _sub(axis, "c:axId", value_id)
    scaling = _sub(axis, "c:scaling")
    _sub(scaling, "c:orientation", "minMax")
    _sub(scaling, "c:max", _number(plot.axis.high))
    _sub(scaling, "c:min", _number(plot.axis.low))
    _sub(axis, "c:delete", 0 if plot.axis.shown else 1)
    _sub(axis, "c:axPos", "b" if bar else "l")
    if plot.axis.shown:
        _shape(_sub(axis, "c:majorGridlines"), None, palette.GRID, 0.75)
    if plot.axis.title and plot.axis.shown:
        title = _sub(axis, "c:title")
        _rich(title, plot, plot.axis.title, BODY_PT, False, grey, rotation=None if bar else -5400000)
        _sub(title, "c:overlay", 0)
    _sub(axis, "c:numFmt", formatCode=plot.axis.number_format, sourceLinked="0")
    _sub(axis, "c:majorTickMark", "none")
    _sub(axis, "c:minorTickMark", "none")
    _sub(axis, "c:tickLblPos", "nextTo")
    _shape(axis, None, "none")
    _text_properties(axis, plot, colour=grey)
    _sub(axis, "c:crossAx", category_id)
    _sub(axis, "c:crosses", "max" if bar else "autoZero")   # bars: the value axis below the last category
    _sub(axis, "c:crossBetween", "between")
    _sub(axis, "c:majorUnit", _number(plot.axis.step))


def _label_skip(labels: Sequence[str], width_cm: float) -> int:
    """Every how many categories a label fits across the plot without overlapping (Word reads it)."""
    widest_cm = max((len(label) for label in labels), default=1) * CHAR_CM + 0.35
    fit = max(1, int((width_cm - 2.2) / widest_cm))
    return max(1, math.ceil(len(labels) / fit))


def _chart_element(space: etree._Element, plot: _Plot) -> None:
    chart = _sub(space, "c:chart")
    title = _sub(chart, "c:title")
    _rich(title, plot, plot.title, TITLE_PT, True, palette.TEXT)
    layout = _sub(_sub(title, "c:layout"), "c:manualLayout")
    _sub(layout, "c:xMode", "edge")
    _sub(layout, "c:yMode", "edge")
    _sub(layout, "c:x", "0.01")
    _sub(layout, "c:y", "0.01")
    _sub(title, "c:overlay", 0)
    _sub(chart, "c:autoTitleDeleted", 0)
    plot_area = _sub(chart, "c:plotArea")
    _sub(plot_area, "c:layout")
    if plot.kind == "line":
        group = _sub(plot_area, "c:lineChart")
        _sub(group, "c:grouping", "standard")
        _sub(group, "c:varyColors", 0)
        for index, item in enumerate(plot.series):
            _series(group, plot, index, item)
        _sub(group, "c:marker", 1)
    else:
        group = _sub(plot_area, "c:barChart")
        _sub(group, "c:barDir", "bar")
        _sub(group, "c:grouping", "clustered")
        _sub(group, "c:varyColors", 0)
        for index, item in enumerate(plot.series):
            _series(group, plot, index, item)
        _sub(group, "c:gapWidth", 60)
        if len(plot.series) > 1:
            _sub(group, "c:overlap", 0)
    for axis_id in AXIS_IDS:
        _sub(group, "c:axId", axis_id)
    _axes(plot_area, plot)
    _shape(plot_area, "none", "none")
    if any(item.in_legend for item in plot.series):
        legend = _sub(chart, "c:legend")
        _sub(legend, "c:legendPos", "b")
        for index, item in enumerate(plot.series):
            if not item.in_legend:
                entry = _sub(legend, "c:legendEntry")
                _sub(entry, "c:idx", index)
                _sub(entry, "c:delete", 1)
        _sub(legend, "c:overlay", 0)
        _text_properties(legend, plot)
    _sub(chart, "c:plotVisOnly", 1)
    _sub(chart, "c:dispBlanksAs", "gap")


def _chart_xml(plot: _Plot) -> bytes:
    """The chart part (``c:chartSpace``), its workbook related as ``WORKBOOK_RID``."""
    space = etree.Element(_q("c:chartSpace"), nsmap=_NS)
    _sub(space, "c:date1904", 0)
    _sub(space, "c:lang", plot.language)
    _sub(space, "c:roundedCorners", 0)
    _chart_element(space, plot)
    _shape(space, palette.WHITE, "none")
    _text_properties(space, plot)
    external = _sub(space, "c:externalData", **{_q("r:id"): WORKBOOK_RID})
    _sub(external, "c:autoUpdate", 0)
    return etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)


# ------------------------------------------------------------------------------------------ the workbook

_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    b'<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>'
    b'<dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>'
)


def _workbook(plot: _Plot) -> bytes:
    """An .xlsx holding exactly the plotted values: categories in column A, a column per series, names in
    row 1 (the cells the chart part's formulas name), a blank cell where there is no point. Fixed dates, so
    the same spec gives the same bytes."""
    import openpyxl  # only when a native chart is written
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.cell(row=1, column=1, value=plot.category_header).font = Font(bold=True)
    for column, item in enumerate(plot.series, start=2):
        sheet.cell(row=1, column=column, value=item.name).font = Font(bold=True)
        sheet.column_dimensions[_column(column - 1)].width = max(12, min(40, len(item.name) + 2))
    sheet.column_dimensions["A"].width = max(12, min(60, max((len(c) for c in plot.categories), default=0) + 2))
    for row, category in enumerate(plot.categories, start=2):
        sheet.cell(row=row, column=1, value=category)
        for column, item in enumerate(plot.series, start=2):
            value = item.values[row - 2]
            if value is not None:
                sheet.cell(row=row, column=column, value=float(_number(value)))
    book.properties.created = book.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    book.save(raw)
    source = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:   # fixed dates: openpyxl stamps now
        for name in source.namelist():
            info = zipfile.ZipInfo(name, FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, _CORE if name == "docProps/core.xml" else source.read(name))
    return output.getvalue()
