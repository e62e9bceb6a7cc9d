"""A minimal Streamlit client: one browser session spoken over the WebSocket protocol, no browser.

It does what the Streamlit frontend does (read from streamlit 1.67's server code and the protobuf
messages in ``streamlit.proto``):

1. ``GET /_stcore/health`` — the server sets its XSRF cookie (``_streamlit_xsrf``) there, and a
   load balancer sets its affinity cookie; both are kept for the session.
2. Open ``ws(s)://host/_stcore/stream`` with the subprotocol header ``streamlit, <xsrf token>``
   (the server reads the XSRF token from the second entry and a session id to resume from the
   third), the cookies, and an ``Origin`` equal to the host (the server refuses cross-origin
   sockets while CORS protection is on).
3. Send a ``BackMsg.rerun_script`` with a ``ClientState``: the query string, the page (by URL name
   on the first run, by ``page_script_hash`` afterwards), the widget states the frontend would
   hold, and the hashes of large messages already received (the server then sends a reference
   instead of the message again, as it does to a browser).
4. Read ``ForwardMsg``s until ``script_finished``; keep the elements (by delta path), the widgets
   (id, label, options), the page list from ``navigation`` and the query string the app wrote
   (``page_info_changed``).

A run "fails" when the socket closes or times out, when the run does not finish successfully, or
when it sends an exception element.
"""

from __future__ import annotations

import json
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from typing import Any
from urllib.parse import urlsplit

import websocket
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

XSRF_COOKIE = "_streamlit_xsrf"
STREAM_PATH = "/_stcore/stream"
HEALTH_PATH = "/_stcore/health"
FINISHED_OK = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
FINISHED_EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
WIDGET_TYPES = ("multiselect", "selectbox", "slider", "button_group", "button")


class ProtocolError(RuntimeError):
    """The server closed the session, timed out, or the run failed."""


@dataclass
class Widget:
    """A widget as the server described it in its element."""

    kind: str
    id: str
    label: str
    options: list[str]
    icon: str = ""


@dataclass
class RunResult:
    """What one script run sent."""

    seconds: float
    messages: int
    bytes: int
    elements: dict[tuple[int, ...], tuple[str, Any]] = field(default_factory=dict)
    exceptions: list[str] = field(default_factory=list)

    def texts(self) -> list[str]:
        """The text of every text-like element (titles, Markdown, alerts, captions), in delta order."""
        out = []
        for _, (kind, element) in sorted(self.elements.items()):
            if kind in ("heading", "markdown", "alert", "text", "caption"):
                out.append(getattr(element, "body", ""))
        return out

    def kinds(self) -> list[str]:
        """The element types, in delta order."""
        return [kind for _, (kind, _) in sorted(self.elements.items())]


class StreamlitSession:
    """One session of a Streamlit app, driven over its WebSocket."""

    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.cookies = CookieJar()
        self.ws: websocket.WebSocket | None = None
        self.session_id = ""
        self.pages: dict[str, str] = {}  # url pathname ("" for the default page) -> page_script_hash
        self.page_hash = ""
        self.query_string = ""
        self.widgets: dict[str, Widget] = {}  # label -> widget, from the last run
        self.widget_states: dict[str, WidgetState] = {}
        self.cached_hashes: set[str] = set()
        self.cache: dict[str, ForwardMsg] = {}
        self.bytes_received = 0

    # -- connection -----------------------------------------------------------------------------

    def connect(self) -> None:
        """Fetch the cookies (XSRF, load-balancer affinity) and open the WebSocket."""
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        with opener.open(self.base_url + HEALTH_PATH, timeout=self.timeout) as response:
            response.read()
        parts = urlsplit(self.base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        cookies = {cookie.name: cookie.value for cookie in self.cookies}
        self.ws = websocket.create_connection(
            f"{scheme}://{parts.netloc}{parts.path}{STREAM_PATH}",
            timeout=self.timeout,
            subprotocols=["streamlit", cookies.get(XSRF_COOKIE, "")],
            origin=f"{parts.scheme}://{parts.netloc}",
            cookie="; ".join(f"{name}={value}" for name, value in cookies.items()),
            enable_multithread=False,
        )

    def cookie(self, name: str) -> str | None:
        """A cookie the server (or the proxy in front of it) set for this session."""
        return next((c.value for c in self.cookies if c.name == name), None)

    def close(self) -> None:
        """Close the socket (the server keeps the session for its disconnected-session TTL)."""
        if self.ws is not None:
            try:
                self.ws.close(timeout=1)  # do not wait long for the server's close frame
            finally:
                self.ws = None

    def __enter__(self) -> StreamlitSession:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs -----------------------------------------------------------------------------------

    def open_page(self, page: str = "", query_string: str | None = None) -> RunResult:
        """Run the app on ``page`` (URL name, "" = default page), as a navigation or a first load."""
        if query_string is not None:
            self.query_string = query_string
        page_hash = self.pages.get(page, "") if self.pages else ""
        return self._run(page_hash=page_hash, page_name=page if not page_hash else "")

    def widget(self, name: str) -> Widget | None:
        """A widget of the last run by its session-state key (``flt.programmes``) or its label."""
        for widget in self.widgets.values():
            if widget.id.endswith(f"-{name}"):
                return widget
        return self.widgets.get(name)

    def set_widget(self, name: str, value: Any) -> RunResult:
        """Give a widget of the last run (by key or label) a new value and rerun, as a user would.

        ``value``: a list of option labels (multiselect, segmented control), an option label
        (selectbox), ``(low, high)`` (range slider), or ``True`` (button click).
        """
        widget = self.widget(name)
        if widget is None:
            raise ProtocolError(f"no widget {name!r}; have {sorted(self.widgets)}")
        state = WidgetState(id=widget.id)
        if widget.kind in ("multiselect", "button_group"):
            state.string_array_value.data.extend(value)
        elif widget.kind == "selectbox":
            state.string_value = value
        elif widget.kind == "slider":
            state.double_array_value.data.extend(float(v) for v in value)
        elif widget.kind == "button":
            state.trigger_value = True
        self.widget_states[widget.id] = state
        try:
            return self._run(page_hash=self.page_hash)
        finally:
            if widget.kind == "button":
                self.widget_states.pop(widget.id, None)  # a trigger lasts one run

    def _run(self, page_hash: str, page_name: str = "") -> RunResult:
        if self.ws is None:
            raise ProtocolError("not connected")
        message = BackMsg()
        client = message.rerun_script
        client.query_string = self.query_string
        client.page_script_hash = page_hash
        client.page_name = page_name
        client.widget_states.widgets.extend(self.widget_states.values())
        client.cached_message_hashes.extend(sorted(self.cached_hashes))
        client.context_info.timezone = "UTC"
        client.context_info.locale = "en-GB"
        client.context_info.url = f"{self.base_url}/{page_name}"
        start = time.perf_counter()
        self.ws.send_binary(message.SerializeToString())
        return self._read_until_finished(start)

    def _read_until_finished(self, start: float) -> RunResult:
        result = RunResult(seconds=0.0, messages=0, bytes=0)
        deadline = start + self.timeout
        widgets: dict[str, Widget] = {}
        states: dict[str, WidgetState | None] = {}
        assert self.ws is not None
        while True:
            if time.perf_counter() > deadline:
                raise ProtocolError(f"no script_finished within {self.timeout:.0f} s")
            try:
                raw = self.ws.recv()
            except (websocket.WebSocketException, OSError) as exc:
                raise ProtocolError(f"socket: {exc.__class__.__name__}: {exc}") from exc
            if not isinstance(raw, bytes) or not raw:
                raise ProtocolError("the server closed the socket")
            result.messages += 1
            result.bytes += len(raw)
            self.bytes_received += len(raw)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "ref_hash":
                cached = self.cache.get(msg.ref_hash)
                if cached is None:
                    raise ProtocolError(f"reference to a message never received: {msg.ref_hash}")
                metadata = msg.metadata
                msg = ForwardMsg()
                msg.CopyFrom(cached)
                msg.metadata.CopyFrom(metadata)
                kind = msg.WhichOneof("type")
            elif msg.metadata.cacheable and msg.hash:
                self.cache[msg.hash] = msg
                self.cached_hashes.add(msg.hash)
            if kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id or self.session_id
                self.page_hash = msg.new_session.page_script_hash
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
                self.page_hash = msg.navigation.page_script_hash or self.page_hash
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                element_kind = element.WhichOneof("type")
                content = getattr(element, element_kind)
                result.elements[tuple(msg.metadata.delta_path)] = (element_kind, content)
                if element_kind == "exception":
                    result.exceptions.append(f"{content.type}: {content.message}")
                elif element_kind in WIDGET_TYPES and content.id:
                    label = getattr(content, "label", "")
                    options = [o if isinstance(o, str) else o.content for o in getattr(content, "options", [])]
                    icon = getattr(content, "icon", "")
                    widgets[label] = Widget(element_kind, content.id, label, options, icon)
                    states[content.id] = self._widget_state(element_kind, content, options)
            elif kind == "script_finished":
                if msg.script_finished == FINISHED_EARLY:
                    continue  # superseded by a newer run: keep reading
                result.seconds = time.perf_counter() - start
                self.widgets = widgets or self.widgets
                if states:  # the widgets now on the page, each with the value the browser would hold
                    self.widget_states = {k: v for k, v in states.items() if v is not None}
                if msg.script_finished != FINISHED_OK:
                    raise ProtocolError(f"script finished with status {msg.script_finished}")
                if result.exceptions:
                    raise ProtocolError("exception in the app: " + "; ".join(result.exceptions))
                return result

    def _widget_state(self, kind: str, element: Any, options: list[str]) -> WidgetState | None:
        """The value a browser holds for a widget: the server's (``set_value``), else ours, else the default."""
        if kind == "button":
            return None  # a trigger: sent only in the run it fires
        if not element.set_value and element.id in self.widget_states:
            return self.widget_states[element.id]
        state = WidgetState(id=element.id)
        if kind in ("multiselect", "button_group"):
            values = list(element.raw_values) if element.set_value else [options[i] for i in element.default]
            state.string_array_value.data.extend(values)
        elif kind == "selectbox":
            if element.set_value:
                if not element.HasField("raw_value"):
                    return None
                state.string_value = element.raw_value
            elif element.HasField("default"):
                state.string_value = options[element.default]
            else:
                return None
        elif kind == "slider" and element.options:  # a select_slider: its value is the chosen option text
            chosen = (
                list(element.raw_value) if element.set_value else [element.options[int(i)] for i in element.default]
            )
            state.string_array_value.data.extend(chosen)
        elif kind == "slider":
            state.double_array_value.data.extend(element.value if element.set_value else element.default)
        return state


def deck_json(result: RunResult) -> dict[str, Any] | None:
    """The map's deck (parsed JSON) in a run, or ``None``."""
    for kind, element in result.elements.values():
        if kind == "deck_gl_json_chart":
            return json.loads(element.json)
    return None
