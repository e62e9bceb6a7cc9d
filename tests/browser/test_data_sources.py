"""The data page (``/data_sources``): every source with its link, how to cite, tables and downloads."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from harness.server import Server
from tracker.dataset import PROJECT_DIR
from tracker.i18n import Translator

from .support import (
    DATAFRAME,
    MAIN,
    assert_healthy,
    open_app,
    save_screenshot,
    wait_until_drawn,
)

pytestmark = pytest.mark.browser

EN = Translator("en")
TABLES = ("cities", "programmes", "participation", "focus_areas", "milestones", "sources")


def _sources() -> list[dict[str, str]]:
    with (PROJECT_DIR / "data" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_data_sources_draws(
    page: Page,
    server: Server,
    outside_requests: list[str],
    console_errors: list[str],
    artifacts: Path,
) -> None:
    open_app(page, server.url, "/data_sources")

    assert_healthy(page)
    main = page.locator(MAIN)
    expect(page.get_by_role("heading", name=EN("data.title"), exact=True)).to_be_visible()
    for source in _sources():
        link = main.get_by_role("link", name=source["title"], exact=False).first
        expect(link).to_have_attribute("href", source["url"])
    hrefs = main.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert all(h.startswith(("http://", "https://", "#", "/")) for h in hrefs), hrefs
    expect(main.locator('[data-testid="stCode"]')).to_contain_text("C40 China Programme Tracker")
    expect(main.get_by_role("tab")).to_have_count(len(TABLES))
    # Only the open tab is built: the zip of all tables and the open table's CSV.
    expect(main.locator('[data-testid="stDownloadButton"]')).to_have_count(2)
    table = main.locator(DATAFRAME).first
    wait_until_drawn(table)
    save_screenshot(page, artifacts, "data_sources")
    main.get_by_role("tab", name=EN("table.milestones")).click()
    expect(main.get_by_role("button", name=EN("data.download_one", name="milestones.csv"))).to_be_visible()
    expect(main.locator(DATAFRAME)).to_have_count(1)

    assert outside_requests == []
    assert console_errors == []


def test_table_download_is_local_csv(page: Page, server: Server, outside_requests: list[str]) -> None:
    open_app(page, server.url, "/data_sources")
    button = page.locator(MAIN).get_by_role("button", name=EN("data.download_one", name="cities.csv"))
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.url.startswith(server.url)
    assert download.suggested_filename == "c40-china-cities.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("city_id,")
    assert outside_requests == []
