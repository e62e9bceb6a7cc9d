"""AppTest: the map page (default page)."""

from __future__ import annotations

import json
import re

from streamlit.testing.v1 import AppTest

from tests.app.conftest import TINY_DATA, AppFactory, deck_specs, layer, no_exception, texts

BASE_LAYERS = ("sea", "countries", "provinces", "national")


def city_ids(at: AppTest) -> list[str]:
    return [point["city_id"] for point in layer(deck_specs(at)[0], "cities")["data"]]


def test_one_point_per_city_on_a_base_layer_of_our_own(make_app: AppFactory) -> None:
    at = make_app()
    no_exception(at)
    (deck,) = deck_specs(at)
    assert sorted(city_ids(at)) == sorted(
        [
            "beijing",
            "shanghai",
            "hong-kong",
            "wuhan",
            "shenzhen",
            "guangzhou",
            "nanjing",
            "chengdu",
            "dalian",
            "qingdao",
            "fuzhou",
            "zhenjiang",
            "hangzhou",
        ]
    )
    ids = [item["id"] for item in deck["layers"]]
    assert ids[: len(BASE_LAYERS)] == list(BASE_LAYERS)
    provinces = layer(deck, "provinces")["data"]
    assert provinces["type"] == "FeatureCollection"
    assert len(provinces["features"]) >= 30


def test_deck_fetches_nothing_from_outside(make_app: AppFactory) -> None:
    at = make_app()
    raw = at.get("deck_gl_json_chart")[0].proto.json
    assert "mapProvider" not in json.loads(raw)
    assert json.loads(raw)["mapStyle"] == "__MAP_STYLE__"  # Streamlit's "no base map" sentinel
    assert not re.search(r"https?://", raw), re.findall(r"https?://[^\"]+", raw)[:3]


def test_marker_size_encodes_programme_count(make_app: AppFactory) -> None:
    points = {p["city_id"]: p for p in layer(deck_specs(make_app())[0], "cities")["data"]}
    assert points["beijing"]["count"] == 1
    assert points["wuhan"]["count"] == 0
    assert points["beijing"]["radius"] > points["wuhan"]["radius"]
    assert "CBP" in points["qingdao"]["tooltip"]
    assert "北京" in points["beijing"]["tooltip"] and "Beijing" in points["beijing"]["tooltip"]


def test_changning_district_drawn_for_cbp_scope(make_app: AppFactory) -> None:
    scopes = layer(deck_specs(make_app())[0], "scopes")["data"]["features"]
    assert len(scopes) == 1
    assert "Changning" in scopes[0]["properties"]["tooltip"]


def test_programme_filter_narrows_the_map(make_app: AppFactory) -> None:
    at = make_app(programme="cbp")
    assert sorted(city_ids(at)) == ["beijing", "fuzhou", "qingdao", "shanghai"]


def test_filter_with_no_city_shows_empty_state(make_app: AppFactory) -> None:
    at = make_app(programme="cap-china")
    no_exception(at)
    assert city_ids(at) == []
    assert "No city matches the filters" in texts(at)


def test_clicking_a_city_opens_its_panel(make_app: AppFactory) -> None:
    at = make_app()
    assert "Click a city on the map" in texts(at)
    at.session_state["ui.city"] = "shanghai"  # what a click on the map sets
    at.run()
    no_exception(at)
    shown = texts(at)
    assert "Shanghai · 上海" in shown
    assert "Changning District only" in shown
    assert "Energy efficiency of existing public and commercial buildings" in shown
    assert "not stated" in shown  # joined C40: no source gives the year
    assert at.query_params["city"] == "shanghai" or at.query_params["city"] == ["shanghai"]


def test_city_from_the_url_opens_the_panel(make_app: AppFactory) -> None:
    at = make_app(city="wuhan")
    shown = texts(at)
    assert "Wuhan · 武汉" in shown
    assert "Joined C40:** 2014" in shown


def test_unknown_city_in_url_is_ignored(make_app: AppFactory) -> None:
    at = make_app(city="atlantis")
    no_exception(at)
    assert at.session_state["ui.city"] is None


def test_other_data_directory_nothing_hard_coded(make_app: AppFactory) -> None:
    at = make_app(TINY_DATA)
    no_exception(at)
    assert sorted(city_ids(at)) == ["harbin", "kunming", "xiamen"]
    assert "The 3 C40 member cities" in texts(at)
