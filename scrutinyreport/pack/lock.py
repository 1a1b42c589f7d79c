"""One run at a time in an output folder: an operating-system lock on OUT/.scrutinyreport.lock.

The lock is the kernel's (flock on POSIX, a locked byte range on Windows), so it goes with the process
that holds it: a run that was killed leaves no lock behind, and the next run takes over at once. The file
also records who holds it (process, user, machine, start time, command) so that a run that has to wait,
and gives up after a bounded time, can name the run in its way.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from ..errors import OutputFolderError, OutputLocked

LOCK_NAME = ".scrutinyreport.lock"
POLL_SECONDS = 0.1
_WINDOWS_OFFSET = 1 << 30   # the locked byte on Windows, far past the holder's record so it stays readable

if sys.platform == "win32":   # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: int) -> bool:
        os.lseek(handle, _WINDOWS_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: int) -> None:
        os.lseek(handle, _WINDOWS_OFFSET, os.SEEK_SET)
        msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(handle: int) -> bool:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_UN)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):   # no name for this uid (containers)
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown user"


def describe_holder(record: str) -> str:
    """'process 123 of ann on host-1, started 2026-11-01 09:14:03 UTC (scrutinyreport generate ...)'."""
    try:
        holder = json.loads(record)
        return (f"process {holder['pid']} of {holder['user']} on {holder['host']}, started {holder['started']} "
                f"({holder['command']})")
    except (ValueError, KeyError, TypeError):
        return "a run that did not say who it is"


class OutputLock:
    """Hold the lock on an output folder for the length of a ``with`` block.

    Waits up to ``wait`` seconds for another run to finish; then raises OutputLocked naming it."""

    def __init__(self, out: Path, wait: float = 60.0, notify: Callable[[str], None] = lambda line: None):
        self.out, self.wait, self.notify = Path(out), wait, notify
        self.path = self.out / LOCK_NAME
        self.handle: int | None = None
        self.took_over: str | None = None

    def _read_record(self, handle: int) -> str:
        os.lseek(handle, 0, os.SEEK_SET)
        return os.read(handle, 4096).decode("utf-8", "replace").strip()

    def __enter__(self) -> OutputLock:
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            handle = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError as error:
            raise OutputFolderError(f"{self.out} is a file, not a folder: give --out a folder") from error
        except OSError as error:
            raise OutputFolderError(f"cannot use the output folder {self.out}: {error.strerror}; choose a "
                                    "folder you can write to with --out") from error
        deadline = time.monotonic() + max(self.wait, 0.0)
        told = False
        while not _try_lock(handle):
            record = self._read_record(handle)
            if time.monotonic() >= deadline:
                os.close(handle)
                raise OutputLocked(f"another run is writing to {self.out}: {describe_holder(record)}. Nothing "
                                   f"was changed; run again when it has finished (or allow a longer wait with "
                                   f"--wait SECONDS). The lock is {self.path}, released when that run ends.")
            if not told:
                self.notify(f"Waiting up to {self.wait:g} s for the run that is writing to {self.out}: "
                            f"{describe_holder(record)}")
                told = True
            time.sleep(POLL_SECONDS)
        previous = self._read_record(handle)
        if previous:   # the kernel let go of a dead run's lock, but its record is still there
            self.took_over = describe_holder(previous)
        holder = {"pid": os.getpid(), "user": _user(), "host": socket.gethostname(),
                  "started": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
                  "command": " ".join(["scrutinyreport", *sys.argv[1:]])[:300]}
        os.ftruncate(handle, 0)
        os.lseek(handle, 0, os.SEEK_SET)
        os.write(handle, json.dumps(holder).encode("utf-8"))
        self.handle = handle
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.handle is None:
            return
        try:
            os.ftruncate(self.handle, 0)   # no record: nobody holds it
            _unlock(self.handle)
        finally:
            os.close(self.handle)
            self.handle = None
