"""Worker processes that never outlive the run: they ignore Ctrl-C and SIGTERM (the parent handles them and
stops the pool),
leave when their parent is gone (killed, even with SIGKILL), and get no more work once a run fails."""

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
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # the parent stops the pool, letting the figure being
    signal.signal(signal.SIGTERM, signal.SIG_IGN)   # drawn finish; killed with it, a worker leaves at once
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="watch-parent").start()


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool after a failure or Ctrl-C: drop the work not started, let the figures being drawn finish
    (a fraction of a second; a worker ended mid-answer would leave the pool's result reader, and so the
    interpreter's exit, waiting for ever) and wait until every worker has ended."""
    pool.shutdown(wait=True, cancel_futures=True)
