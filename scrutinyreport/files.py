"""Writing files atomically (a temporary file beside it, then a rename, so a reader never sees half), reading
regular files only (never a pipe or a device, never past a size limit), and CSV that is safe to open in a
spreadsheet.

Files and folders get the permissions the user's umask allows, as any other program writes them (a
temporary file would otherwise stay readable by its owner alone, and colleagues on a shared drive could
not open the pack)."""

from __future__ import annotations

import csv
import io
import math
import os
import re
import stat
import tempfile
import threading
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from .errors import UnreadableInput

_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process's umask (read by setting it and putting it straight back)."""
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode a new ordinary file gets: 0o666 less the umask."""
    return 0o666 & ~current_umask()


def stage_file(path: Path, data: bytes) -> Path:
    """A temporary file beside path (in its folder, which must exist) holding data, with the permissions the
    umask allows: renaming it over path then replaces path at once."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, file_mode())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def atomic_write(path: Path, data: bytes) -> None:
    """Write data to path (creating its folder) so that path holds either the old bytes or all the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = stage_file(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def is_inside(folder: Path, path: Path) -> bool:
    """path really lies in folder: its real path (every symbolic link, and on Windows every junction, followed)
    is within the folder's real path."""
    root = os.path.realpath(folder)
    real = os.path.realpath(path)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


# ------------------------------------------------------------------------------------ reading without surprises

def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def not_a_file(path: Path) -> str | None:
    """Why path cannot be read as a file without opening it ('is a named pipe (FIFO) ...'), or None when it is
    a regular file (or cannot be looked at, which reading it will report)."""
    try:
        kind = _kind(os.stat(path).st_mode)
    except OSError:
        return None
    return None if kind is None else (f"is {kind}, not a file: refused without being opened (it could wait for "
                                      "ever, or never end); put the file itself here")


def read_regular_file(path: Path, limit: int, too_large: str, follow_links: bool = True) -> bytes:
    """A regular file's bytes, at most ``limit`` of them: UnreadableInput for a named pipe, device or folder
    (looked at before opening, so a pipe never blocks the run; opened without waiting, and looked at again,
    in case it was swapped in between), for a file that cannot be read, and (saying ``too_large``) for one
    over the limit. ``follow_links`` False: a symbolic link is not opened at all."""
    refused = not_a_file(path)
    if refused:
        raise UnreadableInput(refused)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        raise UnreadableInput(f"cannot be read: {error.strerror or error}") from error
    try:
        with os.fdopen(handle, "rb") as file:
            status = os.fstat(file.fileno())
            if _kind(status.st_mode) is not None:
                raise UnreadableInput(f"is {_kind(status.st_mode)}, not a file: refused")
            if status.st_size > limit:
                raise UnreadableInput(too_large)
            data = file.read(limit + 1)
    except OSError as error:
        raise UnreadableInput(f"cannot be read: {error.strerror or error}") from error
    if len(data) > limit:
        raise UnreadableInput(too_large)
    return data



# ------------------------------------------------------------------------------------ CSV safe for spreadsheets

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")   # what makes a spreadsheet read a cell as a formula (OWASP)
# a figure as printed that a spreadsheet reads as a number, not a formula: -12, 1,924, -£10,080, 82.8%
_PLAIN_NUMBER = re.compile(r"-?£?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?")


def spreadsheet_cell(value: object) -> str:
    """One CSV cell that no spreadsheet runs as a formula: a number as a number (82.8, 1924, -3.5; a whole
    number without '.0', a Decimal in full; blank for None or a value that is not finite), text as it is,
    except that text starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe (OWASP's
    advice), unless it is a plain printed figure such as -3.5 or -£200."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else ""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def from_spreadsheet_cell(text: str) -> str:
    """A cell written by ``spreadsheet_cell``, as it was: the apostrophe before a formula character taken off."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def csv_text(rows: Iterable[Iterable[object]], lineterminator: str = "\n") -> str:
    """Rows (the header first) as CSV text, every cell through ``spreadsheet_cell``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=lineterminator)
    writer.writerows([spreadsheet_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()
