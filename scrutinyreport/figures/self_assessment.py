"""Self-assessment chart: the council's score (1 to 4) for each CQC quality statement, grouped by theme."""

from __future__ import annotations

from collections.abc import Sequence

from ..content.alt_text import self_assessment_text
from . import _layout, fit, style
from .rendered import RenderedFigure

ROW_CM = 0.62
THEME_CM = 0.62
SCALE = {1: "Significant\nshortfalls", 2: "Some\nshortfalls", 3: "Good\nstandard", 4: "Exceptional\nstandard"}


def self_assessment_chart(statements: Sequence[tuple[str, str, int]], locale: str = "en_GB",
                          title: str = "Self-assessment scores by quality statement",
                          name: str = "self-assessment-scores",
                          width_cm: float = style.PORTRAIT_WIDTH_CM) -> RenderedFigure:
    """One bar per (theme, statement, score), themes in order of first appearance with a heading row each;
    scores outside 1 to 4 are refused."""
    score: int | None
    for _, statement, score in statements:
        if score not in SCALE:
            raise ValueError(f"score for {statement!r} must be 1 to 4, not {score!r}")
    alt, description = self_assessment_text(statements)
    themes = list(dict.fromkeys(theme for theme, _, _ in statements))
    subtitle = "Scored on the Care Quality Commission's scale of 1 to 4."

    rows: list[tuple[str, str, int | None]] = []  # (kind, text, score)
    for theme in themes:
        rows.append(("theme", theme, None))
        for t, statement, score in statements:
            if t == theme:
                rows.append(("statement", statement, score))
    labels_cm = 6.4
    # labels start this far left of the axes (theme headings further out than statements) and end short of it
    indent_cm = {"theme": labels_cm - 6 * _layout.PT_CM, "statement": labels_cm - 16 * _layout.PT_CM}
    wrapped = [_layout.wrap(text, indent_cm[kind] - 0.25, style.LABEL_SIZE, "bold" if kind == "theme" else "normal")
               for kind, text, _ in rows]
    heights = [max(ROW_CM, fit.text_size_cm("\n".join(lines), style.LABEL_SIZE, "normal", 1.1)[1] + 0.2)
               for lines in wrapped]
    top = _layout.title_height(width_cm, title, subtitle) + 0.15
    bottom = 1.15
    height_cm = top + sum(heights) + bottom + 0.1
    figure = style.new_figure(width_cm, height_cm)
    _layout.title_block(figure, width_cm, height_cm, title, subtitle)
    ax = _layout.place_axes(figure, width_cm, height_cm, labels_cm, 0.9, top, bottom)
    _layout.clean_axes(ax, grid_axis="x")
    ax.spines["left"].set_visible(False)
    total = sum(heights)
    ax.set_ylim(total or 1.0, 0)
    ax.set_xlim(0, 4.15)
    ax.set_xticks([1, 2, 3, 4], [f"{score}\n{words}" for score, words in SCALE.items()])
    ax.tick_params(axis="x", length=0, labelsize=style.SMALL_SIZE)
    ax.set_yticks([])
    y = 0.0
    for (kind, _text, score), lines, height in zip(rows, wrapped, heights):
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
            assert score is not None
            ax.barh(centre, score, height=min(0.46, height * 0.75), color=style.HIGHLIGHT, zorder=2)
            ax.annotate(str(score), xy=(score, centre), xytext=(4, 0), textcoords="offset points", ha="left",
                        va="center", fontsize=style.VALUE_SIZE, fontweight="bold", color=style.TEXT)
        y += height
    if not rows:
        ax.text(0.5, 0.5, "No quality statements", transform=ax.transAxes, ha="center", va="center",
                color=style.SECONDARY_TEXT)
    return RenderedFigure(name=name, png=style.to_png(figure, name), alt_text=alt, description=description,
                          width_cm=width_cm)
