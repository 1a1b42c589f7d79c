"""Figures for the pack: chart specs in, PNG bytes (or a native chart's part and workbook) and alt text out
(no files read; the native chart's packaging is word's).

The names below are loaded on first use, so code that needs only a light module of the package (such as
``names``) does not import matplotlib: a rerun with nothing to draw stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {"FigureRequest": "pack_figures", "draw_figures": "pack_figures", "plan_figures": "pack_figures",
            "RenderedFigure": "rendered", "STYLE_VERSION": "style", "apply_style": "style"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
