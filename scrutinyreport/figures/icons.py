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

from ..analysis.spc import Assurance, SignalKind, Variation
from ..content.alt_text import icon_text
from ..content.figure_names import safe_name
from . import style
from .rendered import RenderedFigure

KIND_COLOURS = {SignalKind.COMMON: style.COMMON, SignalKind.IMPROVEMENT: style.IMPROVEMENT,
                SignalKind.CONCERN: style.CONCERN, SignalKind.NEITHER: style.NEITHER}
ASSURANCE_STYLE = {
    Assurance.CONSISTENTLY_MET: (style.IMPROVEMENT, "P"),
    Assurance.CONSISTENTLY_MISSED: (style.CONCERN, "F"),
    Assurance.HIT_AND_MISS: (style.MID_GREY, "?"),
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
def variation_png(variation: Variation, size_cm: float = style.ICON_SIZE_CM) -> bytes:
    figure, ax = _canvas(size_cm)
    kind, high = variation.kind, variation.high
    colour = KIND_COLOURS[kind]
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
    return style.to_png(figure, f"icon-variation-{safe_name(variation.value)}")


@lru_cache(maxsize=16)
def assurance_png(assurance: Assurance, size_cm: float = style.ICON_SIZE_CM) -> bytes:
    figure, ax = _canvas(size_cm)
    colour, letter = ASSURANCE_STYLE[assurance]
    _ring(ax, colour)
    k = _scale(ax)
    ax.plot([0.24, 0.76], [0.3, 0.3], color=style.TARGET, linewidth=1.1 * k, linestyle=(0, (2.2, 1.2)), zorder=3)
    ax.text(0.5, 0.57, letter, ha="center", va="center", fontsize=11 * k, fontweight="bold",
            color=TEXT_ON.get(colour, colour))
    return style.to_png(figure, f"icon-assurance-{safe_name(assurance.value)}")


def variation_icon(variation: Variation, title: str = "", name: str | None = None,
                   size_cm: float = style.ICON_SIZE_CM) -> RenderedFigure:
    alt, description = icon_text(variation.label, title) if title else (variation.label + ".",) * 2
    return RenderedFigure(name=name or f"icon-variation-{safe_name(variation.value)}",
                          png=variation_png(variation, size_cm), alt_text=alt, description=description,
                          width_cm=size_cm)


def assurance_icon(assurance: Assurance, title: str = "", name: str | None = None,
                   size_cm: float = style.ICON_SIZE_CM) -> RenderedFigure:
    label = assurance.label.split(":")[0]
    alt, description = icon_text(label, title) if title else (label + ".",) * 2
    return RenderedFigure(name=name or f"icon-assurance-{safe_name(assurance.value)}",
                          png=assurance_png(assurance, size_cm), alt_text=alt, description=description,
                          width_cm=size_cm)
