"""Compared with England (DESIGN section 4): better, similar or worse only when judged with the council's 95%
interval, by the OHID Fingertips methods; without an interval, higher or lower, not tested.

Published values: PHE's own test data for its confidence interval methods (the PHEindicatormethods
package's testdata_Byars_Wilson and testdata_Rate tables, made with the APHO/PHE confidence intervals tool),
to the precision given there."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.inputs_factory import write_inputs
from scrutinyreport.analysis import analyse
from scrutinyreport.analysis.benchmarks import (
    Comparison,
    Method,
    byar_interval,
    compare_with_england,
    count_interval,
    exact_poisson_interval,
    rate_interval,
    wilson_interval,
)
from scrutinyreport.loading import load_inputs, validate_inputs
from scrutinyreport.model import Benchmark, Indicator, Polarity, Unit

ROOT = Path(__file__).resolve().parents[2]
HIGHER, LOWER, NEUTRAL = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER, Polarity.NEUTRAL


def indicator(unit: Unit, polarity: Polarity = HIGHER, decimals: int = 1) -> Indicator:
    return Indicator("x", "X", "T", unit, polarity, decimals=decimals, population_group="65+")


# ---------------------------------------------------------------- the intervals against published values

def test_byars_interval_for_193_admissions_in_34500_people():
    # the example: 193 admissions, a rate of 559.4 per 100,000, "about 483 to 644"
    (low, high), method = rate_interval(193, 34_500)
    assert method is Method.BYAR
    assert (round(low), round(high)) == (483, 644)
    assert (round(low, 1), round(high, 1)) == (483.3, 644.2)


@pytest.mark.parametrize("count, low, high", [
    (65, 50.163187710459454, 82.84913854593984),       # testdata_Byars_Wilson, 95%
    (1045, 982.5932018073325, 1110.33121298565),
])
def test_byars_interval_matches_phe_test_data(count, low, high):
    found = byar_interval(count)
    assert found == (pytest.approx(low, rel=1e-12), pytest.approx(high, rel=1e-12))


@pytest.mark.parametrize("count, population, low, high, method", [
    # testdata_Rate (per 100,000; the exact method below 10, Byar's from 10)
    (1, 100, 25.317807984289896, 5571.643390938898, Method.EXACT_POISSON),
    (5, 100, 1623.4863901184199, 11668.332079322669, Method.EXACT_POISSON),
    (2, 200, 121.10463927198258, 3612.3438338619794, Method.EXACT_POISSON),
    (10, 200, 2393.7249569837822, 9195.729302878237, Method.BYAR),
    (20, 100, 12211.428834875936, 30889.880369197064, Method.BYAR),
    (222, 3215, 6026.574877652674, 7875.729370871851, Method.BYAR),
    (9856, 12345, 78269.49058976758, 81430.01654272141, Method.BYAR),
])
def test_rate_intervals_match_phe_test_data(count, population, low, high, method):
    (found_low, found_high), found_method = rate_interval(count, population)
    assert found_method is method
    assert (found_low, found_high) == (pytest.approx(low, rel=1e-9), pytest.approx(high, rel=1e-9))


def test_small_counts_use_the_exact_interval():
    # Fingertips: the exact method below 10 (Byar's is within 0.2% of it from 10 up)
    assert count_interval(9)[1] is Method.EXACT_POISSON and count_interval(10)[1] is Method.BYAR
    assert exact_poisson_interval(0) == (0.0, pytest.approx(3.688879454))      # -ln(0.025)
    exact, byar = exact_poisson_interval(10), byar_interval(10)
    assert abs(byar[0] / exact[0] - 1) < 0.002 and abs(byar[1] / exact[1] - 1) < 0.002
    with pytest.raises(ValueError):
        exact_poisson_interval(2.5)      # type: ignore[arg-type]
    with pytest.raises(ValueError):
        byar_interval(0)


@pytest.mark.parametrize("successes, trials, low, high", [
    (65, 100, 0.5525444329688797, 0.7363575175690247),         # testdata_Byars_Wilson, 95%
    (1045, 5000, 0.19795549880013297, 0.22049130373189027),
])
def test_wilson_interval_matches_phe_test_data(successes, trials, low, high):
    assert wilson_interval(successes, trials) == (pytest.approx(low, rel=1e-9), pytest.approx(high, rel=1e-9))


# ---------------------------------------------------------------- the verdicts, table-driven

RATE = indicator(Unit.RATE_PER_100K, LOWER)
SCORE = indicator(Unit.SCORE, HIGHER)


@pytest.mark.parametrize("unit, polarity, benchmark, population, comparison, method", [
    # rates: Byar's from the count and the population (its own, or pack.yaml's for the group)
    (Unit.RATE_PER_100K, LOWER, Benchmark("x", "2024/25", 559.4, 566.0, council_numerator=193,
                                          council_denominator=34_500), None, Comparison.SIMILAR, Method.BYAR),
    (Unit.RATE_PER_100K, LOWER, Benchmark("x", "2024/25", 559.4, 566.0, council_numerator=193), 34_500,
     Comparison.SIMILAR, Method.BYAR),
    (Unit.RATE_PER_100K, LOWER, Benchmark("x", "2024/25", 15.7, 14.6, council_numerator=21,
                                          council_denominator=133_500), None, Comparison.SIMILAR, Method.BYAR),
    # 1,200 in 200,000 is 600.0: interval 566.5 to 635.0, above England's 560
    (Unit.RATE_PER_100K, LOWER, Benchmark("x", "y", 600.0, 560.0, council_numerator=1200,
                                          council_denominator=200_000), None, Comparison.WORSE, Method.BYAR),
    (Unit.RATE_PER_100K, HIGHER, Benchmark("x", "y", 600.0, 560.0, council_numerator=1200,
                                           council_denominator=200_000), None, Comparison.BETTER, Method.BYAR),
    (Unit.RATE_PER_100K, LOWER, Benchmark("x", "y", 4000.0, 2000.0, council_numerator=4,
                                          council_denominator=100), None, Comparison.SIMILAR, Method.EXACT_POISSON),
    # a rate without its count: not tested, whatever the gap
    (Unit.RATE_PER_100K, LOWER, Benchmark("x", "2024/25", 559.4, 566.0), None, Comparison.LOWER, Method.NONE),
    (Unit.RATE_PER_100K, LOWER, Benchmark("x", "2024/25", 612.3, 560.8), None, Comparison.HIGHER, Method.NONE),
    # a score with its published interval, and without one
    (Unit.SCORE, HIGHER, Benchmark("x", "2024/25", 18.8, 19.1, council_lower=18.4, council_upper=19.2), None,
     Comparison.SIMILAR, Method.PUBLISHED),
    (Unit.SCORE, HIGHER, Benchmark("x", "2024/25", 18.8, 19.5, council_lower=18.4, council_upper=19.2), None,
     Comparison.WORSE, Method.PUBLISHED),
    (Unit.SCORE, HIGHER, Benchmark("x", "2024/25", 18.8, 18.0, council_lower=18.4, council_upper=19.2), None,
     Comparison.BETTER, Method.PUBLISHED),
    (Unit.SCORE, HIGHER, Benchmark("x", "2024/25", 18.8, 19.2, council_lower=18.4, council_upper=19.2), None,
     Comparison.SIMILAR, Method.PUBLISHED),           # the interval's end is inside it
    (Unit.SCORE, HIGHER, Benchmark("x", "2024/25", 18.8, 19.1), None, Comparison.LOWER, Method.NONE),
    (Unit.SCORE, HIGHER, Benchmark("x", "2024/25", 18.84, 18.8), None, Comparison.SAME, Method.NONE),
    # a published interval takes precedence over one worked out from counts (a weighted survey)
    (Unit.PERCENT, HIGHER, Benchmark("x", "y", 85.6, 87.8, council_numerator=274, council_denominator=320,
                                     council_lower=84.0, council_upper=87.0), None, Comparison.WORSE,
     Method.PUBLISHED),
    (Unit.PERCENT, HIGHER, Benchmark("x", "y", 85.6, 87.8, council_numerator=274, council_denominator=320), None,
     Comparison.SIMILAR, Method.WILSON),
    # a neutral measure outside its interval: higher, tested
    (Unit.RATE_PER_100K, NEUTRAL, Benchmark("x", "y", 600.0, 560.0, council_numerator=1200,
                                            council_denominator=200_000), None, Comparison.HIGHER, Method.BYAR),
    # a currency or days figure: no interval, so higher or lower only
    (Unit.DAYS, LOWER, Benchmark("x", "y", 2.3, 2.9), None, Comparison.LOWER, Method.NONE),
])
def test_the_verdict_and_how_it_was_judged(unit, polarity, benchmark, population, comparison, method):
    result = compare_with_england(indicator(unit, polarity), benchmark, population)
    assert (result.comparison, result.method) == (comparison, method)
    assert result.statistical == (method is not Method.NONE)
    if not result.statistical:
        assert result.comparison not in (Comparison.BETTER, Comparison.SIMILAR, Comparison.WORSE)


def test_comparison_words():
    assert [c.word for c in Comparison] == ["better", "similar", "worse", "higher", "lower", "the same"]


# ---------------------------------------------------------------- the sample

@pytest.fixture(scope="module")
def sample():
    return analyse(load_inputs(ROOT / "inputs"))


@pytest.mark.parametrize("indicator_id, comparison, method", [
    ("perm_admissions_65_rate", Comparison.SIMILAR, Method.BYAR),      # 559.4 vs 566.0, 193 admissions
    ("perm_admissions_18_64_rate", Comparison.SIMILAR, Method.BYAR),   # 15.7 vs 14.6, 21 admissions
    ("qol_score", Comparison.SIMILAR, Method.PUBLISHED),               # 18.8 (18.4 to 19.2) vs 19.1
    ("still_home_91_days", Comparison.WORSE, Method.WILSON),
    ("carers_direct_payments", Comparison.WORSE, Method.WILSON),
    ("reablement_no_ongoing", Comparison.BETTER, Method.WILSON),
    ("feel_safe_secure", Comparison.SIMILAR, Method.WILSON),
])
def test_the_samples_comparisons(sample, indicator_id, comparison, method):
    result = sample.indicator(indicator_id).england
    assert (result.comparison, result.method) == (comparison, method)


def test_the_sample_charts_only_statistically_worse_comparisons(sample):
    assert [item.indicator.id for item in sample.compared_charted] == ["still_home_91_days",
                                                                        "carers_direct_payments"]
    assert all(item.england.statistical for item in sample.indicators if item.england)


def test_a_rate_without_its_population_takes_pack_yamls(tmp_path):
    from helpers.inputs_factory import month_csv
    inputs = write_inputs(tmp_path / "inputs", months={"2025-06": month_csv(), "2025-07": month_csv()})
    (inputs / "benchmarks.csv").write_text(
        "indicator_id,year,council,england,council_numerator\nadmissions_65,2024/25,700.0,560.0,140\n",
        encoding="utf-8")
    result = analyse(load_inputs(inputs)).indicator("admissions_65").england
    # 140 in pack.yaml's 20,000 aged 65+: 700.0 per 100,000, interval 588.8 to 826.0
    assert (result.comparison, result.method) == (Comparison.WORSE, Method.BYAR)
    assert result.interval == (pytest.approx(588.8, abs=0.05), pytest.approx(826.0, abs=0.05))


# ---------------------------------------------------------------- benchmarks.csv's new columns, checked

@pytest.mark.parametrize("row, column, expected", [
    ("reablement,2024/25,80.0,77.9,,,,,,,78.0,", "council_upper", "give both council_lower and council_upper"),
    ("reablement,2024/25,80.0,77.9,,,,,,,82.0,78.0", "council_lower", "no higher than council_upper"),
    ("reablement,2024/25,80.0,77.9,,,,,,,81.0,83.0", "council", "within its interval"),
    ("reablement,2024/25,80.0,77.9,,,,,7,10,,", "council", "disagrees with council_numerator / council_denominator"),
    ("reablement,2024/25,80.0,77.9,,,,,12,10,,", "council_numerator", "no larger than the denominator"),
    ("reablement,2024/25,80.0,77.9,,,,,8,0,,", "council_denominator", "above zero"),
    ("admissions_65,2024/25,559.4,566.0,,,,,194,34500,,", "council", "(194 / 34500 gives 562.3)"),
])
def test_benchmark_counts_and_intervals_are_checked(tmp_path, row, column, expected):
    inputs = write_inputs(tmp_path / "inputs")
    (inputs / "benchmarks.csv").write_text(
        "indicator_id,year,council,england,region,comparator,rank,rank_of,council_numerator,council_denominator,"
        f"council_lower,council_upper\n{row}\n", encoding="utf-8")
    errors = validate_inputs(inputs).problems.errors
    assert len(errors) == 1
    assert errors[0].column == column and expected in errors[0].message and errors[0].line == 2
    assert errors[0].file.endswith("benchmarks.csv")


def test_good_counts_and_intervals_are_read(tmp_path):
    inputs = write_inputs(tmp_path / "inputs")
    (inputs / "benchmarks.csv").write_text(
        "indicator_id,year,council,england,council_numerator,council_denominator,council_lower,council_upper\n"
        "reablement,2024/25,80.0,77.9,8,10,,\nadmissions_65,2024/25,559.4,566.0,193,34500,,\n"
        "reablement,2023/24,80.0,77.9,,,78.0,82.0\n", encoding="utf-8")
    pack = load_inputs(inputs)
    assert [(b.council_numerator, b.council_denominator, b.council_lower, b.council_upper, b.line)
            for b in pack.benchmarks] == [(8, 10, None, None, 2), (193, 34500, None, None, 3),
                                          (None, None, 78.0, 82.0, 4)]
