"""The benchmark: every page against Streamlit's floor, from the real data up to 13,000 cities.

    .venv/bin/python -m benchmarks.run [--scales 1 10 100 1000] [--browser] [--out benchmarks/results/latest.json]

Server side, for the real data and each synthetic scale (one fresh subprocess
each, see :mod:`benchmarks.apptest_bench`): warm rerun time of every page, its
ratio to an empty Streamlit page measured in the same process, a filter change,
the cached data load, deck / plotly JSON bytes and memory. With ``--browser``
(real data and 100×, see :mod:`benchmarks.browser_bench`): time until the map
canvas and the first timeline chart are drawn, against an empty page's time to
be drawn. Prints a table with the targets (PASS / MISS) and writes JSON (plus
the table as ``.txt`` beside it). See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.apptest_bench import PAGES
from benchmarks.generate import PROVINCES_GEOJSON, counts_for, generate

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_OUT = PROJECT_DIR / "benchmarks" / "results" / "latest.json"
BROWSER_SCALE = 100
KB = 1024
MB = 1024 * 1024

# The targets of the issue.
FILTER_MAX_RATIO = 3.0  # page rerun after a filter change, real data, × empty rerun
MAP_MAX_RATIO = 1.5  # map drawn, real data, browser, × empty page drawn
SCALE100_MAX_RATIO = 10.0  # every page's warm rerun at 100×, × empty rerun
DECK_MAX_BYTES = 40 * KB  # deck JSON per rerun on the real data (base layers travel by URL)
DECK_MAX_BYTES_X1000 = 2 * MB  # deck JSON per rerun at 1000× the cities (compact point data)
GROWTH_MAX_EXPONENT = 1.05  # log-log slope of warm rerun time vs cities, 10×…1000× (1.0 = linear, + noise)


def _log(message: str) -> None:
    print(f"[run {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def machine_info() -> dict[str, Any]:
    """What the numbers were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = round(int(line.split()[1]) / MB, 1)
    except OSError:
        pass
    versions = {}
    for package in ("streamlit", "pandas", "plotly", "pydeck", "playwright"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=PROJECT_DIR, capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        commit = ""
    chromium = None
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
        chromium = subprocess.run(
            ["/usr/bin/chromium", "--version"], capture_output=True, text=True, check=False, timeout=30
        ).stdout.strip()
    return {
        "cpu_model": cpu,
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)),
        "memory_gib": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
        "chromium": chromium,
        "git_commit": commit,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_average_start": list(os.getloadavg()),
    }


def snapshot(destination: Path) -> Path:
    """The committed tree at HEAD, plus this benchmarks/ directory, copied to ``destination``.

    Other people commit and edit app files while a run takes its minutes; a
    snapshot keeps every number of one run about one version of the app.
    """
    destination.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=PROJECT_DIR, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(destination)], input=archive, check=True)
    shutil.rmtree(destination / "benchmarks", ignore_errors=True)
    shutil.copytree(
        PROJECT_DIR / "benchmarks",
        destination / "benchmarks",
        ignore=shutil.ignore_patterns("results", "__pycache__"),
    )
    return destination


def app_changes() -> list[str]:
    """Uncommitted changes to app files in the working tree (not measured in a HEAD snapshot)."""
    status = subprocess.run(
        ["git", "status", "--porcelain", "--", "dashboard.py", "app_pages", "components", "tracker", "data"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return [line for line in status.splitlines() if line.strip()]


def run_worker(label: str, data_dir: Path, args: argparse.Namespace, scratch: Path, tree: Path) -> dict[str, Any]:
    """Measure one data directory in a fresh interpreter."""
    out = scratch / f"{label}.json"
    command = [
        sys.executable,
        "-m",
        "benchmarks.apptest_bench",
        "--label",
        label,
        "--data",
        str(data_dir),
        "--out",
        str(out),
        "--repeats",
        str(args.repeats),
        "--budget",
        str(args.budget),
        "--pages",
        *args.pages,
    ]
    started = time.perf_counter()
    env = {**os.environ, "STREAMLIT_LOGGER_LEVEL": "error"}
    completed = subprocess.run(command, cwd=tree, env=env, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"measuring {label} failed (exit {completed.returncode})")
    result = json.loads(out.read_text(encoding="utf-8"))
    result["elapsed_s"] = time.perf_counter() - started
    return result


def add_ratios(result: dict[str, Any]) -> None:
    """Page / empty ratios (wall and CPU) for warm reruns and filter changes."""
    empty = result["empty"]
    entries = [*result["pages"].values(), *([result["shell"]] if "shell" in result else [])]
    for entry in entries:
        for key in ("warm", "filter_change"):
            entry[key]["ratio_to_empty"] = entry[key]["wall_ms"] / empty["wall_ms"]
            entry[key]["cpu_ratio_to_empty"] = entry[key]["cpu_ms"] / empty["cpu_ms"]


def slope(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(y) against log(x)."""
    points = [(x, y) for x, y in points if x > 0 and y > 0]
    if len(points) < 2:
        return None
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else None


def growth(server: dict[str, Any], pages: list[str]) -> dict[str, Any]:
    """Per page: exponent of warm rerun time vs cities from 10× to 1000× (wall and CPU)."""
    synthetic = {r["scale"]: r for r in server.values() if r.get("scale") is not None and 10 <= r["scale"] <= 1000}
    out: dict[str, Any] = {}
    for page in pages:
        rows = [synthetic[s] for s in sorted(synthetic) if page in synthetic[s]["pages"]]
        walls = [(r["sizes"]["cities"], r["pages"][page]["warm"]["wall_ms"]) for r in rows]
        cpus = [(r["sizes"]["cities"], r["pages"][page]["warm"]["cpu_ms"]) for r in rows]
        local = None
        if 100 in synthetic and 1000 in synthetic and page in synthetic[1000]["pages"]:
            local = slope(
                [(synthetic[s]["sizes"]["cities"], synthetic[s]["pages"][page]["warm"]["cpu_ms"]) for s in (100, 1000)]
            )
        out[page] = {
            "scales": [r["scale"] for r in rows],
            "exponent_wall": slope(walls),
            "exponent_cpu": slope(cpus),
            "exponent_cpu_100_to_1000": local,
        }
    return out


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "MISS")


def targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of the issue with its measured value and PASS / MISS."""
    server = report["server"]
    out: list[dict[str, Any]] = []
    real = server.get("real")
    if real:
        ratios = {p: e["filter_change"]["ratio_to_empty"] for p, e in real["pages"].items()}
        cpu = {p: e["filter_change"]["cpu_ratio_to_empty"] for p, e in real["pages"].items()}
        worst = max(ratios, key=ratios.get)
        shell = real.get("shell")
        floor = f"; app shell alone {shell['filter_change']['ratio_to_empty']:.1f}×" if shell else ""
        out.append(
            {
                "target": f"filter change rerun ≤ {FILTER_MAX_RATIO:g}× empty (real data, every page)",
                "value": f"worst {worst} {ratios[worst]:.1f}× wall ({cpu[worst]:.1f}× CPU){floor}",
                "per_page": ratios,
                "result": _verdict(max(ratios.values()) <= FILTER_MAX_RATIO),
            }
        )
    browser = report.get("browser")
    if browser and "real" in browser.get("datasets", {}):
        ratio = browser["datasets"]["real"]["map_drawn"]["ratio_to_empty"]
        out.append(
            {
                "target": f"map drawn ≤ {MAP_MAX_RATIO:g}× empty page drawn (real data, browser)",
                "value": f"{browser['datasets']['real']['map_drawn']['ms']:.0f} ms / {browser['empty_ms']:.0f} ms"
                f" = {ratio:.2f}×",
                "result": _verdict(ratio <= MAP_MAX_RATIO),
            }
        )
    else:
        out.append({"target": f"map drawn ≤ {MAP_MAX_RATIO:g}× empty (browser)", "value": "not run", "result": "n/a"})
    x100 = next((r for r in server.values() if r.get("scale") == 100), None)
    if x100:
        ratios = {p: e["warm"]["ratio_to_empty"] for p, e in x100["pages"].items()}
        cpu = {p: e["warm"]["cpu_ratio_to_empty"] for p, e in x100["pages"].items()}
        worst = max(ratios, key=ratios.get)
        out.append(
            {
                "target": f"every page ≤ {SCALE100_MAX_RATIO:g}× empty at 100×",
                "value": f"worst {worst} {ratios[worst]:.0f}× wall ({cpu[worst]:.0f}× CPU)",
                "per_page": ratios,
                "result": _verdict(max(ratios.values()) <= SCALE100_MAX_RATIO),
            }
        )
    if real and "map" in real["pages"]:
        size = real["pages"]["map"]["deck_json_bytes"]
        bundled = report["machine"].get("boundaries_bundled")
        note = "" if bundled else " (measured tree has no data/boundaries: base layers empty)"
        out.append(
            {
                "target": f"deck JSON ≤ {DECK_MAX_BYTES / KB:.0f} KB per rerun (real data)",
                "value": f"{size / KB:.1f} KB{note}",
                "result": _verdict(size <= DECK_MAX_BYTES),
            }
        )
    if report.get("interactions"):
        from benchmarks.interactions import targets as interaction_targets

        out += interaction_targets(report["interactions"])
    x1000 = next((r for r in server.values() if r.get("scale") == 1000), None)
    if x1000 and "map" in x1000["pages"]:
        size = x1000["pages"]["map"]["deck_json_bytes"]
        out.append(
            {
                "target": f"deck JSON ≤ {DECK_MAX_BYTES_X1000 / MB:.0f} MB per rerun (1000×)",
                "value": f"{size / MB:.2f} MB",
                "result": _verdict(size <= DECK_MAX_BYTES_X1000),
            }
        )
    for page, fit in report.get("growth", {}).items():
        exponent = fit["exponent_wall"]
        if exponent is None:
            continue
        local = fit["exponent_cpu_100_to_1000"]
        out.append(
            {
                "target": f"{page}: grows ≤ linearly with cities (log-log slope ≤ {GROWTH_MAX_EXPONENT:g},"
                " fit 10×–1000× and 100×→1000×)",
                "value": f"{exponent:.2f} wall, {fit['exponent_cpu']:.2f} CPU"
                + (f"; 100×→1000× CPU {local:.2f}" if local is not None else ""),
                "result": _verdict(exponent <= GROWTH_MAX_EXPONENT and (local is None or local <= GROWTH_MAX_EXPONENT)),
            }
        )
    return out


def _fmt(value: float | None, spec: str = ".0f") -> str:
    return "—" if value is None else format(value, spec)


def table(report: dict[str, Any]) -> str:
    """The readable table: one block per scale, one row per page."""
    lines = []
    m = report["machine"]
    lines.append(
        f"{m['cpu_model']} · {m['cores']} cores · Python {m['python']} · streamlit {m['versions']['streamlit']}"
        f" · {m['date']} · load avg start {m['load_average_start'][0]:.1f} end "
        f"{report.get('load_average_end', [0])[0]:.1f}"
    )
    head = (
        f"{'scale':>6} {'cities':>7}  {'page':<13}{'warm ms':>9}{'×empty':>8}{'cpu ms':>9}{'cpu×':>7}"
        f"{'filter ms':>10}{'×empty':>8}{'deck KB':>9}{'plotly KB':>10}{'sent KB':>9}{'py peak MB':>11}"
        f"{'RSS MB':>8}"
    )
    lines.append(head)
    lines.append("-" * len(head))
    for label, r in report["server"].items():
        cities = r["sizes"]["cities"]
        empty = r["empty"]
        load = r["load"]
        lines.append(
            f"{label:>6} {cities:>7}  {'(empty page)':<13}{empty['wall_ms']:>9.1f}{1:>8.1f}{empty['cpu_ms']:>9.1f}"
            f"{1:>7.1f}"
        )
        lines.append(
            f"{'':>6} {'':>7}  {'(load cold)':<13}{load['cold']['wall_ms']:>9.0f}{'':>8}{load['cold']['cpu_ms']:>9.0f}"
        )
        hit = load["cache_hit"]
        lines.append(
            f"{'':>6} {'':>7}  {'(cache hit)':<13}{hit['wall_ms']:>9.1f}{hit['wall_ms'] / empty['wall_ms']:>8.1f}"
            f"{hit['cpu_ms']:>9.1f}{hit['cpu_ms'] / empty['cpu_ms']:>7.1f}"
        )
        shell = r.get("shell")
        if shell:
            warm, change = shell["warm"], shell["filter_change"]
            lines.append(
                f"{'':>6} {'':>7}  {'(app shell)':<13}{warm['wall_ms']:>9.1f}{warm['ratio_to_empty']:>8.1f}"
                f"{warm['cpu_ms']:>9.1f}{warm['cpu_ratio_to_empty']:>7.1f}{change['wall_ms']:>10.1f}"
                f"{change['ratio_to_empty']:>8.1f}"
            )
        for page, e in r["pages"].items():
            warm, change = e["warm"], e["filter_change"]
            flag = " !" if e["errors"] or e["filter_errors"] else ""
            lines.append(
                f"{'':>6} {'':>7}  {page + flag:<13}{warm['wall_ms']:>9.0f}{warm['ratio_to_empty']:>8.1f}"
                f"{warm['cpu_ms']:>9.0f}{warm['cpu_ratio_to_empty']:>7.1f}{change['wall_ms']:>10.0f}"
                f"{change['ratio_to_empty']:>8.1f}{e['deck_json_bytes'] / KB:>9.1f}"
                f"{e['plotly_json_bytes'] / KB:>10.1f}{e['element_proto_bytes'] / KB:>9.1f}"
                f"{_fmt(e['tracemalloc_peak_mb'], '.1f'):>11}{e['max_rss_mb']:>8.0f}"
            )
    growth_rows = report.get("growth") or {}
    if growth_rows:
        lines.append("")
        lines.append("growth exponent of warm rerun time vs cities (log-log fit, 10×–1000×; 1.0 = linear)")
        for page, fit in growth_rows.items():
            lines.append(
                f"  {page:<13} wall {_fmt(fit['exponent_wall'], '.2f')}   cpu {_fmt(fit['exponent_cpu'], '.2f')}"
                f"   cpu 100×→1000× {_fmt(fit['exponent_cpu_100_to_1000'], '.2f')}"
            )
    browser = report.get("browser")
    if browser:
        lines.append("")
        lines.append(
            f"browser (median of {browser['navigations']} fresh navigations; ms from navigation start until"
            f" drawn and the main thread free again; empty page drawn: {browser['empty_ms']:.0f} ms)"
        )
        for label, d in browser["datasets"].items():
            held = d["map_drawn"].get("held_ms")
            lines.append(
                f"  {label:<6} map drawn {d['map_drawn']['ms']:>6.0f} ms ({d['map_drawn']['ratio_to_empty']:.2f}×;"
                f" canvas on screen {_fmt(held)} ms)"
                f"   map page idle {d['map_idle']['ms']:>6.0f} ms ({d['map_idle']['ratio_to_empty']:.2f}×)"
                f"   timeline chart drawn {d['timeline_chart_drawn']['ms']:>6.0f} ms"
                f" ({d['timeline_chart_drawn']['ratio_to_empty']:.2f}×)"
            )
        for name, what in (("deck_floor", "empty pydeck chart drawn"), ("plotly_floor", "tiny plotly chart drawn")):
            if name in browser:
                lines.append(
                    f"  floor  {what} (library floor, page with nothing else): {browser[name]['ms']:.0f} ms"
                    f" ({browser[name]['ratio_to_empty']:.2f}×)"
                )
        if browser.get("blocked_requests"):
            lines.append(f"  blocked non-local requests: {browser['blocked_requests']}")
    if report.get("interactions"):
        from benchmarks.interactions import table as interactions_table

        lines.append("")
        lines.append(interactions_table(report["interactions"]))
    lines.append("")
    lines.append("targets")
    for t in report["targets"]:
        lines.append(f"  [{t['result']:<4}] {t['target']}: {t['value']}")
    errors = [
        f"{label}/{page}: {msg}"
        for label, r in report["server"].items()
        for page, e in r["pages"].items()
        for msg in e["errors"] + e["filter_errors"]
    ]
    if errors:
        lines.append("")
        lines.append("page errors (!):")
        lines += [f"  {e}" for e in errors]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Generate the data, measure, print the table and write the JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--browser", action="store_true", help="also time the real server in Chromium")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--no-real", action="store_true", help="skip the real data/ directory")
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=PAGES)
    parser.add_argument("--repeats", type=int, default=7, help="warm reruns per measurement (median)")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per series before stopping (min 3 runs)")
    parser.add_argument("--navigations", type=int, default=5, help="browser navigations per measurement")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data-root", type=Path, default=None, help="where to write the generated data")
    parser.add_argument(
        "--tree",
        choices=("head", "working"),
        default="head",
        help="measure a snapshot of the committed HEAD (default) or the working tree as it is",
    )
    args = parser.parse_args(argv)

    report: dict[str, Any] = {"machine": machine_info(), "settings": {**vars(args), "out": str(args.out)}}
    report["settings"]["data_root"] = str(args.data_root) if args.data_root else None
    with tempfile.TemporaryDirectory(prefix="c40-bench-") as scratch_name:
        scratch = Path(scratch_name)
        root = args.data_root or scratch / "data"
        tree = snapshot(scratch / "tree") if args.tree == "head" else PROJECT_DIR
        report["machine"]["tree"] = args.tree
        report["machine"]["uncommitted_app_changes"] = app_changes()
        report["machine"]["boundaries_bundled"] = (tree / "data" / "boundaries" / "provinces.geojson").is_file()
        report["machine"]["generator_placement"] = (
            f"provinces.geojson sha256 {hashlib.sha256(PROVINCES_GEOJSON.read_bytes()).hexdigest()[:16]}"
            if PROVINCES_GEOJSON.is_file()
            else "lon/lat box"
        )
        real_data = tree / "data"
        datasets: dict[str, tuple[Path, int | None]] = {}
        if not args.no_real:
            datasets["real"] = (real_data, None)
        wanted = sorted(set(args.scales) | ({BROWSER_SCALE} if args.browser else set()))
        for scale in wanted:
            directory = root / f"x{scale}"
            _log(f"generating {scale}× ({counts_for(scale).cities} cities) in {directory}")
            generate(scale, directory, seed=args.seed)
            if scale in args.scales:
                datasets[f"x{scale}"] = (directory, scale)
        server: dict[str, Any] = {}
        for label, (directory, scale) in datasets.items():
            _log(f"server side: {label}")
            result = run_worker(label, directory, args, scratch, tree)
            result["scale"] = scale
            add_ratios(result)
            server[label] = result
        report["server"] = server
        report["growth"] = growth(server, args.pages)
        if args.browser:
            _log("browser")
            out = scratch / "browser.json"
            command = [sys.executable, "-m", "benchmarks.browser_bench", "--navigations", str(args.navigations)]
            command += ["--dataset", f"real={real_data}", "--dataset", f"x{BROWSER_SCALE}={root / f'x{BROWSER_SCALE}'}"]
            completed = subprocess.run([*command, "--out", str(out)], cwd=tree, check=False)
            if completed.returncode != 0:
                raise SystemExit(f"browser timings failed (exit {completed.returncode})")
            report["browser"] = json.loads(out.read_text(encoding="utf-8"))
            _log("browser: map interactions")
            out = scratch / "interactions.json"
            command = [sys.executable, "-m", "benchmarks.interactions", "--tree", str(tree), "--out", str(out)]
            completed = subprocess.run(command, cwd=PROJECT_DIR, check=False)
            if completed.returncode != 0:
                raise SystemExit(f"interaction timings failed (exit {completed.returncode})")
            report["interactions"] = json.loads(out.read_text(encoding="utf-8"))
    report["load_average_end"] = list(os.getloadavg())
    report["targets"] = targets(report)
    text = table(report)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    args.out.with_suffix(".txt").write_text(text + "\n", encoding="utf-8")
    _log(f"wrote {args.out} and {args.out.with_suffix('.txt')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
