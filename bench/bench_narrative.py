"""Benchmark: the cost of the bounded narrative sandbox. Renders every narrative file and recommendation of
the sample pack through the pack's sandbox (immutable, size-checked, with the step and time budget), and the
same texts through plain Jinja's SandboxedEnvironment as the baseline.

Run: python bench/bench_narrative.py [--runs N]. Prints medians; a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jinja2  # noqa: E402
from jinja2.sandbox import SandboxedEnvironment  # noqa: E402

from scrutinyreport.analysis.assessment import assess_all  # noqa: E402
from scrutinyreport.content.live_figures import live_figures  # noqa: E402
from scrutinyreport.content.live_text import LiveText  # noqa: E402
from scrutinyreport.formatting import jinja_filters  # noqa: E402
from scrutinyreport.loading import load_inputs  # noqa: E402


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    pack = load_inputs(ROOT / "inputs")
    context = live_figures(pack, assess_all(pack))
    texts = [section.text for section in pack.narrative] + list(pack.settings.recommendations)
    sandbox = LiveText(context, pack.settings.locale)
    plain = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
    plain.filters.update(jinja_filters(pack.settings.locale))

    def bounded() -> None:
        for text in texts:
            sandbox.render(text, "narrative")

    def baseline() -> None:
        for text in texts:
            plain.from_string(text).render(context)

    print(f"{len(texts)} texts, {sum(len(t) for t in texts):,} characters, median of {runs} runs")
    print(f"plain Jinja sandbox (baseline): {median_ms(baseline, runs):.1f} ms")
    print(f"bounded narrative sandbox:      {median_ms(bounded, runs):.1f} ms")


if __name__ == "__main__":
    main()
