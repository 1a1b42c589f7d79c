"""Fuzzing `validate`: thousands of mutated cells, lines, YAML documents and narrative expressions, each of
which must give a report (exit status 0 or 1), never an exception and never a hang; and `region`: returns with
values replaced by any JSON at all (NaN, infinities, huge numbers, control characters, lone surrogates, long
texts), nested thousands deep, or broken as text, each of which must give exit status 0 or 1 and, for 1, a
message naming the file.

Seeded (derandomised) so that a failure reproduces; the whole run takes about 15 seconds on a quiet
2-core machine."""

from __future__ import annotations

import argparse
import contextlib
import copy
import csv
import io
import json
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.inputs_factory import write_inputs
from helpers.region_factory import make_returns
from scrutinyreport.cli import build_parser

EXAMPLES = 800   # with one to four mutations each: about 2,000 mutated files
SECONDS_PER_EXAMPLE = 10
NARRATIVE = ("# Background\n\n{{ counts.green }} of {{ counts.total }} on target; reablement "
             "{{ indicators.reablement.latest }} ({{ indicators.reablement.change }}).\n")
SELF_ASSESSMENT = """\
submitted: 2026-01-05
themes:
  - name: Working with people
    statements:
      - id: assessing_needs
        score: 3
        strengths: ["Good"]
        evidence: [reablement]
adass:
  proud_of: ["Our staff"]
"""
FILES = ("indicators.csv", "monthly/2025-07.csv", "monthly/2025-06.csv", "pack.yaml", "self_assessment.yaml",
         "narrative/background.md")

# values that have broken parsers before, by kind of file, mixed with anything at all (one in four)
COMMON = ["", " ", "\x00", "\x0b", "\ufeff", "é", "\u202e", '"', "'", "\\", "9" * 400]
CELLS = COMMON + ["-", "n/a", "No data", "27%", "1,924", "£10,080", "1e308", "-0", "nan", "inf", "(5)", "£-5%",
                  "0.27", "101", "yes", "maybe", ",", ";", "\t", "\r\n", "a,b", '"unclosed', "5%", "x" * 300]
YAML_VALUES = COMMON + ["2026-02-30", "2026-13-01", "2026-02-29", "2026-09", "0000-01-01", "no", '"no"', "yes",
                        "maybe", "null", "~", "[]", "{}", "[1, [2, [3]]]", "{a: [", "&a x", "*a", "x: &a [*a]",
                        "!!python/object:os.system", "!!binary AAAA", "- - -", "? x", "1e999", "-1", "0", "5",
                        "[[[[[[[[", "|", ">", "'{{ counts.red }}'", "\"\\0\""]
TEMPLATE_LINES = COMMON + ["{{", "}}", "{%", "{{ none }}", "{{ counts }}", "{{ counts.update({}) }}",
                           "{{ indicators.reablement }}", "{{ indicators.nope.latest }}", "{{ 9 ** 9999 }}",
                           "{{ 'x' * 999999999 }}", "{% for x in range(99999) %}{{ x }}{% endfor %}",
                           "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "{{ ''.__class__ }}",
                           "{{ lipsum(9) }}", "{% raw %}", "# ", "###### deep", "- - - list", "| a | b |",
                           "{{ period|upper }}", "{{ counts.red / 0 }}", "{{ range(5)|list }}"]


def _values(samples: list[str]) -> st.SearchStrategy[str]:
    listed = st.sampled_from(samples)
    return st.one_of(listed, listed, listed, st.text(max_size=40))


VALUES = {"csv": _values(CELLS), "yaml": _values(YAML_VALUES), "md": _values(TEMPLATE_LINES)}


class Hang(Exception):
    pass


def _raise_hang(signum, frame):   # noqa: ANN001
    raise Hang("validate took longer than the limit")


def _run_within(args: argparse.Namespace, seconds: int, redirect: Callable[[io.StringIO], Any]) -> tuple[int, str]:
    """The command's exit status and what it printed (to the redirected stream), stopped as a hang after
    ``seconds``. Not main(): it would turn an exception into a message."""
    previous = signal.signal(signal.SIGALRM, _raise_hang)
    signal.alarm(seconds)
    try:
        with redirect(io.StringIO()) as printed:
            status = args.run(args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return status, printed.getvalue()


def _mutate_csv(text: str, data: st.DataObject, values: st.SearchStrategy[str]) -> str:
    try:
        rows = [row for row in csv.reader(io.StringIO(text))]
    except csv.Error:   # an earlier mutation left the text no CSV reader takes: mutate its lines instead
        rows = []
    if not rows:
        return _mutate_lines(text, data, values)
    row = data.draw(st.integers(0, len(rows) - 1))
    column = data.draw(st.integers(0, max(len(rows[row]) - 1, 0)))
    if rows[row]:
        rows[row][column] = data.draw(values)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _mutate_lines(text: str, data: st.DataObject, values: st.SearchStrategy[str]) -> str:
    lines = text.split("\n")
    index = data.draw(st.integers(0, len(lines) - 1))
    action = data.draw(st.sampled_from(["replace", "insert", "delete", "duplicate", "splice", "truncate"]))
    if action == "replace":
        lines[index] = data.draw(values)
    elif action == "insert":
        lines.insert(index, data.draw(values))
    elif action == "delete":
        del lines[index]
    elif action == "duplicate":
        lines.insert(index, lines[index])
    elif action == "splice":
        at = data.draw(st.integers(0, len(lines[index])))
        lines[index] = lines[index][:at] + data.draw(values) + lines[index][at:]
    else:
        return text[: data.draw(st.integers(0, len(text)))]
    return "\n".join(lines)


def _mutate_yaml_value(text: str, data: st.DataObject, values: st.SearchStrategy[str]) -> str:
    """Replace what follows one 'key:' with another value (any text, or an awkward YAML fragment)."""
    lines = text.split("\n")
    keyed = [n for n, line in enumerate(lines) if ":" in line]
    if not keyed:
        return _mutate_lines(text, data, values)
    index = data.draw(st.sampled_from(keyed))
    key = lines[index].split(":", 1)[0]
    lines[index] = f"{key}: {data.draw(values)}"
    return "\n".join(lines)


def _base(root: Path) -> None:
    write_inputs(root)
    (root / "narrative").mkdir(exist_ok=True)
    (root / "narrative" / "background.md").write_text(NARRATIVE, encoding="utf-8")
    (root / "self_assessment.yaml").write_text(SELF_ASSESSMENT, encoding="utf-8")


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_validate_never_raises_and_never_hangs(data):
    with tempfile.TemporaryDirectory(prefix="fuzz-") as work:
        root = Path(work) / "in"
        _base(root)
        texts: dict[str, str] = {}
        for _ in range(data.draw(st.integers(1, 4))):
            name = data.draw(st.sampled_from(FILES))
            text = texts[name] if name in texts else (root / name).read_text(encoding="utf-8")
            values = VALUES[name.rsplit(".", 1)[-1]]
            if name.endswith(".csv") and data.draw(st.booleans()):
                text = _mutate_csv(text, data, values)
            elif name.endswith(".yaml") and data.draw(st.integers(0, 3)) > 0:
                text = _mutate_yaml_value(text, data, values)
            else:
                text = _mutate_lines(text, data, values)
            texts[name] = text
        for name, text in texts.items():
            encoding = data.draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "cp1252", "utf-16"]))
            (root / name).write_bytes(text.encode(encoding, errors="replace"))
        args = build_parser().parse_args(["validate", "--inputs", str(root)])
        status, report = _run_within(args, SECONDS_PER_EXAMPLE, contextlib.redirect_stdout)
        assert status in (0, 1)
        assert "error(s)" in report
        assert (status == 1) == (" 0 error(s)" not in f" {report}" and "\n0 error(s)" not in report)


# ------------------------------------------------------------------------------------------------ returns

RETURN_EXAMPLES = 300
SECONDS_PER_RETURN = 30     # a return that passes every check is drawn and written: a regional summary
JSON_TEXT = st.one_of(st.text(max_size=30), st.sampled_from(["\x00", "\x07", "\ud800", "\udfff", "\ufffe", "=1+1",
                                                             "2026-13", "x" * 6000, "", " ", "\u202e"]))
JSON_NUMBERS = st.one_of(st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                         st.sampled_from([10 ** 400, -(10 ** 30), 1e308, 5, 0, -1, 2.5]))
JSON_VALUES = st.recursive(st.one_of(st.none(), st.booleans(), JSON_NUMBERS, JSON_TEXT),
                           lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                   st.dictionaries(JSON_TEXT, inner, max_size=4)), max_leaves=12)


@pytest.fixture(scope="module")
def made_returns(tmp_path_factory) -> dict[str, dict]:
    """The library's own returns, made once."""
    return make_returns(tmp_path_factory.mktemp("fuzz-returns"))


def _paths(data: object, path: tuple = ()) -> list[tuple]:
    """Every JSON path of a document (to a value, list or object)."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, path + (index,))
    return found


def _value(data: object, path: tuple) -> object:
    for part in path:
        data = data[part]   # type: ignore[index]
    return data


def _replace(data: object, path: tuple, value: object) -> object:
    if not path:
        return value
    copied = copy.deepcopy(data)
    owner = copied
    for part in path[:-1]:
        owner = owner[part]   # type: ignore[index]
    owner[path[-1]] = value   # type: ignore[index]
    return copied


def _mutated_return(data: st.DataObject, made: dict[str, dict]) -> bytes:
    base = copy.deepcopy(made[data.draw(st.sampled_from(["fenmoor", "brindle"]))])
    kind = data.draw(st.sampled_from(["value", "value", "value", "nested", "raw", "anything", "text"]))
    if kind == "anything":
        return json.dumps(data.draw(JSON_VALUES)).encode("utf-8")
    if kind == "text":   # one text replaced: often still a valid return, so drawn and written in full
        texts = [path for path in _paths(base) if isinstance(_value(base, path), str) and path[-1] != "schema_version"]
        base = _replace(base, data.draw(st.sampled_from(texts)), data.draw(JSON_TEXT))
        return json.dumps(base).encode("utf-8")
    for _ in range(data.draw(st.integers(1, 3))):
        base = _replace(base, data.draw(st.sampled_from(_paths(base))), data.draw(JSON_VALUES))
    text = json.dumps(base, ensure_ascii=data.draw(st.booleans()))
    if kind == "nested":
        depth = data.draw(st.sampled_from([30, 900, 5_000, 100_000]))
        text = text.replace('"council": ', '"council": ' + "[" * depth + "]" * depth + ", \"was\": ", 1)
    elif kind == "raw":
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.sampled_from(["NaN", "-Infinity", "[[[[", "}", ",", "\\u0000", '"\\ud834"',
                                                      "1e999", "9" * 5000, "\x00"])) + text[at:]
    return text.encode("utf-8", errors="surrogatepass")


@pytest.mark.slow
@settings(max_examples=RETURN_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_region_never_raises_and_never_hangs_on_any_return(made_returns, data):
    with tempfile.TemporaryDirectory(prefix="fuzz-region-") as work:
        folder = Path(work) / "returns"
        folder.mkdir()
        (folder / "fuzzed.json").write_bytes(_mutated_return(data, made_returns))
        (folder / "other.json").write_text(json.dumps(made_returns["ashby"]), encoding="utf-8")
        args = build_parser().parse_args(["region", "--returns", str(folder), "--out", str(Path(work) / "out"),
                                          "--quiet", *(["--anonymise"] if data.draw(st.booleans()) else [])])
        status, said = _run_within(args, SECONDS_PER_RETURN, contextlib.redirect_stderr)
        assert status in (0, 1)
        if status == 1:
            assert "fuzzed.json" in said or "error: returns:" in said, said
