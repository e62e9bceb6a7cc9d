"""AppTest: the timeline page."""

from __future__ import annotations

import base64
import shutil
from pathlib import Path
from typing import Any

import numpy as np
from streamlit.testing.v1 import AppTest

from tests.app.conftest import TINY_DATA, AppFactory, no_exception, plotly_specs, texts


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


def test_milestones_keep_their_precision(make_app: AppFactory) -> None:
    spec = plotly_specs(make_app(page="timeline"))[0]
    markers = [t for t in spec["data"] if t["type"] == "scatter" and t.get("mode") == "markers"]
    by_symbol = {t["marker"]["symbol"]: len(values(t["x"])) for t in markers}
    assert by_symbol == {"circle": 15, "diamond": 14, "square": 5}  # the 34 dated milestones
    square = next(t for t in markers if t["marker"]["symbol"] == "square")
    # A year-only date sits mid-year, not on 1 January.
    assert "2017-07-02T00:00:00" in values(square["x"])
    hover = " ".join(" ".join(t["hovertext"]) for t in markers)
    assert "S1: About C40 China" in hover and "year only" in hover


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
