"""The chart palette as plain hex colours, for renderers that do not draw with matplotlib (native Word
charts). The same colours as ``style`` (a test keeps the two equal); importing this module costs nothing."""

from __future__ import annotations

DARK_BLUE = "#12436D"
DARK_PINK = "#801650"
ORANGE = "#F46A25"
DARK_GREY = "#3D3D3D"
MID_GREY = "#6F777B"
LIGHT_GREY = "#B1B4B6"
GRID = "#E5E6E7"
TEXT = "#0B0C0C"
SECONDARY_TEXT = "#505A5F"
WHITE = "#FFFFFF"

SERIES = DARK_BLUE             # the indicator's own line
TARGET = DARK_PINK             # target lines, always dashed, always named
HIGHLIGHT = DARK_BLUE          # the council in comparisons, the later year in breakdowns
EARLIER = ORANGE               # the earlier year in breakdowns
IMPROVEMENT = DARK_BLUE
CONCERN = ORANGE
NEITHER = DARK_PINK
COMMON = MID_GREY
