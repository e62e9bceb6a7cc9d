"""Reflow at 320 CSS px, 200 % zoom, and reduced motion.

At 320 px wide (400 % zoom of a 1280 px window) nothing may scroll sideways outside the map, the
tables and the charts' own boxes (WCAG 1.4.10). 200 % zoom is a 640 px wide window at device
scale 2. Screenshots of both go to ``tests/artifacts/`` to be looked at. Under
``prefers-reduced-motion: reduce`` nothing animates and presenter mode never moves on by itself
(opening an expander is left out: Streamlit animates it whatever the setting, see the README).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from harness.a11y import open_all_expanders, running_animations, sideways_scrolling
from harness.browser import guard_network, wait_for_app
from harness.server import PROJECT_DIR, Server
from tracker.i18n import Translator

from .support import assert_healthy, open_app, save_screenshot

pytestmark = pytest.mark.browser

EN = Translator("en")
PAGES = {p.stem: ("/" if p.stem == "map" else f"/{p.stem}") for p in (PROJECT_DIR / "app_pages").glob("*.py")}
PAGES.pop("present")


def _narrow_page(browser: Browser, width: int, height: int, scale: float = 1, **options: object) -> Page:
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale, **options)
    page = context.new_page()
    guard_network(page, [])
    return page


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("stem", sorted(PAGES))
def test_nothing_scrolls_sideways_at_320_px(
    browser: Browser, server: Server, artifacts: Path, stem: str, lang: str
) -> None:
    page = _narrow_page(browser, 320, 640)
    try:
        open_app(page, server.url, f"{PAGES[stem]}?lang={lang}")
        assert_healthy(page)
        page.wait_for_timeout(1500)
        open_all_expanders(page)
        wait_for_app(page)
        wide = sideways_scrolling(page)
        assert wide == [], "\n".join(wide)
        save_screenshot(page, artifacts, f"a11y-320-{stem}-{lang}", max_height=6000)
    finally:
        page.context.close()


@pytest.mark.parametrize("step", ["1", "3", "5"])
def test_presenter_steps_reflow_at_320_px(browser: Browser, server: Server, artifacts: Path, step: str) -> None:
    page = _narrow_page(browser, 320, 640)
    try:
        open_app(page, server.url, f"/?present=1&step={step}&in_city=shanghai")
        page.wait_for_timeout(1500)
        wide = sideways_scrolling(page)
        assert wide == [], "\n".join(wide)
        save_screenshot(page, artifacts, f"a11y-320-present-{step}", max_height=6000)
    finally:
        page.context.close()


@pytest.mark.parametrize("stem", sorted(PAGES))
def test_pages_at_200_percent_zoom(browser: Browser, server: Server, artifacts: Path, stem: str) -> None:
    page = _narrow_page(browser, 640, 500, scale=2)
    try:
        open_app(page, server.url, PAGES[stem])
        assert_healthy(page)
        page.wait_for_timeout(1500)
        wide = sideways_scrolling(page)
        assert wide == [], "\n".join(wide)
        save_screenshot(page, artifacts, f"a11y-zoom200-{stem}", max_height=5000)
    finally:
        page.context.close()


def test_reduced_motion_no_animation_and_no_auto_advance(browser: Browser, server: Server) -> None:
    page = _narrow_page(browser, 1440, 1000, reduced_motion="reduce")
    try:
        open_app(page, server.url, "/?present=1&step=2")
        page.wait_for_timeout(1500)
        assert page.evaluate("() => matchMedia('(prefers-reduced-motion: reduce)').matches")
        assert running_animations(page) == []
        page.wait_for_timeout(8000)
        assert "step=2" in page.url
        expect(page.get_by_role("heading", name=EN("timeline.title"), exact=True)).to_be_visible()
        assert running_animations(page) == []

        page.keyboard.press("ArrowRight")  # moving on is the presenter's choice: a key press
        wait_for_app(page)
        expect(page).to_have_url(re.compile(r"step=3"))
        assert running_animations(page) == []
    finally:
        page.context.close()


@pytest.mark.parametrize("stem", sorted(PAGES))
def test_reduced_motion_pages_stay_still(browser: Browser, server: Server, stem: str) -> None:
    """Each page, left alone for a while under reduced motion: nothing animates, the URL stays."""
    page = _narrow_page(browser, 1440, 1000, reduced_motion="reduce")
    try:
        open_app(page, server.url, PAGES[stem])
        page.wait_for_timeout(1500)
        url = page.url
        assert running_animations(page) == []
        page.wait_for_timeout(4000)
        assert running_animations(page) == []
        assert page.url == url
    finally:
        page.context.close()
