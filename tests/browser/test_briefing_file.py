"""The briefing pack opened from disk in Chromium with every network request blocked."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Dialog, Page, Request

from briefing import briefing_html
from tracker import load_dataset
from tracker.filters import Filters, View, apply_filters
from tracker.geo import load_boundaries

pytestmark = pytest.mark.browser

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
TODAY = date(2025, 11, 29)
HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_URL = "javascript:alert(1)"
# A4 landscape at 96 CSS px per inch, minus the @page margins (11 mm top/bottom, 12 mm left/right).
PRINT_WIDTH, PRINT_HEIGHT = 1032, 711


@pytest.fixture(scope="module")
def view() -> View:
    result = load_dataset(DATA_DIR)
    assert result.model is not None
    return apply_filters(result.model, Filters())


def _open(page: Page, path: Path) -> list[str]:
    """Open ``path`` from disk and return every URL the page requested."""
    requested: list[str] = []

    def record(request: Request) -> None:
        requested.append(request.url)

    page.on("request", record)
    page.goto(path.as_uri(), wait_until="load")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    return requested


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_briefing_opens_offline_with_map_timeline_and_table(
    page: Page, outside_requests: list[str], artifacts: Path, tmp_path: Path, view: View, lang: str
) -> None:
    path = tmp_path / f"briefing-{lang}.html"
    path.write_text(briefing_html(view, lang, TODAY), encoding="utf-8")
    requested = _open(page, path)

    svg_map = page.locator("svg.map")
    timeline = page.locator("svg.timeline")
    for figure in (svg_map, timeline):
        figure.scroll_into_view_if_needed()
        assert figure.is_visible()
        box = figure.bounding_box()
        assert box is not None and box["width"] > 600 and box["height"] > 150

    assert page.locator("svg.map circle.city-marker").count() == len(view.map_cities)
    assert page.locator("svg.map text.city-label").count() == len(view.map_cities)
    first_city = page.locator("svg.map circle.city-marker").first.bounding_box()
    assert first_city is not None and first_city["width"] > 4
    assert page.locator("svg.timeline rect.programme-bar").count() == len(view.programmes)
    assert page.locator("svg.timeline g.milestone-marker").count() == len(view.milestones)
    bar = page.locator("svg.timeline rect.programme-bar").first.bounding_box()
    assert bar is not None and bar["width"] > 50 and bar["height"] > 5
    assert page.locator("table.coverage tbody tr").count() == len(view.cities)
    assert page.locator("ul.sources a").count() > 0

    if load_boundaries().layers["provinces"]["features"]:
        assert page.locator("svg.map g.layer-provinces path").count() >= 30

    # The South China Sea inset: lower right, framed, with its label, and drawn (not blank).
    inset = page.locator("svg.map g.inset")
    assert inset.count() == 1
    inset_box, map_box = inset.bounding_box(), svg_map.bounding_box()
    assert inset_box is not None and map_box is not None
    assert inset_box["x"] > map_box["x"] + map_box["width"] / 2
    assert inset_box["y"] > map_box["y"] + map_box["height"] / 2
    assert inset_box["width"] > 120 and inset_box["height"] > inset_box["width"]
    assert page.locator("svg.map g.inset-label text").last.is_visible()
    shot = Image.open(io.BytesIO(inset.screenshot(path=str(artifacts / f"briefing-{lang}-inset.png")))).convert("L")
    width, height = shot.size
    inner = shot.crop((6, 6, width - 6, int(height * 0.86)))  # inside the frame, above the label
    dark = sum(inner.histogram()[:140])
    assert dark > 500, dark  # coast, islands and maritime line

    # Nothing on the page is wider than the window (no sideways scrolling on a laptop).
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")

    page.screenshot(path=str(artifacts / f"briefing-{lang}.png"), full_page=True)
    svg_map.screenshot(path=str(artifacts / f"briefing-{lang}-map.png"))
    timeline.screenshot(path=str(artifacts / f"briefing-{lang}-timeline.png"))

    assert outside_requests == []
    assert [url for url in requested if not url.startswith("file://")] == []
    assert requested == [path.as_uri()]


def test_map_and_timeline_fit_one_printed_page(
    page: Page, outside_requests: list[str], artifacts: Path, tmp_path: Path, view: View
) -> None:
    path = tmp_path / "briefing-print.html"
    path.write_text(briefing_html(view, "en", TODAY), encoding="utf-8")
    page.set_viewport_size({"width": PRINT_WIDTH, "height": PRINT_HEIGHT})
    _open(page, path)
    page.emulate_media(media="print")
    heights = page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('section')]"
        ".map(s => [s.id, s.getBoundingClientRect().height]))"
    )
    assert set(heights) >= {"key-figures", "map", "timeline", "coverage", "focus", "milestones", "sources"}
    for section in ("map", "timeline"):
        assert 100 < heights[section] <= PRINT_HEIGHT, (section, heights[section])
    breaks = page.evaluate("() => [...document.querySelectorAll('section')].map(s => getComputedStyle(s).breakBefore)")
    assert breaks[0] != "page" and all(b == "page" for b in breaks[1:])
    page.pdf(path=str(artifacts / "briefing-en.pdf"), prefer_css_page_size=True, print_background=True)
    assert (artifacts / "briefing-en.pdf").stat().st_size > 10_000
    assert outside_requests == []


def _edit(path: Path, key: str, column: str, value: str) -> None:
    """Set one cell of a CSV file, in the row whose first cell is ``key``."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    position = rows[0].index(column)
    for row in rows[1:]:
        if row[0] == key:
            row[position] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_hostile_data_stays_text_in_the_browser(
    page: Page, outside_requests: list[str], artifacts: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    _edit(data / "cities.csv", "beijing", "name_en", HOSTILE_NAME)
    _edit(data / "cities.csv", "shanghai", "name_zh", "</style><script>alert(2)</script>")
    _edit(data / "sources.csv", "S1", "url", HOSTILE_URL)
    result = load_dataset(data)
    assert result.model is not None
    path = tmp_path / "briefing-hostile.html"
    path.write_text(briefing_html(apply_filters(result.model, Filters()), "en", TODAY), encoding="utf-8")
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    requested = _open(page, path)
    assert dialogs == []
    assert page.locator("img, script, iframe").count() == 0
    assert page.locator(f'a[href="{HOSTILE_URL}"]').count() == 0
    assert page.locator("table.coverage th", has_text=HOSTILE_NAME).is_visible()
    assert page.locator("ul.sources li", has_text=HOSTILE_URL).is_visible()
    assert page.locator("svg.map text.city-label", has_text=HOSTILE_NAME).count() == 1
    page.locator("section#sources").screenshot(path=str(artifacts / "briefing-hostile-sources.png"))
    assert outside_requests == []
    assert requested == [path.as_uri()]
