"""Each validation rule of the input contract, on real files written to a temporary folder."""

from pathlib import Path

import pytest

from helpers.inputs_factory import INDICATORS, PACK_YAML, month_csv, write_inputs
from scrutinyreport.errors import InputError
from scrutinyreport.loading import load_inputs, validate_inputs
from scrutinyreport.model import Period, Tolerance, Unit


def errors_of(root: Path) -> list[str]:
    return [str(p) for p in validate_inputs(root).problems.errors]


def only_error(root: Path) -> str:
    errors = errors_of(root)
    assert len(errors) == 1, errors
    return errors[0]


def test_a_good_folder_loads_typed_values(tmp_path):
    pack = load_inputs(write_inputs(tmp_path / "in"))
    assert pack.period == Period(2025, 7)
    assert [i.id for i in pack.indicators][:2] == ["reablement", "direct_payments"]
    assert pack.value("direct_payments", Period(2025, 7)) == 27.0
    assert pack.value("concerns", Period(2025, 7)) == 1924.0
    assert pack.value("spend_per_client", Period(2025, 7)) == 10080.0
    assert pack.indicator("direct_payments").tolerance == Tolerance(10, relative=True)
    assert pack.indicator("reablement").tolerance == Tolerance(5, relative=False)
    assert pack.indicator("reviews_ytd").cumulative
    assert pack.themes == ["Prevention", "Long-term support", "Safeguarding"]
    assert {f.path for f in pack.files} >= {"pack.yaml", "indicators.csv", "monthly/2025-07.csv"}


def test_windows_1252_with_pound_sign_and_crlf_loads(tmp_path):
    text = month_csv(spend="\u00a310,080").replace("\n", "\r\n")
    root = write_inputs(tmp_path / "in", months={"2025-07": text}, encoding="cp1252")
    assert (root / "monthly" / "2025-07.csv").read_bytes().count(b"\xa3") == 1
    assert load_inputs(root).value("spend_per_client", Period(2025, 7)) == 10080.0


def test_utf8_with_bom_and_quoted_commas_in_commentary_load(tmp_path):
    text = "\ufeff" + month_csv(commentary="Up on June, as expected; waits > 28 days fell & more")
    pack = load_inputs(write_inputs(tmp_path / "in", months={"2025-07": text}))
    observation = pack.observation("reablement", Period(2025, 7))
    assert observation.commentary == "Up on June, as expected; waits > 28 days fell & more"


def test_column_names_match_whatever_their_case_and_spaces(tmp_path):
    text = month_csv().replace("indicator_id,value,", " Indicator_ID , VALUE ,", 1)
    pack = load_inputs(write_inputs(tmp_path / "in", months={"2025-07": text}))
    assert pack.value("reablement", Period(2025, 7)) == 80.5


def test_missing_markers_stay_missing(tmp_path):
    text = month_csv(reablement="New data unavailable", direct="-", concerns="No data", admissions="n/a")
    result = validate_inputs(write_inputs(tmp_path / "in", months={"2025-07": text}))
    assert result.pack.value("reablement", Period(2025, 7)) is None
    assert result.pack.value("concerns", Period(2025, 7)) is None
    warnings = [str(w) for w in result.problems.warnings]
    assert any("'reablement'" in w and "No data" in w for w in warnings), warnings


def test_text_where_a_number_is_needed_names_file_line_column_and_value(tmp_path):
    root = write_inputs(tmp_path / "in", months={"2025-07": month_csv(admissions="12.5.3")})
    error = only_error(root)
    assert "monthly/2025-07.csv, line 4, column 'value': found '12.5.3'" in error
    assert "expected a number" in error


def test_unknown_indicator_id_suggests_the_closest(tmp_path):
    text = month_csv().replace("direct_payments,", "direct_payment,")
    error = only_error(write_inputs(tmp_path / "in", months={"2025-07": text}))
    assert "line 3, column 'indicator_id': found 'direct_payment'" in error
    assert "did you mean 'direct_payments'?" in error


def test_duplicate_indicator_in_a_month(tmp_path):
    text = month_csv() + "reablement,81,,,\n"
    error = only_error(write_inputs(tmp_path / "in", months={"2025-07": text}))
    assert "line 8" in error and "already has a value in this month on line 2" in error


@pytest.mark.parametrize("name, guess", [("2025-13", None), ("Jluy 2025", "Jul 2025 (2025-07)"), ("notes", None)])
def test_monthly_file_name_must_be_a_real_month(tmp_path, name, guess):
    root = write_inputs(tmp_path / "in", months={"2025-07": month_csv(), name: month_csv()})
    error = only_error(root)
    assert f"{name}.csv" in error and "real YYYY-MM" in error
    assert (f"did you mean {guess}?" in error) if guess else "did you mean" not in error


@pytest.mark.parametrize("name", ["July 2025", "2025-7", "Jul-25"])
def test_a_monthly_file_named_as_a_month_in_another_usual_form_is_that_month(tmp_path, name):
    root = write_inputs(tmp_path / "in", months={"2025-07": month_csv(), name: month_csv()})
    error = only_error(root)
    assert f"{name}.csv: the month 2025-07 is also in" in error or \
        "2025-07.csv: the month 2025-07 is also in" in error, error


def test_missing_required_columns_are_listed(tmp_path):
    text = "id,amount\nreablement,80\n"
    error = only_error(write_inputs(tmp_path / "in", months={"2025-07": text}))
    assert "missing required column(s): indicator_id, value" in error and "line 1" in error


@pytest.mark.parametrize("column, bad, expected", [
    ("unit", "percentage", "expected one of: percent, count, rate_per_100k"),
    ("polarity", "up", "expected one of: higher_is_better, lower_is_better, neutral"),
])
def test_unknown_unit_or_polarity(tmp_path, column, bad, expected):
    good = "percent" if column == "unit" else "higher_is_better"
    indicators = INDICATORS.replace("Prevention,percent,higher_is_better",
                                    "Prevention,"
                                    + ("percent," + bad if column == "polarity" else bad + ",higher_is_better"))
    error = only_error(write_inputs(tmp_path / "in", indicators=indicators))
    assert f"indicators.csv, line 2, column '{column}': found '{bad}'" in error
    assert expected in error and good in error


@pytest.mark.parametrize("value", ["100.5", "-1", "127%"])
def test_percent_outside_0_to_100(tmp_path, value):
    error = only_error(write_inputs(tmp_path / "in", months={"2025-07": month_csv(reablement=value)}))
    assert "line 2, column 'value'" in error and "from 0 to 100" in error


def test_percent_values_that_look_like_fractions(tmp_path):
    error = only_error(write_inputs(tmp_path / "in", months={"2025-07": month_csv(reablement="0.805", direct="0.27")}))
    assert "looks like fractions" in error and "2025-07.csv" in error


def test_numerator_and_denominator_must_agree_with_value(tmp_path):
    text = month_csv().replace("reablement,80.5,,,", "reablement,80.5,161,200,")  # 161/200 = 80.5%: fine
    assert errors_of(write_inputs(tmp_path / "ok", months={"2025-07": text})) == []
    text = month_csv().replace("reablement,80.5,,,", "reablement,80.5,160,200,")  # 80.0%
    error = only_error(write_inputs(tmp_path / "bad", months={"2025-07": text}))
    assert "line 2, column 'value': found '80.5'" in error and "gives 80" in error


def test_rate_numerator_over_population_is_checked_per_100000(tmp_path):
    text = month_csv().replace("admissions_65,540.2,,,", "admissions_65,540.2,108,19992,")
    assert errors_of(write_inputs(tmp_path / "in", months={"2025-07": text})) == []


@pytest.mark.parametrize("content", ["", "\n\n"])
def test_an_empty_file(tmp_path, content):
    error = only_error(write_inputs(tmp_path / "in", months={"2025-07": month_csv(), "2025-08": content}))
    assert "2025-08.csv" in error and "is empty" in error


def test_a_header_without_rows(tmp_path):
    error = only_error(write_inputs(tmp_path / "in", months={"2025-07": month_csv(),
                                                              "2025-08": "indicator_id,value\n"}))
    assert "2025-08.csv, line 1" in error and "no data rows" in error


def test_every_problem_is_reported_at_once(tmp_path):
    indicators = INDICATORS.replace("count,neutral", "counts,neutral")
    months = {"2025-07": month_csv(reablement="lots", direct="101").replace("admissions_65,", "admisions_65,")}
    errors = errors_of(write_inputs(tmp_path / "in", indicators=indicators, months=months))
    assert len(errors) == 4, errors
    assert any("indicators.csv, line 5, column 'unit': found 'counts'" in e for e in errors), errors
    # the monthly row of the broken catalogue entry is not blamed a second time as an unknown id
    assert not any("found 'concerns'" in e for e in errors), errors


def test_load_inputs_raises_with_the_whole_report(tmp_path):
    root = write_inputs(tmp_path / "in", months={"2025-07": month_csv(admissions="lots")})
    with pytest.raises(InputError) as caught:
        load_inputs(root)
    assert "found 'lots'" in str(caught.value) and "1 error(s)" in str(caught.value)


def test_catalogue_problems_name_their_cell(tmp_path):
    indicators = INDICATORS.replace("77.5,5,1,2D", "seventy,5,1,2D").replace("25,10%,0", "25,ten%,0") \
        .replace("concerns,Safeguarding", "reablement,Safeguarding")
    errors = errors_of(write_inputs(tmp_path / "in", indicators=indicators))
    assert any("line 2, column 'target': found 'seventy'" in e for e in errors), errors
    assert any("line 3, column 'amber_tolerance': found 'ten%'" in e for e in errors), errors
    assert any("line 5, column 'id': found 'reablement'" in e and "already on line 2" in e for e in errors), errors


def test_pack_yaml_problems_name_their_line(tmp_path):
    pack_yaml = PACK_YAML.replace("meeting_date: 2026-01-13", "meeting_date: 13/01/2026").replace(
        "locale: en_GB", "locale: xx_NOPE")
    errors = errors_of(write_inputs(tmp_path / "in", pack_yaml=pack_yaml))
    assert any("pack.yaml, line 3, column 'meeting_date': found '13/01/2026'" in e and "YYYY-MM-DD" in e
               for e in errors), errors
    assert any("line 10, column 'locale'" in e for e in errors), errors


def test_pack_yaml_syntax_error_names_the_line(tmp_path):
    error = only_error(write_inputs(tmp_path / "in", pack_yaml=PACK_YAML + "council: [unclosed\n"))
    assert "pack.yaml, line" in error and "not valid YAML" in error


def test_reporting_period_without_a_file_is_an_error(tmp_path):
    root = write_inputs(tmp_path / "in", pack_yaml=PACK_YAML + "period: 2025-09\n")
    assert "no file for the reporting period 2025-09" in only_error(root)


def test_bytes_that_are_neither_utf8_nor_windows_1252(tmp_path):
    root = write_inputs(tmp_path / "in")
    (root / "monthly" / "2025-07.csv").write_bytes(b"indicator_id,value\nreablement,8\x810\n")
    error = only_error(root)
    assert "2025-07.csv" in error and "line 2" in error and "0x81" in error


def test_warning_for_latest_month_without_data_is_not_an_error(tmp_path):
    text = month_csv().replace("concerns,\"1,924\",,,\n", "")
    result = validate_inputs(write_inputs(tmp_path / "in", months={"2025-07": text}))
    assert result.pack is not None and result.problems.errors == []
    assert any("has no row for indicator 'concerns'" in str(w) for w in result.problems.warnings)


def test_units_are_typed(tmp_path):
    pack = load_inputs(write_inputs(tmp_path / "in"))
    assert pack.indicator("admissions_65").unit is Unit.RATE_PER_100K
    assert pack.indicator("admissions_65").population_group == "65+"


def test_public_summary_indicators_must_exist(tmp_path):
    pack_yaml = PACK_YAML + "public_summary:\n  indicators:\n    - reablement\n    - direct_payment\n"
    error = only_error(write_inputs(tmp_path / "in", pack_yaml=pack_yaml))
    assert "pack.yaml, line 17, column 'public_summary.indicators': found 'direct_payment'" in error
    assert "did you mean 'direct_payments'?" in error


def test_a_rate_given_with_its_count_is_checked_against_the_population_in_pack_yaml(tmp_path):
    # 108 admissions of people aged 65+ in a population of 20,000 is 540.0 per 100,000
    good = month_csv().replace("admissions_65,540.2,,,", "admissions_65,540.0,108,,")
    assert errors_of(write_inputs(tmp_path / "ok", months={"2025-07": good})) == []
    bad = month_csv().replace("admissions_65,540.2,,,", "admissions_65,550.0,108,,")
    error = only_error(write_inputs(tmp_path / "bad", months={"2025-07": bad}))
    assert "line 4, column 'value': found '550.0'" in error and "65+ population in pack.yaml (which gives 540)" in error


@pytest.mark.parametrize("content", ["", "year,category,amount\n"])
def test_an_empty_optional_file_is_a_warning_and_its_part_is_left_out(tmp_path, content):
    root = write_inputs(tmp_path / "in")
    (root / "finance.csv").write_text(content)
    result = validate_inputs(root)
    assert result.problems.errors == [] and result.pack.finance == ()
    assert any("finance.csv" in str(w) and "left out" in str(w) for w in result.problems.warnings)


def test_narrative_and_self_assessment_outside_the_inputs_folder_are_refused(tmp_path):
    shared = tmp_path / "shared-narrative"
    shared.mkdir()
    (shared / "origin.md").write_text("# Origin of report\n\nText.\n")
    root = write_inputs(tmp_path / "in", pack_yaml=PACK_YAML + f"narrative: {shared.as_posix()}\n"
                        "self_assessment: ../sa.yaml\n")
    problems = validate_inputs(root).problems
    refused = [p for p in problems.errors if "expected a path inside the inputs folder" in p.message]
    assert [(p.column, p.line) for p in refused] == [("narrative", 14), ("self_assessment", 15)]
