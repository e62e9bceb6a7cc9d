"""Server-side timings of one data directory, in one process, with ``streamlit.testing``.

Run by :mod:`benchmarks.run` once per scale in a fresh subprocess (so peak memory
belongs to that scale and no cache leaks across scales)::

    .venv/bin/python -m benchmarks.apptest_bench --label x10 --data DIR --out result.json

What it measures (wall and CPU time of ``AppTest.run()``; medians):

* ``empty``: the empty page (:mod:`benchmarks.empty_page`), re-measured between
  pages so the floor follows the machine's load;
* per page: the first run after ``switch_page`` and warm reruns, a filter change
  (``flt.programmes`` toggled between one programme and none), deck / plotly
  JSON bytes and all element protos' bytes sent, tracemalloc peak of one rerun,
  and ``ru_maxrss`` after the page;
* the data load: ``tracker.load_dataset`` (cold) and the app's
  ``st.cache_data``-ed loader on a cache hit (warm).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
DASHBOARD = PROJECT_DIR / "dashboard.py"
EMPTY_PAGE = Path(__file__).resolve().parent / "empty_page.py"
PAGES: tuple[str, ...] = ("map", "timeline", "coverage", "focus_areas", "data_sources")
TIMEOUT = 1800.0
SHELL_PAGES_START = "pages = ["
SHELL_PAGES_END = "page = st.navigation("


def _log(message: str) -> None:
    print(f"[apptest {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """(wall ms, process CPU ms) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def series(action: Callable[[], object], repeats: int, budget_s: float, minimum: int = 3) -> dict[str, Any]:
    """Up to ``repeats`` timings, stopping early once ``budget_s`` is spent (at least ``minimum``)."""
    walls: list[float] = []
    cpus: list[float] = []
    start = time.perf_counter()
    while len(walls) < repeats:
        wall, cpu = timed(action)
        walls.append(wall)
        cpus.append(cpu)
        if len(walls) >= minimum and time.perf_counter() - start > budget_s:
            break
    return summary(walls, cpus)


def summary(walls: list[float], cpus: list[float]) -> dict[str, Any]:
    """Medians and spread of wall and CPU samples (ms)."""
    return {
        "wall_ms": statistics.median(walls),
        "cpu_ms": statistics.median(cpus),
        "min_wall_ms": min(walls),
        "max_wall_ms": max(walls),
        "n": len(walls),
        "samples_wall_ms": [round(w, 2) for w in walls],
    }


def rss_mb() -> float:
    """Resident memory now (MiB)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def max_rss_mb() -> float:
    """Peak resident memory of this process so far (MiB; Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _walk(node: Any):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _walk(child)


def payload(at: Any) -> dict[str, int]:
    """Bytes the page sends: deck JSON, plotly specs, and every element's proto."""
    deck = sum(len(e.proto.json.encode()) for e in at.get("deck_gl_json_chart"))
    plotly = sum(len(e.proto.spec.encode()) for e in at.get("plotly_chart"))
    protos = 0
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is not None and not isinstance(getattr(node, "children", None), dict):
            protos += proto.ByteSize()
    return {"deck_json_bytes": deck, "plotly_json_bytes": plotly, "element_proto_bytes": protos}


def _errors(at: Any) -> list[str]:
    return [str(getattr(e, "message", e))[:500] for e in at.exception]


def _filter_changer(at: Any, programme_ids: list[str]) -> Callable[[], None]:
    """A rerun after a filter change: one programme chosen, then none again, and so on."""
    count = {"i": 0}

    def change() -> None:
        count["i"] += 1
        chosen = programme_ids[(count["i"] // 2) % len(programme_ids)]
        at.session_state["flt.programmes"] = [chosen] if count["i"] % 2 else []
        at.run()

    return change


class Floor:
    """The empty page, measured in the same process; samples pooled across the run."""

    def __init__(self) -> None:
        from streamlit.testing.v1 import AppTest

        self.at = AppTest.from_file(str(EMPTY_PAGE), default_timeout=TIMEOUT)
        self.cold = timed(self.at.run)
        self.walls: list[float] = []
        self.cpus: list[float] = []

    def sample(self, count: int) -> None:
        for _ in range(count):
            wall, cpu = timed(self.at.run)
            self.walls.append(wall)
            self.cpus.append(cpu)

    def result(self) -> dict[str, Any]:
        return {**summary(self.walls, self.cpus), "cold_wall_ms": self.cold[0]}


def shell_script(dashboard: Path, out_dir: Path) -> Path:
    """``dashboard.py`` with its pages replaced by one blank page, written to ``out_dir``.

    What every page pays before its own content: data load, language switch,
    filters, presenter and briefing buttons, navigation, URL sync. A page can be
    no faster than this.
    """
    source = dashboard.read_text(encoding="utf-8")
    start, end = source.index(SHELL_PAGES_START), source.index(SHELL_PAGES_END)
    blank = 'pages = [st.Page(lambda: None, title="shell", url_path="shell", default=True)]\n'
    source = source[:start] + blank + source[end:]
    source = source.replace("Path(__file__).parent", f"Path({str(dashboard.parent)!r})")
    out = out_dir / "shell_page.py"
    out.write_text(source, encoding="utf-8")
    return out


def measure_shell(programme_ids: list[str], repeats: int, budget_s: float) -> dict[str, Any]:
    """Warm reruns and filter changes of the app shell with a blank page."""
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as tmp:
        at = AppTest.from_file(str(shell_script(DASHBOARD, Path(tmp))), default_timeout=TIMEOUT)
        at.run()
        entry = {"warm": series(at.run, repeats, budget_s)}
        entry["filter_change"] = series(_filter_changer(at, programme_ids), repeats, budget_s)
        entry["errors"] = _errors(at)
    return entry


def measure_load(data_dir: Path, repeats: int, budget_s: float) -> dict[str, Any]:
    """Cold ``load_dataset`` and the cached loader on a hit (what every rerun pays)."""
    from components.data_access import load_app_data
    from tracker import load_dataset

    cold = series(lambda: load_dataset(data_dir), min(repeats, 3), budget_s, minimum=1)
    first = timed(lambda: load_app_data(data_dir))  # fills st.cache_data
    warm = series(lambda: load_app_data(data_dir), repeats, budget_s)
    return {"cold": cold, "cache_fill_wall_ms": first[0], "cache_hit": warm}


def measure(
    label: str,
    data_dir: Path,
    pages: tuple[str, ...] = PAGES,
    repeats: int = 7,
    budget_s: float = 60.0,
    trace_limit_ms: float = 5000.0,
) -> dict[str, Any]:
    """Every server-side number for one data directory."""
    os.environ["TRACKER_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")
    import streamlit as st
    from streamlit.logger import set_log_level
    from streamlit.testing.v1 import AppTest

    from tracker import load_dataset

    set_log_level("error")  # "missing ScriptRunContext" when the loader is timed outside a run
    st.cache_data.clear()
    _log(f"{label}: loading {data_dir}")
    model = load_dataset(data_dir).model
    if model is None:
        raise SystemExit(f"{data_dir} is not valid data")
    sizes = {
        "cities": len(model.cities),
        "programmes": len(model.programmes),
        "focus_areas": len(model.focus_areas),
        "participation": len(model.participation),
        "milestones": len(model.milestones),
        "sources": len(model.sources),
        "coverage_rows": len(model.coverage),
    }
    programme_ids = list(model.programmes["programme_id"])
    del model
    load = measure_load(data_dir, repeats, budget_s)
    _log(f"{label}: load cold {load['cold']['wall_ms']:.0f} ms, cache hit {load['cache_hit']['wall_ms']:.1f} ms")

    floor = Floor()
    floor.sample(repeats)

    shell = measure_shell(programme_ids, repeats, budget_s)
    _log(f"{label}: app shell warm {shell['warm']['wall_ms']:.1f} ms, filter {shell['filter_change']['wall_ms']:.1f}")
    at = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT)
    first_run = timed(at.run)
    results: dict[str, Any] = {}
    for page in pages:
        _log(f"{label}: page {page}")
        entry: dict[str, Any] = {}
        at.session_state["flt.programmes"] = []
        entry["switch_wall_ms"] = timed(lambda p=page: at.switch_page(f"app_pages/{p}.py").run())[0]
        entry["errors"] = _errors(at)
        entry["warm"] = series(at.run, repeats, budget_s)
        entry.update(payload(at))
        if entry["warm"]["wall_ms"] <= trace_limit_ms:
            tracemalloc.start()
            at.run()
            entry["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        else:
            entry["tracemalloc_peak_mb"] = None
        entry["filter_change"] = series(_filter_changer(at, programme_ids), repeats, budget_s)
        entry["filter_errors"] = _errors(at)
        at.session_state["flt.programmes"] = []
        at.run()
        entry["rss_mb"] = rss_mb()
        entry["max_rss_mb"] = max_rss_mb()
        results[page] = entry
        floor.sample(3)
        _log(
            f"{label}: {page} warm {entry['warm']['wall_ms']:.0f} ms, "
            f"filter {entry['filter_change']['wall_ms']:.0f} ms, floor {statistics.median(floor.walls):.1f} ms"
        )
    return {
        "label": label,
        "data_dir": str(data_dir),
        "sizes": sizes,
        "load": load,
        "empty": floor.result(),
        "app_first_run_wall_ms": first_run[0],
        "shell": shell,
        "pages": results,
        "max_rss_mb": max_rss_mb(),
    }


def main(argv: list[str] | None = None) -> int:
    """Measure one data directory and write the result as JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.apptest_bench")
    parser.add_argument("--label", required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=PAGES)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per series before stopping early")
    parser.add_argument("--trace-limit-ms", type=float, default=5000.0)
    args = parser.parse_args(argv)
    result = measure(args.label, args.data.resolve(), tuple(args.pages), args.repeats, args.budget, args.trace_limit_ms)
    args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
