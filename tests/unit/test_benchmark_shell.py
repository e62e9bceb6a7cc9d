"""The benchmark's app-shell floor: dashboard.py with one blank page."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from benchmarks.apptest_bench import DASHBOARD, shell_script
from tracker.dataset import PROJECT_DIR


def test_shell_keeps_the_shared_controls_and_drops_the_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_DATA_DIR", str(PROJECT_DIR / "data"))
    st.cache_data.clear()
    script = shell_script(DASHBOARD, tmp_path)
    source = script.read_text(encoding="utf-8")
    assert "app_pages/" not in source
    at = AppTest.from_file(str(script), default_timeout=60).run()
    assert not at.exception
    assert [m.label for m in at.sidebar.multiselect] == ["Programme", "Focus area", "City"]
    assert len(at.sidebar.get("download_button")) == 1  # the briefing
    assert len(at.main.get("plotly_chart")) == 0 and len(at.main.get("deck_gl_json_chart")) == 0
    at.session_state["flt.programmes"] = ["cbp"]
    at.run()
    assert not at.exception
    assert at.query_params["programme"] == "cbp"  # the URL follows the filters
