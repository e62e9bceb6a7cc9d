"""deploy.serve: a replica that runs the dashboard with the allocator settings, and gives memory back."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pytest

from benchmarks.st_protocol import StreamlitSession, deck_json
from deploy.serve import ALLOCATOR_ENV, glibc, trim_if_freed
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
        environ = Path(f"/proc/{server.process.pid}/environ").read_bytes().split(b"\0")
        for name, value in ALLOCATOR_ENV.items():  # the process it started re-executed itself with them
            assert f"{name}={value}".encode() in environ
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
