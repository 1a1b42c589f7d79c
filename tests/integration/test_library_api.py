"""A library that speaks Python: paths as str or PathLike, progress and warnings through logging (logger
scrutinyreport), the warnings validate prints held as lists by the pack data and the analysis, and frames
checked for what the documents quote."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path, PurePath

import pandas as pd
import pytest

from helpers.inputs_factory import write_inputs
from scrutinyreport import InputError, analyse, build_pack, from_frames, load_inputs, validate_inputs
from scrutinyreport.errors import Problem, Reason, Severity
from scrutinyreport.model import Period

ROOT = Path(__file__).resolve().parents[2]


class Where(os.PathLike):
    """A PathLike that is not a pathlib path (as some libraries' path objects are)."""

    def __init__(self, path: Path):
        self.path = path

    def __fspath__(self) -> str:
        return str(self.path)


@pytest.mark.parametrize("kind", [str, Path, Where], ids=["str", "Path", "PathLike"])
def test_paths_as_str_or_pathlike(tmp_path, kind):
    inputs = write_inputs(tmp_path / "inputs")
    result = validate_inputs(kind(inputs))
    assert result.pack is not None, result.problems.report()
    pack = load_inputs(kind(inputs), "2025-07")
    assert pack.period == Period(2025, 7)
    built = build_pack(pack, figure_cache=kind(tmp_path / "cache"), charts="picture")   # the cache holds pictures
    written = built.write(kind(tmp_path / "out"))
    assert (tmp_path / "out" / "2025-07" / "manifest.json").is_file() and written.written
    assert list((tmp_path / "cache").iterdir())


def test_validate_inputs_takes_a_relative_str_as_the_readme_writes_it(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "inputs", tmp_path / "inputs")
    monkeypatch.chdir(tmp_path)
    assert validate_inputs("inputs").pack is not None
    with pytest.raises(ValueError, match="expected a month such as 2026-09"):
        load_inputs("inputs", "last month")


def validate_warnings(inputs: Path) -> list[str]:
    """The warning lines `scrutinyreport validate` prints."""
    done = subprocess.run([sys.executable, "-m", "scrutinyreport", "validate", "--inputs", str(inputs)],
                          capture_output=True, text=True, timeout=120)
    return [line for line in done.stdout.splitlines() if line.startswith("warning: ")]


def test_pack_data_and_analysis_hold_the_warnings_validate_prints(tmp_path):
    inputs = write_inputs(tmp_path / "inputs")
    (inputs / "narrative").mkdir()
    (inputs / "narrative" / "background.md").write_text("# Background\n\n#### Too deep\n\nText.\n", encoding="utf-8")
    pack = load_inputs(inputs)
    analysis = analyse(pack)
    assert isinstance(pack.warnings, list) and isinstance(analysis.warnings, list)
    assert all(isinstance(w, Problem) and w.severity is Severity.WARNING for w in pack.warnings)
    assert [str(w) for w in pack.warnings] == [str(w) for w in analysis.warnings] == validate_warnings(inputs)
    reasons = {w.reason for w in pack.warnings}
    assert {Reason.LEFT_OUT, Reason.NARRATIVE} <= reasons       # no finance.csv; a heading printed a level up
    # not part of what the data is: two packs from the same inputs are equal, whatever their warnings
    assert pack == load_inputs(inputs) and "warnings" not in repr(pack)


def test_progress_and_warnings_are_logged(tmp_path, caplog):
    inputs = write_inputs(tmp_path / "inputs")
    with caplog.at_level(logging.INFO, logger="scrutinyreport"):
        pack = load_inputs(inputs)
        build_pack(pack).write(tmp_path / "out")
    records = [(r.name.split(".")[0], r.levelno, r.getMessage()) for r in caplog.records]
    assert all(name == "scrutinyreport" for name, _, _ in records)
    messages = [message for _, level, message in records if level == logging.INFO]
    assert any(m.startswith("Read 6 indicators over 2 months") for m in messages), messages
    assert any(m.startswith("Drew ") for m in messages) and any(m.startswith("Rendered ") for m in messages)
    assert any(m.startswith("Wrote ") for m in messages)
    warned = [message for _, level, message in records if level == logging.WARNING]
    assert warned[:len(pack.warnings)] == [str(w) for w in pack.warnings]


def test_a_library_user_sees_nothing_unless_they_ask_for_logging(tmp_path):
    """The logger has a NullHandler: no stray text on standard error from a library call."""
    script = ("from scrutinyreport import load_inputs\n"
              f"load_inputs({str(write_inputs(tmp_path / 'inputs'))!r})\n")
    quiet = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert quiet.returncode == 0 and quiet.stderr == ""
    told = subprocess.run([sys.executable, "-c", "import logging; logging.basicConfig()\n" + script],
                          capture_output=True, text=True, timeout=120)
    assert "WARNING:scrutinyreport.loading:warning: " in told.stderr


@pytest.fixture(scope="module")
def frames():
    pack = load_inputs(ROOT / "inputs")
    return {"indicators": pd.read_csv(ROOT / "inputs" / "indicators.csv"), "observations": pack.observations_frame(),
            "finance": pd.read_csv(ROOT / "inputs" / "finance.csv")}


def test_frames_without_finance_name_the_figure_that_quotes_it(frames):
    with pytest.raises(InputError) as raised:
        from_frames(indicators=frames["indicators"], observations=frames["observations"],
                    settings=ROOT / "inputs" / "pack.yaml")
    report = raised.value.report()
    assert "inputs/pack.yaml, line 30: found '{{ finance.year }}': there are no finance figures to quote (give " \
           "from_frames a finance frame): add them, or take the figure out" in report, report
    assert "'dict object'" not in report and "1 error(s)" in report


def test_frames_with_one_year_of_finance_name_the_previous_year_quoted(frames, tmp_path):
    settings = (ROOT / "inputs" / "pack.yaml").read_text(encoding="utf-8").replace(
        "{{ finance.year }}", "{{ finance.year }} (against {{ finance.previous_total }})")
    (tmp_path / "pack.yaml").write_text(settings, encoding="utf-8")
    finance = frames["finance"][frames["finance"]["year"] == "2025/26"]
    with pytest.raises(InputError) as raised:
        from_frames(indicators=frames["indicators"], observations=frames["observations"],
                    settings=tmp_path / "pack.yaml", finance=finance)
    assert "found '{{ finance.previous_total }}': the finance figures (give from_frames a finance frame) have " \
           "one year" in raised.value.report()


def test_frames_without_the_optional_parts_build_with_a_warning_for_each(frames, tmp_path):
    pack = from_frames(indicators=frames["indicators"], observations=frames["observations"],
                       settings=PurePath(ROOT / "inputs" / "pack.yaml"), finance=frames["finance"],
                       self_assessment=load_inputs(ROOT / "inputs").self_assessment)   # its appendix is cited
    left_out = {w.file: w.message for w in pack.warnings if w.reason is Reason.LEFT_OUT}
    assert left_out.keys() == {"benchmarks frame", "activity frame"}
    assert "who we supported" in left_out["activity frame"]
    built = build_pack(pack)
    assert "local-account.docx" in built.documents and "committee-update.docx" in built.documents


def test_files_without_finance_quoted_by_narrative_and_recommendations_are_validate_errors_said_once(tmp_path):
    shutil.copytree(ROOT / "inputs", tmp_path / "inputs")
    (tmp_path / "inputs" / "finance.csv").unlink()
    done = subprocess.run([sys.executable, "-m", "scrutinyreport", "validate", "--inputs",
                           str(tmp_path / "inputs")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    errors = [line for line in done.stdout.splitlines() if line.startswith("error: ")]
    assert errors and all("there are no finance figures to quote (finance.csv)" in e for e in errors), done.stdout
    assert "6 error(s)" in done.stdout and "pack.yaml line 30" in done.stdout   # each place once, no Jinja words
    assert "'dict object'" not in done.stdout
