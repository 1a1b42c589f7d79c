"""Benchmark: how a pack's cost grows with its indicators (synthetic, 36 months each), its dashboard with
every indicator's chart (``dashboard_charts: all``).

For each way of carrying charts (native Word charts, the default, and pictures) and each size (50, 100, 200,
400 by default) it times a rebuild (the documents are written again from scratch; pictures come from the
figure cache, native charts are written again, chart part and workbook), and prints the median and the cost
per indicator, which should stay flat; the cold build is timed once, for the largest size. The baseline in
the same run is python-docx's own ``add_picture``, which hashes every picture already in the document for
each new one: the rebuild is repeated with it (``--naive``) so the quadratic cost shows beside the indexed
one.

    python bench/bench_dashboard.py [--sizes 50 100 200 400] [--runs 3] [--naive] [--charts all]
                                    [--modes native picture]

Not a test: read it with the machine's noise in mind.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_loading import write_synthetic  # noqa: E402

from scrutinyreport.pack.generate import BuildOptions, generate  # noqa: E402
from scrutinyreport.word import pictures as figures_docx  # noqa: E402


def cpu() -> float:
    """CPU seconds of this process and of its finished children (the drawing pool)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def build(inputs: Path, out: Path, mode: str) -> tuple[float, float]:
    """(wall, cpu) seconds of one build; the documents are removed first, so all are written again."""
    for document in out.glob("*/*.docx"):
        document.unlink()
    for manifest in out.glob("*/manifest.json"):
        manifest.unlink()
    wall, used = time.perf_counter(), cpu()
    generate(BuildOptions(inputs=inputs, out=out, charts=mode))
    return time.perf_counter() - wall, cpu() - used


@contextlib.contextmanager
def python_docx_pictures() -> Iterator[None]:
    """Place pictures with python-docx's own add_picture (the baseline)."""
    from docx.shared import Cm

    indexed = figures_docx.place_picture

    def naive(paragraph, figure, width_cm):  # noqa: ANN001
        shape = paragraph.add_run().add_picture(io.BytesIO(figure.png), width=Cm(width_cm))
        for side in ("distT", "distB", "distL", "distR"):
            shape._inline.set(side, "0")
        shape._inline.docPr.set("descr", figure.alt_text)
        shape._inline.docPr.set("name", figure.name)

    import scrutinyreport.word.writer as writer
    patched = [(module, "place_picture") for module in (figures_docx, writer)
               if getattr(module, "place_picture", None) is indexed]
    for module, name in patched:
        setattr(module, name, naive)
    try:
        yield
    finally:
        for module, name in patched:
            setattr(module, name, indexed)


def report(label: str, size: int, times: list[tuple[float, float]]) -> None:
    wall = statistics.median(t[0] for t in times)
    used = statistics.median(t[1] for t in times)
    runs = ", ".join(f"{t[0]:.2f}" for t in times)
    print(f"{label:<40} {size:>4} indicators: median {wall:6.2f} s wall, {used:6.2f} s CPU = "
          f"{wall / size * 1000:5.1f} ms wall, {used / size * 1000:5.1f} ms CPU per indicator   (wall: {runs})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 400])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--naive", action="store_true", help="also rebuild with python-docx's add_picture")
    parser.add_argument("--charts", default="all", choices=("all", "exceptions", "none"),
                        help="the packs' dashboard_charts setting (all: every indicator's chart, in an annex)")
    parser.add_argument("--modes", nargs="+", default=["native", "picture"], choices=("native", "picture"),
                        help="how the documents carry their charts")
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    with tempfile.TemporaryDirectory() as tmp:
        folders = {n: write_synthetic(Path(tmp) / f"inputs-{n}", indicators=n) for n in sizes}
        for folder in folders.values():
            with (folder / "pack.yaml").open("a", encoding="utf-8") as pack_file:
                pack_file.write(f"dashboard_charts: {args.charts}\n")
        for mode in args.modes:
            out = Path(tmp) / f"out-{mode}"   # one figure cache for every size: a smaller pack starts a larger
            wall, used = build(folders[sizes[-1]], out, mode)
            figures = len(list(out.glob("*/figures/*.png")))
            dashboard = next(out.glob("*/*performance-dashboard.docx"))
            print(f"{mode}: cold build, {sizes[-1]} indicators x 36 months: {wall:.1f} s wall, {used:.1f} s CPU; "
                  f"{figures} pictures, dashboard {dashboard.stat().st_size / 1e6:.1f} MB")
            label = "rebuild, pictures cached" if mode == "picture" else "rebuild, native charts"
            for n in sizes:
                build(folders[n], out, mode)   # the pictures of this size are all in the cache now
                report(f"{mode}: {label}", n, [build(folders[n], out, mode) for _ in range(args.runs)])
                if args.naive and mode == "picture":
                    with python_docx_pictures():
                        report("  with python-docx's add_picture", n,
                               [build(folders[n], out, mode) for _ in range(args.runs)])


if __name__ == "__main__":
    main()
