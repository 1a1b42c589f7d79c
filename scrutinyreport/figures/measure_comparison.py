"""Measure comparison chart for the regional summary: each council's latest figure on one measure as a
horizontal bar, labelled with its printed value, and the region's median as a dashed, labelled line.

Margins come from the labels' widths as the font draws them (measured by ``fit``), so every piece of text
stays inside the picture however long a council's name or figure is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..content.alt_text import ALT_TEXT_LIMIT
from . import _layout, fit, style
from .rendered import RenderedFigure

BAR_CM = 0.7
GAP_CM = 0.25


@dataclass(frozen=True)
class Bar:
    label: str                 # the council, with its month where that differs from the others'
    value: float | None
    text: str                  # the value as printed, e.g. '82.8%'; 'No data'


def measure_text(title: str, month: str, bars: Sequence[Bar], median_text: str | None) -> tuple[str, str]:
    """(alt text, description): what the chart shows, the highest and lowest councils and the median."""
    present = [bar for bar in bars if bar.value is not None]
    description = (f"Bar chart of {title}, {month}, for {len(bars)} councils: "
                   + "; ".join(f"{bar.label} {bar.text}" for bar in bars) + "."
                   + (f" The region's median is {median_text}." if median_text else ""))
    if not present:
        return f"Bar chart of {title}: no council has a figure."[:ALT_TEXT_LIMIT], description
    high = max(present, key=lambda bar: bar.value or 0)
    low = min(present, key=lambda bar: bar.value or 0)
    figures = f"highest {high.label} {high.text}, lowest {low.label} {low.text}"
    if median_text:
        figures += f", region's median {median_text}"
    alt = f"Bar chart of {title}, {month}, {len(bars)} councils: {figures}."
    if len(alt) > ALT_TEXT_LIMIT:
        alt = f"Bar chart of this measure, {month}, {len(bars)} councils: {figures}."
    return alt[:ALT_TEXT_LIMIT], description


def measure_chart(title: str, subtitle: str, month: str, bars: Sequence[Bar], median: float | None,
                  median_text: str | None, name: str, width_cm: float = style.PORTRAIT_WIDTH_CM) -> RenderedFigure:
    """One bar per council in the order given; missing figures are labelled 'No data', not drawn as zero."""
    alt, description = measure_text(title, month, bars, median_text)
    top = _layout.title_height(width_cm, title, subtitle) + 0.55          # room for the median's label
    height_cm = top + len(bars) * BAR_CM + GAP_CM + 0.2
    figure = style.new_figure(width_cm, height_cm)
    _layout.title_block(figure, width_cm, height_cm, title, subtitle)
    labels_cm = max([fit.text_width_cm(bar.label, style.LABEL_SIZE) for bar in bars] + [1.0]) + 0.45
    values_cm = max([fit.text_width_cm(bar.text, style.VALUE_SIZE, "bold") for bar in bars] + [1.0]) + 0.35
    ax = _layout.place_axes(figure, width_cm, height_cm, labels_cm, values_cm, top, 0.2)
    _layout.clean_axes(ax, grid_axis="")
    for side in ("bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xticks([])

    values = [bar.value for bar in bars if bar.value is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    span = (high - low) or 1.0
    ax.set_xlim(low - (span * 0.02 if low < 0 else 0), high + span * 0.01)
    y = list(range(len(bars)))[::-1]
    ax.set_ylim(-0.6, len(bars) - 0.4)
    for bar, yy in zip(bars, y):
        if bar.value is None:
            ax.text(0, yy, "  No data", va="center", ha="left", fontsize=style.VALUE_SIZE, color=style.SECONDARY_TEXT)
            continue
        ax.barh(yy, bar.value, height=0.62, color=style.HIGHLIGHT, zorder=2)
        ax.annotate(bar.text, xy=(bar.value, yy), xytext=(4 if bar.value >= 0 else -4, 0), textcoords="offset points",
                    ha="left" if bar.value >= 0 else "right", va="center", fontsize=style.VALUE_SIZE,
                    fontweight="bold", color=style.TEXT, annotation_clip=False, zorder=5,
                    bbox={"facecolor": style.WHITE, "edgecolor": "none", "pad": 1.0})
    ax.set_yticks(y, [bar.label for bar in bars])
    ax.tick_params(axis="y", length=0, pad=6, labelsize=style.LABEL_SIZE)
    ax.axvline(0, color=style.MID_GREY, linewidth=0.8, zorder=3)
    if median is not None and median_text:
        ax.axvline(median, color=style.TARGET, linewidth=1.4, linestyle=(0, (4, 2)), zorder=4)
        label = f"Region's median {median_text}"
        # the label sits above the bars, starting at the line, or ending at it where it would run off the right
        start_cm = labels_cm + (median - ax.get_xlim()[0]) / (ax.get_xlim()[1] - ax.get_xlim()[0]) * \
            (width_cm - labels_cm - values_cm)
        fits = start_cm + 0.1 + fit.text_width_cm(label, style.SMALL_SIZE) < width_cm - 0.15
        ax.annotate(label, xy=(median, 1), xycoords=("data", "axes fraction"), xytext=(3 if fits else -3, 3),
                    textcoords="offset points", ha="left" if fits else "right", va="bottom",
                    fontsize=style.SMALL_SIZE, color=style.TARGET, annotation_clip=False)
    return RenderedFigure(name=name, png=style.to_png(figure, name), alt_text=alt, description=description,
                          width_cm=width_cm)
