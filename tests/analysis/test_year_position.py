"""The year's position (DESIGN section 4): each measure's figure for a financial year by its nature
(indicators.csv's ``year_basis``), never March standing in for a year whose months were counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.inputs_factory import INDICATORS, month_csv, write_inputs
from scrutinyreport.analysis import analyse
from scrutinyreport.analysis.direction import direction_of_travel
from scrutinyreport.analysis.rag import Rag, target_rag
from scrutinyreport.analysis.year_end import (
    financial_year_start,
    resolved_basis,
    year_figure,
    year_position,
    year_target,
)
from scrutinyreport.loading import load_inputs, validate_inputs
from scrutinyreport.model import (
    Benchmark,
    Frequency,
    Indicator,
    Observation,
    Period,
    Polarity,
    Tolerance,
    Unit,
    YearBasis,
)

ROOT = Path(__file__).resolve().parents[2]


def indicator(unit: Unit = Unit.PERCENT, basis: YearBasis | None = None, **more) -> Indicator:
    more.setdefault("polarity", Polarity.HIGHER_IS_BETTER)
    more.setdefault("decimals", 1)
    return Indicator("x", "X", "T", unit, target=more.pop("target", 95.0), year_basis=basis, **more)


def months(start: Period, rows: list[tuple[float | None, float | None, float | None]]
           ) -> dict[Period, Observation]:
    """Observations from (value, numerator, denominator) rows, a month each from ``start``."""
    return {start.shift(k): Observation("x", start.shift(k), v, n, d) for k, (v, n, d) in enumerate(rows)}


# April 2025 to March 2026: eleven months of 19 of 20 (95%), then March 5 of 10 (50%), the worst month
WORST_MARCH = months(Period(2025, 4), [(95.0, 19, 20)] * 11 + [(50.0, 5, 10)])


# ---------------------------------------------------------------- the four bases, table-driven

@pytest.mark.parametrize("basis, value, words", [
    # the year's counts: (11 x 19 + 5) / (11 x 20 + 10) = 214 / 230, not March's 50%
    (YearBasis.RATIO, 214 / 230 * 100, "April 2025 to March 2026"),
    # the average month
    (YearBasis.MEAN, (11 * 95 + 50) / 12, "the average month, April 2025 to March 2026"),
    # the year-end figure: March's, for a stock
    (YearBasis.END, 50.0, "at the end of March 2026"),
    # a total (of percentages, meaningless here, but the arithmetic is the rule's)
    (YearBasis.SUM, 11 * 95 + 50, "the total for April 2025 to March 2026"),
])
def test_a_year_whose_march_is_the_worst_month_by_each_basis(basis, value, words):
    figure = year_figure(indicator(basis=basis), WORST_MARCH, 2025)
    assert figure.basis is basis
    assert figure.value == pytest.approx(value)
    assert figure.words("en_GB") == words
    assert not figure.partial and figure.year == "2025/26"
    assert len(figure.counted) == (1 if basis is YearBasis.END else 12)


def test_the_ratio_year_is_met_though_march_missed():
    measure = year_position(indicator(), WORST_MARCH, 2025)
    assert measure.basis is YearBasis.RATIO            # the default for a percentage with counts
    assert round(measure.this_year, 1) == 93.0 and measure.rag is Rag.RED    # 93.0% against 95%, no tolerance
    assert target_rag(indicator(), WORST_MARCH[Period(2026, 3)].value) is Rag.RED
    with_tolerance = indicator(tolerance=Tolerance(3))
    assert year_position(with_tolerance, WORST_MARCH, 2025).rag is Rag.AMBER
    assert year_figure(indicator(), WORST_MARCH, 2025).numerator == 214
    assert year_figure(indicator(), WORST_MARCH, 2025).denominator == 230


@pytest.mark.parametrize("unit, rows, given, expected", [
    (Unit.PERCENT, [(95.0, 19, 20)], None, YearBasis.RATIO),
    (Unit.PERCENT, [(95.0, None, None)], None, YearBasis.END),       # no counts: the year-end figure
    (Unit.RATE_PER_100K, [(560.0, 193, 34500)], None, YearBasis.END),   # a rolling rate
    (Unit.COUNT, [(40.0, None, None)], None, YearBasis.END),
    (Unit.COUNT, [(40.0, None, None)], YearBasis.SUM, YearBasis.SUM),
    (Unit.PERCENT, [(95.0, 19, 20)], YearBasis.END, YearBasis.END),    # a stock, as the catalogue says
])
def test_the_default_basis(unit, rows, given, expected):
    assert resolved_basis(indicator(unit, given), months(Period(2025, 4), rows)) is expected


def test_year_to_date_and_annual_measures_take_their_year_end_figure():
    ytd = indicator(Unit.COUNT, cumulative=True, target=None)
    figures = months(Period(2025, 4), [(float(100 * (k + 1)), None, None) for k in range(12)])
    figure = year_figure(ytd, figures, 2025)
    assert (figure.basis, figure.value, figure.words("en_GB")) == (YearBasis.END, 1200.0, "April 2025 to March 2026")
    annual = indicator(Unit.SCORE, frequency=Frequency.ANNUAL, target=19.0)
    survey = {Period(2025, 3): Observation("x", Period(2025, 3), 18.8),
              Period(2026, 3): Observation("x", Period(2026, 3), 19.1)}
    measure = year_position(annual, survey, 2025)
    assert (measure.this_year, measure.last_year, measure.words("en_GB")) == (19.1, 18.8, "the year 2025/26")
    assert measure.direction is not None and measure.direction.improving and measure.rag is Rag.GREEN


# ---------------------------------------------------------------- sum, mean and end years, and missing months

def test_a_sum_year_is_the_total_judged_against_a_years_target():
    flow = indicator(Unit.COUNT, YearBasis.SUM, target=40.0, tolerance=Tolerance(4), decimals=0)
    figures = months(Period(2024, 4), [(38.0, None, None)] * 12 + [(41.0, None, None)] * 12)
    measure = year_position(flow, figures, 2025)
    assert (measure.this_year, measure.last_year) == (492.0, 456.0)
    assert measure.target == 480.0                      # 40 a month
    assert year_target(flow, YearBasis.SUM).tolerance == Tolerance(48)
    assert measure.rag is Rag.GREEN and measure.direction is not None and measure.direction.improving
    assert year_position(flow, figures, 2024).rag is Rag.AMBER     # 456 is 24 short of 480, within 48
    assert measure.words("en_GB") == "the total for April 2025 to March 2026"


def test_a_sum_with_a_missing_month_has_no_total():
    flow = indicator(Unit.COUNT, YearBasis.SUM, target=None)
    figures = months(Period(2025, 4), [(41.0, None, None)] * 11 + [(None, None, None)])
    figure = year_figure(flow, figures, 2025)
    assert figure.value is None and figure.partial and len(figure.counted) == 11
    assert figure.words("en_GB") == "no total for 2025/26: 11 of 12 months have figures"
    assert year_position(flow, figures, 2025).rag is Rag.NO_DATA


def test_a_mean_over_the_months_with_figures_says_how_many():
    days = indicator(Unit.DAYS, YearBasis.MEAN, polarity=Polarity.LOWER_IS_BETTER, target=2.5)
    figures = months(Period(2025, 4), [(2.0, None, None)] * 6 + [(None, None, None)] + [(3.0, None, None)] * 5)
    figure = year_figure(days, figures, 2025)
    assert figure.value == pytest.approx((6 * 2 + 5 * 3) / 11) and figure.partial
    assert figure.words("en_GB") == "the average month, April 2025 to March 2026 (11 of 12 months)"


def test_a_ratio_counts_only_the_months_with_numerator_and_denominator():
    figures = months(Period(2025, 4), [(90.0, 9, 10)] * 10 + [(50.0, None, None), (80.0, 8, 10)])
    figure = year_figure(indicator(), figures, 2025)
    assert figure.value == pytest.approx(98 / 110 * 100) and figure.partial
    assert figure.words("en_GB") == "April 2025 to March 2026 (11 of 12 months)"


def test_an_end_year_without_march_takes_its_latest_figure_and_says_so():
    stock = indicator(Unit.COUNT, YearBasis.END, polarity=Polarity.LOWER_IS_BETTER, target=150.0)
    figures = months(Period(2025, 4), [(float(160 + k), None, None) for k in range(11)] + [(None, None, None)])
    figure = year_figure(stock, figures, 2025)
    assert (figure.value, figure.partial, figure.words("en_GB")) == (170.0, True, "at the end of February 2026")


def test_a_year_under_way_counts_to_the_packs_period():
    figures = months(Period(2026, 4), [(90.0, 9, 10)] * 6)
    figure = year_figure(indicator(), figures, 2026, through=Period(2026, 9))
    assert figure.partial and figure.available == 6
    assert figure.words("en_GB") == "April 2026 to September 2026 (6 of 12 months)"
    later = months(Period(2026, 4), [(90.0, 9, 10)] * 6 + [(10.0, 1, 10)])
    assert year_figure(indicator(), later, 2026, through=Period(2026, 9)).value == pytest.approx(90.0)


def test_quarterly_years_count_quarters():
    quarterly = indicator(frequency=Frequency.QUARTERLY)
    figures = {Period(2025, m): Observation("x", Period(2025, m), 50.0, 5, 10) for m in (6, 9, 12)}
    figures[Period(2026, 3)] = Observation("x", Period(2026, 3), 70.0, 14, 20)
    figure = year_figure(quarterly, figures, 2025)
    assert figure.value == pytest.approx(29 / 50 * 100) and not figure.partial
    del figures[Period(2025, 9)]
    assert year_figure(quarterly, figures, 2025).words("en_GB") == "April 2025 to March 2026 (3 of 4 quarters)"


def test_rag_and_direction_are_the_dashboards_rules():
    last = months(Period(2024, 4), [(96.0, 24, 25)] * 12)
    measure = year_position(indicator(tolerance=Tolerance(3)), {**WORST_MARCH, **last}, 2025)
    assert measure.rag is target_rag(indicator(tolerance=Tolerance(3)), measure.this_year)
    assert measure.direction == direction_of_travel(indicator(), measure.this_year, measure.last_year)
    assert measure.direction is not None and measure.direction.worsening      # 96.0% to 93.0%


@pytest.mark.parametrize("text, start", [("2025/26", 2025), ("2025-26", 2025), (" 2024/25 ", 2024)])
def test_financial_years_are_read(text, start):
    assert financial_year_start(text) == start


@pytest.mark.parametrize("text", ["2025/27", "25/26", "2025/2", "year"])
def test_other_years_are_refused(text):
    with pytest.raises(ValueError):
        financial_year_start(text)


# ---------------------------------------------------------------- the sample's Local Account measures

@pytest.fixture(scope="module")
def sample_analysis():
    return analyse(load_inputs(ROOT / "inputs"))


@pytest.fixture(scope="module")
def sample_year(sample_analysis):
    return sample_analysis.at_year_end("2025/26")


@pytest.mark.parametrize("indicator_id, march, year, rag, words", [
    # the table: March 2026 alone said "did not meet"; the year met the target
    ("safeguarding_outcomes_met", 87.2, 95.8, Rag.GREEN, "April 2025 to March 2026"),      # 531 of 554
    ("safeguarding_risk_reduced", 94.2, 96.5, Rag.GREEN, "April 2025 to March 2026"),      # 631 of 654
    ("first_contact_resolution", 59.5, 60.5, Rag.GREEN, "April 2025 to March 2026"),       # 25,250 of 41,734
    ("direct_payments", 26.0, 26.0, Rag.GREEN, "at the end of March 2026"),                # a stock: year end
    ("perm_admissions_65_rate", 576.8, 576.8, Rag.AMBER, "at the end of March 2026"),      # rolling 12 months
    ("carers_breaks", 48.0, 45.3, Rag.GREEN, "the average month, April 2025 to March 2026"),
    # March 2026 is "n/a": the average of the eleven months that have figures, and the words say so
    ("tec_referrals", None, 39.2, Rag.AMBER, "the average month, April 2025 to February 2026 (11 of 12 months)"),
    ("qol_score", 19.1, 19.1, Rag.GREEN, "the year 2025/26"),
])
def test_the_sample_year_2025_26(sample_analysis, sample_year, indicator_id, march, year, rag, words):
    assert sample_analysis.pack.value(indicator_id, Period(2026, 3)) == march     # what March alone said
    measure = sample_year[indicator_id]
    assert round(measure.this_year, 1) == year
    assert measure.rag is rag and measure.words("en_GB") == words
    assert measure.end == Period(2026, 3)


def test_the_sample_counts_flows_as_totals(sample_year):
    contacts = sample_year["contacts_front_door"]
    assert (contacts.basis, contacts.this_year) == (YearBasis.SUM, 41734.0)
    assert contacts.last.value is None            # 2024/25 has six months in the sample: no year's total
    assert sample_year["safeguarding_concerns"].this_year == 1699.0


def test_the_local_account_verdicts_follow_the_year(sample_year):
    # what the Local Account's "how we did" sentence reads from: met, for the three the issue lists
    for indicator_id in ("safeguarding_outcomes_met", "safeguarding_risk_reduced", "first_contact_resolution"):
        assert sample_year[indicator_id].rag is Rag.GREEN


def test_at_year_end_takes_a_month_a_year_or_its_start(sample_analysis):
    analysis = sample_analysis
    by_year = analysis.at_year_end("2025/26")["safeguarding_outcomes_met"]
    assert analysis.at_year_end(Period(2026, 3))["safeguarding_outcomes_met"] == by_year
    assert analysis.at_year_end(2025)["safeguarding_outcomes_met"] == by_year
    under_way = analysis.at_year_end("2026/27")["safeguarding_outcomes_met"]
    assert under_way.end == Period(2026, 9) and under_way.this.partial
    assert under_way.words("en_GB") == "April 2026 to September 2026 (6 of 12 months)"


# ---------------------------------------------------------------- loading: the catalogue's column

def catalogue_with(cells: str, header_extra: str = ",frequency,year_basis") -> str:
    head, *rows = INDICATORS.strip().split("\n")
    return "\n".join([head + header_extra, *[r + ",," for r in rows], cells]) + "\n"


@pytest.mark.parametrize("row, severity, expected", [
    ("extra,Extra,T,count,neutral,,,0,,,,,fortnightly", "error", "expected ratio (the year's numerators"),
    ("extra,Extra,T,count,neutral,,,0,,yes,,,sum", "error", "expected end (or blank) for a year-to-date"),
    ("extra,Extra,T,score,neutral,,,0,,,,annual,mean", "warning", "ignored: an annual indicator's figure"),
])
def test_a_bad_year_basis_is_named_with_file_line_and_column(tmp_path, row, severity, expected):
    inputs = write_inputs(tmp_path / "inputs", indicators=catalogue_with(row),
                          months={"2025-07": month_csv() + "extra,1,,,\n"})
    result = validate_inputs(inputs)
    found = [p for p in result.problems.items if p.column == "year_basis"]
    assert len(found) == 1
    problem = found[0]
    assert problem.severity.value == severity and expected in problem.message
    assert problem.file.endswith("indicators.csv") and problem.line == 8
    assert "line 8, column 'year_basis'" in str(problem)


def test_year_basis_is_read_case_blind_and_blank_is_the_default(tmp_path):
    inputs = write_inputs(tmp_path / "inputs", indicators=catalogue_with("extra,Extra,T,count,neutral,,,0,,,,,SUM"),
                          months={"2025-07": month_csv() + "extra,1,,,\n"})
    pack = load_inputs(inputs)
    assert pack.indicator("extra").year_basis is YearBasis.SUM
    assert pack.indicator("reablement").year_basis is None


# ---------------------------------------------------------------- one measure, one year, one figure

def _published(year: str, council: float, numerator: float | None = None,
               denominator: float | None = None) -> Benchmark:
    return Benchmark("x", year, council=council, council_numerator=numerator, council_denominator=denominator)


def test_a_part_year_takes_the_councils_published_figure():
    """October 2024 to March 2025 in the files (6 of 12 months, 83.3%); the council published 81.5% for
    2024/25: the year is the published figure, and this year is judged against it."""
    observations = months(Period(2024, 10), [(83.3, 50, 60)] * 6) | months(Period(2025, 4), [(81.1, 81.1, 100)] * 12)
    published = {"2024/25": _published("2024/25", 81.5, 512, 628)}
    plain = year_position(indicator(target=77.5), observations, 2025)
    assert plain.last.partial and plain.last_year == pytest.approx(83.3, abs=0.05)
    position = year_position(indicator(target=77.5), observations, 2025, published=published)
    assert position.last_year == 81.5 and position.last.published and not position.last.partial
    assert (position.last.numerator, position.last.denominator) == (512, 628)
    assert position.last.words("en_GB") == "the year 2024/25, as published"
    assert position.direction is not None and position.direction.worsening   # 81.1% against 81.5%
    assert position.this_year == pytest.approx(81.1) and not position.this.published   # a whole year: kept


def test_a_whole_year_in_the_files_is_kept_whatever_was_published():
    observations = months(Period(2024, 4), [(80.0, 80, 100)] * 12)
    position = year_position(indicator(), observations, 2025, published={"2024/25": _published("2024/25", 70.0)})
    assert position.last_year == pytest.approx(80.0) and not position.last.published


def test_the_sample_local_account_prints_reablement_once_for_2024_25(sample_analysis):
    """The sample's files start in October 2024: reablement's 2024/25 is the published 81.5% (ASCOF 2D) in
    the year's position, as in the comparison with England."""
    measures = sample_analysis.at_year_end("2025/26")
    reablement = measures["reablement_no_ongoing"]
    assert reablement.last_year == 81.5 and reablement.last.published
    assert [b.council for b in sample_analysis.pack.benchmarks
            if b.indicator_id == "reablement_no_ongoing" and b.year == "2024/25"] == [81.5]
