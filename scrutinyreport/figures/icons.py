"""The SPC variation and assurance icons, drawn by us (about 1 cm across) for the dashboard.

Each icon is a ring in the meaning's colour with a small picture inside, and a letter so that colour is
never the only cue: H or L for special cause high or low, P (pass), F (fail) or ? (hit and miss) for
assurance. The image depends only on the state, so it is drawn once per process and reused; the alt text
names the indicator.
"""

from __future__ import annotations

from functools import lru_cache
from typing import cast

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from ..content.charts import Icon, IconKind, Meaning
from ..content.figure_names import safe_name
from . import style
from .rendered import RenderedFigure

KIND_COLOURS = {Meaning.COMMON: style.COMMON, Meaning.IMPROVEMENT: style.IMPROVEMENT,
                Meaning.CONCERN: style.CONCERN, Meaning.NEITHER: style.NEITHER}
ASSURANCE_STYLE = {          # by the assurance's value: met, missed, hit and miss
    "consistently_met": (style.IMPROVEMENT, "P"),
    "consistently_missed": (style.CONCERN, "F"),
    "hit_and_miss": (style.MID_GREY, "?"),
}
TEXT_ON = {style.CONCERN: style.TEXT}  # orange is too light for a letter on white: use the text colour


def _canvas(size_cm: float) -> tuple[Figure, Axes]:
    figure = style.new_figure(size_cm, size_cm, dpi=style.ICON_DPI)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.axis("off")
    return figure, ax


def _ring(ax: Axes, colour: str) -> None:
    ax.add_patch(Circle((0.5, 0.5), 0.43, facecolor=style.WHITE, edgecolor=colour, linewidth=1.9 * _scale(ax)))


def _scale(ax: Axes) -> float:
    """Line widths in points scale with the icon's size (designed at 1 cm)."""
    width: float = cast(Figure, ax.figure).get_figwidth()
    return width / (style.ICON_SIZE_CM * style.CM)


@lru_cache(maxsize=32)
def variation_png(state: str, meaning: Meaning, high: bool | None, size_cm: float = style.ICON_SIZE_CM) -> bytes:
    figure, ax = _canvas(size_cm)
    colour = KIND_COLOURS[meaning]
    _ring(ax, colour)
    k = _scale(ax)
    xs = [0.22, 0.31, 0.40, 0.49, 0.58, 0.67, 0.76]
    if high is None:
        ys = [0.46, 0.56, 0.44, 0.54, 0.45, 0.55, 0.48]
        ax.plot(xs, ys, color=style.COMMON, linewidth=0.8 * k, marker="o", markersize=1.9 * k, zorder=3)
    else:
        ys = [0.42, 0.48, 0.40, 0.46, 0.57, 0.65, 0.73] if high else [0.58, 0.52, 0.60, 0.54, 0.43, 0.35, 0.27]
        ax.plot(xs[:4], ys[:4], color=style.COMMON, linewidth=0.8 * k, marker="o", markersize=1.9 * k, zorder=3)
        ax.plot(xs[3:], ys[3:], color=colour, linewidth=0.8 * k, zorder=3)
        ax.plot(xs[4:], ys[4:], color=colour, linestyle="none", marker="o", markersize=2.4 * k, zorder=4)
        ax.text(0.37, 0.71 if high else 0.29, "H" if high else "L", ha="center", va="center",
                fontsize=7.5 * k, fontweight="bold", color=TEXT_ON.get(colour, colour))
    return style.to_png(figure, f"icon-variation-{safe_name(state)}")


@lru_cache(maxsize=16)
def assurance_png(state: str, size_cm: float = style.ICON_SIZE_CM) -> bytes:
    figure, ax = _canvas(size_cm)
    colour, letter = ASSURANCE_STYLE[state]
    _ring(ax, colour)
    k = _scale(ax)
    ax.plot([0.24, 0.76], [0.3, 0.3], color=style.TARGET, linewidth=1.1 * k, linestyle=(0, (2.2, 1.2)), zorder=3)
    ax.text(0.5, 0.57, letter, ha="center", va="center", fontsize=11 * k, fontweight="bold",
            color=TEXT_ON.get(colour, colour))
    return style.to_png(figure, f"icon-assurance-{safe_name(state)}")


def draw_icon(icon: Icon) -> RenderedFigure:
    """The icon as a PNG (one image per state, drawn once and reused), with its alt text naming the indicator."""
    png = variation_png(icon.state, icon.meaning, icon.high, icon.size_cm) if icon.kind is IconKind.VARIATION \
        else assurance_png(icon.state, icon.size_cm)
    return RenderedFigure(name=icon.name, png=png, alt_text=icon.alt_text, description=icon.description,
                          width_cm=icon.size_cm)
