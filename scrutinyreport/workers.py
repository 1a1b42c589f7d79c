"""Worker processes that never outlive the run: they ignore Ctrl-C (the parent handles it and stops them),
leave when their parent is gone (killed, even with SIGKILL), and are stopped at once when a run fails."""

from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor

WATCH_SECONDS = 0.2


def _watch_parent(parent: int) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(1)   # the parent is gone: nobody wants what this worker would draw
        time.sleep(WATCH_SECONDS)


def start_worker(parent: int) -> None:
    """The pool's initializer: pass it the parent's pid (``initargs=(os.getpid(),)``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="watch-parent").start()


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: drop the work not started and end the workers (after a failure or Ctrl-C)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
