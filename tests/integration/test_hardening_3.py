"""Hardening, third round (issue 21): inputs that are not what they seem, numbers a unit cannot print,
templates that try to run code, CSVs a spreadsheet would run, writes through links, locks and all-or-nothing
harvests, bounded reading of documents and returns. Every case through the command line in a subprocess,
with real files (and, for locks, real processes)."""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from helpers.hardening import NARRATIVE, cli, consistent
from helpers.inputs_factory import INDICATORS, PACK_YAML, month_csv, write_inputs
from helpers.region_factory import make_returns, write_return

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


TEXT_ENTRIES = [   # (entry, what YAML reads it as); committee's Off and cabinet_member's 12:30 (750) included
    ("council: yes", "a yes/no"), ("committee: Off", "a yes/no"), ("report_title: 2026", "a number"),
    ("cabinet_member: 12:30", "a number")]


def test_a_yes_no_or_a_number_where_text_is_expected_is_an_error(inputs):
    entries = dict(entry.split(": ", 1) for entry, _ in TEXT_ENTRIES)
    lines = [f"{line.split(':')[0]}: {entries[line.split(':')[0]]}" if line.split(":")[0] in entries else line
             for line in PACK_YAML.splitlines()]
    (inputs / "pack.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = _validate(inputs)
    assert done.returncode == 1
    for entry, kind in TEXT_ENTRIES:
        key, found = entry.split(": ", 1)
        assert f"column '{key}': found '{found}': expected text, found {kind}" in done.stdout, done.stdout
    assert "put the text in quotes" in done.stdout
    quoted = [f'{line.split(":")[0]}: "{entries[line.split(":")[0]]}"' if line.split(":")[0] in entries else line
              for line in PACK_YAML.splitlines()]
    (inputs / "pack.yaml").write_text("\n".join(quoted) + "\n", encoding="utf-8")
    assert _validate(inputs).returncode == 0


def test_a_yes_no_in_a_list_printed_as_text_is_an_error(inputs):
    (inputs / "pack.yaml").write_text(PACK_YAML + "recommendations:\n  - Note the report.\n  - no\n")
    done = _validate(inputs)
    assert done.returncode == 1
    assert "line 16, column 'recommendations.1': found 'no': expected text, found a yes/no" in done.stdout


# 7. Numbers a unit cannot print ---------------------------------------------------------------------------

FIGURES = [   # (month, cell, line, found, message)
    ("2025-07", "concerns", 5, "10000000000000000000000000000", "a number of 29 digits, far beyond any figure a "
                                                                "pack shows"),
    ("2025-06", "concerns", 5, "12,000,000,000,000", "expected a count of at most 1,000,000,000,000 (either side "
                                                     "of zero)"),
    ("2025-07", "spend", 6, "-£2,000,000,000,000", "expected a currency of at most 1,000,000,000,000"),
    ("2025-07", "admissions", 4, "2000000000", "expected a rate per 100k of at most 1,000,000,000"),
    ("2025-07", "reviews", 7, "inf", "expected a number such as 27%"),
]


def test_a_figure_no_unit_can_print_is_an_error_with_file_line_and_column(inputs):
    for month in ("2025-06", "2025-07"):
        cells = {cell: found for at, cell, _, found, _ in FIGURES if at == month}
        (inputs / "monthly" / f"{month}.csv").write_text(month_csv(**cells), encoding="utf-8")
    done = _validate(inputs)
    assert done.returncode == 1
    for month, _, line, found, message in FIGURES:
        assert f"monthly/{month}.csv, line {line}, column 'value': found '{found}': {message}" in done.stdout, \
            done.stdout
    done = cli("generate", "--inputs", str(inputs), "--out", str(inputs.parent / "out"))
    assert done.returncode == 1 and "unexpected failure" not in done.stderr
    assert all(message in done.stderr for *_, message in FIGURES), done.stderr


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
    ("{{{{ cycler.__init__.__globals__.os.popen('id > {marker}').read() }}}}",
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
     "{{# {marker} #}}", "refused: the text comes to more than 25,0"),
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


# 5. Word documents read within bounds (harvest, check) ---------------------------------------------------

UPDATE = "committee-update.docx"


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def _write_parts(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def _with_parts(source: Path, target: Path, **changed: bytes) -> Path:
    """A copy of a document with parts replaced or added (part names with '/' written as '__')."""
    parts = _parts(source)
    parts.update({name.replace("__", "/"): data for name, data in changed.items()})
    return _write_parts(target, parts)


LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE record [<!ENTITY lol "lol">'
          + b"".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";" if n > 1 else "&lol;") * 10}">'.encode()
                     for n in range(1, 10))
          + b']>\n<record xmlns="urn:scrutinyreport:record:1">&lol9;</record>')


def _record_without(document: Path, key: str) -> bytes:
    record = json.loads(_record_text(document))
    del record["sections"][0][key]
    text = json.dumps(record).replace("&", "&amp;").replace("<", "&lt;")
    return f'<?xml version="1.0"?>\n<record xmlns="urn:scrutinyreport:record:1">{text}</record>'.encode()


def _record_text(document: Path) -> str:
    from lxml import etree
    return etree.fromstring(_parts(document)["customXml/item1.xml"]).text


@pytest.mark.parametrize("part, data, message", [
    ("word__styles.xml", b"<w:styles><w:style>", "the part word/styles.xml is not well-formed XML"),
    ("word___rels__document.xml.rels", b"<Relationships", "the part word/_rels/document.xml.rels is not well-formed"),
    ("word__comments.xml", b"<w:comments xmlns:w='x'><w:comment>", "the part word/comments.xml is not well-formed"),
    ("docProps__custom.xml", b"\x00\x01 not xml", "the part docProps/custom.xml is not well-formed XML"),
    ("customXml__item1.xml", LAUGHS, "the part customXml/item1.xml declares a DOCTYPE (entities)"),
    ("customXml__item1.xml", None, "the record is not as generate writes it (sections[0].key: missing)"),
])
def test_a_damaged_or_hostile_part_of_a_reviewed_document_is_named(work, part, data, message):
    folder = work / "out" / PERIOD
    document = folder / UPDATE
    inputs_before = {p: p.read_bytes() for p in (work / "in").rglob("*") if p.is_file()}
    data = data if data is not None else _record_without(document, "key")
    reviewed = _with_parts(document, work / "reviewed.docx", **{part: data})
    done = cli("harvest", str(reviewed), "--inputs", str(work / "in"))
    assert done.returncode == 1
    assert f"error: {reviewed}: " in done.stderr and message in done.stderr, done.stderr
    assert "Nothing was harvested: the inputs are as they were." in done.stderr
    assert "unexpected failure" not in done.stderr
    assert {p: p.read_bytes() for p in (work / "in").rglob("*") if p.is_file()} == inputs_before
    if part in ("word__styles.xml",):
        done = cli("check", str(reviewed))
        assert done.returncode == 1 and f"{reviewed}: file: {message}" in done.stdout, done.stdout


def test_a_record_whose_live_figures_do_not_match_is_named(work):
    document = work / "out" / PERIOD / UPDATE
    record = json.loads(_record_text(document))
    section = next(s for s in record["sections"] if not s["generated"] and s.get("values"))
    section["values"] = section["values"][:-1] + [["one", "too many", "values"]]
    text = json.dumps(record).replace("&", "&amp;").replace("<", "&lt;")
    item = f'<?xml version="1.0"?>\n<record xmlns="urn:scrutinyreport:record:1">{text}</record>'.encode()
    reviewed = _with_parts(document, work / "reviewed.docx", **{"customXml__item1.xml": item})
    done = cli("harvest", str(reviewed), "--inputs", str(work / "in"))
    assert done.returncode == 1 and "the record is not as generate writes it" in done.stderr, done.stderr
    assert "expected a value for each live figure" in done.stderr


@pytest.fixture(scope="module")
def zip_bombs(tmp_path_factory) -> dict[str, Path]:
    """Two .docx files of about a megabyte each: one part that unpacks to a gigabyte, and many parts that
    each unpack to less than a part's limit but together to more than a package's."""
    folder = tmp_path_factory.mktemp("bombs")
    template = Path(__file__).resolve().parents[2] / "scrutinyreport" / "templates" / "committee_update.docx"
    made = {}
    for name, sizes in (("one-part", [1 << 30]), ("many-parts", [45_000_000] * 6)):
        path = folder / f"{name}.docx"
        shutil.copy(template, path)
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
            for number, size in enumerate(sizes):
                with package.open(f"word/media/padding{number}.xml", "w", force_zip64=True) as part:
                    block = b" " * (1 << 24)
                    for _ in range(size // len(block)):
                        part.write(block)
                    part.write(block[:size % len(block)])
        made[name] = path
    return made


MEASURED = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=sys.stderr); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


@pytest.mark.parametrize("bomb, message", [
    ("one-part", "the part word/media/padding0.xml would unpack to 1,074 MB, more than the 50 MB a part may have"),
    ("many-parts", "would unpack to 270 MB, more than the 250 MB a document may have: refused, unread"),
])
@pytest.mark.parametrize("command", ["harvest", "check"])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(zip_bombs, tmp_path, bomb, message, command):
    inputs = write_inputs(tmp_path / "in")
    args = [sys.executable, "-m", "scrutinyreport", command, str(zip_bombs[bomb])]
    args += ["--inputs", str(inputs)] if command == "harvest" else []
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", MEASURED, *args], capture_output=True, text=True, timeout=120)
    assert time.monotonic() - started < 60
    peak_kb = int(done.stdout.strip().splitlines()[-1])
    assert peak_kb < 400_000, f"the run took {peak_kb // 1000} MB"     # the file's bytes, never its contents
    assert message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "unexpected failure" not in done.stderr


# 8. No catch-all where a cause can be named -----------------------------------------------------------------

def test_a_templates_folder_holding_a_zip_that_is_not_a_word_document(inputs, tmp_path):
    folder = tmp_path / "templates"
    assert cli("templates", str(folder)).returncode == 0
    with zipfile.ZipFile(folder / "dashboard_appendix.docx", "w") as package:
        package.writestr("notes.txt", "not a document")
    done = cli("generate", "--inputs", str(inputs), "--out", str(tmp_path / "out"), "--templates", str(folder))
    assert done.returncode == 1 and "unexpected failure" not in done.stderr
    assert f"{folder.as_posix()}/dashboard_appendix.docx is a zip file but not a Word document (it has no " \
           "[Content_Types].xml and no word/document.xml): save it from Word as a Word Document" in done.stderr
    _write_parts(folder / "dashboard_appendix.docx", {**_parts(folder / "local_account.docx"),
                                                      "word/styles.xml": b"<w:styles"})
    done = cli("generate", "--inputs", str(inputs), "--out", str(tmp_path / "out"), "--templates", str(folder))
    assert done.returncode == 1 and "the part word/styles.xml is not well-formed XML" in done.stderr, done.stderr
    assert not (tmp_path / "out" / PERIOD).exists()


def test_templates_given_a_file_path(inputs, tmp_path):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine")
    done = cli("templates", str(a_file))
    assert done.returncode == 1 and "unexpected failure" not in done.stderr
    assert f"{a_file.as_posix()} is a file, not a folder: give `templates` the folder" in done.stderr
    done = cli("templates", str(a_file / "inside"))
    assert done.returncode == 1 and f"{a_file.as_posix()} is a file, so" in done.stderr
    assert a_file.read_text() == "mine"
    done = cli("generate", "--inputs", str(inputs), "--out", str(tmp_path / "out"), "--templates", str(a_file))
    assert done.returncode == 1 and f"{a_file.as_posix()} is a file: --templates takes a folder" in done.stderr


def test_the_catch_all_names_the_command_and_says_truly_what_was_not_done(work):
    done = cli("generate", "--inputs", str(work / "in"), "--out", str(work / "out"), fault="bug")
    assert done.returncode == 1
    assert "error: generate: unexpected failure (KeyError" in done.stderr
    assert "Nothing was generated: the previous pack, if any, is as it was." in done.stderr


# 6. Returns read within bounds ----------------------------------------------------------------------------

def _region(folder: Path, out: Path, timeout: float = 120):
    return cli("region", "--returns", str(folder), "--out", str(out), timeout=timeout)


def test_a_return_of_300000_risks_is_refused_at_once(tmp_path, made_returns):
    fenmoor = copy.deepcopy(made_returns["fenmoor"])
    fenmoor["adass"]["risks_and_challenges"] = [f"Risk {n}: agency costs rose in the care market." for n in
                                                range(300_000)]
    folder = _returns(tmp_path, made_returns, fenmoor=fenmoor)
    assert 15_000_000 < (folder / "fenmoor.json").stat().st_size < 20 * 1024 * 1024
    started = time.monotonic()
    done = _region(folder, tmp_path / "out")
    assert time.monotonic() - started < 60    # minutes before
    assert done.returncode == 1
    assert "fenmoor.json: adass.risks_and_challenges: lists 300,000 items: a list in a return holds at most 500" \
           in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()


RETURN_VALUES = [   # (file, as written in the JSON, JSON path, message)
    ("nan", '"value": NaN', "indicators[0].value.value", "NaN is not a number"),
    ("infinity", '"value": Infinity', "indicators[0].value.value", "Infinity is infinite"),
    ("minus-infinity", '"value": -Infinity', "indicators[0].value.value", "-Infinity is infinite"),
    ("overflow", '"value": 1e400', "indicators[0].value.value", "1e400 is too large a number to print"),
    ("digits", '"value": ' + "9" * 5000, "indicators[0].value.value", "9" * 39 + "\u2026 is too large a number"),
    ("nul", '"text": "82.8\\u0000%"', "indicators[0].value.text", "holds a control character (U+0000)"),
    ("surrogate", '"text": "\\ud800 lone"', "indicators[0].value.text", "holds a lone surrogate (U+D800)"),
    ("long", '"text": "' + "x" * 6000 + '"', "indicators[0].value.text", "a text of 6,000 characters: a return's "
                                                                         "text is at most 5,000"),
]


def test_values_a_return_may_not_hold_are_named_with_file_and_json_path(tmp_path, made_returns):
    folder = _returns(tmp_path, made_returns)
    for name, written, _, _ in RETURN_VALUES:
        data = copy.deepcopy(made_returns["ashby"])
        key = written.split(":")[0].strip('"')
        data["indicators"][0]["value"][key] = "__PLACEHOLDER__"
        text = json.dumps(data).replace(f'"{key}": "__PLACEHOLDER__"', written)
        (folder / f"{name}.json").write_text(text, encoding="utf-8")
    done = _region(folder, tmp_path / "out")
    assert done.returncode == 1 and "unexpected failure" not in done.stderr
    for name, _, where, message in RETURN_VALUES:
        assert f"{name}.json: {where}: {message}" in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()


def test_a_return_nested_100000_deep_is_refused_with_a_message(tmp_path, made_returns):
    folder = _returns(tmp_path, made_returns)
    (folder / "deep.json").write_text('{"council": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    (folder / "deeper.json").write_text('{"council": ' + "[" * 40 + "]" * 40 + "}", encoding="utf-8")
    done = _region(folder, tmp_path / "out")
    assert done.returncode == 1 and "RecursionError" not in done.stderr
    assert "deep.json: is nested too deeply to read: a return is at most 20 levels deep" in done.stderr
    assert "deeper.json: council[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: is nested more " \
           "than 20 levels deep" in done.stderr, done.stderr


def test_a_control_character_in_a_field_name_is_named(tmp_path, made_returns):
    folder = _returns(tmp_path, made_returns)
    path = folder / "ashby.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"council"', '"coun\\u0007cil"', 1), encoding="utf-8")
    done = _region(folder, tmp_path / "out")
    assert done.returncode == 1
    assert "ashby.json: coun\\u0007cil: the field's name holds a control character (U+0007)" in done.stderr, done.stderr


def test_a_named_pipe_given_as_a_return_is_refused_unopened(tmp_path, made_returns):
    folder = _returns(tmp_path, made_returns)
    os.mkfifo(tmp_path / "pipe.json")
    done = cli("region", str(folder / "ashby.json"), str(tmp_path / "pipe.json"), "--out", str(tmp_path / "out"),
               timeout=60)
    assert done.returncode == 1 and "pipe.json: is a named pipe (FIFO), not a file" in done.stderr


def test_the_regional_summary_adds_its_paragraphs_in_constant_time_each():
    """python-docx looks for the body's closing w:sectPr among all its children on every insertion (so 300,000
    paragraphs took hours); the summary's paragraphs and tables are added before it directly."""
    import docx
    from docx.oxml.xmlchemy import BaseOxmlElement

    from scrutinyreport.word import styles
    from scrutinyreport.word.markdown import add_heading, add_table

    document = docx.Document(str(Path(__file__).resolve().parents[2] / "scrutinyreport" / "templates"
                                 / "regional_summary.docx"))
    looked_for: list[str] = []
    original = BaseOxmlElement.first_child_found_in

    def counted(self, *tagnames):   # noqa: ANN001, ANN202
        if "w:sectPr" in tagnames and self.tag.endswith("}body"):
            looked_for.append(self.tag)
        return original(self, *tagnames)

    BaseOxmlElement.first_child_found_in = counted
    try:
        for number in range(200):
            add_heading(document, f"Heading {number}", 2)
            styles.add_paragraph(document, f"Risk {number}", styles.LIST_BULLET)
            add_table(document, ["a", "b"], [["1", "2"]])
    finally:
        BaseOxmlElement.first_child_found_in = original
    assert looked_for == []
    body = document.element.body
    assert body[-1].tag.endswith("}sectPr") and len(body.findall(".//{*}tbl")) == 200


# 3 and 4. Harvest: inside the inputs folder, all or nothing, one at a time ----------------------------------

ON_TARGET = "indicators are on target in"


def _reviewed(work: Path, name: str = "reviewed.docx") -> Path:
    """The pack's committee update with one paragraph retyped by a reviewer, saved outside the pack."""
    from helpers.word_edits import WordDocument

    document = WordDocument(work / "out" / PERIOD / UPDATE)
    document.replace_text(document.paragraph(ON_TARGET), ON_TARGET, "indicators, as the committee asked, are on "
                                                                    "target in")
    return document.save(work / name)


def _inputs(work: Path) -> dict[str, bytes]:
    return {p.relative_to(work / "in").as_posix(): p.read_bytes() for p in (work / "in").rglob("*")
            if p.is_file() and p.name != ".scrutinyreport.lock"}


def test_the_review_report_is_never_written_through_a_link_out_of_the_inputs(work, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (work / "in" / "review").symlink_to(elsewhere)
    before = _inputs(work)
    done = cli("harvest", str(_reviewed(work)), "--inputs", str(work / "in"))
    assert done.returncode == 1
    assert "review/reviewed-comments.md: lies outside the inputs folder (through a symbolic link or junction): " \
           "the harvest never writes through one" in done.stderr, done.stderr
    assert "Nothing was harvested: the inputs are as they were." in done.stderr
    assert list(elsewhere.iterdir()) == [] and _inputs(work) == before


def test_a_harvested_file_is_never_written_through_a_link_out_of_the_inputs(work, tmp_path):
    outside = tmp_path / "narrative-elsewhere"
    shutil.move(str(work / "in" / "narrative"), str(outside))
    (work / "in" / "narrative").symlink_to(outside)
    before = (outside / "background.md").read_bytes()
    done = cli("harvest", str(_reviewed(work)), "--inputs", str(work / "in"))
    assert done.returncode == 1
    assert "narrative/background.md: lies outside the inputs folder (through a symbolic link or junction)" \
           in done.stderr, done.stderr
    assert (outside / "background.md").read_bytes() == before and not (work / "in" / "review").exists()


def test_the_reviewed_document_is_never_moved_through_a_link_out_of_the_pack(work, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    folder = work / "out" / PERIOD
    (folder / "reviewed").symlink_to(elsewhere)
    shutil.copy(_reviewed(work), folder / UPDATE)
    done = cli("harvest", str(folder / UPDATE), "--inputs", str(work / "in"))
    assert done.returncode == 0, done.stderr
    assert "lies outside the pack folder (through a link): the reviewed document was left where it is" in done.stdout
    assert (folder / UPDATE).is_file() and list(elsewhere.iterdir()) == []
    assert "as the committee asked" in (work / "in" / "narrative" / "background.md").read_text()


def test_a_failure_part_way_through_a_harvest_puts_back_what_was_written(work):
    before = _inputs(work)
    done = cli("harvest", str(_reviewed(work)), "--inputs", str(work / "in"), fault=f"replace:2:{work / 'in'}")
    assert done.returncode == 1
    assert "reviewed-comments.md: cannot be written (No space left on device). Nothing was harvested: the files " \
           "already written were put back as they were, so the inputs are as they were" in done.stderr, done.stderr
    assert "unexpected failure" not in done.stderr
    assert _inputs(work) == before
    assert not [p for p in (work / "in").rglob("*.tmp")]


@pytest.fixture
def two_month_dashboard(tmp_path) -> Path:
    """A pack whose dashboard takes its figures from two months' files (concerns has no July row), the
    June file saved by Excel as Windows-1252."""
    july = "\n".join(line for line in month_csv().splitlines() if not line.startswith("concerns")) + "\n"
    june = month_csv(reablement="79.0", direct="26%", concerns="1,850", reviews="90", commentary="Café opened")
    inputs = write_inputs(tmp_path / "in", months={"2025-06": june, "2025-07": july})
    (inputs / "monthly" / "2025-06.csv").write_bytes(june.encode("cp1252"))
    done = cli("generate", "--inputs", str(inputs), "--out", str(tmp_path / "out"), "--quiet")
    assert done.returncode == 0, done.stderr
    return tmp_path


def test_a_character_windows_1252_cannot_hold_stops_the_harvest_before_anything_is_written(two_month_dashboard):
    from helpers.word_edits import WordDocument

    work = two_month_dashboard
    dashboard = next((work / "out" / PERIOD).glob("appendix-*-performance-dashboard.docx"))
    document = WordDocument(dashboard)
    document.type_analysis("People who did not need long-term support", "Up after the new service.")
    document.type_analysis("Safeguarding concerns received", "Referrals \u2192 triage were slower.")
    reviewed = document.save(work / "reviewed-dashboard.docx")
    before = _inputs(work)
    done = cli("harvest", str(reviewed), "--inputs", str(work / "in"))
    assert done.returncode == 1
    assert "monthly/2025-06.csv, line 5: the reviewed text holds '\u2192' (U+2192), which this file's encoding " \
           "(cp1252" in done.stderr, done.stderr
    assert "Nothing was written" in done.stderr and "Nothing was harvested: the inputs are as they were." \
        in done.stderr
    assert _inputs(work) == before


def test_a_reviewers_formula_goes_back_into_the_csv_as_text(two_month_dashboard):
    from helpers.word_edits import WordDocument

    work = two_month_dashboard
    dashboard = next((work / "out" / PERIOD).glob("appendix-*-performance-dashboard.docx"))
    document = WordDocument(dashboard)
    document.type_analysis("People who did not need long-term support", "=HYPERLINK(\"http://x.invalid\")")
    done = cli("harvest", str(document.save(work / "reviewed-dashboard.docx")), "--inputs", str(work / "in"))
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO((work / "in" / "monthly" / f"{PERIOD}.csv").read_text(encoding="utf-8"))))
    assert rows[1][4] == "'=HYPERLINK(\"http://x.invalid\")"
    done = cli("summary", "--inputs", str(work / "in"))
    assert done.returncode == 0
    done = cli("harvest", str(work / "reviewed-dashboard.docx"), "--inputs", str(work / "in"))
    assert done.returncode == 0 and "conflict" not in done.stderr.lower(), done.stderr   # read back as written


HOLD = ("import sys; from pathlib import Path; from scrutinyreport.pack.lock import OutputLock, LOCK_NAME\n"
        "name = sys.argv[2] if len(sys.argv) > 2 else LOCK_NAME\n"
        "with OutputLock(Path(sys.argv[1]), name=name):\n    print('held', flush=True); sys.stdin.read()\n")


def _holder(folder: Path, name: str | None = None) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(folder), *([name] if name else [])],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def _started(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "scrutinyreport", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_a_harvest_waits_for_another_holding_the_inputs(work):
    before = _inputs(work)
    holder = _holder(work / "in")
    try:
        run = _started("harvest", str(_reviewed(work)), "--inputs", str(work / "in"))
        waiting = run.stderr.readline()
        assert f"Waiting up to 60 s for the run that is writing to {work / 'in'}: process {holder.pid}" in waiting
        assert _inputs(work) == before        # it waits: nothing written while the other holds the inputs
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert run.wait(timeout=120) == 0, run.stderr.read()
    assert "as the committee asked" in (work / "in" / "narrative" / "background.md").read_text()


def test_two_harvests_at_once_apply_the_edit_once(work):
    reviewed = _reviewed(work)
    runs = [_started("harvest", str(reviewed), "--inputs", str(work / "in")) for _ in range(2)]
    assert [run.wait(timeout=120) for run in runs] == [0, 0], [run.stderr.read() for run in runs]
    text = (work / "in" / "narrative" / "background.md").read_text()
    assert text.count("as the committee asked") == 1


@pytest.mark.parametrize("fault, command, said", [
    ("bug:harvest", "harvest", "Nothing was harvested: the inputs are as they were."),
    ("bug:region", "region", "The regional summary was not written"),
])
def test_the_catch_all_of_harvest_and_region_says_what_was_not_changed(work, tmp_path, made_returns, fault,
                                                                       command, said):
    if command == "harvest":
        before = _inputs(work)
        done = cli("harvest", str(_reviewed(work)), "--inputs", str(work / "in"), fault=fault)
        assert _inputs(work) == before
    else:
        done = cli("region", "--returns", str(_returns(tmp_path, made_returns)), "--out", str(tmp_path / "out"),
                   fault=fault)
        assert not (tmp_path / "out").exists()
    assert done.returncode == 1
    assert f"error: {command}: unexpected failure (KeyError" in done.stderr and said in done.stderr, done.stderr
    assert "Nothing was generated" not in done.stderr


# 4. Pack.write and region take the lock --------------------------------------------------------------------

WRITE = ("import sys; from pathlib import Path; from scrutinyreport import build_pack, load_inputs\n"
         "pack = build_pack(load_inputs(Path(sys.argv[1])), figure_cache=Path(sys.argv[2]) / 'cache')\n"
         "print('built', flush=True)\n"
         "result = pack.write(Path(sys.argv[2]), wait=float(sys.argv[3]))\n"
         "print('wrote', len(result.written), flush=True)\n")


def test_pack_write_waits_for_the_lock_and_two_writers_never_mix(work):
    holder = _holder(work / "out")
    try:
        done = subprocess.run([sys.executable, "-c", WRITE, str(work / "in"), str(work / "out"), "0.5"],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 1
        assert f"another run is writing to {work / 'out'}: process {holder.pid} of" in done.stderr
        assert "try again when it has finished (or give write() a longer wait)" in done.stderr
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    (work / "in" / "narrative" / "background.md").write_text(NARRATIVE + "\nA new paragraph.\n")
    writers = [subprocess.Popen([sys.executable, "-c", WRITE, str(work / "in"), str(work / "out"), "120"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    assert [writer.wait(timeout=300) for writer in writers] == [0, 0], [w.stderr.read() for w in writers]
    assert consistent(work / "out" / PERIOD)
    assert not [p for p in (work / "out").iterdir() if p.name.endswith((".staging", ".previous"))]


def test_region_waits_for_another_run_writing_the_same_summary(tmp_path, made_returns):
    folder = _returns(tmp_path, made_returns)
    out = tmp_path / "summary"
    holder = _holder(tmp_path, ".summary.scrutinyreport.lock")
    try:
        run = _started("region", "--returns", str(folder), "--out", str(out))
        line = run.stderr.readline()   # said on stderr, as harvest says it: seen even when the output is piped
        while line and not line.startswith("Waiting"):
            line = run.stderr.readline()
        assert f"Waiting up to 60 s for the run that is writing to {tmp_path}: process {holder.pid}" in line
        assert not out.exists()
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert run.wait(timeout=300) == 0, run.stderr.read()
    assert (out / "regional-summary.docx").is_file()


# Documents that are open are never replaced ----------------------------------------------------------------

def word_owner_file(user: str) -> bytes:
    """Word's owner file (~$NAME.docx, 162 bytes): the user's name after its length, then again in UTF-16."""
    data = (bytes([len(user)]) + user.encode("cp1252")).ljust(54, b" ")
    return (data + bytes([len(user), 0]) + user.encode("utf-16-le")).ljust(162, b"\x00")


def _change_narrative(work: Path) -> None:
    (work / "in" / "narrative" / "background.md").write_text(NARRATIVE + "\nA new paragraph.\n")


def test_a_document_open_in_word_or_libreoffice_is_kept_and_the_new_one_written_beside_it(work):
    folder = work / "out" / PERIOD
    dashboard = next(folder.glob("appendix-*-performance-dashboard.docx")).name
    update_before, dashboard_before = (folder / UPDATE).read_bytes(), (folder / dashboard).read_bytes()
    (folder / "~$mmittee-update.docx").write_bytes(word_owner_file("Jo Rivers"))
    (folder / f".~lock.{dashboard}#").write_text("Sam Patel,spatel,perf-laptop-7,06.12.2026 09:14,"
                                                 "file:///home/spatel/.config/libreoffice/4;")
    _change_narrative(work)
    (work / "in" / "monthly" / f"{PERIOD}.csv").write_text(month_csv(reablement="81.5"), encoding="utf-8")
    done = cli("generate", "--inputs", str(work / "in"), "--out", str(work / "out"))
    assert done.returncode == 0, done.stderr
    assert f"warning: {folder / UPDATE} is open (in Word, by Jo Rivers), so it was kept as it is; the new version " \
           f"is {folder / 'committee-update.new.docx'}" in done.stderr, done.stderr
    assert f"{folder / dashboard} is open (in LibreOffice, by Sam Patel (spatel) on perf-laptop-7)" in done.stderr
    assert (folder / UPDATE).read_bytes() == update_before and (folder / dashboard).read_bytes() == dashboard_before
    assert (folder / "committee-update.new.docx").read_bytes() != update_before
    assert not (folder / "~$mmittee-update.docx").exists() and not (folder / f".~lock.{dashboard}#").exists()
    manifest = json.loads((folder / "manifest.json").read_text())
    written = {e.get("written_as", e["path"]): e["sha256"] for e in manifest["outputs"]}
    assert all(hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest for name, digest in written.items())
    done = cli("generate", "--inputs", str(work / "in"), "--out", str(work / "out"))   # closed since
    assert done.returncode == 0 and "is open" not in done.stderr and "Up to date" not in done.stdout, done.stderr
    assert (folder / UPDATE).read_bytes() != update_before and not (folder / "committee-update.new.docx").exists()
    assert "Up to date" in cli("generate", "--inputs", str(work / "in"), "--out", str(work / "out")).stdout


def test_an_open_document_that_is_also_edited_is_kept_as_edited(work):
    folder = work / "out" / PERIOD
    (folder / UPDATE).write_bytes((folder / UPDATE).read_bytes() + b"\0")   # saved by the reviewer since
    (folder / "~$mmittee-update.docx").write_bytes(word_owner_file("Jo Rivers"))
    _change_narrative(work)
    done = cli("generate", "--inputs", str(work / "in"), "--out", str(work / "out"))
    assert done.returncode == 0 and "was edited since it was generated" in done.stderr
    done = cli("generate", "--inputs", str(work / "in"), "--out", str(work / "out"))
    assert (folder / UPDATE).read_bytes().endswith(b"\0")      # still kept: a person's edit


def test_the_regional_summary_open_in_word_is_kept(tmp_path, made_returns):
    folder = _returns(tmp_path, made_returns)
    out = tmp_path / "summary"
    assert _region(folder, out).returncode == 0
    before = (out / "regional-summary.docx").read_bytes()
    (out / "~$gional-summary.docx").write_bytes(word_owner_file("Ann Other"))
    done = cli("region", "--returns", str(folder), "--out", str(out), "--title", "Another title")
    assert done.returncode == 0, done.stderr
    assert f"{out / 'regional-summary.docx'} is open (in Word, by Ann Other), so it was kept" in done.stderr
    assert (out / "regional-summary.docx").read_bytes() == before and (out / "regional-summary.new.docx").is_file()


# 3. The pack never writes through a link out of the output folder ------------------------------------------

def test_the_pack_never_writes_through_a_link_out_of_the_output_folder(work, tmp_path):
    pictures = ("--charts", "picture")   # charts drawn as pictures, which the figure cache keeps
    assert cli("generate", "--inputs", str(work / "in"), "--out", str(work / "out"), *pictures).returncode == 0
    elsewhere = tmp_path / "elsewhere"
    shutil.move(str(work / "out" / ".figure-cache"), str(elsewhere))
    (work / "out" / ".figure-cache").symlink_to(elsewhere)
    (elsewhere / "leftover.tmp").write_text("not ours to remove")
    cached = sorted(p.name for p in elsewhere.iterdir())
    assert cached
    _change_narrative(work)
    done = cli("generate", "--inputs", str(work / "in"), "--out", str(work / "out"), *pictures)
    assert done.returncode == 0, done.stderr
    assert ".figure-cache is a link out of the output folder: the figures were drawn afresh and not cached" \
        in done.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == cached
    secret = tmp_path / "secret.txt"
    secret.write_text("keep me")
    (work / "out" / ".scrutinyreport.lock").unlink()
    (work / "out" / ".scrutinyreport.lock").symlink_to(secret)
    _change_narrative(work)
    done = cli("generate", "--inputs", str(work / "in"), "--out", str(work / "out"))
    assert done.returncode == 1 and ".scrutinyreport.lock is a symbolic link: the lock file is never written " \
                                   "through one" in done.stderr
    assert secret.read_text() == "keep me"


def test_a_link_in_the_pack_is_carried_as_a_link_never_as_what_it_points_to(work, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for publication")
    folder = work / "out" / PERIOD
    (folder / "notes.txt").symlink_to(secret)
    _change_narrative(work)
    assert cli("generate", "--inputs", str(work / "in"), "--out", str(work / "out")).returncode == 0
    assert (folder / "notes.txt").is_symlink() and os.readlink(folder / "notes.txt") == str(secret)


# The output lock's Windows branch, through its interface ----------------------------------------------------

WINDOWS = """
import fcntl, os, sys
from pathlib import Path
from scrutinyreport.errors import OutputLocked
from scrutinyreport.pack.lock import WINDOWS_OFFSET, OutputLock, WindowsLocking

LK_UNLCK, LK_NBLCK = 0, 2          # msvcrt's own values
positions = []


def locking(handle, mode, count):
    # a stand-in for msvcrt.locking: count bytes from the file's position, OSError when another process holds
    # them; POSIX record locks, which (like Windows' byte-range locks) end with the process that holds them
    position = os.lseek(handle, 0, os.SEEK_CUR)
    positions.append(position)
    if mode == LK_NBLCK:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB, count, position)
        except OSError as error:
            raise PermissionError(13, "Permission denied") from error
    else:
        fcntl.lockf(handle, fcntl.LOCK_UN, count, position)


try:
    with OutputLock(Path(sys.argv[1]), wait=float(sys.argv[2]),
                    locking=WindowsLocking(locking, LK_NBLCK, LK_UNLCK)) as lock:
        assert set(positions) == {WINDOWS_OFFSET}, positions
        print("held", lock.took_over or "", flush=True)
        sys.stdin.read()
except OutputLocked as error:
    print(error, flush=True)
    sys.exit(1)
"""


def test_the_windows_lock_works_through_its_interface(tmp_path):
    """The Windows branch (a byte-range lock at WINDOWS_OFFSET, taken and released through msvcrt.locking) run
    with a stand-in for msvcrt in real processes. Not tested here, and documented by Windows: that msvcrt.locking
    itself refuses a byte another process holds, and frees it when that process ends."""
    def start(wait: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", WINDOWS, str(tmp_path / "out"), wait], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)

    first = start("0")
    assert first.stdout.readline().strip() == "held"
    second = start("0.3")
    said = second.stdout.readline()
    assert second.wait(timeout=30) == 1
    assert f"another run is writing to {tmp_path / 'out'}: process {first.pid} of" in said, said
    first.kill()            # killed: it cannot unlock, the system does
    first.wait(timeout=30)
    third = start("0")
    said = third.stdout.readline()
    assert said.startswith("held process " + str(first.pid)), said   # took over, naming the run that was killed
    third.stdin.close()
    assert third.wait(timeout=30) == 0
    fourth = start("0")
    assert fourth.stdout.readline().strip() == "held"                # released cleanly: nothing to take over
    fourth.stdin.close()
    assert fourth.wait(timeout=30) == 0


# 3. --anonymise replaces whole names only --------------------------------------------------------------------

def test_anonymise_replaces_whole_council_names_never_words_inside_text(tmp_path, made_returns):
    made = copy.deepcopy(made_returns)
    reading = made["ashby"]
    reading["council"] = "Reading Borough Council"
    reading["adass"]["risks_and_challenges"] = [
        "Reading ages of children in care are below the national average.",
        "Reading Borough Council's care market is fragile; Reading Borough Councillors asked for a review.",
        "READING BOROUGH COUNCIL is not how the council writes its name."]
    reading["indicators"][0]["title"] = "Care homes in Reading Borough Council rated Good"
    folder = _returns(tmp_path, made)
    done = cli("region", "--returns", str(folder), "--out", str(tmp_path / "out"), "--anonymise")
    assert done.returncode == 0, done.stderr
    rows = _rows(tmp_path / "out" / "regional-indicators.csv")
    letter = next(row["council"] for row in rows if row["indicator_id"] == reading["indicators"][0]["id"]
                  and row["title"].startswith("Care homes in Council"))
    assert next(row["title"] for row in rows if row["council"] == letter and
                row["indicator_id"] == reading["indicators"][0]["id"]) == f"Care homes in {letter} rated Good"
    with zipfile.ZipFile(tmp_path / "out" / "regional-summary.docx") as package:
        text = re.sub(r"<[^>]+>", "", package.read("word/document.xml").decode("utf-8"))
    assert "Reading ages of children in care are below the national average." in text      # never corrupted
    assert f"{letter}'s care market is fragile; Reading Borough Councillors asked" in text  # whole names only
    assert "READING BOROUGH COUNCIL is not how" in text                                      # as written, exactly
    assert "Reading Borough Council" not in text.replace("Reading Borough Councillors", "")
    assert "ashby.json: adass.risks_and_challenges[0]: mentions 'Reading', the place in 'Reading Borough " \
           "Council': left as written in the anonymised summary" in done.stderr, done.stderr


def test_a_named_pipe_given_to_check_or_harvest_is_refused_unopened(inputs, tmp_path):
    pipe = tmp_path / "reviewed.docx"
    os.mkfifo(pipe)
    done = cli("check", str(pipe), timeout=60)
    assert done.returncode == 1 and f"{pipe}: file: is a named pipe (FIFO), not a file" in done.stdout, done.stdout
    done = cli("harvest", str(pipe), "--inputs", str(inputs), timeout=60)
    assert done.returncode == 1 and f"{pipe}: is a named pipe (FIFO), not a file" in done.stderr, done.stderr


THREADS = ("import sys, threading; from pathlib import Path; from scrutinyreport import build_pack, load_inputs\n"
           "pack = build_pack(load_inputs(Path(sys.argv[1])))\n"
           "failed = []\n"
           "def write():\n"
           "    try:\n        pack.write(Path(sys.argv[2]))\n"
           "    except BaseException as error:\n        failed.append(error)\n"
           "threads = [threading.Thread(target=write) for _ in range(4)]\n"
           "[t.start() for t in threads]; [t.join() for t in threads]\n"
           "print(failed or 'ok', flush=True)\n")


def test_pack_write_from_several_threads_at_once_leaves_a_whole_pack(work):
    done = subprocess.run([sys.executable, "-c", THREADS, str(work / "in"), str(work / "out2")], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stdout + done.stderr
    assert consistent(work / "out2" / PERIOD)
    assert not [p for p in (work / "out2").iterdir() if p.name.endswith((".staging", ".previous"))]
