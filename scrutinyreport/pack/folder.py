"""One pack on disk: the output folder, its manifest, atomic replacement and edited-document safety.

The new pack is written in full to a staging folder beside the old one and swapped in by renaming, so a
failure at any step leaves the previous pack as it was (and a run interrupted mid-swap is put right by the
next one). A document whose bytes no longer match the manifest was edited by a person: it is kept as it
is and the new version is written beside it as NAME.new.docx (NAME.new-2.docx if that one was edited too).
A document that is open (Word's owner file ~$NAME.docx or LibreOffice's .~lock.NAME.docx# lies beside it) is
kept in the same way, with a warning naming who has it open; the manifest remembers it was kept only for
being open, so once it is closed the next run writes NAME.docx again. Those editors' lock files, and ours,
are never carried into a new pack. Nothing is read from the old pack through a symbolic link.
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

from ..errors import OutputFolderError, UnreadableInput
from ..files import atomic_write, read_regular_file
from .lock import LOCK_NAME

MANIFEST = "manifest.json"
NEW_SUFFIX = ".new"
MAX_MANIFEST_BYTES = 50_000_000
OPEN_KEPT = "kept_open_sha256"   # a manifest entry's field: the hash of the document kept because it was open


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
    kept_open: list[tuple[str, str, str]] = field(default_factory=list)   # (document, new version, who has it)

    @property
    def warnings(self) -> list[str]:
        """A line for each document kept as it was (edited by a person, or open in an editor)."""
        lines = [f"{self.folder / kept} was edited since it was generated, so it was kept as it is; the new version "
                 f"is {self.folder / new}" for kept, new in self.kept_edited]
        lines += [f"{self.folder / kept} is open ({who}), so it was kept as it is; the new version is "
                  f"{self.folder / new} (close the document and run again to have {kept} replaced)"
                  for kept, new, who in self.kept_open]
        return lines


# --------------------------------------------------------------------------------------- documents open

def word_owner_files(name: str) -> list[str]:
    """The names Word gives the owner file of an open document: '~$' in place of the name's first two
    characters (or one, or none, for a short name)."""
    return sorted({f"~${name[cut:]}" for cut in (0, 1, 2) if len(name) - cut > len(name.rsplit(".", 1)[-1]) + 1})


def libreoffice_lock_file(name: str) -> str:
    return f".~lock.{name}#"


def is_editor_lock(name: str) -> bool:
    """An editor's lock file (Word's ~$..., LibreOffice's .~lock...#) or ours: never part of a pack."""
    return name.startswith("~$") or (name.startswith(".~lock.") and name.endswith("#")) or name == LOCK_NAME


def _small(path: Path) -> bytes | None:
    """A lock file's bytes (a few hundred at most), or None when it is not a file that can be read."""
    try:
        return read_regular_file(path, 4096, "is too large for a lock file")
    except UnreadableInput:
        return None


def _word_owner(data: bytes) -> str:
    """The user named in Word's owner file: a length byte and the name (Windows' code page), then the name
    again in UTF-16 at byte 54."""
    length = data[0] if data else 0
    if 0 < length <= 53 and len(data) > length:
        name = data[1:1 + length].decode("cp1252", "replace").strip()
        if name.isprintable() and name:
            return name
    wide = data[55:55 + 2 * 53] if len(data) > 55 else b""
    name = wide.decode("utf-16-le", "replace").split("\x00")[0].strip()
    return name if name and name.isprintable() else ""


def _libreoffice_owner(data: bytes) -> str:
    """The user named in LibreOffice's lock file, a line 'Full Name,user,host,date,profile;': the user (with
    the full name and the machine, when given)."""
    fields = [part.strip() for part in data.decode("utf-8", "replace").split(";")[0].split(",")]
    fields += [""] * (3 - len(fields))
    full, user, host = fields[0], fields[1], fields[2]
    who = f"{full} ({user})" if full and user and full != user else (user or full)
    return f"{who} on {host}" if who and host else who


def open_by(folder: Path, name: str) -> str | None:
    """Who has folder/name open, as its editor's lock file beside it says ('in Word, by Jo Rivers'); None when
    no editor's lock file is there."""
    for owner in word_owner_files(name):
        data = _small(folder / owner) if (folder / owner).is_file() and not (folder / owner).is_symlink() else None
        if data is not None:
            who = _word_owner(data)
            return f"in Word, by {who}" if who else "in Word (its owner file does not say by whom)"
    lock = folder / libreoffice_lock_file(name)
    data = _small(lock) if lock.is_file() and not lock.is_symlink() else None
    if data is not None:
        who = _libreoffice_owner(data)
        return f"in LibreOffice, by {who}" if who else "in LibreOffice (its lock file does not say by whom)"
    return None


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
    """The folder's manifest; None when there is none, or it is not a readable one (not a file, not JSON)."""
    try:
        path = folder / MANIFEST
        if path.is_symlink():
            return None
        manifest = json.loads(read_regular_file(path, MAX_MANIFEST_BYTES, "is too large").decode("utf-8"))
    except (OSError, ValueError, RecursionError):   # UnreadableInput is a ValueError
        return None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("outputs", []), list) or \
            not all(isinstance(e, dict) and isinstance(e.get("path"), str) and isinstance(e.get("sha256"), str)
                    for e in manifest.get("outputs", [])):
        return None
    return manifest


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
        if OPEN_KEPT in entry:
            return False   # a document kept because it was open: write it again, now that it may be closed
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
        original = folder / entry["path"]
        if _written_as(entry) != entry["path"] and original.is_file() and \
                not (OPEN_KEPT in entry and sha256_file(original) == entry[OPEN_KEPT]):
            edited.add(entry["path"])   # (one kept only for being open, and unchanged since, may be replaced)
    return edited


def beside(path: str, taken: set[str]) -> str:
    """'committee-update.docx' -> 'committee-update.new.docx' (or .new-2, .new-3 ... when taken)."""
    stem, dot, suffix = path.rpartition(".")
    candidate, number = f"{stem}{NEW_SUFFIX}{dot}{suffix}", 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}{NEW_SUFFIX}-{number}{dot}{suffix}"
    return candidate


def _keep_foreign_files(folder: Path, staging: Path, kept: set[str], owned: set[str]) -> None:
    """Copy into the new pack what a person put or edited in the old one (and the documents kept because they
    are open); drop what an old run wrote, and editors' lock files. A symbolic link is carried as the link it
    is, never as what it points to."""
    for existing in folder.rglob("*"):
        relative = existing.relative_to(folder).as_posix()
        foreign = relative not in owned and relative != MANIFEST and not is_editor_lock(existing.name)
        keep = relative in kept or foreign
        if not keep or (staging / relative).exists() or (staging / relative).is_symlink():
            continue
        if existing.is_symlink() or existing.is_file():
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(existing, staging / relative, follow_symlinks=False)


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


def _swap(folder: Path, staging: Path, previous: Path, opened: list[str]) -> None:
    """The new pack in place of the old. Windows will not rename a folder holding a document open in Word (not
    tested here): then the run stops naming the open documents, with nothing changed."""
    try:
        if folder.exists():
            os.replace(folder, previous)
    except PermissionError as error:
        if opened:
            raise OutputFolderError(f"{folder} cannot be replaced while {', '.join(opened)} is open: close it and "
                                    "run again. Nothing was changed") from error
        raise
    os.replace(staging, folder)


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
    kept = set(edited)
    opened: list[str] = []
    try:
        entries = []
        for output in outputs:
            target = output.path
            entry = {"path": output.path, "kind": output.kind, "sha256": output.sha256, "title": output.title,
                     "alt_text": output.alt_text, "description": output.description}
            if output.path in edited:
                target = beside(output.path, edited)
                result.kept_edited.append((output.path, target))
            elif output.kind == "document" and (folder / output.path).is_file() and \
                    (who := open_by(folder, output.path)) is not None:
                target = beside(output.path, edited)
                result.kept_open.append((output.path, target, who))
                entry[OPEN_KEPT] = sha256_file(folder / output.path)
                kept.add(output.path)
                opened.append(f"{output.path} ({who})")
            while output.kind == "document" and target != output.path and (folder / target).is_file() and \
                    (who := open_by(folder, target)) is not None:   # the new version's own name is open
                kept.add(target)
                opened.append(f"{target} ({who})")
                target = beside(output.path, edited | kept)
            _write_new(staging / target, output.data, folder / target, previous_pack)
            result.written.append(target)
            if target != output.path:
                entry["written_as"] = target
            entries.append({k: v for k, v in entry.items() if v != ""})
        if folder.is_dir():
            _keep_foreign_files(folder, staging, kept, owned | {o.path for o in outputs})
        body = dict(manifest, outputs=entries)
        atomic_write(staging / MANIFEST, (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode())
        _swap(folder, staging, previous, opened)
    except BaseException:
        recover_interrupted_swap(folder)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(previous, ignore_errors=True)
    return result
