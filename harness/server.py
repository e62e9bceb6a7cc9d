"""Start ``streamlit run dashboard.py`` on a free local port and stop it again."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

PROJECT_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Server:
    """A running dashboard server."""

    url: str
    process: subprocess.Popen[bytes]

    def memory_kb(self) -> int:
        """Resident memory of the server process in KiB (Linux)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0


@contextmanager
def running_server(
    env: Mapping[str, str] | None = None,
    timeout: float = 30.0,
    extra_args: tuple[str, ...] = (),
    script: Path = PROJECT_DIR / "dashboard.py",
    cwd: Path = PROJECT_DIR,
    deployed: bool = False,
) -> Iterator[Server]:
    """Run the dashboard (or another ``script``) on a free port for the ``with`` block.

    ``cwd`` is where Streamlit reads ``.streamlit/config.toml`` (another checkout, to compare).
    ``deployed``: start it as a deployed replica is started (``python -m deploy.serve``: the
    dashboard with the allocator settings that give memory back), for the capacity benchmark.
    """
    port = free_port()
    launcher = ["-m", "deploy.serve"] if deployed else ["-m", "streamlit", "run", str(script)]
    command = [
        sys.executable,
        *launcher,
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
        *extra_args,
    ]
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below, after the server stops
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, timeout, log)
        yield Server(url, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float, log: IO[bytes]) -> None:
    """Wait for the health endpoint; the server's log goes to a file so it can never block."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            error = log.read().decode(errors="replace")
            raise RuntimeError(f"streamlit exited early ({process.returncode}): {error[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"streamlit did not answer {url}/_stcore/health within {timeout:.0f} s")
