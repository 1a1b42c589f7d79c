"""What generate prints (progress on a terminal, quiet when piped, --verbose), --version, and a council's
restyled templates through `templates DIR` and `generate --templates DIR`."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

import scrutinyreport
from helpers.inputs_factory import write_inputs
from scrutinyreport.documents.templates import FILES

ROOT = Path(__file__).resolve().parents[2]
COMMAND = [sys.executable, "-m", "scrutinyreport.cli"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def run_on_terminal(*args: str) -> tuple[int, str]:
    """Run with standard output on a real pseudo-terminal; returns the exit code and what it showed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([*COMMAND, *args], stdout=follower, stderr=subprocess.DEVNULL, cwd=ROOT)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:   # the terminal closes when the process ends
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return process.wait(timeout=300), shown.decode("utf-8").replace("\r\n", "\n")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    return write_inputs(tmp_path_factory.mktemp("progress") / "inputs")


def test_version():
    done = run("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"scrutinyreport {scrutinyreport.__version__}"


def test_a_terminal_sees_each_step(inputs, tmp_path):
    code, shown = run_on_terminal("generate", "--inputs", str(inputs), "--out", str(tmp_path / "out"))
    assert code == 0, shown
    lines = shown.splitlines()
    assert lines[0].startswith("Read 6 indicators over 2 months")
    assert any(re.fullmatch(r"Drew \d+ figures", line) for line in lines), lines
    assert "Rendered committee-update.docx" in lines
    assert lines[-1].startswith("Wrote ")


def test_quiet_on_a_terminal_prints_nothing(inputs, tmp_path):
    code, shown = run_on_terminal("generate", "--inputs", str(inputs), "--out", str(tmp_path / "out"), "--quiet")
    assert code == 0 and shown == ""
    assert (tmp_path / "out" / "2025-07" / "committee-update.docx").is_file()


def test_verbose_when_piped_gives_timed_steps_and_every_file(inputs, tmp_path):
    done = run("generate", "--inputs", str(inputs), "--out", str(tmp_path / "out"), "--verbose")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert all(re.match(r"\[\s*\d+\.\ds\] ", line) for line in lines), lines
    steps = [line.split("] ", 1)[1] for line in lines]
    assert steps[0] == "Templates from the scrutinyreport package"
    assert steps[1].startswith("Read 6 indicators")
    assert "  committee-update.docx" in steps and any(s.startswith("  figures/") for s in steps)
    assert steps[-1].startswith("Wrote ")
    assert run("generate", "--quiet", "--verbose").returncode == 2   # one or the other


def test_restyled_templates_are_used(inputs, tmp_path):
    folder = tmp_path / "our-templates"
    done = run("templates", str(folder))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)
    template = folder / "committee_update.docx"
    restyled = docx.Document(str(template))
    restyled.styles["Title"].font.name = "Liberation Serif"
    restyled.save(str(template))
    again = run("templates", str(folder))
    assert again.returncode == 1 and "already exists" in again.stderr   # a restyled copy is never replaced

    assert run("generate", "--inputs", str(inputs), "--out", str(tmp_path / "out")).returncode == 0
    done = run("generate", "--inputs", str(inputs), "--out", str(tmp_path / "out"), "--templates", str(folder))
    assert done.returncode == 0 and done.stdout.startswith("Wrote "), done.stdout + done.stderr   # not up to date
    with zipfile.ZipFile(tmp_path / "out" / "2025-07" / "committee-update.docx") as document:
        assert "Liberation Serif" in document.read("word/styles.xml").decode("utf-8")


def test_a_templates_folder_missing_a_template_stops_the_build(inputs, tmp_path):
    folder = tmp_path / "partial"
    assert run("templates", str(folder)).returncode == 0
    (folder / "dashboard_appendix.docx").unlink()
    done = run("generate", "--inputs", str(inputs), "--out", str(tmp_path / "out"), "--templates", str(folder))
    assert done.returncode == 1
    assert f"{folder.as_posix()}/dashboard_appendix.docx not found" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()
