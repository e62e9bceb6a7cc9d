"""The map page (``/``): the offline deck.gl map, the city panel, tooltips, language and URL filters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from components import colors
from harness.browser import wait_for_app
from harness.server import Server
from tracker.i18n import Translator, catalog

from .support import (
    CJK,
    DECK,
    DECK_CANVAS,
    INFO_BOX,
    MAIN,
    NAV_LINK,
    SIDEBAR,
    WARNING_BOX,
    assert_healthy,
    colour_share,
    hover_map_centre,
    open_app,
    save_screenshot,
    wait_for_legend,
    wait_for_map,
)

pytestmark = pytest.mark.browser

EN = Translator("en")


def test_map_draws_offline(
    page: Page,
    server: Server,
    outside_requests: list[str],
    console_errors: list[str],
    artifacts: Path,
) -> None:
    open_app(page, server.url)

    assert_healthy(page)
    expect(page.get_by_role("heading", name=EN("map.title"), exact=True)).to_be_visible()
    png = wait_for_map(page)
    box = page.locator(DECK_CANVAS).first.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 300, box
    assert len(png) > 1000
    expect(page.locator(DECK)).to_have_attribute("aria-label", re.compile(r"13"))
    wait_for_legend(page)
    expect(page.get_by_text(EN("map.hint"))).to_be_visible()
    save_screenshot(page, artifacts, "map")

    assert outside_requests == []
    assert console_errors == []


def test_base_map_shows_land_and_sea(page: Page, server: Server, artifacts: Path) -> None:
    """The offline base map is drawn: China's land and the sea each cover part of the map."""
    open_app(page, server.url)
    png = wait_for_map(page)
    (artifacts / "map_canvas.png").write_bytes(png)

    land = colour_share(png, colors.LAND_CHINA[:3])
    sea = colour_share(png, colors.SEA[:3])
    assert sea > 0.05, f"no sea on the map ({sea:.1%})"
    assert land > 0.10, (
        f"China's land covers {land:.1%} of the map: the boundary layers are missing "
        "(data/boundaries/*.geojson, see tracker/geo.py)"
    )
    expect(page.get_by_text(re.compile(r"^Base map: \S"))).to_be_visible()


@pytest.mark.parametrize("lang", ["en", "zh", "de"])
def test_legend_fits_under_the_map(page: Page, server: Server, lang: str) -> None:
    """The legend image lies inside the map's column and is not shrunk to unreadable text."""
    open_app(page, server.url, f"/?lang={lang}")
    legend = wait_for_legend(page)
    natural, shown, inside = legend.evaluate(
        """img => {
            const box = img.getBoundingClientRect();
            const column = img.closest('[data-testid="stColumn"]').getBoundingClientRect();
            return [img.naturalWidth, box.width, box.left >= column.left - 1 && box.right <= column.right + 1];
        }"""
    )
    assert inside, "the legend sticks out of the map's column"
    assert shown >= 0.8 * natural, f"legend shrunk to {shown / natural:.0%} of its size: its text is too small"


def test_city_in_url_opens_its_panel(page: Page, server: Server, outside_requests: list[str], artifacts: Path) -> None:
    open_app(page, server.url, "/?city=shanghai")

    assert_healthy(page)
    main = page.locator(MAIN)
    expect(main.get_by_role("heading", name=re.compile(r"^Shanghai · 上海$"))).to_be_visible()
    expect(main.get_by_text("Changning", exact=False).first).to_be_visible()
    expect(page.get_by_text(EN("map.hint"))).to_have_count(0)
    wait_for_map(page)
    save_screenshot(page, artifacts, "map_city")

    assert "city=shanghai" in page.url
    assert outside_requests == []


def test_hovering_a_city_shows_its_tooltip(page: Page, server: Server, outside_requests: list[str]) -> None:
    # Zoomed to the selected city (zoom=1), the map is centred on it: its marker sits mid-canvas.
    open_app(page, server.url, "/?city=shanghai&zoom=1")
    wait_for_map(page)
    text = hover_map_centre(page).inner_text()
    assert "Shanghai" in text
    assert f"{EN('map.programmes_label')}:" in text
    assert "Changning" in text
    assert outside_requests == []


def test_chinese_titles(page: Page, server: Server, outside_requests: list[str], artifacts: Path) -> None:
    zh = catalog("zh")
    keys = ("page.map", "page.timeline", "page.coverage", "page.focus", "page.compare", "page.data")
    wanted = [zh.get(key, "") for key in keys]
    assert all(CJK.search(title) for title in wanted), f"tracker/locales/zh.json lacks Chinese page titles: {wanted}"

    open_app(page, server.url, "/?lang=zh")

    assert_healthy(page)
    links = page.locator(NAV_LINK)
    expect(links).to_have_count(len(wanted))
    for link, title in zip(links.all(), wanted, strict=True):
        expect(link).to_contain_text(title)
        expect(link).not_to_contain_text("[EN]")
    heading = page.get_by_role("heading", level=1).first
    expect(heading).to_have_text(zh["map.title"])
    wait_for_map(page)
    save_screenshot(page, artifacts, "map_zh")
    assert "lang=zh" in page.url
    assert outside_requests == []


def test_filter_in_url_survives_navigation(page: Page, server: Server, outside_requests: list[str]) -> None:
    open_app(page, server.url, "/?programme=cbp")
    assert_healthy(page)
    expect(page.locator(INFO_BOX).first).to_be_visible()  # the "filters are on" summary

    page.locator(NAV_LINK).filter(has_text=EN("page.timeline")).click()
    expect(page).to_have_url(re.compile(r"/timeline\?(.*&)?programme=cbp(&|$)"), timeout=30_000)
    expect(page.get_by_role("heading", name=EN("timeline.title"), exact=True)).to_be_visible(timeout=30_000)
    wait_for_app(page)
    assert_healthy(page)
    expect(page.locator(INFO_BOX).first).to_be_visible()
    expect(page.locator(SIDEBAR).get_by_text("CBP", exact=True)).to_be_visible()  # the filter's chip
    assert "programme=cbp" in page.url
    assert outside_requests == []


def test_empty_filter_result_says_so(page: Page, server: Server, outside_requests: list[str], artifacts: Path) -> None:
    # CBP started in 2018: no city takes part in it in 2014-2015.
    open_app(page, server.url, "/?programme=cbp&years=2014-2015")

    assert_healthy(page)
    expect(page.locator(WARNING_BOX).filter(has_text=EN("map.empty"))).to_be_visible()
    expect(page.locator(DECK)).to_have_attribute("aria-label", re.compile(r"\b0\b"))
    save_screenshot(page, artifacts, "map_empty")
    assert outside_requests == []
