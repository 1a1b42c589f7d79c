"""Benchmark: the sample pack against a naive baseline, in one run.

The baseline is the plainest way to make charts: a script that draws 40 default matplotlib line charts
(pyplot, 36 points, a title) to PNG one after another. Each round runs, each in a new process: the baseline;
a cold sample pack (empty output folder, no figure cache); and a rerun with nothing changed. Wall time and
CPU time (the process and its children: the pack draws in two processes, the baseline in one) are measured
around each; the medians and their ratios to the baseline are printed.

    python bench/bench_against_naive.py [--runs 5]

Targets: a cold pack at most 0.6 of the baseline's CPU time, a rerun at most 0.1. Not a test: read it with
the machine's noise in mind.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHARTS = 40

NAIVE = f"""
import os, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
for i in range({CHARTS}):
    fig, ax = plt.subplots()
    ax.plot(range(36), [50 + ((k * 7 + i) % 11) for k in range(36)])
    ax.set_title(f"Indicator {{i}}")
    fig.savefig(os.path.join(sys.argv[1], f"chart-{{i}}.png"))
    plt.close(fig)
"""


def timed(command: list[str]) -> tuple[float, float]:
    """(wall, cpu) seconds of a command in a new process, its children included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def generate(inputs: Path, out: Path) -> list[str]:
    return [sys.executable, str(ROOT / "generate.py"), "--inputs", str(inputs), "--out", str(out), "--quiet"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {"naive": [], "cold": [], "rerun": []}
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "inputs"
        shutil.copytree(ROOT / "inputs", inputs)
        for n in range(args.runs):
            charts = Path(tmp) / f"naive{n}"
            charts.mkdir()
            results["naive"].append(timed([sys.executable, "-c", NAIVE, str(charts)]))
            out = Path(tmp) / f"out{n}"
            results["cold"].append(timed(generate(inputs, out)))
            results["rerun"].append(timed(generate(inputs, out)))
    medians = {name: (statistics.median(t[0] for t in times), statistics.median(t[1] for t in times))
               for name, times in results.items()}
    labels = {"naive": f"naive: {CHARTS} default line charts", "cold": "cold sample pack",
              "rerun": "sample pack, rerun with nothing changed"}
    naive_wall, naive_cpu = medians["naive"]
    for name, (wall, used) in medians.items():
        ratio = "" if name == "naive" else \
            f"   ratio to naive: wall {wall / naive_wall:.2f}, CPU {used / naive_cpu:.2f}"
        print(f"{labels[name]:<40} median {wall:5.2f} s wall, {used:5.2f} s CPU{ratio}   "
              f"(wall: {', '.join(f'{t[0]:.2f}' for t in results[name])})")


if __name__ == "__main__":
    main()
