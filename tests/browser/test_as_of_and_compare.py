"""The Map's as-of play control (with and without reduced motion) and the Compare page, in Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from harness.browser import guard_network
from harness.server import Server
from tracker.i18n import Translator

from .support import MAIN, assert_healthy, open_app, save_screenshot, wait_for_map

pytestmark = pytest.mark.browser

EN = Translator("en")
DE = Translator("de")


@pytest.fixture
def calm_page(browser: Browser, outside_requests: list[str]) -> Iterator[Page]:
    """A page whose browser asks for reduced motion (``prefers-reduced-motion: reduce``)."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, reduced_motion="reduce")
    tab = context.new_page()
    guard_network(tab, outside_requests)
    yield tab
    context.close()


def _as_of(page: Page) -> str | None:
    found = re.search(r"[?&]as_of=([0-9-]+)", page.url)
    return found.group(1) if found else None


def test_play_steps_year_by_year(page: Page, server: Server, outside_requests: list[str], artifacts: Path) -> None:
    open_app(page, server.url, "/?as_of=2016-12")
    assert_healthy(page)
    wait_for_map(page)
    main = page.locator(MAIN)
    expect(main).to_contain_text(EN("asof.counts", date="2016-12", member=9, not_yet=1, not_known=3))
    save_screenshot(page, artifacts, "map_as_of_2016-12")
    main.get_by_role("slider").press("End")  # "today": the map shows programmes again
    expect(page).not_to_have_url(re.compile(r"as_of="))
    main.get_by_role("button", name=EN("asof.play")).click()
    expect(page).to_have_url(re.compile(r"as_of=2013\b"), timeout=20_000)  # from "today", play starts at the first year
    seen = {_as_of(page)}
    for _ in range(120):  # a step is 1.5 s plus a rerun, which takes longer on a loaded machine
        page.wait_for_timeout(500)
        seen.add(_as_of(page))
        if "2015" in seen:
            break
    assert {"2013", "2014", "2015"} <= seen, seen  # one year per step, none skipped
    main.get_by_role("button", name=EN("asof.pause")).click()
    expect(main.get_by_role("button", name=EN("asof.play"))).to_be_visible(timeout=45_000)
    page.wait_for_timeout(2_000)  # a step already under way when the click arrived may still land
    paused = _as_of(page)
    page.wait_for_timeout(4_000)
    assert _as_of(page) == paused  # paused: no further steps
    expect(main.get_by_role("button", name=EN("asof.play"))).to_be_visible()
    wait_for_map(page)
    save_screenshot(page, artifacts, f"map_as_of_paused_{paused}")
    assert outside_requests == []


def test_reduced_motion_never_plays_on_its_own(
    calm_page: Page, server: Server, outside_requests: list[str], artifacts: Path
) -> None:
    page = calm_page
    open_app(page, server.url, "/?as_of=2015&lang=de")
    assert_healthy(page)
    wait_for_map(page)
    main = page.locator(MAIN)
    expect(main).to_contain_text(DE("asof.reduced_motion"))
    expect(main.get_by_role("button", name=DE("asof.play"))).to_be_disabled()
    page.wait_for_timeout(3_500)
    assert _as_of(page) == "2015"
    main.get_by_role("button", name=DE("asof.next")).click()
    expect(page).to_have_url(re.compile(r"as_of=2016\b"))
    expect(main).to_contain_text(DE("asof.counts", date="2016", member=9, not_yet=1, not_known=3))
    save_screenshot(page, artifacts, "map_as_of_reduced_motion_de")
    assert outside_requests == []


def test_compare_two_cities(page: Page, server: Server, outside_requests: list[str], artifacts: Path) -> None:
    open_app(page, server.url, "/compare?compare=beijing,shanghai")
    assert_healthy(page)
    main = page.locator(MAIN)
    expect(page.get_by_role("heading", name=EN("compare.title"), exact=True)).to_be_visible()
    table = main.locator('[data-testid="stTable"]').first
    expect(table).to_contain_text("2025-11-04")  # every fact in full, wrapped (no clipped cells)
    expect(table).to_contain_text("Changning District only")
    expect(main.get_by_role("button", name=EN("compare.download"))).to_be_visible()
    expect(main).to_contain_text(EN("compare.summary", differ=6, total=12))  # names, region, CBP, awards, events
    save_screenshot(page, artifacts, "compare_beijing_shanghai")
    with page.expect_download() as download:
        main.get_by_role("button", name=EN("compare.download")).click()
    saved = download.value.path()
    text = Path(saved).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Row,Cities differ?,Beijing · 北京,Shanghai · 上海")
    assert "2025-11-04" in text
    assert outside_requests == []


def test_compare_with_from_the_city_panel(page: Page, server: Server, outside_requests: list[str]) -> None:
    open_app(page, server.url, "/?city=wuhan&lang=de")
    assert_healthy(page)
    wait_for_map(page)
    main = page.locator(MAIN)
    main.get_by_role("button", name=DE("city.compare")).click()
    expect(page).to_have_url(re.compile(r"/compare\?lang=de&city=wuhan&compare=wuhan$"))
    expect(page.get_by_role("heading", name=DE("compare.title"), exact=True)).to_be_visible()
    expect(main).to_contain_text(DE("compare.too_few", low=2, high=4))
    assert outside_requests == []
