"""AppTest: the map page (default page)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from components import colors
from tests.app.conftest import TINY_DATA, AppFactory, deck_specs, layer, no_exception, plain, texts

BASE_LAYERS = ("sea", "countries", "provinces", "province-lines", "national")
BOUNDARY_DIR = Path(__file__).parents[2] / "data" / "boundaries"
STATIC_DIR = Path(__file__).parents[2] / "static"
#: The bundled city and district outlines (data/boundaries/areas.geojson), one fill and one outline layer each.
AREA_CODES = sorted(
    f["properties"]["adcode"]
    for f in json.loads((BOUNDARY_DIR / "areas.geojson").read_text(encoding="utf-8"))["features"]
)
LAYER_IDS = [
    *BASE_LAYERS,
    *(f"areas-{code}" for code in AREA_CODES),
    *(f"area-lines-{code}" for code in AREA_CODES),
    "inset-sea",
    "inset-countries",
    "inset-provinces",
    "inset-province-lines",
    "inset-national",
    "inset-frame",
    "cities",
    "selected-city",
    "texts",
]


def city_ids(at: AppTest) -> list[str]:
    return [point["id"] for point in layer(deck_specs(at)[0], "cities")["data"]]


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
    provinces = json.loads(served_file(layer(deck, "provinces")["data"]).read_text(encoding="utf-8"))
    assert provinces["type"] == "FeatureCollection"
    assert len(provinces["features"]) >= 30


def served_file(url: object) -> Path:
    """The file behind a layer URL the app serves (``app/static/…`` is ``static/``, i.e. data/boundaries)."""
    assert isinstance(url, str) and url.startswith("app/static/"), url
    path = (STATIC_DIR / url.removeprefix("app/static/")).resolve()
    assert path.is_file(), url
    assert path.is_relative_to(STATIC_DIR.resolve()), url  # what Streamlit serves: nothing outside static/
    return path


def test_base_layers_are_urls_of_files_the_app_serves_and_no_geometry_travels(make_app: AppFactory) -> None:
    at = make_app(city="shanghai")
    raw = at.get("deck_gl_json_chart")[0].proto.json
    deck = json.loads(raw)
    for item in deck["layers"]:
        data = item.get("data")
        fill = item["id"].startswith("areas-")
        if item["id"] in BASE_LAYERS or item["id"].startswith("area-lines-") or (fill and item.get("visible", True)):
            served_file(data)  # outlines too, hidden or not: a city choice shows one without a fetch
        elif fill:
            assert data == [], item["id"]  # a hidden fill has no data: deck.gl would fetch and tessellate it
        elif item["id"].startswith("inset-") and isinstance(data, str):
            served_file(data)
    assert layer(deck, "area-lines-310000")["data"] == "app/static/lines/areas/310000.json"  # Shanghai, selected
    assert '"coordinates"' not in raw  # no GeoJSON geometry inline, not even the selected outline
    assert len(raw.encode("utf-8")) <= 40 * 1024
    assert (STATIC_DIR / "provinces.geojson").samefile(
        Path(__file__).parents[2] / "data" / "boundaries" / "provinces.geojson"
    )


def test_layers_keep_their_ids_and_places_whatever_is_shown(make_app: AppFactory) -> None:
    for params in ({}, {"city": "shanghai"}, {"programme": "cap-china"}, {"lang": "zh", "city": "wuhan"}):
        deck = deck_specs(make_app(**params))[0]
        assert [item["id"] for item in deck["layers"]] == LAYER_IDS, params


def test_deck_fetches_nothing_from_outside(make_app: AppFactory) -> None:
    at = make_app()
    raw = at.get("deck_gl_json_chart")[0].proto.json
    assert "mapProvider" not in json.loads(raw)
    assert json.loads(raw)["mapStyle"] == "__MAP_STYLE__"  # Streamlit's "no base map" sentinel
    assert not re.search(r"https?://", raw), re.findall(r"https?://[^\"]+", raw)[:3]


def test_marker_size_encodes_programme_count(make_app: AppFactory) -> None:
    points = {p["id"]: p for p in layer(deck_specs(make_app())[0], "cities")["data"]}
    assert points["beijing"]["r"] > points["wuhan"]["r"]
    assert points["shanghai"]["r"] == points["beijing"]["r"]  # one stated programme each
    assert points["wuhan"]["f"] == [255, 255, 255]  # no stated programme: a white marker
    assert "CBP" in points["qingdao"]["t"]
    assert "北京" in points["beijing"]["t"] and "Beijing" in points["beijing"]["t"]


def shown_areas(deck: dict, prefix: str) -> list[str]:
    """The adcodes whose ``prefix`` layer (``areas-`` fills, ``area-lines-`` outlines) is drawn."""
    return [
        item["id"].removeprefix(prefix)
        for item in deck["layers"]
        if item["id"].startswith(prefix) and item.get("visible", True)
    ]


def test_changning_district_drawn_for_cbp_scope(make_app: AppFactory) -> None:
    deck = deck_specs(make_app())[0]
    cbp = colors.rgba(colors.programme_colors(["beijing-office", "cbp"])["cbp"], 150)
    assert shown_areas(deck, "areas-") == ["310105"]  # only the one district scope
    assert layer(deck, "areas-310105")["getFillColor"] == cbp
    assert layer(deck, "areas-310105")["data"] == "app/static/areas/310105.geojson"
    assert shown_areas(deck, "area-lines-") == ["310105"]
    assert layer(deck, "area-lines-310105")["getColor"] == list(colors.MARKER_LINE)
    assert "Changning" in layer(deck, "cities")["data"][1]["t"]
    without = deck_specs(make_app(programme="beijing-office"))[0]
    assert shown_areas(without, "areas-") == [] and shown_areas(without, "area-lines-") == []


def test_selected_city_outline_and_ring(make_app: AppFactory) -> None:
    deck = deck_specs(make_app(city="wuhan"))[0]
    outline = layer(deck, "area-lines-420100")
    assert outline["getColor"] == list(colors.SELECTED_LINE) and outline["getWidth"] == 2.5
    assert outline["data"] == "app/static/lines/areas/420100.json"
    assert shown_areas(deck, "area-lines-") == ["310105", "420100"]  # Changning's scope, Wuhan selected
    assert shown_areas(deck, "areas-") == ["310105"]  # a selected city is outlined, not filled
    assert "420100" not in shown_areas(deck_specs(make_app())[0], "area-lines-")
    (ring,) = layer(deck, "selected-city")["data"]
    assert ring["p"] == [114.3055, 30.5928]
    # Nothing selected: no ring shows, but the layer keeps one of radius 0 far south of every view,
    # so deck.gl builds its GPU program on the first draw rather than on the first city choice.
    (idle,) = layer(deck_specs(make_app())[0], "selected-city")["data"]
    assert idle["r"] == 0 and idle["p"][1] < -60


def per_record(item: dict) -> set[str]:
    """The accessors of a layer that read each record (``@@=…``), not one constant."""
    return {key for key, value in item.items() if key.startswith("get") and str(value).startswith("@@=")}


def test_ring_reads_the_same_attributes_as_the_markers(make_app: AppFactory) -> None:
    # In software WebGL each distinct set of per-record attributes is a GPU pipeline of its own.
    for params in ({}, {"city": "wuhan"}, {"as_of": "2016-12"}, {"as_of": "2016-12", "city": "fuzhou"}):
        deck = deck_specs(make_app(**params))[0]
        ring, markers = layer(deck, "selected-city"), layer(deck, "cities")
        assert per_record(ring) == per_record(markers), params
        assert all(set(r) >= {"p", "r", "f"} and r["f"][3] == 0 for r in ring["data"]), params


def camera(at: AppTest) -> dict[str, float]:
    """The map's initial view state (longitude, latitude, zoom)."""
    view = deck_specs(at)[0]["initialViewState"]
    return {key: view[key] for key in ("longitude", "latitude", "zoom")}


def test_choosing_a_city_or_a_filter_leaves_the_camera_where_it_is(make_app: AppFactory) -> None:
    at = make_app()
    overview = camera(at)
    assert 2.5 <= overview["zoom"] < 5.0  # all of the cities, from Harbin's latitude to Shenzhen's
    at.session_state["ui.city"] = "wuhan"
    at.run()
    no_exception(at)
    assert camera(at) == overview
    assert layer(deck_specs(at)[0], "selected-city")["data"][0]["p"] == [114.3055, 30.5928]  # ringed in place
    assert camera(make_app(programme="cbp")) == overview  # four cities shown, the same frame
    assert camera(make_app(programme="cap-china")) == overview  # none shown, the same frame
    assert at.toggle(key="ui.zoom").value is False
    assert "zoom" not in at.query_params


def test_the_zoom_toggle_takes_the_map_to_the_chosen_city_and_into_the_url(make_app: AppFactory) -> None:
    at = make_app(city="wuhan")
    at.toggle(key="ui.zoom").set_value(True).run()
    no_exception(at)
    assert camera(at) == {"longitude": 114.3055, "latitude": 30.5928, "zoom": 8.6}  # close: its outline is bundled
    assert at.query_params["zoom"] in ("1", ["1"])
    shared = make_app(city="shanghai", zoom="1")  # the link of that view
    assert shared.toggle(key="ui.zoom").value is True
    assert camera(shared)["longitude"] == layer(deck_specs(shared)[0], "selected-city")["data"][0]["p"][0]
    at.toggle(key="ui.zoom").set_value(False).run()
    assert camera(at) == camera(make_app())
    assert "zoom" not in at.query_params


def positions(coordinates: list) -> list[list[float]]:
    """Every ``[lon, lat]`` pair of nested GeoJSON coordinates."""
    if coordinates and isinstance(coordinates[0], (int, float)):
        return [coordinates]
    return [p for part in coordinates for p in positions(part)]


def test_inset_is_a_second_fixed_view_of_the_south_china_sea(make_app: AppFactory) -> None:
    from tracker.geo import load_boundaries
    from tracker.inset import SHIFT_LON, inset_extent, inset_frame

    deck = deck_specs(make_app(city="shanghai"))[0]
    main, inset = deck["views"]
    assert main["id"] == "main" and main["controller"] is True
    assert inset["id"] == "inset" and inset["controller"] is False
    assert inset["x"].startswith("calc(100% - ") and inset["y"].startswith("calc(100% - ")
    camera = inset["viewState"]
    frame = inset_frame(inset["width"], inset_extent(load_boundaries()))
    assert abs(camera["longitude"] - SHIFT_LON - frame.longitude) < 1e-6 and abs(camera["zoom"] - frame.zoom) < 1e-6
    # What the fixed camera shows (back in real longitudes) holds the islands and the whole maritime line.
    shown = frame.shown
    national = json.loads((BOUNDARY_DIR / "national.geojson").read_text(encoding="utf-8"))
    line = next(f for f in national["features"] if f["properties"].get("layer") == "maritime_boundary")
    points = [p for part in line["geometry"]["coordinates"] for p in part]
    assert all(shown.west <= lon <= shown.east and shown.south <= lat <= shown.north for lon, lat in points)
    # The inset's own layers lie in the shifted copy, where no city is drawn.
    for layer_id in ("inset-countries", "inset-provinces"):
        copy = json.loads(served_file(layer(deck, layer_id)["data"]).read_text(encoding="utf-8"))
        lons = [lon for f in copy["features"] for lon, _ in positions(f["geometry"]["coordinates"])]
        assert lons and max(lons) < -40, layer_id
    for layer_id in ("inset-province-lines", "inset-national"):
        segments = json.loads(served_file(layer(deck, layer_id)["data"]).read_text(encoding="utf-8"))
        assert segments and max(max(s["s"][0], s["t"][0]) for s in segments) < -40, layer_id
    assert all(p["p"][0] > 60 for p in layer(deck, "cities")["data"])
    caption = layer(deck, "texts")["data"][-1]  # the inset's caption, in the shifted copy like its layers
    assert caption["text"] == "South China Sea Islands" and caption["p"][0] < -40
    zh = deck_specs(make_app(lang="zh"))[0]
    assert layer(zh, "texts")["data"][-1]["text"] == "南海诸岛"


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
    assert "Joined C40: 2014" in shown
    assert "Membership of C40" in shown


def test_city_panel_groups_membership_awards_roles_and_commitments(make_app: AppFactory) -> None:
    at = make_app(city="hong-kong")
    no_exception(at)
    shown = plain(texts(at))
    for heading in ("Membership of C40", "Programmes", "Awards", "Events", "Roles", "Commitments"):
        assert f"{heading}" in shown, heading
    assert "A member by: 2014-06" in shown and "Member before June 2014" in shown
    assert "date not stated: Hong Kong signs the C40 Clean Bus Declaration [S19]" in shown
    assert "2017-12-05: Hong Kong is a finalist" in shown
    assert "2023-12-03: Hong Kong attends the C40 Steering Committee meeting in Dubai [S29]" in shown
    assert "[S19]" in shown and "[S28]" in shown


def test_city_panel_shows_applying_bounds_with_certainty(make_app: AppFactory) -> None:
    at = make_app(city="hangzhou", lang="de")
    no_exception(at)
    shown = plain(texts(at))
    assert "Im Aufnahmeverfahren: 2017 (berichtet)" in shown
    assert "Spätestens Mitglied seit: 2019-04-02" in shown


def test_compare_with_opens_the_compare_page(make_app: AppFactory) -> None:
    at = make_app(city="wuhan")
    at.button(key="city.compare.wuhan").click().run()
    no_exception(at)
    assert at.session_state["ui.compare"] == ["wuhan"]
    assert at.multiselect(key="compare.cities").value == ["wuhan"]


def test_unknown_city_in_url_is_ignored(make_app: AppFactory) -> None:
    at = make_app(city="atlantis")
    no_exception(at)
    assert at.session_state["ui.city"] is None


def test_other_data_directory_nothing_hard_coded(make_app: AppFactory) -> None:
    at = make_app(TINY_DATA)
    no_exception(at)
    assert sorted(city_ids(at)) == ["harbin", "kunming", "xiamen"]
    assert "The 3 C40 member cities" in texts(at)
