"""The command line as the README promises it: a description for every command and option, short forms,
exit statuses (0 done, 1 a problem, 2 a mistyped command line), no progress when piped, and the summary as
numbers for a spreadsheet (CSV or Excel) with no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import argparse
import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from helpers.inputs_factory import INDICATORS, month_csv, write_inputs
from helpers.region_factory import make_returns
from scrutinyreport.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The command with its output piped, as a scheduler or another program runs it."""
    return subprocess.run([sys.executable, "-m", "scrutinyreport", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_and_option_has_a_one_line_description():
    parser = build_parser()
    assert parser.description and "exit status" in parser.epilog
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    listed = {choice.dest: choice.help for choice in action._choices_actions}
    assert set(listed) == set(subcommands()) >= {"generate", "validate", "summary", "init", "check", "region",
                                                 "templates", "harvest"}
    for name, command in subcommands().items():
        assert listed[name] and "\n" not in listed[name], name
        assert command.description, name
        for option in command._actions:
            if not isinstance(option, argparse._HelpAction):
                assert option.help and "\n" not in option.help, (name, option.dest)
    assert all(option.help for option in parser._actions)


def test_short_forms():
    options = {name: {s for a in command._actions for s in a.option_strings} for name, command in subcommands().items()}
    assert {"-i", "-o", "-p", "-q", "-v"} <= options["generate"]
    assert {"-i", "-p"} <= options["validate"] and {"-i", "-p", "-o"} <= options["summary"]
    assert {"-o", "-q", "-v"} <= options["region"] and {"-i", "-o"} <= options["harvest"]


def test_generate_with_short_forms_when_piped_prints_the_outcome_alone(tmp_path):
    inputs = write_inputs(tmp_path / "inputs")
    done = run("generate", "-i", str(inputs), "-o", str(tmp_path / "out"), "-p", "2025-07")
    assert done.returncode == 0, done.stderr
    [line] = done.stdout.splitlines()
    assert re.fullmatch(rf"Wrote \d+ file\(s\) to {re.escape(str(tmp_path / 'out' / '2025-07'))}", line), line
    quiet = run("generate", "-i", str(inputs), "-o", str(tmp_path / "out"), "-q")
    assert quiet.returncode == 0 and quiet.stdout == ""


@pytest.mark.parametrize("args, says", [
    (["generate", "--colour"], "unrecognized arguments: --colour"),
    (["generate", "-p", "July"], "expected a month as YYYY-MM"),
    (["generate", "-q", "-v"], "not allowed with argument"),
    (["region", "-o", "out"], "name the returns (RETURN.json ...) or a folder of them with --returns DIR"),
    (["summary", "-f", "xlsx"], "--format xlsx writes a workbook: name it with --output FILE.xlsx"),
    (["summary", "--numbers"], "--numbers goes with --format csv"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    ([], "the following arguments are required: COMMAND"),
], ids=["unknown-option", "bad-month", "quiet-and-verbose", "region-without-returns", "xlsx-without-output",
        "numbers-in-a-table", "unknown-command", "no-command"])
def test_a_mistyped_command_line_exits_2_with_usage(args, says, tmp_path):
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert says in done.stderr and "usage: scrutinyreport" in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_problem_exits_1_with_a_message_and_no_traceback(tmp_path):
    bad = write_inputs(tmp_path / "bad", months={"2025-07": month_csv(reablement="high")})
    for args in (["validate", "-i", str(bad)], ["summary", "-i", str(bad)],
                 ["generate", "-i", str(bad), "-o", str(tmp_path / "out")], ["validate", "-i", str(tmp_path / "none")]):
        done = run(*args)
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr and ("error: " in done.stdout + done.stderr), args
    assert not (tmp_path / "out" / "2025-07").exists()


def test_check_says_a_missing_file_is_missing_and_is_not_an_accessibility_problem(tmp_path):
    done = run("check", str(tmp_path / "missing.docx"))
    assert done.returncode == 1
    assert "missing.docx: not found" in done.stderr and "accessibility problem" not in done.stdout


def test_region_when_piped_prints_the_outcome_alone(tmp_path):
    make_returns(tmp_path)
    done = run("region", "--returns", str(tmp_path / "returns"), "-o", str(tmp_path / "region"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [next(line for line in done.stdout.splitlines() if line.startswith("Wrote "))]
    verbose = run("region", "--returns", str(tmp_path / "returns"), "-o", str(tmp_path / "region"), "-v")
    assert verbose.returncode == 0 and "] Read 4 return(s)" in verbose.stdout   # each step, with its time


TRICKY = INDICATORS.replace("Safeguarding concerns received",   # a CSV cell, quoted as a spreadsheet quotes it
                            '"=HYPERLINK(""http://example.invalid"",""concerns"")"')


@pytest.fixture(scope="module")
def tricky(tmp_path_factory) -> Path:
    return write_inputs(tmp_path_factory.mktemp("summary") / "inputs", indicators=TRICKY)


def test_summary_csv_with_numbers_for_a_spreadsheet(tricky):
    done = run("summary", "-i", str(tricky), "--format", "csv", "--numbers")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    by_id = {row["id"]: row for row in rows}
    assert list(rows[0])[-2:] == ["unit", "no_new_data"]
    assert (by_id["direct_payments"]["previous"], by_id["direct_payments"]["latest"],
            by_id["direct_payments"]["target"], by_id["direct_payments"]["unit"]) == ("26", "27", "25", "percent")
    assert (by_id["concerns"]["latest"], by_id["concerns"]["target"]) == ("1924", "")
    assert by_id["spend_per_client"]["latest"] == "10080" and by_id["reablement"]["latest"] == "80.5"
    assert by_id["concerns"]["title"] == "'=HYPERLINK(\"http://example.invalid\",\"concerns\")"   # never a formula
    printed = list(csv.DictReader(io.StringIO(run("summary", "-i", str(tricky), "-f", "csv").stdout)))
    assert {row["id"]: row for row in printed}["direct_payments"]["latest"] == "27%"      # as printed, by default
    assert {row["id"]: row for row in printed}["concerns"]["title"].startswith("'=")


def test_summary_as_an_excel_workbook(tricky, tmp_path):
    target = tmp_path / "dashboard.xlsx"
    done = run("summary", "-i", str(tricky), "-f", "xlsx", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Wrote {target} (6 indicators, 2025-07)")
    sheet = openpyxl.load_workbook(target).active
    header = [cell.value for cell in sheet[1]]
    rows = {row[1]: dict(zip(header, row)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["direct_payments"]["latest"] == 27 and isinstance(rows["reablement"]["latest"], float)
    assert rows["reablement"]["latest"] == 80.5 and rows["concerns"]["target"] is None
    assert rows["concerns"]["title"] == "=HYPERLINK(\"http://example.invalid\",\"concerns\")"
    cell = next(c for c in sheet["C"] if c.value and str(c.value).startswith("="))
    assert cell.data_type == "s"    # stored as text: Excel shows it, never runs it


def test_summary_csv_to_a_file(tricky, tmp_path):
    done = run("summary", "-i", str(tricky), "-f", "csv", "-o", str(tmp_path / "summary.csv"))
    assert done.returncode == 0
    assert (tmp_path / "summary.csv").read_text(encoding="utf-8").startswith("theme,id,title,previous,latest")
