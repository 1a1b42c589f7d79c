"""Rolling measures (indicators.csv's ``rolling_months``): each figure covers the latest so many months, so
consecutive points share all but one month and are not independent. Making Data Count advises against
SPC on them: they get RAG, direction and the year's position (March's figure), and no SPC reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.inputs_factory import PACK_YAML, write_inputs
from scrutinyreport.analysis import analyse
from scrutinyreport.analysis.year_end import resolved_basis
from scrutinyreport.content.dashboard import dashboard_rows
from scrutinyreport.formatting import Printer
from scrutinyreport.loading import load_inputs, validate_inputs
from scrutinyreport.model import Period, YearBasis

ROOT = Path(__file__).resolve().parents[2]
HEADER = "id,title,theme,unit,polarity,target,amber_tolerance,decimals,cumulative,frequency,year_basis," \
         "rolling_months\n"
# a rolling rate that steps up once and stays there: as a plain series a shift would read as special cause;
# a monthly rate beside it, judged by SPC as usual
CATALOGUE = HEADER + """\
rate,Carers assessed per 100000 (rolling 12 months),Carers,rate_per_100k,higher_is_better,200,10%,1,,,,12
monthly,A monthly rate,Carers,rate_per_100k,higher_is_better,200,10%,1,,,,
"""
VALUES = [150 + (i // 12) * 40 + (i % 3) for i in range(24)]


def _inputs(tmp_path: Path, catalogue: str = CATALOGUE) -> Path:
    months = {str(Period(2024, 10).shift(i)): f"indicator_id,value\nrate,{v}\nmonthly,{v}\n"
              for i, v in enumerate(VALUES)}
    return write_inputs(tmp_path / "in", months=months, indicators=catalogue, pack_yaml=PACK_YAML)


def test_a_rolling_measure_has_no_spc_and_says_why(tmp_path):
    analysis = analyse(load_inputs(_inputs(tmp_path)))
    rolling, monthly = analysis.indicator("rate"), analysis.indicator("monthly")
    assert rolling.indicator.rolling_months == 12
    assert rolling.spc is None and rolling.variation is None and rolling.assurance is None
    assert monthly.spc is not None and monthly.variation is not None     # the same figures, judged
    rows = {row.id: row for row in dashboard_rows(analysis, Printer.for_locale("en_GB"))}
    assert rows["rate"].variation_note == rows["rate"].assurance_note == "Rolling figure"
    assert rows["rate"].rag == rows["monthly"].rag and rows["rate"].direction == rows["monthly"].direction
    assert resolved_basis(rolling.indicator, {}) is YearBasis.END      # its year is March's figure


@pytest.mark.parametrize("row, column, expected", [
    ("rate,Rate,T,rate_per_100k,higher_is_better,200,,1,,,,twelve", "rolling_months",
     "expected how many months each figure covers, a whole number from 2 to 60"),
    ("rate,Rate,T,rate_per_100k,higher_is_better,200,,1,,,,1", "rolling_months", "a whole number from 2 to 60"),
    ("rate,Rate,T,count,higher_is_better,200,,0,yes,,,12", "rolling_months",
     "expected a rolling measure (rolling_months) or a year-to-date one (cumulative), not both"),
    ("rate,Rate,T,rate_per_100k,higher_is_better,200,,1,,quarterly,,12", "frequency",
     "expected a rolling measure (rolling_months) to be monthly"),
    ("rate,Rate,T,count,higher_is_better,200,,0,,,sum,12", "year_basis",
     "expected end (or blank) for a rolling measure: each figure already covers 12 months"),
])
def test_a_bad_rolling_measure_is_named_with_its_line_and_column(tmp_path, row, column, expected):
    result = validate_inputs(_inputs(tmp_path, HEADER + row + "\n"))
    errors = [e for e in result.problems.errors if e.column == column]
    assert len(errors) == 1 and expected in errors[0].message, result.problems.report()
    assert errors[0].line == 2 and errors[0].file.endswith("indicators.csv")


def test_the_samples_rolling_rates_are_judged_without_spc():
    analysis = analyse(load_inputs(ROOT / "inputs"))
    rolling = [item.indicator.id for item in analysis.indicators if item.indicator.rolling_months]
    assert rolling == ["perm_admissions_65_rate", "perm_admissions_18_64_rate", "carers_assessed_rate"]
    assert all(analysis.indicator(i).spc is None for i in rolling)
    # the carers' rate is still charted, as the committee asked, as a trend
    assert "carers_assessed_rate" in [item.indicator.id for item in analysis.exceptions]
