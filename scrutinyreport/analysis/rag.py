"""RAG status against target (DESIGN section 4), as one replaceable rule per council convention."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from ..formatting import round_half_up
from ..model import Indicator, Polarity


class Rag(StrEnum):
    """The status word printed in the RAG cell (never colour alone)."""

    GREEN = "Green"
    AMBER = "Amber"
    RED = "Red"
    NO_TARGET = "No target"
    NO_DATA = "No data"


def shortfall(indicator: Indicator, value: float) -> float:
    """How far the value (at printed precision) is worse than target; zero or less means on target."""
    assert indicator.target is not None
    printed = float(round_half_up(value, indicator.decimals))
    gap = printed - indicator.target if indicator.polarity is Polarity.LOWER_IS_BETTER else indicator.target - printed
    return round(gap, indicator.decimals + 6)


def target_rag(indicator: Indicator, value: float | None, improving: bool | None = None) -> Rag:
    """Green on target or better; Amber when worse by no more than the tolerance (edge included); else Red."""
    if value is None:
        return Rag.NO_DATA
    if indicator.target is None or indicator.polarity is Polarity.NEUTRAL:
        return Rag.NO_TARGET
    gap = shortfall(indicator, value)
    if gap <= 0:
        return Rag.GREEN
    if indicator.tolerance is not None:
        band = round(indicator.tolerance.band(indicator.target), indicator.decimals + 6)
        if gap <= band:
            return Rag.AMBER
    return Rag.RED


def target_or_improving_rag(indicator: Indicator, value: float | None, improving: bool | None = None) -> Rag:
    """As target_rag, but a Red that is improving on the previous period is shown Amber."""
    status = target_rag(indicator, value)
    return Rag.AMBER if status is Rag.RED and improving else status


RagRule = Callable[[Indicator, float | None, bool | None], Rag]
RAG_RULES: dict[str, RagRule] = {"target": target_rag, "target_or_improving": target_or_improving_rag}
