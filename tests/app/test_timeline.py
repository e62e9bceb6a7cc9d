"""AppTest: the timeline page."""

from __future__ import annotations

import base64
import csv
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from components.colors import KIND_COLORS
from components.timeline import KIND_SYMBOLS
from tests.app.conftest import REAL_DATA, TINY_DATA, AppFactory, no_exception, plain, plotly_specs, texts
from tracker.i18n import Translator

EN = Translator("en")


def values(array: Any) -> list[Any]:
    """Plotly 7 sends numeric arrays as base64 typed arrays; decode either form."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def bars(spec: dict[str, Any]) -> dict[str, str]:
    """Programme name → start of its bar."""
    return {trace["y"][0]: trace["base"][0] for trace in spec["data"] if trace["type"] == "bar"}


def test_three_programmes_start_2017_2018_2019(make_app: AppFactory) -> None:
    at = make_app(page="timeline")
    no_exception(at)
    starts = bars(plotly_specs(at)[0])
    assert starts == {
        "Beijing office": "2017-01-01T00:00:00",
        "CBP": "2018-01-01T00:00:00",
        "CAP China": "2019-01-01T00:00:00",
    }


def _kind_counts(directory: Path = REAL_DATA, kinds: tuple[str, ...] = ()) -> dict[str, int]:
    """Dated milestones per kind, read from the CSV file itself."""
    with (directory / "milestones.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["date"] and (not kinds or row["kind"] in kinds)]
    return dict(Counter(row["kind"] for row in rows))


def test_milestones_by_kind_keep_their_precision(make_app: AppFactory) -> None:
    spec = plotly_specs(make_app(page="timeline"))[0]
    markers = [t for t in spec["data"] if t["type"] == "scatter" and t.get("mode") == "markers"]
    by_symbol = {t["marker"]["symbol"]: len(values(t["x"])) for t in markers}
    expected = _kind_counts()
    assert by_symbol == {KIND_SYMBOLS[kind]: count for kind, count in expected.items()}
    assert {t["marker"]["color"] for t in markers} == {KIND_COLORS[kind] for kind in expected}
    assert [t["name"] for t in markers] == [EN(f"kind.{kind}") for kind in KIND_SYMBOLS if kind in expected]
    square = next(t for t in markers if t["marker"]["symbol"] == KIND_SYMBOLS["programme"])
    # A year-only date sits mid-year, not on 1 January, with a whisker over the whole year.
    assert "2017-07-02T00:00:00" in values(square["x"])
    whiskers = [t for t in spec["data"] if t["type"] == "scatter" and t.get("mode") == "lines"]
    spanned = sum(len([x for x in values(t["x"]) if x is not None]) // 2 for t in whiskers)
    assert spanned == 14 + 5  # the month-only and year-only dates
    hover = " ".join(" ".join(t["hovertext"]) for t in markers)
    assert "S1: About C40 China" in hover and "year only" in hover and "month only" in hover


@pytest.mark.parametrize("lang", ["en", "zh", "de"])
def test_kind_filter_keeps_only_the_chosen_kinds(make_app: AppFactory, lang: str) -> None:
    at = make_app(page="timeline", kind=["award", "finalist"], lang=lang)
    no_exception(at)
    spec = plotly_specs(at)[0]
    markers = [t for t in spec["data"] if t["type"] == "scatter" and t.get("mode") == "markers"]
    counts = {t["name"]: len(values(t["x"])) for t in markers}
    t = Translator(lang)
    assert counts == {t(f"kind.{k}"): n for k, n in _kind_counts(kinds=("award", "finalist")).items()}
    assert at.pills(key="timeline.kinds").value == ["award", "finalist"]
    table = at.dataframe[0].value
    assert len(table) == sum(_kind_counts(kinds=("award", "finalist")).values())
    at.pills(key="timeline.kinds").set_value(["commitment"]).run()
    no_exception(at)
    assert at.query_params["kind"] in ("commitment", ["commitment"])
    assert len(at.dataframe[0].value) == 1  # Deadline 2020 (the Clean Bus Declaration has no date)
    assert "Clean Bus" in plain(texts(at)) or lang != "en"


def test_undated_facts_are_listed_under_the_chart_not_on_it(make_app: AppFactory) -> None:
    at = make_app(page="timeline")
    no_exception(at)
    shown = plain(texts(at))
    assert EN("timeline.undated") in shown
    for title in ("Hong Kong signs the C40 Clean Bus Declaration", "Tse Chin-wan", "at least eight Chinese cities"):
        assert title in shown
    spec = plotly_specs(at)[0]
    hover = " ".join(" ".join(t.get("hovertext") or []) for t in spec["data"])
    assert "Clean Bus" not in hover and "Tse Chin-wan" not in hover


def test_awards_and_events_sit_on_their_city_row(make_app: AppFactory) -> None:
    at = open_cities_tab(make_app(page="timeline", in_city=["beijing", "hong-kong"]))
    no_exception(at)
    spec = plotly_specs(at)[0]
    awards = next(t for t in spec["data"] if t.get("name") == EN("kind.award"))
    assert awards["y"] == ["Beijing · 北京", "Beijing · 北京"]
    assert sorted(values(awards["x"])) == ["2022-10-16T00:00:00", "2025-11-04T00:00:00"]
    roles = next(t for t in spec["data"] if t.get("name") == EN("kind.leadership"))
    assert roles["y"] == ["Hong Kong · 香港", "Hong Kong · 香港"]  # the undated Vice Chair role is not drawn
    assert EN("timeline.undated") in plain(texts(at))


def test_open_ended_programmes_run_to_today(make_app: AppFactory) -> None:
    spec = plotly_specs(make_app(page="timeline"))[0]
    cbp = next(t for t in spec["data"] if t["type"] == "bar" and t["y"] == ["CBP"])
    assert cbp["marker"]["pattern"]["shape"] == "/"
    assert "not stated" in cbp["hovertemplate"]


def test_year_filter_hides_later_milestones(make_app: AppFactory) -> None:
    at = make_app(page="timeline", years="2014-2016")
    no_exception(at)
    table = at.dataframe[0].value
    assert sorted(table["Date"]) == [
        "2014",
        "2014-06-09",
        "2014-09",
        "2015-05",
        "2015-09-15",
        "2015-12-03",
        "2015-12-03",
        "2016-06",
        "2016-06",
        "2016-06",
        "2016-09",
        "2016-12-01",
    ]


def open_cities_tab(at: AppTest) -> AppTest:
    """Select the per-city tab, as a click on it does."""
    at.session_state["timeline.tab"] = "Cities"
    return at.run()


def test_only_the_open_tab_runs(make_app: AppFactory) -> None:
    at = make_app(page="timeline")
    first = plotly_specs(at)
    assert [spec["layout"]["barmode"] for spec in first] == ["overlay"]
    assert len(at.dataframe) == 1
    open_cities_tab(at)
    no_exception(at)
    assert [spec["layout"]["barmode"] for spec in plotly_specs(at)] == ["group"]
    assert len(at.dataframe) == 0


def test_city_view_shows_which_programme_when(make_app: AppFactory) -> None:
    at = open_cities_tab(make_app(page="timeline", in_city=["qingdao", "wuhan"]))
    no_exception(at)
    city_spec = plotly_specs(at)[0]
    bar = next(t for t in city_spec["data"] if t["type"] == "bar")
    assert bar["name"] == "CBP" and bar["y"] == ["Qingdao · 青岛"]
    star = next(t for t in city_spec["data"] if t["type"] == "scatter")
    assert sorted(star["y"]) == ["Qingdao · 青岛", "Wuhan · 武汉"]  # both joining dates are stated


def test_other_data_directory(make_app: AppFactory) -> None:
    at = make_app(TINY_DATA, page="timeline")
    no_exception(at)
    assert set(bars(plotly_specs(at)[0])) == {"Cool Cities", "Clean Transport"}
    assert "Kunming adopts a climate action plan" in at.dataframe[0].value.to_string()
    assert "Programme timeline" in texts(at)


def test_blank_certainty_reads_as_verified_in_hover_and_table(make_app: AppFactory, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(TINY_DATA, data)
    milestones = data / "milestones.csv"
    milestones.write_text(milestones.read_text(encoding="utf-8").replace(",verified\n", ",\n", 1), encoding="utf-8")
    at = make_app(data, page="timeline")
    no_exception(at)
    markers = [t for t in plotly_specs(at)[0]["data"] if t["type"] == "scatter" and t.get("mode") == "markers"]
    hover = " ".join(" ".join(t["hovertext"]) for t in markers)
    assert "certainty." not in hover
    assert hover.count("Certainty: verified") == 2
    assert sorted(at.dataframe[0].value["Certainty"]) == ["reported", "verified", "verified"]
