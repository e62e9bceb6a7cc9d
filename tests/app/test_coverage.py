"""AppTest: the coverage page."""

from __future__ import annotations

import json

import plotly.io

from components.coverage import coverage_matrix, focus_matrix
from tests.app.conftest import REAL_DATA, TINY_DATA, AppFactory, no_exception, plotly_specs, texts
from tracker import load_dataset
from tracker.filters import Filters, apply_filters
from tracker.i18n import Translator


def test_key_figures(make_app: AppFactory) -> None:
    at = make_app(page="coverage")
    no_exception(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Beijing office": "not stated",
        "CBP": "4 of 13 cities",
        "CAP China": "≥ 8 cities",  # S10 states the number, not the cities
    }
    assert "at least 8 cities, not named" in texts(at)
    assert "1 of them only in part" in texts(at)


def test_matrix_statuses(make_app: AppFactory) -> None:
    spec = plotly_specs(make_app(page="coverage"))[0]
    heatmap = spec["data"][0]
    cells = dict(zip(heatmap["y"], heatmap["text"], strict=True))
    columns = heatmap["x"]
    assert columns == ["Beijing office", "CBP", "CAP China"]
    assert cells["Shanghai · 上海"][1] == "Changning District only"
    assert cells["Beijing · 北京"][1] == "in"
    assert cells["Wuhan · 武汉"][1] == "not in"
    assert {row[2] for row in heatmap["text"]} == {"not stated"}


def test_gaps_list_cities_with_no_stated_programme(make_app: AppFactory) -> None:
    at = make_app(page="coverage")
    assert "9 cities take part in none of the shown programmes" in texts(at)
    gaps = next(el.value for el in at.get("markdown") if "take part in none" in el.value)
    listed = gaps.split("\n\n", 1)[1]
    assert "Wuhan · 武汉" in listed and "Qingdao" not in listed


def test_city_focus_view(make_app: AppFactory) -> None:
    specs = plotly_specs(make_app(page="coverage"))
    focus = specs[1]
    pairs = {(y, x) for trace in focus["data"] for x, y in zip(trace["x"], trace["y"], strict=True)}
    assert ("Fuzhou · 福州", "Renewable energy in buildings") in pairs
    assert len(pairs) == 4


def test_filtering_to_no_city_shows_a_message(make_app: AppFactory) -> None:
    at = make_app(page="coverage", in_city="beijing", programme="cap-china")
    no_exception(at)
    assert at.metric[0].value == "≥ 8 cities"  # whether Beijing is one of them is not stated
    assert "at least 8 cities, not named" in texts(at)
    at = make_app(page="coverage", in_city="beijing", programme="beijing-office")
    no_exception(at)
    assert at.metric[0].value == "not stated"


def test_other_data_directory(make_app: AppFactory) -> None:
    at = make_app(TINY_DATA, page="coverage")
    no_exception(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Cool Cities": "2 of 3 cities", "Clean Transport": "1 of 3 cities"}


def test_the_chart_sent_is_the_builders_spec(make_app: AppFactory) -> None:
    at = make_app(page="coverage", programme="cbp")
    model = load_dataset(REAL_DATA).model
    assert model is not None
    view = apply_filters(model, Filters(programmes=("cbp",)))
    t = Translator("en")
    expected = [coverage_matrix(view, "en", t), focus_matrix(view, "en")]
    assert plotly_specs(at) == [json.loads(plotly.io.to_json(spec, validate=False)) for spec in expected]
