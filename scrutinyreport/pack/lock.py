"""One run at a time in a folder: an operating-system lock on a small lock file (OUT/.scrutinyreport.lock for
a pack's output folder; the inputs folder's own for a harvest; one beside the region's output folder, which is
swapped whole).

The lock is the kernel's (flock on POSIX, a locked byte range on Windows), so it goes with the process
that holds it: a run that was killed leaves no lock behind, and the next run takes over at once. The file
also records who holds it (process, user, machine, start time, command) so that a run that has to wait,
and gives up after a bounded time, can name the run in its way.

Within one process the lock is shared out between threads (two threads writing one pack wait for each other)
and may be taken again by the thread that holds it (``generate`` holds the output folder while ``Pack.write``,
which takes the same lock for library callers, writes the pack). The lock file is never opened through a
symbolic link.

The platform's primitive is chosen once (``platform_locking``); ``WindowsLocking`` takes msvcrt's ``locking``
as an argument, so its logic runs (with a stand-in for msvcrt) wherever the tests do. What cannot be tested
off Windows: that msvcrt.locking itself refuses a byte another process holds and frees it when that process
ends, which Windows documents.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Protocol

from ..errors import OutputFolderError, OutputLocked

LOCK_NAME = ".scrutinyreport.lock"
POLL_SECONDS = 0.1
WINDOWS_OFFSET = 1 << 30   # the locked byte on Windows, far past the holder's record so it stays readable
GENERATE_ADVICE = "run again when it has finished (or allow a longer wait with --wait SECONDS)"


class Locking(Protocol):
    """The platform's lock on an open file: taken without waiting (False when another process holds it)."""

    def try_lock(self, handle: int) -> bool: ...

    def unlock(self, handle: int) -> None: ...


class PosixLocking:
    """flock on the whole file."""

    def try_lock(self, handle: int) -> bool:
        import fcntl
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def unlock(self, handle: int) -> None:
        import fcntl
        fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass(frozen=True)
class WindowsLocking:
    """msvcrt.locking on one byte at WINDOWS_OFFSET (a byte-range lock, released when the process ends):
    ``locking(handle, mode, count)`` locks count bytes from the file's position, raising OSError when another
    process holds them (mode ``no_wait``); mode ``release`` unlocks them."""

    locking: Callable[[int, int, int], None]
    no_wait: int
    release: int

    def try_lock(self, handle: int) -> bool:
        os.lseek(handle, WINDOWS_OFFSET, os.SEEK_SET)
        try:
            self.locking(handle, self.no_wait, 1)
        except OSError:
            return False
        return True

    def unlock(self, handle: int) -> None:
        os.lseek(handle, WINDOWS_OFFSET, os.SEEK_SET)
        self.locking(handle, self.release, 1)


def platform_locking() -> Locking:
    if sys.platform == "win32":   # pragma: no cover - exercised on Windows only
        import msvcrt
        return WindowsLocking(msvcrt.locking, msvcrt.LK_NBLCK, msvcrt.LK_UNLCK)
    return PosixLocking()


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


@dataclass
class _Held:
    """The lock as this process holds it: the thread, how many times it took it, and the open lock file."""

    thread: int
    count: int = 1
    handle: int | None = None


_HELD: dict[str, _Held] = {}            # real path of a lock file -> how this process holds it
_THREADS = threading.Condition()


class OutputLock:
    """Hold the lock on a folder for the length of a ``with`` block (the lock file ``folder/name``).

    Waits up to ``wait`` seconds for another run (or another thread) to finish; then raises OutputLocked
    naming it, with ``advice`` on what to do."""

    def __init__(self, out: Path, wait: float = 60.0, notify: Callable[[str], None] = lambda line: None,
                 name: str = LOCK_NAME, advice: str = GENERATE_ADVICE, locking: Locking | None = None,
                 folder_words: tuple[str, str] = ("output folder", "choose a folder you can write to with --out")):
        self.out, self.wait, self.notify, self.advice = Path(out), wait, notify, advice
        self.folder_words = folder_words
        self.path = self.out / name
        self.locking = locking or platform_locking()
        self.handle: int | None = None
        self.took_over: str | None = None
        self._key: str | None = None
        self._again = False   # taken again by the thread that holds it

    def _read_record(self, handle: int) -> str:
        os.lseek(handle, 0, os.SEEK_SET)
        return os.read(handle, 4096).decode("utf-8", "replace").strip()

    def _open(self) -> int:
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
            return os.open(self.path, flags, 0o666)
        except FileExistsError as error:
            raise OutputFolderError(f"{self.out} is a file, not a folder: give --out a folder") from error
        except OSError as error:
            if self.path.is_symlink():
                raise OutputFolderError(f"{self.path} is a symbolic link: the lock file is never written through "
                                        "one; remove the link and run again") from error
            what, choose = self.folder_words
            raise OutputFolderError(f"cannot use the {what} {self.out}: {error.strerror}; {choose}") from error

    def _locked(self, record: str) -> OutputLocked:
        return OutputLocked(f"another run is writing to {self.out}: {describe_holder(record)}. Nothing was changed; "
                            f"{self.advice}. The lock is {self.path}, released when that run ends.")

    def __enter__(self) -> OutputLock:
        handle = self._open()
        key = os.path.realpath(self.path)
        deadline = time.monotonic() + max(self.wait, 0.0)
        told = False
        with _THREADS:
            held = _HELD.get(key)
            if held is not None and held.thread == threading.get_ident():
                os.close(handle)
                held.count += 1
                self._key, self._again = key, True
                return self
            while key in _HELD:   # another thread of this process holds it
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    record = self._read_record(handle)
                    os.close(handle)
                    raise self._locked(record)
                if not told:
                    self.notify(f"Waiting up to {self.wait:g} s for the run that is writing to {self.out}: "
                                f"{describe_holder(self._read_record(handle))}")
                    told = True
                _THREADS.wait(min(remaining, POLL_SECONDS))
            _HELD[key] = _Held(threading.get_ident())
        try:
            self._take(handle, deadline, told)
        except BaseException:
            os.close(handle)
            with _THREADS:
                del _HELD[key]
                _THREADS.notify_all()
            raise
        with _THREADS:
            _HELD[key].handle = handle
        self._key, self.handle = key, handle
        return self

    def _take(self, handle: int, deadline: float, told: bool) -> None:
        while not self.locking.try_lock(handle):
            record = self._read_record(handle)
            if time.monotonic() >= deadline:
                raise self._locked(record)
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

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._key is None:
            return
        key, self._key = self._key, None
        if self._again:
            with _THREADS:
                _HELD[key].count -= 1
            return
        try:
            if self.handle is not None:
                os.ftruncate(self.handle, 0)   # no record: nobody holds it
                self.locking.unlock(self.handle)
        finally:
            if self.handle is not None:
                os.close(self.handle)
            self.handle = None
            with _THREADS:
                del _HELD[key]
                _THREADS.notify_all()
