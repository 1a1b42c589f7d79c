import pytest

from helpers.inputs_factory import month_csv, write_inputs
from scrutinyreport.analysis import analyse
from scrutinyreport.analysis.assessment import count_statuses
from scrutinyreport.analysis.change import monthly_from_year_to_date, year_ago
from scrutinyreport.analysis.rag import Rag
from scrutinyreport.loading import load_inputs
from scrutinyreport.model import Indicator, Period, Polarity, Unit, rate_per_100k


def test_rate_per_100000():
    assert rate_per_100k(108, 20000) == pytest.approx(540.0)
    with pytest.raises(ValueError):
        rate_per_100k(1, 0)


def test_year_ago_and_financial_year():
    assert year_ago(Period(2026, 3)) == Period(2025, 3)
    assert Period(2026, 3).financial_year_start == 2025
    assert Period(2026, 4).financial_year_start == 2026


def test_year_to_date_figures():
    cumulative = Indicator("r", "Reviews", "T", Unit.COUNT, Polarity.HIGHER_IS_BETTER, cumulative=True)
    values = {Period(2025, 4): 40.0, Period(2025, 5): 95.0}
    assert monthly_from_year_to_date(cumulative, values, Period(2025, 5)) == 55.0
    assert monthly_from_year_to_date(cumulative, values, Period(2025, 4)) == 40.0   # April starts the year
    assert monthly_from_year_to_date(cumulative, {Period(2025, 5): 95.0}, Period(2025, 5)) is None


def test_assessment_of_a_pack(tmp_path):
    months = {"2024-07": month_csv(reviews="100"), "2025-06": month_csv(reablement="79.0", reviews="90"),
              "2025-07": month_csv(reablement="73.0", admissions="600", reviews="120")}
    pack = load_inputs(write_inputs(tmp_path / "in", months=months))
    by_id = {a.indicator.id: a for a in analyse(pack).assessments}
    reablement = by_id["reablement"]
    assert (reablement.latest, reablement.previous, reablement.rag) == (73.0, 79.0, Rag.AMBER)
    assert reablement.direction.word == "Worsening"
    assert reablement.change_on_previous == pytest.approx(-6.0)
    assert by_id["admissions_65"].rag is Rag.RED             # above 550 and no amber band
    assert by_id["concerns"].rag is Rag.NO_TARGET
    # a year-to-date indicator is compared with the same month a year earlier
    reviews = by_id["reviews_ytd"]
    assert reviews.year_ago == 100.0 and reviews.direction.word == "Improving"
    assert reviews.month_only == 30.0
    counts = count_statuses(list(by_id.values()))
    assert counts.total == 6 and counts.no_target == 2 and counts.amber + counts.red + counts.green == 4


def test_changes_are_worked_out_on_printed_values():
    from scrutinyreport.analysis.change import difference
    assert difference(10.04, 9.96, 1) == 0.0          # both print as 10.0
    assert difference(82.84, 81.06, 1) == pytest.approx(1.7)   # 82.8 - 81.1, as printed
    assert difference(None, 5.0, 0) is None
