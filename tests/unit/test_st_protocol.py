"""The load test's protocol client against a real replica: a few sessions, what a browser would see."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from urllib.parse import parse_qs

import pytest
import websocket

from benchmarks.st_protocol import StreamlitSession, deck_json
from harness.server import Server, running_server
from tracker.i18n import Translator

ZH, DE = Translator("zh"), Translator("de")


@pytest.fixture(scope="module")
def replica() -> Iterator[Server]:
    with running_server(timeout=60) as server:
        yield server


def _city_layer(session_result: object) -> list[dict[str, object]]:
    deck = deck_json(session_result)  # type: ignore[arg-type]
    assert deck is not None
    layer = next(layer for layer in deck["layers"] if layer["id"] == "cities")
    return layer["data"]


def test_a_session_runs_pages_widgets_and_keeps_its_own_state(replica: Server) -> None:
    with StreamlitSession(replica.url) as session:
        assert session.cookie("_streamlit_xsrf")  # the XSRF cookie the socket is opened with
        first = session.open_page("", "lang=zh")
        assert first.texts()[0] == ZH("map.title")
        assert len(_city_layer(first)) == 13
        assert set(session.pages) == {"", "timeline", "coverage", "focus_areas", "compare", "data_sources"}

        programmes = session.widget("flt.programmes")
        assert programmes is not None and programmes.options[1] == "建筑项目"
        filtered = session.set_widget("flt.programmes", ["建筑项目"])
        assert parse_qs(session.query_string) == {"lang": ["zh"], "programme": ["cbp"]}
        assert len(_city_layer(filtered)) == 4

        coverage = session.open_page("coverage")
        assert coverage.texts()[0] == ZH("coverage.title")
        summary = ZH("filters.summary", cities=4, total=13, programmes=1)
        assert summary in coverage.texts()  # the filter came along

        german = session.set_widget("ui.lang", ["Deutsch"])
        assert german.texts()[0] == DE("coverage.title")
        assert parse_qs(session.query_string)["lang"] == ["de"]


def test_sessions_at_once_are_independent(replica: Server) -> None:
    outcomes: dict[int, object] = {}

    def user(index: int) -> None:
        try:
            with StreamlitSession(replica.url) as session:
                session.open_page("")
                city = session.widget("ui.city")
                assert city is not None
                session.set_widget("ui.city", city.options[index])
                outcomes[index] = (session.session_id, parse_qs(session.query_string)["city"])
        except Exception as exc:  # reported below
            outcomes[index] = exc

    threads = [threading.Thread(target=user, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(isinstance(v, tuple) for v in outcomes.values()), outcomes
    assert len({v[0] for v in outcomes.values()}) == 3  # three sessions
    assert sorted(v[1][0] for v in outcomes.values()) == ["beijing", "hong-kong", "shanghai"]


def test_a_cross_origin_socket_is_refused(replica: Server) -> None:
    host = replica.url.removeprefix("http://")
    url = f"ws://{host}/_stcore/stream"
    same = websocket.create_connection(url, subprotocols=["streamlit"], origin=replica.url, timeout=20)
    same.close()
    with pytest.raises(websocket.WebSocketBadStatusException):  # CORS protection is on
        websocket.create_connection(url, subprotocols=["streamlit"], origin="http://attacker.example", timeout=20)
