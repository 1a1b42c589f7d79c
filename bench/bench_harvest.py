"""Benchmark: harvesting a reviewed committee update, against a naive baseline that only reads its text.

Run: python bench/bench_harvest.py [--runs N]. Builds the sample pack once (in a temporary folder), edits
one paragraph of the committee update, then times N dry-run harvests (read the document, resolve tracked
changes, find the record, map blocks back to Markdown, restore live figures, merge three ways) and N reads
of the same document's paragraph text with python-docx (what a hand-written copy-back script would do,
with none of the mapping). Also times writing the record into a document at generation. Medians printed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import docx  # noqa: E402

from helpers.word_edits import WordDocument  # noqa: E402
from scrutinyreport.harvest import HarvestOptions, harvest  # noqa: E402
from scrutinyreport.pack.generate import BuildOptions, generate  # noqa: E402
from scrutinyreport.word.records import embed_record  # noqa: E402


def timed(runs: int, action) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def report(name: str, times: list[float]) -> None:
    print(f"{name:<46} median {statistics.median(times) * 1000:7.1f} ms  "
          f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}, {len(times)} runs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(ROOT / "inputs", root / "inputs")
        generate(BuildOptions(inputs=root / "inputs", out=root / "out"))
        generated = root / "out" / "2026-09" / "committee-update.docx"
        document = WordDocument(generated)
        document.replace_text(document.paragraph("performance update twice a year"), "twice a year",
                              "three times a year")
        reviewed = document.save(root / "reviewed.docx")
        options = HarvestOptions(reviewed, root / "inputs", dry_run=True)
        assert harvest(options).files, "the edit should be found"
        report("harvest --dry-run (one paragraph edited)", timed(runs, lambda: harvest(options)))
        report("baseline: python-docx paragraph text only",
               timed(runs, lambda: "\n".join(p.text for p in docx.Document(str(reviewed)).paragraphs)))
        data = generated.read_bytes()
        record = (root / "out" / "2026-09" / "committee-update.record.json").read_bytes()
        report("writing the record into the document", timed(runs, lambda: embed_record(data, record)))


if __name__ == "__main__":
    main()
