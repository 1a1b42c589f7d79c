"""Benchmark: the sample inputs loaded from each kind of source, with the CSV folder as the baseline:
CSV files; Excel workbooks, one a month; one Excel workbook with a sheet a month, with one long sheet, with
one wide sheet; pandas DataFrames (from_frames, the frames made beforehand).

Run: python bench/bench_sources.py [--runs N]. Prints the median and spread of N runs of each; a benchmark,
not a test, so read it with the machine's noise in mind.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import pandas as pd  # noqa: E402

from helpers.excel_factory import excel_copy, long_copy, wide_copy  # noqa: E402
from scrutinyreport import PackData, from_frames  # noqa: E402
from scrutinyreport.loading import load_inputs  # noqa: E402
from scrutinyreport.loading.text import read_text  # noqa: E402

SAMPLE = ROOT / "inputs"


def report(name: str, load: Callable[[], PackData], runs: int) -> None:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        load()
        times.append(time.perf_counter() - began)
    print(f"{name}: median {statistics.median(times) * 1000:.0f} ms "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}, {len(times)} runs)")


def frames() -> dict[str, object]:
    """The sample as pandas reads it: the catalogue, every month in one long frame, the settings."""
    def read(path: Path) -> pd.DataFrame:
        frame = pd.read_csv(io.StringIO(read_text(path).text))
        frame.columns = frame.columns.str.strip().str.lower()
        return frame
    months = [read(p).assign(period=pd.Period(p.stem, freq="M")) for p in sorted((SAMPLE / "monthly").glob("*.csv"))]
    return {"indicators": read(SAMPLE / "indicators.csv"), "observations": pd.concat(months, ignore_index=True),
            "settings": load_inputs(SAMPLE).settings, "benchmarks": read(SAMPLE / "benchmarks.csv"),
            "finance": read(SAMPLE / "finance.csv"), "activity": read(SAMPLE / "activity.csv")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    report("CSV files (baseline)", lambda: load_inputs(SAMPLE), args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        a_month = excel_copy(SAMPLE, Path(tmp) / "a-month", one_workbook=False)
        one = excel_copy(SAMPLE, Path(tmp) / "one", one_workbook=True)
        report("Excel, a workbook a month", lambda: load_inputs(a_month), args.runs)
        report("Excel, one workbook with a sheet a month", lambda: load_inputs(one), args.runs)
        long = long_copy(SAMPLE, Path(tmp) / "long")
        wide = wide_copy(SAMPLE, Path(tmp) / "wide")
        report("Excel, one long sheet", lambda: load_inputs(long), args.runs)
        report("Excel, one wide sheet", lambda: load_inputs(wide), args.runs)
    given = frames()
    report("DataFrames (PackData.from_frames)", lambda: from_frames(**given), args.runs)


if __name__ == "__main__":
    main()
