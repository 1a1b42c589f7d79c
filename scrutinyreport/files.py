"""Writing a file atomically: a temporary file beside it, then a rename, so a reader never sees half.

Files and folders get the permissions the user's umask allows, as any other program writes them (a
temporary file would otherwise stay readable by its owner alone, and colleagues on a shared drive could
not open the pack)."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

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


def atomic_write(path: Path, data: bytes) -> None:
    """Write data to path (creating its folder) so that path holds either the old bytes or all the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, file_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
