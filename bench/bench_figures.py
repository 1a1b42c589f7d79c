"""Benchmark the pack's figures: ms per figure drawn sequentially and in the process pool, and a rerun that
finds every figure in the cache. Medians of several runs.

    python bench/bench_figures.py [--runs 5] [--inputs inputs] [--processes 2]

Uses the sample pack in inputs/ when it loads; otherwise synthesises about 40 figures' worth of data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scrutinyreport.analysis import analyse  # noqa: E402
from scrutinyreport.content.charts import Figure, LineChart  # noqa: E402
from scrutinyreport.content.figure_plan import indicator_figures  # noqa: E402
from scrutinyreport.figures import icons  # noqa: E402
from scrutinyreport.figures.draw import draw, draw_figures, figure_key  # noqa: E402
from scrutinyreport.formatting import Printer  # noqa: E402
from scrutinyreport.model import (  # noqa: E402
    Amount,
    Author,
    Benchmark,
    Indicator,
    Observation,
    PackData,
    PackSettings,
    Period,
    Polarity,
    QualityStatement,
    SelfAssessment,
    Unit,
)


def sample_pack(inputs: Path) -> PackData | None:
    try:
        from scrutinyreport.loading import load_inputs
        pack = load_inputs(inputs)
    except Exception as error:  # an incomplete or missing sample: fall back to synthetic data
        print(f"(sample pack not usable: {error}; using synthetic data)")
        return None
    return pack


def synthetic_pack() -> PackData:
    """Eight indicators over 36 months, benchmarks for six, two years of finance and activity: 41 figures."""
    units = [(Unit.PERCENT, Polarity.HIGHER_IS_BETTER, 77.5, 1), (Unit.COUNT, Polarity.NEUTRAL, None, 0),
             (Unit.RATE_PER_100K, Polarity.LOWER_IS_BETTER, 550.0, 1), (Unit.CURRENCY, Polarity.LOWER_IS_BETTER,
                                                                        27500.0, 0)]
    indicators = tuple(Indicator(id=f"indicator_{i}", title=f"Synthetic indicator number {i} with a realistic title",
                                 theme=f"Theme {i % 3}", unit=units[i % 4][0], polarity=units[i % 4][1],
                                 target=units[i % 4][2], decimals=units[i % 4][3]) for i in range(8))
    end = Period(2026, 9)
    periods = tuple(end.shift(k - 35) for k in range(36))
    observations = {}
    for i, indicator in enumerate(indicators):
        level = {Unit.PERCENT: 80, Unit.COUNT: 1900, Unit.RATE_PER_100K: 560, Unit.CURRENCY: 27000}[indicator.unit]
        observations[indicator.id] = {
            p: Observation(indicator.id, p,
                           None if (k + i) % 17 == 0 else level * (1 + 0.03 * (((k * 7 + i) % 11) - 5) / 5))
            for k, p in enumerate(periods)}
    benchmarks = tuple(Benchmark(ind.id, "2024/25", council=80.0 + i, england=79.0, region=78.5, comparator=80.5,
                                 rank=20 + i, rank_of=153) for i, ind in enumerate(indicators[:6]))
    finance = tuple(Amount(year, category, value * scale) for year, scale in (("2024/25", 1.0), ("2025/26", 1.04))
                    for category, value in (("Care packages", 55.4e6), ("Staffing", 10.3e6), ("Contracts", 6.6e6),
                                            ("Prevention", 2.1e6), ("Commissioning", 1.5e6)))
    activity = tuple(Amount(year, group, round(value * scale)) for year, scale in (("2024/25", 1.0), ("2025/26", 1.02))
                     for group, value in (("Physical support", 1262), ("Learning disability", 486),
                                          ("Mental health", 231), ("Memory and cognition", 214)))
    settings = PackSettings(council="Synthetic Borough Council", committee="Adults Scrutiny",
                            meeting_date=dt.date(2026, 11, 17), report_title="Performance", author=Author("Bench"))
    statements = [("Working with people", "Assessing needs", 2), ("Working with people", "Healthier lives", 3),
                  ("Providing support", "Care provision", 3), ("Leadership", "Governance", 3)]
    assessment = SelfAssessment(None, tuple(QualityStatement(f"s{i}", name, theme, score)
                                            for i, (theme, name, score) in enumerate(statements)))
    return PackData(settings=settings, indicators=indicators, observations=observations, periods=periods,
                    period=end, benchmarks=benchmarks, finance=finance, activity=activity,
                    self_assessment=assessment)


def timed(requests: list[Figure], cache: Path | None, processes: int) -> float:
    icons.variation_png.cache_clear()  # each run starts as a fresh process would
    icons.assurance_png.cache_clear()
    start = time.perf_counter()
    draw_figures(requests, cache, processes=processes)
    return time.perf_counter() - start


def report(label: str, seconds: list[float], count: int) -> None:
    median = statistics.median(seconds)
    print(f"{label:<34} median {median * 1000:8.0f} ms  = {median * 1000 / count:6.1f} ms per figure   "
          f"(runs: {', '.join(f'{s * 1000:.0f}' for s in seconds)})")


def kind(figure: Figure) -> str:
    """A figure's kind, for the report: 'spc', 'trend', a bar chart's kind or an icon's."""
    if isinstance(figure, LineChart):
        return "spc" if figure.spc else "trend"
    return str(figure.kind)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--inputs", type=Path, default=ROOT / "inputs")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()

    loaded = sample_pack(args.inputs) if (args.inputs / "pack.yaml").exists() else None
    source = "sample pack" if loaded else "synthetic data"
    pack = loaded or synthetic_pack()
    start = time.perf_counter()
    requests = indicator_figures(analyse(pack), Printer("en_GB"))
    for figure in requests:
        figure_key(figure)
    planning = time.perf_counter() - start
    kinds = Counter(kind(r) for r in requests)
    print(f"{len(requests)} figures from the {source}: " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    print(f"analysis and planning (keys included): {planning * 1000:.0f} ms")

    icons.variation_png.cache_clear()
    icons.assurance_png.cache_clear()
    per_kind: dict[str, list[float]] = {}
    draw(requests[0])  # fonts loaded before timing
    for item in requests:
        start = time.perf_counter()
        draw(item)
        per_kind.setdefault(kind(item), []).append(time.perf_counter() - start)
    print("median ms per figure by kind (one sequential pass; repeated icons come from the in-process cache): "
          + ", ".join(f"{kind} {statistics.median(times) * 1000:.0f}" for kind, times in per_kind.items()))

    subsets = [("all figures", requests)]
    if len(requests) > 60:
        subsets.append(("first 40 figures", requests[:40]))
    for name, subset in subsets:
        print(f"-- {name} ({len(subset)})")
        report("sequential (1 process)", [timed(subset, None, 1) for _ in range(args.runs)], len(subset))
        report(f"pooled ({args.processes} processes)", [timed(subset, None, args.processes) for _ in range(args.runs)],
               len(subset))
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        cold = timed(requests, cache, args.processes)
        print(f"-- cache: first draw into an empty cache {cold * 1000:.0f} ms")
        report("rerun, every figure cached", [timed(requests, cache, args.processes) for _ in range(args.runs)],
               len(requests))


if __name__ == "__main__":
    main()
