"""Comparison chart: the council against England, its region and its comparator average for one indicator."""

from __future__ import annotations

from ..formatting import format_number, format_value
from ..model import Benchmark, Indicator, Polarity
from . import _layout, style
from .alt_text import comparison_text, unit_phrase
from .names import IndicatorFigure, indicator_figure
from .rendered import RenderedFigure

BAR_CM = 0.75


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

    labels_cm = min(5.5, max(3.2, max(len(label) for label, _, _ in rows) * 0.19))
    top = _layout.title_height(width_cm, indicator.title, subtitle) + 0.2
    height_cm = top + len(rows) * BAR_CM + 0.35
    figure = style.new_figure(width_cm, height_cm)
    _layout.title_block(figure, width_cm, height_cm, indicator.title, subtitle)
    ax = _layout.place_axes(figure, width_cm, height_cm, labels_cm, 2.0, top, 0.2)
    _layout.clean_axes(ax, grid_axis="")
    for side in ("bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xticks([])

    present = [v for _, v, _ in rows if v is not None]
    low, high = min([0.0, *present]), max([0.0, *present])
    span = (high - low) or 1.0
    ax.set_xlim(low - (span * 0.22 if low < 0 else 0), high + span * 0.02)  # room for a negative bar's label
    y = list(range(len(rows)))[::-1]
    ax.set_ylim(-0.6, len(rows) - 0.4)
    for (_label, value, highlight), yy in zip(rows, y):
        if value is None:
            ax.text(0, yy, "  No data", va="center", ha="left", fontsize=style.VALUE_SIZE, color=style.SECONDARY_TEXT)
            continue
        ax.barh(yy, value, height=0.62, color=style.HIGHLIGHT if highlight else style.LIGHT_GREY, zorder=2)
        text = format_value(value, indicator.unit, indicator.decimals, locale)
        ax.annotate(text, xy=(value, yy), xytext=(4 if value >= 0 else -4, 0), textcoords="offset points",
                    ha="left" if value >= 0 else "right", va="center", fontsize=style.VALUE_SIZE,
                    fontweight="bold" if highlight else "normal", color=style.TEXT, annotation_clip=False)
    ax.set_yticks(y, [label for label, _, _ in rows])
    ax.tick_params(axis="y", length=0, pad=6, labelsize=style.LABEL_SIZE)
    for tick, (_, _, highlight) in zip(ax.get_yticklabels(), rows):
        if highlight:
            tick.set_fontweight("bold")
    ax.axvline(0, color=style.MID_GREY, linewidth=0.8, zorder=3)
    return RenderedFigure(name=name or indicator_figure(IndicatorFigure.COMPARISON, indicator.id),
                          png=style.to_png(figure), alt_text=alt, description=description, width_cm=width_cm)
