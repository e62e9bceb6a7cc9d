"""The files the deck.gl map loads by URL besides the boundary build's: the sea and the inset's copy."""

from __future__ import annotations

import importlib.util
import itertools
import json
from pathlib import Path

from tracker.geo import BOUNDARY_DIR, load_boundaries
from tracker.inset import SHIFT_LON, inset_extent, inset_frame

SCRIPT = Path(__file__).parents[2] / "scripts" / "build_inset.py"


def _build_inset():
    spec = importlib.util.spec_from_file_location("build_inset", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bundled_files_are_what_the_script_builds_from_the_bundled_boundaries() -> None:
    built = _build_inset().built_files()
    for relative, text in built.items():
        path = BOUNDARY_DIR / relative
        assert path.is_file(), f"{relative} missing: run scripts/build_inset.py"
        assert path.read_text(encoding="utf-8") == text, f"{relative} is stale: run scripts/build_inset.py"
    for folder in ("inset", "lines", "areas"):
        bundled = {p.relative_to(BOUNDARY_DIR).as_posix() for p in (BOUNDARY_DIR / folder).rglob("*") if p.is_file()}
        assert bundled <= set(built), f"not built by scripts/build_inset.py: {sorted(bundled - set(built))}"


def test_inset_copy_holds_the_islands_and_the_line_moved_west() -> None:
    extent = inset_extent(load_boundaries())
    national = json.loads((BOUNDARY_DIR / "inset" / "national.geojson").read_text(encoding="utf-8"))
    line = next(f for f in national["features"] if f["properties"].get("layer") == "maritime_boundary")
    points = [p for run in line["geometry"]["coordinates"] for p in run]
    original = json.loads((BOUNDARY_DIR / "national.geojson").read_text(encoding="utf-8"))
    source = next(f for f in original["features"] if f["properties"].get("layer") == "maritime_boundary")
    wanted = [p for run in source["geometry"]["coordinates"] for p in run]
    assert len(points) == len(wanted)  # the whole line is in the inset
    assert min(lat for _, lat in points) == min(lat for _, lat in wanted) < 4.0  # its southern end
    assert all(extent.west + SHIFT_LON - 1.6 <= lon <= extent.east + SHIFT_LON + 1.6 for lon, _ in points)
    provinces = json.loads((BOUNDARY_DIR / "inset" / "provinces.geojson").read_text(encoding="utf-8"))
    codes = {f["properties"]["adcode"] for f in provinces["features"]}
    assert {"440000", "460000"} <= codes  # Guangdong (Dongsha) and Hainan (Xisha, Zhongsha, Nansha)


def test_inset_frame_fits_its_extent() -> None:
    extent = inset_extent(load_boundaries())
    frame = inset_frame(150.0, extent)
    assert frame.width == 150.0 and 150.0 < frame.height < 300.0  # taller than wide: 2.5° N to 25.3° N
    assert extent.south < frame.latitude < extent.north and frame.longitude == (extent.west + extent.east) / 2


def _rings(layer: dict) -> list[list[list[float]]]:
    return [
        ring
        for f in layer["features"]
        for polygon in (
            [f["geometry"]["coordinates"]] if f["geometry"]["type"] == "Polygon" else f["geometry"]["coordinates"]
        )
        for ring in polygon
    ]


def _edges(layer: dict, decimals: int | None = None) -> set[tuple[tuple[float, float], tuple[float, float]]]:
    """Every edge of every ring or line of ``layer``, undirected (corners rounded to ``decimals``)."""
    edges = set()
    for feature in layer["features"]:
        geometry = feature["geometry"]
        runs = {
            "Polygon": lambda c: c,
            "MultiPolygon": lambda c: [ring for polygon in c for ring in polygon],
            "LineString": lambda c: [c],
            "MultiLineString": lambda c: c,
        }[geometry["type"]](geometry["coordinates"])
        for run in runs:
            for a, b in itertools.pairwise(run):
                a, b = (tuple(a), tuple(b)) if decimals is None else (_rounded(a, decimals), _rounded(b, decimals))
                if a != b:
                    edges.add((a, b) if a <= b else (b, a))
    return edges


def _rounded(point: list[float], decimals: int) -> tuple[float, float]:
    return round(point[0], decimals), round(point[1], decimals)


def _key(segment: dict) -> tuple[tuple[float, float], tuple[float, float]]:
    a, b = tuple(segment["s"]), tuple(segment["t"])
    return (a, b) if a <= b else (b, a)


def test_shared_borders_are_drawn_once_and_coasts_only_by_the_national_line() -> None:
    def square(west: float, adcode: str) -> dict:
        ring = [[west, 0.0], [west + 1, 0.0], [west + 1, 1.0], [west, 1.0], [west, 0.0]]
        return {"properties": {"adcode": adcode}, "geometry": {"type": "Polygon", "coordinates": [ring]}}

    provinces = {"features": [square(0.0, "a"), square(1.0, "b")]}
    # The national outline: the two squares' outer edges, the south coast simplified 0.004° apart.
    coast = [[0.0, 0.004], [2.0, 0.004]]
    outline = [[2.0, 0.004], [2.0, 1.0], [0.0, 1.0], [0.0, 0.004]]
    national = {
        "features": [{"properties": {}, "geometry": {"type": "MultiLineString", "coordinates": [coast, outline]}}]
    }
    drawn = _build_inset().segments(provinces, national)
    assert [_key(s) for s in drawn] == [((1.0, 0.0), (1.0, 1.0))]  # only the shared border, once
    alone = _build_inset().segments(provinces)
    assert len(alone) == 7  # 8 ring edges, the shared one once


def test_border_segments_are_the_geojson_borders_each_once_and_nothing_is_left_out() -> None:
    module = _build_inset()
    for lines, source, above in (
        ("provinces.json", "provinces.geojson", "national.geojson"),
        ("inset-provinces.json", "inset/provinces.geojson", "inset/national.geojson"),
    ):
        layer = json.loads((BOUNDARY_DIR / source).read_text(encoding="utf-8"))
        national = json.loads((BOUNDARY_DIR / above).read_text(encoding="utf-8"))
        segments = json.loads((BOUNDARY_DIR / "lines" / lines).read_text(encoding="utf-8"))
        keys = [_key(s) for s in segments]
        edges, national_edges = _edges(layer), _edges(national)
        assert all(set(s) == {"s", "t"} and s["s"] != s["t"] for s in segments)
        assert len(keys) == len(set(keys))  # a border two provinces share is drawn once
        assert set(keys) <= edges - national_edges  # each is a province border the national line does not draw
        near = module._Near([tuple(map(tuple, edge)) for edge in national_edges])
        left_out = edges - set(keys) - national_edges
        assert all(near(a) and near(b) for a, b in left_out)  # the rest run along the national line


def test_each_bundled_area_has_its_own_fill_and_outline_file() -> None:
    areas = json.loads((BOUNDARY_DIR / "areas.geojson").read_text(encoding="utf-8"))
    for feature in areas["features"]:
        code = feature["properties"]["adcode"]
        fill = json.loads((BOUNDARY_DIR / "areas" / f"{code}.geojson").read_text(encoding="utf-8"))
        assert fill["features"] == [feature]
        outline = json.loads((BOUNDARY_DIR / "lines" / "areas" / f"{code}.json").read_text(encoding="utf-8"))
        assert outline and {_key(s) for s in outline} == _edges(fill, decimals=3)  # the segment files' rounding
    served = {p.stem for p in (BOUNDARY_DIR / "areas").iterdir()}
    assert served == {f["properties"]["adcode"] for f in areas["features"]}
