"""The command line in a subprocess, as the hardening tests run it: with an environment fault injected by
helpers/faults.py when asked, each run's processes marked so that none can be left behind unnoticed; and
what a pack folder holds."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAULTS = Path(__file__).resolve().parent / "faults.py"


NARRATIVE = "# Background and key issues\n\n{{ counts.green }} indicators are on target in {{ period }}.\n"


def cli(*args: str, fault: str | None = None, mark: str = "", umask: int | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess:
    command = [sys.executable, str(FAULTS), fault, "--", *args] if fault else \
        [sys.executable, "-m", "scrutinyreport.cli", *args]
    environment = dict(os.environ, SCRUTINY_TEST_MARK=mark or uuid.uuid4().hex)
    if fault:   # a script finds the package through the environment, as its worker processes do
        environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    # files, not pipes: an orphaned worker holding a pipe open would keep the test waiting
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        code = subprocess.run(command, stdout=out, stderr=err, text=True, cwd=ROOT, timeout=timeout,
                              env=environment, preexec_fn=(lambda: os.umask(umask)) if umask is not None else None
                              ).returncode
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(command, code, out.read(), err.read())
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return done


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def consistent(folder: Path) -> bool:
    """Every file the manifest lists is there with its hash, and nothing it does not list was written."""
    manifest = json.loads((folder / "manifest.json").read_text())
    files = snapshot(folder)
    listed = {e.get("written_as", e["path"]) for e in manifest["outputs"]}
    return set(files) - {"manifest.json"} == listed and all(
        hashlib.sha256(files[e.get("written_as", e["path"])]).hexdigest() == e["sha256"]
        for e in manifest["outputs"])
