"""Shared drawing helpers: title blocks, margins in centimetres, value and month axes, label spacing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter, MaxNLocator

from ..formatting import format_money, format_number, format_percentage
from ..model import Unit
from . import fit, style

PT_CM = 2.54 / 72


TITLE_SPACING = 1.15
TOP_CM = 0.15       # above the title
EDGE_CM = 0.2       # kept clear at the right of titles and margin labels


def wrap(text: str, width_cm: float, size_pt: float, weight: str = "normal") -> list[str]:
    """Lines of text that each fit width_cm at size_pt, measured in the figures' font."""
    return fit.wrap(text, width_cm, size_pt, weight)


def _title_lines(width_cm: float, title: str, subtitle: str, left_cm: float) -> tuple[str, str]:
    room = width_cm - left_cm - EDGE_CM
    return ("\n".join(wrap(title, room, style.TITLE_SIZE, "bold")) if title else "",
            "\n".join(wrap(subtitle, room, style.SUBTITLE_SIZE)) if subtitle else "")


def title_height(width_cm: float, title: str, subtitle: str = "", left_cm: float = 0.15) -> float:
    """The height in cm that title_block takes, measured, for sizing a figure before drawing it."""
    title_text, subtitle_text = _title_lines(width_cm, title, subtitle, left_cm)
    y = TOP_CM
    if title_text:
        y += fit.text_size_cm(title_text, style.TITLE_SIZE, "bold", TITLE_SPACING)[1] + 0.1
    if subtitle_text:
        y += fit.text_size_cm(subtitle_text, style.SUBTITLE_SIZE, "normal", TITLE_SPACING)[1] + 0.05
    return y


def title_block(figure: Figure, width_cm: float, height_cm: float, title: str, subtitle: str = "",
                left_cm: float = 0.15) -> float:
    """Draw a left-aligned title (bold) and subtitle at the top, wrapped to the figure's width by their drawn
    width; return the height they take in cm."""
    title_text, subtitle_text = _title_lines(width_cm, title, subtitle, left_cm)
    y = TOP_CM
    if title_text:
        figure.text(left_cm / width_cm, 1 - y / height_cm, title_text, ha="left", va="top",
                    fontsize=style.TITLE_SIZE, fontweight="bold", color=style.TEXT, linespacing=TITLE_SPACING)
        y += fit.text_size_cm(title_text, style.TITLE_SIZE, "bold", TITLE_SPACING)[1] + 0.1
    if subtitle_text:
        figure.text(left_cm / width_cm, 1 - y / height_cm, subtitle_text, ha="left", va="top",
                    fontsize=style.SUBTITLE_SIZE, color=style.SECONDARY_TEXT, linespacing=TITLE_SPACING)
        y += fit.text_size_cm(subtitle_text, style.SUBTITLE_SIZE, "normal", TITLE_SPACING)[1] + 0.05
    return y


def place_axes(figure: Figure, width_cm: float, height_cm: float, left: float, right: float, top: float,
               bottom: float) -> Axes:
    """One axes with margins given in centimetres."""
    return figure.add_axes((left / width_cm, bottom / height_cm, max(0.05, (width_cm - left - right) / width_cm),
                            max(0.05, (height_cm - top - bottom) / height_cm)))


class UnitFormatter(Formatter):
    """Value-axis tick labels in the indicator's unit, with as many decimals as the tick step needs."""

    def __init__(self, unit: Unit, locale: str, max_decimals: int = 2, compact_money: bool = False):
        self.unit = unit
        self.locale = locale
        self.max_decimals = max_decimals
        self.decimals = 0
        self.compact_money = compact_money

    def set_locs(self, locs: list[float]) -> None:
        super().set_locs(locs)
        values = sorted(float(v) for v in locs)
        steps = [b - a for a, b in zip(values, values[1:]) if b - a > 0]
        self.decimals = 0
        if steps:
            step = min(steps)
            for decimals in range(self.max_decimals + 1):
                if abs(round(step, decimals) - step) < 1e-9 * max(1.0, abs(step)):
                    self.decimals = decimals
                    break
            else:
                self.decimals = self.max_decimals

    def __call__(self, x: float, pos: int | None = None) -> str:
        return format_tick(x, self.unit, self.decimals, self.locale)


def format_tick(value: float, unit: Unit, decimals: int, locale: str) -> str:
    if unit is Unit.PERCENT:
        return format_percentage(value, decimals, locale)
    if unit is Unit.CURRENCY:
        return format_money(value, decimals, locale)
    return format_number(value, decimals, locale)


def _value_locator(unit: Unit, nbins: int) -> MaxNLocator:
    return MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10], integer=unit in (Unit.COUNT, Unit.CURRENCY))


def value_axis(ax: Axes, unit: Unit, locale: str, axis: str = "y", nbins: int = 5) -> None:
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(_value_locator(unit, nbins))
    target.set_major_formatter(UnitFormatter(unit, locale))


def value_tick_labels(unit: Unit, locale: str, low: float, high: float, nbins: int = 5) -> list[str]:
    """The labels value_axis will print for the range low to high, worked out the way the axis does."""
    locs = [float(v) for v in _value_locator(unit, nbins).tick_values(low, high)]
    labels = UnitFormatter(unit, locale).format_ticks(locs)
    return [label for loc, label in zip(locs, labels) if low <= loc <= high]


TICK_CM = (3.5 + 3.5) * PT_CM   # matplotlib's tick length and label pad
MIN_PLOT_CM = 2.6   # a chart's plotting area is never squeezed below this height: the figure grows instead


def month_labels_cm(two_lines: bool) -> float:
    """The bottom margin month_ticks' labels need (their drawn height, the tick and its pad)."""
    sample = "Sep\n2026" if two_lines else "Sep 2026"
    return fit.text_size_cm(sample, style.SMALL_SIZE)[1] + (4 + 3.5) * PT_CM + 0.2


def tick_margin_cm(labels: Sequence[str], size: float = style.SMALL_SIZE) -> float:
    """The margin that value tick labels need at the side of the axes: the widest label, drawn, with room."""
    return fit.widest_cm(labels, size) + TICK_CM + EDGE_CM


def margin_labels_cm(labels: Sequence[tuple[Any, ...]], x_offset_pt: float = 5,
                     size: float = style.SMALL_SIZE) -> float:
    """The right margin that right_margin_labels needs for these labels (bold ones are printed larger)."""
    widths = [fit.text_width_cm(label[1], style.VALUE_SIZE, "bold") if len(label) > 3 and label[3]
              else fit.text_width_cm(label[1], size) for label in labels]
    return max(widths, default=0.0) + x_offset_pt * PT_CM + EDGE_CM


def month_ticks(ax: Axes, labels: Sequence[str], axes_width_cm: float, two_lines: bool = False) -> None:
    """Label the points with their periods as printed ('Jul 2017', 'Q2 2026/27', '2025/26'; on two lines in
    narrow charts), every 1, 2, 3, 6 or 12 points so labels do not crowd, always including the latest; a small
    tick on every point."""
    n = len(labels)
    if n == 0:
        ax.set_xticks([])
        return
    every = list(labels)
    if two_lines:
        every = ["\n".join(label.rsplit(" ", 1)) for label in every]
    label_cm = fit.widest_cm(every, style.SMALL_SIZE) + 0.3   # with a gap between neighbours
    month_cm = axes_width_cm / max(n, 1)
    step = next((s for s in (1, 2, 3, 6, 12) if s * month_cm >= label_cm), 12)
    major = list(range(n - 1, -1, -step))[::-1]
    labels = [every[i] for i in major]
    ax.set_xticks(major, labels)
    ax.tick_params(axis="x", which="major", length=4, color=style.MID_GREY)
    # a small mark on every month, drawn as one artist (matplotlib's minor ticks cost a Tick object each)
    ax.plot(range(n), [0] * n, transform=ax.get_xaxis_transform(), linestyle="none", marker=3, markersize=2,
            color=style.MID_GREY, markeredgewidth=0.8, clip_on=False, zorder=1)


def spread(positions: list[float], min_gap: float, low: float | None = None, high: float | None = None) -> list[float]:
    """Move sorted label positions apart so neighbours are at least min_gap apart, keeping their order and
    staying as close to where they were as possible (positions in display units, e.g. points)."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [positions[i] for i in order]
    for _ in range(50):
        moved = False
        for k in range(1, len(placed)):
            overlap = min_gap - (placed[k] - placed[k - 1])
            if overlap > 1e-6:
                placed[k - 1] -= overlap / 2
                placed[k] += overlap / 2
                moved = True
        if low is not None and placed and placed[0] < low:
            shift = low - placed[0]
            placed = [p + shift for p in placed]
        if high is not None and placed and placed[-1] > high:
            shift = placed[-1] - high
            placed = [p - shift for p in placed]
        if not moved:
            break
    result = [0.0] * len(positions)
    for slot, i in enumerate(order):
        result[i] = placed[slot]
    return result


def right_margin_labels(ax: Axes, labels: list[tuple[Any, ...]], figure: Figure, x_offset_pt: float = 5,
                        size: float = style.SMALL_SIZE) -> None:
    """Labels just right of the axes at data heights, pushed apart so none overlap. Each label is
    (value, text, colour) or (value, text, colour, bold); bold labels are printed larger, as values."""
    if not labels:
        return
    labels = [tuple(label) + (False,) * (4 - len(label)) for label in labels]
    to_display = ax.transData.transform
    heights = [to_display((0, label[0]))[1] for label in labels]
    pixels_per_pt = figure.dpi / 72
    lines = max(label[1].count("\n") + 1 for label in labels)
    gap = max(style.VALUE_SIZE * 1.3, lines * size * 1.2 + 2) * pixels_per_pt
    bbox = ax.get_window_extent()
    placed = spread(heights, gap, low=bbox.y0 - 4 * pixels_per_pt, high=bbox.y1 + 4 * pixels_per_pt)
    to_axes = ax.transAxes.inverted().transform
    for (_value, text, colour, bold), y in zip(labels, placed):
        ax_y = to_axes((0, y))[1]
        ax.annotate(text, xy=(1, ax_y), xycoords="axes fraction", xytext=(x_offset_pt, 0),
                    textcoords="offset points", ha="left", va="center",
                    fontsize=style.VALUE_SIZE if bold else size, fontweight="bold" if bold else "normal",
                    color=colour, annotation_clip=False, linespacing=1.1)


def clean_axes(ax: Axes, grid_axis: Literal["both", "x", "y", ""] = "y") -> None:
    ax.set_facecolor(style.WHITE)
    if grid_axis:
        ax.grid(True, axis=grid_axis, color=style.GRID, linewidth=0.8)
        ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def text_width_cm(text: str, size_pt: float, weight: str = "normal") -> float:
    """A line's drawn width in cm, measured in the figures' font."""
    return fit.text_width_cm(text, size_pt, weight)


def _key_positions(items: list[tuple[dict[str, Any], str]], width_cm: float, x_cm: float, size: float,
                   max_width_cm: float | None) -> list[tuple[int, float]]:
    """(row, x) for each key item, wrapping to a new row when the next item would not fit."""
    limit = x_cm + (max_width_cm if max_width_cm is not None else width_cm - x_cm - 0.2)
    positions = []
    row, x = 0, x_cm
    for _, label in items:
        needed = KEY_SAMPLE_CM + 0.15 + text_width_cm(label, size)
        if x > x_cm and x + needed > limit:
            row, x = row + 1, x_cm
        positions.append((row, x))
        x += needed + KEY_GAP_CM
    return positions


KEY_SAMPLE_CM = 0.6
KEY_GAP_CM = 0.45


def key_row_cm(size: float = style.SMALL_SIZE) -> float:
    return size * PT_CM * 1.7


def key_rows(items: list[tuple[dict[str, Any], str]], width_cm: float, x_cm: float, size: float = style.SMALL_SIZE,
             max_width_cm: float | None = None) -> int:
    positions = _key_positions(items, width_cm, x_cm, size, max_width_cm)
    return positions[-1][0] + 1 if positions else 0


def key(figure: Figure, width_cm: float, height_cm: float, items: list[tuple[dict[str, Any], str]], x_cm: float,
        y_cm: float, size: float = style.SMALL_SIZE, max_width_cm: float | None = None) -> float:
    """A legend drawn as plain artists (much cheaper than matplotlib's Legend): each item is a sample and its
    label, left to right from (x_cm, y_cm from the bottom: the first row's centre), wrapping to rows below.
    A sample is {'marker': m, 'colour': c, 'filled': bool, 'size': pt}, {'line': dashes or None, 'colour': c,
    'width': pt} or {'patch': colour}. Returns the height used in cm."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    row_cm = key_row_cm(size)
    positions = _key_positions(items, width_cm, x_cm, size, max_width_cm)
    for (sample, label), (row, x) in zip(items, positions):
        y = y_cm - row * row_cm
        fx, fy = x / width_cm, y / height_cm
        if "marker" in sample:
            colour = sample["colour"]
            figure.add_artist(Line2D([fx + KEY_SAMPLE_CM / 2 / width_cm], [fy], transform=figure.transFigure,
                                     linestyle="none", marker=sample["marker"], markersize=sample.get("size", 5),
                                     color=colour,
                                     markerfacecolor=colour if sample.get("filled", True) else style.WHITE,
                                     markeredgewidth=1.2))
        elif "line" in sample:
            line = Line2D([fx, fx + KEY_SAMPLE_CM / width_cm], [fy, fy], transform=figure.transFigure,
                          color=sample["colour"], linewidth=sample.get("width", 1.2))
            if sample["line"] is not None:
                line.set_linestyle(sample["line"])
            figure.add_artist(line)
        else:
            h = size * PT_CM * 0.9
            figure.add_artist(Rectangle((fx + 0.15 / width_cm, (y - h / 2) / height_cm), 0.45 / width_cm,
                                        h / height_cm, transform=figure.transFigure, facecolor=sample["patch"],
                                        edgecolor="none"))
        figure.text((x + KEY_SAMPLE_CM + 0.15) / width_cm, fy, label, ha="left", va="center_baseline",
                    fontsize=size, color=style.TEXT)
    rows = positions[-1][0] + 1 if positions else 0
    return rows * row_cm
