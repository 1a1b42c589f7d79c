"""One pack on disk: the output folder, its manifest, atomic replacement and edited-document safety.

The new pack is written in full to a staging folder beside the old one and swapped in by renaming, so a
failure at any step leaves the previous pack as it was. A document whose bytes no longer match the manifest
was edited by a person: it is kept as it is and the new version is written beside it as NAME.new.docx.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    unchanged: bool = False


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_up_to_date(folder: Path, fingerprint: str) -> bool:
    """True when the pack was built from the same inputs, templates and code and no file has changed since."""
    manifest = read_manifest(folder)
    if not manifest or manifest.get("fingerprint") != fingerprint:
        return False
    for entry in manifest.get("outputs", []):
        path = folder / entry["path"]
        if not path.is_file() or sha256_file(path) != entry["sha256"]:
            return False
    return True


def edited_documents(folder: Path) -> set[str]:
    """Documents of the previous pack whose bytes differ from what was generated: a person edited them."""
    manifest = read_manifest(folder)
    if manifest is None:
        return {p.name for p in folder.glob("*.docx")} if folder.is_dir() else set()
    edited = set()
    for entry in manifest.get("outputs", []):
        path = folder / entry["path"]
        if entry.get("kind") == "document" and path.is_file() and sha256_file(path) != entry["sha256"]:
            edited.add(entry["path"])
    return edited


def beside(path: str) -> str:
    """'committee-update.docx' -> 'committee-update.new.docx'."""
    stem, dot, suffix = path.rpartition(".")
    return f"{stem}{NEW_SUFFIX}{dot}{suffix}"


def _write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def write_pack(folder: Path, outputs: list[OutputFile], manifest: dict[str, Any]) -> WriteResult:
    """Replace the pack in folder by outputs (plus the manifest), keeping edited documents and foreign files."""
    result = WriteResult(folder)
    edited = edited_documents(folder)
    owned = {entry["path"] for entry in (read_manifest(folder) or {}).get("outputs", [])}
    staging = folder.with_name(f".{folder.name}.staging")
    previous = folder.with_name(f".{folder.name}.previous")
    for leftover in (staging, previous):
        if leftover.exists():
            shutil.rmtree(leftover)
    staging.mkdir(parents=True)
    try:
        entries = []
        for output in outputs:
            target = output.path
            if output.path in edited:
                target = beside(output.path)
                result.kept_edited.append((output.path, target))
            _write_bytes(staging / target, output.data)
            result.written.append(target)
            entries.append({"path": output.path, "written_as": target, "kind": output.kind,
                            "sha256": output.sha256, "title": output.title, "alt_text": output.alt_text,
                            "description": output.description})
        if folder.is_dir():
            produced = {o.path for o in outputs} | set(result.written)
            for existing in folder.rglob("*"):
                relative = existing.relative_to(folder).as_posix()
                keep = relative in edited or (relative not in owned and relative not in produced
                                              and relative != MANIFEST and existing.is_file())
                if keep and not (staging / relative).exists():
                    (staging / relative).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(existing, staging / relative)
        body = dict(manifest, outputs=[{k: v for k, v in e.items() if v != ""} for e in entries])
        for entry in body["outputs"]:
            if entry["written_as"] == entry["path"]:
                del entry["written_as"]
        _write_bytes(staging / MANIFEST, (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode())
        if folder.exists():
            os.replace(folder, previous)
        os.replace(staging, folder)
    except BaseException:
        if previous.exists() and not folder.exists():
            os.replace(previous, folder)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(previous, ignore_errors=True)
    return result
