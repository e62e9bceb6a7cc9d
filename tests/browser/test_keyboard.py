"""Keyboard only: an analyst's whole task without the mouse, focus always visible, never trapped in the map.

Every step below moves focus with Tab / Shift+Tab and acts with Enter, Space, arrows or typing;
no element is clicked. ``tab_to`` fails when a control cannot be reached within a bounded
number of key presses.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Page, expect

from harness.browser import wait_for_app
from harness.server import Server
from tracker.i18n import Translator

from .support import DECK, MAIN, assert_healthy, open_app, wait_for_map

pytestmark = pytest.mark.browser

EN = Translator("en")
DATA = Path(__file__).resolve().parents[2] / "data"
MAX_PRESSES = 80

_DESCRIBE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    const own = ['BUTTON', 'A', 'SUMMARY', 'INPUT'].includes(el.tagName) || el.getAttribute('role') === 'tab';
    const label = el.getAttribute('aria-label') || el.getAttribute('title') || (own ? el.innerText : '') || '';
    const id = el.closest('[data-testid]')?.getAttribute('data-testid') || '';
    const shown = el.tagName === 'A' && new URL(el.href, location.href).pathname === location.pathname;
    const text = label.trim().replace(/\\s+/g, ' ') + (shown ? '|current' : '');
    return `${el.tagName.toLowerCase()}|${el.getAttribute('role') || ''}|${id}|${text}`;
}"""


def focused(page: Page) -> str:
    """``tag|role|data-testid|accessible text`` of the focused element ('' for none)."""
    return page.evaluate(_DESCRIBE)


def tab_to(page: Page, pattern: str, backwards: bool = False) -> str:
    """Press Tab (or Shift+Tab) until the focused element's description matches ``pattern``."""
    wanted = re.compile(pattern)
    seen = []
    for _ in range(MAX_PRESSES):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = focused(page)
        if wanted.search(now):
            return now
        seen.append(now)
    raise AssertionError(f"{pattern!r} not reached by keyboard; focus went through: {seen}")


def test_an_analyst_task_with_the_keyboard_only(page: Page, server: Server, tmp_path: Path) -> None:
    # Playwright turns on file-chooser interception without waiting for it when the first listener
    # is added: added only by expect_file_chooser, the Enter below can reach the page first and the
    # dialog is dismissed unseen (1 in 3 runs here). A listener from the start closes that race.
    page.on("filechooser", lambda _chooser: None)
    open_app(page, server.url)
    wait_for_map(page)

    # Filter: programme CBP (type into the multiselect, Enter picks, Escape closes).
    tab_to(page, r"^input\|combobox\|.*\|?" + EN("filters.programme"))
    page.keyboard.type("CBP")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"programme=cbp"))

    # Choose a city from the table under the map: Tab into it, arrows to the first row, Shift+Space.
    tab_to(page, r"^canvas\|[^|]*\|data-grid-canvas\|")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Shift+Space")
    wait_for_app(page)
    expect(page.locator(MAIN).get_by_role("heading", name=re.compile(r"^Beijing · 北京$"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"city=beijing"))

    # Or from the city list (a combobox), by typing its name.
    tab_to(page, "combobox.*" + re.escape(EN("map.select_city")) + "|stSelectbox")
    page.keyboard.type("Shanghai")
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.locator(MAIN).get_by_role("heading", name=re.compile(r"^Shanghai · 上海$"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"city=shanghai"))

    # Another page: back up to the sidebar's navigation and open Data & sources.
    tab_to(page, r"^a\|.*stSidebarNavLink\|.*" + re.escape(EN("page.data")), backwards=True)
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.get_by_role("heading", name=EN("data.title"), exact=True)).to_be_visible()
    assert_healthy(page)

    # Download a table.
    tab_to(page, re.escape(EN("data.download_one", name="cities.csv")))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "c40-china-cities.csv"

    # Upload a replacement file: open the expander, then the file chooser, from the keyboard.
    tab_to(page, re.escape(EN("upload.title")), backwards=True)
    page.keyboard.press("Enter")
    expect(page.locator('[data-testid="stFileUploader"]')).to_be_visible()
    # The uploader ignores keys until the expander has finished opening.
    page.wait_for_function("() => !document.getAnimations().some(a => a.playState === 'running')")
    page.wait_for_timeout(500)
    tab_to(page, r"^button\|[^|]*\|[^|]*\|(upload )?Upload$")
    renamed = (DATA / "cities.csv").read_text(encoding="utf-8").replace("Wuhan,武汉,Wuhan", "Wuhan Keys,武汉,Wuhan")
    upload = tmp_path / "cities.csv"
    upload.write_text(renamed, encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    chooser.value.set_files(str(upload))
    wait_for_app(page)
    expect(page.get_by_text(EN("upload.active", files="cities.csv"))).to_be_visible(timeout=30_000)
    tab_to(page, re.escape(EN("upload.reset")))
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text(EN("upload.active", files="cities.csv"))).to_have_count(0)

    # Presenter mode: start, step with the arrow keys, leave.
    tab_to(page, r"button\|.*" + re.escape(EN("present.start")), backwards=True)
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"present=1"))
    expect(page).to_have_url(re.compile(r"step=1"))
    page.keyboard.press("ArrowRight")
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"step=2"))
    expect(page.get_by_role("heading", name=EN("timeline.title"), exact=True)).to_be_visible()
    page.keyboard.press("ArrowLeft")
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"step=1"))
    tab_to(page, r"button\|.*" + re.escape(EN("present.exit")))
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page).not_to_have_url(re.compile(r"present=1"))
    assert_healthy(page)


def test_focus_is_never_trapped_in_the_map(page: Page, server: Server) -> None:
    open_app(page, server.url, "/?city=shanghai")
    wait_for_map(page)
    inside = f"() => !!document.activeElement?.closest('{DECK}')"
    for _ in range(MAX_PRESSES):
        page.keyboard.press("Tab")
        if page.evaluate(inside):
            break
    else:
        raise AssertionError("Tab never reached the map")
    for key in ("Tab", "Shift+Tab"):
        for _ in range(6):
            page.keyboard.press(key)
            if not page.evaluate(inside):
                break
        else:
            raise AssertionError(f"{key} stays in the map")
        if key == "Tab":  # back into the map before leaving it the other way
            page.keyboard.press("Shift+Tab")
            while not page.evaluate(inside):
                page.keyboard.press("Shift+Tab")


def _changed_pixels(before: bytes, after: bytes) -> int:
    first = Image.open(io.BytesIO(before)).convert("RGB")
    second = Image.open(io.BytesIO(after)).convert("RGB")
    difference = ImageChops.difference(first, second).convert("L").point(lambda v: 255 if v > 8 else 0)
    return sum(1 for value in difference.get_flattened_data() if value)


# Stops whose focus Streamlit itself does not show, also on a page holding nothing but one empty
# chart (benchmarks/deck_floor_page.py, plotly_floor_page.py; see the README): the scrolling main
# area, the element toolbar's buttons, the deck.gl chart's box and the data grid's canvas; and the
# navigation link of the page shown, whose highlight does not change with focus.
STREAMLIT_UNSHOWN = (
    "|stMain|",
    "|stBaseButton-elementToolbar|",
    "|stDeckGlJsonChart|",
    "|data-grid-canvas|",
    "|current",
)


@pytest.mark.parametrize("path", ["/?city=shanghai", "/data_sources", "/?present=1&step=3"])
def test_focus_is_visible_at_every_stop(page: Page, server: Server, path: str) -> None:
    """At each Tab stop, the focused control looks different from when focus is on the previous one."""
    open_app(page, server.url, path)
    page.wait_for_timeout(1500)
    seen: list[str] = []
    unseen: list[str] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        stop = focused(page)
        if seen and stop == seen[0]:
            break  # round the page once
        if not stop or stop in seen:
            continue  # after a blur, Tab may land on the same control (a radio group) once more
        seen.append(stop)
        if any(part in stop for part in STREAMLIT_UNSHOWN):
            continue
        box = page.evaluate(
            "() => { const r = document.activeElement.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }"
        )
        size = page.viewport_size or {"width": 1440, "height": 1000}
        x, y = max(0.0, box[0] - 6), max(0.0, box[1] - 6)
        clip = {
            "x": x,
            "y": y,
            "width": min(size["width"], box[0] + box[2] + 6) - x,
            "height": min(size["height"], box[1] + box[3] + 6) - y,
        }
        if clip["width"] <= 0 or clip["height"] <= 0:
            unseen.append(f"{stop} (off screen)")
            continue
        with_focus = page.screenshot(clip=clip)
        page.evaluate("() => { window.__stop = document.activeElement; window.__stop.blur(); }")
        without = page.screenshot(clip=clip)
        # Focus goes back to the stop, so the next Tab goes on from it even if the page re-rendered
        # meanwhile (a blurred element is only a weak starting point for the next Tab).
        page.evaluate("() => window.__stop.focus({ preventScroll: true })")
        if _changed_pixels(with_focus, without) < 20:
            unseen.append(stop)
    assert len(seen) >= 5, f"the Tab key went round only {seen}"
    assert not unseen, f"focus not visible at: {unseen}"
