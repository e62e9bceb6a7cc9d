"""axe-core (bundled by ``axe-playwright-python``, offline) on a page, and what Streamlit itself causes.

A finding is one rule failing on one element. Its *place* names the element by Streamlit's
``data-testid`` attributes (nearest first) and its tag, not by generated CSS classes, so the same
widget is recognised on the app's pages and on an empty Streamlit page run in the same session:
what the empty page shows too is Streamlit's own, and is reported, not counted against the app.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_TAGS: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

_AXE = Axe()

# For each failing node: the chain of data-testid values from the element up (at most four), and its tag.
_PLACE_JS = """targets => targets.map(target => {
    let node = null;
    try { node = document.querySelector(target); } catch (e) { node = null; }
    if (!node) return '?';
    const ids = [];
    for (let el = node; el && ids.length < 4; el = el.parentElement) {
        const id = el.getAttribute && el.getAttribute('data-testid');
        if (id) ids.push(id);
    }
    return node.tagName.toLowerCase() + '@' + (ids.join('<') || 'root');
})"""


@dataclass(frozen=True)
class Finding:
    """One axe rule failing on one element."""

    rule: str
    impact: str
    place: str
    html: str
    summary: str

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the same problem on another page: the rule and the element's place."""
        return self.rule, self.place

    def __str__(self) -> str:
        return f"{self.rule} ({self.impact}) at {self.place}: {self.html[:160]} — {self.summary[:300]}"


def axe_findings(page: Page, tags: Iterable[str] = WCAG_TAGS) -> list[Finding]:
    """Run axe-core on the page as it is now (rules with ``tags``); one finding per failing node."""
    options = {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]}
    response = _AXE.run(page, options=options).response
    findings: list[Finding] = []
    for violation in response.get("violations", []):
        nodes = violation.get("nodes", [])
        # axe names elements inside iframes / shadow roots by a list of selectors: use the innermost.
        targets = [node["target"][-1] if node.get("target") else "" for node in nodes]
        targets = [t if isinstance(t, str) else t[-1] for t in targets]
        places = page.evaluate(_PLACE_JS, targets)
        for node, place in zip(nodes, places, strict=True):
            findings.append(
                Finding(
                    rule=violation["id"],
                    impact=str(node.get("impact") or violation.get("impact") or ""),
                    place=place,
                    html=str(node.get("html", "")),
                    summary=str(node.get("failureSummary", "")),
                )
            )
    return findings


def app_findings(findings: Iterable[Finding], streamlit_own: Iterable[Finding]) -> list[Finding]:
    """The findings that an empty Streamlit page (``streamlit_own``) does not show as well."""
    own = {f.key for f in streamlit_own}
    return [f for f in findings if f.key not in own]


# What may scroll sideways inside its own box at 320 CSS px (WCAG 1.4.10 exempts maps and data
# tables): the deck.gl map, data grids, static tables, plotly charts' own drag layers, and
# Streamlit's tab strip, which scrolls its tabs by design (see the README).
REFLOW_EXEMPT: tuple[str, ...] = (
    '[data-testid="stDeckGlJsonChart"]',
    '[data-testid="stDataFrame"]',
    '[data-testid="stTable"]',
    '[data-testid="stPlotlyChart"]',
    '[role="tablist"]',
    # The select slider's own range input reaches past its track when the thumb is at the end;
    # it is invisible and the document itself still may not scroll (checked separately).
    '[data-testid="stSlider"] input',
)

_SIDEWAYS_JS = """exempt => {
    const inExempt = el => exempt.some(selector => el.closest(selector));
    const width = document.documentElement.clientWidth;
    const out = [];
    const page = document.documentElement.scrollWidth;
    if (page > width + 1) out.push(`document ${page}px`);
    for (const el of document.querySelectorAll('[data-testid="stMain"], [data-testid="stMain"] *')) {
        if (inExempt(el)) continue;
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        const scrolls = ['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
        const box = el.getBoundingClientRect();
        const sticksOut = box.width > 0 && box.right > width + 1 && style.position !== 'fixed';
        if (scrolls || (sticksOut && !el.closest('[aria-hidden="true"]'))) {
            const id = el.closest('[data-testid]')?.getAttribute('data-testid') || el.tagName;
            const size = `${Math.round(box.right)}px, scroll ${el.scrollWidth}>${el.clientWidth}`;
            out.push(`${el.tagName.toLowerCase()}@${id}: ${size}`);
        }
    }
    return out;
}"""


def sideways_scrolling(page: Page, exempt: Iterable[str] = REFLOW_EXEMPT) -> list[str]:
    """Elements (outside maps, tables and charts) that stick out of the window or scroll sideways."""
    return page.evaluate(_SIDEWAYS_JS, list(exempt))


_CLOSED = '[data-testid="stExpander"] details:not([open])'


def open_all_expanders(page: Page) -> int:
    """Open every closed expander on the page (keyboard: focus its summary, press Enter); how many."""
    closed = page.locator(f"{_CLOSED} > summary")
    opened = 0
    left = closed.count()
    while left and opened < 50:
        closed.first.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => document.querySelectorAll('{_CLOSED}').length < {left}")
        left = closed.count()
        opened += 1
    return opened


def running_animations(page: Page) -> list[str]:
    """CSS animations and transitions that move something, running right now (name or property, element).

    Colour fades and rounded corners easing (Streamlit's expander does both when opened, also under
    reduced motion) move nothing and are left out.
    """
    return page.evaluate(
        """() => document.getAnimations()
            .filter(a => a.playState === 'running')
            .filter(a => !/(^|-)(color|shadow|radius)$|^(fill|stroke)$/.test(a.transitionProperty || ''))
            .map(a => (a.animationName || a.transitionProperty || 'animation') + ' on '
                + (a.effect?.target?.closest?.('[data-testid]')?.getAttribute('data-testid') || '?'))"""
    )
