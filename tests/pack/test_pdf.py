"""PDF copies are optional: LibreOffice is found on PATH or where its installers put it; asked for and
missing, or failing, `generate --pdf` says so, writes nothing and exits 1, so a scheduler notices.

The program is a stand-in here (a small script that answers as LibreOffice does), so these tests need no
LibreOffice; the rendering tests convert with the real one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpers.inputs_factory import write_inputs
from scrutinyreport.pack import pdf

ROOT = Path(__file__).resolve().parents[2]

STAND_IN = textwrap.dedent("""\
    #!{python}
    import pathlib, sys
    arguments = sys.argv[1:]
    if {fail}:
        print("javaldx: could not find a Java Runtime Environment", file=sys.stderr)
        print("Error: source file could not be loaded", file=sys.stderr)
        sys.exit(3)
    out = pathlib.Path(arguments[arguments.index("--outdir") + 1])
    out.mkdir(parents=True, exist_ok=True)
    for name in arguments[arguments.index("--outdir") + 2:]:
        (out / (pathlib.Path(name).stem + ".pdf")).write_bytes(b"%PDF-1.7 stand-in for " + name.encode())
""")


def stand_in(folder: Path, fail: bool) -> Path:
    program = folder / "soffice"
    program.write_text(STAND_IN.format(python=sys.executable, fail=fail), encoding="utf-8")
    program.chmod(0o755)
    return program


def generate(inputs: Path, out: Path, environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrutinyreport", "generate", "--pdf", "--inputs", str(inputs),
                           "--out", str(out)], capture_output=True, text=True, timeout=300, env=environment)


@pytest.fixture
def inputs(tmp_path) -> Path:
    return write_inputs(tmp_path / "inputs")


def without_soffice(tmp_path: Path) -> dict[str, str]:
    """An environment with no LibreOffice on PATH (an empty folder is all PATH holds)."""
    (tmp_path / "bin").mkdir(exist_ok=True)
    environment = {k: v for k, v in os.environ.items() if k != pdf.PROGRAM_VARIABLE}
    return {**environment, "PATH": str(tmp_path / "bin")}


@pytest.mark.skipif(bool(pdf.usual_places()), reason="LibreOffice is installed in one of Linux's usual places")
def test_pdf_asked_for_without_libreoffice_exits_1_and_writes_nothing(inputs, tmp_path):
    done = generate(inputs, tmp_path / "out", without_soffice(tmp_path))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "PDF copies cannot be made: LibreOffice was not found (looked on PATH" in done.stderr
    assert "build without --pdf" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out" / "2025-07").exists()


def test_a_program_named_that_is_not_there_is_said_so(inputs, tmp_path):
    environment = {**without_soffice(tmp_path), pdf.PROGRAM_VARIABLE: str(tmp_path / "LibreOffice" / "soffice")}
    done = generate(inputs, tmp_path / "out", environment)
    assert done.returncode == 1 and f"{pdf.PROGRAM_VARIABLE} names" in done.stderr, done.stderr
    assert not (tmp_path / "out" / "2025-07").exists()


def test_libreoffice_failing_exits_1_with_its_last_words_and_writes_nothing(inputs, tmp_path):
    environment = {**without_soffice(tmp_path), pdf.PROGRAM_VARIABLE: str(stand_in(tmp_path, fail=True))}
    done = generate(inputs, tmp_path / "out", environment)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "stopped with exit status 3: Error: source file could not be loaded" in done.stderr
    assert "Nothing was generated" in done.stderr
    assert not (tmp_path / "out" / "2025-07").exists()


def test_libreoffice_found_on_path_makes_a_pdf_of_each_document(inputs, tmp_path):
    environment = without_soffice(tmp_path)
    stand_in(tmp_path / "bin", fail=False)
    done = generate(inputs, tmp_path / "out", environment)
    assert done.returncode == 0, done.stdout + done.stderr
    folder = tmp_path / "out" / "2025-07"
    documents = sorted(p.stem for p in folder.glob("*.docx"))
    assert sorted(p.stem for p in folder.glob("*.pdf")) == documents and documents
    listed = {o["path"] for o in json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["outputs"]}
    assert {f"{name}.pdf" for name in documents} <= listed


def test_the_usual_places_on_windows_and_macos():
    windows = pdf.usual_places("win32", {"ProgramFiles": "C:\\Program Files", "ProgramW6432": "C:\\Program Files",
                                         "ProgramFiles(x86)": "C:\\Program Files (x86)",
                                         "LOCALAPPDATA": "C:\\Users\\jo\\AppData\\Local"})
    assert windows == ["C:\\Program Files\\LibreOffice\\program\\soffice.exe",
                       "C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe",
                       "C:\\Users\\jo\\AppData\\Local\\Programs\\LibreOffice\\program\\soffice.exe"]
    assert pdf.usual_places("darwin", {"HOME": "/Users/jo"}) == [
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        "/Users/jo/Applications/LibreOffice.app/Contents/MacOS/soffice"]


def test_the_library_keeps_the_word_pack_and_warns_when_pdf_copies_cannot_be_made(monkeypatch, tmp_path):
    from scrutinyreport import build_pack, load_inputs
    monkeypatch.setenv(pdf.PROGRAM_VARIABLE, str(tmp_path / "no-such-program"))
    built = build_pack(load_inputs(write_inputs(tmp_path / "inputs")), pdf=True)
    assert built.documents and not any(path.endswith(".pdf") for path in built.files)
    assert any("PDF copies cannot be made" in warning for warning in built.warnings)
