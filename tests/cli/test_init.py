"""`scrutinyreport init`: a starter folder (the sample inputs, what to change first, the input contract) from
which `generate` builds at once; never written over files that are there. (The installed wheel's own copy
of the sample is tested in integration/test_wheel.py; here the editable install reads the repository's.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def scrutinyreport(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrutinyreport", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_init_then_generate_from_an_empty_folder(tmp_path):
    started = scrutinyreport("init", cwd=tmp_path)
    assert started.returncode == 0, started.stderr
    assert "Next: scrutinyreport generate" in started.stdout
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    sample = sorted("inputs/" + p.relative_to(ROOT / "inputs").as_posix() for p in (ROOT / "inputs").rglob("*")
                    if p.is_file())
    assert written == sorted([*sample, "README.md", "INPUTS.md"])
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "inputs/pack.yaml" in readme and "scrutinyreport validate" in readme

    built = scrutinyreport("generate", cwd=tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    assert built.stdout.startswith("Wrote ") and "2026-09" in built.stdout
    assert (tmp_path / "out" / "2026-09" / "committee-update.docx").is_file()


def test_init_into_a_new_folder_names_it_in_what_to_do_next(tmp_path):
    started = scrutinyreport("init", "our pack", cwd=tmp_path)
    assert started.returncode == 0, started.stderr
    assert "Next: cd our pack, then scrutinyreport generate" in started.stdout
    assert (tmp_path / "our pack" / "inputs" / "monthly" / "2026-09.csv").is_file()


def test_init_never_writes_over_a_file_and_then_writes_nothing(tmp_path):
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "pack.yaml").write_text("council: Ours\n", encoding="utf-8")
    refused = scrutinyreport("init", cwd=tmp_path)
    assert refused.returncode == 1
    assert "inputs/pack.yaml is already there: nothing was written" in refused.stderr.replace("\\", "/")
    assert (tmp_path / "inputs" / "pack.yaml").read_text(encoding="utf-8") == "council: Ours\n"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["inputs", "pack.yaml"]


def test_python_m_scrutinyreport_is_the_command_line(tmp_path):
    done = scrutinyreport("--help", cwd=tmp_path)
    assert done.returncode == 0 and "init" in done.stdout and "generate" in done.stdout
