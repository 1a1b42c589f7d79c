"""Chart specs drawn as inline SVG for a web page: ``chart_svg(chart)`` for a LineChart (trend or SPC) or a
BarChart, as one ``<svg>`` element.

Every word comes from the spec (``content.charts``); this module decides only how it looks. The drawing uses
a narrow coordinate space (``LINE_WIDTH`` or ``BAR_WIDTH`` units across) with large text, so a chart can
shrink to a phone's width and still be read; the page limits how wide it grows. The element is an image
named by the alt text (``<title>``) and described by the long description (``<desc>``); its drawing is
hidden from assistive technology, since the figure's data table says it all. Meaning never rests on colour
alone: SPC points differ in shape, lines in dash pattern, bars carry their value (and year) as text, and a
legend in text names every mark used. Text is ``<text>``, never paths. Ids derive from the chart's name, so
the same spec gives the same bytes.

Text is laid out by width estimates in Arial's metrics (the page's font: Arial, or its metric twin Liberation
Sans), a little generous so that labels never collide.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from ..content.charts import NOT_JUDGED, BarChart, BarKind, LineChart, Meaning

LINE_WIDTH = 360.0       # a line chart's viewBox width, in user units
BAR_WIDTH = 320.0        # a bar chart's (its labels sit above the bars, so it needs less room)
FONT = 16.0              # text size in user units: about 13 CSS px on a 320 px phone, 22 px on a desktop
LINE = FONT * 1.25       # the height of a line of text
PLOT_HEIGHT = 200.0      # a line chart's plotting area
FONT_FAMILY = "Arial, 'Liberation Sans', 'Helvetica Neue', Helvetica, sans-serif"

# The palette of figures/style.py (the UK Government Analysis Function's accessible colours and GOV.UK's text
# colours), by what each colour means; a test keeps the two the same.
TEXT = "#0B0C0C"
SECONDARY_TEXT = "#505A5F"
SERIES = "#12436D"          # the measure's own line; the council's bar; the later year
TARGET = "#801650"          # the target: dark pink, dashed, labelled
EARLIER = "#F46A25"         # the earlier year's bars
OTHER_BAR = "#B1B4B6"       # England, the region, comparators
GRID = "#E5E6E7"
LIMITS = "#3D3D3D"          # mean and process limits
COMMON = "#6F777B"          # common-cause points, the SPC line, a change of stage, axes
WHITE = "#FFFFFF"
OUTLINE = SECONDARY_TEXT    # the outline of light bars and markers (3:1 or more against white)
POINT_COLOURS = {Meaning.COMMON: COMMON, Meaning.IMPROVEMENT: SERIES, Meaning.CONCERN: EARLIER,
                 Meaning.NEITHER: TARGET}

# dash patterns, so that lines differ by more than colour
DASH_TARGET = "8 5"
DASH_LIMITS = "2 4"
DASH_CHANGE = "10 4 2 4"
DASH_REFERENCE = "6 4"

SERIES_LABEL = "Our figure"        # the legend's name for a trend chart's line
MEAN_LABEL = "Mean"
LIMITS_LABEL = "Process limits"
CHANGE_LABEL = "Change to the process (mean and limits worked out again)"


# ------------------------------------------------------------------------------------------------ text

# Advance widths (thousandths of an em) of Arial and its metric twins.
_WIDTHS: dict[str, int] = (
    dict.fromkeys("0123456789abdeghnopqu£$#_?€", 556) | dict.fromkeys("cksvxyzJ", 500)
    | dict.fromkeys("ABEKPSVXY&", 667) | dict.fromkeys("CDHNRUw", 722) | dict.fromkeys("FTZ", 611)
    | dict.fromkeys("GOQ", 778) | dict.fromkeys("mM", 833)
    | {"W": 944, "L": 556, "I": 278, "%": 889, "@": 1015, "+": 584, "=": 584, "<": 584, ">": 584, "*": 389,
       "\u2013": 556, "\u2014": 1000, "\u2019": 222, "\u2018": 222, "\u201c": 333, "\u201d": 333}
    | dict.fromkeys("ijl'|", 222) | dict.fromkeys(" !,./:;[\\]ft", 278) | dict.fromkeys("r()-`", 333)
)


def text_width(text: str, size: float = FONT, bold: bool = False) -> float:
    """The approximate drawn width of ``text`` (generous, so that labels never collide)."""
    width = sum(_WIDTHS.get(char, 600) for char in text) / 1000 * size
    return width * (1.1 if bold else 1.04)


def wrap(text: str, width: float, size: float = FONT, bold: bool = False) -> list[str]:
    """``text`` in lines no wider than ``width`` (an over-long word keeps a line of its own)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines or [""]


def _n(value: float) -> str:
    """A coordinate, short and stable: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _text(x: float, y: float, lines: Sequence[str], *, anchor: str = "start", fill: str = TEXT,
          bold: bool = False, halo: bool = False, size: float = FONT) -> str:
    """A <text> element; several lines become <tspan>s a line apart."""
    attributes = [f'x="{_n(x)}"', f'y="{_n(y)}"']
    if anchor != "start":
        attributes.append(f'text-anchor="{anchor}"')
    if fill != TEXT:
        attributes.append(f'fill="{fill}"')
    if bold:
        attributes.append('font-weight="bold"')
    if size != FONT:
        attributes.append(f'font-size="{_n(size)}"')
    if halo:
        attributes.append(f'stroke="{WHITE}" stroke-width="4" stroke-linejoin="round" paint-order="stroke"')
    if len(lines) == 1:
        return f"<text {' '.join(attributes)}>{escape(lines[0])}</text>"
    spans = "".join(f'<tspan x="{_n(x)}" dy="{"0" if i == 0 else _n(size * 1.25)}">{escape(line)}</tspan>'
                    for i, line in enumerate(lines))
    return f"<text {' '.join(attributes)}>{spans}</text>"


# ------------------------------------------------------------------------------------------------ shapes

def _marker(meaning: Meaning, x: float, y: float, size: float = 5.0) -> str:
    """An SPC point: hollow circle (common cause), filled circle (improvement), diamond (concern), square
    (special cause, neither)."""
    colour = POINT_COLOURS[meaning]
    if meaning is Meaning.IMPROVEMENT:
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(size)}" fill="{colour}"/>'
    if meaning is Meaning.CONCERN:
        d = size * 1.35
        return (f'<path d="M{_n(x)} {_n(y - d)}L{_n(x + d)} {_n(y)}L{_n(x)} {_n(y + d)}L{_n(x - d)} {_n(y)}Z" '
                f'fill="{colour}" stroke="{OUTLINE}" stroke-width="1"/>')
    if meaning is Meaning.NEITHER:
        s = size * 0.9
        return f'<rect x="{_n(x - s)}" y="{_n(y - s)}" width="{_n(2 * s)}" height="{_n(2 * s)}" fill="{colour}"/>'
    return (f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(size - 0.75)}" fill="{WHITE}" stroke="{colour}" '
            'stroke-width="2"/>')


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, width: float = 2.0, dash: str = "") -> str:
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{colour}" '
            f'stroke-width="{_n(width)}"{dashes}/>')


def _bar(x: float, y: float, width: float, height: float, colour: str) -> str:
    """A bar; light colours get an outline, so that the bar stands out from the white page (3:1)."""
    outline = "" if colour in (SERIES, TARGET) else f' stroke="{OUTLINE}" stroke-width="1"'
    return (f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(max(width, 0.0))}" height="{_n(height)}" '
            f'fill="{colour}"{outline}/>')


@dataclass(frozen=True)
class _Key:
    """A legend entry: its swatch ('marker', 'series', 'bar' or 'line') and its words."""

    swatch: str
    label: str
    colour: str = ""
    dash: str = ""
    meaning: Meaning = Meaning.COMMON
    vertical: bool = False


def _swatch(key: _Key, x: float, y: float) -> str:
    """The swatch of a legend entry, 28 units wide, centred on ``y``."""
    if key.swatch == "marker":
        return _marker(key.meaning, x + 14, y)
    if key.swatch == "series":
        return _line(x, y, x + 28, y, key.colour, 2.5) + f'<circle cx="{_n(x + 14)}" cy="{_n(y)}" r="3.5" ' \
            f'fill="{key.colour}"/>'
    if key.swatch == "bar":
        return _bar(x + 6, y - 8, 16, 16, key.colour)
    if key.vertical:
        return _line(x + 14, y - 9, x + 14, y + 9, key.colour, 2, key.dash)
    return _line(x, y, x + 28, y, key.colour, 2, key.dash)


def _legend(keys: Sequence[_Key], top: float, width: float) -> tuple[list[str], float]:
    """The legend from ``top``: on one line when every entry fits, else an entry a line. Returns the elements
    and the height used."""
    parts = ['<g class="legend">']
    widths = [38 + text_width(key.label) + 16 for key in keys]
    if sum(widths) - 16 <= width:
        x = 0.0
        for key, used in zip(keys, widths):
            parts += [_swatch(key, x, top + LINE / 2), _text(x + 38, top + LINE / 2 + FONT * 0.35, [key.label])]
            x += used
        return [*parts, "</g>"], LINE + 4
    y = top
    for key in keys:
        lines = wrap(key.label, width - 40)
        parts += [_swatch(key, 0, y + LINE / 2), _text(38, y + LINE / 2 + FONT * 0.35, lines)]
        y += max(LINE + 4, len(lines) * LINE + 4)
    return [*parts, "</g>"], y - top


# ------------------------------------------------------------------------------------------------ the element

def chart_id(chart: LineChart | BarChart) -> str:
    """The chart's element id, from its name: 'spc-carers_assessed_rate' -> 'chart-spc-carers_assessed_rate'."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", chart.name.lower()).strip("-") or "unnamed"
    return f"chart-{slug}"


def _document(chart: LineChart | BarChart, width: float, height: float, body: Iterable[str]) -> str:
    ident = chart_id(chart)
    kind = "line" if isinstance(chart, LineChart) else "bar"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" id="{ident}" class="chart-svg chart-{kind}" role="img" '
            f'viewBox="0 0 {_n(width)} {_n(height)}" width="100%" '
            f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" '
            f'font-family="{FONT_FAMILY}" font-size="{_n(FONT)}" fill="{TEXT}">'
            f'<title id="{ident}-title">{escape(chart.alt_text)}</title>'
            f'<desc id="{ident}-desc">{escape(chart.description)}</desc>'
            '<g aria-hidden="true">' + "".join(body) + "</g></svg>")


def chart_svg(chart: LineChart | BarChart) -> str:
    """The chart as one inline <svg> element: an image named by its alt text and described by its long
    description, scaling to the width of its container."""
    if isinstance(chart, LineChart):
        return _line_chart(chart)
    return _bar_chart(chart)


# ------------------------------------------------------------------------------------------------ line charts

def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round values from ``low`` to ``high`` (about ``count`` steps of 1, 2 or 5 x 10^k)."""
    if high <= low:
        return [low]
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    ticks = []
    value = math.ceil(low / step - 1e-9) * step
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _places(ticks: Sequence[float]) -> int:
    """The fewest decimals that print every tick exactly (0 for whole steps, 1 for steps of 0.5)."""
    return next((p for p in range(0, 4) if all(abs(round(t, p) - t) < 1e-9 for t in ticks)), 3)


def _period_labels(labels: Sequence[str], shown: Sequence[int]) -> dict[int, list[str]]:
    """The labels at the ``shown`` positions, on two lines where they have a space ('Sept 2026' -> 'Sept'
    over '2026'), the second line only where it differs from the label before ('Dec 2025', 'Mar', 'Jun')."""
    out: dict[int, list[str]] = {}
    previous = None
    for i in shown:
        head, _, tail = labels[i].partition(" ")
        out[i] = [head, tail] if tail and tail != previous else [head]
        previous = tail or previous
    return out


def _fits(labels: dict[int, list[str]], spacing: float) -> bool:
    """Whether neighbouring labels, line by line, keep clear of each other."""
    for line in (0, 1):
        placed = [(i, text_width(lines[line])) for i, lines in labels.items() if len(lines) > line]
        for (a, wa), (b, wb) in zip(placed, placed[1:]):
            if (b - a) * spacing < (wa + wb) / 2 + 6:
                return False
    return True


def _choose_labels(labels: Sequence[str], spacing: float) -> dict[int, list[str]]:
    """Every nth point labelled, the latest always, n the smallest of 1, 2, 3, 6, 12 ... that fits."""
    count = len(labels)
    for step in (1, 2, 3, 6, 12, 24, 48, 96):
        chosen = _period_labels(labels, [i for i in range(count) if (count - 1 - i) % step == 0])
        if _fits(chosen, spacing):
            return chosen
    return _period_labels(labels, [count - 1]) if count else {}


@dataclass(frozen=True)
class _Frame:
    """A line chart's plotting area and value scale."""

    left: float
    right: float
    top: float
    bottom: float
    low: float
    high: float
    count: int

    @property
    def spacing(self) -> float:
        return (self.right - self.left) / max(self.count, 1)

    def x(self, position: float) -> float:
        return self.left + (position + 0.5) * self.spacing

    def edge(self, position: int) -> float:
        """The x of the boundary before ``position`` (where a stage starts)."""
        return self.left + position * self.spacing

    def y(self, value: float) -> float:
        span = self.high - self.low or 1.0
        clamped = min(max(value, self.low), self.high)
        return self.bottom - (clamped - self.low) / span * (self.bottom - self.top)


def _runs(chart: LineChart) -> list[list[int]]:
    """The positions the line joins: broken at a missing value and before each April of a year-to-date
    series (its total starts again)."""
    runs: list[list[int]] = [[]]
    for i, value in enumerate(chart.values):
        if value is None or i in chart.restarts:
            runs.append([])
        if value is not None:
            runs[-1].append(i)
    return [run for run in runs if run]


def _along(runs: Sequence[Sequence[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Points along the drawn lines, every few units, for keeping labels off them."""
    out: list[tuple[float, float]] = []
    for run in runs:
        out.extend(run)
        for (x1, y1), (x2, y2) in zip(run, run[1:]):
            steps = max(1, int(math.hypot(x2 - x1, y2 - y1) // 3))
            out.extend((x1 + (x2 - x1) * k / steps, y1 + (y2 - y1) * k / steps) for k in range(1, steps))
    return out


def _place_target(frame: _Frame, label: str, y: float,
                  obstacles: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    """Where the target's label can sit just above or below its line without covering the data (right
    first, then left, then between; above before below): its start and baseline, or None."""
    width = text_width(label, bold=True)
    slots = [frame.right - 2 - width, frame.left + 4]
    slots += [frame.left + 4 + (frame.right - frame.left - width - 6) * k / 8 for k in (7, 6, 5, 4, 3, 2, 1)]
    for x0 in slots:
        for above in (True, False):
            baseline = y - 6 if above else y + FONT + 2
            if baseline - FONT < frame.top - 6 or baseline > frame.bottom - 2:
                continue
            if not any(x0 - 8 <= px <= x0 + width + 8 and baseline - FONT - 8 <= py <= baseline + 9
                       for px, py in obstacles):
                return x0, baseline
    return None


def _line_chart(chart: LineChart) -> str:
    """A trend (the line, its points, the dashed target) or an SPC chart (points by meaning, mean and limits
    for each stage, a line at each change of stage, the dashed target), with a legend in text."""
    width = LINE_WIDTH
    count = len(chart.values)
    low, high = chart.value_range or (0.0, 1.0)
    high = high if high > low else low + 1.0
    ticks = nice_ticks(low, high)
    places = _places(ticks)
    tick_texts = [chart.printer.value(t, chart.unit, places) for t in ticks] if chart.value_range else []
    target_label = f"Target {chart.target_text}"
    labels = [chart.point_label(i) for i in range(count)]

    left = max((text_width(t) for t in tick_texts), default=0.0) + 10
    right = width - 4
    if labels:   # room for the latest period's label, centred on its point
        head, _, tail = labels[-1].partition(" ")
        half = max(text_width(head), text_width(tail)) / 2
        spacing = (right - left) / max(count, 1)
        if half > spacing / 2 + 4:
            right = width - (half - spacing / 2) - 4
    # the target's label goes above the plot when it cannot sit on its line without covering the data
    top = LINE + 6 if chart.target is not None else 10
    frame = _Frame(left, right, top, top + PLOT_HEIGHT, low, high, count)

    parts: list[str] = ['<g class="grid">']
    for tick, text in zip(ticks, tick_texts):
        y = frame.y(tick)
        parts.append(_line(frame.left, y, frame.right, y, GRID, 1))
        parts.append(_text(frame.left - 6, y + FONT * 0.35, [text], anchor="end", fill=SECONDARY_TEXT))
    parts += [_line(frame.left, frame.bottom, frame.right, frame.bottom, COMMON, 1), "</g>"]
    if chart.value_range is None:
        parts.append(_text((frame.left + frame.right) / 2, (frame.top + frame.bottom) / 2,
                           ["No data for any period"], anchor="middle", fill=SECONDARY_TEXT))
    shown = _choose_labels(labels, frame.spacing)
    parts.append('<g class="periods">')
    for i, lines in shown.items():
        x = frame.x(i)
        parts.append(_line(x, frame.bottom, x, frame.bottom + 5, COMMON, 1))
        parts.append(_text(x, frame.bottom + FONT + 6, lines, anchor="middle", fill=SECONDARY_TEXT))
    parts.append("</g>")

    keys: list[_Key] = []
    if chart.stages:
        parts.append('<g class="process">')
        for number, stage in enumerate(chart.stages):
            x1, x2 = frame.edge(stage.start), frame.edge(min(stage.stop, count))
            parts.append(_line(x1, frame.y(stage.mean), x2, frame.y(stage.mean), LIMITS, 1.5))
            for limit in (stage.upper, stage.lower):
                parts.append(_line(x1, frame.y(limit), x2, frame.y(limit), LIMITS, 1.5, DASH_LIMITS))
            if number:
                parts.append(_line(x1, frame.top - 4, x1, frame.bottom, COMMON, 2, DASH_CHANGE))
        parts.append("</g>")
        keys += [_Key("line", MEAN_LABEL, LIMITS), _Key("line", LIMITS_LABEL, LIMITS, DASH_LIMITS)]
    runs = [[(frame.x(i), frame.y(chart.values[i] or 0.0)) for i in run] for run in _runs(chart)]
    if chart.target is not None:
        ty = frame.y(chart.target)
        parts.append(f'<g class="target">{_line(frame.left, ty, frame.right, ty, TARGET, 2, DASH_TARGET)}')
        changes = [[(frame.edge(s.start), frame.top), (frame.edge(s.start), frame.bottom)] for s in chart.stages[1:]]
        place = _place_target(frame, target_label, ty, _along([*runs, *changes]))
        if place is not None:
            parts.append(_text(place[0], place[1], [target_label], fill=TARGET, bold=True, halo=True))
        else:
            label_width = text_width(target_label, bold=True)
            parts.append(_line(width - label_width - 34, FONT * 0.65, width - label_width - 6, FONT * 0.65, TARGET,
                               2, DASH_TARGET))
            parts.append(_text(width, FONT, [target_label], anchor="end", fill=TARGET, bold=True))
        parts.append("</g>")
        keys.append(_Key("line", f"Target: {chart.target_text}", TARGET, DASH_TARGET))
    if chart.rebased:
        keys.append(_Key("line", CHANGE_LABEL, COMMON, DASH_CHANGE, vertical=True))

    colour = COMMON if chart.spc else SERIES
    parts.append(f'<g class="series" fill="none" stroke="{colour}" stroke-width="{2 if chart.spc else 2.5}" '
                 'stroke-linejoin="round">')
    parts += ['<polyline points="' + " ".join(f"{_n(x)},{_n(y)}" for x, y in run) + '"/>'
              for run in runs if len(run) > 1]
    parts.append('</g><g class="points">')
    for i, value in enumerate(chart.values):
        if value is not None:
            x, y = frame.x(i), frame.y(value)
            parts.append(_marker(chart.meanings[i], x, y, 4.5) if chart.spc else
                         f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3.5" fill="{SERIES}"/>')
    parts.append("</g>")

    if chart.spc:
        present = {m for m, v in zip(chart.meanings, chart.values) if v is not None}
        keys[:0] = [_Key("marker", m.legend if chart.stages else NOT_JUDGED, meaning=m) for m in Meaning
                    if m in present]
    elif chart.value_range is not None:
        keys.insert(0, _Key("series", SERIES_LABEL, SERIES))
    two_lines = any(len(lines) > 1 for lines in shown.values())
    legend_top = frame.bottom + FONT * (2.5 if two_lines else 1.25) + 18
    legend, used = _legend(keys, legend_top, width)
    return _document(chart, width, legend_top + used + 4, [*parts, *legend])


# ------------------------------------------------------------------------------------------------ bar charts

BAR = 20.0          # the thickness of a bar
BAR_GAP = 4.0       # between the bars of a group
GROUP_GAP = 14.0    # between groups


def _series_colours(chart: BarChart) -> list[str]:
    """A colour per series: two are the earlier (orange) and the later year (dark blue); more take the strong
    colours in turn."""
    if len(chart.series) == 2:
        return [EARLIER, SERIES]
    strong = [SERIES, EARLIER, TARGET, OTHER_BAR]
    return [strong[i % len(strong)] for i in range(len(chart.series))]


def _bar_chart(chart: BarChart) -> str:
    """Horizontal bars, each category's name above its bars and each value written after its bar. The
    council's own bar is dark and its name bold, the others light; a chart of two years has a key and names
    the year in each value; a reference line (the region's median) is dashed and labelled."""
    width = BAR_WIDTH
    several = len(chart.series) > 1
    colours = _series_colours(chart)
    highlighted = chart.kind is BarKind.COMPARISON or any(bar.highlight for bar in chart.bars)
    values = [v for bar in chart.bars if not bar.heading for v in bar.values if v is not None]
    if chart.reference is not None:
        values.append(chart.reference.value)
    low = min([0.0, *values])
    high = max([0.0, *values, *(float(score) for score, _ in chart.scale)]) or 1.0

    def value_text(series: int, text: str) -> str:
        return f"{chart.series[series]}: {text}" if several and chart.series[series] else text

    widest = max((text_width(value_text(i, t), bold=bar.highlight) for bar in chart.bars if not bar.heading
                  for i, t in enumerate(bar.texts)), default=0.0)
    span = max(width - widest - 10, width * 0.35)

    def x(value: float) -> float:
        return (min(max(value, low), high) - low) / ((high - low) or 1.0) * span

    head: list[str] = []
    y = 0.0
    if several:
        legend, used = _legend([_Key("bar", name, colours[i]) for i, name in enumerate(chart.series)], y, width)
        head += legend
        y += used + 2
    if chart.reference is not None:
        rx = x(chart.reference.value)
        lines = wrap(chart.reference.label, width)
        half = max(text_width(line) for line in lines) / 2
        head.append(_text(min(max(rx, half), width - half), y + FONT, lines, anchor="middle", fill=TARGET))
        y += LINE * len(lines) + 2
    reference_top = y
    y += 6
    bars: list[str] = ['<g class="bars">']        # drawn first, then the reference line, then every label
    labels: list[str] = ['<g class="labels">']
    for bar in chart.bars:
        size = FONT * 1.1 if bar.heading else FONT
        lines = wrap(bar.label, width, size, bold=bar.heading or bar.highlight)
        if bar.heading:
            y += 8
        labels.append(_text(0, y + size, lines, bold=bar.heading or bar.highlight, size=size, halo=True))
        y += len(lines) * size * 1.25 + 2
        if bar.heading:
            continue
        for i, (value, text) in enumerate(zip(bar.values, bar.texts)):
            words = value_text(i, text)
            middle = y + BAR * 0.5 + FONT * 0.35
            if value is None:
                labels.append(_text(0, middle, [words], fill=SECONDARY_TEXT, halo=True))
            else:
                colour = colours[i] if several or not highlighted else (SERIES if bar.highlight else OTHER_BAR)
                start, end = sorted((x(0.0), x(value)))
                bars.append(_bar(start, y, end - start, BAR, colour))
                labels.append(_text(max(end, x(0.0)) + 6, middle, [words], bold=bar.highlight, halo=True))
            y += BAR + BAR_GAP
        y += GROUP_GAP - BAR_GAP
    bars.append("</g>")
    labels.append("</g>")
    reference: list[str] = []
    if chart.reference is not None:
        rx = x(chart.reference.value)
        reference.append(f'<g class="reference">'
                         f'{_line(rx, reference_top, rx, y - GROUP_GAP + 4, TARGET, 2, DASH_REFERENCE)}</g>')
    return _document(chart, width, max(y, LINE), [*head, *bars, *reference, *labels])
