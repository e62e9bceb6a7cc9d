"""Browser: a replica is lost mid-meeting behind HAProxy (``python -m deploy.cluster``).

Four browsers with different views go through the proxy; two of them are pinned (by the proxy's
own affinity cookie) to the replica that is then killed. Each of those reconnects through the
proxy to another replica within 10 s: the one that only had a view shows the same view (page,
language, filters; Streamlit resends the URL's query string, and the app restores its state from
it); the one that had uploaded its own files is told plainly that they were lost with the server.
The browsers on the other replicas keep their connection and their view.
"""

from __future__ import annotations

import os
import re
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, WebSocket, expect

from harness.browser import guard_network, wait_for_app
from harness.cluster import Cluster, haproxy_path, running_cluster
from tests.browser.support import WARNING_BOX, assert_healthy, open_app, save_screenshot
from tracker.i18n import Translator

DATA = Path(__file__).resolve().parents[2] / "data"
RECONNECT_LIMIT_S = 10.0
EN, ZH = Translator("en"), Translator("zh")
LOST = EN("session.uploads_lost")
LOST_ZH = ZH("session.uploads_lost")
COVERAGE_ZH = ZH("coverage.title")
SUMMARY_ZH = ZH("filters.summary", cities=4, total=13, programmes=1)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """HAProxy and three replicas on loopback ports."""
    if haproxy_path() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but haproxy is not installed (apt-get install haproxy)", pytrace=False)
        pytest.skip("haproxy is not installed (apt-get install haproxy)")
    with running_cluster(replicas=3) as running:
        yield running


@dataclass
class Viewer:
    """One browser on one replica, and the WebSockets it opened (with the time each opened)."""

    context: BrowserContext
    page: Page
    outside: list[str] = field(default_factory=list)
    sockets: list[tuple[float, WebSocket]] = field(default_factory=list)

    def replica(self, cookie: str) -> str | None:
        """The replica the proxy pins this browser to (its affinity cookie)."""
        return next((c["value"] for c in self.context.cookies() if c["name"] == cookie), None)

    def sockets_since(self, moment: float) -> list[WebSocket]:
        return [ws for opened, ws in self.sockets if opened >= moment]


def _viewer(browser: Browser, cluster: Cluster, replica: str) -> Viewer:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # The proxy's own cookie, as it would have set it: this browser is served by ``replica``.
    context.add_cookies([{"name": cluster.cookie, "value": replica, "url": cluster.url}])
    viewer = Viewer(context, context.new_page())
    guard_network(viewer.page, viewer.outside)
    viewer.page.on("websocket", lambda ws: viewer.sockets.append((time.monotonic(), ws)))
    return viewer


def _upload_cities(page: Page) -> None:
    renamed = (DATA / "cities.csv").read_text(encoding="utf-8").replace("Wuhan,武汉,Wuhan", "Wuhan Upload,武汉,Wuhan")
    page.get_by_text(EN("upload.title")).click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": "cities.csv", "mimeType": "text/csv", "buffer": renamed.encode("utf-8")}]
    )
    wait_for_app(page)
    expect(page.get_by_text(EN("upload.active", files="cities.csv"))).to_be_visible(timeout=30_000)


def _reconnected(viewer: Viewer, cluster: Cluster, lost: str, since: float) -> None:
    """Wait (≤ the limit) until the browser talks to another replica over a new WebSocket and the run is done."""
    deadline = since + RECONNECT_LIMIT_S
    while time.monotonic() < deadline:
        moved = viewer.replica(cluster.cookie) not in (None, lost)
        if moved and viewer.sockets_since(since):
            break
        viewer.page.wait_for_timeout(100)
    else:
        raise AssertionError(
            f"no reconnection within {RECONNECT_LIMIT_S:.0f} s: replica cookie {viewer.replica(cluster.cookie)}, "
            f"{len(viewer.sockets_since(since))} new socket(s)"
        )
    wait_for_app(viewer.page, timeout=max(1_000, (deadline - time.monotonic()) * 1000))


def test_a_lost_replica_hands_its_browsers_to_another_with_the_same_view(
    browser: Browser, cluster: Cluster, artifacts: Path
) -> None:
    victim = cluster.replica("app1")
    view = _viewer(browser, cluster, "app1")  # coverage, Chinese, CBP filter: pinned to the victim
    uploader = _viewer(browser, cluster, "app1")  # its own files: pinned to the victim
    presenter = _viewer(browser, cluster, "app2")  # presenter mode, step 3
    analyst = _viewer(browser, cluster, "app3")  # map, German, a selected city
    viewers = [view, uploader, presenter, analyst]
    try:
        open_app(view.page, cluster.url, "/coverage?lang=zh&programme=cbp")
        open_app(presenter.page, cluster.url, "/?present=1&step=3&programme=cbp")
        open_app(analyst.page, cluster.url, "/?lang=de&city=shanghai&in_city=shanghai&in_city=wuhan")
        open_app(uploader.page, cluster.url, "/data_sources")
        _upload_cities(uploader.page)

        expect(view.page.get_by_role("heading", name=COVERAGE_ZH)).to_be_visible()
        expect(presenter.page.get_by_text(EN("present.step", step=3, total=9))).to_be_visible()
        expect(analyst.page.get_by_role("heading", name="Shanghai")).to_be_visible()
        expect(uploader.page).to_have_url(re.compile(r"[?&]uploads=1"))
        assert [v.replica(cluster.cookie) for v in viewers] == ["app1", "app1", "app2", "app3"]
        urls = [v.page.url for v in viewers]
        sockets_before = [len(v.sockets) for v in viewers]

        os.kill(victim["pid"], signal.SIGKILL)
        killed_at = time.monotonic()

        _reconnected(view, cluster, "app1", killed_at)
        expect(view.page.get_by_role("heading", name=COVERAGE_ZH)).to_be_visible(timeout=1_000)
        expect(view.page.get_by_text(SUMMARY_ZH)).not_to_have_count(0)
        _reconnected(uploader, cluster, "app1", killed_at)
        expect(uploader.page.locator(WARNING_BOX).filter(has_text=LOST)).to_be_visible(timeout=1_000)
        reconnect_s = time.monotonic() - killed_at
        save_screenshot(view.page, artifacts, "failover-view-after")
        save_screenshot(uploader.page, artifacts, "failover-uploads-lost")

        # The same view: page, language and filters, now served by another replica.
        assert view.page.url == urls[0]
        assert "programme=cbp" in view.page.url and "lang=zh" in view.page.url
        expect(view.page.get_by_text(LOST_ZH)).to_have_count(0)  # it had no uploads: no notice
        assert_healthy(view.page)
        # The uploader is not shown the bundled data as theirs.
        expect(uploader.page.get_by_text("Your session uses uploaded files")).to_have_count(0)
        assert "uploads=1" not in uploader.page.url
        assert reconnect_s <= RECONNECT_LIMIT_S + 1.0, reconnect_s

        # The other browsers were untouched: same replica, same socket, same view.
        for viewer, url, before in zip((presenter, analyst), urls[2:], sockets_before[2:], strict=True):
            assert len(viewer.sockets) == before
            assert viewer.page.url == url
        assert [presenter.replica(cluster.cookie), analyst.replica(cluster.cookie)] == ["app2", "app3"]
        expect(presenter.page.get_by_text(EN("present.step", step=3, total=9))).to_be_visible()
        expect(analyst.page.get_by_role("heading", name="Shanghai")).to_be_visible()

        # The moved view is live on its new replica: a page switch keeps language and filters.
        view.page.locator('[data-testid="stSidebarNavLink"]').filter(has_text=ZH("page.timeline")).click()
        expect(view.page).to_have_url(re.compile(r"/timeline\?(.*&)?programme=cbp"))
        wait_for_app(view.page)
        expect(view.page.get_by_text(SUMMARY_ZH)).not_to_have_count(0)
        assert all(v.outside == [] for v in viewers)
    finally:
        for viewer in viewers:
            viewer.context.close()
