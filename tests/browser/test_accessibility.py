"""axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every page, language and presenter step.

Each page is checked as loaded, with every expander opened, every popover opened and on each tab. What an empty
Streamlit page shows in the same run is Streamlit's own and is not counted (see
:mod:`harness.a11y`; the README lists what Streamlit itself causes). Pages are found from the
files in ``app_pages/``, so a page added later is checked too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from harness.a11y import Finding, app_findings, axe_findings, open_all_expanders
from harness.browser import guard_network, wait_for_app
from harness.server import PROJECT_DIR, Server, running_server
from tracker.i18n import LANGUAGES, Translator

from .support import MAIN, NAV_LINK, assert_healthy, open_app

pytestmark = pytest.mark.browser

EMPTY_PAGE = PROJECT_DIR / "benchmarks" / "empty_page.py"
PAGE_FILES = sorted(p.stem for p in (PROJECT_DIR / "app_pages").glob("*.py") if p.stem != "present")
DEFAULT_PAGE = "map"
MAX_PRESENTER_STEPS = 40  # map, timeline, coverage, focus areas, a city (the city filter), and any added since
SETTLE_MS = 1500  # charts draw after the script run has finished


@pytest.fixture(scope="session")
def streamlit_own(browser: Browser) -> Iterator[list[Finding]]:
    """What axe finds on an empty Streamlit page in this run: Streamlit's own, not the app's."""
    with running_server(script=EMPTY_PAGE, timeout=60) as empty:
        context = browser.new_context(viewport={"width": 1440, "height": 1000})
        page = context.new_page()
        guard_network(page, [])
        open_app(page, empty.url)
        page.wait_for_timeout(SETTLE_MS)
        found = axe_findings(page)
        context.close()
    yield found


def _path(stem: str) -> str:
    return "/" if stem == DEFAULT_PAGE else f"/{stem}"


def _check_every_state(page: Page, streamlit_own: list[Finding]) -> list[str]:
    """axe as loaded, with expanders open, and on each tab (its expanders open too)."""
    problems: list[str] = []

    def check(state: str) -> None:
        wait_for_app(page)
        page.wait_for_timeout(SETTLE_MS)
        problems.extend(f"[{state}] {finding}" for finding in app_findings(axe_findings(page), streamlit_own))

    check("as loaded")
    if open_all_expanders(page):
        check("expanders open")
    popovers = page.locator(MAIN).locator('[data-testid="stPopover"] button')
    for index in range(popovers.count()):
        popovers.nth(index).focus()
        page.keyboard.press("Enter")
        check(f"popover {index + 1} open")
        page.keyboard.press("Escape")
    tabs = page.locator(MAIN).get_by_role("tab")
    for index in range(1, tabs.count()):
        tab = tabs.nth(index)
        label = tab.inner_text()
        tab.focus()
        tab.press("Enter")
        wait_for_app(page)
        open_all_expanders(page)
        check(f"tab {label}")
    return problems


def test_every_page_file_is_in_the_navigation(page: Page, server: Server) -> None:
    """The pages checked below are the app's pages: none is missed, none is made up."""
    open_app(page, server.url)
    hrefs = [link.get_attribute("href") or "" for link in page.locator(NAV_LINK).all()]
    stems = sorted(urlsplit(href).path.strip("/") or DEFAULT_PAGE for href in hrefs)
    assert stems == PAGE_FILES


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("stem", PAGE_FILES)
def test_no_axe_violations_on_a_page(
    page: Page, server: Server, streamlit_own: list[Finding], stem: str, lang: str
) -> None:
    open_app(page, server.url, f"{_path(stem)}?lang={lang}")
    assert_healthy(page)
    problems = _check_every_state(page, streamlit_own)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_no_axe_violations_with_a_city_selected(
    page: Page, server: Server, streamlit_own: list[Finding], lang: str
) -> None:
    open_app(page, server.url, f"/?city=shanghai&lang={lang}")
    assert_healthy(page)
    problems = _check_every_state(page, streamlit_own)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_no_axe_violations_in_any_presenter_step(
    page: Page, server: Server, streamlit_own: list[Finding], lang: str
) -> None:
    """Every step, from the first to the last (Next disabled), moved through with the → key."""
    t = Translator(lang)
    open_app(page, server.url, f"/?present=1&step=1&in_city=shanghai&lang={lang}")
    assert_healthy(page)
    problems: list[str] = []
    next_button = page.get_by_role("button", name=re.compile(re.escape(t("present.next"))))
    for step in range(1, MAX_PRESENTER_STEPS + 1):
        expect(page).to_have_url(re.compile(rf"step={step}(&|$)"))
        problems += [f"step {step}: {problem}" for problem in _check_every_state(page, streamlit_own)]
        if next_button.is_disabled():
            break
        page.keyboard.press("Escape")  # leave any open control, then step on
        page.locator(MAIN).focus()
        page.keyboard.press("ArrowRight")
        wait_for_app(page)
    assert step >= 5, f"only {step} presenter steps"
    assert not problems, "\n".join(problems)


def test_the_check_finds_what_it_should(page: Page, server: Server, streamlit_own: list[Finding]) -> None:
    """The harness is not blind: an image without alt, injected into the page, is reported as the app's."""
    open_app(page, server.url, "/coverage")
    page.evaluate(
        """() => {
            const img = document.createElement('img');
            img.src = 'data:image/svg+xml;utf8,<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"/>';
            document.querySelector('[data-testid="stMain"]').appendChild(img);
        }"""
    )
    rules = {finding.rule for finding in app_findings(axe_findings(page), streamlit_own)}
    assert "image-alt" in rules
