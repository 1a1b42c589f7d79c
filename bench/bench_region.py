"""Benchmark: the regional summary of eleven councils' returns (the sample's return with other names, scores
and figures).

Run: python bench/bench_region.py [--runs N]. Prints medians of N runs of: reading and checking the returns,
against a naive baseline that checks each file with ``jsonschema.validate`` (which checks the schema itself and
builds a new validator for every file); and the whole summary built in a new process (the command line, as
a region's officer runs it). A benchmark, not a test: read it with the machine's noise in mind.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jsonschema  # noqa: E402

from scrutinyreport.analysis import analyse  # noqa: E402
from scrutinyreport.content.regional_return import load_return_schema, regional_return  # noqa: E402
from scrutinyreport.cqc_framework import SCORE_MEANINGS  # noqa: E402
from scrutinyreport.errors import Problems  # noqa: E402
from scrutinyreport.loading import load_inputs  # noqa: E402
from scrutinyreport.region.checks import check_returns  # noqa: E402
from scrutinyreport.region.returns import read_returns  # noqa: E402

PLACES = ("Ashby", "Birchwood", "Cedarfield", "Dunmore", "Elmstead", "Fenmoor", "Greyhaven", "Holloway",
          "Ivybridge", "Juniper Vale", "Kestrel")


def write_returns(folder: Path) -> list[Path]:
    sample = regional_return(analyse(load_inputs(ROOT / "inputs")))
    paths = []
    for n, place in enumerate(PLACES):
        data = copy.deepcopy(sample)
        data["council"] = f"{place} {'City' if n % 2 else 'County'} Council"
        for k, statement in enumerate(s for t in data["themes"] for s in t["statements"]):
            statement["score"] = 1 + (n * 3 + k * 5) % 4
            statement["score_meaning"] = SCORE_MEANINGS[statement["score"]]
        data["indicative_rating"] = None
        for indicator in data["indicators"]:
            value = indicator["value"]["value"]
            if value is not None and indicator["unit"] == "percent":
                value = round(value * (0.85 + 0.03 * n), 1)
                indicator["value"] = {"value": value, "text": f"{value}%"}
        path = folder / f"{place.lower().replace(' ', '-')}.json"
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
        paths.append(path)
    return paths


def naive_check(paths: list[Path]) -> None:
    schema = load_return_schema()
    for path in paths:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema,
                            cls=jsonschema.Draft202012Validator, format_checker=jsonschema.FormatChecker())


def ours(paths: list[Path]) -> None:
    problems = Problems()
    check_returns(read_returns(paths, problems), problems)
    assert not problems.errors


def median_ms(function, runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), max(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "returns"
        folder.mkdir()
        paths = write_returns(folder)
        ours(paths)   # warm the cached validators, as in a run of the command
        for label, function in (("naive: jsonschema.validate per file", lambda: naive_check(paths)),
                                ("ours: read, validate and check", lambda: ours(paths))):
            median, low, high = median_ms(function, args.runs)
            print(f"{label:40s} {len(paths)} returns: median {median:7.1f} ms (min {low:.1f}, max {high:.1f})")
        command = [sys.executable, "-m", "scrutinyreport.cli", "region", "--returns", str(folder), "--out",
                   str(Path(tmp) / "out"), "--quiet"]
        median, low, high = median_ms(lambda: subprocess.run(command, check=True, cwd=ROOT), args.runs)
        print(f"{'whole summary, new process':40s} {len(paths)} returns: median {median / 1000:7.2f} s "
              f"(min {low / 1000:.2f}, max {high / 1000:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
