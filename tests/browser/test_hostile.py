"""Text from the data is shown as text everywhere: HTML, scripts, Markdown, format placeholders, bad links.

A second server runs on ``tests/fixtures/hostile``, a valid copy of the data whose names, titles and
summaries hold ``<img src=x onerror=alert(1)>``, ``<script>``, ``[click](javascript:...)``, ``**bold**``,
``{placeholders}``/``{0}``/``%s``, and whose sources link to ``javascript:`` URLs.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from harness.server import Server, running_server
from tracker.dataset import PROJECT_DIR

from .support import (
    DATAFRAME,
    MAIN,
    assert_healthy,
    hover_map_centre,
    open_app,
    page_text,
    save_screenshot,
    wait_for_legend,
    wait_for_map,
    wait_for_plotly,
    wait_until_drawn,
)

pytestmark = pytest.mark.browser

HOSTILE_DIR = PROJECT_DIR / "tests" / "fixtures" / "hostile"
HOSTILE_CITY = "shanghai"
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
PLACEHOLDERS = "{placeholders} {0} %s"
MARKDOWN = "[click](javascript:alert(1)) **bold**"

# Every page, the city panel, Chinese names and every presenter step, as
# (path, artifact name, what the page draws: map with legend, deck alone, chart or table).
PAGES = [
    ("/", "hostile_map", "map"),
    (f"/?city={HOSTILE_CITY}", "hostile_map_city", "map"),
    (f"/?city={HOSTILE_CITY}&lang=zh", "hostile_map_city_zh", "map"),
    ("/timeline", "hostile_timeline", "chart"),
    ("/coverage", "hostile_coverage", "chart"),
    ("/focus_areas", "hostile_focus_areas", "chart"),
    ("/data_sources", "hostile_data_sources", "table"),
    (f"/?present=1&step=1&city={HOSTILE_CITY}", "hostile_present_1", "map"),
    (f"/?present=1&step=2&city={HOSTILE_CITY}", "hostile_present_2", "chart"),
    (f"/?present=1&step=3&city={HOSTILE_CITY}", "hostile_present_3", "chart"),
    (f"/?present=1&step=4&city={HOSTILE_CITY}", "hostile_present_4", "chart"),
    (f"/?present=1&step=5&city={HOSTILE_CITY}", "hostile_present_5", "deck"),
]
IDS = [name for _, name, _ in PAGES]

# Elements that data text must never become.
INJECTED = ", ".join(
    [
        'img[src="x"]',
        '[onerror*="alert" i]',
        'a[href*="javascript:" i]',
        '[src*="javascript:" i]',
        'iframe[src*="javascript:" i]',
    ]
)


def _drain(stream: object) -> None:
    """Keep reading the server's stderr so a chatty server never blocks on a full pipe."""
    for _ in iter(stream.readline, b""):  # type: ignore[attr-defined]
        pass


@pytest.fixture(scope="module")
def hostile_server() -> Iterator[Server]:
    """A second dashboard server whose ``TRACKER_DATA_DIR`` is the hostile fixture."""
    with running_server(env={"TRACKER_DATA_DIR": str(HOSTILE_DIR)}, timeout=60) as instance:
        if instance.process.stderr is not None:
            threading.Thread(target=_drain, args=(instance.process.stderr,), daemon=True).start()
        yield instance


def _settle(page: Page, draws: str) -> None:
    """Let the map, charts or tables draw, so their text (and any injected markup) is in the DOM."""
    if draws in ("map", "deck"):
        wait_for_map(page)
    if draws == "map":
        wait_for_legend(page)
    if draws == "chart":
        wait_for_plotly(page)
    if draws == "table":
        wait_until_drawn(page.locator(DATAFRAME).first)
    page.wait_for_timeout(300)


def test_hostile_fixture_is_valid_data() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "tracker", "validate", str(HOSTILE_DIR)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    text = "".join(p.read_text(encoding="utf-8") for p in HOSTILE_DIR.glob("*.csv"))
    for needle in (IMG, SCRIPT, PLACEHOLDERS, MARKDOWN, "javascript:alert(1)"):
        assert needle in text


@pytest.mark.parametrize(("path", "name", "draws"), PAGES, ids=IDS)
def test_data_text_stays_text(
    page: Page,
    hostile_server: Server,
    dialogs: list[str],
    outside_requests: list[str],
    console_errors: list[str],
    artifacts: Path,
    path: str,
    name: str,
    draws: str,
) -> None:
    open_app(page, hostile_server.url, path)
    _settle(page, draws)
    save_screenshot(page, artifacts, name)
    if path == "/":  # no city panel: the city names are in the city chooser's list
        page.locator(MAIN).get_by_role("combobox").first.click()
        expect(page.get_by_role("option").first).to_be_visible()

    assert_healthy(page)
    assert dialogs == [], f"a script from the data ran: {dialogs}"
    injected = page.locator(INJECTED).evaluate_all("els => els.map(e => e.outerHTML.slice(0, 200))")
    assert injected == [], f"data text became markup: {injected}"
    scripts = page.locator("script").evaluate_all("els => els.filter(e => e.text.includes('alert(1)')).length")
    assert scripts == 0, "a <script> from the data is in the DOM"
    assert IMG in page_text(page), f"{IMG!r} is not shown as text on {path}"
    assert outside_requests == []
    assert console_errors == []

    # ``**bold**`` and ``[click](...)`` from the data show literally: no bold text, no link.
    bold = page.locator("strong, b, em").filter(has_text=re.compile(r"^\s*bold\s*$"))
    links = page.get_by_role("link", name=re.compile(r"^\s*click\s*$"))
    rendered = bold.evaluate_all("els => els.map(e => e.parentElement.innerText.slice(0, 120))")
    rendered += links.evaluate_all("els => els.map(e => e.outerHTML.slice(0, 120))")
    assert rendered == [], f"Markdown from the data was rendered on {path}: {rendered}"


def test_placeholders_are_shown_literally(page: Page, hostile_server: Server) -> None:
    open_app(page, hostile_server.url, f"/?city={HOSTILE_CITY}")
    main = page.locator(MAIN)
    expect(main.get_by_text(PLACEHOLDERS, exact=False).first).to_be_visible()
    expect(main.get_by_text(SCRIPT, exact=False).first).to_be_visible()
    expect(main.get_by_text(MARKDOWN, exact=False).first).to_be_visible()


def test_javascript_source_links_are_plain_text(page: Page, hostile_server: Server) -> None:
    open_app(page, hostile_server.url, "/data_sources")
    main = page.locator(MAIN)
    for title in ("Launch [click](javascript:alert(1)) **bold**", "Paris <img src=x onerror=alert(1)>"):
        expect(main.get_by_text(title, exact=False).first).to_be_visible()
    hrefs = main.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs, "no links at all on the data page"
    assert all(re.match(r"^(https?://|#|/)", h) for h in hrefs), hrefs


def test_map_tooltip_shows_hostile_name_as_text(page: Page, hostile_server: Server, dialogs: list[str]) -> None:
    open_app(page, hostile_server.url, f"/?city={HOSTILE_CITY}&zoom=1")
    wait_for_map(page)
    tooltip = hover_map_centre(page)
    expect(tooltip).to_contain_text(IMG)
    expect(tooltip.locator("img, script, a")).to_have_count(0)
    assert dialogs == []
