"""Benchmark: a pack for 200 indicators x 36 months (synthetic), dashboard appendix included.

Prints the time of a cold build (every figure drawn) and of a rebuild with the figures cached, and the
dashboard's size. Not a test: read it with the machine's noise in mind.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_loading import write_synthetic  # noqa: E402

from scrutinyreport.build import BuildOptions, build_pack  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cold, cached = [], []
    with tempfile.TemporaryDirectory() as tmp:
        inputs = write_synthetic(Path(tmp) / "inputs")
        for n in range(args.runs):
            out = Path(tmp) / f"out{n}"
            began = time.perf_counter()
            result = build_pack(BuildOptions(inputs=inputs, out=out))
            cold.append(time.perf_counter() - began)
            (result.folder / "manifest.json").unlink()   # force a rebuild; the figure cache stays
            for document in result.folder.glob("*.docx"):
                document.unlink()
            began = time.perf_counter()
            result = build_pack(BuildOptions(inputs=inputs, out=out))
            cached.append(time.perf_counter() - began)
        dashboard = next(result.folder.glob("*performance-dashboard.docx"))
        figures = len(list((result.folder / "figures").glob("*.png")))
        print(f"200 indicators x 36 months: {figures} figures, dashboard {dashboard.stat().st_size / 1e6:.1f} MB")
    for name, times in (("cold build (all figures drawn)", cold), ("rebuild, figures cached", cached)):
        print(f"{name}: median {statistics.median(times):.1f} s (min {min(times):.1f}, max {max(times):.1f}, "
              f"{len(times)} runs)")


if __name__ == "__main__":
    main()
