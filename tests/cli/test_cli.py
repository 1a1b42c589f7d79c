"""The command line in a subprocess, as an officer runs it: exit codes and messages."""

import csv
import io
import subprocess
import sys
from pathlib import Path

from helpers.inputs_factory import month_csv, write_inputs

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrutinyreport.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_validate_exits_0_on_good_inputs(tmp_path):
    done = run("validate", "--inputs", str(write_inputs(tmp_path / "in")))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 error(s)" in done.stdout and "6 indicators, 2 months (2025-06 to 2025-07)" in done.stdout


def test_validate_exits_1_and_names_the_cell(tmp_path):
    root = write_inputs(tmp_path / "in", months={"2025-07": month_csv(direct="27 percent")})
    done = run("validate", "--inputs", str(root))
    assert done.returncode == 1
    assert "2025-07.csv, line 3, column 'value': found '27 percent'" in done.stdout
    assert "1 error(s)" in done.stdout


def test_validate_the_shipped_sample_inputs():
    done = run("validate", "--inputs", "inputs")
    assert done.returncode == 0, done.stdout
    assert "0 error(s)" in done.stdout


def test_summary_csv_has_the_exact_columns_and_printed_values(tmp_path):
    done = run("summary", "--inputs", str(write_inputs(tmp_path / "in")), "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows[0] == ["theme", "id", "title", "previous", "latest", "target", "rag", "direction",
                       "latest_period", "previous_period", "variation", "assurance", "england", "comparison"]
    by_id = {row[1]: row for row in rows[1:]}
    assert by_id["direct_payments"][3:] == ["26%", "27%", "25%", "Green", "Improving", "July 2025", "June 2025",
                                            "", "", "", ""]     # no benchmark: no England figure, not compared
    assert by_id["spend_per_client"][4:7] == ["\u00a310,080", "\u00a310,000", "Amber"]
    assert by_id["concerns"][5:8] == ["No target", "No target", "Increased"]
    assert by_id["reviews_ytd"][7:10] == ["No earlier figure", "July 2025", ""]   # no July 2024 to compare with


def test_summary_csv_compares_with_england_only_as_the_interval_allows(tmp_path):
    inputs = write_inputs(tmp_path / "in")
    (inputs / "benchmarks.csv").write_text(
        "indicator_id,year,council,england,council_numerator,council_denominator\n"
        "reablement,2024/25,80.1,77.9,,\n"                    # a percentage with no counts: not tested
        "direct_payments,2024/25,27.0,25.3,270,1000\n",       # Wilson: 24.3% to 29.9%, England inside
        encoding="utf-8")
    done = run("summary", "--inputs", str(inputs), "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = {row[1]: row for row in csv.reader(io.StringIO(done.stdout))}
    assert rows["reablement"][12:] == ["77.9%", "Higher (not tested)"]
    assert rows["direct_payments"][12:] == ["25%", "Similar"]          # printed to the indicator's decimals


def test_summary_for_a_financial_year_gives_each_measure_by_its_basis(tmp_path):
    done = run("summary", "--inputs", "inputs", "--year", "2025/26", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows[0] == ["theme", "id", "title", "last_year", "this_year", "target", "rag", "direction", "basis"]
    by_id = {row[1]: row for row in rows[1:]}
    # the year's ratio, not March alone (87.2%, 41 of 47): met
    assert by_id["safeguarding_outcomes_met"][4:] == ["95.8%", "95.0%", "Green", "Worsening", "ratio"]
    assert by_id["safeguarding_risk_reduced"][4:] == ["96.5%", "95.0%", "Green", "Improving", "ratio"]
    assert by_id["first_contact_resolution"][4:] == ["60.5%", "60.0%", "Green", "Improving", "ratio"]
    assert by_id["first_contact_resolution"][3] == "60.0% (October 2024 to March 2025: 6 of 12 months)"
    bad = run("summary", "--inputs", "inputs", "--year", "2025/27")
    assert bad.returncode == 2 and "expected a financial year such as 2025/26" in bad.stderr


def test_summary_table_for_an_earlier_period(tmp_path):
    done = run("summary", "--inputs", str(write_inputs(tmp_path / "in")), "--period", "2025-06")
    assert done.returncode == 0, done.stderr
    line = next(row for row in done.stdout.splitlines() if " reablement " in row)
    assert "79.0%" in line and "No data" in line   # no May file, so no previous value


def test_summary_refuses_bad_inputs_with_the_report(tmp_path):
    root = write_inputs(tmp_path / "in", months={"2025-07": month_csv(reablement="high")})
    done = run("summary", "--inputs", str(root))
    assert done.returncode == 1 and "found 'high'" in done.stderr


def test_bad_period_argument_is_explained():
    done = run("summary", "--period", "July")
    assert done.returncode == 2 and "expected a month as YYYY-MM" in done.stderr
