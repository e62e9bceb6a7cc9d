"""Debian's Chromium driven by Playwright, with every non-local request blocked and logged."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Route, sync_playwright

CHROMIUM = Path(os.environ.get("TRACKER_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_SCHEMES = {"data", "blob", "about", "file"}


def chromium_path() -> Path | None:
    """Debian's Chromium if installed (never a Playwright-downloaded browser)."""
    if CHROMIUM.is_file():
        return CHROMIUM
    found = shutil.which("chromium")
    return Path(found) if found else None


def is_local(url: str) -> bool:
    """True for URLs that stay on this machine."""
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or (parts.hostname or "") in LOCAL_HOSTS


@contextmanager
def launched_browser() -> Iterator[Browser]:
    """A headless Chromium, closed afterwards."""
    path = chromium_path()
    if path is None:
        raise FileNotFoundError("Debian's chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(path), args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def guard_network(page: Page, outside: list[str]) -> None:
    """Abort and record every request that would leave the machine."""

    def handle(route: Route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", handle)


def wait_for_app(page: Page, timeout: float = 60_000) -> None:
    """Wait until Streamlit has finished running the page script."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.getAttribute('data-test-script-state') === 'notRunning'
                && !document.querySelector('[data-testid="stStatusWidget"]');
        }""",
        timeout=timeout,
    )
