"""A reviewed dashboard's analysis text back into the month's CSV (the commentary column): each
indicator's row is matched by the indicator cell the record names; the note the dashboard adds itself
(year to date) is taken off again; only the rows whose commentary changed are rewritten, every other
byte of the file stays as it was. A reviewer's text that a spreadsheet would run as a formula (starting with
'=', '+', '-' or '@') is written with a leading apostrophe, which loading takes off again."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from ..content.dashboard import split_indicator_cell
from ..errors import HarvestError
from ..files import spreadsheet_cell
from ..word.blocks import TABLE
from ..word.reader import ReviewedDocument
from .generated import generated_edits


@dataclass
class CommentaryHarvest:
    """file -> indicator id -> (as generated, as reviewed)."""

    changes: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def reviewed_cells(document: ReviewedDocument) -> dict[str, str]:
    cells: dict[str, str] = {}
    for block in document.blocks:
        if block.kind != TABLE:
            continue
        for row in block.rows:
            if len(row) > 1:
                name, analysis = split_indicator_cell("".join(span.text for span in row[0]))
                cells.setdefault(name, analysis)
    return cells


LABEL = re.compile(r"^\s*analysis\s*:\s*", re.I)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _generated(row: dict[str, Any], printed: str, commentary: str) -> str:
    """The note the dashboard wrote itself into the printed analysis (recorded since it was; before, what the
    printed analysis has after the commentary)."""
    if "generated" in row:
        return _norm(row["generated"] or "")
    return printed[len(commentary):].strip() if printed.startswith(commentary) else ""


def harvest_commentary(record: dict[str, Any], document: ReviewedDocument) -> CommentaryHarvest:
    """Each row's commentary as the reviewer left it: the analysis they see, less the note the dashboard
    writes itself, with the CSV's own "Analysis:" label kept where the officer typed one."""
    harvest = CommentaryHarvest()
    reviewed = reviewed_cells(document)
    for row in record.get("rows", []):
        printed, commentary = _norm(row["analysis"]), _norm(row["commentary"])
        label = LABEL.match(commentary)
        prefix, own_before = (commentary[:label.end()], commentary[label.end():]) if label else ("", commentary)
        now = reviewed.get(_norm(row["indicator"]))
        if now is None:
            harvest.warnings.append(f"the dashboard row “{row['indicator']}” is no longer in the document: "
                                    "its commentary is left as it is")
            continue
        if now == printed:
            continue
        generated = _generated(row, printed, own_before)
        own = now
        if generated and now.endswith(generated):
            own = now[:len(now) - len(generated)].strip()
        elif generated and generated in now:        # the reviewer typed after it
            own = _norm(now.replace(generated, " ", 1))
        elif generated:
            harvest.warnings.append(f"{row['file']}: the note the dashboard writes itself for {row['id']} "
                                    f"(“{generated}”) was edited; the whole analysis text is kept as commentary")
        if own == own_before:
            continue
        theirs = prefix + own if own else ""
        harvest.changes.setdefault(row["file"], {})[row["id"]] = (commentary, theirs)
    names = tuple(_norm(row["indicator"]) for row in record.get("rows", []))
    harvest.warnings += generated_edits(record.get("printed") or {}, document, lambda text: text.startswith(names))
    return harvest


class _Lines:
    """Feeds a CSV reader line by line, remembering which physical lines each record took."""

    def __init__(self, lines: list[str]):
        self.lines, self.position = lines, 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.position >= len(self.lines):
            raise StopIteration
        self.position += 1
        return self.lines[self.position - 1]


def replace_commentary(text: str, label: str, new: dict[str, str]) -> str:
    """The CSV text with the commentary of the given indicators replaced, other rows byte for byte."""
    lines = text.splitlines(keepends=True)
    feeder = _Lines(lines)
    reader = csv.reader(feeder)
    start = 0
    header: list[str] | None = None
    out: list[str] = []
    found: set[str] = set()
    for row in reader:
        span = lines[start:feeder.position]
        start = feeder.position
        if header is None:
            header = [" ".join(name.split()).lower().lstrip("\ufeff") for name in row]
            if "commentary" not in header or "indicator_id" not in header:
                raise HarvestError(f"{label}, line 1: expected indicator_id and commentary columns, to put the "
                                   "reviewed commentary in")
            out.extend(span)
            continue
        indicator = row[header.index("indicator_id")].strip() if len(row) > header.index("indicator_id") else ""
        if indicator not in new:
            out.extend(span)
            continue
        column = header.index("commentary")
        row = row + [""] * (column + 1 - len(row))
        row[column] = spreadsheet_cell(new[indicator])   # a reviewer's '=...' never becomes a formula in Excel
        ending = "\r\n" if span[-1].endswith("\r\n") else "\n" if span[-1].endswith("\n") else ""
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=ending).writerow(row)
        out.append(buffer.getvalue())
        found.add(indicator)
    missing = sorted(set(new) - found)
    if missing:
        raise HarvestError(f"{label}: no row for {', '.join(missing)}, to put the reviewed commentary in; "
                           "add a row for it")
    return "".join(out)
