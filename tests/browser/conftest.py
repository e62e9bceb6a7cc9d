"""Browser-test fixtures: one real dashboard server and Debian's headless Chromium.

Without Chromium these tests skip with the reason, except under ``CI=true``,
where a missing browser is an error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page

from harness.browser import chromium_path, guard_network, launched_browser
from harness.server import Server, running_server

from .support import is_expected_console_error

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def _require_chromium() -> None:
    if chromium_path() is not None:
        return
    reason = "Debian's chromium is not installed (apt-get install chromium fonts-noto-cjk)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    _require_chromium()
    with launched_browser() as instance:
        yield instance


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """The dashboard on the bundled data, on a free local port."""
    _require_chromium()
    with running_server() as instance:
        yield instance


@pytest.fixture
def outside_requests() -> list[str]:
    """URLs the page tried to fetch from outside this machine (blocked)."""
    return []


@pytest.fixture
def page(browser: Browser, outside_requests: list[str]) -> Iterator[Page]:
    """A fresh page (own context) whose non-local requests are blocked and recorded."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    tab = context.new_page()
    guard_network(tab, outside_requests)
    yield tab
    context.close()


@pytest.fixture
def artifacts() -> Path:
    """Where browser tests save screenshots for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """Messages of JavaScript dialogs (alert, confirm, prompt) the page opened; each is dismissed."""
    opened: list[str] = []

    def record(dialog: Dialog) -> None:
        opened.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    return opened


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Console errors and uncaught page errors, except Streamlit's own base-path probes."""
    found: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and not is_expected_console_error(message.text, message.location.get("url", "")):
            found.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: found.append(f"page error: {error}"))
    return found
