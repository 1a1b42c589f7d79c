"""Hardening, third round (issue 21): inputs that are not what they seem, numbers a unit cannot print,
templates that try to run code, CSVs a spreadsheet would run, writes through links, locks and all-or-nothing
harvests, bounded reading of documents and returns. Every case through the command line in a subprocess,
with real files (and, for locks, real processes)."""

from __future__ import annotations

import copy
import csv
import io
import os
import re
import time
import zipfile
from pathlib import Path

import pytest

from inputs_factory import INDICATORS, PACK_YAML, month_csv, write_inputs
from region_factory import make_returns, write_return
from test_hardening import cli

PERIOD = "2025-07"


@pytest.fixture
def inputs(tmp_path) -> Path:
    return write_inputs(tmp_path / "in")


@pytest.fixture(scope="module")
def made_returns(tmp_path_factory) -> dict[str, dict]:
    """Four councils' returns as the library writes them (stem -> JSON data)."""
    return make_returns(tmp_path_factory.mktemp("returns"))


def _returns(folder: Path, made: dict[str, dict], **changed: dict) -> Path:
    """The returns written into folder/returns, with the given ones (stem -> data) in place of the made ones."""
    for stem, data in {**made, **changed}.items():
        write_return(folder / "returns" / f"{stem}.json", data)
    return folder / "returns"


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _validate(inputs: Path, timeout: float = 60):
    return cli("validate", "--inputs", str(inputs), timeout=timeout)


# 9. Inputs that are not what they seem ---------------------------------------------------------------------

def test_a_named_pipe_among_the_monthly_files_is_refused_without_being_opened(inputs):
    os.mkfifo(inputs / "monthly" / "2025-08.csv")   # nobody ever writes to it: opening it would wait for ever
    started = time.monotonic()
    done = _validate(inputs, timeout=60)
    assert time.monotonic() - started < 30
    assert done.returncode == 1
    assert "monthly/2025-08.csv: is a named pipe (FIFO), not a file: refused without being opened" in done.stdout


def test_a_named_pipe_given_as_pack_yaml_or_narrative_is_refused(inputs):
    (inputs / "narrative").mkdir()
    os.mkfifo(inputs / "narrative" / "background.md")
    done = _validate(inputs)
    assert done.returncode == 1
    assert "narrative/background.md: is a named pipe (FIFO), not a file" in done.stdout


@pytest.mark.parametrize("name, text, line, first", [
    ("pack.yaml", PACK_YAML + "council: Another Council\n", 14, 1),
    ("self_assessment.yaml", "themes:\n  - name: Working with people\n    statements:\n      - id: assessing_needs\n"
                             "        score: 3\n        score: 4\n", 6, 5),
])
def test_a_key_given_twice_is_an_error_naming_both_lines(inputs, name, text, line, first):
    (inputs / name).write_text(text, encoding="utf-8")
    done = _validate(inputs)
    assert done.returncode == 1
    key = "council" if name == "pack.yaml" else "score"
    assert f"{name}, line {line}, column '{key}': the key '{key}' is given twice, on lines {first} and {line}: " \
           "keep one of them" in done.stdout, done.stdout


@pytest.mark.parametrize("entry, column, found, kind", [
    ("council: yes", "council", "yes", "a yes/no"),
    ("council: Off", "council", "Off", "a yes/no"),
    ("report_title: 2026", "report_title", "2026", "a number"),
    ("cabinet_member: 12:30", "cabinet_member", "12:30", "a number"),
])
def test_a_yes_no_or_a_number_where_text_is_expected_is_an_error(inputs, entry, column, found, kind):
    key = entry.split(":", 1)[0]
    text = "\n".join(entry if line.startswith(f"{key}:") else line for line in PACK_YAML.splitlines()) + "\n"
    (inputs / "pack.yaml").write_text(text, encoding="utf-8")
    done = _validate(inputs)
    assert done.returncode == 1
    assert f"column '{column}': found '{found}': expected text, found {kind}" in done.stdout, done.stdout
    assert "put the text in quotes" in done.stdout
    (inputs / "pack.yaml").write_text(text.replace(entry, f'{key}: "{entry.split(": ", 1)[1]}"'), encoding="utf-8")
    assert _validate(inputs).returncode == 0


def test_a_yes_no_in_a_list_printed_as_text_is_an_error(inputs):
    (inputs / "pack.yaml").write_text(PACK_YAML + "recommendations:\n  - Note the report.\n  - no\n")
    done = _validate(inputs)
    assert done.returncode == 1
    assert "line 16, column 'recommendations.1': found 'no': expected text, found a yes/no" in done.stdout


# 7. Numbers a unit cannot print ---------------------------------------------------------------------------

@pytest.mark.parametrize("cell, line, found, message", [
    ("concerns", 5, "10000000000000000000000000000", "a number of 29 digits, far beyond any figure a pack shows"),
    ("concerns", 5, "12,000,000,000,000", "expected a count of at most 1,000,000,000,000 (either side of zero)"),
    ("spend", 6, "-£2,000,000,000,000", "expected a currency of at most 1,000,000,000,000"),
    ("admissions", 4, "2000000000", "expected a rate per 100k of at most 1,000,000,000"),
    ("reviews", 7, "inf", "expected a number such as 27%"),
])
def test_a_figure_no_unit_can_print_is_an_error_with_file_line_and_column(inputs, cell, line, found, message):
    (inputs / "monthly" / f"{PERIOD}.csv").write_text(month_csv(**{cell: found}), encoding="utf-8")
    done = _validate(inputs)
    assert done.returncode == 1
    assert f"monthly/{PERIOD}.csv, line {line}, column 'value': found '{found}': {message}" in done.stdout, done.stdout
    done = cli("generate", "--inputs", str(inputs), "--out", str(inputs.parent / "out"))
    assert done.returncode == 1 and message in done.stderr and "unexpected failure" not in done.stderr


def test_a_denominator_that_makes_a_figure_too_large_to_print_is_an_error(inputs):
    text = month_csv().replace("reablement,80.5,,,", "reablement,80.5,5,0.00000000000000001,")
    (inputs / "monthly" / f"{PERIOD}.csv").write_text(text, encoding="utf-8")
    done = _validate(inputs)
    assert done.returncode == 1
    assert f"{PERIOD}.csv, line 2, column 'value': found '80.5': the value disagrees with numerator / denominator" \
           in done.stdout, done.stdout


# 2. CSV outputs safe for spreadsheets ---------------------------------------------------------------------

FORMULA = "=HYPERLINK(\"http://example.invalid\",\"x\")"


def test_the_regions_csvs_never_carry_a_formula_and_keep_numbers_as_numbers(tmp_path, made_returns):
    made = copy.deepcopy(made_returns)
    for data in made.values():   # the name the region prints is the one most returns give
        data["themes"][0]["statements"][0]["name"] = "+cmd|' /C calc'!A0"
    fenmoor = made["fenmoor"]
    fenmoor["council"] = FORMULA
    first = fenmoor["indicators"][0]
    first.update(title="@SUM(A1:A9)", id="-2+3")
    first["value"].update(value=-3.5, text="-3.5")
    first["target"].update(value=None, text="\tNo target")
    folder = _returns(tmp_path, made)
    done = cli("region", "--returns", str(folder), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    scores = _rows(tmp_path / "out" / "regional-scores.csv")
    indicators = _rows(tmp_path / "out" / "regional-indicators.csv")
    ours = [row for row in indicators if row["council"] == "'" + FORMULA]
    assert ours and all(row["council"] != FORMULA for row in scores + indicators)
    row = next(row for row in ours if row["indicator_id"] == "'-2+3")
    assert (row["title"], row["value"], row["value_text"], row["target"], row["target_text"]) == \
        ("'@SUM(A1:A9)", "-3.5", "-3.5", "", "'\tNo target")
    assert any(r["statement"] == "'+cmd|' /C calc'!A0" for r in scores)
    assert all(r["score"].isdigit() for r in scores)        # numbers as numbers, never prefixed
    text = (tmp_path / "out" / "regional-indicators.csv").read_text(encoding="utf-8")
    assert all(not line.startswith(("=", "+", "@", '"=')) for line in text.splitlines())


def test_summary_csv_never_carries_a_formula(inputs):
    catalogue = INDICATORS.replace("People who did not need long-term support after reablement", "=1+2",
                                   1).replace("Safeguarding concerns received", "@cmd")
    (inputs / "indicators.csv").write_text(catalogue, encoding="utf-8")
    done = cli("summary", "--inputs", str(inputs), "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    titles = {row["id"]: row["title"] for row in rows}
    assert titles["reablement"] == "'=1+2" and titles["concerns"] == "'@cmd"
    assert next(row for row in rows if row["id"] == "concerns")["latest"] == "1,924"


# 1. Templates run in the sandbox ---------------------------------------------------------------------------

def _template_folder(tmp_path: Path, replacement: str) -> Path:
    """The shipped templates copied out (as `templates DIR` does), the committee update's report title tag
    replaced by ``replacement``: a real .docx a council might send."""
    folder = tmp_path / "templates"
    assert cli("templates", str(folder)).returncode == 0
    path = folder / "committee_update.docx"
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    assert "{{ report_title }}" in xml
    parts["word/document.xml"] = xml.replace("{{ report_title }}", replacement).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return folder


@pytest.mark.parametrize("payload, message", [
    ("{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}",
     "refused: access to attribute '__init__' of 'StrictUndefined' object is unsafe"),
    ("{{{{ council.__class__.__mro__[1].__subclasses__() }}}}",
     "refused: access to attribute '__class__' of 'str' object is unsafe"),
    ("{{{{ (council|attr('__class__')) }}}}{{# {marker} #}}",
     "template syntax error: No filter named 'attr' (in the tag"),
    ("{{% for a in range(10 ** 9) %}}x{{% endfor %}}{{# {marker} #}}",
     "refused: range() of 1,000,000,000 numbers: at most 10,000 are allowed"),
    ("{{% for a in range(10000) %}}{{% for b in range(10000) %}}{{% for c in range(10) %}}x{{% endfor %}}"
     "{{% endfor %}}{{% endfor %}}{{# {marker} #}}", "refused: the expressions take too long to work out"),
    ("{{% for a in range(10000) %}}{{% for b in range(100) %}}{{{{ body }}}}{{% endfor %}}{{% endfor %}}"
     "{{# {marker} #}}", "refused: the text comes to more than 25,000,000 characters"),
])
def test_a_template_cannot_run_code_or_loop_without_end(inputs, tmp_path, payload, message):
    marker = tmp_path / "the-template-ran-a-command"
    folder = _template_folder(tmp_path, payload.format(marker=marker))
    started = time.monotonic()
    done = cli("generate", "--inputs", str(inputs), "--out", str(tmp_path / "out"), "--templates", str(folder))
    assert time.monotonic() - started < 90
    assert done.returncode == 1
    assert "error: committee_update.docx: " in done.stderr and message in done.stderr, done.stderr
    tag = re.match(r"\{[{%].*?[}%]\}", payload.format(marker=marker)).group()
    assert f"(in the tag {tag[:40]}" in done.stderr or f"(in one of the tags {tag[:40]}" in done.stderr, done.stderr
    assert not marker.exists() and not (tmp_path / "out" / PERIOD).exists()
    assert "unexpected failure" not in done.stderr
