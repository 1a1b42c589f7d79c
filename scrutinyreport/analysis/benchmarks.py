"""Comparison with England as public health statistics make it: England's value against the council's 95%
confidence interval, by the methods of OHID's Fingertips (the Public Health Technical Guidance, "Confidence
intervals", after APHO Technical Briefing 3, "Commonly used public health statistics and their confidence
intervals", Eayres 2008).

- **Proportions** (a percentage with its numerator and denominator): Wilson's score interval (Wilson 1927;
  Newcombe and Altman in Altman et al., *Statistics with Confidence*, 2nd ed., 2000).
- **Rates per population** (a count of events in a population, such as care home admissions per 100,000):
  the interval of the count as a Poisson variable, divided by the population. For counts of 10 or more,
  Byar's approximation to the exact Poisson interval (Breslow and Day, *Statistical Methods in Cancer
  Research* vol. II, IARC 1987), as Fingertips uses; it is within 0.2% of the exact limits there. Below 10,
  where Fingertips switches to the exact method, the exact Poisson interval (the limits at which the
  observed count is the 2.5% tail), worked out from the Poisson distribution itself. The count is
  benchmarks.csv's ``council_numerator``; the population its ``council_denominator``, else pack.yaml's
  population for the indicator's group.
- **Anything published with its interval** (a survey score such as ASCOF 1A, whose interval allows for the
  survey's weighting): that interval (``council_lower``, ``council_upper``). It takes precedence over one
  worked out from counts.

England inside the interval (its ends included) is *similar*; outside it, *better* or *worse* by the
indicator's polarity (*higher* or *lower* for a neutral one). With no interval there is no test: the
council's value is *higher* or *lower* than England's (*the same* when equal as printed), never better or
worse.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from statistics import NormalDist

from ..formatting import round_half_up
from ..model import Benchmark, Indicator, Polarity, Unit

Z_95 = NormalDist().inv_cdf(0.975)      # 1.959964...: the 97.5th percentile of the standard normal
EXACT_BELOW = 10                        # Fingertips: Byar's for counts of 10 or more, exact below
PER_100K = 100_000.0


class Comparison(StrEnum):
    BETTER = "better than"
    SIMILAR = "similar to"
    WORSE = "worse than"
    HIGHER = "higher than"
    LOWER = "lower than"
    SAME = "the same as"

    @property
    def word(self) -> str:
        """'better', 'similar', 'worse', 'higher', 'lower', 'the same'."""
        return self.value.removesuffix(" than").removesuffix(" to").removesuffix(" as")


class Method(StrEnum):
    """How the council's interval was found, as a sentence can name it."""

    WILSON = "Wilson score interval"
    BYAR = "Byar's method"
    EXACT_POISSON = "exact Poisson interval"
    PUBLISHED = "published interval"
    NONE = "not tested"


@dataclass(frozen=True)
class EnglandComparison:
    """How the council's benchmarked value compares with England's, and how that was judged."""

    comparison: Comparison
    council: float
    england: float
    interval: tuple[float, float] | None   # the council's 95% interval, in the indicator's unit
    method: Method = Method.NONE

    @property
    def statistical(self) -> bool:
        """Judged against an interval (better, similar or worse mean something); otherwise only higher or
        lower, not tested."""
        return self.interval is not None


def wilson_interval(successes: float, trials: float, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for a proportion, as fractions (0 to 1)."""
    if trials <= 0 or not 0 <= successes <= trials:
        raise ValueError("expected 0 <= successes <= trials and trials > 0")
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    return low, 1.0 if successes == trials else min(1.0, centre + half)


def byar_interval(count: float, z: float = Z_95) -> tuple[float, float]:
    """Byar's approximation to the exact Poisson interval of an observed count O (Breslow and Day 1987):
    lower O(1 - 1/(9O) - z/(3 sqrt O))^3, upper (O+1)(1 - 1/(9(O+1)) + z/(3 sqrt(O+1)))^3. For O > 0."""
    if count <= 0:
        raise ValueError("Byar's method needs a count above zero")
    lower = count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    upper = (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * math.sqrt(count + 1))) ** 3
    return max(0.0, lower), upper


def _poisson_at_most(k: int, mean: float) -> float:
    """P(X <= k) for X ~ Poisson(mean)."""
    term = total = math.exp(-mean)
    for i in range(1, k + 1):
        term *= mean / i
        total += term
    return min(1.0, total)


def _bisect(probability: Callable[[float], float], target: float, low: float, high: float) -> float:
    """The mean in [low, high] at which ``probability`` (which falls as the mean grows) equals ``target``."""
    for _ in range(100):
        middle = (low + high) / 2
        if probability(middle) > target:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def exact_poisson_interval(count: int, z: float = Z_95) -> tuple[float, float]:
    """The exact interval of a Poisson count (Garwood 1936; what Fingertips' chi-squared method gives): the
    means at which the observed count or more (lower limit), or the count or fewer (upper), has probability
    alpha/2. Worked out by bisection on the Poisson distribution (no chi-squared tables needed)."""
    if count < 0 or count != int(count):
        raise ValueError("expected a whole count of zero or more")
    tail = 1 - NormalDist().cdf(z)                     # 0.025 at 95%
    top = count + 20 * math.sqrt(count + 1) + 20
    whole = int(count)
    upper = _bisect(lambda mean: _poisson_at_most(whole, mean), tail, float(whole), top)
    if whole == 0:
        return 0.0, upper
    lower = _bisect(lambda mean: _poisson_at_most(whole - 1, mean), 1 - tail, 0.0, float(whole))
    return lower, upper


def count_interval(count: float, z: float = Z_95) -> tuple[tuple[float, float], Method]:
    """The 95% interval of an observed count, by Fingertips' choice of method: exact below 10 (the count
    rounded to a whole number), Byar's from 10."""
    if count < EXACT_BELOW:
        return exact_poisson_interval(round(count), z), Method.EXACT_POISSON
    return byar_interval(count, z), Method.BYAR


def rate_interval(count: float, population: float, per: float = PER_100K, z: float = Z_95
                  ) -> tuple[tuple[float, float], Method]:
    """The 95% interval of a rate (count per ``per`` of a population): the count's interval over the
    population. 193 admissions in 34,500 people: 483.3 to 644.1 per 100,000 (Byar's)."""
    if population <= 0:
        raise ValueError("population must be above zero")
    (low, high), method = count_interval(count, z)
    return (low / population * per, high / population * per), method


def council_interval(indicator: Indicator, benchmark: Benchmark, population: float | None = None
                     ) -> tuple[tuple[float, float], Method] | None:
    """The council's 95% interval in the indicator's unit, by the first that applies: the published one;
    Wilson's for a percentage with numerator and denominator; Byar's (or exact) for a rate with its count
    and population. None when there is none."""
    if benchmark.council_lower is not None and benchmark.council_upper is not None:
        return (benchmark.council_lower, benchmark.council_upper), Method.PUBLISHED
    numerator, denominator = benchmark.council_numerator, benchmark.council_denominator
    if indicator.unit is Unit.PERCENT and numerator is not None and denominator:
        low, high = wilson_interval(numerator, denominator)
        return (low * 100, high * 100), Method.WILSON
    if indicator.unit is Unit.RATE_PER_100K and numerator is not None:
        size = denominator or population
        if size:
            return rate_interval(numerator, size)
    return None


def _by_polarity(indicator: Indicator, higher: bool) -> Comparison:
    if indicator.polarity is Polarity.NEUTRAL:
        return Comparison.HIGHER if higher else Comparison.LOWER
    better = higher == (indicator.polarity is Polarity.HIGHER_IS_BETTER)
    return Comparison.BETTER if better else Comparison.WORSE


def compare_with_england(indicator: Indicator, benchmark: Benchmark, population: float | None = None
                         ) -> EnglandComparison | None:
    """Better, similar or worse than England, judged by the council's 95% interval (see the module's notes);
    higher, lower or the same, not tested, without one. ``population`` is the size of the indicator's
    population group (pack.yaml), for a rate whose benchmark gives its count but not its population. None
    when either value is missing."""
    value, england = benchmark.council, benchmark.england
    if value is None or england is None:
        return None
    found = council_interval(indicator, benchmark, population)
    if found is not None:
        (low, high), method = found
        if low <= england <= high:
            return EnglandComparison(Comparison.SIMILAR, value, england, (low, high), method)
        return EnglandComparison(_by_polarity(indicator, england < low), value, england, (low, high), method)
    difference = round_half_up(value, indicator.decimals) - round_half_up(england, indicator.decimals)
    if difference == 0:
        return EnglandComparison(Comparison.SAME, value, england, None)
    return EnglandComparison(Comparison.HIGHER if difference > 0 else Comparison.LOWER, value, england, None)
