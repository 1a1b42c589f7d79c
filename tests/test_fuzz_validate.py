"""Fuzzing `validate`: thousands of mutated cells, lines, YAML documents and narrative expressions, each of
which must give a report (exit status 0 or 1), never an exception and never a hang.

Seeded (derandomised) so that a failure reproduces; the whole run takes about 15 seconds on a quiet
2-core machine."""

from __future__ import annotations

import contextlib
import csv
import io
import signal
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inputs_factory import write_inputs
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


def _mutate_csv(text: str, data: st.DataObject, values: st.SearchStrategy[str]) -> str:
    rows = [row for row in csv.reader(io.StringIO(text))]
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
        previous = signal.signal(signal.SIGALRM, _raise_hang)
        signal.alarm(SECONDS_PER_EXAMPLE)
        try:
            with contextlib.redirect_stdout(io.StringIO()) as printed:
                status = args.run(args)   # not main(): it would turn an exception into a message
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        assert status in (0, 1)
        report = printed.getvalue()
        assert "error(s)" in report
        assert (status == 1) == (" 0 error(s)" not in f" {report}" and "\n0 error(s)" not in report)
