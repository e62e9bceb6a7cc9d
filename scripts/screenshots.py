"""Screenshot every page of the running dashboard and the briefing's map (for the README and for review).

Usage: ``.venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--lang en] [--query "present=1"]``
Needs Debian's chromium and, for Chinese, ``fonts-noto-cjk``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Page

from briefing import briefing_html
from harness.browser import guard_network, launched_browser, wait_for_app
from harness.server import running_server
from tracker import load_dataset
from tracker.dataset import default_data_dir
from tracker.filters import Filters, apply_filters

PAGES: dict[str, str] = {
    "map": "",
    "timeline": "timeline",
    "coverage": "coverage",
    "focus_areas": "focus_areas",
    "data_sources": "data_sources",
    "compare": "compare",
}
#: Not a page of the app: the map of the briefing pack (all cities), opened from a file.
BRIEFING_MAP = "briefing_map"


def save_briefing_map(page: Page, target: Path, lang: str) -> None:
    """Write the briefing pack of the bundled data in ``lang``, open it and save its map as a PNG."""
    result = load_dataset(default_data_dir())
    if result.model is None:
        raise SystemExit("the bundled data is invalid; run python -m tracker validate")
    document = briefing_html(apply_filters(result.model, Filters()), lang, date.today())
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"briefing-{lang}.html"
        path.write_text(document, encoding="utf-8")
        page.goto(path.as_uri(), wait_until="load")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        page.locator("svg.map").screenshot(path=str(target))


def main() -> int:
    """Start a server, open each page in Chromium and save a PNG per page."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--lang", default="en")
    parser.add_argument("--query", default="", help="extra query string, e.g. 'city=shanghai'")
    parser.add_argument("--pages", nargs="*", default=[*PAGES, BRIEFING_MAP])
    parser.add_argument("--settle", type=int, default=6000, help="ms to let WebGL and charts finish drawing")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    with running_server() as server, launched_browser() as browser:
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, device_scale_factor=1)
        guard_network(page, outside)
        for name in args.pages:
            suffix = "" if args.lang == "en" else f"-{args.lang}"
            if name == BRIEFING_MAP:
                save_briefing_map(page, args.out / f"{name}{suffix}.png", args.lang)
                print(f"saved {args.out / f'{name}{suffix}.png'}")
                continue
            query = "&".join(q for q in (f"lang={args.lang}" if args.lang != "en" else "", args.query) if q)
            page.goto(f"{server.url}/{PAGES[name]}{'?' + query if query else ''}")
            wait_for_app(page)
            for selector in ('[data-testid="stDeckGlJsonChart"] canvas', '[data-testid="stPlotlyChart"] .main-svg'):
                if page.locator(selector).count():
                    page.locator(selector).first.wait_for(state="visible", timeout=30_000)
            page.wait_for_timeout(args.settle)
            target = args.out / f"{name}{suffix}.png"
            page.screenshot(path=str(target), full_page=True)
            print(f"saved {target}")
    if outside:
        print("requests that tried to leave the machine (blocked):", *sorted(set(outside)), sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
