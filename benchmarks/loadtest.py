"""Load test: many browser sessions open the map at once against ONE local dashboard server.

Run from the project root (loopback only, bounded in time)::

    .venv/bin/python -m benchmarks.loadtest                  # 25 sessions, one round
    .venv/bin/python -m benchmarks.loadtest --sessions 10 --rounds 2 --json result.json

What it does, in order:

1. Starts one server (``harness.server.running_server``) with
   ``--server.disconnectedSessionTTL`` set low (default 5 s instead of Streamlit's 120 s),
   so that closed sessions are dropped soon after the browser leaves.
2. One cold session (first run: imports, data load, caches), then a few warm single
   sessions one after another: their median is the *single-session time*.
3. Lets the warm-up sessions expire, then records the server's RSS: the *baseline*.
4. Opens N browser contexts in one headless Chromium (async Playwright, one event loop),
   starts them together and measures, per session, the time until the script run has
   finished and until the map canvas is drawn (not blank), while sampling the server's
   RSS and the latency of its ``/_stcore/health`` endpoint, and accounting CPU time to
   the server, to Chromium and to everything else on the machine.
5. Closes every context, waits for the sessions to expire and be reaped, and records the
   server's RSS again: *after*. With ``--rounds 2`` steps 4-5 run twice: if RSS after the
   second round is no higher than after the first, memory is reused, not leaked.

Targets: p95 of the time to a drawn map under load < 10 x the single-session time, and
RSS after within 20 % of the baseline. Exit code 0 when both hold and no session failed,
1 when a target is missed or a session failed, 2 when the test could not run.

Streamlit keeps a disconnected session for ``disconnectedSessionTTL`` seconds and only
reaps expired ones when another session is stored, so step 5 waits for the TTL and then
opens and closes one short "reaper" session. Python frees what it can by reference
counting at once; cycles wait for the garbage collector, which an idle server rarely runs,
and freed memory is not always given back to the system, so "after" is an upper bound.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import platform
import re
import statistics
import sys
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from PIL import Image
from playwright.async_api import Browser, BrowserContext, ConsoleMessage, Page, Route, async_playwright
from playwright.async_api import Error as PlaywrightError

from harness.browser import LAUNCH_ARGS, chromium_path, is_local
from harness.server import Server, running_server

DECK_CANVAS = '[data-testid="stDeckGlJsonChart"] canvas'
EXCEPTION = '[data-testid="stException"]'
ERROR_BOX = '[data-testid="stAlertContentError"]'
APP_DONE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stStatusWidget"]');
}"""
_BASE_PATH_PROBE = re.compile(r"/[^/]+/_stcore/(health|host-config)$")
P95_TARGET = 10.0
MEMORY_TARGET = 0.20
TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class SessionResult:
    """What one browser session saw."""

    index: int
    app_s: float | None = None  # navigation start → script run finished
    map_s: float | None = None  # navigation start → map canvas drawn
    error: str | None = None  # timeout, exception box, navigation failure
    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.error or self.console_errors or self.outside_requests)


class Sampler:
    """Samples the server's RSS (KiB) and its health-endpoint latency (s) in a thread."""

    def __init__(self, server: Server, interval: float = 0.25) -> None:
        self.server = server
        self.interval = interval
        self.rss_kb: list[int] = []
        self.health_s: list[float] = []
        self.health_failures = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.rss_kb.append(self.server.memory_kb())
            except OSError:
                return
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(f"{self.server.url}/_stcore/health", timeout=10) as response:
                    response.read()
                self.health_s.append(time.perf_counter() - start)
            except OSError:
                self.health_failures += 1
            self._stop.wait(self.interval)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=15)


class StderrCounter:
    """Drains the server's stderr (so a full pipe never blocks it) and counts tracebacks."""

    def __init__(self, server: Server) -> None:
        self.tracebacks = 0
        self.tail: list[str] = []
        stream = server.process.stderr
        if stream is not None:
            threading.Thread(target=self._drain, args=(stream,), daemon=True).start()

    def _drain(self, stream: io.BufferedReader) -> None:
        for raw in iter(stream.readline, b""):
            line = raw.decode(errors="replace").rstrip()
            if line.startswith("Traceback"):
                self.tracebacks += 1
            self.tail = [*self.tail[-40:], line]


def _proc_status(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1])
    return 0


def _processes() -> dict[int, tuple[int, float]]:
    """Every live process: pid → (parent pid, CPU seconds used so far)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK)
    return found


def _descendants(root: int, processes: dict[int, tuple[int, float]]) -> set[int]:
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in processes.items():
        children.setdefault(parent, []).append(pid)
    out, todo = set(), [root]
    while todo:
        pid = todo.pop()
        for child in children.get(pid, []):
            if child not in out:
                out.add(child)
                todo.append(child)
    return out


def cpu_snapshot(server_pid: int) -> dict[str, float]:
    """CPU seconds so far: the server, this run's Chromium processes, and the whole machine (busy, all)."""
    processes = _processes()
    server_tree = {server_pid} | _descendants(server_pid, processes)
    mine = _descendants(os.getpid(), processes) - server_tree
    ticks = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = ticks[3] + ticks[4]
    return {
        "server": sum(processes[p][1] for p in server_tree if p in processes),
        "chromium": sum(processes[p][1] for p in mine if p in processes),
        "machine_busy": (sum(ticks[:8]) - idle) / TICK,
        "machine_all": sum(ticks[:8]) / TICK,
    }


def _drawn(png: bytes) -> bool:
    """True when the canvas shows a picture: several colours, none covering (nearly) all of it."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.thumbnail((200, 200))
    counts = Counter((r >> 3, g >> 3, b >> 3) for r, g, b in image.get_flattened_data())
    return len(counts) >= 8 and counts.most_common(1)[0][1] / image.width / image.height <= 0.995


async def open_session(browser: Browser, index: int) -> tuple[BrowserContext, Page, SessionResult]:
    """A fresh context and page, non-local requests blocked and recorded, errors recorded."""
    result = SessionResult(index)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()

    async def guard(route: Route) -> None:
        if is_local(route.request.url):
            await route.continue_()
        else:
            result.outside_requests.append(route.request.url)
            await route.abort()

    def on_console(message: ConsoleMessage) -> None:
        url = (message.location or {}).get("url", "")
        if message.type == "error" and not ("404" in message.text and _BASE_PATH_PROBE.search(url)):
            result.console_errors.append(message.text[:200])

    await page.route("**/*", guard)
    page.on("console", on_console)
    page.on("pageerror", lambda error: result.console_errors.append(f"page error: {str(error)[:200]}"))
    return context, page, result


async def drive(page: Page, result: SessionResult, url: str, timeout_s: float) -> None:
    """Navigate, wait for the script run and then for a drawn map; times from navigation start."""
    start = time.perf_counter()
    deadline = start + timeout_s

    def left_ms() -> float:
        return max(1.0, (deadline - time.perf_counter()) * 1000)

    try:
        await page.goto(url, wait_until="domcontentloaded", timeout=left_ms())
        await page.wait_for_function(APP_DONE_JS, timeout=left_ms(), polling=100)
        result.app_s = time.perf_counter() - start
        await page.locator(f"{DECK_CANVAS}, {EXCEPTION}, {ERROR_BOX}").first.wait_for(timeout=left_ms())
        if await page.locator(EXCEPTION).count() or await page.locator(ERROR_BOX).count():
            result.error = "exception or error box on the page"
            return
        canvas = page.locator(DECK_CANVAS).first
        await canvas.wait_for(state="visible", timeout=left_ms())
        while True:
            box = await canvas.bounding_box(timeout=left_ms())
            if box and box["width"] > 0 and box["height"] > 0 and _drawn(await canvas.screenshot(timeout=left_ms())):
                result.map_s = time.perf_counter() - start
                break
            if time.perf_counter() > deadline:
                raise TimeoutError("map canvas still blank")
            await asyncio.sleep(0.5)
        if await page.locator(EXCEPTION).count() or await page.locator(ERROR_BOX).count():
            result.error = "exception or error box on the page"
    except (PlaywrightError, TimeoutError) as exc:
        kind = "timeout" if isinstance(exc, TimeoutError) or "timeout" in str(exc).lower() else "error"
        result.error = f"{kind}: {str(exc).splitlines()[0][:160]}"


async def single_session(browser: Browser, url: str, timeout_s: float) -> SessionResult:
    context, page, result = await open_session(browser, 0)
    try:
        await drive(page, result, url, timeout_s)
    finally:
        await context.close()
    return result


async def settle(server: Server, browser: Browser, url: str, ttl: float, log: Callable[[str], None]) -> float:
    """Wait for closed sessions to expire, reap them with one short session, let memory settle; RSS MiB."""
    await asyncio.sleep(ttl + 2)
    await single_session(browser, url, 120)  # its disconnect stores it, which reaps the expired ones
    await asyncio.sleep(ttl + 2)
    samples = []
    for _ in range(5):
        samples.append(server.memory_kb())
        await asyncio.sleep(1)
    log(f"  settled RSS samples (MiB): {[round(s / 1024) for s in samples]}")
    return min(samples) / 1024


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (``q`` in 0..1)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


async def load_round(
    browser: Browser, server: Server, args: argparse.Namespace, log: Callable[[str], None]
) -> dict[str, Any]:
    """N sessions at once; per-session times, errors, memory, health latency and CPU split."""
    url = server.url + "/"
    opened = await asyncio.gather(*(open_session(browser, i) for i in range(args.sessions)))
    cpu_before = cpu_snapshot(server.process.pid)
    wall = time.perf_counter()
    with Sampler(server) as sampler:
        await asyncio.gather(*(drive(page, result, url, args.session_timeout) for _, page, result in opened))
        wall = time.perf_counter() - wall
        cpu_after = cpu_snapshot(server.process.pid)
        await asyncio.sleep(1)  # every session still connected
        connected = server.memory_kb() / 1024
    results = [result for _, _, result in opened]
    await asyncio.gather(*(context.close() for context, _, _ in opened))
    log(f"  {args.sessions} sessions done in {wall:.1f} s; contexts closed")
    cpu = {key: cpu_after[key] - cpu_before[key] for key in cpu_before}
    times = [r.map_s for r in results if r.map_s is not None]
    apps = [r.app_s for r in results if r.app_s is not None]
    out: dict[str, Any] = {
        "wall_s": wall,
        "drawn": len(times),
        "cpu_s": {
            "server": cpu["server"],
            "chromium": cpu["chromium"],
            "other_processes": max(0.0, cpu["machine_busy"] - cpu["server"] - cpu["chromium"]),
            "idle": cpu["machine_all"] - cpu["machine_busy"],
        },
        "rss_peak_mib": max(sampler.rss_kb) / 1024 if sampler.rss_kb else connected,
        "rss_connected_mib": connected,
        "health_p50_s": percentile(sampler.health_s, 0.5) if sampler.health_s else None,
        "health_max_s": max(sampler.health_s) if sampler.health_s else None,
        "health_failures": sampler.health_failures,
        "errors": {
            "failed_sessions": sum(r.failed for r in results),
            "timeouts": sum(bool(r.error and r.error.startswith("timeout")) for r in results),
            "exception_boxes": sum(r.error == "exception or error box on the page" for r in results),
            "other": sum(bool(r.error and r.error.startswith("error")) for r in results),
            "console_errors": sum(len(r.console_errors) for r in results),
            "outside_requests": sum(len(r.outside_requests) for r in results),
        },
        "results": [asdict(r) for r in results],
    }
    if times:
        out |= {"map_p50_s": percentile(times, 0.5), "map_p95_s": percentile(times, 0.95), "map_max_s": max(times)}
    if apps:
        out |= {"app_p50_s": percentile(apps, 0.5), "app_p95_s": percentile(apps, 0.95)}
    out["rss_after_mib"] = await settle(server, browser, url, args.ttl, log)
    return out


def machine() -> dict[str, Any]:
    """What this ran on (the machine may be shared: the load average at the start is recorded)."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "streamlit": version("streamlit"),
        "playwright": version("playwright"),
        "kernel": platform.release(),
    }


async def run(args: argparse.Namespace, log: Callable[[str], None]) -> dict[str, Any]:
    """The whole load test against one fresh server; the report as a dict."""
    path = chromium_path()
    if path is None:
        raise FileNotFoundError("Debian's chromium is not installed (apt-get install chromium)")
    report: dict[str, Any] = {"sessions": args.sessions, "ttl_s": args.ttl, "machine": machine()}
    extra = (f"--server.disconnectedSessionTTL={args.ttl}",)
    with running_server(timeout=60, extra_args=extra) as server:
        stderr = StderrCounter(server)
        url = server.url + "/"
        report["rss_start_mib"] = server.memory_kb() / 1024
        log(f"server {server.url} pid {server.process.pid}, RSS at start {report['rss_start_mib']:.0f} MiB")
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=str(path), args=LAUNCH_ARGS)
            try:
                cold = await single_session(browser, url, args.session_timeout)
                log(f"cold single session: map {cold.map_s} s, error {cold.error}")
                warm = [await single_session(browser, url, args.session_timeout) for _ in range(args.single_runs)]
                singles = [r.map_s for r in warm if r.map_s is not None]
                if not singles:
                    raise RuntimeError(f"no single session drew the map: {[r.error for r in warm]}")
                report["single_cold_s"] = cold.map_s
                report["single_runs_s"] = singles
                report["single_s"] = statistics.median(singles)
                report["single_app_s"] = statistics.median([r.app_s for r in warm if r.app_s is not None])
                log(f"warm single sessions (s): {[round(s, 2) for s in singles]}")
                report["rss_baseline_mib"] = await settle(server, browser, url, args.ttl, log)
                report["rss_hwm_before_load_mib"] = _proc_status(server.process.pid, "VmHWM") / 1024
                log(f"baseline RSS {report['rss_baseline_mib']:.0f} MiB")
                report["rounds"] = []
                for number in range(1, args.rounds + 1):
                    log(f"round {number}: {args.sessions} sessions at once")
                    report["rounds"].append(await load_round(browser, server, args, log))
            finally:
                await browser.close()
        report["rss_hwm_mib"] = _proc_status(server.process.pid, "VmHWM") / 1024
        report["server_tracebacks"] = stderr.tracebacks
        if stderr.tracebacks:
            report["server_stderr_tail"] = stderr.tail[-20:]

    first, last = report["rounds"][0], report["rounds"][-1]
    report["p95_over_single"] = first["map_p95_s"] / report["single_s"] if "map_p95_s" in first else None
    report["rss_after_over_baseline"] = last["rss_after_mib"] / report["rss_baseline_mib"] - 1
    failed = sum(r["errors"]["failed_sessions"] for r in report["rounds"])
    report["targets"] = {
        "p95_under_10x_single": report["p95_over_single"] is not None and report["p95_over_single"] < P95_TARGET,
        "rss_after_within_20pct": abs(report["rss_after_over_baseline"]) <= MEMORY_TARGET,
        "no_errors": failed == 0 and report["server_tracebacks"] == 0,
    }
    return report


def summary(report: dict[str, Any]) -> str:
    """The result as a few readable lines (the figures LOADTEST.md shows)."""
    m = report["machine"]
    lines = [
        f"machine: {m['cpus']} CPU ({m['cpu_model']}), {m['memory_gib']} GiB RAM, load average at start "
        f"{m['load_average']}; Python {m['python']}, Streamlit {m['streamlit']}, Playwright {m['playwright']}",
        f"{report['sessions']} sessions at once in one headless Chromium; disconnectedSessionTTL={report['ttl_s']} s",
        f"single session (warm, median of {len(report['single_runs_s'])}): map drawn {report['single_s']:.2f} s, "
        f"script done {report['single_app_s']:.2f} s; "
        f"cold first session: map drawn {report['single_cold_s'] or 0:.2f} s",
        f"server RSS: start {report['rss_start_mib']:.0f} MiB, baseline (warm, sessions expired) "
        f"{report['rss_baseline_mib']:.0f} MiB",
    ]
    for number, r in enumerate(report["rounds"], 1):
        e, cpu = r["errors"], r["cpu_s"]
        lines.append(f"round {number}: {r['drawn']}/{report['sessions']} maps drawn, wall {r['wall_s']:.1f} s")
        if r["drawn"]:
            lines.append(
                f"  map drawn p50 {r['map_p50_s']:.2f} s, p95 {r['map_p95_s']:.2f} s, max {r['map_max_s']:.2f} s; "
                f"script done p50 {r.get('app_p50_s', 0):.2f} s, p95 {r.get('app_p95_s', 0):.2f} s"
            )
        lines += [
            f"  errors: {e['failed_sessions']} failed session(s): timeouts {e['timeouts']}, exception boxes "
            f"{e['exception_boxes']}, other {e['other']}, console errors {e['console_errors']}, "
            f"outside requests {e['outside_requests']}",
            f"  CPU seconds during the round: server {cpu['server']:.1f}, Chromium {cpu['chromium']:.1f}, "
            f"other processes {cpu['other_processes']:.1f}, idle {cpu['idle']:.1f}",
            f"  /_stcore/health latency: p50 {(r['health_p50_s'] or 0) * 1000:.0f} ms, "
            f"max {(r['health_max_s'] or 0) * 1000:.0f} ms, failures {r['health_failures']}",
            f"  server RSS: peak {r['rss_peak_mib']:.0f} MiB, all connected {r['rss_connected_mib']:.0f} MiB, "
            f"after (expired, reaped) {r['rss_after_mib']:.0f} MiB",
        ]
    ratio = report["p95_over_single"]
    lines += [
        f"p95 / single (round 1) = {ratio:.1f}x (target < {P95_TARGET:.0f}x)"
        if ratio is not None
        else "p95 / single: no map drawn",
        f"RSS after last round vs baseline: {report['rss_after_over_baseline']:+.1%} (target within "
        f"±{MEMORY_TARGET:.0%}); kernel high-water mark {report['rss_hwm_mib']:.0f} MiB; "
        f"server tracebacks {report['server_tracebacks']}",
        "targets: " + ", ".join(f"{k} {'OK' if v else 'MISSED'}" for k, v in report["targets"].items()),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.loadtest", description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=25, help="browser sessions at once (default 25)")
    parser.add_argument("--rounds", type=int, default=1, help="load rounds, to tell reuse from leaks (default 1)")
    parser.add_argument("--single-runs", type=int, default=3, help="warm single sessions for the baseline time")
    parser.add_argument("--ttl", type=int, default=5, help="server.disconnectedSessionTTL in seconds (default 5)")
    parser.add_argument("--session-timeout", type=float, default=300.0, help="per-session limit in seconds")
    parser.add_argument("--timeout", type=float, default=1500.0, help="overall limit in seconds (default 1500)")
    parser.add_argument("--json", type=Path, help="also write the full result as JSON here")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= 100 or not 1 <= args.rounds <= 5:
        parser.error("--sessions must be 1..100 and --rounds 1..5")

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        report = asyncio.run(asyncio.wait_for(run(args, log), timeout=args.timeout))
    except TimeoutError:
        log(f"load test did not finish within {args.timeout:.0f} s")
        return 2
    except (FileNotFoundError, RuntimeError) as exc:
        log(f"load test could not run: {exc}")
        return 2
    print(summary(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if all(report["targets"].values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
