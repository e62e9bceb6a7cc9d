"""The focus-areas page (``/focus_areas``): the treemap and, per programme, its focus areas."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from harness.server import Server
from tracker.i18n import Translator

from .support import (
    MAIN,
    PLOTLY,
    WARNING_BOX,
    assert_healthy,
    open_app,
    save_screenshot,
    wait_for_plotly,
)

pytestmark = pytest.mark.browser

EN = Translator("en")
EXPANDER = '[data-testid="stExpander"]'


def _programme_expanders(page: Page) -> Locator:
    """The expanders of the outline beside the treemap (not the one holding the chart's table)."""
    return page.locator(EXPANDER).filter(has_not=page.get_by_text(EN("a11y.as_table"), exact=True))


def test_focus_areas_draws(
    page: Page,
    server: Server,
    outside_requests: list[str],
    console_errors: list[str],
    artifacts: Path,
) -> None:
    open_app(page, server.url, "/focus_areas")

    assert_healthy(page)
    expect(page.get_by_role("heading", name=EN("focus.title"), exact=True)).to_be_visible()
    treemap = wait_for_plotly(page)
    expect(treemap.locator("g.slice").first).to_be_attached()
    expect(_programme_expanders(page)).to_have_count(3)  # one per programme
    main = page.locator(MAIN)
    expect(main.get_by_text("Ultra-low-energy buildings").first).to_be_visible()
    expect(main.get_by_role("link", name="About C40 China — C40 Cities")).to_have_attribute(
        "href", "https://www.c40.org/china-office/"
    )
    save_screenshot(page, artifacts, "focus_areas")

    assert outside_requests == []
    assert console_errors == []


def test_filter_narrows_focus_areas(page: Page, server: Server, outside_requests: list[str]) -> None:
    open_app(page, server.url, "/focus_areas?programme=cap-china")

    assert_healthy(page)
    wait_for_plotly(page)
    expect(_programme_expanders(page)).to_have_count(1)
    expect(page.locator(MAIN).get_by_text("Mitigation", exact=True).first).to_be_visible()
    expect(page.locator(MAIN).get_by_text("Ultra-low-energy buildings")).to_have_count(0)
    assert outside_requests == []


def test_empty_filter_result_says_so(page: Page, server: Server, outside_requests: list[str], artifacts: Path) -> None:
    open_app(page, server.url, "/focus_areas?programme=cbp&years=2014-2015")

    assert_healthy(page)
    expect(page.locator(WARNING_BOX).filter(has_text=EN("focus.empty"))).to_be_visible()
    expect(page.locator(MAIN).locator(PLOTLY)).to_have_count(0)
    expect(page.locator(EXPANDER)).to_have_count(0)
    save_screenshot(page, artifacts, "focus_areas_empty")
    assert outside_requests == []
