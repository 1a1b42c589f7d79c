"""One pack on disk: the output folder, its manifest, atomic replacement and edited-document safety.

The new pack is written in full to a staging folder beside the old one and swapped in by renaming, so a
failure at any step leaves the previous pack as it was (and a run interrupted mid-swap is put right by the
next one). A document whose bytes no longer match the manifest was edited by a person: it is kept as it
is and the new version is written beside it as NAME.new.docx (NAME.new-2.docx if that one was edited too).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import OutputFolderError
from ..files import atomic_write

MANIFEST = "manifest.json"
NEW_SUFFIX = ".new"


@dataclass(frozen=True)
class OutputFile:
    """A file of the pack, in memory until the pack is written."""

    path: str
    data: bytes
    kind: str
    title: str = ""
    alt_text: str = ""
    description: str = ""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class WriteResult:
    folder: Path
    written: list[str] = field(default_factory=list)
    kept_edited: list[tuple[str, str]] = field(default_factory=list)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _staging(folder: Path) -> Path:
    return folder.with_name(f".{folder.name}.staging")


def _previous(folder: Path) -> Path:
    return folder.with_name(f".{folder.name}.previous")


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def recover_interrupted_swap(folder: Path) -> None:
    """A run stopped between moving the old pack aside and moving the new one in: put the old one back.
    A run stopped earlier or later left a staging or previous folder: remove it. Only call this while
    holding the output folder's lock (no other run can be using them)."""
    previous = _previous(folder)
    if previous.is_dir() and not folder.exists():
        os.replace(previous, folder)
    for leftover in (_staging(folder), previous):
        _remove(leftover)


def check_output_folder(folder: Path) -> None:
    """The pack's folder must be a folder (or not exist yet): a file of that name is the user's, not ours."""
    if folder.exists() and not folder.is_dir():
        raise OutputFolderError(f"{folder} is a file, not a folder: the pack for this period goes in a folder "
                                "of that name; move the file away (it was left as it is) or choose another --out")


def read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        manifest: dict[str, Any] | None = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return manifest
    except (OSError, ValueError):
        return None


def _written_as(entry: dict[str, Any]) -> str:
    written_as: str = entry.get("written_as", entry["path"])
    return written_as


def is_up_to_date(folder: Path, fingerprint: str) -> bool:
    """True when the pack was built from the same inputs, templates and code and no file it wrote has changed
    since (documents a person edited earlier, and kept, do not count)."""
    manifest = read_manifest(folder)
    if not manifest or manifest.get("fingerprint") != fingerprint:
        return False
    for entry in manifest.get("outputs", []):
        path = folder / _written_as(entry)
        if not path.is_file() or sha256_file(path) != entry["sha256"]:
            return False
        if _written_as(entry) != entry["path"] and not (folder / entry["path"]).is_file():
            return False   # the edited document was moved away: write it again under its own name
    return True


def edited_documents(folder: Path) -> set[str]:
    """Documents in the folder that a person has edited: never to be overwritten.

    That is every document whose bytes differ from what was generated (including a NAME.new.docx), every
    earlier edited document still kept beside its new version, and, with no readable manifest, every
    document in the folder."""
    manifest = read_manifest(folder)
    if manifest is None:
        return {p.name for p in folder.glob("*.docx")} if folder.is_dir() else set()
    edited = set()
    for entry in manifest.get("outputs", []):
        if entry.get("kind") != "document":
            continue
        written = folder / _written_as(entry)
        if written.is_file() and sha256_file(written) != entry["sha256"]:
            edited.add(_written_as(entry))
        if _written_as(entry) != entry["path"] and (folder / entry["path"]).is_file():
            edited.add(entry["path"])
    return edited


def beside(path: str, taken: set[str]) -> str:
    """'committee-update.docx' -> 'committee-update.new.docx' (or .new-2, .new-3 ... when taken)."""
    stem, dot, suffix = path.rpartition(".")
    candidate, number = f"{stem}{NEW_SUFFIX}{dot}{suffix}", 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}{NEW_SUFFIX}-{number}{dot}{suffix}"
    return candidate


def _keep_foreign_files(folder: Path, staging: Path, edited: set[str], owned: set[str]) -> None:
    """Copy into the new pack what a person put or edited in the old one; drop what an old run wrote."""
    for existing in folder.rglob("*"):
        relative = existing.relative_to(folder).as_posix()
        keep = relative in edited or (relative not in owned and relative != MANIFEST)
        if keep and existing.is_file() and not (staging / relative).exists():
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(existing, staging / relative)


def _write_new(path: Path, data: bytes, previous: Path | None = None, inside: Path | None = None) -> None:
    """Put a file into the staging folder, which nobody else reads until it is swapped in whole (so no
    temporary file and rename for each file, as ``atomic_write`` needs elsewhere).

    Where ``previous`` (the same file in the pack being replaced) holds these very bytes, the new name is a
    hard link to it: a rebuild leaves most figures as they were, and on some file systems creating a file
    costs many times more than linking one. The previous pack keeps its own name for the file until it is
    removed after the swap, so it stays whole if the run stops before then. Only a file that really lies
    in the folder ``inside`` (the previous pack, its real path) is linked: never one reached through a
    symbolic link."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if previous is not None and inside is not None and _holds(previous, data, inside):
        try:
            os.link(previous, path)
            return
        except OSError:
            pass   # a file system without hard links (or a link limit reached): write the file instead
    with path.open("xb") as out:
        out.write(data)


def _holds(path: Path, data: bytes, inside: Path) -> bool:
    """The path is an ordinary file in the folder ``inside`` (no symbolic link on the way) holding exactly
    these bytes."""
    try:
        status = os.lstat(path)
        if not stat.S_ISREG(status.st_mode) or status.st_size != len(data):
            return False
        if not Path(os.path.realpath(path)).is_relative_to(inside):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def write_pack(folder: Path, outputs: list[OutputFile], manifest: dict[str, Any]) -> WriteResult:
    """Replace the pack in folder by outputs (plus the manifest), keeping edited documents and foreign files."""
    check_output_folder(folder)
    recover_interrupted_swap(folder)
    result = WriteResult(folder)
    edited = edited_documents(folder)
    entries_before = (read_manifest(folder) or {}).get("outputs", [])
    owned = {e["path"] for e in entries_before} | {_written_as(e) for e in entries_before}
    staging, previous = _staging(folder), _previous(folder)
    staging.mkdir(parents=True)
    previous_pack = Path(os.path.realpath(folder)) if folder.is_dir() and not folder.is_symlink() else None
    try:
        entries = []
        for output in outputs:
            target = output.path
            if output.path in edited:
                target = beside(output.path, edited)
                result.kept_edited.append((output.path, target))
            _write_new(staging / target, output.data, folder / target, previous_pack)
            result.written.append(target)
            entry = {"path": output.path, "kind": output.kind, "sha256": output.sha256, "title": output.title,
                     "alt_text": output.alt_text, "description": output.description}
            if target != output.path:
                entry["written_as"] = target
            entries.append({k: v for k, v in entry.items() if v != ""})
        if folder.is_dir():
            _keep_foreign_files(folder, staging, edited, owned | {o.path for o in outputs})
        body = dict(manifest, outputs=entries)
        atomic_write(staging / MANIFEST, (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode())
        if folder.exists():
            os.replace(folder, previous)
        os.replace(staging, folder)
    except BaseException:
        recover_interrupted_swap(folder)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(previous, ignore_errors=True)
    return result
