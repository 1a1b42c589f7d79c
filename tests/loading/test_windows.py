"""What differs on Windows (and macOS), exercised here as far as Linux allows.

Emulated here: a file system that does not tell capital letters apart (ids that differ only in case are
refused, since their charts would share a file), Windows' 260-character paths (ids are kept short), output
redirected to a file in the code page (cp1252, through PYTHONIOENCODING), LibreOffice's places on Windows
and macOS (pack/test_pdf.py), and the spawn start method (integration/test_start_methods.py).

Not testable here: a real Windows or macOS file system, console and installer; the output folder's lock
on Windows (msvcrt byte-range locking) and replacing a folder while Word holds a file in it, which belong to
the pack's writer and lock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers.inputs_factory import INDICATORS, write_inputs
from scrutinyreport.errors import Reason
from scrutinyreport.loading import validate_inputs
from scrutinyreport.loading.limits import MAX_ID_CHARS


def test_ids_that_differ_only_in_capital_letters_are_refused(tmp_path):
    catalogue = INDICATORS + "Reablement,Reablement again,Prevention,percent,higher_is_better,77.5,5,1,,,\n"
    result = validate_inputs(write_inputs(tmp_path / "in", indicators=catalogue))
    errors = result.problems.errors
    assert len(errors) == 1 and errors[0].reason is Reason.DUPLICATE, result.problems.report()
    assert "indicators.csv, line 8, column 'id': found 'Reablement': this id differs from 'reablement' (line 2) " \
           "only in capital letters" in str(errors[0])


def test_ids_are_short_enough_for_windows_paths(tmp_path):
    long_id = "a" * (MAX_ID_CHARS + 1)
    catalogue = INDICATORS + f"{long_id},Long,Prevention,percent,higher_is_better,77.5,5,1,,,\n"
    errors = validate_inputs(write_inputs(tmp_path / "in", indicators=catalogue)).problems.errors
    assert len(errors) == 1 and f"the id has {MAX_ID_CHARS + 1} characters; at most {MAX_ID_CHARS}" in str(errors[0])


def test_output_redirected_in_windows_code_page_never_stops_a_command(tmp_path):
    inputs = write_inputs(tmp_path / "in")
    done = subprocess.run([sys.executable, "-m", "scrutinyreport", "summary", "-i", str(inputs)],
                          capture_output=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "cp1252"})
    assert done.returncode == 0, done.stderr.decode("cp1252")
    text = done.stdout.decode("cp1252")
    assert "? Improving" in text and "\u00a310,080" in text   # no arrow in cp1252 (shown as ?), the pound sign is


def test_paths_in_messages_and_the_manifest_use_forward_slashes_whatever_the_system(tmp_path):
    inputs = write_inputs(tmp_path / "in")
    result = validate_inputs(inputs)
    assert all("\\" not in f.path for f in result.pack.files)
    assert {f.path for f in result.pack.files} >= {"pack.yaml", "indicators.csv", "monthly/2025-07.csv"}
    assert all(Path(p).as_posix() == p for p in (f.path for f in result.pack.files))
