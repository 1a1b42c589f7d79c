"""The look of every figure, in one place: palette, font, sizes, resolution, and the PNG writer.

Colours come from the UK Government Analysis Function's accessible chart palette (distinct for the common
kinds of colour blindness). Within a chart, series that must be told apart also differ in lightness (so they
survive greyscale printing) and, for points, in marker shape; text is only ever drawn in colours with at
least 4.5:1 contrast on white. Sizes are for the figure printed at its own size: a 16 cm wide portrait
chart or a 24 cm landscape one, text at 8.5 to 11 points.
"""

from __future__ import annotations

import io
import os
from functools import lru_cache

import matplotlib
import numpy as np
from PIL import Image

matplotlib.use("Agg")

from matplotlib import font_manager  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from ..content.contrast import contrast_ratio, relative_luminance  # noqa: F401  (the palette is checked with them)
from ..errors import (
    FontMissingError,  # noqa: E402
)

STYLE_VERSION = "2026-2"  # change whenever drawing changes, so cached figures are redrawn

# Every figure is drawn in Liberation Sans, named here and nowhere else: it is metric-compatible with Arial
# (Word maps one to the other), and text is wrapped and placed by its width in this font. Its files travel inside
# the package (fonts/, with their licence, the SIL Open Font License), so a chart looks the same on every machine
# whatever fonts it has installed, and no system font is ever needed or searched. DejaVu Sans (shipped with
# matplotlib) only supplies glyphs Liberation Sans lacks.
FONT_FAMILY = "Liberation Sans"
GLYPH_FALLBACK = "DejaVu Sans"
FONT_STYLES = ("Regular", "Bold")   # the faces the figures use (none is italic)
FONT_FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fonts")

# palette (Analysis Function accessible colours, plus GOV.UK text colours)
DARK_BLUE = "#12436D"
TURQUOISE = "#28A197"
DARK_PINK = "#801650"
ORANGE = "#F46A25"
DARK_GREY = "#3D3D3D"
LIGHT_PURPLE = "#A285D1"
MID_GREY = "#6F777B"     # secondary lines and common-cause points (4.6:1 on white)
LIGHT_GREY = "#B1B4B6"   # non-highlighted bars (values are always labelled in text as well)
GRID = "#E5E6E7"
TEXT = "#0B0C0C"
SECONDARY_TEXT = "#505A5F"
WHITE = "#FFFFFF"

SERIES = DARK_BLUE             # the indicator's own line
TARGET = DARK_PINK             # target lines, always dashed, always labelled
HIGHLIGHT = DARK_BLUE          # the council in comparisons, the later year in breakdowns
EARLIER = ORANGE               # the earlier year in breakdowns (lighter than DARK_BLUE in greyscale)
IMPROVEMENT = DARK_BLUE
CONCERN = ORANGE
NEITHER = DARK_PINK
COMMON = MID_GREY
TEXT_COLOURS = (TEXT, SECONDARY_TEXT, DARK_BLUE, DARK_PINK, DARK_GREY)

# sizes in points, for a figure shown at 100%
TITLE_SIZE = 11
SUBTITLE_SIZE = 9
LABEL_SIZE = 9
SMALL_SIZE = 8.5
VALUE_SIZE = 9.5
LINE_WIDTH = 1.8
MARKER_SIZE = 4

DPI = 200
ICON_DPI = 300
PORTRAIT_WIDTH_CM = 16.0
PAIR_WIDTH_CM = 12.2      # charts side by side on a landscape A4 page (the dashboard appendix), two pairs a page
PAIR_HEIGHT_CM = 6.0
NARROW_CM = 12.0          # below this width, month labels and margin labels go on two lines
LANDSCAPE_WIDTH_CM = 24.0
ICON_SIZE_CM = 1.0
CM = 1 / 2.54
PNG_COMPRESS_LEVEL = 3
PNG_COLOURS = 256


def _is_face(path: str, face: str) -> bool:
    try:
        font = font_manager.get_font(path)
    except (OSError, RuntimeError, ValueError):
        return False
    return font.family_name == FONT_FAMILY and font.style_name.replace(" ", "") == face


@lru_cache(maxsize=1)
def font_files() -> tuple[str, ...]:
    """The files of the faces the figures use, from the package's own font folder, made the only files
    matplotlib knows for the family: a system copy of the font (another version, perhaps), or a font cache
    that lacks it or mixes versions, does not matter. Raises FontMissingError when a file is not there (an
    installation with files removed)."""
    files = tuple(os.path.join(FONT_FOLDER, f"LiberationSans-{face}.ttf") for face in FONT_STYLES)
    for face, path in zip(FONT_STYLES, files):
        if not os.path.isfile(path) or not _is_face(path, face):
            raise FontMissingError(FONT_FAMILY, path)
    manager = font_manager.fontManager
    manager.ttflist = [entry for entry in manager.ttflist if entry.name != FONT_FAMILY]
    for path in files:
        manager.addfont(path)   # (this also empties matplotlib's cache of font look-ups)
    return files


def font_family() -> str:
    """The family every figure is drawn in (its files made known to matplotlib first)."""
    font_files()
    return FONT_FAMILY


RC = {
    "font.size": LABEL_SIZE,
    "axes.edgecolor": MID_GREY,
    "axes.labelcolor": TEXT,
    "axes.linewidth": 0.8,
    "axes.titlesize": TITLE_SIZE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": MID_GREY,
    "ytick.color": MID_GREY,
    "xtick.labelcolor": TEXT,
    "ytick.labelcolor": TEXT,
    "xtick.labelsize": SMALL_SIZE,
    "ytick.labelsize": SMALL_SIZE,
    "legend.fontsize": SMALL_SIZE,
    "legend.frameon": False,
    "text.color": TEXT,
    "lines.linewidth": LINE_WIDTH,
    "savefig.facecolor": WHITE,
    "figure.facecolor": WHITE,
    "path.simplify": True,
    "svg.hashsalt": "scrutinyreport",
    "axes.unicode_minus": True,
    "text.parse_math": False,  # a '$' in a title is text, not the start of a formula
    "text.hinting": "no_hinting",  # at 200 dpi hinting adds time but nothing a reader can see
}


@lru_cache(maxsize=1)
def apply_style() -> None:
    """Set matplotlib's defaults for this process (once)."""
    matplotlib.rcParams.update(RC)  # type: ignore[arg-type]  # matplotlib types the keys as literals
    matplotlib.rcParams["font.family"] = [font_family(), GLYPH_FALLBACK]
    for face, path in zip(FONT_STYLES, font_files()):
        used = font_manager.findfont(font_manager.FontProperties(family=FONT_FAMILY, weight=face.lower()),
                                     fallback_to_default=False)
        if not _is_face(used, face):
            raise FontMissingError(FONT_FAMILY, f"{path} (matplotlib's font list offers {used} instead)")


def new_figure(width_cm: float, height_cm: float, dpi: float = DPI) -> Figure:
    """A figure detached from pyplot (no global state, nothing to close), with the house style applied."""
    apply_style()
    figure = Figure(figsize=(width_cm * CM, height_cm * CM), dpi=dpi)
    FigureCanvasAgg(figure)
    return figure


def to_png(figure: Figure, name: str, colours: int = PNG_COLOURS) -> bytes:
    """PNG bytes at the figure's own size and resolution, reduced to a palette of at most ``colours``
    (charts use few colours; this makes files about a third of the size and is faster to encode). No
    timestamp or software tag is written, so identical data gives identical bytes. Raises
    fit.TextOutsideFigureError, naming the figure, if any text would be cut off at the edge."""
    from .fit import check_text_inside  # fit measures with this module's figures

    canvas = figure.canvas
    canvas.draw()
    check_text_inside(figure, name)
    size = canvas.get_width_height(physical=True)
    rgba = canvas.buffer_rgba()  # type: ignore[attr-defined]  # Agg
    image = Image.frombuffer("RGBA", size, rgba, "raw", "RGBA", 0, 1).convert("RGB")   # no copy through numpy
    if colours:
        image = image.quantize(colors=colours, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        image.putpalette(_snap_palette(image.getpalette() or []))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=PNG_COMPRESS_LEVEL, dpi=(figure.dpi, figure.dpi))
    return buffer.getvalue()


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


SNAP_COLOURS = tuple(_rgb(c) for c in (WHITE, TEXT, SECONDARY_TEXT, DARK_BLUE, DARK_PINK, ORANGE, DARK_GREY,
                                       MID_GREY, LIGHT_GREY, GRID, TURQUOISE))


def _snap_palette(palette: list[int], within: int = 3) -> list[int]:
    """The quantiser averages colours a little (white comes out 254): put palette entries that are within a
    few levels of one of the style's colours back on it exactly."""
    entries = np.asarray(palette, dtype=np.int16).reshape(-1, 3)
    targets = np.asarray(SNAP_COLOURS, dtype=np.int16)
    distance = np.abs(entries[:, None, :] - targets[None, :, :]).max(axis=2)
    nearest = distance.argmin(axis=1)
    close = distance[np.arange(len(entries)), nearest] <= within
    entries[close] = targets[nearest[close]]
    return entries.astype(np.uint8).ravel().tolist()


@lru_cache(maxsize=1)
def style_key() -> tuple[str, ...]:
    """What, besides the data, decides a figure's bytes: part of every cache key (the font by its file's
    name and size, so an upgraded font redraws the figures)."""
    family = font_family()
    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    try:
        size = str(os.path.getsize(path))
    except OSError:
        size = ""
    return (STYLE_VERSION, matplotlib.__version__, Image.__version__,  # type: ignore[attr-defined]  # PIL exports it
            family, os.path.basename(path), size)
