"""Benchmark: disclosure control of a people table, the full method (line rule, solving, possible ranges by
linear programming) against the naive line rule alone, on the sample's support-need table and on a
synthetic 20 x 4 table with row and column totals and several small cells. Also counts how often the naive
rule leaves a small cell that a reader could pin down.

Run: python bench/bench_disclosure.py [--runs N]. Prints medians; a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scrutinyreport.analysis import disclosure as D  # noqa: E402
from scrutinyreport.model import DisclosureSettings  # noqa: E402

SETTINGS = DisclosureSettings(threshold=5, rounding=5)
SAMPLE = [[1262, 1271], [486, 498], [231, 236], [214, 226], [38, 35], [60, 52]]


def synthetic(rng: random.Random, rows: int = 20, columns: int = 4) -> list[list[int]]:
    return [[rng.choice([0, 1, 2, 3, 4, 7, 9, 12, 15, 20, 40]) for _ in range(columns)] for _ in range(rows)]


def naive(values: list[list[int]]) -> tuple[set, set, dict, D.Lines]:
    """The line rule alone: hide the next smallest cell of any line that hides exactly one."""
    rows, columns = len(values), len(values[0])
    grid = {(i, j): float(v) for i, row in enumerate(values) for j, v in enumerate(row)}
    for i in range(rows):
        grid[(i, columns)] = sum(values[i])
    for j in range(columns + 1):
        grid[(rows, j)] = sum(grid[(i, j)] for i in range(rows))
    lines = D.Lines.of_table(rows, columns, True, True)
    small = {c for c, v in grid.items() if D.is_small(v, SETTINGS)}
    hidden, totals = set(small), {t for _, t in lines.equations}
    changed = True
    while changed:
        changed = False
        for members in lines.members():
            if sum(1 for c in members if c in hidden) == 1:
                extra = D._complement(grid, hidden, members, totals)
                if extra is not None:
                    hidden.add(extra)
                    changed = True
    return small, hidden, grid, lines


def median_ms(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    rng = random.Random(15)
    tables = [synthetic(rng) for _ in range(runs)]
    cycle = iter(tables * 3)
    print(f"sample 6 x 2 (column totals), full method: "
          f"{median_ms(lambda: D.protect_table(SAMPLE, SETTINGS, 'en_GB'), runs):.1f} ms")
    print(f"synthetic 20 x 4 (row and column totals), naive line rule: "
          f"{median_ms(lambda: naive(next(cycle)), runs):.1f} ms")
    print(f"synthetic 20 x 4 (row and column totals), full method: "
          f"{median_ms(lambda: D.protect_table(next(cycle), SETTINGS, 'en_GB', row_totals=True), runs):.1f} ms")
    exposed = 0
    for table in tables:
        small, hidden, grid, lines = naive(table)
        exposed += bool(D.exposed(grid, hidden, small, lines, SETTINGS))
    print(f"tables where the naive rule leaves a small cell a reader can pin down: {exposed} of {len(tables)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
