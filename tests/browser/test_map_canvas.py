"""The map keeps its canvas: no interaction mounts a new WebGL context, and the base map is fetched once.

A new ``<canvas>`` means deck.gl compiles every shader again (seconds in software
WebGL). The test keeps a reference to the map's canvas in the page and, after each
interaction, checks that the canvas in the document is still that same element.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from components import colors
from components.map_deck import (
    AREA_LINES_DIR,
    AREAS_DIR,
    BASE_FILES,
    INSET_FILES,
    INSET_MARGIN,
    INSET_WIDTH,
    area_codes,
)
from harness.browser import wait_for_app
from harness.server import Server
from tracker.geo import load_boundaries
from tracker.i18n import Translator
from tracker.inset import inset_extent, inset_frame

from .support import (
    DECK_CANVAS,
    MAIN,
    SIDEBAR,
    assert_healthy,
    colour_share,
    colour_variety,
    open_app,
    wait_for_map,
)

pytestmark = pytest.mark.browser

EN = Translator("en")
#: Every file the map may load: base map, inset, each bundled district's fill and outline.
SERVED = [url for _, url in (*BASE_FILES, *INSET_FILES)] + [
    url
    for code in area_codes(load_boundaries())
    for url in (f"{AREAS_DIR}{code}.geojson", f"{AREA_LINES_DIR}{code}.json")
]
#: What the first draw fetches: all but the fills of hidden districts (a hidden fill has no data),
#: i.e. the one district scope of the bundled data (CBP in Changning, 310105) is the only fill.
FIRST_DRAW = [url for url in SERVED if not url.startswith(AREAS_DIR) or url == f"{AREAS_DIR}310105.geojson"]


def keep_canvas(page: Page) -> None:
    """Remember the map's canvas element in the page."""
    page.locator(DECK_CANVAS).first.evaluate("canvas => { window.__mapCanvas = canvas; }")


def same_canvas(page: Page) -> bool:
    """True if the document's map canvas is still the remembered element."""
    return page.evaluate(f"() => document.querySelector({DECK_CANVAS!r}) === window.__mapCanvas")


def settled(page: Page) -> None:
    """The rerun is over and the map is there."""
    page.wait_for_timeout(300)
    wait_for_app(page)
    expect(page.locator(DECK_CANVAS).first).to_be_visible()


def choose(page: Page, where: str, index: int, option: str | re.Pattern[str]) -> None:
    """Pick ``option`` in the ``index``-th combobox of ``where`` (selectbox or multiselect)."""
    page.locator(where).get_by_role("combobox").nth(index).click()
    page.get_by_role("option", name=option).first.click()
    page.keyboard.press("Escape")


def test_map_keeps_its_canvas_through_every_interaction(
    page: Page, server: Server, outside_requests: list[str]
) -> None:
    static: list[str] = []
    page.on("request", lambda request: static.append(request.url) if "/app/static/" in request.url else None)
    open_app(page, server.url)
    wait_for_map(page)
    page.wait_for_timeout(1500)  # deck.gl loads the layer files after the first frame
    keep_canvas(page)
    fetched = sorted(url.split("/app/static/", 1)[1] for url in static)
    assert fetched == sorted(FIRST_DRAW), fetched
    interactions = {
        "city chosen in the selectbox": lambda: choose(page, MAIN, 0, re.compile(r"^Wuhan")),
        "click on the map": lambda: page.locator(DECK_CANVAS).first.click(),
        "zoom to the chosen city": lambda: page.locator(MAIN).get_by_text(EN("map.zoom_to_city")).click(),
        "programme filter": lambda: choose(page, SIDEBAR, 0, "CBP"),
        "focus-area filter": lambda: choose(page, SIDEBAR, 1, re.compile(r"^Ultra-low")),
        "city filter": lambda: choose(page, SIDEBAR, 2, re.compile(r"^Beijing")),
        "year filter": lambda: (
            page.locator(SIDEBAR).get_by_role("slider").first.focus(),
            page.keyboard.press("ArrowRight"),
        ),
        "reset filters": lambda: page.locator(SIDEBAR).get_by_role("button", name=EN("filters.reset")).click(),
        "language switch": lambda: page.locator(SIDEBAR).get_by_text("简体中文", exact=True).click(),
    }
    replaced = []
    for name, interact in interactions.items():
        interact()
        settled(page)
        assert_healthy(page)
        if not same_canvas(page):
            replaced.append(name)
            keep_canvas(page)
    assert replaced == [], f"the map's canvas was replaced by: {replaced}"
    assert "lang=zh" in page.url and "years=" not in page.url  # the last two interactions took effect
    later = [url.split("/app/static/", 1)[1] for url in static[len(FIRST_DRAW) :]]
    assert all(url.startswith(AREAS_DIR) for url in later), f"base-map files fetched again: {later}"
    assert outside_requests == []


def test_base_map_files_are_served_with_validators(page: Page, server: Server) -> None:
    """The files carry an ETag, so the browser revalidates instead of downloading them again."""
    for url in SERVED:
        response = page.request.get(f"{server.url}/app/static/{url}")
        assert response.status == 200, url
        etag = response.headers.get("etag")
        assert etag, url
        again = page.request.get(f"{server.url}/app/static/{url}", headers={"If-None-Match": etag})
        assert again.status in (200, 304), url
        body = response.json()
        if url.endswith(".geojson"):
            assert body["type"] == "FeatureCollection", url
        else:  # border segments for a LineLayer
            assert body and {"s", "t"} <= set(body[0]), url


def test_presenter_city_steps_share_one_canvas(page: Page, server: Server, outside_requests: list[str]) -> None:
    open_app(page, server.url, "/?present=1&step=5&in_city=beijing&in_city=shanghai")
    wait_for_map(page)
    keep_canvas(page)
    page.get_by_role("button", name=re.compile(EN("present.next"))).click()
    settled(page)
    expect(page).to_have_url(re.compile(r"step=6"))
    expect(page.get_by_role("heading", level=1, name=re.compile(r"^Shanghai"))).to_be_visible()
    assert same_canvas(page), "stepping from one city to the next mounted a new map"
    assert outside_requests == []


@pytest.mark.parametrize("path", ["/", "/?city=shanghai", "/?present=1&step=1"])
def test_inset_is_drawn_in_the_lower_right(page: Page, server: Server, artifacts: Path, path: str) -> None:
    """The South China Sea inset is drawn (sea, land, the line), whatever the main view shows."""
    open_app(page, server.url, path)
    wait_for_map(page)
    page.wait_for_timeout(1500)
    png = page.locator(DECK_CANVAS).first.screenshot()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    scale = image.width / page.locator(DECK_CANVAS).first.bounding_box()["width"]
    large = "present=1" in path
    frame = inset_frame(INSET_WIDTH * (1.3 if large else 1.0), inset_extent(load_boundaries()))
    right, bottom = image.width - INSET_MARGIN * scale, image.height - INSET_MARGIN * scale
    box = (
        round(right - frame.width * scale) + 4,
        round(bottom - frame.height * scale) + 4,
        round(right) - 4,
        round(bottom) - 4,
    )
    inset = image.crop(box)
    name = re.sub(r"\W+", "_", path).strip("_") or "map"
    inset.save(artifacts / f"inset_{name}.png")
    buffer = io.BytesIO()
    inset.save(buffer, format="PNG")
    sea = colour_share(buffer.getvalue(), colors.SEA[:3], tolerance=6)
    assert sea > 0.4, f"the inset is not drawn: sea covers {sea:.0%} of it"
    colours, commonest = colour_variety(buffer.getvalue())
    assert colours >= 6 and commonest < 0.97, (colours, commonest)  # land, borders and dashes on the sea
