"""Figures for the pack: data in, PNG bytes and alt text out (no files read, nothing known about Word)."""

from .pack_figures import FigureRequest, draw_figures, plan_figures
from .rendered import RenderedFigure
from .style import STYLE_VERSION, apply_style

__all__ = ["FigureRequest", "RenderedFigure", "STYLE_VERSION", "apply_style", "draw_figures", "plan_figures"]
