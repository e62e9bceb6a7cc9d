"""Browser: replacement CSVs uploaded on the Data page are checked on the server, kept per session."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from harness.browser import guard_network, wait_for_app
from harness.server import Server
from tests.browser.support import assert_healthy, open_app

DATA = Path(__file__).resolve().parents[2] / "data"


def _upload(page: Page, name: str, payload: bytes) -> None:
    page.get_by_text("Use your own CSV files (this session only)").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": payload}]
    )
    wait_for_app(page)


def test_a_zip_named_csv_is_refused(page: Page, server: Server) -> None:
    open_app(page, server.url, "/data_sources")
    _upload(page, "cities.csv", b"PK\x03\x04" + b"\x00" * 200)
    expect(page.get_by_text("These files were not used")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("it looks like a ZIP archive or an Excel .xlsx workbook")).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.get_by_text("Your session uses uploaded files")).to_have_count(0)


def test_a_valid_upload_is_used_by_this_session_only(page: Page, server: Server, browser: Browser) -> None:
    renamed = (DATA / "cities.csv").read_text(encoding="utf-8").replace("Wuhan,武汉,Wuhan", "Wuhan Upload,武汉,Wuhan")
    open_app(page, server.url, "/data_sources")
    _upload(page, "../../etc/cities.csv", renamed.encode("gb18030"))
    expect(page.get_by_text("Your session uses uploaded files: cities.csv")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("Wuhan Upload").first).to_be_attached()

    other_context = browser.new_context(viewport={"width": 1440, "height": 1000})
    other = other_context.new_page()
    outside: list[str] = []
    guard_network(other, outside)
    open_app(other, server.url, "/data_sources")
    assert "Wuhan Upload" not in other.inner_text("body")
    other_context.close()
    assert outside == []

    page.get_by_role("button", name="Back to the server's data").click()
    wait_for_app(page)
    expect(page.get_by_text("Your session uses uploaded files")).to_have_count(0)
    assert_healthy(page)
