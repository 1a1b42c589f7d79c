"""Reading input files as text: UTF-8 (with or without BOM) or Windows-1252, as Excel on a UK PC saves."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class TextFile:
    """A file's decoded text, the encoding it was read with and the hash of its bytes."""

    path: Path
    text: str
    encoding: str
    sha256: str


class UndecodableFile(ValueError):
    """Neither UTF-8 nor Windows-1252: names the byte offset and line of the first bad byte."""


def read_text(path: Path) -> TextFile:
    """Decode UTF-8 (BOM stripped) or, failing that, Windows-1252."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    try:
        return TextFile(path, data.decode("utf-8-sig"), "utf-8", digest)
    except UnicodeDecodeError:
        pass
    try:
        return TextFile(path, data.decode("cp1252"), "cp1252", digest)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UndecodableFile(
            f"line {line}: byte 0x{data[error.start]:02x} is neither UTF-8 nor Windows-1252; "
            "save the file as CSV UTF-8 from Excel") from error
