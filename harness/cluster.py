"""Run ``python -m deploy.cluster`` (HAProxy and N dashboard replicas) for the ``with`` block."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.server import PROJECT_DIR, free_port


def haproxy_path() -> Path | None:
    """Debian's HAProxy if installed."""
    for candidate in (Path("/usr/sbin/haproxy"), Path(shutil.which("haproxy") or "/nonexistent")):
        if candidate.is_file():
            return candidate
    return None


@dataclass(frozen=True)
class Cluster:
    """A running local cluster: its state file's content, the supervising process, its log folder."""

    state: dict[str, Any]
    process: subprocess.Popen[bytes]
    log_dir: Path

    @property
    def url(self) -> str:
        """The proxy's URL."""
        return str(self.state["url"])

    @property
    def cookie(self) -> str:
        """The name of the affinity cookie."""
        return str(self.state["cookie"])

    def replica(self, name: str) -> dict[str, Any]:
        """The state entry of the replica whose cookie value is ``name``."""
        return next(r for r in self.state["replicas"] if r["name"] == name)


@contextmanager
def running_cluster(replicas: int = 3, timeout: float = 120.0) -> Iterator[Cluster]:
    """Start the cluster on a free port, wait for its state file, stop it (SIGINT) afterwards."""
    work = Path(tempfile.mkdtemp(prefix="tracker-cluster-test-"))
    state_path = work / "state.json"
    command = [sys.executable, "-m", "deploy.cluster", "--replicas", str(replicas)]
    command += ["--port", str(free_port()), "--state", str(state_path), "--log-dir", str(work)]
    output = (work / "cluster.out").open("wb")
    process = subprocess.Popen(command, cwd=PROJECT_DIR, env={**os.environ}, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while not state_path.is_file():
            if process.poll() is not None:
                raise RuntimeError(f"cluster exited with {process.returncode}: {(work / 'cluster.out').read_text()}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"no cluster state file within {timeout:.0f} s")
            time.sleep(0.2)
        yield Cluster(json.loads(state_path.read_text()), process, work)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        output.close()
