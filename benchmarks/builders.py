"""Time each figure and table builder outside Streamlit: where a page's rerun goes.

    .venv/bin/python -m benchmarks.builders [--scale 100] [--only timeline] [--repeats 50]

Loads a data set once (the real data, or ``--scale`` × generated), applies a
filter (one programme; ``--no-filter`` for none) and prints the median time of
each builder the pages call, in milliseconds. The builders get plain inputs
here, so the numbers are what the code costs, without Streamlit around it; the
page totals come from :mod:`benchmarks.run`.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from benchmarks.generate import generate


def median_ms(action: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``action`` in ms (after one warm-up call)."""
    action()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def every_table(view: object) -> list[object]:
    """Every table of a view (they are computed on first use)."""
    names = ("programmes", "focus_areas", "cities", "participation", "city_focus", "map_cities", "milestones")
    return [getattr(view, name) for name in names]


def builders(data_dir: Path, filtered: bool) -> dict[str, Callable[[], object]]:
    """Name → a call of one builder on ``data_dir`` (view filtered to one programme if asked)."""
    from components import city_panel, colors, coverage, focus, legend, map_deck, milestones, timeline
    from components.downloads import view_table
    from tracker import load_dataset
    from tracker.filters import Filters, apply_filters
    from tracker.geo import load_boundaries
    from tracker.i18n import Translator

    model = load_dataset(data_dir).model
    if model is None:
        raise SystemExit(f"{data_dir} is not valid data")
    filters = Filters(programmes=(str(model.programmes.index[1 % len(model.programmes)]),)) if filtered else Filters()
    view = apply_filters(model, filters)
    t = Translator("en")
    today = date.today()
    boundaries = load_boundaries()
    palette = colors.programme_colors(model.programmes["programme_id"])
    points = map_deck.city_points(view, "en", t, palette)
    city = str(model.cities.index[0])
    return {
        "filters.every_view_table": lambda: every_table(apply_filters(model, filters)),
        "map.city_points": lambda: map_deck.city_points(view, "en", t, palette),
        "map.scope_areas": lambda: map_deck.scope_areas(view, boundaries, palette),
        "map.build_deck+json": lambda: map_deck.build_deck(
            points, boundaries, t, scopes={}, selected=city, outline=map_deck.city_adcode(view, boundaries, city)
        ).to_json(),
        "map.legend_svg": lambda: legend.map_legend_svg(view, "en", t),
        "map.city_details": lambda: city_panel.city_details(model, city, "en"),
        "timeline.programme_timeline": lambda: timeline.programme_timeline(view, "en", t, today),
        "timeline.milestone_table": lambda: milestones.milestone_table(view, "en", t),
        "timeline.city_timeline": lambda: timeline.city_timeline(view, "en", t, today),
        "timeline.drawable_city_count": lambda: timeline.drawable_city_count(view),
        "coverage.key_figures": lambda: coverage.key_figures(view, "en"),
        "coverage.coverage_matrix": lambda: coverage.coverage_matrix(view, "en", t),
        "coverage.cities_without_programme": lambda: coverage.cities_without_programme(view),
        "coverage.focus_matrix": lambda: coverage.focus_matrix(view, "en"),
        "focus.focus_treemap": lambda: focus.focus_treemap(view, "en", t),
        "focus.focus_outline": lambda: focus.focus_outline(view, "en"),
        "data.view_table(cities)": lambda: view_table(view, "cities"),
        "data.sources_frame": lambda: city_panel.sources_frame(model),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the median time of every builder (or those whose name contains ``--only``)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.builders")
    parser.add_argument("--scale", type=int, default=None, help="generated data at this multiple (default: real)")
    parser.add_argument("--only", default="", help="only builders whose name contains this")
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--no-filter", action="store_true", help="no filter (default: one programme chosen)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.scale is None:
            from tracker import default_data_dir

            data_dir = default_data_dir()
        else:
            data_dir = Path(tmp) / f"x{args.scale}"
            generate(args.scale, data_dir)
        label = "real" if args.scale is None else f"x{args.scale}"
        print(f"{label}, {'no filter' if args.no_filter else 'one programme chosen'}: median ms of {args.repeats}")
        total = 0.0
        for name, action in builders(data_dir, not args.no_filter).items():
            if args.only in name:
                ms = median_ms(action, args.repeats)
                total += ms
                print(f"  {name:36s} {ms:8.2f}")
        print(f"  {'(sum)':36s} {total:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
