"""The timeline page (``/timeline``): programme bars with milestones, and the per-city view."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from harness.server import Server
from tracker.i18n import Translator

from .support import (
    DATAFRAME,
    PLOTLY,
    PLOTLY_SVG,
    WARNING_BOX,
    assert_healthy,
    clipped_chart_text,
    open_app,
    save_screenshot,
    wait_for_plotly,
    wait_until_drawn,
)

pytestmark = pytest.mark.browser

EN = Translator("en")
TAB_PANEL = '[role="tabpanel"]'


def test_timeline_draws(
    page: Page,
    server: Server,
    outside_requests: list[str],
    console_errors: list[str],
    artifacts: Path,
) -> None:
    open_app(page, server.url, "/timeline")

    assert_healthy(page)
    expect(page.get_by_role("heading", name=EN("timeline.title"), exact=True)).to_be_visible()
    chart = wait_for_plotly(page)
    expect(chart.locator(".main-svg").first).to_be_visible()
    # Programme rows are drawn as y-axis labels, one per programme, plus the network row.
    for label in ("Beijing office", "CBP", "CAP China", EN("timeline.network_row")):
        expect(chart.locator(".ytick text").filter(has_text=label)).to_have_count(1)
    milestones = page.locator(DATAFRAME).first
    wait_until_drawn(milestones)
    save_screenshot(page, artifacts, "timeline")

    assert outside_requests == []
    assert console_errors == []


def test_city_tab_draws(page: Page, server: Server, outside_requests: list[str], artifacts: Path) -> None:
    open_app(page, server.url, "/timeline")
    page.get_by_role("tab", name=EN("timeline.tab_cities")).click()

    panel = page.locator(TAB_PANEL).filter(has=page.locator(PLOTLY)).last
    expect(panel.locator(PLOTLY_SVG).first).to_be_visible()
    wait_until_drawn(panel.locator(PLOTLY).first, min_colours=4)
    expect(panel.locator(".ytick text").filter(has_text="Shenzhen")).to_have_count(1)
    assert_healthy(page)
    save_screenshot(page, artifacts, "timeline_cities")
    assert outside_requests == []


def test_axis_labels_are_not_cut_off(page: Page, server: Server) -> None:
    open_app(page, server.url, "/timeline")
    programmes = wait_for_plotly(page)
    assert clipped_chart_text(programmes) == [], "programme timeline"
    page.get_by_role("tab", name=EN("timeline.tab_cities")).click()
    panel = page.locator(TAB_PANEL).filter(has=page.locator(PLOTLY)).last
    expect(panel.locator(PLOTLY_SVG).first).to_be_visible()
    assert clipped_chart_text(panel.locator(PLOTLY).first) == [], "city timeline"


def test_empty_filter_result_says_so(page: Page, server: Server, outside_requests: list[str], artifacts: Path) -> None:
    # CBP started in 2018, and none of its milestones is from 2014-2015.
    open_app(page, server.url, "/timeline?programme=cbp&years=2014-2015")

    assert_healthy(page)
    first_tab = page.locator(TAB_PANEL).first
    expect(first_tab.locator(WARNING_BOX).filter(has_text=EN("timeline.empty"))).to_be_visible()
    expect(first_tab.locator(PLOTLY)).to_have_count(0)
    expect(first_tab.locator(DATAFRAME)).to_have_count(0)
    save_screenshot(page, artifacts, "timeline_empty")
    assert outside_requests == []
