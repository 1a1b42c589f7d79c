"""Benchmark: a whole sample pack build as an officer runs it, in a fresh process each time.

Prints medians of N runs of: a cold build into an empty output folder (no figure cache), a rebuild after
an input changed (figures cached), and a rerun with nothing changed (a no-op). Not a test: read it with
the machine's noise in mind.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(inputs: Path, out: Path) -> float:
    began = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "generate.py"), "--inputs", str(inputs), "--out", str(out),
                    "--quiet"], check=True, cwd=ROOT)
    return time.perf_counter() - began


def touch_input(inputs: Path) -> None:
    """Change one narrative word, so documents are rebuilt but the figures' data is not."""
    path = inputs / "narrative" / "origin.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("twice a year", "two times a year") if "twice a year" in text
                    else text.replace("two times a year", "twice a year"), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cold, changed, noop = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "inputs"
        shutil.copytree(ROOT / "inputs", inputs)
        for n in range(args.runs):
            out = Path(tmp) / f"out{n}"
            cold.append(run(inputs, out))
            touch_input(inputs)
            changed.append(run(inputs, out))
            noop.append(run(inputs, out))
    for name, times in (("cold build (new process, empty output folder)", cold),
                        ("rebuild after a narrative change", changed),
                        ("rerun with nothing changed", noop)):
        print(f"{name}: median {statistics.median(times):.2f} s "
              f"(min {min(times):.2f}, max {max(times):.2f}, {len(times)} runs)")


if __name__ == "__main__":
    main()
