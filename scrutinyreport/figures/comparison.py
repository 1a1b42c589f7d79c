"""Comparison chart: the council against England, its region and its comparator average for one indicator."""

from __future__ import annotations

from ..content.alt_text import comparison_text, unit_phrase
from ..content.figure_names import IndicatorFigure, indicator_figure
from ..formatting import format_number, format_value
from ..model import Benchmark, Indicator, Polarity
from . import _layout, fit, style
from .rendered import RenderedFigure

BAR_CM = 0.75
LABEL_GAP_CM = 4 * 2.54 / 72   # between a bar's end and its value
NO_DATA = "  No data"


def comparison_chart(indicator: Indicator, benchmark: Benchmark, council: str = "Council", locale: str = "en_GB",
                     name: str | None = None, width_cm: float = style.PORTRAIT_WIDTH_CM) -> RenderedFigure:
    """Horizontal bars, the council's highlighted, each labelled with its printed value; the national rank
    in the subtitle where the benchmark gives it. Missing values are labelled 'No data', not drawn as zero."""
    rows = [(council, benchmark.council, True), ("England", benchmark.england, False),
            ("Region", benchmark.region, False), ("Comparator average", benchmark.comparator, False)]
    alt, description = comparison_text(indicator, benchmark, council, locale)
    parts = [benchmark.year, unit_phrase(indicator.unit)]
    if benchmark.rank is not None and benchmark.rank_of is not None:
        parts.append(f"{council} ranked {format_number(benchmark.rank)} of {format_number(benchmark.rank_of)} councils")
    if indicator.polarity is Polarity.HIGHER_IS_BETTER:
        parts.append("Higher is better")
    elif indicator.polarity is Polarity.LOWER_IS_BETTER:
        parts.append("Lower is better")
    subtitle = ". ".join(parts) + "."

    def fmt(value: float) -> str:
        return format_value(value, indicator.unit, indicator.decimals, locale)

    # row labels: as wide as the longest needs, up to 40% of the figure; wrapped (measured) beyond that
    limit_cm = width_cm * 0.4
    labels = ["\n".join(_layout.wrap(label, limit_cm, style.LABEL_SIZE, "bold" if highlight else "normal"))
              for label, _, highlight in rows]
    labels_cm = max(fit.text_width_cm(label, style.LABEL_SIZE, "bold" if highlight else "normal")
                    for label, (_, _, highlight) in zip(labels, rows)) + _layout.TICK_CM + _layout.EDGE_CM
    present = [v for _, v, _ in rows if v is not None]
    shown = [(value, highlight) for _, value, highlight in rows if value is not None]

    def value_cm(value: float, highlight: bool) -> float:
        return fit.text_width_cm(fmt(value), style.VALUE_SIZE, "bold" if highlight else "normal") + LABEL_GAP_CM

    missing_cm = [fit.text_width_cm(NO_DATA, style.VALUE_SIZE)] if len(shown) < len(rows) else []
    right_cm = max([1.0, *missing_cm, *(value_cm(v, h) for v, h in shown if v >= 0)]) + _layout.EDGE_CM
    negative_cm = max([value_cm(v, h) + 0.15 for v, h in shown if v < 0], default=0.0)
    lines = max(label.count("\n") + 1 for label in labels)
    bar_cm = max(BAR_CM, lines * fit.text_size_cm("Ag", style.LABEL_SIZE)[1] + 0.2)
    top = _layout.title_height(width_cm, indicator.title, subtitle) + 0.2
    height_cm = top + len(rows) * bar_cm + 0.35
    figure = style.new_figure(width_cm, height_cm)
    _layout.title_block(figure, width_cm, height_cm, indicator.title, subtitle)
    ax = _layout.place_axes(figure, width_cm, height_cm, labels_cm, right_cm, top, 0.2)
    _layout.clean_axes(ax, grid_axis="")
    for side in ("bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xticks([])

    low, high = min([0.0, *present]), max([0.0, *present])
    span = (high - low) or 1.0
    axes_cm = width_cm - labels_cm - right_cm
    # room left of zero for a negative bar's label, in data units: the label's width is part of the range
    room = span * negative_cm / max(axes_cm - negative_cm, 0.5) if negative_cm else 0.0
    ax.set_xlim(low - room, high + span * 0.02)
    y = list(range(len(rows)))[::-1]
    ax.set_ylim(-0.6, len(rows) - 0.4)
    for (_label, value, highlight), yy in zip(rows, y):
        if value is None:
            ax.text(0, yy, NO_DATA, va="center", ha="left", fontsize=style.VALUE_SIZE, color=style.SECONDARY_TEXT)
            continue
        ax.barh(yy, value, height=0.62, color=style.HIGHLIGHT if highlight else style.LIGHT_GREY, zorder=2)
        ax.annotate(fmt(value), xy=(value, yy), xytext=(4 if value >= 0 else -4, 0), textcoords="offset points",
                    ha="left" if value >= 0 else "right", va="center", fontsize=style.VALUE_SIZE,
                    fontweight="bold" if highlight else "normal", color=style.TEXT, annotation_clip=False)
    ax.set_yticks(y, labels)
    ax.tick_params(axis="y", length=0, pad=6, labelsize=style.LABEL_SIZE)
    for tick, (_, _, highlight) in zip(ax.get_yticklabels(), rows):
        if highlight:
            tick.set_fontweight("bold")
    ax.axvline(0, color=style.MID_GREY, linewidth=0.8, zorder=3)
    name = name or indicator_figure(IndicatorFigure.COMPARISON, indicator.id)
    return RenderedFigure(name=name, png=style.to_png(figure, name), alt_text=alt, description=description,
                          width_cm=width_cm)
