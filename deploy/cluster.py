"""A local cluster without containers: Debian's HAProxy in front of N dashboard replicas.

    python -m deploy.cluster --replicas 3 [--port 8080] [--state cluster-state.json]

Starts N ``python -m deploy.serve`` (``streamlit run dashboard.py``) processes on free loopback ports, all with one
``server.cookieSecret``; runs the app once in each (``/_stcore/script-health-check``: imports and
the data cache are warm before the first browser comes, or is handed over); then starts HAProxy
(``/usr/sbin/haproxy``, ``apt-get install haproxy``) on ``127.0.0.1:PORT`` with the settings of
``deploy/haproxy.cfg`` (only its ``bind`` and ``server`` lines are replaced). When everything
answers, it writes the state file::

    {"url": "http://127.0.0.1:8080", "cookie": "TRACKER_REPLICA",
     "replicas": [{"name": "app1", "port": 40123, "pid": 4242}, ...], "proxy_pid": 4240}

(``name`` is the value of the affinity cookie for that replica), then runs until interrupted
(Ctrl-C, SIGTERM), stops everything it started and removes the state file. A replica that dies
is reported and not restarted, so a lost server can be watched from outside.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from harness.server import PROJECT_DIR, free_port

HAPROXY_CFG = Path(__file__).resolve().parent / "haproxy.cfg"
HAPROXY = Path("/usr/sbin/haproxy")
DEFAULT_STATE = Path("cluster-state.json")
START_TIMEOUT_S = 60.0


@dataclass
class Replica:
    """One dashboard process."""

    name: str
    port: int
    process: subprocess.Popen[bytes]


def affinity_cookie(config_text: str) -> str:
    """The name of the cookie HAProxy inserts for session affinity (its ``cookie NAME insert`` line)."""
    found = re.search(r"^\s*cookie\s+(\S+)\s+insert\b", config_text, re.MULTILINE)
    if found is None:
        raise ValueError("haproxy.cfg has no 'cookie NAME insert' line")
    return found.group(1)


def render_config(config_text: str, port: int, replicas: Sequence[tuple[str, int]]) -> str:
    """``haproxy.cfg`` for this machine: bound to 127.0.0.1:``port``, one server line per replica."""
    lines, servers_written = [], False
    for line in config_text.splitlines():
        stripped = line.strip()
        if stripped.startswith("bind "):
            lines.append(f"    bind 127.0.0.1:{port}")
        elif stripped.startswith("server "):
            if not servers_written:
                lines += [f"    server {name} 127.0.0.1:{p} cookie {name}" for name, p in replicas]
                servers_written = True
        else:
            lines.append(line)
    if not servers_written:
        raise ValueError("haproxy.cfg has no server lines to replace")
    return "\n".join(lines) + "\n"


def replica_command(port: int) -> list[str]:
    """The command line of one replica (``deploy.serve``: the dashboard, memory given back)."""
    return [
        sys.executable,
        "-m",
        "deploy.serve",
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
        # Only for the warm-up below: the endpoint runs the app once (imports, data cache).
        "--server.scriptHealthCheckEnabled=true",
    ]


def wait_healthy(url: str, processes: Sequence[subprocess.Popen[bytes]], timeout: float) -> None:
    """Wait until ``url`` answers 200; fail early if one of ``processes`` exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(f"{process.args[0]} exited early with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


def stop(processes: Sequence[subprocess.Popen[bytes]]) -> None:
    """Terminate every process that still runs, then kill what has not exited after 10 s."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + 10
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def write_state(path: Path, state: dict[str, object]) -> None:
    """Write the state file whole (a reader never sees half of it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
    partial.replace(path)


class _StopRequestedError(Exception):
    """Raised by the signal handler to leave the main loop."""


def _on_signal(signum: int, frame: FrameType | None) -> None:
    del frame
    raise _StopRequestedError(signal.Signals(signum).name)


def run(replica_count: int, port: int, state_path: Path, log_dir: Path) -> int:
    """Start the cluster, write the state file, supervise until a signal; stop everything."""
    haproxy = HAPROXY if HAPROXY.is_file() else Path(shutil.which("haproxy") or HAPROXY)
    if not haproxy.is_file():
        print("haproxy is not installed (apt-get install haproxy)", file=sys.stderr)
        return 2
    config_text = HAPROXY_CFG.read_text(encoding="utf-8")
    env = {**os.environ}
    env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_urlsafe(32))  # one secret for all
    started: list[subprocess.Popen[bytes]] = []
    replicas: list[Replica] = []
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    try:
        for number in range(1, replica_count + 1):
            name, replica_port = f"app{number}", free_port()
            with (log_dir / f"{name}.log").open("wb") as log:
                process = subprocess.Popen(
                    replica_command(replica_port), cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
                )
            started.append(process)
            replicas.append(Replica(name, replica_port, process))
        for replica in replicas:
            wait_healthy(f"http://127.0.0.1:{replica.port}/_stcore/health", started, START_TIMEOUT_S)
        for replica in replicas:  # warm: the first session a replica gets (after a failover too) is quick
            wait_healthy(f"http://127.0.0.1:{replica.port}/_stcore/script-health-check", started, START_TIMEOUT_S)
        config_path = log_dir / "haproxy.cfg"
        config_path.write_text(render_config(config_text, port, [(r.name, r.port) for r in replicas]))
        with (log_dir / "haproxy.log").open("wb") as log:
            command = [str(haproxy), "-db", "-f", str(config_path)]
            proxy = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        started.append(proxy)
        url = f"http://127.0.0.1:{port}"
        wait_healthy(f"{url}/_stcore/health", [proxy], START_TIMEOUT_S)
        write_state(
            state_path,
            {
                "url": url,
                "cookie": affinity_cookie(config_text),
                "replicas": [{"name": r.name, "port": r.port, "pid": r.process.pid} for r in replicas],
                "proxy_pid": proxy.pid,
            },
        )
        print(f"cluster at {url}: {replica_count} replicas; state in {state_path}; logs in {log_dir}", flush=True)
        reported: set[str] = set()
        while True:
            if proxy.poll() is not None:
                print(f"haproxy exited with {proxy.returncode}", file=sys.stderr)
                return 1
            for replica in replicas:
                if replica.process.poll() is not None and replica.name not in reported:
                    reported.add(replica.name)
                    print(f"replica {replica.name} (pid {replica.process.pid}) exited", file=sys.stderr, flush=True)
            time.sleep(0.5)
    except _StopRequestedError:
        return 0
    except (RuntimeError, TimeoutError) as exc:
        print(f"cluster failed to start: {exc} (logs in {log_dir})", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stop(started)
        state_path.unlink(missing_ok=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m deploy.cluster --replicas N [--port P] [--state FILE]``."""
    parser = argparse.ArgumentParser(prog="python -m deploy.cluster", description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, required=True, help="number of dashboard processes (1-16)")
    parser.add_argument("--port", type=int, default=8080, help="the proxy's port on 127.0.0.1 (default 8080)")
    parser.add_argument("--state", type=Path, default=DEFAULT_STATE, help="where to write the state JSON")
    parser.add_argument("--log-dir", type=Path, help="where the processes' logs go (default: a temporary folder)")
    args = parser.parse_args(argv)
    if not 1 <= args.replicas <= 16:
        parser.error("--replicas must be between 1 and 16")
    log_dir = args.log_dir or Path(tempfile.mkdtemp(prefix="tracker-cluster-"))
    log_dir.mkdir(parents=True, exist_ok=True)
    return run(args.replicas, args.port, args.state.resolve(), log_dir)


if __name__ == "__main__":
    sys.exit(main())
