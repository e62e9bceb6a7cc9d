"""The coverage page (``/coverage``): key figures, the city × programme matrix and the gaps."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from harness.server import Server
from tracker.i18n import Translator

from .support import (
    MAIN,
    PLOTLY,
    WARNING_BOX,
    assert_healthy,
    clipped_chart_text,
    open_app,
    save_screenshot,
    wait_for_plotly,
)

pytestmark = pytest.mark.browser

EN = Translator("en")
METRIC = '[data-testid="stMetric"]'


def test_coverage_draws(
    page: Page,
    server: Server,
    outside_requests: list[str],
    console_errors: list[str],
    artifacts: Path,
) -> None:
    open_app(page, server.url, "/coverage")

    assert_healthy(page)
    expect(page.get_by_role("heading", name=EN("coverage.title"), exact=True)).to_be_visible()
    expect(page.locator(METRIC)).to_have_count(3)  # one key figure per programme
    matrix = wait_for_plotly(page)
    for city in ("Beijing", "Shanghai", "Hangzhou"):
        expect(matrix.locator(".ytick text").filter(has_text=city)).to_have_count(1)
    expect(matrix.get_by_text("Changning", exact=False).first).to_be_attached()
    expect(page.get_by_role("heading", name=EN("coverage.gaps"), exact=True)).to_be_visible()
    expect(page.locator(PLOTLY).filter(has=page.locator(".main-svg"))).to_have_count(2)
    save_screenshot(page, artifacts, "coverage")

    assert outside_requests == []
    assert console_errors == []


def test_axis_labels_are_not_cut_off(page: Page, server: Server) -> None:
    open_app(page, server.url, "/coverage")
    wait_for_plotly(page)
    charts = page.locator(PLOTLY).filter(has=page.locator(".main-svg"))
    expect(charts).to_have_count(2)
    for name, chart in zip(("city × programme", "city × focus area"), charts.all(), strict=True):
        chart.scroll_into_view_if_needed()
        assert clipped_chart_text(chart) == [], name


def test_empty_filter_result_says_so(page: Page, server: Server, outside_requests: list[str], artifacts: Path) -> None:
    open_app(page, server.url, "/coverage?programme=cbp&years=2014-2015")

    assert_healthy(page)
    expect(page.locator(WARNING_BOX).filter(has_text=EN("coverage.empty"))).to_be_visible()
    expect(page.locator(MAIN).locator(PLOTLY)).to_have_count(0)
    expect(page.locator(METRIC)).to_have_count(0)
    save_screenshot(page, artifacts, "coverage_empty")
    assert outside_requests == []
