"""deploy.serve: a replica that runs the dashboard with the allocator settings, and gives memory back."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pandas as pd
import pytest

from benchmarks.st_protocol import StreamlitSession, deck_json
from deploy.serve import ALLOCATOR_ENV, drop_dead_view_references, glibc, trim_if_freed
from harness.server import running_server

LIBC = glibc()
CHUNK = 64 * 1024  # under glibc's mmap threshold: the chunks live in the heap


def _rss_anon_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1])
    raise AssertionError("no RssAnon")


def test_a_deployed_replica_runs_the_dashboard_with_the_allocator_settings() -> None:
    with running_server(timeout=90, deployed=True) as server:
        environ = b"\0" + Path(f"/proc/{server.process.pid}/environ").read_bytes()
        for name, value in ALLOCATOR_ENV.items():  # the process it started re-executed itself with them
            # glibc 2.36 parses GLIBC_TUNABLES in place: its ':' separators read back as NULs
            assert any(f"\0{name}={v}\0".encode() in environ for v in (value, value.replace(":", "\0")))
        with StreamlitSession(server.url) as session:
            deck = deck_json(session.open_page(""))
        assert deck is not None and any(layer["id"] == "cities" for layer in deck["layers"])


@pytest.mark.skipif(LIBC is None, reason="glibc with mallinfo2 and malloc_trim only")
def test_freed_heap_pages_go_back_to_the_system_only_above_the_threshold() -> None:
    assert LIBC is not None
    malloc, free = LIBC.malloc, LIBC.free
    malloc.restype, malloc.argtypes, free.argtypes = ctypes.c_void_p, [ctypes.c_size_t], [ctypes.c_void_p]
    chunks = [malloc(CHUNK) for _ in range(1024)]  # 64 MiB
    for chunk in chunks:
        ctypes.memset(chunk, 1, CHUNK)  # touched: resident
    pin = malloc(CHUNK)  # above them, so freeing them does not shrink the heap's top
    try:
        for chunk in chunks:
            free(chunk)
        assert not trim_if_freed(LIBC, above=1 << 40)  # not that much free: nothing done
        before = _rss_anon_kb()
        assert trim_if_freed(LIBC, above=32 * 2**20)
        assert before - _rss_anon_kb() > 32 * 1024  # KiB: most of the 64 MiB handed back
    finally:
        free(pin)


def test_records_of_views_that_are_gone_are_dropped_and_live_ones_kept() -> None:
    frame = pd.DataFrame({"name": ["Beijing", "Wuhan"], "year": [2017, 2019]})
    for _ in range(300):  # what runs do: views of a shared frame, gone when the run ends
        assert frame["year"].iloc[0] == 2017
    kept = frame["year"]  # a view that is still in use
    block = next(b for b in frame._mgr.blocks if b.dtype.kind == "i")  # the list the tidying works on
    holder = block.refs
    assert len(holder.referenced_blocks) > 300

    assert drop_dead_view_references() >= 300
    assert len(holder.referenced_blocks) == 2  # the frame's own block and the live view's
    kept.iloc[0] = 1900  # copy-on-write still sees the view: the frame is not changed
    assert frame["year"].tolist() == [2017, 2019] and kept.tolist() == [1900, 2019]
