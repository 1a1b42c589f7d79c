"""Comparison with the England average: statistically for proportions (Wilson 95% interval), otherwise
as a plain difference."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from ..formatting import round_half_up
from ..model import Benchmark, Indicator, Polarity, Unit

Z_95 = 1.959964


class Comparison(StrEnum):
    BETTER = "better than"
    SIMILAR = "similar to"
    WORSE = "worse than"
    HIGHER = "higher than"
    LOWER = "lower than"
    SAME = "the same as"


@dataclass(frozen=True)
class EnglandComparison:
    """How the council's benchmarked value compares with England's, and how that was judged."""

    comparison: Comparison
    council: float
    england: float
    interval: tuple[float, float] | None   # the council's 95% interval, in the indicator's unit

    @property
    def statistical(self) -> bool:
        return self.interval is not None


def wilson_interval(successes: float, trials: float, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for a proportion, as fractions (0 to 1)."""
    if trials <= 0 or not 0 <= successes <= trials:
        raise ValueError("expected 0 <= successes <= trials and trials > 0")
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def _by_polarity(indicator: Indicator, higher: bool) -> Comparison:
    if indicator.polarity is Polarity.NEUTRAL:
        return Comparison.HIGHER if higher else Comparison.LOWER
    better = higher == (indicator.polarity is Polarity.HIGHER_IS_BETTER)
    return Comparison.BETTER if better else Comparison.WORSE


def compare_with_england(indicator: Indicator, benchmark: Benchmark) -> EnglandComparison | None:
    """Better, similar or worse than England: a proportion with numerator and denominator is similar when
    England's value lies inside the council's 95% Wilson interval; anything else is judged on the plain
    difference of the values as printed. None when either value is missing."""
    value = benchmark.council
    if value is None or benchmark.england is None:
        return None
    numerator, denominator = benchmark.council_numerator, benchmark.council_denominator
    if indicator.unit is Unit.PERCENT and numerator is not None and denominator:
        low, high = wilson_interval(numerator, denominator)
        interval = (low * 100, high * 100)
        if interval[0] <= benchmark.england <= interval[1]:
            return EnglandComparison(Comparison.SIMILAR, value, benchmark.england, interval)
        return EnglandComparison(_by_polarity(indicator, value > benchmark.england), value, benchmark.england,
                                 interval)
    difference = round_half_up(value, indicator.decimals) - round_half_up(benchmark.england, indicator.decimals)
    if difference == 0:
        return EnglandComparison(Comparison.SAME if indicator.polarity is Polarity.NEUTRAL else Comparison.SIMILAR,
                                 value, benchmark.england, None)
    return EnglandComparison(_by_polarity(indicator, difference > 0), value, benchmark.england, None)
