"""Trend chart: an indicator's monthly series with its target and the latest value labelled."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from matplotlib.axes import Axes

from ..content.alt_text import frequency_word, latest_point, point_label, trend_text, unit_phrase
from ..content.figure_names import IndicatorFigure, indicator_figure
from ..formatting import format_short_month, format_value
from ..model import Frequency, Indicator, Period, Polarity
from . import _layout, style
from .rendered import RenderedFigure

HEIGHT_CM = 8.5


def subtitle_for(indicator: Indicator, periods: Sequence[Period], locale: str, extra: str = "") -> str:
    parts = []
    if periods:
        if indicator.frequency is Frequency.MONTHLY:
            first, last = format_short_month(periods[0], locale), format_short_month(periods[-1], locale)
        else:
            first, last = point_label(periods[0], locale, indicator.frequency), \
                point_label(periods[-1], locale, indicator.frequency)
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


def trend_chart(indicator: Indicator, series: Sequence[tuple[Period, float | None]], locale: str = "en_GB",
                name: str | None = None, width_cm: float = style.PORTRAIT_WIDTH_CM,
                height_cm: float = HEIGHT_CM) -> RenderedFigure:
    """Line chart of up to the last 36 months: gaps for missing months, the target as a labelled dashed
    line, the latest value marked and labelled."""
    series = list(series)
    periods = [p for p, _ in series]
    values = [math.nan if v is None else float(v) for _, v in series]
    alt, description = trend_text(indicator, series, locale)

    gaps = "gaps are months with no data" if present_gap(values) else ""
    subtitle = subtitle_for(indicator, periods, locale, gaps)
    narrow = width_cm < style.NARROW_CM
    present = [v for v in values if not math.isnan(v)]
    scale = present + ([indicator.target] if indicator.target is not None else [])
    limits = _layout.padded_limits(scale, indicator.unit) if scale else None

    def fmt(value: float) -> str:
        return format_value(value, indicator.unit, indicator.decimals, locale)

    margin_labels = []
    if indicator.target is not None:
        margin_labels.append((indicator.target, f"Target\n{fmt(indicator.target)}", style.TARGET, False))
    found = latest_point(series)
    top = _layout.title_height(width_cm, indicator.title, subtitle) + 0.25
    ticks = _layout.value_tick_labels(indicator.unit, locale, *limits) if present and limits is not None else []
    latest = [(found[2], fmt(found[2]), style.SERIES, True)] if found and found[0] == len(series) - 1 else []
    left = max(1.0, _layout.tick_margin_cm(ticks))
    right = max(1.2, _layout.margin_labels_cm(margin_labels + latest))
    bottom = _layout.month_labels_cm(two_lines=narrow)
    height_cm = max(height_cm, top + bottom + _layout.MIN_PLOT_CM)
    figure = style.new_figure(width_cm, height_cm)
    _layout.title_block(figure, width_cm, height_cm, indicator.title, subtitle)
    ax = _layout.place_axes(figure, width_cm, height_cm, left, right, top, bottom)
    _layout.clean_axes(ax)
    x = list(range(len(series)))
    ax.set_xlim(-0.6, max(len(series) - 0.4, 0.6))
    _layout.month_ticks(ax, periods, width_cm - left - right, locale, two_lines=narrow,
                        frequency=indicator.frequency)
    _layout.value_axis(ax, indicator.unit, locale)
    if limits:
        ax.set_ylim(*limits)
    if present:
        line_x, line_y = year_to_date_breaks(indicator, periods, x, values)
        ax.plot(line_x, line_y, color=style.SERIES, linewidth=style.LINE_WIDTH, marker="o",
                markersize=style.MARKER_SIZE * 0.75, markerfacecolor=style.SERIES, markeredgewidth=0,
                solid_capstyle="round", zorder=3)
    else:
        ax.set_yticks([])
        ax.text(0.5, 0.5, "No data for any month in this period", transform=ax.transAxes, ha="center",
                va="center", fontsize=style.LABEL_SIZE, color=style.SECONDARY_TEXT)

    if indicator.target is not None:
        ax.axhline(indicator.target, color=style.TARGET, linewidth=1.4, linestyle=(0, (5, 2.5)), zorder=2)
    if found is not None:
        index, period, value = found
        mark_latest(ax, index, value, fmt(value), last=index == len(series) - 1, target=indicator.target,
                    margin_labels=margin_labels)
    _layout.right_margin_labels(ax, margin_labels, figure)
    name = name or indicator_figure(IndicatorFigure.TREND, indicator.id)
    return RenderedFigure(name=name, png=style.to_png(figure, name), alt_text=alt, description=description,
                          width_cm=width_cm)


def present_gap(values: Sequence[float]) -> bool:
    """True when a missing month sits between months with data (a visible gap in the line)."""
    seen = [not math.isnan(v) for v in values]
    if True not in seen:
        return False
    first, last = seen.index(True), len(seen) - 1 - seen[::-1].index(True)
    return not all(seen[first:last + 1])


def year_to_date_breaks(indicator: Indicator, periods: Sequence[Period], x: list[int],
                        values: list[float]) -> tuple[list[float], list[float]]:
    """For a year-to-date indicator, break the line between March and April (the total restarts)."""
    if not indicator.cumulative:
        return list(map(float, x)), values
    line_x: list[float] = []
    line_y: list[float] = []
    for i, (period, value) in enumerate(zip(periods, values)):
        if i and period.month == 4:
            line_x.append(i - 0.5)
            line_y.append(math.nan)
        line_x.append(float(x[i]))
        line_y.append(value)
    return line_x, line_y


def mark_latest(ax: Axes, index: int, value: float, label: str, last: bool, target: float | None,
                margin_labels: list[tuple[Any, ...]], colour: str = style.SERIES, draw_marker: bool = True) -> None:
    """A large marker on the latest point; its printed value in the right margin when it is the last month
    (kept clear of the other margin labels), else just above or below the point."""
    if draw_marker:
        ax.plot([index], [value], marker="o", markersize=style.MARKER_SIZE * 1.9, color=colour,
                markeredgecolor=style.WHITE, markeredgewidth=1.2, zorder=5)
    if last:
        margin_labels.append((value, label, colour, True))
        return
    above = target is None or value >= target
    ax.annotate(label, xy=(index, value), xytext=(0, 9 if above else -9), textcoords="offset points",
                ha="center", va="bottom" if above else "top", fontsize=style.VALUE_SIZE, fontweight="bold",
                color=colour, annotation_clip=False, zorder=6,
                bbox={"boxstyle": "square,pad=0.1", "facecolor": style.WHITE, "edgecolor": "none", "alpha": 0.85})
