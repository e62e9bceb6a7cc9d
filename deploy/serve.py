"""One replica's process: ``streamlit run dashboard.py`` that hands memory back when sessions leave.

    python -m deploy.serve [streamlit run options]      # e.g. --server.port=8501

Why: CPython keeps its small objects in 1 MiB arenas of its own and returns an arena to the system
only when every object in it is gone. A peak of sessions fills many arenas; when the sessions
leave, a few long-lived objects stay scattered over them, so the process kept its peak memory
although its objects were back to their count before the peak (200 sessions at once: 70 arenas
before, 159 after, holding the same 66 MiB of objects; see the README's capacity section).

What it does: it runs Python with ``PYTHONMALLOC=malloc`` (objects in the C library's heap),
``MALLOC_ARENA_MAX=1`` (one heap, not one per script thread) and ``GLIBC_TUNABLES`` that turn off
glibc's per-thread cache and fastbins (a freed small chunk is merged with its free neighbours at
once instead of being held for reuse, so whole pages come free and can be trimmed; it costs some CPU
per request), re-executing itself once to set them. A thread looks every ``CHECK_EVERY_S`` seconds
whether the process has been idle (used less than ``IDLE_CPU_SHARE`` of a core since the last look)
after it has done some work (more than ``WORK_S`` of CPU since the last tidying); then it drops
pandas' records of views that are gone (``drop_dead_view_references``), runs a full garbage
collection (``runner.postScriptGC`` is off, so a closed session's reference cycles wait for one)
and, when more than ``TRIM_ABOVE_BYTES`` of the heap is free, glibc's ``malloc_trim``, which gives
the free pages back. Each tidying ends by moving every object then alive (modules, the app's data
and caches, Streamlit's own state) into the collector's permanent generation (``gc.freeze``) and the
next begins by taking them back, so the full collections Python runs under load walk only what
sessions made since the last idle moment: with 200 sessions they stop every thread for up to 0.6 s,
about 0.4 s with the freeze. It does nothing while sessions keep the replica busy, nor on a replica
that only answers health checks. On a C library without ``mallinfo2`` and ``malloc_trim`` (not
glibc) it only collects.
"""

from __future__ import annotations

import ctypes
import gc
import os
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
ALLOCATOR_ENV = {
    "PYTHONMALLOC": "malloc",
    "MALLOC_ARENA_MAX": "1",
    "GLIBC_TUNABLES": "glibc.malloc.tcache_count=0:glibc.malloc.mxfast=0",
}
CHECK_EVERY_S = 5.0
IDLE_CPU_SHARE = 0.05
WORK_S = 0.02
TRIM_ABOVE_BYTES = 8 * 2**20


class _Mallinfo2(ctypes.Structure):
    """glibc's ``struct mallinfo2`` (sizes in bytes)."""

    _fields_ = [
        (name, ctypes.c_size_t)
        for name in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks")
    ] + [("keepcost", ctypes.c_size_t)]


def glibc() -> ctypes.CDLL | None:
    """The C library if it is glibc with ``mallinfo2`` and ``malloc_trim`` (2.33 and later), else None."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return None
    if not (hasattr(libc, "mallinfo2") and hasattr(libc, "malloc_trim")):
        return None
    libc.mallinfo2.restype = _Mallinfo2
    libc.malloc_trim.argtypes = [ctypes.c_size_t]
    return libc


def free_bytes(libc: ctypes.CDLL) -> int:
    """Bytes of the malloc heaps that are free (kept by the allocator, not in use)."""
    return int(libc.mallinfo2().fordblks)


def trim_if_freed(libc: ctypes.CDLL, above: int = TRIM_ABOVE_BYTES) -> bool:
    """Give the heaps' free pages back to the system when more than ``above`` bytes are free."""
    if free_bytes(libc) <= above:
        return False
    libc.malloc_trim(0)
    return True


def drop_dead_view_references() -> int:
    """Drop pandas' records of views that are gone; how many were dropped.

    With copy-on-write, pandas keeps a weak reference to every view of a frame's data in a list
    beside that data, and clears the dead ones only when the list has grown past 500 entries.
    A run takes views of the shared model and of the memoised frames, so after a load the
    process holds tens of thousands of dead weak references, small objects allocated during the
    load and scattered over the heap, each keeping a page of it from going back to the system
    (200 users for 60 s: 21,754 of them in 728 lists; dropping them took the replica's memory
    after the sessions had left from 230 to 210 MiB). Each ``remove`` is atomic, so a reference
    a running script adds meanwhile is never lost. Without those lists (another pandas) it does
    nothing.
    """
    try:
        from pandas._libs.internals import BlockValuesRefs
    except ImportError:
        return 0
    dropped = 0
    for holder in gc.get_objects():
        if not isinstance(holder, BlockValuesRefs):
            continue
        references = getattr(holder, "referenced_blocks", None)
        if not isinstance(references, list):
            continue
        for reference in [r for r in references if r() is None]:
            references.remove(reference)
            dropped += 1
    return dropped


def tidy(libc: ctypes.CDLL | None, above: int = TRIM_ABOVE_BYTES) -> None:
    """Dead view records dropped, a full garbage collection, then the heap's free pages back (glibc).

    What the last tidying froze is unfrozen first (``gc.get_objects`` and collections skip frozen
    objects), and what lives afterwards is frozen again, so the collections Python runs until the
    next idle moment walk only what was made since.
    """
    gc.unfreeze()
    drop_dead_view_references()
    gc.collect()
    gc.freeze()
    if libc is not None:
        trim_if_freed(libc, above)


def _tidy_when_idle(libc: ctypes.CDLL | None, every_s: float, idle_share: float, above: int) -> None:
    """Every ``every_s`` s: tidy when the process is idle now and has worked since the last tidying."""
    last_look = last_tidy = time.process_time()
    while True:
        time.sleep(every_s)
        now = time.process_time()
        if now - last_look < idle_share * every_s and now - last_tidy > WORK_S:  # idle now, worked since
            tidy(libc, above)
            last_tidy = time.process_time()  # the tidying's own time is not work
        last_look = time.process_time()


def main(argv: Sequence[str] | None = None) -> int:
    """Re-execute with the allocator settings if needed, start the tidying thread, run the app."""
    args = list(sys.argv[1:] if argv is None else argv)
    if any(os.environ.get(name) != value for name, value in ALLOCATOR_ENV.items()):
        command = [sys.executable, "-m", "deploy.serve", *args]
        os.execve(sys.executable, command, {**os.environ, **ALLOCATOR_ENV})
    threading.Thread(
        target=_tidy_when_idle,
        args=(glibc(), CHECK_EVERY_S, IDLE_CPU_SHARE, TRIM_ABOVE_BYTES),
        daemon=True,
        name="tidy-when-idle",
    ).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(PROJECT_DIR / "dashboard.py"), *args]
    return int(cli.main(prog_name="streamlit") or 0)


if __name__ == "__main__":
    sys.exit(main())
