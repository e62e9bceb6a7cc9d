"""Profile warm reruns of one page with pyinstrument, inside the script thread.

    .venv/bin/python -m benchmarks.profile_page --scale 100 --page coverage [--filter] [--html]

``AppTest`` runs the script in its own thread, so the profiler is started in
that thread (around ``ScriptRunner._run_script``). Writes the pyinstrument text
report to ``benchmarks/results/profile-<page>-x<scale>.txt`` and prints the
app-code functions with the most inclusive time (file:first line, function).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.apptest_bench import DASHBOARD, PAGES, shell_script
from benchmarks.generate import generate

PROJECT_DIR = Path(__file__).resolve().parent.parent
RESULTS = PROJECT_DIR / "benchmarks" / "results"
APP_PARTS = ("components", "tracker", "app_pages", "dashboard.py")


def _is_app(path: str | None) -> bool:
    if not path:
        return False
    try:
        rel = Path(path).resolve().relative_to(PROJECT_DIR)
    except ValueError:
        return False
    return rel.parts[0] in APP_PARTS


def app_hotspots(root: Any, limit: int = 20) -> list[tuple[float, float, str]]:
    """(inclusive s, in-libraries s, "file:line function") of app functions, most time first.

    Inclusive time counts a function once per stack (recursion is not double counted).
    "In libraries" is the time spent in non-app code called directly from the function
    (pandas, plotly, Streamlit…), not counting app functions those call back.
    """
    inclusive: dict[str, float] = {}
    in_libraries: dict[str, float] = {}

    def key(frame: Any) -> str:
        rel = Path(frame.file_path).resolve().relative_to(PROJECT_DIR)
        return f"{rel}:{frame.line_no} {frame.function}"

    def app_time_below(frame: Any) -> float:
        """Time of the topmost app frames under a library frame."""
        return sum(c.time if _is_app(c.file_path) else app_time_below(c) for c in frame.children)

    def visit(frame: Any, open_keys: frozenset[str]) -> None:
        keys = open_keys
        if _is_app(frame.file_path):
            name = key(frame)
            if name not in open_keys:
                inclusive[name] = inclusive.get(name, 0.0) + frame.time
                keys = open_keys | {name}
            libs = sum(c.time - app_time_below(c) for c in frame.children if not _is_app(c.file_path))
            in_libraries[name] = in_libraries.get(name, 0.0) + libs
        for child in frame.children:
            visit(child, keys)

    visit(root, frozenset())
    ranked = sorted(inclusive.items(), key=lambda item: -item[1])[:limit]
    return [(seconds, in_libraries.get(name, 0.0), name) for name, seconds in ranked]


def main(argv: list[str] | None = None) -> int:
    """Generate (or use) the data, warm the page, profile one rerun, write the report."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_page")
    parser.add_argument("--scale", type=int, default=None, help="synthetic scale (default: the real data)")
    parser.add_argument("--page", choices=[*PAGES, "shell"], required=True, help="a page, or the app shell alone")
    parser.add_argument("--filter", action="store_true", help="profile a filter change instead of a plain rerun")
    parser.add_argument("--interval", type=float, default=0.001)
    parser.add_argument("--runs", type=int, default=3, help="profiled reruns, combined (evens out a busy CPU)")
    parser.add_argument("--html", action="store_true", help="also write an HTML report")
    parser.add_argument("--out-dir", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    scratch = tempfile.TemporaryDirectory(prefix="c40-profile-")
    if args.scale is None:
        data_dir, label = PROJECT_DIR / "data", "real"
    else:
        data_dir, label = Path(scratch.name) / f"x{args.scale}", f"x{args.scale}"
        generate(args.scale, data_dir)
    os.environ["TRACKER_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")

    from pyinstrument import Profiler
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
    from streamlit.testing.v1 import AppTest

    from tracker import load_dataset

    profiler = Profiler(interval=args.interval)
    original = ScriptRunner._run_script
    state = {"on": False}

    def profiled(self: Any, rerun_data: Any) -> None:
        if not state["on"]:
            return original(self, rerun_data)
        profiler.start()  # in the script thread; sessions of successive reruns are combined
        try:
            return original(self, rerun_data)
        finally:
            profiler.stop()

    ScriptRunner._run_script = profiled  # type: ignore[method-assign]
    if args.page == "shell":
        at = AppTest.from_file(str(shell_script(DASHBOARD, Path(scratch.name))), default_timeout=3600)
        at.run()
    else:
        at = AppTest.from_file(str(DASHBOARD), default_timeout=3600)
        at.run()
        at.switch_page(f"app_pages/{args.page}.py").run()
    at.run()  # warm
    programme_ids = list(load_dataset(data_dir).model.programmes.index)  # type: ignore[union-attr]
    walls = []
    for run in range(args.runs):
        if args.filter:  # alternate one programme / none, as the benchmark does
            at.session_state["flt.programmes"] = [programme_ids[run // 2 % len(programme_ids)]] if run % 2 == 0 else []
        state["on"] = True
        started = time.perf_counter()
        at.run()
        walls.append(time.perf_counter() - started)
        state["on"] = False
    wall = sorted(walls)[len(walls) // 2]
    errors = [str(e.message)[:300] for e in at.exception]
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"profile-{args.page}{'-filter' if args.filter else ''}-{label}"
    (args.out_dir / f"{stem}.txt").write_text(text, encoding="utf-8")
    if args.html:
        (args.out_dir / f"{stem}.html").write_text(profiler.output_html(), encoding="utf-8")
    root = profiler.last_session.root_frame()
    print(f"{label} {args.page}: {args.runs} profiled reruns, median {wall * 1000:.0f} ms; errors: {errors or 'none'}")
    print("times below are totals over the profiled reruns (wall clock)")
    print(f"report: {args.out_dir / (stem + '.txt')}")
    print(f"{'incl. s':>8} {'in libs s':>9}  app function (file:first line)")
    for seconds, libs, name in app_hotspots(root):
        print(f"{seconds:>8.3f} {libs:>9.3f}  {name}")
    scratch.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
