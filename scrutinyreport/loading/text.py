"""Reading input files as text: UTF-8 (with or without BOM) or Windows-1252, as Excel on a UK PC saves.

This is the one place input bytes are read, so it is also where the inputs folder is enforced: while
``reading_inside(folder)`` is in force, a file that is a symbolic link, or whose real path leaves the
folder, is refused; so is a file over the size limit, one saved as UTF-16, and one holding control
characters (a NUL and the like), which Word cannot show.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import UndecodableFile, UnreadableInput
from ..files import read_regular_file
from .limits import MAX_FILE_BYTES

SAVE_AS_CSV = "save it as CSV UTF-8 (comma delimited) from Excel"
# what XML (and so Word) cannot hold: C0 controls other than tab, line feed and carriage return
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ROOT: contextvars.ContextVar[Path | None] = contextvars.ContextVar("inputs_root", default=None)


@dataclass(frozen=True)
class TextFile:
    """A file's decoded text, the encoding it was read with and the hash of its bytes."""

    path: Path
    text: str
    encoding: str
    sha256: str


@contextlib.contextmanager
def reading_inside(folder: Path) -> Iterator[None]:
    """Refuse, within the block, every file that is not truly inside folder."""
    token = _ROOT.set(Path(os.path.realpath(folder)))
    try:
        yield
    finally:
        _ROOT.reset(token)


def _check_inside(path: Path) -> None:
    root = _ROOT.get()
    if root is None:
        return
    if path.is_symlink():
        raise UnreadableInput("is a symbolic link: refused, since inputs are read only from inside the inputs "
                              "folder; copy the file itself into the folder")
    real = Path(os.path.realpath(path))
    if real != root and root not in real.parents:
        raise UnreadableInput("lies outside the inputs folder (through a link or '..'): refused; copy the file "
                              "into the inputs folder")


def control_characters(text: str) -> str | None:
    """'line 3 (U+0000)' for the first few lines holding characters Word cannot show, or None."""
    if not CONTROL.search(text):
        return None
    found: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = CONTROL.search(line)
        if match:
            found.append(f"line {number} (U+{ord(match.group()):04X})")
            if len(found) == 3:
                break
    return ", ".join(found) if found else None


def _looks_like_utf16(data: bytes) -> bool:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    sample = data[:400]
    return len(sample) >= 8 and sample.count(b"\x00") >= len(sample) // 3


def read_input_bytes(path: Path) -> bytes:
    """An input file's bytes: refused (UnreadableInput) when outside the inputs folder, a link, not a regular
    file, unreadable or over the size limit."""
    _check_inside(path)
    return read_regular_file(path, MAX_FILE_BYTES, f"is larger than {MAX_FILE_BYTES // 1_000_000} MB, far more "
                                                   "than a pack needs: is it the right file?", follow_links=False)


def read_text(path: Path) -> TextFile:
    """Decode UTF-8 (BOM stripped) or, failing that, Windows-1252; refuse what cannot be used."""
    data = read_input_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    save_as = SAVE_AS_CSV if path.suffix.lower() == ".csv" else "save it as UTF-8 from a text editor"
    if _looks_like_utf16(data):
        raise UndecodableFile(f"this file looks like UTF-16 (Excel's 'Unicode Text'): {save_as}")
    try:
        decoded = TextFile(path, data.decode("utf-8-sig"), "utf-8", digest)
    except UnicodeDecodeError:
        try:
            decoded = TextFile(path, data.decode("cp1252"), "cp1252", digest)
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise UndecodableFile(
                f"line {line}: byte 0x{data[error.start]:02x} is neither UTF-8 nor Windows-1252; "
                f"{save_as}") from error
    where = control_characters(decoded.text)
    if where:
        raise UnreadableInput(f"holds control characters that Word cannot show, at {where}: remove them "
                              "(they often come from copying out of another system)")
    return decoded
