import pytest

from scrutinyreport.analysis.benchmarks import Comparison, compare_with_england, wilson_interval
from scrutinyreport.model import Benchmark, Indicator, Polarity, Unit


def test_wilson_interval_matches_a_hand_worked_value():
    # 81 of 100: Wilson 95% interval 72.2% to 87.5% (as published tables give it)
    low, high = wilson_interval(81, 100)
    assert (round(low * 100, 1), round(high * 100, 1)) == (72.2, 87.5)
    assert wilson_interval(0, 10)[0] == 0.0 and wilson_interval(10, 10)[1] == pytest.approx(1.0)
    with pytest.raises(ValueError):
        wilson_interval(11, 10)


def indicator(polarity=Polarity.HIGHER_IS_BETTER, unit=Unit.PERCENT, decimals=1):
    return Indicator("x", "X", "T", unit, polarity, decimals=decimals)


@pytest.mark.parametrize("england, numerator, denominator, expected", [
    (83.8, 76, 100, Comparison.WORSE),          # 76 of 100: interval 66.8% to 83.3%, England just above it
    (83.0, 76, 100, Comparison.SIMILAR),        # England inside the interval
    (83.8, 760, 1000, Comparison.WORSE),         # a larger sample narrows the interval
    (70.0, 760, 1000, Comparison.BETTER),
])
def test_proportions_are_judged_by_their_95_percent_interval(england, numerator, denominator, expected):
    benchmark = Benchmark("x", "2024/25", council=numerator / denominator * 100, england=england,
                          council_numerator=numerator, council_denominator=denominator)
    result = compare_with_england(indicator(), benchmark)
    assert result.comparison is expected and result.statistical


def test_without_an_interval_the_values_are_only_higher_or_lower_never_better_or_worse():
    # DESIGN section 4: without an interval there is no test, so no verdict by polarity
    lower = indicator(Polarity.LOWER_IS_BETTER, Unit.RATE_PER_100K)
    result = compare_with_england(lower, Benchmark("x", "2024/25", council=558.0, england=566.0))
    assert result.comparison is Comparison.LOWER and not result.statistical
    assert compare_with_england(lower, Benchmark("x", "y", council=566.04, england=566.0)).comparison \
        is Comparison.SAME
    neutral = indicator(Polarity.NEUTRAL, Unit.COUNT, 0)
    assert compare_with_england(neutral, Benchmark("x", "y", council=10, england=9)).comparison is Comparison.HIGHER


def test_missing_values_give_no_comparison():
    assert compare_with_england(indicator(), Benchmark("x", "y", council=None, england=80)) is None


def test_plain_differences_are_judged_as_printed():
    score = indicator(Polarity.HIGHER_IS_BETTER, Unit.SCORE, 0)
    # 18.5 prints as 19 (half up) and 18.4 as 18: printed apart, so higher (not tested), not "the same"
    assert compare_with_england(score, Benchmark("x", "y", council=18.5, england=18.4)).comparison \
        is Comparison.HIGHER
    assert compare_with_england(score, Benchmark("x", "y", council=18.4, england=18.3)).comparison \
        is Comparison.SAME
