"""Text that fits: measured with matplotlib's own renderer in the figures' font, wrapped by its drawn width,
and checked after drawing, so that no label is ever cut off at the image edge.

Sizes are in centimetres and points, as elsewhere in the figures. Measuring uses a small figure of the
drawing resolution and ``Text.get_window_extent`` with that figure's Agg renderer: the same code and font
that draw the text (not a character count or an assumed average glyph width).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text
from PIL import Image

from ..errors import TextOutsideFigureError
from . import style

EDGE_PX = 2   # text must stay this many pixels clear of every edge of the image


@lru_cache(maxsize=4)
def _measuring_figure(dpi: float) -> Figure:
    return style.new_figure(2, 2, dpi=dpi)


@lru_cache(maxsize=8192)
def text_size_cm(text: str, size_pt: float, weight: str = "normal", linespacing: float = 1.2,
                 dpi: float = style.DPI) -> tuple[float, float]:
    """(width, height) in cm of text (lines split at newlines) as matplotlib draws it."""
    figure = _measuring_figure(dpi)
    artist = Text(0, 0, text, fontsize=size_pt, fontweight=weight, linespacing=linespacing)
    artist.set_figure(figure)
    box = artist.get_window_extent(renderer=figure.canvas.get_renderer())  # type: ignore[attr-defined]  # Agg
    return box.width / dpi * 2.54, box.height / dpi * 2.54


@lru_cache(maxsize=64)
def _font(size_pt: float, weight: str) -> FontProperties:
    return FontProperties(size=size_pt, weight=weight)


@lru_cache(maxsize=8192)
def text_width_cm(text: str, size_pt: float, weight: str = "normal", dpi: float = style.DPI) -> float:
    """The drawn width of text (its widest line) in cm; 0 for no text. Asks the renderer directly: the
    width it gives for a line is the width of that line's box in text_size_cm."""
    if not text:
        return 0.0
    renderer = _measuring_figure(dpi).canvas.get_renderer()  # type: ignore[attr-defined]  # Agg
    font = _font(size_pt, weight)
    widest: float = max(renderer.get_text_width_height_descent(line, font, ismath=False)[0]
                        for line in text.split("\n"))
    return widest / dpi * 2.54


def widest_cm(texts: Iterable[str], size_pt: float, weight: str = "normal") -> float:
    return max((text_width_cm(t, size_pt, weight) for t in texts), default=0.0)


def wrap(text: str, width_cm: float, size_pt: float, weight: str = "normal") -> list[str]:
    """Lines of text, broken between words, each drawn no wider than width_cm (a word wider than that on its
    own is broken between characters). Newlines in text are kept. Whether a line fits is judged from its
    words' measured widths; where that is close to the limit, the line itself is measured."""
    space = text_width_cm("n n", size_pt, weight) - text_width_cm("nn", size_pt, weight)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, estimate = "", 0.0
        for word in paragraph.split():
            word_cm = text_width_cm(word, size_pt, weight)
            candidate = f"{line} {word}" if line else word
            guess = estimate + space + word_cm if line else word_cm
            if _fits(candidate, guess, width_cm, size_pt, weight):
                line, estimate = candidate, guess
                continue
            if line:
                lines.append(line)
            pieces = _break_word(word, width_cm, size_pt, weight)
            lines += pieces[:-1]
            line = pieces[-1]
            estimate = text_width_cm(line, size_pt, weight)
        lines.append(line)
    return lines if any(lines) else [""]


NEAR = 0.08   # a line whose words add up to within 8% of the limit is measured whole (kerning, rounding)


def _fits(line: str, estimate_cm: float, width_cm: float, size_pt: float, weight: str) -> bool:
    if abs(estimate_cm - width_cm) > NEAR * width_cm:
        return estimate_cm <= width_cm
    return text_width_cm(line, size_pt, weight) <= width_cm


def _break_word(word: str, width_cm: float, size_pt: float, weight: str) -> list[str]:
    if text_width_cm(word, size_pt, weight) <= width_cm:
        return [word]
    pieces, piece = [], ""
    for character in word:
        if piece and text_width_cm(piece + character, size_pt, weight) > width_cm:
            pieces.append(piece)
            piece = ""
        piece += character
    return pieces + [piece]


def check_text_inside(figure: Figure, name: str, edge_px: float = EDGE_PX) -> None:
    """After drawing: raise TextOutsideFigureError naming the figure if any drawn text's box comes closer
    than edge_px to an edge of the canvas (or beyond it)."""
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg
    width, height = figure.bbox.width, figure.bbox.height
    for artist in drawn_texts(figure):
        box = artist.get_window_extent(renderer=renderer)
        outside = {"left": edge_px - box.x0, "right": box.x1 - (width - edge_px),
                   "bottom": edge_px - box.y0, "top": box.y1 - (height - edge_px)}
        edge, by = max(outside.items(), key=lambda item: item[1])
        if by > 0:
            raise TextOutsideFigureError(name, artist.get_text(),
                                         f"reaches {by:.0f} px past the {edge} margin of the image")


def drawn_texts(figure: Figure) -> list[Text]:
    """Every visible, non-empty text artist that drawing the figure shows: figure texts, axes texts and
    annotations, titles and labels, and the tick labels of ticks inside the axes' view."""
    hidden: set[int] = set()
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            slack = (high - low) * 1e-9
            for ticks, locs in ((axis.majorTicks, axis.get_majorticklocs()),
                                (axis.minorTicks, axis.get_minorticklocs())):
                for index, tick in enumerate(ticks):   # ticks past the locator's count are not drawn
                    if index >= len(locs) or not low - slack <= locs[index] <= high + slack:
                        hidden.update((id(tick.label1), id(tick.label2)))
    return [artist for artist in figure.findobj(Text)
            if id(artist) not in hidden and artist.get_visible() and artist.get_text().strip()]


def edge_ink(png: bytes, band: int = EDGE_PX, tolerance: int = 8) -> dict[str, int]:
    """Checking a finished image: {edge: pixels} for each edge (top, bottom, left, right) whose outer ``band``
    pixels hold anything but the background (the top-left pixel's colour, within ``tolerance`` levels).
    Text cut off at the edge shows here."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    ink = np.abs(pixels - pixels[0, 0]).max(axis=2) > tolerance
    edges = {"top": ink[:band, :], "bottom": ink[-band:, :], "left": ink[:, :band], "right": ink[:, -band:]}
    return {edge: int(mask.sum()) for edge, mask in edges.items() if mask.any()}
