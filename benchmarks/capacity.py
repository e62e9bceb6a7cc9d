"""Capacity: how many sessions a replica holds, what a session costs, whether memory comes back.

    .venv/bin/python -m benchmarks.capacity --users 200 --duration 300 --json result.json
    .venv/bin/python -m benchmarks.capacity --users 300 --duration 180 --state cluster-state.json --json c.json
    .venv/bin/python -m benchmarks.capacity --users 50 --duration 60 --url http://127.0.0.1:8501 --json r.json

Without ``--url``/``--state`` it starts one replica itself (``harness.server``, as a deployed
replica is started: ``python -m deploy.serve``; the disconnected-session TTL set to ``--ttl`` s so
that closed sessions expire within the run). With ``--state``
(the file ``python -m deploy.cluster`` writes) it loads the cluster through its proxy and reads
every replica's memory; with ``--url`` alone it cannot see the server's memory (null in the result).

Phases:

1. warm-up: one session per language does every kind of interaction the load does, with every
   value it can pick (every city on the map page, every programme filter of up to two programmes
   on every page, the reset), so that imports, the data cache and the app's memoised derivations
   (bounded: filtered views, summaries, city panels, label layouts) are in the state the load
   keeps them in; the sessions close and expire; the server's RSS then is ``mb_start``. (With only
   a visit of every page, most of the growth after ``mb_start`` came in the first 100 load
   sessions: those caches and code paths filling, not a leak);
2. idle: ``--users`` sessions open the map page and stay connected doing nothing;
   ``mb_per_session`` = (RSS with them − ``mb_start``) / users; they close;
3. load: ``--users`` Locust users (``benchmarks/locustfile.py``) for ``--duration`` s, one
   interaction every 5-15 s each, a new session every 3-8 interactions (so sessions come and go);
   every script run is one request; p50/p95/p99 over all of them;
4. end: the users leave, their sessions expire; the RSS then is ``mb_end`` (``mb_peak`` is the
   highest RSS seen in phases 2-4).

The server's CPU time during the load, per request, is recorded too (``cpu_ms_per_request``):
on a machine shared with other work it is the figure that says how many sessions a core holds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import signal
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import gevent
import gevent.util
from locust import events  # importing Locust patches the standard library for gevent
from locust.env import Environment

from benchmarks import locustfile
from benchmarks.st_protocol import ProtocolError, StreamlitSession
from harness.server import running_server

TICK = os.sysconf("SC_CLK_TCK")
PAGES = ("", "timeline", "coverage", "focus_areas", "data_sources")


@dataclass(frozen=True)
class Target:
    """What is loaded: a URL and the server processes behind it (empty when unknown)."""

    url: str
    pids: dict[str, int]  # replica name -> pid
    ttl_s: float  # how long a closed session is kept (wait this long for memory to come back)


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def _sockets(pid: int) -> int:
    """How many sockets a process holds open (its listening socket included)."""
    return sum(1 for fd in Path(f"/proc/{pid}/fd").iterdir() if os.readlink(fd).startswith("socket:"))


def total_mb(target: Target) -> float | None:
    """The RSS of all the target's server processes together (None when unknown)."""
    return sum(rss_mb(pid) for pid in target.pids.values()) if target.pids else None


def by_request(by_name: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    """Per kind of request (the locustfile's names): how many, and their p50 and p95 in ms."""
    return {
        name: {
            "count": len(values),
            "p50_ms": round(percentile(values, 0.50), 1),
            "p95_ms": round(percentile(values, 0.95), 1),
        }
        for name, values in sorted(by_name.items())
    }


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (``q`` in 0..1)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def warm_up(url: str) -> None:
    """Per language, a session does each interaction of the load with every value it can pick."""
    for language in locustfile.LANGUAGES:
        with StreamlitSession(url, timeout=120) as session:
            session.open_page("", language)
            cities = session.widget("ui.city")
            for city in cities.options if cities else []:
                session.set_widget("ui.city", city)
            programmes = session.widget("flt.programmes")
            options = programmes.options if programmes else []
            chosen = [[]] + [[p] for p in options] + [list(pair) for pair in combinations(options, 2)]
            for programmes_chosen in chosen:
                session.set_widget("flt.programmes", programmes_chosen)
                for page in PAGES:
                    session.open_page(page)
            reset = next((w.label for w in session.widgets.values() if w.icon == ":material/filter_alt_off:"), None)
            if reset:
                session.set_widget(reset, True)
            languages = session.widget("ui.lang")
            for other in languages.options if languages else []:
                session.set_widget("ui.lang", [other])


def settle(target: Target, log: Any) -> float | None:
    """Wait until closed sessions have expired and are dropped; the RSS then (min of 5 samples)."""
    gevent.sleep(target.ttl_s + 2)
    with StreamlitSession(target.url) as session:  # storing it drops the expired ones
        session.open_page("")
    gevent.sleep(target.ttl_s + 2)
    samples = []
    for _ in range(5):
        samples.append(total_mb(target))
        gevent.sleep(1)
    known = [s for s in samples if s is not None]
    sockets = sum(_sockets(pid) for pid in target.pids.values())
    log(f"  settled RSS samples (MiB): {[round(s, 1) for s in known]}; server sockets open: {sockets}")
    return min(known) if known else None


class Peak:
    """Samples the target's total RSS every 0.5 s in a greenlet; keeps the highest."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.peak = 0.0
        self._greenlet = gevent.spawn(self._run)

    def _run(self) -> None:
        while True:
            value = total_mb(self.target)
            if value is not None:
                self.peak = max(self.peak, value)
            gevent.sleep(0.5)

    def stop(self) -> float | None:
        self._greenlet.kill()
        return self.peak if self.target.pids else None


def idle_sessions(url: str, users: int, log: Any) -> tuple[list[StreamlitSession], int]:
    """Open ``users`` sessions on the map page, 20 at a time; the open sessions and the failures."""
    sessions: list[StreamlitSession] = []
    failures = 0

    def one() -> None:
        nonlocal failures
        session = StreamlitSession(url, timeout=120)
        try:
            session.connect()
            session.open_page("")
            sessions.append(session)
        except (ProtocolError, OSError) as exc:
            failures += 1
            log(f"  idle session failed: {exc}")
            session.close()

    for start in range(0, users, 20):
        gevent.joinall([gevent.spawn(one) for _ in range(min(20, users - start))])
    return sessions, failures


def load(target: Target, users: int, duration: float, log: Any) -> dict[str, Any]:
    """Locust users for ``duration`` s; every request's time and outcome, and the servers' CPU time."""
    times: list[float] = []
    by_name: dict[str, list[float]] = {}
    failures: list[str] = []

    def on_request(response_time: float, exception: BaseException | None, name: str, **_: Any) -> None:
        times.append(response_time)
        by_name.setdefault(name, []).append(response_time)
        if exception is not None:
            failures.append(f"{name}: {exception}"[:200])

    locustfile.SESSIONS.clear()
    locustfile.STOPPING["now"] = False
    client_before = resource.getrusage(resource.RUSAGE_SELF)
    environment = Environment(user_classes=[locustfile.DashboardUser], host=target.url, events=events)
    environment.events.request.add_listener(on_request)
    runner = environment.create_local_runner()
    cpu_before = {name: cpu_s(pid) for name, pid in target.pids.items()}
    started = time.monotonic()
    runner.start(users, spawn_rate=max(1.0, users / 20))
    gevent.sleep(duration)
    cpu_after = {name: cpu_s(pid) for name, pid in target.pids.items()}
    # The sessions leave first (a user blocked on its socket then fails at once instead of
    # holding up its own stop), then the users stop; a stop that still hangs is given up after 30 s.
    locustfile.STOPPING["now"] = True
    gevent.joinall([gevent.spawn(session.close) for session in list(locustfile.OPEN)], timeout=30)
    locustfile.OPEN.clear()
    with gevent.Timeout(30, False):
        runner.stop()
        runner.quit()
    elapsed = time.monotonic() - started
    client_after = resource.getrusage(resource.RUSAGE_SELF)
    client_cpu = sum(getattr(client_after, f) - getattr(client_before, f) for f in ("ru_utime", "ru_stime"))
    log(f"  load done: {len(times)} requests, {len(failures)} failures in {elapsed:.0f} s")
    server_cpu = sum(cpu_after[name] - cpu_before[name] for name in cpu_after)
    return {
        "times": times,
        "by_name": by_name,
        "failures": failures,
        "sessions": dict(locustfile.SESSIONS),
        "server_cpu_s": server_cpu if target.pids else None,
        "elapsed_s": elapsed,
        "client_cpu_s": client_cpu,
    }


def spread(sessions: dict[str, int]) -> dict[str, Any]:
    """Sessions per replica and the largest deviation from their mean (fraction)."""
    if not sessions:
        return {"per_replica": {}, "max_deviation": None}
    mean = statistics.mean(sessions.values())
    deviation = max(abs(n - mean) / mean for n in sessions.values()) if mean else 0.0
    return {"per_replica": dict(sorted(sessions.items())), "max_deviation": round(deviation, 3)}


def conditions() -> dict[str, Any]:
    """The machine, and how busy it was (it may be shared)."""
    return {
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def measure(target: Target, users: int, duration: float, log: Any) -> dict[str, Any]:
    """All four phases against ``target``; the result as the JSON object."""
    before = conditions()
    log(f"warm-up against {target.url}")
    warm_up(target.url)
    mb_start = settle(target, log)
    log(f"mb_start {mb_start}")
    peak = Peak(target)
    log(f"idle: {users} sessions")
    sessions, idle_failures = idle_sessions(target.url, users, log)
    gevent.sleep(5)
    mb_idle = total_mb(target)
    for session in sessions:
        session.close()
    per_session = (mb_idle - mb_start) / max(1, len(sessions)) if mb_idle is not None and mb_start else None
    log(f"  idle RSS {mb_idle} MiB for {len(sessions)} sessions: {per_session} MiB each")
    log(f"load: {users} users for {duration:.0f} s")
    result = load(target, users, duration, log)
    log("end: waiting for the sessions to expire")
    mb_end = settle(target, log)
    mb_peak = peak.stop()
    times = result["times"]
    opened = sum(result["sessions"].values())
    return {
        "users": users,
        "requests": len(times),
        "failures": len(result["failures"]) + idle_failures,
        "p50_ms": round(percentile(times, 0.50), 1) if times else None,
        "p95_ms": round(percentile(times, 0.95), 1) if times else None,
        "p99_ms": round(percentile(times, 0.99), 1) if times else None,
        "mb_per_session": round(per_session, 3) if per_session is not None else None,
        "mb_start": round(mb_start, 1) if mb_start is not None else None,
        "mb_peak": round(mb_peak, 1) if mb_peak is not None else None,
        "mb_end": round(mb_end, 1) if mb_end is not None else None,
        "duration_s": duration,
        "sessions_opened": opened + len(sessions),
        "spread": spread(result["sessions"]) if len(target.pids) > 1 else None,
        "server_cpu_s": round(result["server_cpu_s"], 1) if result["server_cpu_s"] is not None else None,
        "cpu_ms_per_request": round(result["server_cpu_s"] * 1000 / len(times), 2)
        if times and result["server_cpu_s"] is not None
        else None,
        "client_cpu_s": round(result["client_cpu_s"], 1),
        "by_request": by_request(result["by_name"]),
        "failure_examples": result["failures"][:10],
        "conditions": {"start": before, "end": conditions()},
    }


@contextmanager
def target_for(args: argparse.Namespace) -> Iterator[Target]:
    """The target: a replica started here, a cluster from its state file, or a bare URL."""
    if args.state:
        state = json.loads(Path(args.state).read_text())
        yield Target(state["url"], {r["name"]: r["pid"] for r in state["replicas"]}, args.ttl)
    elif args.url:
        yield Target(args.url.rstrip("/"), {}, args.ttl)
    else:
        with ExitStack() as stack:
            extra = (f"--server.disconnectedSessionTTL={args.ttl:g}",)
            server = stack.enter_context(running_server(timeout=60, extra_args=extra, deployed=True))
            yield Target(server.url, {"replica": server.process.pid}, args.ttl)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line; writes the JSON result and prints it."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.capacity", description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, required=True, help="concurrent sessions (Locust users)")
    parser.add_argument("--duration", type=float, required=True, help="seconds of load")
    parser.add_argument("--url", help="load this server instead of starting one (memory not measured)")
    parser.add_argument("--state", help="load a deploy.cluster through its proxy (state file; memory measured)")
    parser.add_argument("--ttl", type=float, default=10.0, help="disconnected-session TTL of the server (s)")
    parser.add_argument("--json", required=True, type=Path, help="where to write the result")
    args = parser.parse_args(argv)

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    # kill -USR1 <pid> prints what every greenlet is doing (a run that seems stuck).
    signal.signal(signal.SIGUSR1, lambda *_: gevent.util.print_run_info(file=sys.stderr))

    with target_for(args) as target:
        result = measure(target, args.users, args.duration, log)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k not in ("failure_examples", "conditions")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
