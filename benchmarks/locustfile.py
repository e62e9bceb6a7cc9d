"""Locust load test: dashboard users speaking Streamlit's WebSocket protocol (no browser).

    .venv/bin/locust -f benchmarks/locustfile.py --host http://127.0.0.1:8501 --headless -u 200 -r 10 -t 5m

or, with memory, session spread and a JSON result, ``python -m benchmarks.capacity``.

Each user opens a session (``benchmarks.st_protocol``: the XSRF and affinity cookies, the
WebSocket, a first run of the map page in a random language), then, about every 10 s (think time
5-15 s), does what an analyst does: filters by programme, picks a city on the map page, switches
pages, changes the language, resets the filters. After 3-8 interactions it leaves (closes the
socket) and comes back as a new session, so sessions come and go during the run. Every script
run is one Locust request (type ``WS``), timed from the ``rerun_script`` message to
``script_finished``; a closed socket, a timeout, a failed run or an exception element is a failure.
"""

from __future__ import annotations

import random
import time
from collections import Counter

from locust import User, between, task

from benchmarks.st_protocol import ProtocolError, RunResult, StreamlitSession

PAGES = ("", "timeline", "coverage", "focus_areas", "data_sources")
LANGUAGES = ("", "lang=zh", "lang=de")
AFFINITY_COOKIE = "TRACKER_REPLICA"

# Filled in as the run goes (read by benchmarks.capacity): sessions opened, per replica cookie,
# and the sessions open now (Locust kills a waiting user without calling on_stop: the runner closes
# what is left, so the server sees every session leave).
SESSIONS: Counter[str] = Counter()
OPEN: set[StreamlitSession] = set()
STOPPING = {"now": False}  # set by benchmarks.capacity when the run is over: what fails after it is not counted


class DashboardUser(User):
    """One person at a time using the dashboard; a new session every 3-8 interactions."""

    wait_time = between(5, 15)

    def on_start(self) -> None:
        self.session: StreamlitSession | None = None
        self.left = 0
        self.page = ""

    def on_stop(self) -> None:
        self._leave()

    def _leave(self) -> None:
        if self.session is not None:
            OPEN.discard(self.session)
            self.session.close()
            self.session = None

    def _timed(self, name: str, action: object) -> RunResult | None:
        """Run ``action`` (a callable returning a RunResult) as one Locust request."""
        start = time.perf_counter()
        try:
            result = action()  # type: ignore[operator]
        except (ProtocolError, OSError) as exc:
            if STOPPING["now"]:  # the run is over and its sessions are being closed
                self._leave()
                return None
            self.environment.events.request.fire(
                request_type="WS",
                name=name,
                response_time=(time.perf_counter() - start) * 1000,
                response_length=0,
                exception=exc,
                context={},
            )
            self._leave()
            return None
        self.environment.events.request.fire(
            request_type="WS",
            name=name,
            response_time=result.seconds * 1000,
            response_length=result.bytes,
            exception=None,
            context={},
        )
        return result

    def _open(self) -> None:
        """A new session: cookies, WebSocket, and the first run of the map page."""
        session = StreamlitSession(self.host or "http://127.0.0.1:8501", timeout=60)
        self.session = session
        OPEN.add(session)

        def first_run() -> RunResult:
            session.connect()
            return session.open_page("", random.choice(LANGUAGES))

        if self._timed("open session (map)", first_run) is not None:
            SESSIONS[session.cookie(AFFINITY_COOKIE) or "direct"] += 1
            self.left = random.randint(3, 8)
            self.page = ""

    def _interact(self, name: str, action: object) -> None:
        if self.session is None or self.left <= 0:
            self._leave()
            self._open()
            return
        self.left -= 1
        self._timed(name, action)

    def _choose(self, key: str) -> list[str]:
        assert self.session is not None
        widget = self.session.widget(key)
        return widget.options if widget else []

    @task(3)
    def filter_programme(self) -> None:
        options = self._choose("flt.programmes") if self.session else []
        chosen = random.sample(options, k=random.randint(0, min(2, len(options)))) if options else []
        self._interact("filter programme", lambda: self.session.set_widget("flt.programmes", chosen))

    @task(3)
    def select_city(self) -> None:
        if self.session is not None and self.page != "":
            self.page = ""
            self._interact("page map", lambda: self.session.open_page(""))
            return
        cities = self._choose("ui.city") if self.session else []
        city = random.choice(cities) if cities else ""
        self._interact("select city", lambda: self.session.set_widget("ui.city", city))

    @task(3)
    def switch_page(self) -> None:
        page = random.choice(PAGES)
        self.page = page
        self._interact(f"page {page or 'map'}", lambda: self.session.open_page(page))

    @task(1)
    def change_language(self) -> None:
        languages = self._choose("ui.lang") if self.session else []
        language = random.choice(languages) if languages else ""
        self._interact("language", lambda: self.session.set_widget("ui.lang", [language]))

    @task(1)
    def reset_filters(self) -> None:
        widgets = self.session.widgets.values() if self.session else []
        reset = next((w.label for w in widgets if w.icon == ":material/filter_alt_off:"), "Reset filters")
        self._interact("reset filters", lambda: self.session.set_widget(reset, True))
