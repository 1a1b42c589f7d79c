"""A starter folder (``scrutinyreport init DIR``): the sample inputs to build and then make one's own, a short
README of what to change first, and the input contract.

The sample travels inside the wheel (scrutinyreport/sample/, copied there by the build from the repository's
inputs/ and docs/inputs.md); an editable install reads the repository's own copies.
"""

from __future__ import annotations

import importlib.resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..errors import StarterError
from ..files import atomic_write

README = """\
# Our committee pack

Made by `scrutinyreport init`. `inputs/` holds the sample pack of a fictional council (Fenmoor City
Council; the figures are made up): build it first, to see what you get.

    scrutinyreport generate              writes the pack into out/2026-09/
    scrutinyreport validate              lists every problem in inputs/ at once (file, line, column)

Then make it yours, in this order, running `scrutinyreport validate` as you go:

1. `inputs/pack.yaml`: your council, committee, meeting date, report title, author and cabinet member,
   and the populations your rates per 100,000 are worked out from. Remove `period:` to report on the
   latest month that has figures.
2. `inputs/indicators.csv`: your indicators, one a row (id, title, theme, unit, polarity, target, amber
   tolerance, decimals ...). Keep the header row.
3. `inputs/monthly/`: delete the sample's months and add yours, one file a month named `YYYY-MM.csv` (or
   `.xlsx`), with the columns `indicator_id,value` and optionally `numerator,denominator,commentary`.
   One workbook will do instead: a sheet a month, one long sheet or one wide sheet (see INPUTS.md).
4. `inputs/narrative/*.md`: the sections of the committee report, in Markdown; `{{ ... }}` quotes a figure
   worked out from the data (`{{ indicators.ID.latest }}`).
5. The rest is optional: `benchmarks.csv`, `finance.csv`, `activity.csv`, `self_assessment.yaml` and
   `local_account/introduction.md`. Replace each with yours, or delete it and that part of the pack is
   left out (with a warning).

`INPUTS.md` describes every file and column; `inputs/README.md` describes the sample's data.
"""


def _repository_copy() -> dict[str, Traversable]:
    root = Path(__file__).resolve().parent.parent.parent
    return {"inputs": root / "inputs", "inputs.md": root / "docs" / "inputs.md"}


def sample() -> dict[str, Traversable]:
    """The sample inputs folder and the input contract: the package's copy, else (an editable install) the
    repository's."""
    packaged = importlib.resources.files("scrutinyreport").joinpath("sample")
    found = {"inputs": packaged.joinpath("inputs"), "inputs.md": packaged.joinpath("inputs.md")}
    if not found["inputs"].is_dir():
        found = _repository_copy()
    if not found["inputs"].is_dir() or not found["inputs"].joinpath("pack.yaml").is_file():
        raise StarterError("the sample inputs are not in this installation of scrutinyreport: install it again "
                           "(pip install --force-reinstall scrutinyreport)")
    return found


def _files(folder: Traversable, prefix: str) -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.startswith((".", "~$")) or entry.name == "__pycache__":
            continue
        if entry.is_dir():
            found += _files(entry, f"{prefix}{entry.name}/")
        else:
            found.append((f"{prefix}{entry.name}", entry))
    return found


def starter_files() -> list[tuple[str, bytes]]:
    """Every file of a starter folder, by its path there ('inputs/pack.yaml', 'README.md', ...)."""
    found = sample()
    files = [(name, entry.read_bytes()) for name, entry in _files(found["inputs"], "inputs/")]
    files.append(("README.md", README.encode("utf-8")))
    if found["inputs.md"].is_file():
        files.append(("INPUTS.md", found["inputs.md"].read_bytes()))
    return files


def write_starter(target: Path | str) -> list[str]:
    """Write a starter folder into target (made if need be); never over a file that is there: if any of them
    is, nothing is written. Returns the paths written, relative to target."""
    folder = Path(target)
    files = starter_files()
    if folder.exists() and not folder.is_dir():
        raise StarterError(f"{folder} is a file: choose a folder (new, or one without inputs/ and README.md)")
    there = [name for name, _ in files if (folder / name).exists() or (folder / name).is_symlink()]
    if there:
        more = f" (and {len(there) - 1} more)" if len(there) > 1 else ""
        raise StarterError(f"{folder / there[0]} is already there{more}: nothing was written. Choose a new folder, "
                           "or move the existing inputs/ and README.md away first")
    for name, data in files:
        atomic_write(folder / name, data)
    return [name for name, _ in files]
