"""A line chart spec drawn as a picture (matplotlib, PNG): the trend chart (the line, its target and the
latest value labelled) and the SPC chart (points marked by what they signal, mean and process limits for
each stage, the target)."""

from __future__ import annotations

import math
from typing import Any

from matplotlib.axes import Axes

from ..content.charts import NOT_JUDGED, LineChart, Meaning, Stage
from . import _layout, style
from .rendered import RenderedFigure

KEY_BOTTOM_CM = 0.2
KEY_LEFT_CM = 0.15
LIMIT_DASHES = (0, (1.5, 2))
TARGET_DASHES = (0, (5, 2.5))

# colour, marker, size, filled: colour is never the only difference (shape and fill differ too)
POINT_STYLES = {
    Meaning.COMMON: (style.COMMON, "o", 4.2, False),
    Meaning.IMPROVEMENT: (style.IMPROVEMENT, "o", 6.2, True),
    Meaning.CONCERN: (style.CONCERN, "D", 5.6, True),
    Meaning.NEITHER: (style.NEITHER, "s", 5.4, True),
}


def draw_line_chart(chart: LineChart) -> RenderedFigure:
    """The chart as a PNG at its own size, with its alt text and description."""
    return spc_picture(chart) if chart.spc else trend_picture(chart)


def _month_labels(chart: LineChart) -> list[str]:
    return [chart.point_label(i) for i in range(len(chart.periods))]


def _line(chart: LineChart) -> tuple[list[float], list[float]]:
    """The line's points, broken (a NaN) before each April of a year-to-date series and at missing values."""
    line_x: list[float] = []
    line_y: list[float] = []
    for i, value in enumerate(chart.values):
        if i in chart.restarts:
            line_x.append(i - 0.5)
            line_y.append(math.nan)
        line_x.append(float(i))
        line_y.append(math.nan if value is None else value)
    return line_x, line_y


def _frame(chart: LineChart, margin: list[tuple[Any, ...]], latest: list[tuple[Any, ...]],
           bottom_extra: float) -> tuple[Any, Axes, float, float]:
    """The figure with its title block and axes placed so every label fits; returns (figure, axes,
    height, the bottom margin)."""
    width_cm, narrow = chart.width_cm, chart.width_cm < style.NARROW_CM
    limits = chart.value_range
    top = _layout.title_height(width_cm, chart.title, chart.subtitle) + 0.25
    has_values = any(v is not None for v in chart.values)
    ticks = _layout.value_tick_labels(chart.unit, chart.printer.locale, *limits) \
        if limits is not None and (chart.spc or has_values) else []
    left = max(1.0, _layout.tick_margin_cm(ticks))
    right = max(1.2, _layout.margin_labels_cm(margin + latest))
    bottom = _layout.month_labels_cm(two_lines=narrow) + bottom_extra
    height_cm = max(chart.height_cm, top + bottom + _layout.MIN_PLOT_CM)
    figure = style.new_figure(width_cm, height_cm)
    _layout.title_block(figure, width_cm, height_cm, chart.title, chart.subtitle)
    ax = _layout.place_axes(figure, width_cm, height_cm, left, right, top, bottom)
    _layout.clean_axes(ax, grid_axis="" if chart.spc else "y")
    ax.set_xlim(-0.6, max(len(chart.values) - 0.4, 0.6))
    _layout.month_ticks(ax, _month_labels(chart), width_cm - left - right, two_lines=narrow)
    _layout.value_axis(ax, chart.unit, chart.printer.locale)
    if limits:
        ax.set_ylim(*limits)
    return figure, ax, height_cm, bottom


def _no_data(ax: Axes) -> None:
    ax.set_yticks([])
    ax.text(0.5, 0.5, "No data for any month in this period", transform=ax.transAxes, ha="center",
            va="center", fontsize=style.LABEL_SIZE, color=style.SECONDARY_TEXT)


def _latest_label(chart: LineChart, colour: str) -> list[tuple[Any, ...]]:
    """The latest value's label for the right margin, when the latest point is the last one."""
    if chart.latest is None or chart.latest != len(chart.values) - 1:
        return []
    value = chart.values[chart.latest]
    assert value is not None
    return [(value, chart.texts[chart.latest], colour, True)]


# ------------------------------------------------------------------------------------------------ trend

def trend_picture(chart: LineChart) -> RenderedFigure:
    """Line chart of up to the last 36 periods: gaps for missing ones, the target as a labelled dashed
    line, the latest value marked and labelled."""
    narrow = chart.width_cm < style.NARROW_CM
    margin: list[tuple[Any, ...]] = []
    if chart.target is not None:
        margin.append((chart.target, f"Target\n{chart.target_text}", style.TARGET, False))
    figure, ax, _, _ = _frame(chart, margin, _latest_label(chart, style.SERIES), 0.0)
    del narrow
    if any(v is not None for v in chart.values):
        line_x, line_y = _line(chart)
        ax.plot(line_x, line_y, color=style.SERIES, linewidth=style.LINE_WIDTH, marker="o",
                markersize=style.MARKER_SIZE * 0.75, markerfacecolor=style.SERIES, markeredgewidth=0,
                solid_capstyle="round", zorder=3)
    else:
        _no_data(ax)
    if chart.target is not None:
        ax.axhline(chart.target, color=style.TARGET, linewidth=1.4, linestyle=TARGET_DASHES, zorder=2)
    if chart.latest is not None:
        value = chart.values[chart.latest]
        assert value is not None
        mark_latest(ax, chart.latest, value, chart.texts[chart.latest], last=chart.latest == len(chart.values) - 1,
                    target=chart.target, margin_labels=margin)
    _layout.right_margin_labels(ax, margin, figure)
    return RenderedFigure(name=chart.name, png=style.to_png(figure, chart.name), alt_text=chart.alt_text,
                          description=chart.description, width_cm=chart.width_cm)


def mark_latest(ax: Axes, index: int, value: float, label: str, last: bool, target: float | None,
                margin_labels: list[tuple[Any, ...]], colour: str = style.SERIES, draw_marker: bool = True) -> None:
    """A large marker on the latest point; its printed value in the right margin when it is the last point
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


# ------------------------------------------------------------------------------------------------ SPC

def _latest_colour(chart: LineChart) -> str:
    if chart.latest is None or not chart.stages:
        return style.SERIES
    colour = POINT_STYLES[chart.meanings[chart.latest]][0]
    return style.TEXT if colour == style.CONCERN else colour   # orange is too light for text


def spc_picture(chart: LineChart) -> RenderedFigure:
    """XmR chart: the points marked by meaning, the mean and process limits of each stage (or a note where
    there are too few points), the target, and a key."""
    narrow = chart.width_cm < style.NARROW_CM
    gap = "\n" if narrow else " "
    margin: list[tuple[Any, ...]] = []
    if chart.stages:
        latest_stage = chart.stages[-1]
        margin += [(latest_stage.upper, f"Upper limit{gap}{latest_stage.upper_text}", style.SECONDARY_TEXT),
                   (latest_stage.mean, f"Mean{gap}{latest_stage.mean_text}", style.SECONDARY_TEXT),
                   (latest_stage.lower, f"Lower limit{gap}{latest_stage.lower_text}", style.SECONDARY_TEXT)]
    if chart.target is not None:
        margin.append((chart.target, f"Target{gap}{chart.target_text}", style.TARGET))
    colour = _latest_colour(chart)
    items = _key_items(chart)
    rows = _layout.key_rows(items, chart.width_cm, KEY_LEFT_CM)
    figure, ax, height_cm, _ = _frame(chart, margin, _latest_label(chart, style.TEXT),
                                      rows * _layout.key_row_cm() + KEY_BOTTOM_CM)
    if chart.value_range is None:
        _no_data(ax)
    line_x, line_y = _line(chart)
    ax.plot(line_x, line_y, color=style.MID_GREY, linewidth=1.0, zorder=3)
    _draw_stages(ax, chart.stages, len(chart.values))
    if chart.target is not None:
        ax.axhline(chart.target, color=style.TARGET, linewidth=1.4, linestyle=TARGET_DASHES, zorder=2)
    _draw_points(ax, chart)
    if chart.latest is not None:
        value = chart.values[chart.latest]
        assert value is not None
        mark_latest(ax, chart.latest, value, chart.texts[chart.latest], last=chart.latest == len(chart.values) - 1,
                    target=chart.target, margin_labels=margin, colour=colour, draw_marker=False)
    _layout.right_margin_labels(ax, margin, figure)
    _layout.key(figure, chart.width_cm, height_cm, items, x_cm=KEY_LEFT_CM,
                y_cm=KEY_BOTTOM_CM + (rows - 0.5) * _layout.key_row_cm())
    return RenderedFigure(name=chart.name, png=style.to_png(figure, chart.name), alt_text=chart.alt_text,
                          description=chart.description, width_cm=chart.width_cm)


def _draw_stages(ax: Any, stages: tuple[Stage, ...], length: int) -> None:
    """Mean and process limits: across the chart, or over each stage of a rebased process."""
    for stage in stages:
        if len(stages) == 1:
            def line(y: float, **style_args: Any) -> None:
                ax.axhline(y, **style_args)
        else:
            low, high = stage.start - 0.5, min(stage.stop, length) - 0.5

            def line(y: float, **style_args: Any) -> None:
                ax.hlines(y, low, high, **style_args)  # noqa: B023 - called within this iteration only
        line(stage.mean, color=style.DARK_GREY, linewidth=1.2, zorder=2)
        for limit in (stage.upper, stage.lower):
            line(limit, color=style.DARK_GREY, linewidth=1.0, linestyle=LIMIT_DASHES, zorder=2)
    for stage in stages[1:]:
        ax.axvline(stage.start - 0.5, color=style.MID_GREY, linewidth=0.8, linestyle=LIMIT_DASHES, zorder=1)


def _key_items(chart: LineChart) -> list[tuple[dict[str, Any], str]]:
    present = {meaning for meaning, value in zip(chart.meanings, chart.values) if value is not None}
    items: list[tuple[dict[str, Any], str]] = []
    for meaning in Meaning:
        if meaning in present:
            colour, marker, size, filled = POINT_STYLES[meaning]
            text = meaning.legend if chart.stages else NOT_JUDGED
            items.append(({"marker": marker, "colour": colour, "filled": filled, "size": size}, text))
    if chart.stages:
        items.append(({"line": None, "colour": style.DARK_GREY, "width": 1.2}, "Mean"))
        items.append(({"line": LIMIT_DASHES, "colour": style.DARK_GREY, "width": 1.0}, "Process limits"))
    if chart.rebased:
        items.append(({"line": LIMIT_DASHES, "colour": style.MID_GREY, "width": 0.8}, "Change to the process"))
    if chart.target is not None:
        items.append(({"line": TARGET_DASHES, "colour": style.TARGET, "width": 1.4}, "Target"))
    return items


def _draw_points(ax: Axes, chart: LineChart) -> None:
    groups: dict[Meaning, list[int]] = {}
    for i, (value, meaning) in enumerate(zip(chart.values, chart.meanings)):
        if value is not None:
            groups.setdefault(meaning, []).append(i)
    for meaning, indexes in groups.items():
        colour, marker, size, filled = POINT_STYLES[meaning]
        ax.plot(indexes, [chart.values[i] or 0.0 for i in indexes], linestyle="none", marker=marker,
                markersize=size, color=colour, markerfacecolor=colour if filled else style.WHITE,
                markeredgewidth=1.2, zorder=4)
