"""List every chart whose drawing touches the image edge: any pixel in the outer band (2 px by default) that
differs from the background, which is where cut-off text shows ("enmoor City Council", "aged 18-6").

    python bench/chart_edges.py FOLDER_OR_PNG ... [--band 2]

Prints one line per PNG with ink at an edge (which edges, and how many pixels) and a count at the end; exits
1 when any chart touches an edge. Icons are drawn to their edge by design (a ring) and are skipped.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scrutinyreport.figures.fit import edge_ink  # noqa: E402

SKIP_PREFIXES = ("icon-",)


def charts(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        found += sorted(path.rglob("*.png")) if path.is_dir() else [path]
    return [p for p in found if not p.name.startswith(SKIP_PREFIXES)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", type=Path, nargs="+")
    parser.add_argument("--band", type=int, default=2)
    args = parser.parse_args()
    pngs = charts(args.paths)
    touching = 0
    for path in pngs:
        edges = edge_ink(path.read_bytes(), args.band)
        if edges:
            touching += 1
            print(f"{path}: " + ", ".join(f"{edge} {count} px" for edge, count in edges.items()))
    print(f"{touching} of {len(pngs)} charts touch the edge")
    return 1 if touching else 0


if __name__ == "__main__":
    sys.exit(main())
