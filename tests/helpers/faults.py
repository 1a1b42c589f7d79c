"""Runs the command line with one environment fault injected, for the hardening tests:

    PYTHONPATH=. python tests/helpers/faults.py FAULT -- generate --inputs ... --out ...

Faults (each hits the real code path at one point, then lets the program handle it as it would):
  enospc:N           the Nth file the pack writes fails with "No space left on device"
  eacces:PATH        opening anything under PATH for writing fails with "Permission denied"
  unreadable:NAME    reading the input file named NAME fails with "Permission denied"
  sigkill:POINT      the process kills itself with SIGKILL at POINT; sigint:POINT sends itself Ctrl-C,
                     sigterm:POINT a SIGTERM (as a scheduler stopping the job does)
                     POINT: figures (while the worker pool draws), staging (half the new pack written),
                     swap (the old pack moved aside, the new one not yet in)
  bug                an unexpected exception inside the build (a fault of the program, not the inputs);
                     bug:harvest and bug:region the same inside those commands
  replace:N:FOLDER   the Nth rename of a file into FOLDER fails with "No space left on device" (a harvest
                     part-way through swapping its files in)
Running as root, a test cannot take a permission away or fill a disk, hence this wrapper.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import scrutinyreport.figures.draw as pack_figures
import scrutinyreport.loading.text as text
import scrutinyreport.pack.folder as pack
import scrutinyreport.pack.generate
import scrutinyreport.pack.lock as lock
from scrutinyreport.cli import main

SIGNALS = {"sigkill": signal.SIGKILL, "sigint": signal.SIGINT, "sigterm": signal.SIGTERM}


def _signal_self(name: str) -> None:
    os.kill(os.getpid(), SIGNALS[name])


def inject(fault: str) -> None:
    kind, _, argument = fault.partition(":")
    if kind == "enospc":
        writes = {"count": 0}

        def full_disk(original):   # type: ignore[no-untyped-def]
            def write(path: Path, data: bytes, *rest: Path | None) -> None:
                writes["count"] += 1
                if writes["count"] >= int(argument):
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
                original(path, data, *rest)
            return write
        pack.atomic_write = full_disk(pack.atomic_write)   # the manifest
        pack._write_new = full_disk(pack._write_new)       # every other file of the new pack
    elif kind == "eacces":
        refused = os.path.realpath(argument)
        original_open = os.open

        def no_access(path, flags, *args, **kwargs):   # type: ignore[no-untyped-def]
            if os.path.realpath(path).startswith(refused) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return original_open(path, flags, *args, **kwargs)
        lock.os.open = no_access   # type: ignore[attr-defined]
    elif kind == "unreadable":
        original_open = os.open

        def unreadable(path, flags, *args, **kwargs):   # type: ignore[no-untyped-def]
            if Path(path).name == argument:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return original_open(path, flags, *args, **kwargs)
        text.os.open = unreadable   # type: ignore[attr-defined]
    elif kind in SIGNALS and argument == "figures":
        original_map = ProcessPoolExecutor.map

        def map_then_stop(self, *args, **kwargs):   # type: ignore[no-untyped-def]
            results = original_map(self, *args, **kwargs)
            first = next(results)      # the workers are running
            _signal_self(kind)
            yield first
            yield from results
        pack_figures.ProcessPoolExecutor.map = map_then_stop   # type: ignore[method-assign]
        pack_figures.POOL_MINIMUM = 1   # a small test pack is drawn in the pool too
    elif kind in SIGNALS and argument == "staging":
        original_write = pack._write_new
        writes = {"count": 0}

        def write_then_stop(path: Path, data: bytes, *rest: Path | None) -> None:
            original_write(path, data, *rest)
            writes["count"] += 1
            if writes["count"] == 3:
                _signal_self(kind)
        pack._write_new = write_then_stop
    elif kind in SIGNALS and argument == "swap":
        original_replace = os.replace

        def replace_then_stop(source, target):   # type: ignore[no-untyped-def]
            original_replace(source, target)
            if str(target).endswith(".previous"):
                _signal_self(kind)
        pack.os.replace = replace_then_stop   # type: ignore[attr-defined]
    elif kind == "bug":
        def broken(*args, **kwargs):   # type: ignore[no-untyped-def]
            raise KeyError("a fault in the program")
        if argument == "harvest":
            import scrutinyreport.harvest as harvest_module
            harvest_module.review_report = broken   # type: ignore[assignment]
        elif argument == "region":
            import scrutinyreport.region.build as region_build
            region_build.regional_content = broken   # type: ignore[assignment]
        else:
            scrutinyreport.pack.generate.fingerprint = broken
    elif kind == "replace":
        count, _, folder = argument.partition(":")
        inside = os.path.realpath(folder)
        renames = {"count": 0}
        original_rename = os.replace

        def failing_rename(source, target):   # type: ignore[no-untyped-def]
            if os.path.realpath(target).startswith(inside) and not str(target).endswith(".tmp"):
                renames["count"] += 1
                if renames["count"] == int(count):
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
            return original_rename(source, target)
        os.replace = failing_rename
    else:
        raise SystemExit(f"unknown fault {fault!r}")


if __name__ == "__main__":
    fault, separator, *arguments = sys.argv[1:]
    assert separator == "--"
    inject(fault)
    sys.exit(main(arguments))
