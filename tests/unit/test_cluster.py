"""The local cluster (``python -m deploy.cluster``): its state file, one secret, affinity, clean stop.

Needs Debian's HAProxy (``apt-get install haproxy``); without it the test skips, except under
``CI=true`` where it must run.
"""

from __future__ import annotations

import json
import os
import signal
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.st_protocol import StreamlitSession
from harness.cluster import haproxy_path, running_cluster


def _environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"


def test_cluster_state_file_affinity_and_clean_stop() -> None:
    if haproxy_path() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but haproxy is not installed (apt-get install haproxy)", pytrace=False)
        pytest.skip("haproxy is not installed (apt-get install haproxy)")
    with running_cluster(replicas=2) as cluster:
        state = json.loads((cluster.log_dir / "state.json").read_text())
        assert set(state) >= {"url", "cookie", "replicas"}
        assert state["url"].startswith("http://127.0.0.1:") and state["cookie"] == "TRACKER_REPLICA"
        replicas = state["replicas"]
        assert [r["name"] for r in replicas] == ["app1", "app2"]
        assert all(isinstance(r["port"], int) and isinstance(r["pid"], int) for r in replicas)
        assert len({r["port"] for r in replicas}) == 2
        pids = [r["pid"] for r in replicas] + [state["proxy_pid"]]
        assert all(_alive(pid) for pid in pids)
        for replica in replicas:  # each answers on its own port
            with urllib.request.urlopen(f"http://127.0.0.1:{replica['port']}/_stcore/health", timeout=10) as r:
                assert r.read() == b"ok"
        # One cookie secret for all replicas, and not an empty one.
        secrets = {_environ(r["pid"])["STREAMLIT_SERVER_COOKIE_SECRET"] for r in replicas}
        assert len(secrets) == 1 and len(next(iter(secrets))) >= 32

        # Through the proxy: each new session is pinned to one replica by the cookie the proxy set,
        # new sessions go to the replica with fewer open ones, and a session works end to end.
        sessions = [StreamlitSession(state["url"], timeout=60) for _ in range(4)]
        try:
            for session in sessions:
                session.connect()
                session.open_page("coverage", "lang=de")
            assert Counter(s.cookie("TRACKER_REPLICA") for s in sessions) == {"app1": 2, "app2": 2}
        finally:
            for session in sessions:
                session.close()

        cluster.process.send_signal(signal.SIGINT)
        assert cluster.process.wait(timeout=30) == 0
        assert not (cluster.log_dir / "state.json").exists()
        assert not any(_alive(pid) for pid in pids)
