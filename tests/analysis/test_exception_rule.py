"""Exceptions that agree with SPC (DESIGN section 4): Red; or the latest point a special cause of concern; or,
where SPC cannot judge, moved the wrong way by more than the amber tolerance; or listed under spotlight.
Movement within common-cause variation is noise, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutinyreport.analysis import analyse
from scrutinyreport.analysis.assessment import Assessment, Basis, Figure
from scrutinyreport.analysis.direction import direction_of_travel
from scrutinyreport.analysis.exceptions import Reason, exception_reasons, moved_beyond_tolerance
from scrutinyreport.analysis.rag import Rag, target_rag
from scrutinyreport.analysis.spc import Variation
from scrutinyreport.loading import load_inputs
from scrutinyreport.model import Frequency, Indicator, Period, Polarity, ReportingPeriod, Tolerance, Unit

ROOT = Path(__file__).resolve().parents[2]
HIGHER, LOWER, NEUTRAL = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER, Polarity.NEUTRAL
COMMON, CONCERN_HIGH, IMPROVING_LOW = Variation.COMMON_CAUSE, Variation.CONCERNING_HIGH, Variation.IMPROVING_LOW
ABS_5, REL_10 = Tolerance(5), Tolerance(10, relative=True)


def assessment(latest: float | None, previous: float | None, polarity: Polarity = HIGHER,
               target: float | None = 80.0, tolerance: Tolerance | None = ABS_5, rag: Rag | None = None) -> Assessment:
    indicator = Indicator("x", "X", "T", Unit.PERCENT, polarity, target=target, tolerance=tolerance, decimals=1)
    period = ReportingPeriod(Period(2026, 9), Frequency.QUARTERLY)
    latest_figure = None if latest is None else Figure(latest, period)
    previous_figure = None if previous is None else Figure(previous, period.shift(-1))
    return Assessment(indicator, period, latest_figure, previous_figure, None, Basis.PREVIOUS_QUARTER,
                      rag if rag is not None else target_rag(indicator, latest),
                      direction_of_travel(indicator, latest, previous), None, "")


# latest, previous, polarity, target, tolerance, SPC's reading (None: SPC cannot judge), spotlight, reasons
TRUTH_TABLE = [
    # Red is always an exception, whatever SPC says
    (70.0, 70.0, HIGHER, 80.0, ABS_5, COMMON, False, (Reason.RED,)),
    (70.0, 75.0, HIGHER, 80.0, ABS_5, None, False, (Reason.RED,)),          # moved 5: not more than 5
    (70.0, 76.0, HIGHER, 80.0, ABS_5, None, False, (Reason.RED, Reason.MOVED)),
    # a special cause of concern; improvement is not one
    (82.0, 81.0, HIGHER, 80.0, ABS_5, CONCERN_HIGH, False, (Reason.CONCERN,)),
    (82.0, 81.0, HIGHER, 80.0, ABS_5, IMPROVING_LOW, False, ()),
    # worsening within common-cause variation: noise, however far it moved
    (81.0, 99.0, HIGHER, 80.0, ABS_5, COMMON, False, ()),
    (81.0, 99.0, HIGHER, 80.0, None, COMMON, False, ()),
    # SPC cannot judge: worse by more than the tolerance (5 points), the edge not included
    (81.0, 86.1, HIGHER, 80.0, ABS_5, None, False, (Reason.MOVED,)),
    (81.0, 86.0, HIGHER, 80.0, ABS_5, None, False, ()),
    (81.0, 84.0, HIGHER, 80.0, ABS_5, None, False, ()),
    (90.0, 84.0, LOWER, 95.0, ABS_5, None, False, (Reason.MOVED,)),           # up is worse when lower is better
    (84.0, 90.0, LOWER, 95.0, ABS_5, None, False, ()),                       # and down is better
    (86.1, 81.0, HIGHER, 80.0, ABS_5, None, False, ()),                       # improving by any amount
    # a relative tolerance is a share of the target: 10% of 80 is 8 points
    (81.0, 89.0, HIGHER, 80.0, REL_10, None, False, ()),
    (81.0, 89.1, HIGHER, 80.0, REL_10, None, False, (Reason.MOVED,)),
    # no tolerance (or a relative one without a target): any move the wrong way, as printed, and the caption
    # says there is no tolerance rather than "by more than its tolerance"
    (81.0, 81.1, HIGHER, 80.0, None, None, False, (Reason.WORSENED,)),
    (81.0, 81.04, HIGHER, 80.0, None, None, False, ()),                       # prints as 81.0: no move
    (81.0, 81.1, HIGHER, None, REL_10, None, False, (Reason.WORSENED,)),
    (70.0, 70.1, HIGHER, 80.0, None, None, False, (Reason.RED, Reason.WORSENED)),
    # neutral measures never move the wrong way
    (81.0, 99.0, NEUTRAL, None, None, None, False, ()),
    # without both figures there is no movement
    (81.0, None, HIGHER, 80.0, None, None, False, ()),
    # asked for by the committee, on its own or with the others
    (85.0, 85.0, HIGHER, 80.0, ABS_5, COMMON, True, (Reason.SPOTLIGHT,)),
    (70.0, 90.0, HIGHER, 80.0, ABS_5, None, True, (Reason.RED, Reason.MOVED, Reason.SPOTLIGHT)),
    (70.0, 72.0, HIGHER, 80.0, ABS_5, CONCERN_HIGH, True, (Reason.RED, Reason.CONCERN, Reason.SPOTLIGHT)),
]


@pytest.mark.parametrize("latest, previous, polarity, target, tolerance, variation, spotlight, reasons", TRUTH_TABLE)
def test_the_exception_rule(latest, previous, polarity, target, tolerance, variation, spotlight, reasons):
    found = exception_reasons(assessment(latest, previous, polarity, target, tolerance), variation,
                              frozenset({"x"} if spotlight else ()))
    assert found == reasons


def test_moved_beyond_tolerance_needs_both_figures():
    assert not moved_beyond_tolerance(assessment(None, 90.0))
    assert moved_beyond_tolerance(assessment(70.0, 90.0))


def test_the_reasons_are_what_captions_say():
    assert [r.value for r in Reason] == ["Red", "a special cause of concern",
                                         "worse by more than its tolerance, where SPC cannot judge it",
                                         "worse, with no tolerance set, where SPC cannot judge it",
                                         "asked for by the committee"]


def test_the_sample_exceptions():
    analysis = analyse(load_inputs(ROOT / "inputs"))
    found = {item.indicator.id: item.exception for item in analysis.exceptions}
    assert found == {
        "still_home_91_days": (Reason.RED,),
        "reviews_ytd": (Reason.WORSENED,),  # year to date: 654 against 681 by September last year (no SPC)
        "care_home_good_outstanding": (Reason.RED, Reason.WORSENED),  # quarterly: 86.4% to 81.8%, no tolerance
        "carers_direct_payments": (Reason.RED,),
        "reviews_overdue": (Reason.RED,),
        "agency_social_workers": (Reason.RED,),
        "carers_assessed_rate": (Reason.SPOTLIGHT,),   # the narrative refers to its chart (Figure 4 in Appendix 2)
    }
    # five that were charted only for moving the wrong way move within common-cause variation
    for indicator_id in ("contacts_to_assessment", "long_term_community_65", "carers_breaks",
                         "safeguarding_outcomes_expressed", "safeguarding_risk_reduced"):
        item = analysis.indicator(indicator_id)
        assert not item.exception and item.variation is Variation.COMMON_CAUSE
    # the cost of care has trial limits since April 2026 (six points): SPC cannot judge it, and it rose by
    # £980, within its tolerance (5% of £27,500)
    spend = analysis.indicator("gross_spend_per_client")
    assert spend.variation is None and not spend.exception and not moved_beyond_tolerance(spend.assessment)
    # every worsening indicator that SPC cannot judge is an exception only beyond its tolerance (or by any
    # amount where it has none)
    for item in analysis.indicators:
        if item.variation is None and item.assessment.direction and item.assessment.direction.worsening:
            moved = Reason.MOVED in item.exception or Reason.WORSENED in item.exception
            assert moved == moved_beyond_tolerance(item.assessment)
