"""Browser timings: navigation → map canvas / first plotly chart drawn, against an empty page.

Two real servers run side by side: the dashboard (``harness.server.running_server``
with ``TRACKER_DATA_DIR``) and :mod:`benchmarks.empty_page` (started here, same
flags, same ``.streamlit/config.toml``). Every navigation uses a fresh browser
context (empty cache, new Streamlit session). Times are taken inside the page
(``performance.now()``, i.e. since navigation start).

"Drawn" means: the condition holds (the canvas / chart SVG is on screen, or the
empty page's script has finished), two animation frames have passed, and the
main thread has finished the work that followed. deck.gl creates its canvas
first and draws the first frame in a later task, which compiles its WebGL
programs; with software WebGL (SwiftShader, as here) that task blocks the main
thread for seconds, so "canvas on screen" alone is not "map drawn". The time
reported is the end of the last long task (> 50 ms, ``PerformanceObserver``)
before the main thread stays free for ``QUIET_MS``, or the condition's time if
later. The same rule applies to every page measured, the empty page included.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
EMPTY_PAGE = Path(__file__).resolve().parent / "empty_page.py"
DECK_FLOOR = Path(__file__).resolve().parent / "deck_floor_page.py"
PLOTLY_FLOOR = Path(__file__).resolve().parent / "plotly_floor_page.py"
VIEWPORT = {"width": 1440, "height": 1000}

QUIET_MS = 1000

# Records long tasks from navigation start (installed before any page script runs).
_LONG_TASKS = """
window.__c40LongTaskEnds = [];
window.__c40LongTasks = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__c40LongTaskEnds.push(entry.startTime + entry.duration);
});
window.__c40LongTasks.observe({type: 'longtask', buffered: true});
"""

# Given the time a condition first held: the end of the main thread's work that followed it.
# A long task's entry reaches the observer some time after the task, and a timer that waited
# behind it can run first, so the wait also takes the observer's pending entries, and counts a
# timer that fired late (the main thread was blocked until then) as work that ended just now.
_SETTLED = """
async ([held, quiet]) => {
  const ends = window.__c40LongTaskEnds || [];
  let busyUntil = held;
  const lastEnd = () => {
    for (const entry of (window.__c40LongTasks ? window.__c40LongTasks.takeRecords() : [])) {
      ends.push(entry.startTime + entry.duration);
    }
    return Math.max(busyUntil, ...ends);
  };
  let before = performance.now();
  while (performance.now() - lastEnd() < quiet) {
    await new Promise(r => setTimeout(r, 100));
    const now = performance.now();
    if (now - before > 150) busyUntil = Math.max(busyUntil, now);
    before = now;
  }
  return lastEnd();
}
"""

# Condition → performance.now() once it holds, after two animation frames.
_WHEN = """
async (selector) => {
  const shown = () => {
    for (const el of document.querySelectorAll(selector)) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) return true;
    }
    return false;
  };
  while (!shown()) { await new Promise(r => requestAnimationFrame(r)); }
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now();
}
"""
_IDLE = """
async () => {
  const idle = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
      && document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]')
      && !document.querySelector('[data-testid="stStatusWidget"]');
  };
  while (!idle()) { await new Promise(r => requestAnimationFrame(r)); }
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now();
}
"""
_FCP = """() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime ?? null"""

MAP_CANVAS = '[data-testid="stDeckGlJsonChart"] canvas'
PLOTLY_SVG = '[data-testid="stPlotlyChart"] .main-svg'


def _log(message: str) -> None:
    print(f"[browser {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def navigate(browser: Any, url: str, script: str, arg: str | None, outside: list[str]) -> dict[str, float | None]:
    """One navigation in a fresh context: ms from navigation start until drawn (see the module doc).

    ``held_ms`` is when ``script``'s condition first held (the canvas or chart on screen),
    ``ms`` when the page had also finished the work that followed.
    """
    from harness.browser import guard_network

    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    try:
        page = context.new_page()
        page.add_init_script(_LONG_TASKS)
        guard_network(page, outside)
        page.set_default_timeout(180_000)
        started = time.perf_counter()
        page.goto(url, wait_until="commit")
        held = page.evaluate(script, arg) if arg is not None else page.evaluate(script)
        outside_ms = (time.perf_counter() - started) * 1000  # until the condition held, seen from outside
        drawn = page.evaluate(_SETTLED, [held, QUIET_MS])
        return {"ms": float(drawn), "held_ms": float(held), "wall_ms": outside_ms, "fcp_ms": page.evaluate(_FCP)}
    finally:
        context.close()


def _median(runs: list[dict[str, float | None]], key: str) -> float | None:
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else None  # type: ignore[type-var]


def repeated(browser: Any, url: str, script: str, arg: str | None, count: int, outside: list[str]) -> dict[str, Any]:
    """Median of ``count`` fresh navigations, after one unrecorded warm-up."""
    navigate(browser, url, script, arg, outside)
    runs = [navigate(browser, url, script, arg, outside) for _ in range(count)]
    return {
        "ms": _median(runs, "ms"),
        "held_ms": _median(runs, "held_ms"),
        "wall_ms": _median(runs, "wall_ms"),
        "fcp_ms": _median(runs, "fcp_ms"),
        "samples_ms": [round(float(r["ms"] or 0), 1) for r in runs],
    }


def measure(datasets: Mapping[str, Path], navigations: int = 5) -> dict[str, Any]:
    """Empty page, then for each data set: map canvas drawn and first timeline chart drawn."""
    from harness.browser import launched_browser
    from harness.server import running_server

    outside: list[str] = []
    out: dict[str, Any] = {"navigations": navigations, "viewport": VIEWPORT, "datasets": {}}
    with launched_browser() as browser, running_server(script=EMPTY_PAGE, timeout=60) as empty:
        _log("empty page")
        out["empty_before"] = repeated(browser, empty.url, _IDLE, None, navigations, outside)
        for label, data_dir in datasets.items():
            _log(f"{label}: dashboard on {data_dir}")
            with running_server(env={"TRACKER_DATA_DIR": str(data_dir)}, timeout=120) as server:
                out["datasets"][label] = {
                    "map_drawn": repeated(browser, f"{server.url}/", _WHEN, MAP_CANVAS, navigations, outside),
                    "map_idle": repeated(browser, f"{server.url}/", _IDLE, None, navigations, outside),
                    "timeline_chart_drawn": repeated(
                        browser, f"{server.url}/timeline", _WHEN, PLOTLY_SVG, navigations, outside
                    ),
                }
            _log(f"{label}: {out['datasets'][label]['map_drawn']['ms']:.0f} ms to map")
        out["empty_after"] = repeated(browser, empty.url, _IDLE, None, navigations, outside)
        # Library floors: what one empty deck / one tiny plotly chart costs on an otherwise empty page.
        with running_server(script=DECK_FLOOR, timeout=60) as deck:
            _log("library floor: empty pydeck chart")
            out["deck_floor"] = repeated(browser, deck.url, _WHEN, MAP_CANVAS, navigations, outside)
        with running_server(script=PLOTLY_FLOOR, timeout=60) as plot:
            _log("library floor: tiny plotly chart")
            out["plotly_floor"] = repeated(browser, plot.url, _WHEN, PLOTLY_SVG, navigations, outside)
    both = out["empty_before"]["samples_ms"] + out["empty_after"]["samples_ms"]
    out["empty_ms"] = statistics.median(both)
    out["blocked_requests"] = sorted(set(outside))
    for name in ("deck_floor", "plotly_floor"):
        out[name]["ratio_to_empty"] = out[name]["ms"] / out["empty_ms"]
    for entry in out["datasets"].values():
        for name in ("map_drawn", "map_idle", "timeline_chart_drawn"):
            entry[name]["ratio_to_empty"] = entry[name]["ms"] / out["empty_ms"]
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.browser_bench --dataset real=DIR --dataset x100=DIR --out FILE``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.browser_bench")
    parser.add_argument("--dataset", action="append", required=True, help="LABEL=DATA_DIR (repeatable)")
    parser.add_argument("--navigations", type=int, default=5)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    datasets = {}
    for item in args.dataset:
        label, _, directory = item.partition("=")
        datasets[label] = Path(directory).resolve()
    args.out.write_text(json.dumps(measure(datasets, args.navigations), indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
