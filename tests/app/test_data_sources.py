"""AppTest: the data & sources page."""

from __future__ import annotations

from tests.app.conftest import TINY_DATA, AppFactory, no_exception, texts


def test_every_source_is_listed_with_its_link(make_app: AppFactory) -> None:
    at = make_app(page="data_sources")
    no_exception(at)
    shown = texts(at)
    for source_id in [f"S{i}" for i in range(1, 10)]:
        assert f"\\[{source_id}\\]" in shown
    assert "(https://www.c40.org/china-office/)" in shown


def test_tables_and_downloads(make_app: AppFactory) -> None:
    at = make_app(page="data_sources")
    frames = [df.value for df in at.dataframe]
    assert [len(f) for f in frames] == [13, 3, 13, 4, 9, 9]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[0] == "Download all tables (zip of CSV)"
    assert "Download cities.csv" in labels


def test_filtered_tables(make_app: AppFactory) -> None:
    at = make_app(page="data_sources", programme="cbp")
    frames = [df.value for df in at.dataframe]
    assert len(frames[1]) == 1  # programmes
    assert len(frames[3]) == 4  # participation


def test_other_data_directory(make_app: AppFactory) -> None:
    at = make_app(TINY_DATA, page="data_sources")
    no_exception(at)
    assert "Example Climate Network" in texts(at)
