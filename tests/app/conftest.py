"""AppTest fixtures: run ``dashboard.py`` against a chosen data directory."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit import config
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = str(ROOT / "dashboard.py")
REAL_DATA = ROOT / "data"
TINY_DATA = ROOT / "tests" / "fixtures" / "tiny"

AppFactory = Callable[..., AppTest]

# Users see no error details (config.toml); tests want the real message when a page fails.
config.set_option("client.showErrorDetails", "full")


@pytest.fixture
def make_app(monkeypatch: pytest.MonkeyPatch) -> AppFactory:
    """Build an AppTest of the dashboard on ``data_dir`` with optional URL query params."""

    def factory(data_dir: Path = REAL_DATA, page: str | None = None, **params: str | list[str]) -> AppTest:
        monkeypatch.setenv("TRACKER_DATA_DIR", str(data_dir))
        st.cache_data.clear()
        at = AppTest.from_file(DASHBOARD, default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        if page:
            at.switch_page(f"app_pages/{page}.py").run()
        return at

    return factory


def plotly_specs(at: AppTest) -> list[dict[str, Any]]:
    """Every plotly figure on the page, as the JSON sent to the browser."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def deck_specs(at: AppTest) -> list[dict[str, Any]]:
    """Every pydeck map on the page, as the JSON sent to the browser."""
    return [json.loads(el.proto.json) for el in at.get("deck_gl_json_chart")]


def layer(deck: dict[str, Any], layer_id: str) -> dict[str, Any]:
    """One layer of a deck by id."""
    return next(item for item in deck["layers"] if item["id"] == layer_id)


def no_exception(at: AppTest) -> None:
    """Fail with the exception text if the script raised."""
    assert not at.exception, [e.value for e in at.exception]


def plain(markdown: str) -> str:
    """Markdown as a reader sees it: backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def texts(at: AppTest) -> str:
    """All markdown, caption, title and info text on the page, joined."""
    parts = [
        el.value
        for kind in ("markdown", "caption", "title", "subheader", "info", "warning", "error", "success")
        for el in at.get(kind)
    ]
    return "\n".join(str(part) for part in parts)
