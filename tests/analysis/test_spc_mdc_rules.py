"""SPC as the Making Data Count tool draws it: two of three only with the whole window on one side of the mean,
improvement over concern on a point that is both, run lengths from pack.yaml, and rebasing a deliberate
change so that a stable past is not read as special cause."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.inputs_factory import PACK_YAML, write_inputs
from scrutinyreport.analysis import analyse
from scrutinyreport.analysis.spc import Rule, SignalKind, SpcRules, Variation, xmr
from scrutinyreport.content.dashboard import dashboard_rows
from scrutinyreport.formatting import Printer
from scrutinyreport.loading import load_inputs, validate_inputs
from scrutinyreport.model import Polarity, SpcSettings

ROOT = Path(__file__).resolve().parents[2]
HIGHER, LOWER = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER


def alternating(n: int, low: float, high: float) -> list[float]:
    return [low if i % 2 == 0 else high for i in range(n)]


def flagged(result) -> dict[int, tuple[Rule | None, SignalKind, bool | None]]:
    return {i: (s.rule, s.kind, s.high) for i, s in enumerate(result.signals) if s is not None and s.special}


# ---------------------------------------------------------------- two of three

@pytest.mark.parametrize("tail, expected", [
    # 13, 11, 13: the 11 lies above the mean (10.73), so all three are on one side: the two 13s signal
    ([13, 11, 13, 11, 10, 11], [20, 22]),
    # 13, 10, 13: the 10 lies below the mean (10.69), so no window of three is on one side: no signal (the
    # rule before this change flagged both 13s)
    ([13, 10, 13, 11, 10, 11], []),
    # three in a row beyond two sigma
    ([13, 13, 13, 11, 10, 11], [20, 21, 22]),
])
def test_two_of_three_needs_all_three_points_on_one_side(tail, expected):
    result = xmr(alternating(20, 10, 11) + tail, HIGHER)
    assert result.upper_two_sigma < 13 < result.upper_limit
    found = flagged(result)
    assert sorted(found) == expected
    assert all(rule is Rule.TWO_OF_THREE for rule, _, _ in found.values())


def test_a_point_on_the_mean_breaks_the_window():
    # 40 points 10/12, then 16, m, 16, 10, 12, 10, 12 with m the mean of the other 46 points (516 / 46), so the
    # mean of all 47 is m itself: the middle point is on the mean, on neither side, and the window does not
    # signal; a little above the mean, it does
    on_mean = 516 / 46
    values = alternating(40, 10, 12) + [16, on_mean, 16, 10, 12, 10, 12]
    result = xmr(values, HIGHER)
    assert result.mean == pytest.approx(on_mean)
    assert result.upper_two_sigma < 16 < result.upper_limit
    assert flagged(result) == {}
    values[41] = on_mean + 0.05
    assert sorted(flagged(xmr(values, HIGHER))) == [40, 42]


# ---------------------------------------------------------------- improvement over concern

# 40 points 10/12, then seven falling points from 16.2 to 15.0: mean 549.2 / 47 = 11.685, mean moving range
# 83.4 / 46 = 1.813, so the two-sigma line is at 14.90 and the upper limit at 16.51. Each of the seven is a
# falling trend (concern where high is good), two of three close to the upper limit (improvement) and part
# of a run above the mean (improvement).
FALLING_NEAR_TOP = alternating(40, 10, 12) + [16.2, 16.0, 15.8, 15.6, 15.4, 15.2, 15.0]


def test_a_point_that_is_both_improvement_and_concern_shows_as_improvement():
    result = xmr(FALLING_NEAR_TOP, HIGHER)
    assert result.upper_two_sigma == pytest.approx(549.2 / 47 + 2.66 * 83.4 / 46 * 2 / 3)
    assert result.upper_two_sigma < 15.0 and 16.2 < result.upper_limit
    run = {i: flagged(result)[i] for i in range(40, 47)}
    assert all(kind is SignalKind.IMPROVEMENT and high for _, kind, high in run.values())
    assert {rule for rule, _, _ in run.values()} == {Rule.TWO_OF_THREE}    # the first rule reading improvement
    assert result.variation is Variation.IMPROVING_HIGH


def test_where_low_is_good_the_falling_trend_is_the_improvement():
    result = xmr(FALLING_NEAR_TOP, LOWER)
    run = [flagged(result)[i] for i in range(40, 47)]
    assert run == [(Rule.TREND, SignalKind.IMPROVEMENT, False)] * 7
    assert result.variation is Variation.IMPROVING_LOW


def test_a_trend_that_is_only_concern_stays_concern():
    # the same fall across the mean: no point is close to a limit or in a run on one side
    result = xmr(alternating(40, 10, 12) + [12.9, 12.5, 12.1, 11.7, 11.3, 10.9, 10.5], HIGHER)
    assert [flagged(result)[i] for i in range(40, 47)] == [(Rule.TREND, SignalKind.CONCERN, False)] * 7
    assert result.variation is Variation.CONCERNING_LOW


# ---------------------------------------------------------------- run lengths from pack.yaml

SIX_ABOVE = alternating(20, 12, 10) + [11.5] * 6 + [10, 12, 10]       # between two 10s, below the mean
SIX_RISING = alternating(20, 10, 12) + [10.2, 10.4, 10.6, 10.8, 11.0, 11.2] + [10, 12, 10]  # after a fall


@pytest.mark.parametrize("rules, shift, trend", [
    (SpcRules(), [], []),                                          # 7 and 7: six points are not enough
    (SpcRules(shift_run=6), list(range(20, 26)), []),
    (SpcRules(trend_run=6), [], list(range(20, 26))),
])
def test_run_lengths(rules, shift, trend):
    assert [i for i, (rule, _, _) in flagged(xmr(SIX_ABOVE, HIGHER, rules=rules)).items() if rule is Rule.SHIFT] \
        == shift
    assert [i for i, (rule, _, _) in flagged(xmr(SIX_RISING, HIGHER, rules=rules)).items() if rule is Rule.TREND] \
        == trend


def test_pack_yaml_sets_the_run_lengths(tmp_path):
    inputs = write_inputs(tmp_path / "inputs", pack_yaml=PACK_YAML + "spc:\n  shift_run: 6\n  trend_run: 8\n")
    pack = load_inputs(inputs)
    assert pack.settings.spc == SpcSettings(shift_run=6, trend_run=8)
    assert load_inputs(write_inputs(tmp_path / "default")).settings.spc == SpcSettings(7, 7)


def test_the_analysis_uses_the_packs_run_lengths(tmp_path):
    sample = tmp_path / "sample"
    import shutil
    shutil.copytree(ROOT / "inputs", sample)
    (sample / "pack.yaml").write_text((sample / "pack.yaml").read_text(encoding="utf-8")
                                      + "spc:\n  shift_run: 6\n  trend_run: 6\n", encoding="utf-8")
    result = analyse(load_inputs(sample)).indicator("safeguarding_concerns").spc_result
    assert result is not None and result.rules == SpcRules(shift_run=6, trend_run=6)
    default = analyse(load_inputs(ROOT / "inputs")).indicator("safeguarding_concerns").spc_result
    assert default is not None and default.rules == SpcRules()


@pytest.mark.parametrize("yaml, column, expected", [
    ("spc:\n  shift_run: 3\n", "spc.shift_run", "expected a whole number of points from 5 to 12"),
    ("spc:\n  trend_run: seven\n", "spc.trend_run", "expected a whole number of points from 5 to 12"),
    ("spc:\n  trend_run: true\n", "spc.trend_run", "expected a whole number of points from 5 to 12"),
    ("spc: 7\n", "spc", "expected shift_run and trend_run on indented lines"),
])
def test_bad_run_lengths_are_named(tmp_path, yaml, column, expected):
    result = validate_inputs(write_inputs(tmp_path / "inputs", pack_yaml=PACK_YAML + yaml))
    errors = [e for e in result.problems.errors if e.column == column]
    assert len(errors) == 1 and expected in errors[0].message and errors[0].line is not None


def test_an_unknown_spc_key_is_a_warning_with_the_nearest(tmp_path):
    result = validate_inputs(write_inputs(tmp_path / "inputs", pack_yaml=PACK_YAML + "spc:\n  shift_runs: 6\n"))
    warnings = [w for w in result.problems.warnings if w.column == "spc.shift_runs"]
    assert len(warnings) == 1 and "did you mean 'shift_run'" in warnings[0].message
    assert result.pack is not None and result.pack.settings.spc == SpcSettings()


# ---------------------------------------------------------------- a rebase removes a false "improvement"

# fifteen stable months (9, 10, ...) and then, by decision, twelve at a higher level (12.5, 13.5, ...), where
# lower is better: as one process the stable months all sit below the mean, a run read as improvement
STEP = alternating(15, 9, 10) + alternating(12, 12.5, 13.5)


def test_a_rebase_removes_a_false_improvement():
    one = xmr(STEP, LOWER)
    assert all(kind is SignalKind.IMPROVEMENT for i, (_, kind, _) in flagged(one).items() if i < 15)
    assert len([i for i in flagged(one) if i < 15]) == 15
    rebased = xmr(STEP, LOWER, stage_starts=(15,))
    assert flagged(rebased) == {}
    assert rebased.variation is Variation.COMMON_CAUSE and not rebased.trial
    assert [stage.mean for stage in rebased.stages] == [pytest.approx(142 / 15), pytest.approx(13)]


# NHSRplotthedots' trial limits: a stage of fewer than 12 points has limits to draw but not to judge by
@pytest.mark.parametrize("after, trial", [(5, True), (11, True), (12, False)])
def test_a_stage_of_fewer_than_12_points_has_trial_limits_and_no_reading(after, trial):
    result = xmr(alternating(15, 9, 10) + alternating(after, 12.5, 13.5), LOWER, target=12.0, stage_starts=(15,))
    assert result.latest_stage.points == after and result.trial is trial
    assert [stage.trial for stage in result.stages] == [False, trial]
    assert (result.variation is None) is trial and (result.assurance is None) is trial
    assert not result.assurance_withheld    # no reading at all, rather than one withheld for special cause


def test_a_series_never_rebased_has_no_trial_limits():
    result = xmr(alternating(13, 9, 10), LOWER, target=12.0)
    assert not result.trial and result.variation is Variation.COMMON_CAUSE


def test_the_samples_agency_staff_are_rebased_in_january_2026():
    item = analyse(load_inputs(ROOT / "inputs")).indicator("agency_social_workers")
    view = item.spc
    assert view is not None and view.result is not None
    assert [str(view.series[i][0]) for i in view.stage_starts] == ["2026-01"]
    assert not any(s is not None and s.kind is SignalKind.IMPROVEMENT for s in view.result.signals)
    # nine months since January 2026: trial limits, so no reading until December 2026's pack
    assert view.result.trial and view.result.latest_stage.points == 9
    assert item.variation is None and item.assurance is None and not item.judged
    row = next(r for r in dashboard_rows(analyse(load_inputs(ROOT / "inputs")), Printer.for_locale("en_GB"))
               if r.id == "agency_social_workers")
    assert row.variation_note == row.assurance_note == "Too few points since the change"
    assert item.indicator.spc_rebase and str(item.indicator.spc_rebase[0]) == "2026-01"
