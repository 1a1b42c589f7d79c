"""Figure names: made in this one place, so that the code that draws a figure and the documents that place
it always agree (an id with capital letters or spaces included)."""

from __future__ import annotations

from enum import StrEnum


class IndicatorFigure(StrEnum):
    """The kinds of figure drawn for each indicator."""

    TREND = "trend"
    SPC = "spc"
    VARIATION_ICON = "icon-variation"
    ASSURANCE_ICON = "icon-assurance"
    COMPARISON = "comparison"


def safe_name(text: str) -> str:
    """A file-system-safe form of an id: lower case letters, digits, '_' and '-'."""
    cleaned = "".join(c if c.isalnum() and c.isascii() else "_" for c in text.lower())
    return cleaned.strip("_") or "figure"


def indicator_figure(kind: IndicatorFigure, indicator_id: str) -> str:
    """The name of one of an indicator's figures ('spc-perm_admissions_65_rate'), also its PNG file name."""
    return f"{kind.value}-{safe_name(indicator_id)}"


def main_chart(has_spc: bool) -> IndicatorFigure:
    """The one chart that stands for an indicator: its SPC chart (with the target), or where there are too
    few points for SPC (or it is annual) its trend chart."""
    return IndicatorFigure.SPC if has_spc else IndicatorFigure.TREND
