"""AppTest: the data & sources page."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.app.conftest import TINY_DATA, AppFactory, no_exception, texts


def test_every_source_is_listed_with_its_link(make_app: AppFactory) -> None:
    at = make_app(page="data_sources")
    no_exception(at)
    shown = texts(at)
    for source_id in [f"S{i}" for i in range(1, 10)]:
        assert f"\\[{source_id}\\]" in shown
    assert "(https://www.c40.org/china-office/)" in shown


TAB_LABELS = ["Cities", "Programmes", "Focus areas", "Participation", "Milestones", "Sources"]


def each_tab(at: AppTest) -> list[tuple[pd.DataFrame, list[str]]]:
    """Open every table tab in turn: (the one table shown, the download labels) per tab."""
    shown = []
    for label in TAB_LABELS:
        at.session_state["data.tab"] = label
        at.run()
        no_exception(at)
        assert len(at.dataframe) == 1, f"tab {label} shows one table"
        shown.append((at.dataframe[0].value, [b.proto.label for b in at.main.get("download_button")]))
    return shown


def test_tables_and_downloads(make_app: AppFactory) -> None:
    shown = each_tab(make_app(page="data_sources"))
    assert [len(frame) for frame, _ in shown] == [13, 3, 13, 4, 37, 36]
    for (_, labels), name in zip(
        shown, ["cities", "programmes", "focus_areas", "participation", "milestones", "sources"], strict=True
    ):
        assert labels == ["Download all tables (zip of CSV)", f"Download {name}.csv"]


def test_filtered_tables(make_app: AppFactory) -> None:
    shown = each_tab(make_app(page="data_sources", programme="cbp"))
    assert len(shown[1][0]) == 1  # programmes
    assert len(shown[3][0]) == 4  # participation


def test_other_data_directory(make_app: AppFactory) -> None:
    at = make_app(TINY_DATA, page="data_sources")
    no_exception(at)
    assert "Example Climate Network" in texts(at)
