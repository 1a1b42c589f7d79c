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
tracked changes are pending with --changes stop, or with dry_run. A harvest is all or nothing: every changed
input and the review report are encoded first (a character the file's own encoding cannot hold stops it
there) and staged beside their files, then swapped in; if a swap fails, the files already swapped are put
back and the error says what was and was not changed. It holds the inputs folder's lock throughout (two
harvests wait for each other), and never writes through a link that leaves the inputs folder. A harvested
document that sits in a pack folder is moved into that folder's reviewed/ subfolder (holding the pack's
lock, and never through a link out of it), so the next generate writes the document afresh instead of
protecting the reviewed copy as an edit.
"""

from __future__ import annotations

import csv
import difflib
import io
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..content.markdown_chunks import join_chunks, split_chunks
from ..errors import (
    HarvestConflict,
    HarvestError,
    HarvestWriteError,
    OutputFolderError,
    OutputLocked,
    PendingChanges,
    UndecodableFile,
    UnreadableInput,
)
from ..files import atomic_write, from_spreadsheet_cell, is_inside, read_regular_file, stage_file
from ..loading.limits import MAX_FILE_BYTES
from ..loading.text import read_text
from ..pack.folder import read_manifest
from ..pack.lock import OutputLock
from ..word.reader import Comment, ReviewedDocument, read_document
from ..word.tracked_changes import MODES, TrackedChange
from .commentary import harvest_commentary, replace_commentary
from .merge import Conflict, merge, merge_chunks
from .pack_yaml import recommendations, replace_recommendations
from .record import find_record
from .report import review_report
from .sections import harvest_body
from .self_assessment import current_value, harvest_self_assessment, replace_field

log = logging.getLogger(__name__)

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
    notify: Callable[[str], None] | None = None   # told when it waits for another run holding the inputs
                                                  # folder (None: logged under the logger scrutinyreport)


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
    if not PurePosixPath(relative).match(pattern) or ".." in PurePosixPath(relative).parts:
        raise HarvestError(f"the record names {relative}, which is not a file the harvest may write in "
                           f"{inputs} (expected {pattern}): not harvested")
    if not is_inside(inputs, inputs / relative) or os.path.realpath(inputs / relative) == os.path.realpath(inputs):
        raise HarvestError(f"{inputs / relative}: lies outside the inputs folder (through a symbolic link or "
                           "junction): the harvest never writes through one; make it a file or folder of its own "
                           "in the inputs folder")
    return inputs / relative


def _pack_folder(document: Path) -> Path | None:
    """The pack folder the document was generated into, if it is still there."""
    manifest = read_manifest(document.parent)
    if not manifest:
        return None
    names = {e.get("written_as", e.get("path")) for e in manifest.get("outputs", [])} | \
        {e.get("path") for e in manifest.get("outputs", [])}
    return document.parent if document.name in names else None


def _move_reviewed(document: Path, result: HarvestResult) -> None:
    """Move the harvested document into its pack folder's reviewed/ (holding the pack's lock, as generate
    does while it replaces the folder); the inputs are harvested already, so a failure is a warning."""
    folder = _pack_folder(document)
    if folder is None:
        return
    try:
        with OutputLock(folder.parent, wait=60.0, advice="move the document into reviewed/ yourself later"):
            reviewed = folder / REVIEWED_FOLDER
            if not is_inside(folder, reviewed):
                _late_warning(result, f"{reviewed} lies outside the pack folder (through a link): the reviewed "
                                      f"document was left where it is; move {document.name} away yourself")
                return
            target = reviewed / document.name
            number = 1
            while target.exists() or target.is_symlink():
                number += 1
                target = reviewed / f"{document.stem}-{number}{document.suffix}"
            reviewed.mkdir(exist_ok=True)
            os.replace(document, target)
            result.moved_to = target
    except (OSError, OutputLocked, OutputFolderError) as error:
        _late_warning(result, f"the inputs were harvested, but {document} could not be moved into {folder}/"
                              f"{REVIEWED_FOLDER}/ ({error}): move it away yourself, or the next generate will keep "
                              "it as an edited document")


def _late_warning(result: HarvestResult, text: str) -> None:
    """A warning found after the review report was written: said with the report as it is printed."""
    result.warnings.append(text)
    result.report = f"{result.report.rstrip()}\n\nwarning: {text}\n"


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
    result = _harvest(options, write=False)   # a conflict or a bad document stops here, with no lock file made
    if options.dry_run:
        return result
    with OutputLock(options.inputs, wait=60.0, notify=options.notify or log.warning,
                    advice="run the harvest again when it has finished",
                    folder_words=("inputs folder", "the harvest writes into it")):
        return _harvest(options, write=True)   # again, holding the lock: against the inputs as they now are


def _encoded(inputs: Path, name: str, text: str, encoding: str) -> bytes:
    """The file's new text in its own encoding; a character it cannot hold stops the harvest, before anything
    is written."""
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as error:
        character = text[error.start]
        line = text.count("\n", 0, error.start) + 1
        raise HarvestError(f"{inputs / name}, line {line}: the reviewed text holds {character!r} "
                           f"(U+{ord(character):04X}), which this file's encoding ({encoding}, as Excel saves CSV "
                           "on a UK PC) cannot hold. Nothing was written: save the file as CSV UTF-8 in Excel, or "
                           "change that character in the document, and harvest again") from error


def _original(path: Path) -> bytes | None:
    """A file's bytes before the harvest (None when it does not exist yet), to put it back if need be."""
    if not path.exists() and not path.is_symlink():
        return None
    try:
        return read_regular_file(path, MAX_FILE_BYTES, "is larger than an input may be", follow_links=False)
    except UnreadableInput as error:
        raise HarvestError(f"{path}: {error}. Nothing was written") from error


def _names(paths: list[Path]) -> str:
    return ", ".join(str(path) for path in paths) or "none"


def _write_all(planned: list[tuple[Path, bytes]]) -> None:
    """Every file written, or none: each staged beside its file first, then all swapped in; a swap that
    fails puts back the files swapped before it. HarvestWriteError says truthfully what was changed."""
    originals = {path: _original(path) for path, _ in planned}
    for path, _ in planned:   # what a harvest that was killed part-way left staged (the lock is ours)
        for leftover in path.parent.glob(f"{path.name}.*.tmp") if path.parent.is_dir() else []:
            leftover.unlink(missing_ok=True)
    made: list[Path] = []
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in planned:
            for folder in reversed([path.parent, *path.parent.parents]):
                if not folder.exists():
                    folder.mkdir()
                    made.append(folder)
            staged.append((path, stage_file(path, data)))
    except BaseException as error:
        for _, temporary in staged:
            temporary.unlink(missing_ok=True)
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                pass
        if isinstance(error, OSError):
            raise HarvestWriteError(f"{error.filename or planned[len(staged)][0]}: cannot be written "
                                    f"({error.strerror or error}). Nothing was harvested: the inputs are as they "
                                    "were") from error
        raise
    swapped: list[Path] = []
    try:
        for path, temporary in staged:
            os.replace(temporary, path)
            swapped.append(path)
    except BaseException as error:
        for _, temporary in staged:
            temporary.unlink(missing_ok=True)
        not_put_back = []
        for path in swapped:
            try:
                if originals[path] is None:
                    path.unlink()
                else:
                    atomic_write(path, originals[path] or b"")
            except OSError:
                not_put_back.append(path)
        if not isinstance(error, OSError) and not not_put_back:
            raise   # Ctrl-C or a stop, with the inputs as they were: said as such
        failed = staged[len(swapped)][0] if len(swapped) < len(staged) else swapped[-1]
        why = f"cannot be written ({error.strerror or error})" if isinstance(error, OSError) else \
            f"the harvest was stopped ({type(error).__name__})"
        if not_put_back:
            said = (f"CHANGED, and could not be put back: {_names(not_put_back)}; put back as they were: "
                    f"{_names([p for p in swapped if p not in not_put_back])}; not changed: "
                    f"{_names([p for p, _ in staged[len(swapped):]])}")
        else:
            said = "Nothing was harvested: " + ("the files already written were put back as they were, so the "
                                                "inputs are as they were" if swapped else "the inputs are as they were")
        raise HarvestWriteError(f"{failed}: {why}. {said}") from error


def _harvest(options: HarvestOptions, write: bool) -> HarvestResult:
    """The harvest worked out, and (``write``) written."""
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
    else:           # a committee update, or a Local Account (its introduction, as a narrative section)
        _narrative(record, document, options.inputs, result, conflicts, before)
    if conflicts:
        raise HarvestConflict(conflicts)
    result.diff = "".join("".join(difflib.unified_diff(
        before[name].splitlines(keepends=True), text.splitlines(keepends=True),
        f"a/{name}", f"b/{name}")) for name, text in result.files.items())
    result.report = review_report(options.document.name, document.comments, document.changes,
                                  options.changes, sorted(result.files), result.warnings)
    if not write:
        return result
    planned = [(options.inputs / name, _encoded(options.inputs, name, text, encodings.get(name, "utf-8")))
               for name, text in result.files.items()]
    report = _inside(options.inputs, f"{REVIEW_FOLDER}/{options.document.stem}-comments.md", f"{REVIEW_FOLDER}/*.md")
    for path, _ in planned:
        _inside(options.inputs, path.relative_to(options.inputs).as_posix(), "*")
    _write_all(planned + [(report, result.report.encode("utf-8"))])
    result.report_path = report
    if record.get("document") == options.document.name:
        _move_reviewed(options.document, result)
    return result
