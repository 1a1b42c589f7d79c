"""Benchmark: the sample pack against a naive baseline, in one run.

The baseline is the plainest way to make charts: a script that draws 40 default matplotlib line charts
(pyplot, 36 points, a title) to PNG one after another. Each round runs, each in a new process: the baseline;
a cold sample pack (empty output folder, no figure cache) with native Word charts (the default) and with
charts as pictures (``--charts picture``); a rerun of each with nothing changed; and the pictures' floor,
what no pack of pictures built on these libraries can go below: a script that imports the libraries the
cold pack imports and draws as many bare line charts (one line, a title, no text fitting, no documents) as
the pack draws charts, at the dashboard's chart size and resolution, encoded as the pack encodes them. Wall
time and CPU time (the process and its children: the pictures are drawn in two processes, the others in
one) are measured around each; the medians and their ratios to the baseline are printed.

Every process runs as on an officer's machine, where Python keeps the package compiled (pip compiles it
on install; an editable install compiles on first run): bytecode may be written, into a private cache in the
temporary folder, and one untimed pack fills it before the rounds. ``--source`` times the package compiled
from source in every process instead (as with PYTHONDONTWRITEBYTECODE set); the baseline and the floor
import only installed libraries, which are compiled either way.

    python bench/bench_against_naive.py [--runs 5]

Targets: a cold pack at most 0.6 of the baseline's CPU time, a rerun at most 0.1. The floor's ratio says
how far below the baseline a cold pack of pictures could go. Not a test: read it with the machine's noise in
mind.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scrutinyreport.figures import style  # noqa: E402  (its constants only: the pack runs in its own process)

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


FLOOR = """
import io, sys
import docx, docxtpl, yaml, babel.numbers
import numpy as np
from matplotlib.figure import Figure
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image
charts, width_cm, height_cm, dpi = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
for i in range(charts):
    figure = Figure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=dpi)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0.1, 0.15, 0.85, 0.7))
    ax.plot(range(36), [50 + ((k * 7 + i) % 11) for k in range(36)])
    ax.set_title(f"Indicator {i}")
    figure.canvas.draw()
    image = Image.fromarray(np.ascontiguousarray(np.asarray(figure.canvas.buffer_rgba())[:, :, :3]))
    image.quantize(256, method=Image.Quantize.FASTOCTREE).save(io.BytesIO(), format="PNG", compress_level=3)
"""


def environment(bytecode: Path | None) -> dict[str, str]:
    """The processes' environment: bytecode kept in the folder given, or never written when None."""
    env = dict(os.environ)
    if bytecode is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    return env


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, cpu) seconds of a command in a new process, its children included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def generate(inputs: Path, out: Path, charts: str) -> list[str]:
    return [sys.executable, str(ROOT / "generate.py"), "--inputs", str(inputs), "--out", str(out), "--quiet",
            "--charts", charts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--source", action="store_true",
                        help="compile the package from source in every process (no bytecode kept)")
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {"naive": [], "cold": [], "rerun": [], "cold picture": [],
                                                     "rerun picture": [], "floor": []}
    charts = 0
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "inputs"
        shutil.copytree(ROOT / "inputs", inputs)
        env = environment(None if args.source else Path(tmp) / "bytecode")
        subprocess.run(generate(inputs, Path(tmp) / "warm-up", "native"), check=True, cwd=ROOT, env=env,
                       stdout=subprocess.DEVNULL)
        for n in range(args.runs):
            folder = Path(tmp) / f"naive{n}"
            folder.mkdir()
            results["naive"].append(timed([sys.executable, "-c", NAIVE, str(folder)], env))
            out = Path(tmp) / f"out{n}"
            results["cold"].append(timed(generate(inputs, out, "native"), env))
            results["rerun"].append(timed(generate(inputs, out, "native"), env))
            out = Path(tmp) / f"picture{n}"
            results["cold picture"].append(timed(generate(inputs, out, "picture"), env))
            results["rerun picture"].append(timed(generate(inputs, out, "picture"), env))
            charts = sum(1 for png in out.glob("*/figures/*.png") if not png.name.startswith(("icon-", "key-")))
            floor = [str(charts), str(style.PAIR_WIDTH_CM), str(style.PAIR_HEIGHT_CM), str(style.DPI)]
            results["floor"].append(timed([sys.executable, "-c", FLOOR, *floor], env))
    medians = {name: (statistics.median(t[0] for t in times), statistics.median(t[1] for t in times))
               for name, times in results.items()}
    labels = {"naive": f"naive: {CHARTS} default line charts", "cold": "cold sample pack, native charts",
              "rerun": "native, rerun with nothing changed", "cold picture": "cold sample pack, pictures",
              "rerun picture": "pictures, rerun with nothing changed",
              "floor": f"pictures' floor: imports, {charts} bare charts"}
    naive_wall, naive_cpu = medians["naive"]
    for name, (wall, used) in medians.items():
        ratio = "" if name == "naive" else \
            f"   ratio to naive: wall {wall / naive_wall:.2f}, CPU {used / naive_cpu:.2f}"
        print(f"{labels[name]:<44} median {wall:5.2f} s wall, {used:5.2f} s CPU{ratio}   "
              f"(wall: {', '.join(f'{t[0]:.2f}' for t in results[name])})")


if __name__ == "__main__":
    main()
