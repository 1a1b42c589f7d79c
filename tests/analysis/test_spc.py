"""XmR statistical process control (NHS 'Making Data Count'), checked against hand-worked series.

Most series are built on an alternating 10, 12, 10, 12 ... base: every moving range is 2 and the points
alternate either side of the mean, so the base itself never signals and each test adds one pattern.
"""

from __future__ import annotations

import pytest

from scrutinyreport.analysis.spc import Assurance, PointSignal, Rule, SignalKind, SpcRules, Variation, xmr
from scrutinyreport.model import Polarity

HIGHER = Polarity.HIGHER_IS_BETTER
LOWER = Polarity.LOWER_IS_BETTER
NEUTRAL = Polarity.NEUTRAL


def alternating(n: int, low: float = 10, high: float = 12) -> list[float]:
    return [low if i % 2 == 0 else high for i in range(n)]


def flagged(result, rule: Rule | None = None) -> list[int]:
    return [i for i, s in enumerate(result.signals)
            if s is not None and s.rule is not None and (rule is None or s.rule is rule)]


# ---------------------------------------------------------------- limits, minimum points, gaps

def test_mean_and_limits_hand_worked():
    # 14 points alternating 10/12: mean 11, 13 moving ranges of 2, so limits 11 +/- 2.66 x 2.
    result = xmr(alternating(14), HIGHER)
    assert result.mean == pytest.approx(11)
    assert result.mean_moving_range == pytest.approx(2)
    assert result.upper_limit == pytest.approx(16.32)
    assert result.lower_limit == pytest.approx(5.68)
    assert result.upper_two_sigma == pytest.approx(11 + 2.66 * 2 * 2 / 3)
    assert result.lower_two_sigma == pytest.approx(11 - 2.66 * 2 * 2 / 3)
    assert flagged(result) == []
    assert result.variation is Variation.COMMON_CAUSE
    assert all(s.kind is SignalKind.COMMON for s in result.signals)


def test_fewer_than_13_points_gives_none():
    assert xmr(alternating(12), HIGHER) is None
    assert xmr(alternating(13), HIGHER) is not None
    assert xmr([], HIGHER) is None
    assert xmr([None] * 20, HIGHER) is None


def test_gaps_do_not_count_towards_13_points():
    values: list[float | None] = alternating(13)
    values[3] = None
    assert xmr(values, HIGHER) is None  # 12 real points


def test_gaps_are_dropped_for_the_calculation_but_positions_kept():
    # 10, 12, gap, 10, 12 ... the moving range spans the gap (12 -> 10), so every range is still 2.
    values: list[float | None] = [10, 12, None, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, None]
    result = xmr(values, HIGHER)
    assert len(result.signals) == len(values)
    assert result.signals[2] is None and result.signals[15] is None
    assert result.mean == pytest.approx(11)
    assert result.mean_moving_range == pytest.approx(2)
    assert result.points == 14


def test_minimum_points_is_configurable():
    assert xmr(alternating(10), HIGHER, rules=SpcRules(min_points=10)) is not None
    with pytest.raises(ValueError):
        SpcRules(shift_run=1)


def test_flat_series_has_zero_width_limits_and_no_signals():
    result = xmr([5.0] * 15, HIGHER, target=4)
    assert result.upper_limit == result.lower_limit == 5
    assert flagged(result) == []
    assert result.variation is Variation.COMMON_CAUSE


# ---------------------------------------------------------------- beyond the limits

def test_point_beyond_upper_limit():
    # 14 points alternating 10/14 then 30: mean 198/15 = 13.2 (so 10s stay below it and 14s above);
    # ranges 13 x 4 and 16 -> mean 68/14 = 4.857; upper limit 13.2 + 2.66 x 4.857 = 26.12 < 30.
    result = xmr(alternating(14, 10, 14) + [30], HIGHER)
    assert result.mean == pytest.approx(13.2)
    assert result.mean_moving_range == pytest.approx(68 / 14)
    assert result.upper_limit == pytest.approx(26.12)
    assert flagged(result) == [14]
    assert result.signals[14] == PointSignal(Rule.BEYOND_LIMITS, SignalKind.IMPROVEMENT, True)
    assert result.variation is Variation.IMPROVING_HIGH


def test_point_beyond_limits_by_polarity():
    values = alternating(14, 10, 14) + [30]
    assert xmr(values, LOWER).variation is Variation.CONCERNING_HIGH
    assert xmr(values, NEUTRAL).variation is Variation.NEITHER_HIGH
    assert xmr(values, NEUTRAL).signals[14].kind is SignalKind.NEITHER


def test_point_beyond_lower_limit():
    # 14 points alternating 10/14 then -6: mean 162/15 = 10.8; ranges 13 x 4 and 20 -> 72/14 = 5.143;
    # lower limit 10.8 - 2.66 x 5.143 = -2.88 > -6.
    result = xmr(alternating(14, 10, 14) + [-6], HIGHER)
    assert result.lower_limit == pytest.approx(10.8 - 2.66 * 72 / 14)
    assert flagged(result) == [14]
    assert result.signals[14] == PointSignal(Rule.BEYOND_LIMITS, SignalKind.CONCERN, False)
    assert result.variation is Variation.CONCERNING_LOW
    assert xmr(alternating(14, 10, 14) + [-6], LOWER).variation is Variation.IMPROVING_LOW


def test_point_exactly_on_the_limit_is_not_beyond_it():
    # 14 alternating points then x, with x chosen to sit on the upper limit it creates:
    # mean = (154 + x) / 15, mean moving range = (26 + x - 12) / 14, and x = mean + 2.66 x mean range
    # gives 210x = 14(154 + x) + 39.9(14 + x), so x = 2714.6 / 156.1 (about 17.39).
    x = 2714.6 / 156.1
    on_limit = xmr(alternating(14) + [x], HIGHER)
    assert on_limit.upper_limit == pytest.approx(x)
    assert on_limit.signals[14].rule is None
    assert on_limit.variation is Variation.COMMON_CAUSE
    just_over = xmr(alternating(14) + [x + 0.01], HIGHER)
    assert just_over.signals[14].rule is Rule.BEYOND_LIMITS


# ---------------------------------------------------------------- shift

# positions 7..13 are 12, 11.5, 12, 11.5, 12, 11.5, 12: seven points above the mean of 224.5 / 20 = 11.225,
# with a 10 (below) either side; ranges are at most 2 so nothing is near two sigma (about 2.2 away).
SHIFT_7 = [10, 12, 10, 12, 10, 12, 10, 12, 11.5, 12, 11.5, 12, 11.5, 12, 10, 12, 10, 12, 10, 12]
# the same with only six points above the mean (12, 11.5 x3 ... then 10): mean 222.5 / 20 = 11.125.
SHIFT_6 = [10, 12, 10, 12, 10, 12, 10, 12, 11.5, 12, 11.5, 12, 11.5, 10, 12, 10, 12, 10, 12, 10]


def test_shift_of_seven_points_above_mean():
    result = xmr(SHIFT_7, HIGHER)
    assert result.mean == pytest.approx(11.225)
    assert flagged(result) == list(range(7, 14))
    assert {result.signals[i] for i in range(7, 14)} == {PointSignal(Rule.SHIFT, SignalKind.IMPROVEMENT, True)}
    assert result.variation is Variation.COMMON_CAUSE  # the latest point is back to common cause


def test_shift_of_six_points_is_not_a_signal():
    result = xmr(SHIFT_6, HIGHER)
    assert result.mean == pytest.approx(11.125)
    assert flagged(result) == []


def test_shift_run_length_is_configurable():
    assert flagged(xmr(SHIFT_6, HIGHER, rules=SpcRules(shift_run=6)), Rule.SHIFT) == list(range(7, 13))
    assert flagged(xmr(SHIFT_7, HIGHER, rules=SpcRules(shift_run=8))) == []


def test_shift_below_mean_ending_at_latest_point_sets_variation():
    # 13 alternating points then seven points of 10.5 and 10: mean (142 + 3 x 10.5 + 4 x 10) / 20 = 10.675.
    values = alternating(13, 10, 12)[:-1] + [12] + [10.5, 10, 10.5, 10, 10.5, 10, 10]
    # values[12] is 12 (above), then 7 points below the mean
    result = xmr(values, LOWER)
    assert flagged(result) == list(range(13, 20))
    assert result.signals[19] == PointSignal(Rule.SHIFT, SignalKind.IMPROVEMENT, False)
    assert result.variation is Variation.IMPROVING_LOW
    assert xmr(values, HIGHER).variation is Variation.CONCERNING_LOW


def test_point_on_the_mean_breaks_a_shift():
    # SHIFT_7 with its fourth run point moved onto the mean: the run is broken into 3 + 3.
    values = list(SHIFT_7)
    # keep the sum (and so the mean, 11.225) fixed: move 0.275 from position 10 to position 14
    values[10] = 11.225
    values[14] = 10.275
    result = xmr(values, HIGHER)
    assert result.mean == pytest.approx(11.225)
    assert flagged(result, Rule.SHIFT) == []


# ---------------------------------------------------------------- trend

# positions 6..12 rise 9, 9.5, ... 12 (seven points, six rises), with a fall either side.
TREND_7 = [10, 12, 10, 12, 10, 12, 9, 9.5, 10, 10.5, 11, 11.5, 12, 10, 12, 10, 12, 10, 12, 10]
TREND_6 = [10, 12, 10, 12, 10, 12, 9, 9.5, 10, 10.5, 11, 11.5, 10, 12, 10, 12, 10, 12, 10, 12]


def test_trend_of_seven_rising_points():
    result = xmr(TREND_7, HIGHER)
    assert flagged(result) == list(range(6, 13))
    assert {result.signals[i] for i in range(6, 13)} == {PointSignal(Rule.TREND, SignalKind.IMPROVEMENT, True)}


def test_trend_of_six_points_is_not_a_signal():
    assert flagged(xmr(TREND_6, HIGHER)) == []


def test_falling_trend_is_concerning_when_higher_is_better():
    result = xmr([22 - v for v in TREND_7], HIGHER)
    assert {result.signals[i] for i in range(6, 13)} == {PointSignal(Rule.TREND, SignalKind.CONCERN, False)}


def test_equal_neighbours_break_a_trend():
    # eight points rising but for one repeat (10, 10): runs of 3 and 5 points, neither a trend.
    values = [10, 12, 10, 12, 10, 12, 9, 9.5, 10, 10, 10.5, 11, 11.5, 10, 12, 10, 12, 10, 12, 10]
    assert flagged(xmr(values, HIGHER), Rule.TREND) == []


def test_trend_ending_at_latest_point_sets_variation():
    values = alternating(14) + [9, 9.5, 10, 10.5, 11, 11.5, 12]
    result = xmr(values, LOWER)
    assert flagged(result) == list(range(14, 21))
    assert result.variation is Variation.CONCERNING_HIGH
    assert xmr(values, NEUTRAL).variation is Variation.NEITHER_HIGH


def test_trend_run_length_is_configurable():
    assert flagged(xmr(TREND_6, HIGHER, rules=SpcRules(trend_run=6))) == list(range(6, 12))


# ---------------------------------------------------------------- two of three beyond two sigma

# 20 points alternating 10/11, then 13, 11, 13, 11, 10, 11: mean 279 / 26 = 10.731; ranges 19 x 1, then
# 2, 2, 2, 2, 1, 1 -> 29 / 25 = 1.16; two sigma = 2.66 x 1.16 x 2/3 = 2.057, so the line is at 12.788 and
# the upper limit at 10.731 + 3.086 = 13.816: both 13s lie between them, the 11 between does not.
TWO_OF_THREE = alternating(20, 10, 11) + [13, 11, 13, 11, 10, 11]


def test_two_of_three_beyond_two_sigma():
    result = xmr(TWO_OF_THREE, HIGHER)
    assert result.mean == pytest.approx(279 / 26)
    assert result.mean_moving_range == pytest.approx(1.16)
    assert result.upper_two_sigma == pytest.approx(279 / 26 + 2.66 * 1.16 * 2 / 3)
    assert result.upper_two_sigma < 13 < result.upper_limit
    assert flagged(result) == [20, 22]
    assert result.signals[20] == PointSignal(Rule.TWO_OF_THREE, SignalKind.IMPROVEMENT, True)
    assert result.signals[21].rule is None
    assert xmr(TWO_OF_THREE, LOWER).signals[22].kind is SignalKind.CONCERN


def test_one_of_three_beyond_two_sigma_is_not_a_signal():
    values = alternating(20, 10, 11) + [13, 11, 11, 11, 10, 11]
    assert flagged(xmr(values, HIGHER)) == []


def test_two_of_three_on_opposite_sides_is_not_a_signal():
    # 13, 11, 8: mean 274 / 26 = 10.538; ranges 19 + 2 + 2 + 3 + 3 + 1 + 1 = 31 -> 1.24; two sigma 2.199,
    # so 13 is above the upper line (12.737) and 8 below the lower (8.339): one each side, no signal.
    values = alternating(20, 10, 11) + [13, 11, 8, 11, 10, 11]
    result = xmr(values, HIGHER)
    assert result.upper_two_sigma < 13 < result.upper_limit
    assert result.lower_limit < 8 < result.lower_two_sigma
    assert flagged(result) == []


# 40 points alternating 10/11, then 13, 11, x, 11, 10, 11. Mean (476 + x) / 46; ranges 39 x 1, 2, 2, x - 11
# twice, 1, 1 -> mean range (23 + 2x) / 45. x on the upper limit: 2070x = 45(476 + x) + 122.36(23 + 2x),
# so x = 24234.28 / 1780.28 (about 13.61); then the two-sigma line is about 12.62, below 13.
ON_LIMIT = 24234.28 / 1780.28


def two_of_three_with(x: float) -> list[float]:
    return alternating(40, 10, 11) + [13, 11, x, 11, 10, 11]


def test_two_of_three_counts_a_point_exactly_on_the_limit():
    result = xmr(two_of_three_with(ON_LIMIT), HIGHER)
    assert result.upper_limit == pytest.approx(ON_LIMIT)
    assert result.upper_two_sigma < 13
    assert flagged(result) == [40, 42]
    assert {result.signals[i].rule for i in (40, 42)} == {Rule.TWO_OF_THREE}


def test_two_of_three_does_not_count_a_point_beyond_the_limits():
    # just past the limit, x is beyond the limits and the 13 is left alone as one of three
    result = xmr(two_of_three_with(ON_LIMIT + 0.01), HIGHER)
    assert result.upper_two_sigma < 13
    assert flagged(result) == [42]
    assert result.signals[42].rule is Rule.BEYOND_LIMITS
    assert result.signals[40].rule is None
    # and with a far larger outlier (17): mean 493 / 46 = 10.717, mean range 57 / 45, line at 12.963
    result = xmr(two_of_three_with(17), HIGHER)
    assert result.upper_two_sigma == pytest.approx(493 / 46 + 2.66 * 57 / 45 * 2 / 3)
    assert flagged(result) == [42]


# ---------------------------------------------------------------- precedence

def test_beyond_limits_takes_precedence_over_trend():
    # a rising run of seven whose last point (40) is beyond the upper limit.
    values = alternating(14) + [9, 9.5, 10, 10.5, 11, 11.5, 40, 10, 12]
    result = xmr(values, HIGHER)
    assert result.signals[20].rule is Rule.BEYOND_LIMITS
    assert flagged(result, Rule.TREND) == list(range(14, 20))


def test_trend_takes_precedence_over_shift():
    # 20 alternating points (ending 12), then seven rising points from 11.5 to 12.1, then 10, 12:
    # mean 324.6 / 29 = 11.193, so the 12 before the run and the run are eight points above the mean.
    # The run is a trend; only the 12 before it is left to the shift rule.
    values = alternating(20) + [11.5, 11.6, 11.7, 11.8, 11.9, 12.0, 12.1] + [10, 12]
    result = xmr(values, HIGHER)
    assert result.mean == pytest.approx(324.6 / 29)
    assert flagged(result, Rule.TREND) == list(range(20, 27))
    assert flagged(result, Rule.SHIFT) == [19]


def test_two_of_three_takes_precedence_over_shift():
    # seven points above the mean; two of them also beyond two sigma.
    values = alternating(21) + [11.5, 15, 11.5, 15, 11.5, 11.6, 11.5] + [10, 12, 10, 12]
    result = xmr(values, HIGHER)
    run = list(range(21, 28))
    assert flagged(result) == run
    assert [result.signals[i].rule for i in run] == [Rule.SHIFT, Rule.TWO_OF_THREE, Rule.SHIFT,
                                                     Rule.TWO_OF_THREE, Rule.SHIFT, Rule.SHIFT, Rule.SHIFT]


def test_trend_takes_precedence_over_two_of_three():
    values = alternating(21) + [9, 9.5, 10, 10.5, 11, 14.5, 15.5] + [10, 12, 10, 12]
    result = xmr(values, HIGHER)
    assert result.upper_two_sigma < 14.5 < 15.5 < result.upper_limit
    assert flagged(result, Rule.TREND) == list(range(21, 28))
    assert flagged(result, Rule.TWO_OF_THREE) == []


# ---------------------------------------------------------------- variation from the latest point

def test_variation_is_judged_from_the_latest_point_not_earlier_ones():
    result = xmr(alternating(14, 10, 14) + [30, 10, 14], HIGHER)
    assert result.signals[14].rule is Rule.BEYOND_LIMITS
    assert result.variation is Variation.COMMON_CAUSE


def test_variation_uses_latest_real_point_when_the_last_month_is_missing():
    result = xmr(alternating(14, 10, 14) + [30, None], HIGHER)
    assert result.variation is Variation.IMPROVING_HIGH


# ---------------------------------------------------------------- assurance

@pytest.mark.parametrize("target, polarity, expected", [
    (5, HIGHER, Assurance.CONSISTENTLY_MET),     # below the lower limit (5.68): always met
    (5.68, HIGHER, Assurance.CONSISTENTLY_MET),  # on the lower limit: every value is at or above target
    (11, HIGHER, Assurance.HIT_AND_MISS),
    (16.32, HIGHER, Assurance.HIT_AND_MISS),     # on the upper limit: met only at the limit
    (17, HIGHER, Assurance.CONSISTENTLY_MISSED),
    (17, LOWER, Assurance.CONSISTENTLY_MET),
    (16.32, LOWER, Assurance.CONSISTENTLY_MET),
    (5.68, LOWER, Assurance.HIT_AND_MISS),
    (5, LOWER, Assurance.CONSISTENTLY_MISSED),
])
def test_assurance_from_target_against_limits(target, polarity, expected):
    assert xmr(alternating(14), polarity, target=target).assurance is expected


def test_no_assurance_without_target_or_for_neutral_polarity():
    assert xmr(alternating(14), HIGHER).assurance is None
    assert xmr(alternating(14), NEUTRAL, target=11).assurance is None


def test_assurance_aliases_and_labels():
    assert Assurance.PASS is Assurance.CONSISTENTLY_MET
    assert Assurance.FAIL is Assurance.CONSISTENTLY_MISSED
    assert Assurance.CONSISTENTLY_MET.label == "Target consistently met"
    assert Assurance.CONSISTENTLY_MISSED.label == "Target consistently missed"
    assert "hit and miss" in Assurance.HIT_AND_MISS.label.lower()


def test_variation_labels_are_plain_english():
    assert Variation.IMPROVING_HIGH.label == "Special cause variation: improving (high)"
    assert Variation.CONCERNING_LOW.label == "Special cause variation: concerning (low)"
    assert Variation.COMMON_CAUSE.label == "Common cause variation"
    assert all(v.label for v in Variation)
    assert all(r.label for r in Rule)


def test_result_is_frozen_and_hashable_inputs_are_kept():
    result = xmr(alternating(14), HIGHER, target=11)
    with pytest.raises(AttributeError):
        result.mean = 3  # type: ignore[misc]
    assert result.values == tuple(alternating(14))
    assert result.target == 11 and result.polarity is HIGHER
