"""A bar chart spec drawn as a picture (matplotlib, PNG): horizontal bars (GOV.UK guidance prefers bars to
pies), every bar labelled with its printed value, missing figures labelled, never drawn as zero.

Margins come from the labels' widths as the font draws them (measured by ``fit``), so every piece of text
stays inside the picture however long a name or figure is.
"""

from __future__ import annotations

from collections.abc import Callable

from ..content.charts import BarChart, BarKind
from . import _layout, fit, style
from .rendered import RenderedFigure

COMPARISON_BAR_CM = 0.75
LABEL_GAP_CM = 4 * 2.54 / 72   # between a bar's end and its value
NO_DATA = "  No data"
GROUP_CM = 1.05                # a breakdown's category (its two bars)
LABEL_PAD_CM = 6 * 2.54 / 72 + 0.25   # the tick labels' pad and a margin at the figure's left edge
SCORE_ROW_CM = 0.62
MEASURE_BAR_CM = 0.7
MEASURE_GAP_CM = 0.25


def draw_bar_chart(chart: BarChart) -> RenderedFigure:
    """The chart as a PNG at its own size, with its alt text and description."""
    return _DRAW[chart.kind](chart)


def _rendered(chart: BarChart, figure: object) -> RenderedFigure:
    from matplotlib.figure import Figure

    assert isinstance(figure, Figure)
    return RenderedFigure(name=chart.name, png=style.to_png(figure, chart.name), alt_text=chart.alt_text,
                          description=chart.description, width_cm=chart.width_cm)


def _bare_axes(ax: object) -> None:
    from matplotlib.axes import Axes

    assert isinstance(ax, Axes)
    _layout.clean_axes(ax, grid_axis="")
    for side in ("bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xticks([])


# ------------------------------------------------------------------------------------------------ comparison

def comparison_picture(chart: BarChart) -> RenderedFigure:
    """The council's bar highlighted; England, the region and the comparator average in grey; row labels as
    wide as the longest needs, up to 40% of the figure, wrapped (measured) beyond that."""
    width_cm = chart.width_cm
    rows = [(bar.label, bar.values[0], bar.highlight, bar.texts[0]) for bar in chart.bars]
    limit_cm = width_cm * 0.4
    labels = ["\n".join(_layout.wrap(label, limit_cm, style.LABEL_SIZE, "bold" if highlight else "normal"))
              for label, _, highlight, _ in rows]
    labels_cm = max(fit.text_width_cm(label, style.LABEL_SIZE, "bold" if highlight else "normal")
                    for label, (_, _, highlight, _) in zip(labels, rows)) + _layout.TICK_CM + _layout.EDGE_CM
    present = [v for _, v, _, _ in rows if v is not None]
    shown = [(value, highlight, text) for _, value, highlight, text in rows if value is not None]

    def value_cm(text: str, highlight: bool) -> float:
        return fit.text_width_cm(text, style.VALUE_SIZE, "bold" if highlight else "normal") + LABEL_GAP_CM

    missing_cm = [fit.text_width_cm(NO_DATA, style.VALUE_SIZE)] if len(shown) < len(rows) else []
    right_cm = max([1.0, *missing_cm, *(value_cm(t, h) for v, h, t in shown if v >= 0)]) + _layout.EDGE_CM
    negative_cm = max([value_cm(t, h) + 0.15 for v, h, t in shown if v < 0], default=0.0)
    lines = max(label.count("\n") + 1 for label in labels)
    bar_cm = max(COMPARISON_BAR_CM, lines * fit.text_size_cm("Ag", style.LABEL_SIZE)[1] + 0.2)
    top = _layout.title_height(width_cm, chart.title, chart.subtitle) + 0.2
    height_cm = top + len(rows) * bar_cm + 0.35
    figure = style.new_figure(width_cm, height_cm)
    _layout.title_block(figure, width_cm, height_cm, chart.title, chart.subtitle)
    ax = _layout.place_axes(figure, width_cm, height_cm, labels_cm, right_cm, top, 0.2)
    _bare_axes(ax)

    low, high = min([0.0, *present]), max([0.0, *present])
    span = (high - low) or 1.0
    axes_cm = width_cm - labels_cm - right_cm
    # room left of zero for a negative bar's label, in data units: the label's width is part of the range
    room = span * negative_cm / max(axes_cm - negative_cm, 0.5) if negative_cm else 0.0
    ax.set_xlim(low - room, high + span * 0.02)
    y = list(range(len(rows)))[::-1]
    ax.set_ylim(-0.6, len(rows) - 0.4)
    for (_label, value, highlight, text), yy in zip(rows, y):
        if value is None:
            ax.text(0, yy, NO_DATA, va="center", ha="left", fontsize=style.VALUE_SIZE, color=style.SECONDARY_TEXT)
            continue
        ax.barh(yy, value, height=0.62, color=style.HIGHLIGHT if highlight else style.LIGHT_GREY, zorder=2)
        ax.annotate(text, xy=(value, yy), xytext=(4 if value >= 0 else -4, 0), textcoords="offset points",
                    ha="left" if value >= 0 else "right", va="center", fontsize=style.VALUE_SIZE,
                    fontweight="bold" if highlight else "normal", color=style.TEXT, annotation_clip=False)
    ax.set_yticks(y, labels)
    ax.tick_params(axis="y", length=0, pad=6, labelsize=style.LABEL_SIZE)
    for tick, (_, _, highlight, _) in zip(ax.get_yticklabels(), rows):
        if highlight:
            tick.set_fontweight("bold")
    ax.axvline(0, color=style.MID_GREY, linewidth=0.8, zorder=3)
    return _rendered(chart, figure)


# ------------------------------------------------------------------------------------------------ breakdown

def breakdown_picture(chart: BarChart) -> RenderedFigure:
    """Two years side by side (the earlier lighter), each bar labelled (the later year's in bold); figures
    not published printed where the bar would be; a key of the years above the bars."""
    width_cm, years = chart.width_cm, list(chart.series)
    rows = [(bar.label, list(bar.values), list(bar.texts)) for bar in chart.bars]
    labels_cm = 5.2
    categories = ["\n".join(_layout.wrap(category, labels_cm - LABEL_PAD_CM, style.LABEL_SIZE))
                  for category, _, _ in rows]
    group_cm = max([GROUP_CM, *(fit.text_size_cm(c, style.LABEL_SIZE)[1] + 0.25 for c in categories)])
    amount_texts = [text for _, values, texts in rows for value, text in zip(values, texts) if value is not None]
    right_cm = max(1.2, fit.widest_cm(amount_texts, style.SMALL_SIZE, "bold") + 4 * _layout.PT_CM + _layout.EDGE_CM)
    top = _layout.title_height(width_cm, chart.title, chart.subtitle) + 0.65
    height_cm = top + max(1, len(rows)) * group_cm + 0.25
    figure = style.new_figure(width_cm, height_cm)
    _layout.title_block(figure, width_cm, height_cm, chart.title, chart.subtitle)
    ax = _layout.place_axes(figure, width_cm, height_cm, labels_cm, right_cm, top, 0.15)
    _bare_axes(ax)
    colours = [style.EARLIER, style.HIGHLIGHT][-len(years):] if years else []
    bar = 0.8 / max(1, len(years))
    values = [v for _, vs, _ in rows for v in vs if v is not None]
    high = max([0.0, *values]) or 1.0
    ax.set_xlim(0, high * 1.02)
    ax.set_ylim(-0.5, max(1, len(rows)) - 0.5)
    centres = list(range(len(rows)))[::-1]
    for (_, row_values, texts), centre in zip(rows, centres):
        for j, (value, text, colour) in enumerate(zip(row_values, texts, colours)):
            yy = centre + 0.4 - bar * (j + 0.5)
            if value is None:
                ax.text(0, yy, " " + text, va="center", ha="left", fontsize=style.SMALL_SIZE,
                        color=style.SECONDARY_TEXT)
                continue
            ax.barh(yy, value, height=bar * 0.92, color=colour, zorder=2)
            ax.annotate(text, xy=(value, yy), xytext=(4, 0), textcoords="offset points",
                        ha="left", va="center", fontsize=style.SMALL_SIZE, color=style.TEXT,
                        fontweight="bold" if j == len(years) - 1 else "normal", annotation_clip=False)
    ax.set_yticks(centres, categories)
    ax.tick_params(axis="y", length=0, pad=6, labelsize=style.LABEL_SIZE)
    if not rows:
        ax.set_yticks([])
        ax.text(0.5, 0.5, "No data", transform=ax.transAxes, ha="center", va="center", color=style.SECONDARY_TEXT)
    ax.axvline(0, color=style.MID_GREY, linewidth=0.8, zorder=3)
    _layout.key(figure, width_cm, height_cm, [({"patch": c}, y) for y, c in zip(years, colours)],
                x_cm=labels_cm - 0.15, y_cm=height_cm - top + 0.38, size=style.LABEL_SIZE)
    return _rendered(chart, figure)


# ------------------------------------------------------------------------------------------------ scores

def scores_picture(chart: BarChart) -> RenderedFigure:
    """One bar per quality statement with its score, a heading row for each theme, the scale's words along
    the value axis."""
    width_cm = chart.width_cm
    rows = [("theme" if bar.heading else "statement", bar.label, None if bar.heading else bar.texts[0],
             bar.values[0]) for bar in chart.bars]
    labels_cm = 6.4
    # labels start this far left of the axes (theme headings further out than statements) and end short of it
    indent_cm = {"theme": labels_cm - 6 * _layout.PT_CM, "statement": labels_cm - 16 * _layout.PT_CM}
    wrapped = [_layout.wrap(text, indent_cm[kind] - 0.25, style.LABEL_SIZE, "bold" if kind == "theme" else "normal")
               for kind, text, _, _ in rows]
    heights = [max(SCORE_ROW_CM, fit.text_size_cm("\n".join(lines), style.LABEL_SIZE, "normal", 1.1)[1] + 0.2)
               for lines in wrapped]
    top = _layout.title_height(width_cm, chart.title, chart.subtitle) + 0.15
    bottom = 1.15
    height_cm = top + sum(heights) + bottom + 0.1
    figure = style.new_figure(width_cm, height_cm)
    _layout.title_block(figure, width_cm, height_cm, chart.title, chart.subtitle)
    ax = _layout.place_axes(figure, width_cm, height_cm, labels_cm, 0.9, top, bottom)
    _layout.clean_axes(ax, grid_axis="x")
    ax.spines["left"].set_visible(False)
    total = sum(heights)
    ax.set_ylim(total or 1.0, 0)
    ax.set_xlim(0, 4.15)
    ax.set_xticks([score for score, _ in chart.scale], [f"{score}\n{words}" for score, words in chart.scale])
    ax.tick_params(axis="x", length=0, labelsize=style.SMALL_SIZE)
    ax.set_yticks([])
    y = 0.0
    for (kind, _text, score_text, score), lines, height in zip(rows, wrapped, heights):
        centre = y + height / 2
        if kind == "theme":
            ax.annotate("\n".join(lines), xy=(0, centre), xycoords=("axes fraction", "data"),
                        xytext=(-indent_cm[kind] / _layout.PT_CM, 0), textcoords="offset points", ha="left",
                        va="center", fontsize=style.LABEL_SIZE, fontweight="bold", color=style.TEXT,
                        annotation_clip=False)
            if y > 0:
                ax.axhline(y, color=style.LIGHT_GREY, linewidth=0.8, xmin=0, xmax=1)
        else:
            ax.annotate("\n".join(lines), xy=(0, centre), xycoords=("axes fraction", "data"),
                        xytext=(-indent_cm[kind] / _layout.PT_CM, 0), textcoords="offset points", ha="left",
                        va="center", fontsize=style.LABEL_SIZE, color=style.TEXT, annotation_clip=False,
                        linespacing=1.1)
            assert score is not None and score_text is not None
            whole = int(score)
            ax.barh(centre, whole, height=min(0.46, height * 0.75), color=style.HIGHLIGHT, zorder=2)
            ax.annotate(score_text, xy=(whole, centre), xytext=(4, 0), textcoords="offset points", ha="left",
                        va="center", fontsize=style.VALUE_SIZE, fontweight="bold", color=style.TEXT)
        y += height
    if not rows:
        ax.text(0.5, 0.5, "No quality statements", transform=ax.transAxes, ha="center", va="center",
                color=style.SECONDARY_TEXT)
    return _rendered(chart, figure)


# ------------------------------------------------------------------------------------------------ measure

def measure_picture(chart: BarChart) -> RenderedFigure:
    """One bar per council in the order given; the region's median as a dashed, labelled line."""
    width_cm = chart.width_cm
    bars = [(bar.label, bar.values[0], bar.texts[0]) for bar in chart.bars]
    top = _layout.title_height(width_cm, chart.title, chart.subtitle) + 0.55          # room for the median's label
    height_cm = top + len(bars) * MEASURE_BAR_CM + MEASURE_GAP_CM + 0.2
    figure = style.new_figure(width_cm, height_cm)
    _layout.title_block(figure, width_cm, height_cm, chart.title, chart.subtitle)
    labels_cm = max([fit.text_width_cm(label, style.LABEL_SIZE) for label, _, _ in bars] + [1.0]) + 0.45
    values_cm = max([fit.text_width_cm(text, style.VALUE_SIZE, "bold") for _, _, text in bars] + [1.0]) + 0.35
    ax = _layout.place_axes(figure, width_cm, height_cm, labels_cm, values_cm, top, 0.2)
    _bare_axes(ax)

    values = [value for _, value, _ in bars if value is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    span = (high - low) or 1.0
    ax.set_xlim(low - (span * 0.02 if low < 0 else 0), high + span * 0.01)
    y = list(range(len(bars)))[::-1]
    ax.set_ylim(-0.6, len(bars) - 0.4)
    for (_, value, text), yy in zip(bars, y):
        if value is None:
            ax.text(0, yy, "  No data", va="center", ha="left", fontsize=style.VALUE_SIZE, color=style.SECONDARY_TEXT)
            continue
        ax.barh(yy, value, height=0.62, color=style.HIGHLIGHT, zorder=2)
        ax.annotate(text, xy=(value, yy), xytext=(4 if value >= 0 else -4, 0), textcoords="offset points",
                    ha="left" if value >= 0 else "right", va="center", fontsize=style.VALUE_SIZE,
                    fontweight="bold", color=style.TEXT, annotation_clip=False, zorder=5,
                    bbox={"facecolor": style.WHITE, "edgecolor": "none", "pad": 1.0})
    ax.set_yticks(y, [label for label, _, _ in bars])
    ax.tick_params(axis="y", length=0, pad=6, labelsize=style.LABEL_SIZE)
    ax.axvline(0, color=style.MID_GREY, linewidth=0.8, zorder=3)
    if chart.reference is not None:
        median = chart.reference.value
        ax.axvline(median, color=style.TARGET, linewidth=1.4, linestyle=(0, (4, 2)), zorder=4)
        label = chart.reference.label
        # the label sits above the bars, starting at the line, or ending at it where it would run off the right
        start_cm = labels_cm + (median - ax.get_xlim()[0]) / (ax.get_xlim()[1] - ax.get_xlim()[0]) * \
            (width_cm - labels_cm - values_cm)
        fits = start_cm + 0.1 + fit.text_width_cm(label, style.SMALL_SIZE) < width_cm - 0.15
        ax.annotate(label, xy=(median, 1), xycoords=("data", "axes fraction"), xytext=(3 if fits else -3, 3),
                    textcoords="offset points", ha="left" if fits else "right", va="bottom",
                    fontsize=style.SMALL_SIZE, color=style.TARGET, annotation_clip=False)
    return _rendered(chart, figure)


_DRAW: dict[BarKind, Callable[[BarChart], RenderedFigure]] = {
    BarKind.COMPARISON: comparison_picture, BarKind.BREAKDOWN: breakdown_picture, BarKind.SCORES: scores_picture,
    BarKind.MEASURE: measure_picture,
}
