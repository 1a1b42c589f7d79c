"""Finding the record a reviewed document was made from: inside the document when its editor kept it
(Word does), else in a pack folder, by the hash the document's properties name or, when those were lost
too, by matching the document's text against each record's."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..content.markdown_chunks import split_chunks, substitute
from ..content.record import RECORD_FORMAT, RECORD_VERSION
from ..errors import HarvestError
from ..word.reader import ReviewedDocument
from .blocks import markdown_blocks
from .commentary import reviewed_cells

MINIMUM_MATCH = 0.3


def _load(path: Path) -> dict[str, Any] | None:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("format") == RECORD_FORMAT else None


def recorded_texts(record: dict[str, Any]) -> set[str]:
    """The plain text of every block the record's narrative printed."""
    texts: set[str] = set()
    for entry in record.get("sections", []):
        if entry.get("generated"):
            continue
        if entry.get("values") is None or not entry.get("exists", True):
            markdown = entry.get("rendered", "")
        else:
            markdown = "\n\n".join(substitute(c.body, v) for c, v in zip(split_chunks(entry["source"]),
                                                                             entry["values"]))
        texts.update(block.text for block in markdown_blocks(markdown))
    return texts


def _match(record: dict[str, Any], document: ReviewedDocument) -> float:
    if record.get("kind") == "dashboard":     # rows with the indicator and its analysis as printed
        expected: set[str | tuple[str, str]] = {(" ".join(row["indicator"].split()), " ".join(row["analysis"].split()))
                    for row in record.get("rows", [])}
        found: set[str | tuple[str, str]] = set(reviewed_cells(document).items())
    elif record.get("kind") == "self-assessment":
        expected = {statement["heading"] for statement in record.get("statements", [])}
        found = {" ".join(block.text.split()) for block in document.blocks}
    else:
        expected = set(recorded_texts(record))
        found = {block.text for block in document.blocks}
    return len(expected & found) / len(expected) if expected else 0.0


def find_record(document: ReviewedDocument, search: list[Path], given: Path | None = None
                ) -> tuple[dict[str, Any], str]:
    """The record and where it came from. ``search`` are folders whose */*.record.json files are looked at
    (the document's own folder first)."""
    if given is not None:
        record = _load(given)
        if record is None:
            raise HarvestError(f"{given}: not a record written by generate (NAME.record.json)")
        return _checked(record, str(given))
    if document.record is not None:
        return _checked(document.record, "the document itself")
    candidates: list[Path] = []
    for folder in search:
        candidates += sorted(folder.glob("*.record.json")) + sorted(folder.glob("*/*.record.json"))
    if document.record_id:
        for path in candidates:
            if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == document.record_id:
                return _checked(_load(path) or {}, str(path))
    scored = [(_match(record, document), str(path), record) for path in candidates
              if (record := _load(path)) is not None]
    scored.sort(key=lambda item: item[0], reverse=True)
    if not scored or scored[0][0] < MINIMUM_MATCH:
        looked = ", ".join(str(folder) for folder in search)
        raise HarvestError(f"{document.path}: no record of what this document was made from: it is not inside "
                           f"the document and no NAME.record.json in {looked} matches its text; give the "
                           "pack's record with --record")
    score, where, record = scored[0]
    return _checked(record, f"{where} (matched {score:.0%} of its paragraphs)")


def _checked(record: dict[str, Any], where: str) -> tuple[dict[str, Any], str]:
    if record.get("version") != RECORD_VERSION:
        raise HarvestError(f"{where}: a record of version {record.get('version')}, which this version of "
                           f"scrutinyreport cannot read (it reads version {RECORD_VERSION})")
    return record, where
