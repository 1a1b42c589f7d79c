"""Safe under every start method. Windows has only spawn (and macOS starts with it), where a worker process
runs the calling script again: the README's library snippet, a script with no main guard, must build in one
process; the command line (whose entry points have the guard) draws in a pool of spawned workers and gives
the same pack as with fork."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from helpers.readme import readme_example

ROOT = Path(__file__).resolve().parents[2]

SPAWN = "import multiprocessing\nmultiprocessing.set_start_method('spawn', force=True)\n"


def run_script(folder: Path, text: str) -> subprocess.CompletedProcess:
    """Run text as a script file (spawn re-runs a script's file in each worker, not a `-c` string)."""
    script = folder / "notebook_script.py"
    script.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=folder, timeout=300)


def test_the_readme_snippet_runs_as_a_script_without_a_main_guard_under_spawn(tmp_path):
    shutil.copytree(ROOT / "inputs", tmp_path / "inputs")
    snippet = readme_example()
    assert "__main__" not in snippet
    done = run_script(tmp_path, SPAWN + snippet)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "'committee-update.docx'" in done.stdout
    assert (tmp_path / "out" / "2026-09" / "committee-update.docx").is_file()


def test_the_same_script_asking_for_a_pool_fails_under_spawn_so_the_test_above_means_something(tmp_path):
    shutil.copytree(ROOT / "inputs", tmp_path / "inputs")
    snippet = readme_example().replace("build_pack(analysis)", "build_pack(analysis, processes=2, charts='picture')")
    assert "processes=2" in snippet   # pictures: native charts are drawn in no pool
    done = run_script(tmp_path, SPAWN + snippet)
    assert done.returncode != 0
    assert "BrokenProcessPool" in done.stderr or "bootstrapping phase" in done.stderr, done.stderr


def test_the_command_line_draws_in_spawned_workers_and_gives_the_same_pack(tmp_path):
    arguments = ["generate", "--quiet", "--charts", "picture", "--inputs", str(ROOT / "inputs"), "--out", "spawned"]
    script = ("import multiprocessing, sys\nfrom scrutinyreport.cli import main\n"
              "if __name__ == '__main__':\n"
              "    multiprocessing.set_start_method('spawn')\n"
              f"    sys.exit(main({arguments!r}))\n")
    done = run_script(tmp_path, script)
    assert done.returncode == 0, done.stdout + done.stderr
    forked = subprocess.run([sys.executable, "-m", "scrutinyreport", "generate", "--quiet", "--charts", "picture",
                             "--inputs",
                             str(ROOT / "inputs"), "--out", str(tmp_path / "forked")], capture_output=True, text=True,
                            timeout=300)
    assert forked.returncode == 0, forked.stderr
    spawned, usual = tmp_path / "spawned" / "2026-09", tmp_path / "forked" / "2026-09"
    names = sorted(p.relative_to(usual).as_posix() for p in usual.rglob("*.docx")) + \
        sorted(p.relative_to(usual).as_posix() for p in usual.rglob("*.png"))
    assert len(names) > 40
    for name in names:
        assert (spawned / name).read_bytes() == (usual / name).read_bytes(), name
