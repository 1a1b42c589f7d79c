"""Reporting periods as councils report them: the previous report, quarterly and annual measures, late
figures, year-to-date comparisons, and SPC on each indicator's own series (rebased and truncated)."""

from __future__ import annotations

import ast
import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.inputs_factory import PACK_YAML, write_inputs
from scrutinyreport.analysis import analyse
from scrutinyreport.analysis.series import spc_view
from scrutinyreport.analysis.spc import Assurance, Variation, xmr
from scrutinyreport.content.alt_text import spc_text
from scrutinyreport.formatting import format_reporting_period
from scrutinyreport.loading import load_inputs, validate_inputs
from scrutinyreport.model import Frequency, Indicator, Period, Polarity, Unit, last_complete

ROOT = Path(__file__).resolve().parents[2]
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed_2017"

HEADER = "id,title,theme,unit,polarity,target,amber_tolerance,decimals,ascof,cumulative,population_group,frequency," \
         "spc_rebase\n"
CATALOGUE = HEADER + """\
monthly_pct,A monthly percentage,Theme,percent,higher_is_better,60,5,1,,,,,
quarterly_pct,A quarterly percentage,Theme,percent,higher_is_better,60,5,1,,,,quarterly,
annual_score,An annual survey score,Theme,score,higher_is_better,19,0.5,1,1A,,,annual,
ytd_count,Reviews year to date,Theme,count,higher_is_better,,,0,,yes,,,
"""


def month_file(**values: str) -> str:
    return "indicator_id,value\n" + "".join(f"{key},{value}\n" for key, value in values.items())


def pack_with(months: dict[str, dict[str, str]], extra_yaml: str = "", catalogue: str = CATALOGUE, tmp: Path = Path()):
    inputs = write_inputs(tmp / "in", months={m: month_file(**v) for m, v in months.items()},
                          indicators=catalogue, pack_yaml=PACK_YAML + extra_yaml)
    return load_inputs(inputs)


# ---------------------------------------------------------------- labels across the financial year

@pytest.mark.parametrize("month, frequency, expected", [
    ("2026-09", Frequency.MONTHLY, "September 2026"),
    ("2026-09", Frequency.QUARTERLY, "Q2 2026/27"),
    ("2026-08", Frequency.QUARTERLY, "Q1 2026/27"),
    ("2026-04", Frequency.QUARTERLY, "Q4 2025/26"),     # April: the quarter that ended in March
    ("2026-03", Frequency.QUARTERLY, "Q4 2025/26"),
    ("2026-01", Frequency.QUARTERLY, "Q3 2025/26"),
    ("2025-12", Frequency.QUARTERLY, "Q3 2025/26"),
    ("2026-03", Frequency.ANNUAL, "2025/26"),
    ("2026-02", Frequency.ANNUAL, "2024/25"),           # the year ending in March 2026 has not ended
    ("2026-09", Frequency.ANNUAL, "2025/26"),
])
def test_the_period_a_report_expects_and_its_label(month, frequency, expected):
    assert format_reporting_period(last_complete(frequency, Period.parse(month)), locale="en_GB") == expected


# ---------------------------------------------------------------- which figures are compared

def test_a_committee_that_meets_every_few_months_compares_with_its_previous_report(tmp_path):
    months = {m: {"monthly_pct": v} for m, v in (("2025-02", "70"), ("2025-05", "71"), ("2025-06", "72"),
                                                  ("2025-07", "75"))}
    pack = pack_with(months, "previous_period: 2025-02\n", tmp=tmp_path)
    found = analyse(pack).indicator("monthly_pct").assessment
    assert (found.latest, found.previous, str(found.previous_figure.period.end)) == (75.0, 70.0, "2025-02")
    assert found.direction.word == "Improving" and found.change_on_previous == pytest.approx(5.0)
    # without previous_period: the latest earlier month with a file
    default = analyse(pack_with(months, tmp=tmp_path / "b")).indicator("monthly_pct").assessment
    assert default.previous == 72.0


@pytest.mark.parametrize("report, latest, latest_label, previous, previous_label", [
    ("2025-09", 64.0, "Q2 2025/26", 62.0, "Q1 2025/26"),
    ("2025-08", 62.0, "Q1 2025/26", 61.0, "Q4 2024/25"),      # mid-quarter: the quarter that has ended
    ("2025-04", 61.0, "Q4 2024/25", 60.0, "Q3 2024/25"),      # across the financial year boundary
])
def test_a_quarterly_indicator_is_compared_with_its_own_previous_quarter(tmp_path, report, latest, latest_label,
                                                                         previous, previous_label):
    months = {m: {"monthly_pct": "70"} for m in ("2024-12", "2025-01", "2025-02", "2025-03", "2025-04",
                                                 "2025-05", "2025-06", "2025-07", "2025-08", "2025-09")}
    for month, value in (("2024-12", "60"), ("2025-03", "61"), ("2025-06", "62"), ("2025-09", "64")):
        months[month]["quarterly_pct"] = value
    pack = pack_with(months, f"period: {report}\n", tmp=tmp_path)
    found = analyse(pack).indicator("quarterly_pct").assessment
    assert (found.latest, format_reporting_period(found.latest_period, locale="en_GB")) == (latest, latest_label)
    assert (found.previous, format_reporting_period(found.previous_figure.period, locale="en_GB")) == \
        (previous, previous_label)
    assert not found.no_new_data


def test_an_annual_indicator_shows_its_financial_year_all_year_and_ignores_other_months(tmp_path):
    months = {m: {"monthly_pct": "70"} for m in ("2025-03", "2025-09", "2026-03", "2026-04", "2026-09")}
    months["2025-03"]["annual_score"] = "18.7"
    months["2026-03"]["annual_score"] = "19.1"
    months["2026-09"]["annual_score"] = "25"            # not the March file: ignored, with a warning
    result = validate_inputs(write_inputs(tmp_path / "in", months={m: month_file(**v) for m, v in months.items()},
                                          indicators=CATALOGUE))
    assert any("annual" in w.message and "ignored" in w.message for w in result.problems.warnings)
    found = analyse(result.pack).indicator("annual_score").assessment
    assert (found.latest, format_reporting_period(found.latest_period, locale="en_GB")) == (19.1, "2025/26")
    assert (found.previous, format_reporting_period(found.previous_figure.period, locale="en_GB")) == (18.7, "2024/25")
    assert found.rag.value == "Green" and found.direction.word == "Improving" and not found.no_new_data
    assert analyse(result.pack).indicator("annual_score").spc is None     # never SPC for annual figures


@pytest.mark.parametrize("window, shown, rag", [(12, 71.0, "Green"), (1, None, "No data")])
def test_a_late_figure_shows_the_latest_earlier_one_within_the_window(tmp_path, window, shown, rag):
    months = {"2025-05": {"monthly_pct": "70"}, "2025-06": {"monthly_pct": "71"},
              "2025-07": {"monthly_pct": "New data unavailable"}, "2025-08": {"monthly_pct": "n/a"}}
    pack = pack_with(months, f"latest_window_months: {window}\n", tmp=tmp_path)
    item = analyse(pack).indicator("monthly_pct")
    found = item.assessment
    assert found.latest == shown and found.rag.value == rag
    if shown is not None:
        assert found.no_new_data and format_reporting_period(found.latest_period, locale="en_GB") == "June 2025"
        assert found.previous == 70.0 and found.direction.word == "Improving"   # June against May
    else:
        assert found.direction is None and not found.no_new_data


def test_validate_says_what_a_missing_figure_will_show(tmp_path):
    months = {"2025-06": {"monthly_pct": "71"}, "2025-07": {"monthly_pct": "-"}}
    result = validate_inputs(write_inputs(tmp_path / "in", months={m: month_file(**v) for m, v in months.items()},
                                          indicators=CATALOGUE))
    messages = [w.message for w in result.problems.warnings if "monthly_pct" in w.message]
    assert messages == ["has no figure for indicator 'monthly_pct' (A monthly percentage): the dashboard will "
                        "show its latest earlier figure (2025-06) marked 'no new data'"]


@pytest.mark.parametrize("report, previous, previous_label, month_only", [
    ("2025-04", 30.0, "April 2024", 35.0),     # April: the year starts again; April alone is the month
    ("2025-05", 80.0, "May 2024", 55.0),
])
def test_a_year_to_date_indicator_is_compared_with_the_same_month_last_year(tmp_path, report, previous,
                                                                            previous_label, month_only):
    values = {"2024-04": "30", "2024-05": "80", "2025-03": "400", "2025-04": "35", "2025-05": "90"}
    months = {m: {"ytd_count": v, "monthly_pct": "70"} for m, v in values.items()}
    pack = pack_with(months, f"period: {report}\n", tmp=tmp_path)
    found = analyse(pack).indicator("ytd_count").assessment
    assert (found.previous, format_reporting_period(found.previous_figure.period, locale="en_GB")) == \
        (previous, previous_label)
    assert found.month_only == month_only and found.direction.word == "Improving"


# ---------------------------------------------------------------- SPC: rebase and truncation

STEPS = [100, 102, 99, 101, 100, 103, 98, 101, 100, 102, 99, 101,        # one level for a year
         120, 122, 119, 121, 120, 123, 118, 121, 120, 122, 119, 121]     # a deliberate step up


def test_a_rebase_changes_the_variation_and_the_assurance_reading():
    plain = xmr(STEPS, Polarity.LOWER_IS_BETTER, target=130)
    assert plain.variation is Variation.CONCERNING_HIGH             # a shift, read as concern
    assert plain.assurance is None and plain.assurance_withheld     # no assurance from limits left behind
    rebased = xmr(STEPS, Polarity.LOWER_IS_BETTER, target=130, stage_starts=[12])
    assert [(s.start, s.stop) for s in rebased.stages] == [(0, 12), (12, 24)]
    assert rebased.mean == pytest.approx(sum(STEPS[12:]) / 12)
    assert rebased.variation is Variation.COMMON_CAUSE
    assert rebased.assurance is Assurance.CONSISTENTLY_MET          # every value inside the new limits meets it
    assert all(signal is not None and not signal.special for signal in rebased.signals)


def test_a_rebase_from_the_catalogue_reaches_the_chart_and_its_description(tmp_path):
    catalogue = HEADER + "spend,Cost per person,Theme,currency,lower_is_better,130,,0,,,,,2025-01\n"
    months = {str(Period(2024, 1).shift(i)): {"spend": str(v)} for i, v in enumerate(STEPS)}
    item = analyse(pack_with(months, catalogue=catalogue, tmp=tmp_path)).indicator("spend")
    assert item.spc is not None and item.spc.stage_starts == (12,)
    assert item.variation is Variation.COMMON_CAUSE and item.assurance is Assurance.CONSISTENTLY_MET
    _, description = spc_text(item.spc.indicator, item.spc.series, item.spc.result, "en_GB")
    assert "Since January 2025 the mean is £121, with process limits from £114 to £127." in description


def test_a_rebase_with_too_few_points_is_joined_to_its_neighbour():
    result = xmr(STEPS, Polarity.HIGHER_IS_BETTER, stage_starts=[23])
    assert len(result.stages) == 1


@pytest.mark.parametrize("unit, values, side, edge", [
    (Unit.PERCENT, [99.0, 96.0, 100.0, 97.0] * 4, "upper", 100.0),
    (Unit.PERCENT, [1.0, 4.0, 0.0, 3.0] * 4, "lower", 0.0),
    (Unit.COUNT, [1.0, 9.0, 0.0, 8.0] * 4, "lower", 0.0),
])
def test_limits_stop_where_the_measure_cannot_go(unit, values, side, edge):
    indicator = Indicator("x", "A measure", "t", unit, Polarity.HIGHER_IS_BETTER)
    view = spc_view(indicator, tuple((Period(2024, 1).shift(i), v) for i, v in enumerate(values)))
    stage = view.result.latest_stage
    shown, raw = (stage.upper_limit, stage.raw_upper) if side == "upper" else (stage.lower_limit, stage.raw_lower)
    assert shown == edge and (raw > edge if side == "upper" else raw < edge)
    _, description = spc_text(view.indicator, view.series, view.result, "en_GB")
    assert f"The {side} limit would be" in description and "which the measure cannot reach" in description


# ---------------------------------------------------------------- input checks

@pytest.mark.parametrize("row, column, expected", [
    ("x,X,T,count,neutral,,,0,,,,fortnightly,", "frequency", "expected monthly (or blank), quarterly"),
    ("x,X,T,count,neutral,,,0,,,,,2025-13", "spc_rebase", "expected months as YYYY-MM"),
    ("x,X,T,count,neutral,,,0,,yes,,quarterly,", "frequency", "year-to-date (cumulative) indicator to be monthly"),
])
def test_bad_frequency_and_rebase_cells_are_named(tmp_path, row, column, expected):
    result = validate_inputs(write_inputs(tmp_path / "in", indicators=HEADER + row + "\n",
                                          months={"2025-07": "indicator_id,value\nx,1\n"}))
    errors = [e for e in result.problems.errors if e.column == column]
    assert len(errors) == 1 and expected in errors[0].message and errors[0].line == 2


@pytest.mark.parametrize("yaml, expected", [
    ("period: 2025-07\nprevious_period: 2025-07\n", "expected a month before the reporting period 2025-07"),
    ("previous_period: July\n", "expected the month of the committee's previous report as YYYY-MM"),
    ("latest_window_months: -3\n", "expected a whole number of months from 0 to 60"),
])
def test_bad_period_settings_are_named(tmp_path, yaml, expected):
    result = validate_inputs(write_inputs(tmp_path / "in", pack_yaml=PACK_YAML + yaml))
    assert any(expected in e.message for e in result.problems.errors), result.problems.report()


# ---------------------------------------------------------------- the 2017 seed: July against February

SEED_ROWS = {   # id: (previous as printed, latest as printed, arrow and word)
    "requests_new_clients": ("706", "758", "\u2191 Worsening"),
    "reablement_outcomes": ("No data", "73%", "No earlier figure"),
    "direct_payments": ("27%", "27%", "\u2192 No change"),
    "reviews_ytd": ("77%", "74%", "\u2193 Worsening"),
    "satisfied": ("64%", "66%", "\u2191 Improving"),
    "ld_employment": ("9.5%", "10.0%", "\u2191 Improving"),
    "mh_employment": ("9.0%", "11.7%", "\u2191 Improving"),
    "mh_independent": ("82%", "80%", "\u2193 Worsening"),
    "admissions_18_64": ("No data", "11", "No earlier figure"),
    "admissions_65": ("122", "135", "\u2191 Worsening"),
    "non_elective": ("No data", "791.4", "No earlier figure"),
    "home_91_days": ("88%", "78%", "\u2193 Worsening"),
    "feel_safer": ("77%", "77%", "\u2192 No change"),
}


def summary(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrutinyreport.cli", "summary", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_the_2017_seed_compares_july_with_february_as_the_committee_did():
    done = summary("--inputs", str(SEED), "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(done.stdout))}
    assert set(rows) == set(SEED_ROWS)
    for indicator_id, (previous, latest, direction) in SEED_ROWS.items():
        row = rows[indicator_id]
        word = direction[2:] if direction[0] in "\u2191\u2193\u2192" else direction   # the CSV has no arrow
        assert (row["previous"], row["latest"], row["direction"]) == (previous, latest, word)
        assert row["latest_period"] == "July 2017"
        assert row["previous_period"] == ("" if previous == "No data" else "February 2017")
    table = summary("--inputs", str(SEED)).stdout
    for indicator_id, (_, _, direction) in SEED_ROWS.items():
        assert direction in next(line for line in table.splitlines() if f" {indicator_id} " in line)


def test_the_2017_seed_dashboard_is_headed_with_the_two_months(tmp_path, soffice_profile):
    import docx

    from helpers.rendering import convert_to_pdf
    from scrutinyreport.pack.generate import BuildOptions, generate
    result = generate(BuildOptions(inputs=SEED, out=tmp_path / "out", processes=1))
    document = result.folder / "appendix-1-performance-dashboard.docx"
    tables = [t for t in docx.Document(str(document)).tables if t.rows[0].cells[0].text == "Indicator"]
    assert len(tables) == 4 and all([c.text for c in t.rows[0].cells][4:6] == ["February 2017", "July 2017"]
                                    for t in tables)
    pdf = convert_to_pdf([document], tmp_path / "pdf", soffice_profile)[0]
    reading = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(reading.split())
    assert "Compared with the previous report (February 2017), 3 improved and 5 worsened." in text
    assert "\u2191 Worsening Red 128 122 135" in text       # admissions 65+: the seed's row, July against February
    assert "(65+) (ASCOF 2A(2)) Analysis: Eastern Region Benchmark 584 per 100,000" in text   # analysis under it
    assert "Outcomes for clients of reablement (ASCOF 2D) No earlier figure Red 90% No data 73%" in text


# ---------------------------------------------------------------- one place computes

FORBIDDEN = {"xmr", "assess", "target_rag", "target_or_improving_rag", "RAG_RULES", "direction_of_travel",
             "compare_with_england", "indicative_rating", "latest_available", "month_by_month", "own_series",
             "spc_view", "count_statuses", "monthly_from_year_to_date", "last_complete", "shortfall",
             "year_end_measures", "exception_reasons"}


def _imported_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN:
            names.add(node.attr)
    return names


@pytest.mark.parametrize("path", sorted(
    [*(ROOT / "scrutinyreport" / "figures").glob("*.py"), *(ROOT / "scrutinyreport" / "documents").glob("*.py"),
     *(ROOT / "scrutinyreport" / "content").glob("*.py"), *(ROOT / "scrutinyreport" / "word").glob("*.py"),
     *(ROOT / "scrutinyreport" / "pack").glob("*.py"), ROOT / "scrutinyreport" / "cli.py"]),
    ids=lambda p: f"{p.parent.name}/{p.name}")
def test_figures_and_documents_read_the_analysis_and_compute_nothing(path):
    assert not _imported_names(path) & FORBIDDEN


def test_the_forbidden_names_are_real_so_the_check_above_can_fail():
    defined = set()
    for path in [*(ROOT / "scrutinyreport" / "analysis").glob("*.py"), ROOT / "scrutinyreport" / "model.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                defined.add(node.name)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                defined.update(t.id for t in targets if isinstance(t, ast.Name))
    assert FORBIDDEN <= defined


def test_an_indicator_id_with_capitals_keeps_its_charts_and_icons(tmp_path):
    from helpers.documents import planned
    catalogue = HEADER + "Reablement_2D,Reablement,Theme,percent,higher_is_better,60,5,1,,,,,\n"
    months = {str(Period(2024, 1).shift(i)): {"Reablement_2D": str(60 + i % 3)} for i in range(14)}
    analysis = analyse(pack_with(months, "dashboard_charts: all\n", catalogue=catalogue, tmp=tmp_path))
    names = set(planned(analysis))
    assert {"spc-reablement_2d", "icon-variation-reablement_2d", "icon-assurance-reablement_2d"} <= names
