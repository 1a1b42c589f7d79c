"""The reviewer's round trip: a committee update edited in Word (or LibreOffice) brought back into inputs/
(and a reviewed dashboard's analysis text into the month's CSV, commentary.py; a self-assessment summary's
text fields into self_assessment.yaml, self_assessment.py).

    read the document (tracked changes accepted, rejected, or refused)   docx_reader, tracked_changes
    find what it was made from                                           record
    map its blocks back onto narrative chunks and recommendations        sections, restore, markdown_writer
    merge three ways with inputs/ as it is now                           merge, pack_yaml
    (a dashboard: commentary.py; a self-assessment summary: self_assessment.py)
    write the inputs (each file atomically) and the review report        report

Nothing is written when a paragraph was changed both in the document and in inputs/ (a conflict), when
tracked changes are pending with --changes stop, or with dry_run. A harvested document that sits in a
pack folder is moved into that folder's reviewed/ subfolder, so the next generate writes the document
afresh instead of protecting the reviewed copy as an edit.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..content.markdown_chunks import join_chunks, split_chunks
from ..errors import HarvestConflict, HarvestError, PendingChanges, UndecodableFile
from ..files import atomic_write, from_spreadsheet_cell
from ..loading.text import read_text
from ..pack.folder import read_manifest
from ..word.reader import Comment, ReviewedDocument, read_document
from ..word.tracked_changes import MODES, TrackedChange
from .commentary import harvest_commentary, replace_commentary
from .merge import Conflict, merge, merge_chunks
from .pack_yaml import recommendations, replace_recommendations
from .record import find_record
from .report import review_report
from .sections import harvest_body
from .self_assessment import current_value, harvest_self_assessment, replace_field

__all__ = ["HarvestOptions", "HarvestResult", "HarvestError", "HarvestConflict", "PendingChanges", "harvest"]

REVIEW_FOLDER = "review"
REVIEWED_FOLDER = "reviewed"


@dataclass(frozen=True)
class HarvestOptions:
    document: Path
    inputs: Path = Path("inputs")
    changes: str = "accept"
    dry_run: bool = False
    record: Path | None = None
    out: Path | None = None          # where packs are (default: beside inputs, "out")


@dataclass
class HarvestResult:
    record_from: str
    files: dict[str, str] = field(default_factory=dict)        # inputs-relative path -> new text
    diff: str = ""
    comments: list[Comment] = field(default_factory=list)
    changes: list[TrackedChange] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    report: str = ""
    report_path: Path | None = None
    moved_to: Path | None = None


def _current(path: Path) -> tuple[str, str]:
    """The file's text now ('' when missing) and its line ending."""
    if not path.is_file():
        return "", "\n"
    try:
        text = read_text(path).text
    except UndecodableFile as error:
        raise HarvestError(f"{path}: {error}") from error
    return text.replace("\r\n", "\n"), "\r\n" if "\r\n" in text else "\n"


def _inside(inputs: Path, relative: str, pattern: str) -> Path:
    """inputs/relative, refused unless it is inside inputs and a kind of file the harvest writes."""
    target = (inputs / relative).resolve()
    if inputs.resolve() not in target.parents or not PurePosixPath(relative).match(pattern):
        raise HarvestError(f"the record names {relative}, which is not a file the harvest may write in "
                           f"{inputs} (expected {pattern}): not harvested")
    return inputs / relative


def _pack_folder(document: Path) -> Path | None:
    """The pack folder the document was generated into, if it is still there."""
    manifest = read_manifest(document.parent)
    if not manifest:
        return None
    names = {e.get("written_as", e.get("path")) for e in manifest.get("outputs", [])} | \
        {e.get("path") for e in manifest.get("outputs", [])}
    return document.parent if document.name in names else None


def _move_reviewed(document: Path) -> Path | None:
    folder = _pack_folder(document)
    if folder is None:
        return None
    target = folder / REVIEWED_FOLDER / document.name
    number = 1
    while target.exists():
        number += 1
        target = folder / REVIEWED_FOLDER / f"{document.stem}-{number}{document.suffix}"
    target.parent.mkdir(exist_ok=True)
    os.replace(document, target)
    return target


def _narrative(record: dict[str, Any], document: ReviewedDocument, inputs: Path, result: HarvestResult,
               conflicts: list[Conflict], before: dict[str, str]) -> None:
    """The committee update: narrative files and recommendations."""
    body = harvest_body(record, document)
    result.warnings += body.warnings
    for section in body.sections:
        if section.theirs is None:
            continue
        path = _inside(inputs, section.file, "*.md")
        text, newline = _current(path)
        ours = split_chunks(text)
        merged, found = merge_chunks(section.file, section.base, ours, section.theirs)
        conflicts += found
        if [c.body for c in merged] != [c.body for c in ours] or not path.is_file():
            before[section.file] = text
            result.files[section.file] = join_chunks(merged).replace("\n", newline) if merged else ""
    if body.recommendations is not None:
        path = _inside(inputs, "pack.yaml", "pack.yaml")
        text, _ = _current(path)
        ours_list = recommendations(text)
        merged_list, clashes = merge(body.recommendations_base, ours_list, body.recommendations)
        conflicts += [Conflict("pack.yaml recommendations", "\n".join(b), "\n".join(o), "\n".join(t))
                      for b, o, t in clashes]
        if not clashes and merged_list != ours_list:
            before["pack.yaml"] = text
            try:
                result.files["pack.yaml"] = replace_recommendations(read_text(path).text, merged_list)
            except ValueError as error:
                raise HarvestError(f"{path}: {error}") from error


def _commentary(record: dict[str, Any], document: ReviewedDocument, inputs: Path, result: HarvestResult,
                conflicts: list[Conflict], before: dict[str, str], encodings: dict[str, str]) -> None:
    """The dashboard: each indicator's commentary into the month's CSV."""
    found = harvest_commentary(record, document)
    result.warnings += found.warnings
    for name, changes in found.changes.items():
        path = _inside(inputs, name, "monthly/*.csv")
        if not path.is_file():
            raise HarvestError(f"{path}: not found, to put the reviewed commentary in")
        source = read_text(path)
        rows = {row.get("indicator_id", "").strip():
                " ".join(from_spreadsheet_cell(row.get("commentary") or "").split())
                for row in csv.DictReader(io.StringIO(source.text), skipinitialspace=False)}
        updates = {}
        for indicator, (base, theirs) in changes.items():
            ours = rows.get(indicator, "")
            if ours not in (base, theirs):
                conflicts.append(Conflict(f"{name}, commentary of {indicator}", base, ours, theirs))
            elif ours != theirs:
                updates[indicator] = theirs
        if updates:
            before[name] = source.text
            result.files[name] = replace_commentary(source.text, name, updates)
            bom = path.read_bytes().startswith(b"\xef\xbb\xbf")
            encodings[name] = "cp1252" if source.encoding == "cp1252" else "utf-8-sig" if bom else "utf-8"


def _self_assessment(record: dict[str, Any], document: ReviewedDocument, inputs: Path, result: HarvestResult,
                     conflicts: list[Conflict], before: dict[str, str]) -> None:
    """The self-assessment summary: strengths, areas for development, commitments, ADASS lists."""
    found = harvest_self_assessment(record, document)
    result.warnings += found.warnings
    if not found.changes:
        return
    name = record.get("file", "self_assessment.yaml")
    path = _inside(inputs, name, "*.yaml")
    if not path.is_file():
        raise HarvestError(f"{path}: not found, to put the reviewed self-assessment text in")
    text = read_text(path).text
    updated = text
    for change in found.changes:
        where = f"{name}: {change.path[-1]} of {change.path[1]}"
        ours = current_value(updated, change.path)
        if isinstance(change.theirs, list):
            base = [" ".join(t.split()) for t in change.base]
            merged, clashes = merge(base, ours or [], change.theirs)
            conflicts += [Conflict(where, "\n".join(b), "\n".join(o), "\n".join(t)) for b, o, t in clashes]
        else:
            base_text, merged = " ".join(change.base.split()), change.theirs
            if ours not in (base_text, change.theirs):
                conflicts.append(Conflict(where, base_text, ours or "", change.theirs))
                continue
        if merged != ours:
            updated = replace_field(updated, change.path, merged, name)
    if updated != text:
        before[name], result.files[name] = text, updated


def harvest(options: HarvestOptions) -> HarvestResult:
    """Bring a reviewed committee update (or dashboard) back into options.inputs (see the module doc)."""
    if options.changes not in MODES:
        raise HarvestError(f"--changes must be one of {', '.join(MODES)}, not {options.changes!r}")
    if not options.inputs.is_dir():
        raise HarvestError(f"{options.inputs}: no such inputs folder")
    document = read_document(options.document, options.changes)
    if options.changes == "stop" and document.changes:
        raise PendingChanges(options.document, [f"{c.kind} by {c.author or 'Unknown'} ({c.date or 'no date'}): "
                                                f"“{c.text[:100]}”" for c in document.changes])
    out = options.out or options.inputs.parent / "out"
    record, record_from = find_record(document, [options.document.parent, out], options.record)
    result = HarvestResult(record_from, comments=document.comments, changes=document.changes)
    conflicts: list[Conflict] = []
    before: dict[str, str] = {}
    encodings: dict[str, str] = {}
    if record.get("kind") == "dashboard":
        _commentary(record, document, options.inputs, result, conflicts, before, encodings)
    elif record.get("kind") == "self-assessment":
        _self_assessment(record, document, options.inputs, result, conflicts, before)
    else:
        _narrative(record, document, options.inputs, result, conflicts, before)
    if conflicts:
        raise HarvestConflict(conflicts)
    result.diff = "".join("".join(difflib.unified_diff(
        before[name].splitlines(keepends=True), text.splitlines(keepends=True),
        f"a/{name}", f"b/{name}")) for name, text in result.files.items())
    result.report = review_report(options.document.name, document.comments, document.changes,
                                  options.changes, sorted(result.files), result.warnings)
    if options.dry_run:
        return result
    result.report_path = options.inputs / REVIEW_FOLDER / f"{options.document.stem}-comments.md"
    for name, text in result.files.items():
        atomic_write(options.inputs / name, text.encode(encodings.get(name, "utf-8")))
    atomic_write(result.report_path, result.report.encode("utf-8"))
    if record.get("document") == options.document.name:
        result.moved_to = _move_reviewed(options.document)
    return result
