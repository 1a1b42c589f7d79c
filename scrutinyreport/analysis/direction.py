"""Direction of travel (DESIGN section 4): the movement as an arrow, its meaning by polarity as a word."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..formatting import round_half_up
from ..model import Indicator, Polarity


class Movement(StrEnum):
    UP = "up"
    DOWN = "down"
    LEVEL = "level"


ARROWS = {Movement.UP: "\u2191", Movement.DOWN: "\u2193", Movement.LEVEL: "\u2192"}


@dataclass(frozen=True)
class Direction:
    """How the latest value moved from the one it is compared with, and what that means."""

    movement: Movement
    word: str

    @property
    def arrow(self) -> str:
        return ARROWS[self.movement]

    @property
    def improving(self) -> bool:
        return self.word == "Improving"

    @property
    def worsening(self) -> bool:
        return self.word == "Worsening"

    def __str__(self) -> str:
        return f"{self.arrow} {self.word}"


def direction_of_travel(indicator: Indicator, latest: float | None, earlier: float | None) -> Direction | None:
    """None when either value is missing; 'No change' when equal at printed precision."""
    if latest is None or earlier is None:
        return None
    a, b = round_half_up(latest, indicator.decimals), round_half_up(earlier, indicator.decimals)
    if a == b:
        return Direction(Movement.LEVEL, "No change")
    movement = Movement.UP if a > b else Movement.DOWN
    if indicator.polarity is Polarity.NEUTRAL:
        return Direction(movement, "Increased" if movement is Movement.UP else "Decreased")
    better = (movement is Movement.UP) == (indicator.polarity is Polarity.HIGHER_IS_BETTER)
    return Direction(movement, "Improving" if better else "Worsening")
