"""SPC (XmR) chart: the series with its mean and process limits, points marked by what they signal."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from matplotlib.axes import Axes

from ..analysis.spc import SignalKind, SpcResult, SpcRules
from ..content.alt_text import latest_point, spc_text
from ..content.figure_names import IndicatorFigure, indicator_figure
from ..formatting import format_value
from ..model import Indicator, Period
from . import _layout, style
from .rendered import RenderedFigure
from .trend import mark_latest, subtitle_for, year_to_date_breaks

HEIGHT_CM = 8.5
KEY_BOTTOM_CM = 0.2
KEY_LEFT_CM = 0.15
LIMIT_DASHES = (0, (1.5, 2))
TARGET_DASHES = (0, (5, 2.5))

# colour, marker, size, filled: colour is never the only difference (shape and fill differ too)
POINT_STYLES = {
    SignalKind.COMMON: (style.COMMON, "o", 4.2, False),
    SignalKind.IMPROVEMENT: (style.IMPROVEMENT, "o", 6.2, True),
    SignalKind.CONCERN: (style.CONCERN, "D", 5.6, True),
    SignalKind.NEITHER: (style.NEITHER, "s", 5.4, True),
}
LEGEND_TEXT = {
    SignalKind.COMMON: "Common cause",
    SignalKind.IMPROVEMENT: "Special cause: improvement",
    SignalKind.CONCERN: "Special cause: concern",
    SignalKind.NEITHER: "Special cause (neither better nor worse)",
}


def spc_chart(indicator: Indicator, series: Sequence[tuple[Period, float | None]], result: SpcResult | None,
              locale: str = "en_GB", rules: SpcRules = SpcRules(), name: str | None = None,
              width_cm: float = style.PORTRAIT_WIDTH_CM, height_cm: float = HEIGHT_CM) -> RenderedFigure:
    """XmR chart of the series and its analysis (``result``, worked out on the same series; None with too few
    points: the points alone and a note). Each stage of a rebased process has its own mean and limits."""
    series = list(series)
    if result is not None and len(result.values) != len(series):
        raise ValueError("the SPC result was worked out on a different series from the one charted")
    periods = [p for p, _ in series]
    values = [math.nan if v is None else float(v) for _, v in series]
    alt, description = spc_text(indicator, series, result, locale)

    extra = "" if result is not None else f"Fewer than {rules.min_points} months of data, so no process limits"
    subtitle = subtitle_for(indicator, periods, locale, extra)
    narrow = width_cm < style.NARROW_CM
    x = list(range(len(series)))
    present = [v for v in values if not math.isnan(v)]
    scale = list(present)
    if indicator.target is not None:
        scale.append(indicator.target)
    if result is not None:
        scale += [limit for stage in result.stages for limit in (stage.upper_limit, stage.lower_limit)]
    limits = _layout.padded_limits(scale, indicator.unit, pad=0.08) if scale else None

    def fmt(value: float) -> str:
        return format_value(value, indicator.unit, indicator.decimals, locale)

    margin: list[tuple[Any, ...]] = []
    gap = "\n" if narrow else " "
    if result is not None:
        margin += [(result.upper_limit, f"Upper limit{gap}{fmt(result.upper_limit)}", style.SECONDARY_TEXT),
                   (result.mean, f"Mean{gap}{fmt(result.mean)}", style.SECONDARY_TEXT),
                   (result.lower_limit, f"Lower limit{gap}{fmt(result.lower_limit)}", style.SECONDARY_TEXT)]
    if indicator.target is not None:
        margin.append((indicator.target, f"Target{gap}{fmt(indicator.target)}", style.TARGET))
    found = latest_point(series)
    latest = [(found[2], fmt(found[2]), style.TEXT, True)] if found and found[0] == len(series) - 1 else []

    items = _key_items(indicator, result, _kinds(result, values))
    rows = _layout.key_rows(items, width_cm, KEY_LEFT_CM)
    top = _layout.title_height(width_cm, indicator.title, subtitle) + 0.25
    ticks = _layout.value_tick_labels(indicator.unit, locale, *limits) if limits else []
    left = max(1.0, _layout.tick_margin_cm(ticks))
    right = max(1.2, _layout.margin_labels_cm(margin + latest))
    bottom = _layout.month_labels_cm(two_lines=narrow) + rows * _layout.key_row_cm() + KEY_BOTTOM_CM
    height_cm = max(height_cm, top + bottom + _layout.MIN_PLOT_CM)
    figure = style.new_figure(width_cm, height_cm)
    _layout.title_block(figure, width_cm, height_cm, indicator.title, subtitle)
    ax = _layout.place_axes(figure, width_cm, height_cm, left, right, top, bottom)
    _layout.clean_axes(ax, grid_axis="")
    ax.set_xlim(-0.6, max(len(series) - 0.4, 0.6))
    _layout.month_ticks(ax, periods, width_cm - left - right, locale, two_lines=narrow,
                        frequency=indicator.frequency)
    _layout.value_axis(ax, indicator.unit, locale)
    if limits:
        ax.set_ylim(*limits)
    else:
        ax.set_yticks([])
        ax.text(0.5, 0.5, "No data for any month in this period", transform=ax.transAxes, ha="center",
                va="center", fontsize=style.LABEL_SIZE, color=style.SECONDARY_TEXT)

    line_x, line_y = year_to_date_breaks(indicator, periods, x, values)
    ax.plot(line_x, line_y, color=style.MID_GREY, linewidth=1.0, zorder=3)
    if result is not None:
        _draw_stages(ax, result, len(series))
    if indicator.target is not None:
        ax.axhline(indicator.target, color=style.TARGET, linewidth=1.4, linestyle=TARGET_DASHES, zorder=2)

    _draw_points(ax, result, x, values)
    if found is not None:
        index, _, value = found
        signal = result.signals[index] if result is not None else None
        colour = POINT_STYLES[signal.kind][0] if signal is not None else style.SERIES
        if colour == style.CONCERN:  # orange is too light for text: label in the text colour
            colour = style.TEXT
        mark_latest(ax, index, value, fmt(value), last=index == len(series) - 1, target=indicator.target,
                    margin_labels=margin, colour=colour, draw_marker=False)
    _layout.right_margin_labels(ax, margin, figure)

    _layout.key(figure, width_cm, height_cm, items, x_cm=KEY_LEFT_CM,
                y_cm=KEY_BOTTOM_CM + (rows - 0.5) * _layout.key_row_cm())
    name = name or indicator_figure(IndicatorFigure.SPC, indicator.id)
    return RenderedFigure(name=name, png=style.to_png(figure, name), alt_text=alt, description=description,
                          width_cm=width_cm)


def _draw_stages(ax: Any, result: SpcResult, length: int) -> None:
    """Mean and process limits: across the chart, or over each stage of a rebased process."""
    for stage in result.stages:
        if len(result.stages) == 1:
            def line(y: float, **style_args: Any) -> None:
                ax.axhline(y, **style_args)
        else:
            low, high = stage.start - 0.5, min(stage.stop, length) - 0.5

            def line(y: float, **style_args: Any) -> None:
                ax.hlines(y, low, high, **style_args)  # noqa: B023 - called within this iteration only
        line(stage.mean, color=style.DARK_GREY, linewidth=1.2, zorder=2)
        for limit in (stage.upper_limit, stage.lower_limit):
            line(limit, color=style.DARK_GREY, linewidth=1.0, linestyle=LIMIT_DASHES, zorder=2)
    for stage in result.stages[1:]:
        ax.axvline(stage.start - 0.5, color=style.MID_GREY, linewidth=0.8, linestyle=LIMIT_DASHES, zorder=1)


def _kinds(result: SpcResult | None, values: list[float]) -> set[SignalKind]:
    kinds = set()
    for i, value in enumerate(values):
        if not math.isnan(value):
            signal = result.signals[i] if result is not None else None
            kinds.add(signal.kind if signal is not None else SignalKind.COMMON)
    return kinds


def _key_items(indicator: Indicator, result: SpcResult | None,
               kinds: set[SignalKind]) -> list[tuple[dict[str, Any], str]]:
    items: list[tuple[dict[str, Any], str]] = []
    for kind in (SignalKind.COMMON, SignalKind.IMPROVEMENT, SignalKind.CONCERN, SignalKind.NEITHER):
        if kind in kinds:
            colour, marker, size, filled = POINT_STYLES[kind]
            text = LEGEND_TEXT[kind] if result is not None else "Monthly value (not yet judged)"
            items.append(({"marker": marker, "colour": colour, "filled": filled, "size": size}, text))
    if result is not None:
        items.append(({"line": None, "colour": style.DARK_GREY, "width": 1.2}, "Mean"))
        items.append(({"line": LIMIT_DASHES, "colour": style.DARK_GREY, "width": 1.0}, "Process limits"))
    if result is not None and result.rebased:
        items.append(({"line": LIMIT_DASHES, "colour": style.MID_GREY, "width": 0.8}, "Change to the process"))
    if indicator.target is not None:
        items.append(({"line": TARGET_DASHES, "colour": style.TARGET, "width": 1.4}, "Target"))
    return items


def _draw_points(ax: Axes, result: SpcResult | None, x: list[int], values: list[float]) -> None:
    groups: dict[SignalKind, list[int]] = {}
    for i, value in enumerate(values):
        if math.isnan(value):
            continue
        signal = None if result is None else result.signals[i]
        kind = SignalKind.COMMON if signal is None else signal.kind
        groups.setdefault(kind, []).append(i)
    for kind, indexes in groups.items():
        colour, marker, size, filled = POINT_STYLES[kind]
        ax.plot([x[i] for i in indexes], [values[i] for i in indexes], linestyle="none", marker=marker,
                markersize=size, color=colour, markerfacecolor=colour if filled else style.WHITE,
                markeredgewidth=1.2, zorder=4)
