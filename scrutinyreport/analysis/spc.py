"""Statistical process control: the XmR chart as the NHS 'Making Data Count' method uses it.

Pure functions over a monthly series (no plotting). The mean and the mean moving range are taken over every
non-missing point; the process limits are mean +/- 2.66 x mean moving range (three sigma), and the two-sigma
lines sit two thirds of the way out. Four special-cause rules, each flagging points:

- beyond limits: a point strictly above the upper or below the lower process limit (a point exactly on a
  limit is inside it);
- trend: a run of ``trend_run`` (7) or more points each strictly higher, or each strictly lower, than the one
  before (an equal neighbour breaks the run);
- two of three: a window of three consecutive points all on the same side of the mean (strictly: a point
  on the mean breaks it), two or three of them beyond that side's two-sigma line but not beyond the limits;
  those are the points flagged (as the Making Data Count tool's test specification and NHSRplotthedots
  have it: two points close to the upper limit with a point below the mean between them are no signal);
- shift: a run of ``shift_run`` (7) or more points all above, or all below, the mean (a point exactly on
  the mean breaks the run).

The run lengths are pack.yaml's ``spc: {shift_run, trend_run}`` (the Making Data Count tool uses 6, NHSR
plotthedots 7, the default here). A point caught by several rules takes the first in that order, except
that a point which one rule reads as improvement and another as concern (a falling trend through points
close to the upper limit, where high is good) shows as improvement, as the Making Data Count tool shows
it: it takes the first rule that reads it so. Missing months are dropped for the
calculation (so a moving range spans a gap and runs continue across it) but keep their positions in the
result, with no signal. The variation icon is judged from the latest non-missing point, and assurance from
where the target sits against the latest stage's limits, only while that point shows common cause (a
process that is moving has left its limits behind).

A series can be rebased where the process changed on purpose: each stage then has its own mean, limits
and rules (as NHSRplotthedots' ``rebase``). A stage of fewer than ``LOCKED_POINTS`` (12) points has trial
limits, as NHSRplotthedots calls them ("we do not have enough data for robust limits": its vignette on the
number of points required, which locks limits at 12): while the latest stage's limits are trial ones there
is no variation or assurance reading (a target judged "hit and miss" or "consistently missed" on five
points would rest on limits that the next month can move). The chart still draws them, and says how many
points there are. Limits are truncated
where the unit cannot go (a percentage above 100, a negative count); the stage keeps the untruncated values
too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

from ..model import Polarity

LIMIT_FACTOR = 2.66  # 3 / d2 for moving ranges of two (d2 = 1.128)
LOCKED_POINTS = 12   # a rebased stage's limits are trial limits until it has this many points


@dataclass(frozen=True)
class SpcRules:
    """Run lengths for the shift and trend rules, and the fewest points that get limits and icons."""

    shift_run: int = 7
    trend_run: int = 7
    min_points: int = 13

    def __post_init__(self) -> None:
        if self.shift_run < 2 or self.trend_run < 2 or self.min_points < 2:
            raise ValueError("run lengths and the minimum number of points must be at least 2")


class Rule(str, Enum):
    """A special-cause rule, in order of precedence."""

    BEYOND_LIMITS = "beyond_limits"
    TREND = "trend"
    TWO_OF_THREE = "two_of_three"
    SHIFT = "shift"

    @property
    def label(self) -> str:
        return _RULE_LABELS[self]


_RULE_LABELS = {
    Rule.BEYOND_LIMITS: "Point beyond the process limits",
    Rule.TREND: "Run of points each higher or each lower than the one before",
    Rule.TWO_OF_THREE: "Two of three points close to a process limit",
    Rule.SHIFT: "Run of points on one side of the mean",
}
PRECEDENCE = (Rule.BEYOND_LIMITS, Rule.TREND, Rule.TWO_OF_THREE, Rule.SHIFT)


class SignalKind(str, Enum):
    """What a point means, by polarity."""

    COMMON = "common_cause"
    IMPROVEMENT = "improvement"
    CONCERN = "concern"
    NEITHER = "neither"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    SignalKind.COMMON: "Common cause variation",
    SignalKind.IMPROVEMENT: "Special cause: improvement",
    SignalKind.CONCERN: "Special cause: concern",
    SignalKind.NEITHER: "Special cause: neither improvement nor concern",
}


@dataclass(frozen=True)
class PointSignal:
    """The signal on one point: the rule that caught it (None: common cause), its meaning, and whether it is
    high (above the mean, or in a rising trend) or low; ``high`` is None for common cause."""

    rule: Rule | None
    kind: SignalKind
    high: bool | None

    @property
    def special(self) -> bool:
        return self.rule is not None


COMMON_POINT = PointSignal(None, SignalKind.COMMON, None)


class Variation(str, Enum):
    """The variation icon: what the latest point says."""

    COMMON_CAUSE = "common_cause"
    IMPROVING_HIGH = "improving_high"
    IMPROVING_LOW = "improving_low"
    CONCERNING_HIGH = "concerning_high"
    CONCERNING_LOW = "concerning_low"
    NEITHER_HIGH = "neither_high"
    NEITHER_LOW = "neither_low"

    @property
    def label(self) -> str:
        return _VARIATION_LABELS[self]

    @property
    def kind(self) -> SignalKind:
        return SignalKind.COMMON if self is Variation.COMMON_CAUSE else SignalKind(
            {"improving": "improvement", "concerning": "concern", "neither": "neither"}[self.value.split("_")[0]])

    @property
    def high(self) -> bool | None:
        return None if self is Variation.COMMON_CAUSE else self.value.endswith("_high")


_VARIATION_LABELS = {
    Variation.COMMON_CAUSE: "Common cause variation",
    Variation.IMPROVING_HIGH: "Special cause variation: improving (high)",
    Variation.IMPROVING_LOW: "Special cause variation: improving (low)",
    Variation.CONCERNING_HIGH: "Special cause variation: concerning (high)",
    Variation.CONCERNING_LOW: "Special cause variation: concerning (low)",
    Variation.NEITHER_HIGH: "Special cause variation: higher, neither improving nor concerning",
    Variation.NEITHER_LOW: "Special cause variation: lower, neither improving nor concerning",
}


class Assurance(str, Enum):
    """The assurance icon: can the process be relied on to meet the target?"""

    CONSISTENTLY_MET = "consistently_met"
    CONSISTENTLY_MISSED = "consistently_missed"
    HIT_AND_MISS = "hit_and_miss"
    PASS = "consistently_met"
    FAIL = "consistently_missed"

    @property
    def label(self) -> str:
        return _ASSURANCE_LABELS[self]


_ASSURANCE_LABELS = {
    Assurance.CONSISTENTLY_MET: "Target consistently met",
    Assurance.CONSISTENTLY_MISSED: "Target consistently missed",
    Assurance.HIT_AND_MISS: "Target hit and miss: it lies within the process limits",
}


@dataclass(frozen=True)
class SpcStage:
    """One stage of the process (the whole series, or the part between two rebase points): its mean and
    limits worked out from its own points. Limits are kept where the unit allows (a percentage between 0 and
    100, a count at or above 0): ``raw_upper``/``raw_lower`` are the limits before that truncation."""

    start: int          # the first position (in the input values) of the stage
    stop: int           # one past its last position
    points: int         # non-missing points in the stage
    mean: float
    mean_moving_range: float
    upper_limit: float
    lower_limit: float
    raw_upper: float
    raw_lower: float
    trial: bool = False   # a rebased stage of fewer than LOCKED_POINTS points: limits to draw, not judge by

    @property
    def upper_truncated(self) -> bool:
        return self.upper_limit != self.raw_upper

    @property
    def lower_truncated(self) -> bool:
        return self.lower_limit != self.raw_lower

    @property
    def sigma(self) -> float:
        return LIMIT_FACTOR * self.mean_moving_range / 3


@dataclass(frozen=True)
class SpcResult:
    """An XmR chart's numbers: ``signals`` has one entry per input value (None where the value is missing).
    ``stages`` has one entry per stage of the process (one unless the series was rebased); ``mean`` and the
    limits are the latest stage's, the ones the variation and assurance readings are judged on."""

    values: tuple[float | None, ...]
    polarity: Polarity
    target: float | None
    rules: SpcRules
    stages: tuple[SpcStage, ...]
    signals: tuple[PointSignal | None, ...]
    variation: Variation | None    # None while the latest stage's limits are trial ones
    assurance: Assurance | None

    @property
    def latest_stage(self) -> SpcStage:
        return self.stages[-1]

    @property
    def mean(self) -> float:
        return self.latest_stage.mean

    @property
    def mean_moving_range(self) -> float:
        return self.latest_stage.mean_moving_range

    @property
    def upper_limit(self) -> float:
        return self.latest_stage.upper_limit

    @property
    def lower_limit(self) -> float:
        return self.latest_stage.lower_limit

    @property
    def sigma(self) -> float:
        return self.latest_stage.sigma

    @property
    def upper_two_sigma(self) -> float:
        return self.mean + 2 * self.sigma

    @property
    def lower_two_sigma(self) -> float:
        return self.mean - 2 * self.sigma

    @property
    def points(self) -> int:
        """How many non-missing points the limits were calculated from."""
        return sum(1 for s in self.signals if s is not None)

    @property
    def special_points(self) -> list[int]:
        return [i for i, s in enumerate(self.signals) if s is not None and s.special]

    @property
    def rebased(self) -> bool:
        return len(self.stages) > 1

    @property
    def trial(self) -> bool:
        """The latest stage has too few points to judge by: no variation or assurance reading."""
        return self.latest_stage.trial

    @property
    def assurance_withheld(self) -> bool:
        """There is a target, but the latest point shows special cause, so no assurance is given."""
        return self.assurance is None and self.target is not None and self.polarity is not Polarity.NEUTRAL \
            and self.variation is not None and self.variation is not Variation.COMMON_CAUSE


def _is_number(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


Bounds = tuple[float | None, float | None]


def xmr(values: Sequence[float | None], polarity: Polarity, target: float | None = None,
        rules: SpcRules = SpcRules(), stage_starts: Sequence[int] = (),
        bounds: Bounds = (None, None)) -> SpcResult | None:
    """The XmR analysis of a series, oldest first; None with fewer than ``rules.min_points`` real points.

    ``stage_starts`` are positions where the process changed on purpose (a rebase): the mean, limits and
    special-cause rules are worked out for each stage on its own points, as NHSRplotthedots does. A stage with
    fewer than two points cannot have limits, so it is joined to the stage before it (or after it, at the
    start). ``bounds`` are the lowest and highest values the unit allows; limits beyond them are truncated."""
    positions = [i for i, v in enumerate(values) if _is_number(v)]
    if len(positions) < rules.min_points:
        return None
    stages = _stage_ranges(len(values), positions, stage_starts)
    signals: list[PointSignal | None] = [None] * len(values)
    found: list[SpcStage] = []
    for start, stop in stages:
        inside = [i for i in positions if start <= i < stop]
        stage, compact = _stage(start, stop, [float(values[i]) for i in inside], polarity, rules,  # type: ignore[arg-type]
                                bounds)
        found.append(replace(stage, trial=len(stages) > 1 and stage.points < LOCKED_POINTS))
        for k, i in enumerate(inside):
            signals[i] = compact[k]
    latest = found[-1]
    tolerance = 1e-9 * max(1.0, abs(latest.mean), latest.mean_moving_range)
    last = signals[positions[-1]]
    assert last is not None
    # limits judge a stable process: while the latest point shows special cause, the process is moving away
    # from them, so they cannot say whether the target will be met (a Green figure beside "consistently
    # missed"); the reading returns once the process settles, or once a deliberate change is rebased
    assurance = None if last.special or latest.trial else _assurance(polarity, target, latest.upper_limit,
                                                                      latest.lower_limit, tolerance)
    return SpcResult(
        values=tuple(values), polarity=polarity, target=target, rules=rules, stages=tuple(found),
        signals=tuple(signals), variation=None if latest.trial else _variation(last), assurance=assurance)


def _stage_ranges(length: int, positions: list[int], starts: Sequence[int]) -> list[tuple[int, int]]:
    """[start, stop) ranges of the stages; every stage keeps at least two real points."""
    cuts = sorted({s for s in starts if 0 < s < length})
    ranges = [(a, b) for a, b in zip([0, *cuts], [*cuts, length])]
    merged: list[tuple[int, int]] = []
    for start, stop in ranges:
        if merged and sum(1 for i in positions if merged[-1][0] <= i < merged[-1][1]) < 2:
            merged[-1] = (merged[-1][0], stop)
        else:
            merged.append((start, stop))
    while len(merged) > 1 and sum(1 for i in positions if merged[-1][0] <= i < merged[-1][1]) < 2:
        last = merged.pop()
        merged[-1] = (merged[-1][0], last[1])
    return merged


def _clamp(value: float, bounds: Bounds) -> float:
    low, high = bounds
    if low is not None and value < low:
        return low
    if high is not None and value > high:
        return high
    return value


def _stage(start: int, stop: int, xs: list[float], polarity: Polarity, rules: SpcRules,
           bounds: Bounds) -> tuple[SpcStage, list[PointSignal]]:
    """One stage's mean, limits and the signal on each of its points (compact: missing values dropped)."""
    n = len(xs)
    mean = math.fsum(xs) / n
    mean_range = math.fsum(abs(b - a) for a, b in zip(xs, xs[1:])) / (n - 1)
    upper, lower = mean + LIMIT_FACTOR * mean_range, mean - LIMIT_FACTOR * mean_range
    two_sigma = LIMIT_FACTOR * mean_range * 2 / 3
    # comparisons allow for floating-point noise, so a point computed to sit on a line counts as on it
    tolerance = 1e-9 * max(1.0, abs(mean), mean_range)

    def above(a: float, b: float) -> bool:
        return a - b > tolerance

    flags: dict[Rule, dict[int, bool]] = {rule: {} for rule in PRECEDENCE}
    for k, x in enumerate(xs):
        if above(x, upper) or above(lower, x):
            flags[Rule.BEYOND_LIMITS][k] = x > mean
    _mark_runs([1 if above(b, a) else -1 if above(a, b) else 0 for a, b in zip(xs, xs[1:])],
               rules.trend_run - 1, flags[Rule.TREND], offset_points=1)
    zones = [0 if k in flags[Rule.BEYOND_LIMITS] else 1 if above(x, mean + two_sigma)
             else -1 if above(mean - two_sigma, x) else 0 for k, x in enumerate(xs)]
    sides = [1 if above(x, mean) else -1 if above(mean, x) else 0 for x in xs]
    for first in range(n - 2):
        window = range(first, first + 3)
        for side in (1, -1):
            if all(sides[k] == side for k in window) and sum(1 for k in window if zones[k] == side) >= 2:
                for k in window:
                    if zones[k] == side:
                        flags[Rule.TWO_OF_THREE][k] = side > 0
    _mark_runs(sides, rules.shift_run, flags[Rule.SHIFT], offset_points=0)

    compact: list[PointSignal] = []
    for k in range(n):
        found = [PointSignal(rule, _kind(polarity, flags[rule][k]), flags[rule][k])
                 for rule in PRECEDENCE if k in flags[rule]]
        # improvement over concern (the Making Data Count tool's choice), else the first rule in precedence
        compact.append(next((f for f in found if f.kind is SignalKind.IMPROVEMENT), found[0]) if found
                       else COMMON_POINT)
    stage = SpcStage(start=start, stop=stop, points=n, mean=mean, mean_moving_range=mean_range,
                     upper_limit=_clamp(upper, bounds), lower_limit=_clamp(lower, bounds), raw_upper=upper,
                     raw_lower=lower)
    return stage, compact


def _mark_runs(signs: list[int], min_length: int, marks: dict[int, bool], offset_points: int) -> None:
    """Mark every index in runs of at least ``min_length`` equal non-zero signs. With ``offset_points`` 1 the
    signs are between points (rises and falls), so a run of r signs covers r + 1 points."""
    start = 0
    while start < len(signs):
        end = start
        while end + 1 < len(signs) and signs[end + 1] == signs[start]:
            end += 1
        if signs[start] != 0 and end - start + 1 >= min_length:
            for k in range(start, end + 1 + offset_points):
                marks[k] = signs[start] > 0
        start = end + 1


def _kind(polarity: Polarity, high: bool) -> SignalKind:
    if polarity is Polarity.NEUTRAL:
        return SignalKind.NEITHER
    return SignalKind.IMPROVEMENT if high == (polarity is Polarity.HIGHER_IS_BETTER) else SignalKind.CONCERN


def _variation(latest: PointSignal) -> Variation:
    if not latest.special:
        return Variation.COMMON_CAUSE
    word = {SignalKind.IMPROVEMENT: "improving", SignalKind.CONCERN: "concerning",
            SignalKind.NEITHER: "neither"}[latest.kind]
    return Variation(f"{word}_{'high' if latest.high else 'low'}")


def _assurance(polarity: Polarity, target: float | None, upper: float, lower: float,
               tolerance: float) -> Assurance | None:
    """Met when every value inside the limits meets the target (a target on the worse limit still counts);
    missed when none can (target strictly beyond the better limit); otherwise hit and miss."""
    if target is None or polarity is Polarity.NEUTRAL:
        return None
    if polarity is Polarity.HIGHER_IS_BETTER:
        if target - lower <= tolerance:
            return Assurance.CONSISTENTLY_MET
        if target - upper > tolerance:
            return Assurance.CONSISTENTLY_MISSED
    else:
        if upper - target <= tolerance:
            return Assurance.CONSISTENTLY_MET
        if lower - target > tolerance:
            return Assurance.CONSISTENTLY_MISSED
    return Assurance.HIT_AND_MISS
