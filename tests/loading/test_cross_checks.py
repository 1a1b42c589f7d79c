"""Cross-checks in validate: one measure and year with one figure (a benchmark against the monthly data), and
targets within what their unit can be."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.inputs_factory import INDICATORS, month_csv, write_inputs
from scrutinyreport import validate_inputs
from scrutinyreport.model import Period

ROOT = Path(__file__).resolve().parents[2]
BENCHMARK_HEADER = "indicator_id,year,council,england,council_numerator,council_denominator\n"


def agreement_warnings(result) -> list:
    return [w for w in result.problems.warnings if "one measure and year should have one figure" in w.message]


# ---------------------------------------------------------------- the sample

def test_the_sample_has_one_figure_for_each_measure_and_year():
    result = validate_inputs(ROOT / "inputs")
    assert not result.problems.errors and agreement_warnings(result) == []


@pytest.mark.parametrize("old, new, line, monthly_line, published, monthly", [
    # as the sample was: the theme table's 18.7 and the England table's 18.8 for one year
    (b"qol_score,18.8,,,", b"qol_score,18.7,,,", 12, 17, "18.8", "18.7"),
    (b"feel_safe_secure,85.6%,,,", b"feel_safe_secure,85.5%,,,", 20, 26, "85.6%", "85.5%"),
])
def test_a_benchmark_that_disagrees_with_the_monthly_figure_is_named_in_both_files(tmp_path, old, new, line,
                                                                                    monthly_line, published, monthly):
    inputs = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", inputs)
    march = inputs / "monthly" / "2025-03.csv"
    data = march.read_bytes()
    assert data.count(old) == 1
    march.write_bytes(data.replace(old, new))
    result = validate_inputs(inputs)
    assert not result.problems.errors and result.pack is not None       # a warning: the pack is still made
    found = agreement_warnings(result)
    assert len(found) == 1
    warning = found[0]
    assert warning.file.endswith("inputs/benchmarks.csv") and (warning.line, warning.column) == (line, "council")
    assert f"for 2024/25 is {published} here but {monthly} in " in warning.message
    assert f"monthly/2025-03.csv line {monthly_line}" in warning.message
    lines = march.read_text(encoding="utf-8-sig").splitlines()
    assert lines[monthly_line - 1].startswith(new.decode().split(",")[0])       # the line named is the row


def months_of(reablement: list[str]) -> dict[str, str]:
    return {str(Period(2024, 4).shift(k)): month_csv(reablement=value) for k, value in enumerate(reablement)}


def test_a_ratio_year_is_compared_over_all_its_months(tmp_path):
    figures = months_of(["80.0"] * 12)
    for name in figures:       # every month 8 of 10: the year's ratio is 80.0%
        figures[name] = figures[name].replace("reablement,80.0,,,", "reablement,80.0,8,10,")
    inputs = write_inputs(tmp_path / "inputs", months=figures)
    (inputs / "benchmarks.csv").write_text(BENCHMARK_HEADER + "reablement,2024/25,81.0,77.9,,\n"
                                           "reablement,2023/24,60.0,77.9,,\n", encoding="utf-8")
    found = agreement_warnings(validate_inputs(inputs))
    assert len(found) == 1 and found[0].line == 2       # 2023/24 has no monthly data: not compared
    assert "is 81.0% here but 80.0% in" in found[0].message
    assert "monthly/2024-04.csv to " in found[0].message and "monthly/2025-03.csv (the 12 months' numerators " \
                                                               "over denominators)" in found[0].message


def test_agreement_at_printed_precision_and_partial_years_are_not_warned(tmp_path):
    figures = months_of(["80.04"] * 12)
    for name in figures:
        figures[name] = figures[name].replace("reablement,80.04,,,", "reablement,80.04,2001,2500,")
    inputs = write_inputs(tmp_path / "inputs", months=figures)
    (inputs / "benchmarks.csv").write_text(BENCHMARK_HEADER + "reablement,2024/25,80.0,77.9,,\n", encoding="utf-8")
    assert agreement_warnings(validate_inputs(inputs)) == []
    partial = write_inputs(tmp_path / "partial", months=months_of(["80.0", "80.0"]))   # two months of 2024/25
    (partial / "benchmarks.csv").write_text(BENCHMARK_HEADER + "reablement,2024/25,70.0,77.9,,\n", encoding="utf-8")
    assert agreement_warnings(validate_inputs(partial)) == []


# ---------------------------------------------------------------- targets within their unit's range

@pytest.mark.parametrize("row, expected", [
    ("x,X,T,percent,higher_is_better,101,,1", "expected a percent target from 0 to 100"),
    ("x,X,T,percent,higher_is_better,-1,,1", "expected a percent target from 0 to 100"),
    ("x,X,T,count,lower_is_better,-5,,0", "expected a count target of zero or more"),
    ("x,X,T,rate_per_100k,lower_is_better,-0.1,,1", "expected a rate target of zero or more"),
    ("x,X,T,days,lower_is_better,-0.5,,1", "expected a target of zero or more days"),
    ("x,X,T,currency,lower_is_better,-100,,0", "expected a money target of zero or more"),
    ("x,X,T,ratio,higher_is_better,-1,,1", "expected a ratio target of zero or more"),
])
def test_a_target_outside_its_units_range_is_an_error(tmp_path, row, expected):
    inputs = write_inputs(tmp_path / "inputs", indicators=INDICATORS + row + ",,,\n",
                          months={"2025-07": month_csv() + "x,1,,,\n"})
    result = validate_inputs(inputs)
    errors = [e for e in result.problems.errors if e.column == "target"]
    assert len(errors) == 1 and expected in errors[0].message
    assert errors[0].file.endswith("indicators.csv") and errors[0].line == 8
    assert "line 8, column 'target'" in str(errors[0]) and result.pack is None


@pytest.mark.parametrize("row", [
    "x,X,T,percent,higher_is_better,100,,1", "x,X,T,percent,lower_is_better,0,,1",
    "x,X,T,score,higher_is_better,-3,,1", "x,X,T,count,lower_is_better,0,,0",
])
def test_targets_at_the_edges_and_scores_are_accepted(tmp_path, row):
    inputs = write_inputs(tmp_path / "inputs", indicators=INDICATORS + row + ",,,\n",
                          months={"2025-07": month_csv() + "x,1,,,\n"})
    assert not [e for e in validate_inputs(inputs).problems.errors if e.column == "target"]
