"""Benchmark: load and validate the sample inputs and a synthetic 200 indicators x 36 months.

Run: python bench/bench_loading.py [--runs N]. Prints the median and spread of N runs of each; a benchmark,
not a test, so read it with the machine's noise in mind.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scrutinyreport.analysis import analyse  # noqa: E402
from scrutinyreport.loading import load_inputs, validate_inputs  # noqa: E402
from scrutinyreport.model import Period  # noqa: E402

SYNTHETIC_PACK = """\
council: Synthetic Borough Council
committee: Adults Scrutiny Committee
meeting_date: 2026-11-17
report_title: Adult social care performance (synthetic benchmark data)
author: {name: Performance Team, role: Performance, email: performance@example.gov.uk}
population: {"18+": 168000}
"""
UNITS = [("percent", "higher_is_better", "77.5", "5"), ("count", "neutral", "", ""),
         ("rate_per_100k", "lower_is_better", "550", "10%"), ("currency", "lower_is_better", "10000", "500")]


def write_synthetic(root: Path, indicators: int = 200, months: int = 36) -> Path:
    """A realistic-looking inputs folder: mixed units, thousands separators, gaps and commentary. Each
    indicator's figures depend on its number alone, so a smaller pack is the start of a larger one (and
    shares its cached figures)."""
    rngs = [random.Random(20260 * 1000 + i) for i in range(indicators)]
    (root / "monthly").mkdir(parents=True)
    (root / "pack.yaml").write_text(SYNTHETIC_PACK, encoding="utf-8")
    lines = ["id,title,theme,unit,polarity,target,amber_tolerance,decimals,ascof,cumulative"]
    for i in range(indicators):
        unit, polarity, target, tolerance = UNITS[i % len(UNITS)]
        lines.append(f"ind_{i:03d},Indicator {i},Theme {i // 25},{unit},{polarity},{target},{tolerance},1,,")
    (root / "indicators.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = Period(2023, 10)
    for m in range(months):
        rows = ["indicator_id,value,numerator,denominator,commentary"]
        for i, rng in enumerate(rngs):
            unit = UNITS[i % len(UNITS)][0]
            if rng.random() < 0.02:
                rows.append(f"ind_{i:03d},New data unavailable,,,")
                continue
            value = {"percent": f"{rng.uniform(50, 95):.1f}%", "count": f"\"{rng.randint(1000, 9000):,}\"",
                     "rate_per_100k": f"{rng.uniform(400, 700):.1f}",
                     "currency": f"\"\u00a3{rng.randint(9000, 12000):,}\""}[unit]
            note = "\"Up on last month, as expected\"" if rng.random() < 0.1 else ""
            rows.append(f"ind_{i:03d},{value},,,{note}")
        (root / "monthly" / f"{start.shift(m)}.csv").write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    return root


def timed(folder: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        result = validate_inputs(folder)
        times.append(time.perf_counter() - began)
        assert not result.problems.errors, result.problems.report()
    return times


def timed_analysis(folder: Path, runs: int) -> list[float]:
    """The analysis stage on loaded data: every assessment, series, SPC result and comparison."""
    pack = load_inputs(folder)
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        analyse(pack)
        times.append(time.perf_counter() - began)
    return times


def report(name: str, times: list[float]) -> None:
    print(f"{name}: median {statistics.median(times) * 1000:.0f} ms "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}, {len(times)} runs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    report("sample inputs (load + validate)", timed(ROOT / "inputs", args.runs))
    report("sample inputs (analysis, once for the whole pack)", timed_analysis(ROOT / "inputs", args.runs))
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_synthetic(Path(tmp) / "inputs")
        report("200 indicators x 36 months (load + validate)", timed(folder, args.runs))
        report("200 indicators x 36 months (analysis)", timed_analysis(folder, args.runs))


if __name__ == "__main__":
    main()
