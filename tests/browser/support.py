"""Helpers shared by the browser tests: open a page, check it is healthy, check drawings are drawn.

The selectors are Streamlit's own ``data-testid`` attributes (as in Streamlit's
``e2e_playwright`` tests), so the tests do not depend on generated CSS classes.
"""

from __future__ import annotations

import io
import re
import time
from collections import Counter
from pathlib import Path

from PIL import Image
from playwright.sync_api import Locator, Page, expect

from harness.browser import wait_for_app

APP_TIMEOUT_MS = 90_000
DRAW_TIMEOUT_S = 45.0

EXCEPTION = '[data-testid="stException"]'
ERROR_BOX = '[data-testid="stAlertContentError"]'
WARNING_BOX = '[data-testid="stAlertContentWarning"]'
INFO_BOX = '[data-testid="stAlertContentInfo"]'
DECK = '[data-testid="stDeckGlJsonChart"]'
DECK_CANVAS = f"{DECK} canvas"
PLOTLY = '[data-testid="stPlotlyChart"]'
PLOTLY_SVG = f"{PLOTLY} .main-svg"
IMAGE = '[data-testid="stImage"] img'
NAV_LINK = '[data-testid="stSidebarNavLink"]'
DATAFRAME = '[data-testid="stDataFrame"]'
MAIN = '[data-testid="stMain"]'
SIDEBAR = '[data-testid="stSidebar"]'

# Page loads share two cores with the server (and with colleagues): give assertions room.
expect.set_options(timeout=20_000)

CJK = re.compile(r"[\u4e00-\u9fff]")

# Streamlit's frontend probes for its base path from a deep link (``/timeline/_stcore/health``,
# then ``/_stcore/health``): those 404s are expected and not an error of the app.
_BASE_PATH_PROBE = re.compile(r"/[^/]+/_stcore/(health|host-config)$")


def open_app(page: Page, base_url: str, path: str = "/") -> None:
    """Go to ``path`` on the server and wait until the script run has finished."""
    page.goto(base_url.rstrip("/") + path, wait_until="domcontentloaded", timeout=APP_TIMEOUT_MS)
    wait_for_app(page, timeout=APP_TIMEOUT_MS)


def assert_healthy(page: Page) -> None:
    """No exception box and no error box anywhere on the page."""
    expect(page.locator(EXCEPTION)).to_have_count(0)
    expect(page.locator(ERROR_BOX)).to_have_count(0)


def is_expected_console_error(text: str, url: str) -> bool:
    """True for browser console errors that Streamlit itself causes on every deep link."""
    return "404" in text and bool(_BASE_PATH_PROBE.search(url))


def colour_share(png: bytes, colour: tuple[int, int, int], tolerance: int = 3) -> float:
    """The share of pixels within ``tolerance`` (per channel) of ``colour``."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.thumbnail((400, 400))
    pixels = list(image.get_flattened_data())
    near = sum(1 for p in pixels if all(abs(a - b) <= tolerance for a, b in zip(p, colour, strict=True)))
    return near / len(pixels)


def colour_variety(png: bytes) -> tuple[int, float]:
    """Distinct colours (quantised to 5 bits per channel) and the share of the commonest one."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.thumbnail((400, 400))
    pixels = [(r >> 3, g >> 3, b >> 3) for r, g, b in image.get_flattened_data()]
    counts = Counter(pixels)
    return len(counts), counts.most_common(1)[0][1] / len(pixels)


def wait_until_drawn(target: Locator, min_colours: int = 6, max_share: float = 0.995) -> bytes:
    """Poll element screenshots of ``target`` until it shows a picture, not a blank; return the PNG.

    Blank means a single colour (or nearly so): an empty WebGL canvas, a white box.
    """
    expect(target).to_be_visible(timeout=APP_TIMEOUT_MS)
    deadline = time.monotonic() + DRAW_TIMEOUT_S
    while True:
        box = target.bounding_box()
        assert box is not None, "element has no box"
        assert box["width"] > 0 and box["height"] > 0, f"element has zero size: {box}"
        png = target.screenshot(timeout=APP_TIMEOUT_MS)
        colours, share = colour_variety(png)
        if colours >= min_colours and share <= max_share:
            return png
        if time.monotonic() > deadline:
            raise AssertionError(
                f"element still looks blank after {DRAW_TIMEOUT_S:.0f} s: {colours} colour(s), "
                f"commonest colour covers {share:.0%} of it"
            )
        target.page.wait_for_timeout(500)


def wait_for_map(page: Page) -> bytes:
    """The deck.gl canvas of the map is visible, has a size and is drawn; its PNG."""
    canvas = page.locator(DECK_CANVAS).first
    return wait_until_drawn(canvas, min_colours=8)


def hover_map_centre(page: Page) -> Locator:
    """Hover the middle of the map (where a selected city's marker sits) until deck.gl's tooltip shows.

    Picking needs the pointer to arrive by a move, and software WebGL may miss the first one:
    a few nearby approaches are tried. Returns the tooltip (visible).
    """
    box = page.locator(DECK_CANVAS).first.bounding_box()
    assert box is not None
    centre_x, centre_y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    tooltip = page.locator(".deck-tooltip")
    for dx, dy in [(0, 0), (2, 2), (-2, -2), (3, -3), (-3, 3)]:
        page.mouse.move(centre_x + dx - 40, centre_y + dy - 40)
        page.mouse.move(centre_x + dx, centre_y + dy, steps=4)
        try:
            expect(tooltip).to_be_visible(timeout=3_000)
            break
        except AssertionError:
            continue
    expect(tooltip).to_be_visible()
    return tooltip


def wait_for_legend(page: Page) -> Locator:
    """The map legend (an SVG image under the map) is visible and drawn; the image element."""
    legend = page.locator(MAIN).locator(IMAGE).first
    wait_until_drawn(legend, min_colours=3)
    return legend


def wait_for_plotly(page: Page) -> Locator:
    """The first visible plotly chart has drawn its SVG; the chart's element."""
    chart = page.locator(PLOTLY).filter(has=page.locator(".main-svg")).first
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=APP_TIMEOUT_MS)
    wait_until_drawn(chart, min_colours=4)
    return chart


def save_screenshot(page: Page, artifacts: Path, name: str, max_height: int = 4000) -> Path:
    """A screenshot of the whole page, top to bottom, in the artifacts folder for a person to look at.

    Streamlit scrolls its main area inside the window, so a "full page" screenshot would only show
    the window: the window is made as tall as the content for the shot, then put back.
    """
    path = artifacts / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate(f"() => document.querySelector('{MAIN}')?.scrollHeight ?? 0")
    if size and height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, max_height)})
        page.evaluate(f"() => document.querySelector('{MAIN}').scrollTo(0, 0)")
        page.wait_for_timeout(1000)  # charts and the map redraw at the new size
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        if size:
            page.set_viewport_size(size)
    return path


def page_text(page: Page) -> str:
    """All text a person can read: the DOM's text, text in inline SVG charts, text in SVG images."""
    return page.evaluate(
        """async () => {
            const parts = [document.body.innerText];
            for (const text of document.querySelectorAll('svg text')) parts.push(text.textContent);
            for (const img of document.querySelectorAll('img[src^="data:image/svg+xml"]')) {
                const svg = await (await fetch(img.src)).text();
                const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
                for (const text of doc.querySelectorAll('text')) parts.push(text.textContent);
            }
            return parts.join('\\n');
        }"""
    )


_CLIPPED_JS = """chart => {
    const box = chart.getBoundingClientRect();
    const out = [];
    const selector = '.xtick text, .ytick text, .legendtext, .g-xtitle text, .g-ytitle text, .legendtitletext';
    for (const text of chart.querySelectorAll(selector)) {
        const r = text.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const outside = r.left < box.left - 2 || r.right > box.right + 2
            || r.top < box.top - 2 || r.bottom > box.bottom + 2;
        if (outside) out.push(text.textContent);
    }
    return out;
}"""


def clipped_chart_text(chart: Locator) -> list[str]:
    """Axis labels, titles and legend entries of a plotly chart that stick out of the chart (are cut off)."""
    return chart.evaluate(_CLIPPED_JS)
