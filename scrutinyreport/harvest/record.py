"""Finding the record a reviewed document was made from: inside the document when its editor kept it
(Word does), else in a pack folder, by the hash the document's properties name or, when those were lost
too, by matching the document's text against each record's."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..content.markdown_chunks import expressions, split_chunks, substitute
from ..content.record import RECORD_FORMAT, RECORD_VERSION
from ..errors import HarvestError, UnreadableDocument
from ..files import read_regular_file
from ..word.reader import ReviewedDocument
from .blocks import markdown_blocks
from .commentary import reviewed_cells

MINIMUM_MATCH = 0.3
MAX_RECORD_BYTES = 50_000_000


def _load(path: Path) -> dict[str, Any] | None:
    try:
        record = json.loads(read_regular_file(path, MAX_RECORD_BYTES, "is too large for a record").decode("utf-8"))
    except (OSError, ValueError, RecursionError):   # UnreadableInput is a ValueError
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
        return _checked(document.record, "the document itself",
                        f"{document.path}: the record inside it ({document.record_part})")
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


def _checked(record: dict[str, Any], where: str, named: str | None = None) -> tuple[dict[str, Any], str]:
    """The record and where it came from, once it is known to be one this version reads, as generate wrote
    it; ``named`` says where it is in an error (default ``where``)."""
    named = named or where
    if record.get("version") != RECORD_VERSION:
        raise HarvestError(f"{named}: a record of version {record.get('version')}, which this version of "
                           f"scrutinyreport cannot read (it reads version {RECORD_VERSION})")
    problem = record_problem(record)
    if problem:
        raise UnreadableDocument(f"{named}: the record is not as generate writes it ({problem}): harvest from "
                                 "the pack's own NAME.record.json with --record, or generate the pack again")
    return record, where


_MISSING = object()
_KIND_WORDS: dict[Any, str] = {str: "text", bool: "true or false", list: "a list", dict: "an object",
                               (list, type(None)): "a list or null"}
Kind = type | tuple[type, ...]


def _field(owner: dict[str, Any], path: str, key: str, kind: Kind, required: bool = True) -> str | None:
    """'path.key: missing' or 'path.key: expected text, found int', or None when the field is as written."""
    where = f"{path}.{key}" if path else key
    value = owner.get(key, _MISSING)
    if value is _MISSING:
        return f"{where}: missing" if required else None
    if not isinstance(value, kind):
        return f"{where}: expected {_KIND_WORDS.get(kind, 'something else')}, found {type(value).__name__}"
    return None


def _texts(owner: dict[str, Any], path: str, key: str) -> str | None:
    found = _field(owner, path, key, list)
    return found or next((f"{path}.{key}[{i}]: expected text" for i, v in enumerate(owner[key])
                          if not isinstance(v, str)), None)


def _objects(owner: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]] | str:
    """[(path, object)] for a list of objects, or what is wrong with it."""
    found = _field(owner, "", key, list)
    if found:
        return found
    bad = next((index for index, item in enumerate(owner[key]) if not isinstance(item, dict)), None)
    if bad is not None:
        return f"{key}[{bad}]: expected an object"
    return [(f"{key}[{index}]", item) for index, item in enumerate(owner[key])]


def _values(path: str, source: str, values: Any, split: bool) -> str | None:
    """The values of a text's live figures: one list per chunk (``split``) or one list, as many as it has."""
    if values is None:
        return None
    texts = [chunk.body for chunk in split_chunks(source)] if split else [source]
    lists = values if split else [values]
    if not isinstance(lists, list) or len(lists) != len(texts):
        return f"{path}.values: expected one list of values for each of its {len(texts)} block(s)"
    for index, (text, found) in enumerate(zip(texts, lists)):
        if not isinstance(found, list) or len(found) != len(expressions(text)) or \
                not all(isinstance(v, str) for v in found):
            return f"{path}.values" + (f"[{index}]" if split else "") + ": expected a value for each live figure"
    return None


_Fields = tuple[tuple[str, Kind], ...]
_ROW: _Fields = (("id", str), ("indicator", str), ("analysis", str), ("commentary", str), ("file", str))
_STATEMENT: _Fields = (("id", str), ("heading", str), ("fields", dict))
_SECTION: _Fields = (("key", str), ("title", str), ("generated", bool))
_WRITTEN_SECTION: _Fields = (("file", str), ("source", str), ("values", (list, type(None))))
_RECOMMENDATION: _Fields = (("source", str), ("values", (list, type(None))))


def _fields(owner: dict[str, Any], path: str, fields: _Fields, optional: _Fields = ()) -> str | None:
    """The first of the fields missing or of the wrong kind (the optional ones only if there), or None."""
    return next((found for key, kind in fields if (found := _field(owner, path, key, kind))), None) or \
        next((found for key, kind in optional if (found := _field(owner, path, key, kind, required=False))), None)


def _texts_of(owner: dict[str, Any], path: str, names: Any) -> str | None:
    return next((found for name in names if (found := _texts(owner, path, name))), None)


def _each(record: dict[str, Any], key: str, check: Callable[[str, dict[str, Any]], str | None]) -> str | None:
    """The first problem of a list of objects (or with the list itself)."""
    objects = _objects(record, key)
    if isinstance(objects, str):
        return objects
    return next((found for path, item in objects if (found := check(path, item))), None)


def _statement_problem(path: str, statement: dict[str, Any]) -> str | None:
    fields = statement.get("fields", {})
    return _fields(statement, path, _STATEMENT) or _fields(fields, f"{path}.fields", (), (("commitment", str),)) \
        or _texts_of(fields, f"{path}.fields", [name for name in fields if name != "commitment"])


def _section_problem(path: str, entry: dict[str, Any]) -> str | None:
    found = _fields(entry, path, _SECTION)
    if found or entry["generated"]:
        return found
    found = _fields(entry, path, _WRITTEN_SECTION, (("exists", bool), ("added_heading", bool)))
    if not found and (not entry.get("exists", True) or entry["values"] is None):
        found = _field(entry, path, "rendered", str)
    return found or _values(path, entry["source"], entry["values"], split=True)


def _recommendation_problem(path: str, entry: dict[str, Any]) -> str | None:
    return _fields(entry, path, _RECOMMENDATION) or _values(path, entry["source"], entry["values"], split=False)


def record_problem(record: dict[str, Any]) -> str | None:
    """What is out of place in a record (a key missing, a value of the wrong kind), or None."""
    kind = record.get("kind", "committee-update")
    found = _fields(record, "", (("document", str), ("period", str)))
    if found:
        return found
    if kind == "dashboard":
        return _each(record, "rows", lambda path, row: _fields(row, path, _ROW))
    if kind == "self-assessment":
        adass = record.get("adass", {})
        return _fields(record, "", (), (("file", str),)) or _each(record, "statements", _statement_problem) or \
            ("adass: expected an object" if not isinstance(adass, dict) else _texts_of(adass, "adass", adass))
    return _each(record, "sections", _section_problem) or _each(record, "recommendations", _recommendation_problem)
